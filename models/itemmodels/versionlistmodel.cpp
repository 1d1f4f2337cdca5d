#include "versionlistmodel.h"

#include "versionservice.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace tp {
namespace {

QString timeText(const QDateTime& t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QStringLiteral("—");
}

} // namespace

QString versionStatusLabel(VersionStatus status)
{
    switch (status) {
    case VersionStatus::Planning:
        return QCoreApplication::translate("tp::labels", "Planning");
    case VersionStatus::Frozen:
        return QCoreApplication::translate("tp::labels", "Frozen");
    case VersionStatus::Released:
        return QCoreApplication::translate("tp::labels", "Released");
    }
    return {};
}

VersionListModel::VersionListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void VersionListModel::setVersions(const QList<Version>& versions, const QList<SnapshotInfo>& snapshots)
{
    beginResetModel();
    m_versions = versions;
    std::reverse(m_versions.begin(), m_versions.end());
    m_snapshots.clear();
    for (const SnapshotInfo& s : snapshots) {
        m_snapshots.insert(s.versionName, {s.eventCount, s.attributeCount});
    }
    endResetModel();
}

QStringList VersionListModel::comparableNames() const
{
    QStringList names;
    for (const Version& v : m_versions) {
        if (m_snapshots.contains(v.name)) {
            names << v.name;
        }
    }
    return names;
}

int VersionListModel::rowOf(const QString& name) const
{
    for (qsizetype row = 0; row < m_versions.size(); ++row) {
        if (m_versions.at(row).name == name) {
            return int(row);
        }
    }
    return -1;
}

int VersionListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_versions.size());
}

int VersionListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant VersionListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_versions.size()) {
        return {};
    }
    const Version& v = m_versions.at(index.row());
    const auto snapshot = m_snapshots.constFind(v.name);
    switch (role) {
    case NameRole:
        return v.name;
    case StatusRole:
        return int(v.status);
    case HasSnapshotRole:
        return snapshot != m_snapshots.constEnd();
    case DemandKeysRole:
        return v.demandKeys;
    case Qt::ToolTipRole:
        if (index.column() == DemandsColumn && !v.demandKeys.isEmpty()) {
            return v.demandKeys.join(QLatin1String(", "));
        }
        return v.description.isEmpty() ? QVariant() : QVariant(v.description);
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return int(m_versions.size()) - index.row(); // the rows are in version order, newest first
        case StatusColumn:
            return int(v.status);
        case DemandsColumn:
            return int(v.demandKeys.size());
        case SnapshotColumn:
            return snapshot == m_snapshots.constEnd() ? -1 : snapshot->events;
        case FrozenColumn:
            return v.frozenAt;
        case ReleasedColumn:
            return v.releasedAt;
        default:
            return {};
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return v.name;
        case StatusColumn:
            return versionStatusLabel(v.status);
        case DemandsColumn:
            return int(v.demandKeys.size());
        case SnapshotColumn:
            return snapshot == m_snapshots.constEnd()
                ? QStringLiteral("—")
                : tr("%1 events, %2 attributes").arg(snapshot->events).arg(snapshot->attributes);
        case FrozenColumn:
            return timeText(v.frozenAt);
        case ReleasedColumn:
            return timeText(v.releasedAt);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant VersionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case NameColumn:
        return tr("Version");
    case StatusColumn:
        return tr("Status");
    case DemandsColumn:
        return tr("Demands");
    case SnapshotColumn:
        return tr("Snapshot");
    case FrozenColumn:
        return tr("Frozen");
    case ReleasedColumn:
        return tr("Released");
    default:
        return {};
    }
}

} // namespace tp
