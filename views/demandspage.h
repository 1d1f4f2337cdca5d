#pragma once

#include "types.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSplitter;

namespace tp {

class DemandActionBar;
class DemandReviewPanel;
class PlanCatalog;
class SearchFilterProxyModel;
class TablePage;
struct MergeConflict;

/// The demands of the selected app: a status filter and a search over key and title, the
/// list, and the selected demand's review (DemandReviewPanel: the approvals still missing and
/// why, the discussion, the change set, comments). A new demand (Ctrl+N) and the workflow
/// actions (DemandActionBar: submit, approve, sign off, request changes, reject, reopen, merge,
/// cancel), each enabled only where the role, the status and the approvals allow it, with the
/// outcome said below the list. A merge with conflicts opens the dialog that resolves them
/// field by field and merges again.
class DemandsPage : public QWidget {
    Q_OBJECT
public:
    /// The catalog must outlive the page.
    explicit DemandsPage(PlanCatalog* catalog, QWidget* parent = nullptr);

    void focusSearch();
    /// Opens the New demand dialog; the demand is created when it is accepted.
    void newDemand();
    /// Runs `action` on the selected demand (Merge included) and says how it went.
    void runAction(DemandAction action, const QString& comment = {});
    /// The acting user signs the selected demand off as the owner of events in it.
    void signOff();
    /// The key of the selected demand, empty if none.
    [[nodiscard]] QString currentKey() const;
    /// Splitter sizes between the list and the detail pane, column widths and sort order.
    [[nodiscard]] QByteArray saveState() const;
    void restoreState(const QByteArray& state);

protected:
    /// Decisions taken elsewhere (levels on the Governance page) show when the page comes back.
    void showEvent(QShowEvent* event) override;

private:
    void onPlanLoaded();
    void applyFilters();
    void updateDetail();
    void askAndRun(DemandAction action);
    void workUnderDemand();
    void merge(const QString& key);
    void showConflicts(const QString& key, const QList<MergeConflict>& conflicts);
    void select(const QString& key);
    void say(const QString& text, bool error);

    PlanCatalog* m_catalog;
    SearchFilterProxyModel* m_proxy;
    QComboBox* m_statusFilter = nullptr;
    QLineEdit* m_searchEdit = nullptr;
    DemandActionBar* m_actions = nullptr;
    TablePage* m_listPage = nullptr;
    DemandReviewPanel* m_panel = nullptr;
    QLabel* m_message = nullptr;
    QString m_selectedKey; ///< kept across reloads of the list
    QSplitter* m_splitter = nullptr;
};

} // namespace tp
