#pragma once

#include "types.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QLineEdit;
class QSplitter;
class QTextBrowser;

namespace tp {

class PlanCatalog;
class SearchFilterProxyModel;
class TablePage;

/// The demands of the selected app: a status filter and a search over key and title, the
/// list, and the selected demand with its fields and its change set as a readable diff
/// (added / changed field by field, old → new / removed); a new demand (Ctrl+N) and the
/// workflow actions (submit, approve, reject, reopen, merge, cancel), each enabled only where
/// the demand's status allows it, with the outcome said below the list. A merge with
/// conflicts shows them side by side. Editing under a demand comes next.
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
    /// The key of the selected demand, empty if none.
    [[nodiscard]] QString currentKey() const;
    /// Splitter sizes between the list and the detail pane, column widths and sort order.
    [[nodiscard]] QByteArray saveState() const;
    void restoreState(const QByteArray& state);

private:
    void onPlanLoaded();
    void applyFilters();
    void updateDetail();
    void updateActions();
    void askAndRun(DemandAction action);
    void select(const QString& key);
    void say(const QString& text, bool error);

    PlanCatalog* m_catalog;
    SearchFilterProxyModel* m_proxy;
    QComboBox* m_statusFilter = nullptr;
    QLineEdit* m_searchEdit = nullptr;
    TablePage* m_listPage = nullptr;
    QTextBrowser* m_detail = nullptr;
    QPushButton* m_newButton = nullptr;
    QPushButton* m_workButton = nullptr;
    QHash<int, QPushButton*> m_actions; ///< by int(DemandAction)
    QLabel* m_message = nullptr;
    QString m_selectedKey; ///< kept across reloads of the list
    QSplitter* m_splitter = nullptr;
};

} // namespace tp
