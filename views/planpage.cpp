#include "planpage.h"

#include "applistmodel.h"
#include "attributeeditor.h"
#include "attributetablemodel.h"
#include "detailview.h"
#include "editcommands.h"
#include "eventeditor.h"
#include "eventtablemodel.h"
#include "leveldelegate.h"
#include "pendingdelegate.h"
#include "plancatalog.h"
#include "planfilterbar.h"
#include "rules.h"
#include "searchfilterproxymodel.h"
#include "tablepage.h"

#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScopeGuard>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace tp {
namespace {

enum Tab { EventsTab, AttributesTab };

/// When filtering took longer than this, the search waits for a pause in typing rather than
/// filtering on every key.
constexpr qint64 kSlowSearchMs = 100;
constexpr int kDebounceMs = 200;

} // namespace

PlanPage::PlanPage(PlanCatalog* catalog, QWidget* parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_eventProxy(new SearchFilterProxyModel(this))
    , m_attributeProxy(new SearchFilterProxyModel(this))
{
    setObjectName(QStringLiteral("planPage"));
    m_eventProxy->setSourceModel(catalog->eventModel());
    m_eventProxy->setSortRole(EventTableModel::SortRole);
    m_eventProxy->setSearchRoles({EventTableModel::KeyRole, EventTableModel::DisplayNameRole,
                                  EventTableModel::DescriptionRole, EventTableModel::TagsRole});
    m_attributeProxy->setSourceModel(catalog->attributeModel());
    m_attributeProxy->setSortRole(AttributeTableModel::SortRole);
    m_attributeProxy->setSearchRoles(
        {AttributeTableModel::KeyRole, AttributeTableModel::DisplayNameRole, AttributeTableModel::GroupsRole});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 0);
    m_searchEdit = new QLineEdit(this);
    m_searchEdit->setObjectName(QStringLiteral("searchEdit"));
    m_searchEdit->setPlaceholderText(tr("Filter by key, name, description or tag (%1)")
                                         .arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
    m_searchEdit->setClearButtonEnabled(true);
    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(kDebounceMs);
    connect(m_searchTimer, &QTimer::timeout, this, [this] { applySearch(m_searchEdit->text()); });
    connect(m_searchEdit, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (m_lastSearchMs > kSlowSearchMs) {
            m_searchTimer->start();
        } else {
            applySearch(text);
        }
    });
    auto* top = new QHBoxLayout;
    top->addWidget(m_searchEdit, 1);
    m_newEventButton = new QPushButton(tr("New event…"), this);
    m_newEventButton->setObjectName(QStringLiteral("newEventButton"));
    m_newEventButton->setShortcut(QKeySequence::New);
    connect(m_newEventButton, &QPushButton::clicked, this, &PlanPage::newEvent);
    m_editEventButton = new QPushButton(tr("Edit event…"), this);
    m_editEventButton->setObjectName(QStringLiteral("editEventButton"));
    connect(m_editEventButton, &QPushButton::clicked, this, &PlanPage::editEvent);
    m_newAttributeButton = new QPushButton(tr("New attribute…"), this);
    m_newAttributeButton->setObjectName(QStringLiteral("newAttributeButton"));
    connect(m_newAttributeButton, &QPushButton::clicked, this, &PlanPage::newAttribute);
    m_editAttributeButton = new QPushButton(tr("Edit attribute…"), this);
    m_editAttributeButton->setObjectName(QStringLiteral("editAttributeButton"));
    connect(m_editAttributeButton, &QPushButton::clicked, this, &PlanPage::editAttribute);
    top->addWidget(m_newEventButton);
    top->addWidget(m_editEventButton);
    top->addWidget(m_newAttributeButton);
    top->addWidget(m_editAttributeButton);
    layout->addLayout(top);
    m_filters = new PlanFilterBar(catalog, m_eventProxy, m_attributeProxy, this);
    connect(m_filters, &PlanFilterBar::changed, this, &PlanPage::updateTabTitles);
    layout->addWidget(m_filters);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("planMessage"));
    m_message->setWordWrap(true);
    m_message->hide();

    m_detail = new DetailView(this);
    m_detail->setObjectName(QStringLiteral("eventDetail"));
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("contentSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(createTabs());
    m_detailTabs = new QTabWidget(this);
    m_detailTabs->setObjectName(QStringLiteral("detailTabs"));
    m_detailTabs->setDocumentMode(true);
    m_history = new DetailView(m_detailTabs);
    m_history->setObjectName(QStringLiteral("historyView"));
    m_detailTabs->addTab(m_detail, tr("Details"));
    m_detailTabs->addTab(m_history, tr("History"));
    connect(m_detailTabs, &QTabWidget::currentChanged, this, &PlanPage::updateHistory);
    m_splitter->addWidget(m_detailTabs);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({800, 360});
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_message);
    m_undo = new QUndoStack(this);
    connect(m_catalog, &PlanCatalog::activeDemandChanged, this, [this] {
        m_undo->clear(); // the edits belong to the demand they went into
        updateEditing();
    });

    connect(m_catalog, &PlanCatalog::planLoaded, this, &PlanPage::onPlanLoaded);
    connect(m_catalog, &PlanCatalog::identityChanged, this, &PlanPage::updateEditing);
    onPlanLoaded(m_catalog->currentAppKey());
}

