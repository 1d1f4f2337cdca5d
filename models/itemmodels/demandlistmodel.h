#pragma once

#include "types.h"

#include <QAbstractTableModel>

namespace tp {

/// The demands of an app as a table: key, title, status, priority, owner, target versions,
/// last change. Read-only; DemandCatalog fills it.
class DemandListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        KeyColumn,
        TitleColumn,
        StatusColumn,
        PriorityColumn,
        OwnerColumn,
        TargetColumn,
        UpdatedColumn,
        ColumnCount
    };
    enum Roles {
        KeyRole = Qt::UserRole + 1, ///< QString "DEM-0042"
        TitleRole,                  ///< QString
        StatusRole,                 ///< int(DemandStatus)
        SortRole,                   ///< a value that sorts right (times as QDateTime, priorities by rank)
    };

    explicit DemandListModel(QObject* parent = nullptr);

    /// Replaces all demands (model reset).
    void setDemands(QList<Demand> demands);
    [[nodiscard]] const QList<Demand>& demands() const { return m_demands; }
    /// Row of the demand with this key, -1 if there is none.
    [[nodiscard]] int rowOf(const QString& key) const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

private:
    QList<Demand> m_demands;
};

} // namespace tp
