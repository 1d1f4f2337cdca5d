#include "approvalrulesmodel.h"

#include <algorithm>

namespace tp {

ApprovalRulesModel::ApprovalRulesModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ApprovalRulesModel::setRules(const ApprovalRules& rules)
{
    beginResetModel();
    m_rules = rules;
    m_saved = rules;
    endResetModel();
    Q_EMIT modifiedChanged();
}

void ApprovalRulesModel::setEditable(bool editable)
{
    if (editable == m_editable) {
        return;
    }
    m_editable = editable;
    if (!m_rules.rules.isEmpty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

int ApprovalRulesModel::addRule()
{
    if (!m_editable) {
        return -1;
    }
    const int row = int(m_rules.rules.size());
    beginInsertRows({}, row, row);
    m_rules.rules.append(ApprovalRule{ApprovalCondition::AnyChange, {Approver::DataSteward}});
    endInsertRows();
    Q_EMIT modifiedChanged();
    return row;
}

bool ApprovalRulesModel::removeRule(int row)
{
    if (!m_editable || row < 0 || row >= m_rules.rules.size()) {
        return false;
    }
    beginRemoveRows({}, row, row);
    m_rules.rules.removeAt(row);
    endRemoveRows();
    Q_EMIT modifiedChanged();
    return true;
}

Approver ApprovalRulesModel::approverOf(int column)
{
    switch (column) {
    case OwnerColumn:
        return Approver::EventOwner;
    case AdminColumn:
        return Approver::Admin;
    default:
        return Approver::DataSteward;
    }
}

int ApprovalRulesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rules.rules.size());
}

int ApprovalRulesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ApprovalRulesModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rules.rules.size()) {
        return {};
    }
    const ApprovalRule& r = m_rules.rules.at(index.row());
    const int column = index.column();
    const bool approverColumn = column >= StewardColumn && column <= AdminColumn;
    switch (role) {
    case ConditionRole:
        return int(r.when);
    case Qt::EditRole:
        return column == ConditionColumn ? QVariant(int(r.when)) : QVariant();
    case Qt::CheckStateRole:
        return approverColumn ? QVariant(r.approvers.contains(approverOf(column)) ? Qt::Checked : Qt::Unchecked)
                              : QVariant();
    case Qt::DisplayRole:
        if (column == ConditionColumn) {
            return conditionLabel(r.when);
        }
        if (column == RuleColumn) {
            return r.approvers.isEmpty() ? tr("%1 → nobody: choose at least one approver").arg(conditionLabel(r.when))
                                         : ruleText(r);
        }
        return {};
    case Qt::ToolTipRole:
        return column == RuleColumn ? data(index, Qt::DisplayRole) : QVariant();
    default:
        return {};
    }
}

bool ApprovalRulesModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!m_editable || !index.isValid() || index.row() >= m_rules.rules.size()) {
        return false;
    }
    ApprovalRule& r = m_rules.rules[index.row()];
    const int column = index.column();
    if (column == ConditionColumn && role == Qt::EditRole) {
        bool ok = false;
        const int c = value.toInt(&ok);
        if (!ok || !allApprovalConditions().contains(static_cast<ApprovalCondition>(c))) {
            return false;
        }
        r.when = static_cast<ApprovalCondition>(c);
    } else if (column >= StewardColumn && column <= AdminColumn && role == Qt::CheckStateRole) {
        const Approver a = approverOf(column);
        r.approvers.removeAll(a);
        if (value.value<Qt::CheckState>() == Qt::Checked) {
            r.approvers.append(a);
            // The stored order is the order of allApprovers(), whatever order they were ticked in.
            std::sort(r.approvers.begin(), r.approvers.end(), [](Approver x, Approver y) { return int(x) < int(y); });
        }
    } else {
        return false;
    }
    changed(index.row());
    return true;
}

void ApprovalRulesModel::changed(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    Q_EMIT modifiedChanged();
}

Qt::ItemFlags ApprovalRulesModel::flags(const QModelIndex& index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (m_editable && index.column() == ConditionColumn) {
        f |= Qt::ItemIsEditable;
    } else if (m_editable && index.column() >= StewardColumn && index.column() <= AdminColumn) {
        f |= Qt::ItemIsUserCheckable;
    }
    return f;
}

QVariant ApprovalRulesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    if (role == Qt::ToolTipRole && section >= StewardColumn && section <= AdminColumn) {
        return tr("%1 must approve demands this rule applies to").arg(approverLabel(approverOf(section)));
    }
    if (role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case ConditionColumn:
        return tr("When a demand has");
    case StewardColumn:
    case OwnerColumn:
    case AdminColumn:
        return approverLabel(approverOf(section));
    case RuleColumn:
        return tr("Rule");
    default:
        return {};
    }
}

} // namespace tp