QWidget* PlanPage::createTabs()
{
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("planTabs"));
    m_tabs->setDocumentMode(true);

    m_eventPage = new TablePage(m_eventProxy, m_tabs);
    QTableView* events = m_eventPage->table();
    events->setObjectName(QStringLiteral("eventTable"));
    events->setItemDelegateForColumn(EventTableModel::LevelColumn,
                                     new LevelDelegate(EventTableModel::LevelRole, events));
    events->setItemDelegateForColumn(EventTableModel::KeyColumn,
                                     new PendingDelegate(EventTableModel::PendingRole, events));
    connect(events->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &PlanPage::updateDetail);
    // Sorting has to see every event, not only the batches fetched so far.
    connect(m_eventPage, &TablePage::aboutToSort, this, [this] { m_catalog->eventModel()->fetchAll(); });

    m_attributePage = new TablePage(m_attributeProxy, m_tabs);
    QTableView* attributes = m_attributePage->table();
    attributes->setObjectName(QStringLiteral("attributeTable"));
    attributes->setItemDelegateForColumn(AttributeTableModel::KeyColumn,
                                         new PendingDelegate(AttributeTableModel::PendingRole, attributes));
    connect(attributes->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &PlanPage::updateDetail);

    // Enter or a double click on a row edits it, while working under a demand.
    connect(events, &QAbstractItemView::activated, this, [this] {
        if (m_editEventButton->isEnabled()) {
            editEvent();
        }
    });
    connect(attributes, &QAbstractItemView::activated, this, [this] {
        if (m_editAttributeButton->isEnabled()) {
            editAttribute();
        }
    });

    m_tabs->addTab(m_eventPage, tr("Events"));
    m_tabs->addTab(m_attributePage, tr("Attributes"));
    connect(m_tabs, &QTabWidget::currentChanged, this, &PlanPage::updateDetail);
    return m_tabs;
}

void PlanPage::focusSearch()
{
    m_searchEdit->setFocus(Qt::ShortcutFocusReason);
    m_searchEdit->selectAll();
}

QByteArray PlanPage::saveState() const
{
    return packStates({m_splitter->saveState(), m_eventPage->saveState(), m_attributePage->saveState()});
}

void PlanPage::restoreState(const QByteArray& state)
{
    const QList<QByteArray> parts = unpackStates(state, 3);
    m_splitter->restoreState(parts.at(0));
    m_eventPage->restoreState(parts.at(1));
    m_attributePage->restoreState(parts.at(2));
}

void PlanPage::onPlanLoaded(const QString& appKey)
{
    const AppListModel* apps = m_catalog->appModel();
    const QModelIndex app = apps->index(apps->rowOf(appKey));
    const QString name = app.isValid() ? app.data(Qt::DisplayRole).toString().toHtmlEscaped() : QString();
    m_eventPage->setEmptyText(appKey.isEmpty() ? tr("Select an app on the left.")
                                               : tr("No events in %1 yet.").arg(name));
    m_attributePage->setEmptyText(appKey.isEmpty() ? tr("Select an app on the left.")
                                                   : tr("No attributes in %1 yet.").arg(name));
    // A new plan arrives with its first batch only; a search or sort in force needs them all.
    if (!m_eventProxy->searchText().isEmpty() || m_eventProxy->sortColumn() >= 0) {
        m_catalog->eventModel()->fetchAll();
    }
    m_filters->refresh();
    m_eventPage->fitColumns(40);
    m_attributePage->fitColumns(40);
    updateTabTitles();
    updateDetail();
}

void PlanPage::applySearch(const QString& text)
{
    m_searchTimer->stop();
    QElapsedTimer took;
    took.start();
    const auto measured = qScopeGuard([&took, this] { m_lastSearchMs = took.elapsed(); });
    // The filter has to see every event, not only the batches the view fetched so far.
    if (!text.trimmed().isEmpty()) {
        m_catalog->eventModel()->fetchAll();
    }
    m_eventProxy->setSearchText(text);
    m_attributeProxy->setSearchText(text);
    const QString quoted = text.trimmed().toHtmlEscaped();
    m_eventPage->setNoMatchText(tr("No event matches “%1”.").arg(quoted));
    m_attributePage->setNoMatchText(tr("No attribute matches “%1”.").arg(quoted));
    updateTabTitles();
}

