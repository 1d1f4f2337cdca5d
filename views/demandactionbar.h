#pragma once

#include "types.h"

#include <QHash>
#include <QWidget>

class QPushButton;

namespace tp {

class PlanCatalog;
struct ReviewState;

/// The buttons of the Demands page: New demand, the workflow actions (submit, approve, sign
/// off, request changes, reject, reopen, merge, cancel) and Work under this demand. Each is
/// enabled only where the acting user's role, the demand's status and (Merge) its approvals
/// allow it; a disabled button's tooltip says why, the role's reason first.
class DemandActionBar : public QWidget {
    Q_OBJECT
public:
    /// The catalog must outlive the bar.
    explicit DemandActionBar(PlanCatalog* catalog, QWidget* parent = nullptr);

    /// Enables the buttons for the selected demand (null: none) and its review state (null:
    /// unknown, then Merge and Sign off are left to the store to refuse).
    void updateFor(const Demand* demand, const ReviewState* state);
    /// The button's text: "Approve", "Reject…".
    [[nodiscard]] static QString actionName(DemandAction action);

Q_SIGNALS:
    void newRequested();
    void actionRequested(tp::DemandAction action);
    void signOffRequested();
    void workRequested();

private:
    PlanCatalog* m_catalog;
    QPushButton* m_newButton = nullptr;
    QPushButton* m_signOffButton = nullptr;
    QPushButton* m_workButton = nullptr;
    QHash<int, QPushButton*> m_actions; ///< by int(DemandAction)
};

} // namespace tp
