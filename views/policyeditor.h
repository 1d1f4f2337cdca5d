#pragma once

#include "error.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QTableView;

namespace tp {

class GovernanceCatalog;
class PlanCatalog;

/// The governance policy of the current app (what each level means for collection) and its
/// approval rules (who must approve a demand, by what it changes), both editable by data
/// stewards and admins and saved with a comment. For others every control stays visible but
/// disabled, with the reason as tooltip. A save that finds the policy or rules changed by
/// someone else meanwhile writes nothing: it says so and shows what is stored now.
class PolicyEditor : public QWidget {
    Q_OBJECT
public:
    /// Both catalogs must outlive the editor.
    PolicyEditor(PlanCatalog* plan, GovernanceCatalog* governance, QWidget* parent = nullptr);

    /// Enables what the acting user's role allows (after a load or a change of user).
    void updatePermissions();
    /// Asks for a comment, then saves the edited policy.
    void savePolicy();
    /// Asks for a comment, then saves the edited rules.
    void saveRules();

private:
    void updateButtons();
    void say(const QString& text, bool error);
    /// Ends a save of `what` (no error: saved) and returns what the dialog shows: nothing when
    /// it may close (saved, or a conflict, said on the page), else the error.
    QString finishSave(const QString& what, const std::optional<Error>& error);

    PlanCatalog* m_plan;
    GovernanceCatalog* m_governance;
    QTableView* m_policyTable;
    QTableView* m_rulesTable;
    QLabel* m_readOnlyNote;
    QLabel* m_message;
    QPushButton* m_savePolicy;
    QPushButton* m_revertPolicy;
    QPushButton* m_addRule;
    QPushButton* m_removeRule;
    QPushButton* m_saveRules;
    QPushButton* m_revertRules;
    QString m_denied; ///< why the acting user may not edit; empty if they may
};

} // namespace tp
