#include "levelrequestmodel.h"

#include "enumlabels.h"

#include <QLocale>

#include <algorithm>

namespace tp {

LevelRequestModel::LevelRequestModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void LevelRequestModel::setRequests(QList<LevelRequest> requests)
{
    beginResetModel();
    m_requests = std::move(requests);
    endResetModel();
}

int LevelRequestModel::pendingCount() const
{
    return int(std::count_if(m_requests.cbegin(), m_requests.cend(),
                             [](const LevelRequest& r) { return r.decision == LevelDecision::Pending; }));
}

int LevelRequestModel::rowOf(const QString& demandKey, const QString& eventKey) const
{
    for (int row = 0; row < m_requests.size(); ++row) {
        if (m_requests.at(row).demandKey == demandKey && m_requests.at(row).eventKey == eventKey) {
            return row;
        }
    }
    return -1;
}

int LevelRequestModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_requests.size());
}

int LevelRequestModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LevelRequestModel::display(const LevelRequest& r, int column) const
{
    switch (column) {
    case EventColumn:
        return r.eventKey;
    case NameColumn:
        return r.eventName;
    case CategoryColumn:
        return r.category;
    case LevelColumn:
        return tr("%1 → %2").arg(r.from ? levelLabel(*r.from) : tr("new"), levelLabel(r.to));
    case DemandColumn:
        return r.demandKey;
    case DemandTitleColumn:
        return r.demandTitle;
    case DemandStatusColumn:
        return demandStatusLabel(r.demandStatus);
    case ProposedByColumn:
        return r.proposedBy;
    case OwnerColumn:
        return r.owner;
    case DecisionColumn:
        return levelDecisionLabel(r.decision);
    case DecidedByColumn:
        return r.decidedBy;
    case DecidedAtColumn:
        return r.decidedAt.isValid() ? QLocale().toString(r.decidedAt.toLocalTime(), QLocale::ShortFormat) : QString();
    case CommentColumn:
        return r.comment;
    default:
        return {};
    }
}

QVariant LevelRequestModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_requests.size()) {
        return {};
    }
    const LevelRequest& r = m_requests.at(index.row());
    switch (role) {
    case EventKeyRole:
        return r.eventKey;
    case DemandKeyRole:
        return r.demandKey;
    case DecisionRole:
        return int(r.decision);
    case ToLevelRole:
        return int(r.to);
    case FromLevelRole:
        return r.from ? int(*r.from) : -1;
    case SortRole:
        switch (index.column()) {
        case LevelColumn:
            return int(r.to) * 10 + (r.from ? int(*r.from) + 1 : 0);
        case DemandStatusColumn:
            return int(r.demandStatus);
        case DecisionColumn:
            return int(r.decision);
        case DecidedAtColumn:
            return r.decidedAt;
        default:
            return display(r, index.column());
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case LevelColumn:
            return levelDescription(r.to);
        case DemandTitleColumn:
        case CommentColumn:
        case NameColumn:
            return display(r, index.column());
        default:
            return {};
        }
    case Qt::DisplayRole:
        return display(r, index.column());
    default:
        return {};
    }
}

QVariant LevelRequestModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case EventColumn:
        return tr("Event");
    case NameColumn:
        return tr("Name");
    case CategoryColumn:
        return tr("Category");
    case LevelColumn:
        return tr("Level change");
    case DemandColumn:
        return tr("Demand");
    case DemandTitleColumn:
        return tr("Demand title");
    case DemandStatusColumn:
        return tr("Demand status");
    case ProposedByColumn:
        return tr("Proposed by");
    case OwnerColumn:
        return tr("Owner");
    case DecisionColumn:
        return tr("Decision");
    case DecidedByColumn:
        return tr("Decided by");
    case DecidedAtColumn:
        return tr("Decided at");
    case CommentColumn:
        return tr("Comment");
    default:
        return {};
    }
}

} // namespace tp
