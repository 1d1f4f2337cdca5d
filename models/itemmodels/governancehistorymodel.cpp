#include "governancehistorymodel.h"

#include "governancetext.h"

#include <QLocale>

namespace tp {

GovernanceHistoryModel::GovernanceHistoryModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void GovernanceHistoryModel::setChanges(QList<GovernanceChange> changes)
{
    beginResetModel();
    m_changes = std::move(changes);
    m_lines.clear();
    m_lines.reserve(m_changes.size());
    for (const GovernanceChange& c : std::as_const(m_changes)) {
        m_lines.append(governanceChangeLines(c));
    }
    endResetModel();
}

int GovernanceHistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_changes.size());
}

int GovernanceHistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GovernanceHistoryModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_changes.size()) {
        return {};
    }
    const GovernanceChange& c = m_changes.at(index.row());
    switch (role) {
    case KindRole:
        return c.kind;
    case LinesRole:
        return m_lines.at(index.row());
    case SortRole:
        return index.column() == TimeColumn ? QVariant(c.at) : data(index, Qt::DisplayRole);
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn) {
            return QLocale().toString(c.at.toLocalTime(), QLocale::LongFormat);
        }
        return index.column() == ChangesColumn || index.column() == CommentColumn ? data(index, Qt::DisplayRole)
                                                                                  : QVariant();
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QLocale().toString(c.at.toLocalTime(), QLocale::ShortFormat);
        case UserColumn:
            return c.by;
        case KindColumn:
            return governanceKindLabel(c.kind);
        case ChangesColumn:
            return m_lines.at(index.row()).join(QLatin1Char('\n'));
        case CommentColumn:
            return c.comment;
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant GovernanceHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case TimeColumn:
        return tr("When");
    case UserColumn:
        return tr("Who");
    case KindColumn:
        return tr("What");
    case ChangesColumn:
        return tr("Changes");
    case CommentColumn:
        return tr("Comment");
    default:
        return {};
    }
}

} // namespace tp
