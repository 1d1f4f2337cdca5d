#pragma once

#include "governance.h"

#include <QAbstractTableModel>

namespace tp {

/// An app's approval rules as an editable table: one row per rule with its condition
/// (Qt::EditRole: int(ApprovalCondition)), one check box per approver (data steward, event
/// owner, admin; all checked ones must approve) and the rule as one readable line. Rules are
/// added and removed here; GovernanceCatalog::saveRules() writes them.
class ApprovalRulesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { ConditionColumn, StewardColumn, OwnerColumn, AdminColumn, RuleColumn, ColumnCount };
    enum Roles {
        ConditionRole = Qt::UserRole + 1, ///< int(ApprovalCondition)
    };

    explicit ApprovalRulesModel(QObject* parent = nullptr);

    /// Shows the rules as stored (model reset); edits start from them.
    void setRules(const ApprovalRules& rules);
    /// The rules as edited (with the row version they were loaded at).
    [[nodiscard]] const ApprovalRules& rules() const { return m_rules; }
    [[nodiscard]] const ApprovalRules& savedRules() const { return m_saved; }
    [[nodiscard]] bool isModified() const { return m_rules.rules != m_saved.rules; }
    /// Whether rules may be edited, added and removed (the acting user's role).
    void setEditable(bool editable);
    [[nodiscard]] bool isEditable() const { return m_editable; }

    /// Appends a rule (every change → data steward); returns its row, -1 if not editable.
    int addRule();
    /// Removes a rule; false if not editable or no such row.
    bool removeRule(int row);
    /// The approver of a check-box column.
    [[nodiscard]] static Approver approverOf(int column);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex& index) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// The rules were edited or reloaded: isModified() may have changed.
    void modifiedChanged();

private:
    void changed(int row);

    ApprovalRules m_rules;
    ApprovalRules m_saved;
    bool m_editable = false;
};

} // namespace tp