void PlanPage::updateEditing()
{
    const QString demand = m_catalog->activeDemand();
    const bool eventsTab = m_tabs->currentIndex() == EventsTab;
    const QModelIndex index = m_eventProxy->mapToSource(m_eventPage->table()->currentIndex());
    const bool haveEvent = index.isValid() && m_catalog->eventModel()->eventAt(index.row()) != nullptr;
    const QString why = tr("To edit, choose a draft demand on the Demands page and click “Work under this demand”.");
    m_newEventButton->setEnabled(!demand.isEmpty() && eventsTab);
    m_newEventButton->setToolTip(
        demand.isEmpty() ? why
                         : tr("A new event in %1 (%2)")
                               .arg(demand, QKeySequence(QKeySequence::New).toString(QKeySequence::NativeText)));
    m_editEventButton->setEnabled(!demand.isEmpty() && eventsTab && haveEvent);
    m_editEventButton->setToolTip(demand.isEmpty() ? why
                                      : haveEvent  ? tr("Change the selected event in %1").arg(demand)
                                                   : tr("Select an event first."));
    const QModelIndex attributeIndex = m_attributeProxy->mapToSource(m_attributePage->table()->currentIndex());
    const bool haveAttribute =
        attributeIndex.isValid() && m_catalog->attributeModel()->attributeAt(attributeIndex.row()) != nullptr;
    m_filters->showFor(eventsTab); // each tab has its own filters
    m_newEventButton->setVisible(eventsTab);
    m_editEventButton->setVisible(eventsTab);
    m_newAttributeButton->setVisible(!eventsTab);
    m_editAttributeButton->setVisible(!eventsTab);
    m_newAttributeButton->setShortcut(eventsTab ? QKeySequence() : QKeySequence(QKeySequence::New));
    m_newEventButton->setShortcut(eventsTab ? QKeySequence(QKeySequence::New) : QKeySequence());
    m_newAttributeButton->setEnabled(!demand.isEmpty());
    m_newAttributeButton->setToolTip(demand.isEmpty() ? why : tr("A new attribute in %1").arg(demand));
    m_editAttributeButton->setEnabled(!demand.isEmpty() && haveAttribute);
    m_editAttributeButton->setToolTip(demand.isEmpty()    ? why
                                          : haveAttribute ? tr("Change the selected attribute in %1").arg(demand)
                                                          : tr("Select an attribute first."));
    // A role that may not edit demands edits nothing here; its reason comes first.
    if (const QString denied = m_catalog->deniedReason(Permission::EditDemands); !denied.isEmpty()) {
        for (QPushButton* button : {m_newEventButton, m_editEventButton, m_newAttributeButton, m_editAttributeButton}) {
            // "Choose a draft demand…" is no way forward for this role: the role's reason alone.
            const QString other = button->isEnabled() || button->toolTip() == why ? QString() : button->toolTip();
            button->setEnabled(false);
            button->setToolTip(other.isEmpty() ? denied : denied + QLatin1Char('\n') + other);
        }
    }
}

void PlanPage::newEvent()
{
    Event e;
    e.owner = m_catalog->actor();
    e.platforms = {QStringLiteral("android"), QStringLiteral("ios")};
    openEditor(e, true);
}

void PlanPage::editEvent()
{
    const QModelIndex index = m_eventProxy->mapToSource(m_eventPage->table()->currentIndex());
    if (const Event* event = m_catalog->eventModel()->eventAt(index.row())) {
        // A pending change is edited further, not started again from the merged state.
        openEditor(m_catalog->proposedEvent(event->key).value_or(*event), false);
    }
}

void PlanPage::newAttribute()
{
    openAttributeEditor(Attribute{}, true);
}

void PlanPage::editAttribute()
{
    const QModelIndex index = m_attributeProxy->mapToSource(m_attributePage->table()->currentIndex());
    if (const Attribute* attribute = m_catalog->attributeModel()->attributeAt(index.row())) {
        openAttributeEditor(m_catalog->proposedAttribute(attribute->key).value_or(*attribute), false);
    }
}

