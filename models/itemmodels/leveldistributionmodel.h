#pragma once

#include "governance.h"

#include <QAbstractTableModel>

namespace tp {

/// How many events of an app's merged plan have each governance level, per category: one row
/// per category (by name; events without one as "(no category)") and a last row with the
/// totals; columns category, A, B, C, D, total. Read-only; GovernanceCatalog fills it.
class LevelDistributionModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { CategoryColumn, ACountColumn, BCountColumn, CCountColumn, DCountColumn, TotalColumn, ColumnCount };
    enum Roles {
        CategoryRole = Qt::UserRole + 1, ///< QString as stored ("" = none)
        TotalRowRole,                    ///< bool: the totals row
        SortRole,                        ///< counts as numbers; the totals row sorts last
    };

    explicit LevelDistributionModel(QObject* parent = nullptr);

    /// Replaces the counts (model reset); categories are sorted by name.
    void setCounts(QList<LevelCount> counts);
    /// The categories, sorted by name, without the totals row.
    [[nodiscard]] const QList<LevelCount>& counts() const { return m_counts; }
    /// Events per level over every category.
    [[nodiscard]] LevelCount totals() const;
    /// A category as people read it ("(no category)" for "").
    [[nodiscard]] static QString categoryText(const QString& category);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

private:
    QList<LevelCount> m_counts;
    LevelCount m_totals;
};

} // namespace tp
