#pragma once

#include "governanceservice.h"

#include <QAbstractTableModel>

namespace tp {

/// The changes of an app's governance policy and approval rules, newest first: when, who,
/// what (policy or rules), the differences one per line (governanceChangeLines()) and the
/// comment. Read-only; GovernanceCatalog fills it.
class GovernanceHistoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, UserColumn, KindColumn, ChangesColumn, CommentColumn, ColumnCount };
    enum Roles {
        KindRole = Qt::UserRole + 1, ///< QString "policy" or "rules"
        LinesRole,                   ///< QStringList: the differences
        SortRole,                    ///< times as QDateTime
    };

    explicit GovernanceHistoryModel(QObject* parent = nullptr);

    /// Replaces the history (model reset).
    void setChanges(QList<GovernanceChange> changes);
    [[nodiscard]] const QList<GovernanceChange>& changes() const { return m_changes; }

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

private:
    QList<GovernanceChange> m_changes;
    QList<QStringList> m_lines; ///< computed once per change
};

} // namespace tp
