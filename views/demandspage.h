#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QSplitter;
class QTextBrowser;

namespace tp {

class PlanCatalog;
class SearchFilterProxyModel;
class TablePage;

/// The demands of the selected app: a status filter and a search over key and title, the
/// list, and the selected demand with its fields and its change set as a readable diff
/// (added / changed field by field, old → new / removed). Read-only for now: the workflow
/// actions and editing under a demand come next.
class DemandsPage : public QWidget {
    Q_OBJECT
public:
    /// The catalog must outlive the page.
    explicit DemandsPage(PlanCatalog* catalog, QWidget* parent = nullptr);

    void focusSearch();
    /// Splitter sizes between the list and the detail pane.
    [[nodiscard]] QByteArray saveState() const;
    void restoreState(const QByteArray& state);

private:
    void onPlanLoaded();
    void applyFilters();
    void updateDetail();

    PlanCatalog* m_catalog;
    SearchFilterProxyModel* m_proxy;
    QComboBox* m_statusFilter = nullptr;
    QLineEdit* m_searchEdit = nullptr;
    TablePage* m_listPage = nullptr;
    QTextBrowser* m_detail = nullptr;
    QSplitter* m_splitter = nullptr;
};

} // namespace tp
