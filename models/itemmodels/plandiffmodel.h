#pragma once

#include "plandiff.h"

#include <QAbstractItemModel>

namespace tp {

/// The differences between two versions as a tree: "Events (n)" and "Attributes (n)", under
/// them each added / changed / removed entity, under an entity its fields (before → after)
/// and, for events, its bindings that were added, changed or removed. Read-only.
class PlanDiffModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, ChangeColumn, BeforeColumn, AfterColumn, ColumnCount };
    enum Roles {
        KeyRole = Qt::UserRole + 1, ///< QString key of an entity row (empty for other rows)
        KindRole,                   ///< int(EntityDiff::Kind) of an entity row (invalid for other rows)
    };

    explicit PlanDiffModel(QObject* parent = nullptr);

    /// Replaces the tree (model reset).
    void setDiff(const PlanDiff& diff);
    void clear() { setDiff({}); }

    [[nodiscard]] QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex& child) const override;
    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

private:
    struct Node {
        int parent = -1; ///< -1: a top-level row
        int row = 0;     ///< among its parent's children
        QList<int> children;
        QString name;
        QString change;
        QString before;
        QString after;
        QString key;
        int kind = -1; ///< EntityDiff::Kind of an entity row, else -1
    };
    int add(int parent, Node node);
    void addEntity(int group, const EntityDiff& e, const QList<BindingDiff>& bindings);

    QList<Node> m_nodes;
    QList<int> m_top;
};

/// "Added", "Changed", "Removed".
[[nodiscard]] QString diffKindLabel(EntityDiff::Kind kind);

} // namespace tp
