#pragma once

#include <QWidget>

class QLineEdit;
class QSplitter;
class QTabWidget;
class QTableView;
class QTimer;

namespace tp {

class DetailView;
class PlanCatalog;
class SearchFilterProxyModel;
class TablePage;

/// The plan of the selected app, read-only: a search field over tabs with the events and the
/// attributes, and a detail pane for the selected row. The module pages of a later issue
/// (demands, versions, events, attributes) take its place piece by piece.
class PlanPage : public QWidget {
    Q_OBJECT
public:
    /// The catalog must outlive the page.
    explicit PlanPage(PlanCatalog* catalog, QWidget* parent = nullptr);

    /// Puts the cursor in the search field (Ctrl+F).
    void focusSearch();
    /// Splitter sizes between the tables and the detail pane.
    [[nodiscard]] QByteArray saveState() const;
    void restoreState(const QByteArray& state);

private:
    QWidget* createTabs();
    void onPlanLoaded(const QString& appKey);
    void applySearch(const QString& text);
    void updateDetail();
    void updateTabTitles();

    PlanCatalog* m_catalog;
    SearchFilterProxyModel* m_eventProxy;
    SearchFilterProxyModel* m_attributeProxy;
    QLineEdit* m_searchEdit = nullptr;
    QTimer* m_searchTimer = nullptr;
    QTabWidget* m_tabs = nullptr;
    TablePage* m_eventPage = nullptr;
    TablePage* m_attributePage = nullptr;
    DetailView* m_detail = nullptr;
    QSplitter* m_splitter = nullptr;
};

} // namespace tp