void PlanPage::openAttributeEditor(const Attribute& attribute, bool isNew)
{
    if (m_catalog->activeDemand().isEmpty()) {
        return;
    }
    auto* dialog = new AttributeEditorDialog(
        attribute, isNew, m_catalog->takenKeys(EntityKind::Attribute, attribute.key), m_catalog->activeDemand(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setSaveAction([this, dialog, isNew] {
        return saveUndoably(dialog->attribute(), m_catalog->pendingAttribute(dialog->attribute().key), isNew);
    });
    dialog->open();
}

void PlanPage::openEditor(const Event& event, bool isNew)
{
    if (m_catalog->activeDemand().isEmpty()) {
        return;
    }
    auto* dialog = new EventEditorDialog(event, isNew, m_catalog->takenKeys(EntityKind::Event, event.key),
                                         m_catalog->attributeModel()->attributes(), m_catalog->activeDemand(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setSaveAction([this, dialog, isNew] {
        return saveUndoably(dialog->event(), m_catalog->pendingEvent(dialog->event().key), isNew);
    });
    dialog->open();
}

template <typename Entity>
QString PlanPage::saveUndoably(const Entity& edited, std::optional<Entity> before, bool isNew)
{
    const QString demand = m_catalog->activeDemand();
    // The command runs (redo) inside push(), and again on later undo/redo: the error outlives this.
    auto error = std::make_shared<QString>();
    m_undo->push(new SaveChangeCommand<Entity>(m_catalog, edited, std::move(before),
                                               [this, error, key = edited.key](const Error& e) {
                                                   *error = e.message;
                                                   say(tr("%1 was not saved: %2").arg(key, e.message), true);
                                               }));
    if (error->isEmpty()) {
        say(isNew ? tr("%1 is in %2 now; it joins the catalogue when the demand is merged.").arg(edited.key, demand)
                  : tr("The change of %1 is in %2 (marked ✎ in the table).").arg(edited.key, demand),
            false);
    }
    return *error;
}

void PlanPage::say(const QString& text, bool error)
{
    m_message->setStyleSheet(error ? QStringLiteral("color: #cf222e;") : QString());
    m_message->setText(text);
    m_message->show();
}

void PlanPage::updateHistory()
{
    if (m_detailTabs->currentWidget() != m_history) {
        return; // read when shown
    }
    const bool events = m_tabs->currentIndex() == EventsTab;
    QString key;
    if (events) {
        const QModelIndex index = m_eventProxy->mapToSource(m_eventPage->table()->currentIndex());
        key = index.isValid() ? index.data(EventTableModel::KeyRole).toString() : QString();
    } else {
        const QModelIndex index = m_attributeProxy->mapToSource(m_attributePage->table()->currentIndex());
        key = index.isValid() ? index.data(AttributeTableModel::KeyRole).toString() : QString();
    }
    if (key.isEmpty()) {
        m_history->displayHint(tr("Select an event or attribute to see its history."));
        return;
    }
    m_history->displayHistory(key, m_catalog->history(events ? EntityKind::Event : EntityKind::Attribute, key));
}

void PlanPage::updateDetail()
{
    updateEditing();
    updateHistory();
    if (m_tabs->currentIndex() == EventsTab) {
        const QModelIndex index = m_eventProxy->mapToSource(m_eventPage->table()->currentIndex());
        const Event* event = m_catalog->eventModel()->eventAt(index.row());
        if (!index.isValid() || !event) {
            m_detail->displayHint(tr("Select an event to see its fields and attributes."));
            return;
        }
        const AttributeTableModel* attributes = m_catalog->attributeModel();
        // A pending row shows the state the active demand proposes.
        const Event shown = index.data(EventTableModel::PendingRole).toBool()
            ? m_catalog->proposedEvent(event->key).value_or(*event)
            : *event;
        m_detail->displayEvent(
            shown, [attributes](const QString& key) { return attributes->findAttribute(key); },
            attributes->commonKeys());
        return;
    }
    const QModelIndex index = m_attributeProxy->mapToSource(m_attributePage->table()->currentIndex());
    const Attribute* attribute = m_catalog->attributeModel()->attributeAt(index.row());
    if (!index.isValid() || !attribute) {
        m_detail->displayHint(tr("Select an attribute to see its definition."));
        return;
    }
    m_detail->displayAttribute(*attribute, m_catalog->attributeModel()->usedBy(index.row()),
                               m_catalog->eventModel()->keysBinding(attribute->key, 50));
}

void PlanPage::updateTabTitles()
{
    const QLocale locale;
    const int events = m_catalog->eventModel()->totalCount();
    const int attributes = m_catalog->attributeModel()->rowCount();
    const bool filtered = m_filters->isFiltering(true) || !m_eventProxy->searchText().isEmpty();
    m_tabs->setTabText(
        EventsTab,
        filtered ? tr("Events (%1 of %2)").arg(locale.toString(m_eventProxy->rowCount()), locale.toString(events))
                 : tr("Events (%1)").arg(locale.toString(events)));
    const bool attributesFiltered = m_filters->isFiltering(false) || !m_attributeProxy->searchText().isEmpty();
    m_tabs->setTabText(AttributesTab,
                       attributesFiltered
                           ? tr("Attributes (%1 of %2)")
                                 .arg(locale.toString(m_attributeProxy->rowCount()), locale.toString(attributes))
                           : tr("Attributes (%1)").arg(locale.toString(attributes)));
}

} // namespace tp
