#include "demandlistmodel.h"

#include "enumlabels.h"

#include <QLocale>

namespace tp {

DemandListModel::DemandListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void DemandListModel::setDemands(QList<Demand> demands)
{
    beginResetModel();
    m_demands = std::move(demands);
    endResetModel();
}

int DemandListModel::rowOf(const QString& key) const
{
    for (int row = 0; row < m_demands.size(); ++row) {
        if (m_demands.at(row).key == key) {
            return row;
        }
    }
    return -1;
}

int DemandListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_demands.size());
}

int DemandListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DemandListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_demands.size()) {
        return {};
    }
    const Demand& d = m_demands.at(index.row());
    switch (role) {
    case KeyRole:
        return d.key;
    case TitleRole:
        return d.title;
    case StatusRole:
        return int(d.status);
    case Qt::ToolTipRole:
        return index.column() == TitleColumn && !d.description.isEmpty() ? QVariant(d.description) : QVariant();
    case SortRole:
        switch (index.column()) {
        case StatusColumn:
            return int(d.status);
        case PriorityColumn:
            return int(d.priority);
        case UpdatedColumn:
            return d.updatedAt;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return d.key;
        case TitleColumn:
            return d.title;
        case StatusColumn:
            return demandStatusLabel(d.status);
        case PriorityColumn:
            return priorityLabel(d.priority);
        case OwnerColumn:
            return d.owner;
        case TargetColumn:
            return d.targetVersions.join(QLatin1String(", "));
        case UpdatedColumn:
            return QLocale().toString(d.updatedAt.toLocalTime(), QLocale::ShortFormat);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant DemandListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case TitleColumn:
        return tr("Title");
    case StatusColumn:
        return tr("Status");
    case PriorityColumn:
        return tr("Priority");
    case OwnerColumn:
        return tr("Owner");
    case TargetColumn:
        return tr("Target versions");
    case UpdatedColumn:
        return tr("Updated");
    default:
        return {};
    }
}

} // namespace tp
