#pragma once

#include "types.h"

#include <QAbstractTableModel>
#include <QHash>

namespace tp {

struct SnapshotInfo;

/// The versions of an app, newest first: name, status, demands, snapshot size, freeze and
/// release times. Read-only; PlanCatalog fills it. A sorting proxy sorts by SortRole.
class VersionListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, StatusColumn, DemandsColumn, SnapshotColumn, FrozenColumn, ReleasedColumn, ColumnCount };
    enum Roles {
        NameRole = Qt::UserRole + 1, ///< QString "6.3.0"
        StatusRole,                  ///< int(VersionStatus)
        HasSnapshotRole,             ///< bool: frozen or released, so it can be compared
        DemandKeysRole,              ///< QStringList: keys of the demands assigned to it
        SortRole,                    ///< the column's value to sort by (names in version order)
    };

    explicit VersionListModel(QObject* parent = nullptr);

    /// Replaces all versions (given oldest first, as the store lists them) and their snapshots.
    void setVersions(const QList<Version>& versions, const QList<SnapshotInfo>& snapshots);
    [[nodiscard]] const QList<Version>& versions() const { return m_versions; }
    /// The row of the version with this name, -1 if none.
    [[nodiscard]] int rowOf(const QString& name) const;
    /// Names of the versions with a snapshot, newest first.
    [[nodiscard]] QStringList comparableNames() const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

private:
    struct Counts {
        int events = 0;
        int attributes = 0;
    };
    QList<Version> m_versions; ///< newest first
    QHash<QString, Counts> m_snapshots;
};

/// "Planning", "Frozen", "Released".
[[nodiscard]] QString versionStatusLabel(VersionStatus status);

} // namespace tp
