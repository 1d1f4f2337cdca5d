#include "policytablemodel.h"

#include "enumlabels.h"
#include "governancetext.h"

namespace tp {

PolicyTableModel::PolicyTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void PolicyTableModel::setPolicy(const GovernancePolicy& policy)
{
    beginResetModel();
    m_policy = policy;
    m_saved = policy;
    endResetModel();
    Q_EMIT modifiedChanged();
}

bool PolicyTableModel::isModified() const
{
    return m_policy.levels != m_saved.levels;
}

void PolicyTableModel::setEditable(bool editable)
{
    if (editable == m_editable) {
        return;
    }
    m_editable = editable;
    if (!m_policy.levels.isEmpty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

bool LevelPolicy::*PolicyTableModel::flagOf(int column)
{
    switch (column) {
    case RejectColumn:
        return &LevelPolicy::reject;
    case QuarantineColumn:
        return &LevelPolicy::quarantine;
    case AnalyticsColumn:
        return &LevelPolicy::analytics;
    case WarehouseColumn:
        return &LevelPolicy::warehouseOds;
    case RealtimeColumn:
        return &LevelPolicy::realtime;
    case HealthAlertsColumn:
        return &LevelPolicy::healthAlerts;
    default:
        return nullptr;
    }
}

int PolicyTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_policy.levels.size());
}

int PolicyTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PolicyTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_policy.levels.size()) {
        return {};
    }
    const LevelPolicy& p = m_policy.levels.at(index.row());
    const int column = index.column();
    bool LevelPolicy::*flag = flagOf(column);
    switch (role) {
    case LevelRole:
        return int(p.level);
    case ModifiedRole: {
        if (index.row() >= m_saved.levels.size()) {
            return true;
        }
        const LevelPolicy& s = m_saved.levels.at(index.row());
        if (flag) {
            return p.*flag != s.*flag;
        }
        return column == SamplingColumn && p.samplingRate != s.samplingRate;
    }
    case Qt::CheckStateRole:
        return flag ? QVariant(p.*flag ? Qt::Checked : Qt::Unchecked) : QVariant();
    case Qt::EditRole:
        if (column == SamplingColumn) {
            return p.samplingRate * 100.0;
        }
        return flag ? QVariant(p.*flag) : QVariant();
    case Qt::DisplayRole:
        if (column == LevelColumn) {
            return levelLabel(p.level);
        }
        return column == SamplingColumn ? QVariant(samplingText(p.samplingRate)) : QVariant();
    case Qt::ToolTipRole:
        if (column == LevelColumn) {
            return levelDescription(p.level);
        }
        return column > LevelColumn ? QVariant(policyFieldHelp(policyFields().at(column - 1))) : QVariant();
    default:
        return {};
    }
}

bool PolicyTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!m_editable || !index.isValid() || index.row() >= m_policy.levels.size()) {
        return false;
    }
    LevelPolicy& p = m_policy.levels[index.row()];
    if (bool LevelPolicy::*flag = flagOf(index.column()); flag && role == Qt::CheckStateRole) {
        p.*flag = value.value<Qt::CheckState>() == Qt::Checked;
    } else if (index.column() == SamplingColumn && role == Qt::EditRole) {
        bool ok = false;
        const double percent = value.toDouble(&ok);
        if (!ok || percent < 0.0 || percent > 100.0) {
            return false;
        }
        p.samplingRate = percent / 100.0;
    } else {
        return false;
    }
    Q_EMIT dataChanged(index, index);
    Q_EMIT modifiedChanged();
    return true;
}

Qt::ItemFlags PolicyTableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    // Read-only, the check boxes still show what the policy says; they just do not toggle.
    if (m_editable && flagOf(index.column())) {
        f |= Qt::ItemIsUserCheckable;
    } else if (m_editable && index.column() == SamplingColumn) {
        f |= Qt::ItemIsEditable;
    }
    return f;
}

QVariant PolicyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    if (section == LevelColumn) {
        return role == Qt::DisplayRole ? QVariant(tr("Level")) : QVariant();
    }
    const QString field = policyFields().at(section - 1);
    switch (role) {
    case Qt::DisplayRole:
        return policyFieldLabel(field);
    case Qt::ToolTipRole:
        return policyFieldHelp(field);
    default:
        return {};
    }
}

} // namespace tp
