#pragma once

#include "types.h"

#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QTimer;
class QUndoStack;

namespace tp {

class DetailView;
class PlanFilterBar;
class PlanCatalog;
class SearchFilterProxyModel;
class TablePage;

/// The plan of the selected app: a search field over tabs with the events and the attributes,
/// and a detail pane for the selected row. While a demand is active, events can be created and
/// edited (into its change set); pending ones are marked in the table. The module pages of a later issue
/// (demands, versions, events, attributes) take its place piece by piece.
class PlanPage : public QWidget {
    Q_OBJECT
public:
    /// The catalog must outlive the page.
    explicit PlanPage(PlanCatalog* catalog, QWidget* parent = nullptr);

    /// Puts the cursor in the search field (Ctrl+F).
    void focusSearch();
    /// Splitter sizes between the tables and the detail pane, column widths and sort order.
    [[nodiscard]] QByteArray saveState() const;
    void restoreState(const QByteArray& state);
    /// Opens the event editor for a new event, or for the selected one (editing needs an
    /// active demand; the edit goes into its change set).
    void newEvent();
    void editEvent();
    /// The same for attributes (on the Attributes tab).
    void newAttribute();
    void editAttribute();
    /// The edits made here under the active demand, undoable (cleared when it changes).
    [[nodiscard]] QUndoStack* undoStack() const { return m_undo; }

private:
    QWidget* createTabs();
    void onPlanLoaded(const QString& appKey);
    void applySearch(const QString& text);
    void updateDetail();
    void updateTabTitles();
    void updateEditing();
    void updateHistory();
    void openEditor(const Event& event, bool isNew);
    void openAttributeEditor(const Attribute& attribute, bool isNew);
    void say(const QString& text, bool error);
    /// Saves an edited event or attribute into the active demand through the undo stack and
    /// says how it went; returns the error, empty if saved.
    template <typename Entity> QString saveUndoably(const Entity& edited, std::optional<Entity> before, bool isNew);

    PlanCatalog* m_catalog;
    SearchFilterProxyModel* m_eventProxy;
    SearchFilterProxyModel* m_attributeProxy;
    QLineEdit* m_searchEdit = nullptr;
    QTimer* m_searchTimer = nullptr;
    QTabWidget* m_tabs = nullptr;
    TablePage* m_eventPage = nullptr;
    TablePage* m_attributePage = nullptr;
    DetailView* m_detail = nullptr;
    QTabWidget* m_detailTabs = nullptr;
    DetailView* m_history = nullptr;
    QSplitter* m_splitter = nullptr;
    QPushButton* m_newEventButton = nullptr;
    QPushButton* m_editEventButton = nullptr;
    QPushButton* m_newAttributeButton = nullptr;
    QPushButton* m_editAttributeButton = nullptr;
    QLabel* m_message = nullptr;
    QUndoStack* m_undo = nullptr;
    PlanFilterBar* m_filters = nullptr;
    qint64 m_lastSearchMs = 0; ///< how long the last filtering took (decides the debounce)
};

} // namespace tp
