// The main window driven as a user would, on a real SQLite store: widgets are found by
// objectName, typed into and clicked; the models behind them are checked afterwards.

#include "support/review.h"
#include "applistmodel.h"
#include "attributeeditor.h"
#include "attributetablemodel.h"
#include "demanddialogs.h"
#include "mergeconflictdialog.h"
#include "demandlistmodel.h"
#include "demandspage.h"
#include "eventeditor.h"
#include "eventtablemodel.h"
#include "leveldelegate.h"
#include "mainwindow.h"
#include "plancatalog.h"
#include "plandiffmodel.h"
#include "planfixture.h"
#include "planpage.h"
#include "settingsdialog.h"
#include "support/pgserver.h"
#include "tablepage.h"
#include "versionlistmodel.h"
#include "versionspage.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFrame>
#include <QHeaderView>
#include <QInputMethodEvent>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>

#include <memory>

using namespace tp;
using tp::test::SmallStore;

namespace {

constexpr int kLargeCount = 2500;

/// The composition main.cpp makes, over one store.
struct Harness {
    /// With `backgroundUrl`, plans load on a worker thread over a second connection to it.
    explicit Harness(Store& store, const QString& backgroundUrl = {})
        : catalog(store, &apps, &events, &attributes)
        , window(&catalog)
    {
        if (!backgroundUrl.isEmpty()) {
            catalog.setStoreOpener([backgroundUrl] { return Store::open(backgroundUrl); });
        }
        window.resize(1400, 900);
        window.reload();
        window.show();
    }
    [[nodiscard]] QListView* appList() const { return window.findChild<QListView*>(QStringLiteral("appList")); }
    [[nodiscard]] QTableView* eventTable() const { return window.findChild<QTableView*>(QStringLiteral("eventTable")); }
    [[nodiscard]] QTableView* attributeTable() const
    {
        return window.findChild<QTableView*>(QStringLiteral("attributeTable"));
    }
    [[nodiscard]] QLineEdit* searchEdit() const { return window.findChild<QLineEdit*>(QStringLiteral("searchEdit")); }
    [[nodiscard]] QTextBrowser* detail() const
    {
        return window.findChild<QTextBrowser*>(QStringLiteral("eventDetail"));
    }
    [[nodiscard]] QTabWidget* tabs() const { return window.findChild<QTabWidget*>(QStringLiteral("planTabs")); }

    /// Clicks the app with this key in the app list.
    void clickApp(const QString& key) const
    {
        const QModelIndex index = apps.index(apps.rowOf(key));
        QListView* list = appList();
        list->scrollTo(index);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(index).center());
    }
    /// Clicks the row of a table whose KeyRole is `key`; false if it is not shown.
    static bool clickRow(QTableView* table, const QString& key)
    {
        const QModelIndexList hits =
            table->model()->match(table->model()->index(0, 0), EventTableModel::KeyRole, key, 1, Qt::MatchExactly);
        if (hits.isEmpty()) {
            return false;
        }
        table->scrollTo(hits.first());
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(hits.first()).center());
        return table->currentIndex().row() == hits.first().row();
    }

    AppListModel apps;
    EventTableModel events;
    AttributeTableModel attributes;
    PlanCatalog catalog;
    MainWindow window; // last: destroyed first
};

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void showsAppsAndEvents();
    void searchFiltersEvents();
    void ctrlFFocusesSearch();
    void selectingEventShowsBindings();
    void attributeTabShowsAttributes();
    void levelColumnIsColouredByDelegate();
    void statusBarShowsStoreAndUser();
    void appWithoutEventsShowsMessage();
    void emptyStoreShowsHint();
    void searchSeesEventsNotFetchedYet();
    void sortingSortsEveryEvent();
    void layoutIsSavedAndRestored();
    void loadsPlansInTheBackground();
    void demandsPageShowsChangeSets();
    void versionsPageComparesAndExports();
    void demandWorkflowFromThePage();
    void editingUnderADemand();
    void undoAndRedoEdits();
    void failedSaveKeepsTheEditorOpen();
    void keyboardEditing();
    void storeOutageShowsABanner();
    void mainWorkflow();
    void eventFiltersNarrowTheTable();
    void attributeConstraintEditor();
    void changesByOthersAppear();
    void languageIsChosenInSettings();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("TrackPlan"));
    QCoreApplication::setApplicationName(QStringLiteral("trackplan-test"));
    QVERIFY(m_dir.isValid());
    auto store = Store::open(m_dir.filePath(QStringLiteral("plan.sqlite")));
    QVERIFY2(store, test::errorText(store).constData());
    m_store = std::move(*store);
    const Status small = test::fillSmallPlan(*m_store);
    QVERIFY2(small, test::errorText(small).constData());
    const Status large = test::fillLargeApp(*m_store, QStringLiteral("large-app"), kLargeCount);
    QVERIFY2(large, test::errorText(large).constData());
}

void TestMainWindow::showsAppsAndEvents()
{
    Harness h(*m_store);
    QVERIFY(QTest::qWaitForWindowExposed(&h.window));
    QVERIFY(h.appList() && h.eventTable() && h.attributeTable() && h.searchEdit() && h.detail());
    QCOMPARE(h.appList()->model()->rowCount(), 3);
    h.clickApp(QStringLiteral("user-app"));
    QCOMPARE(h.catalog.currentAppKey(), QStringLiteral("user-app"));
    QCOMPARE(h.eventTable()->model()->rowCount(), 5);
    QCOMPARE(h.attributeTable()->model()->rowCount(), 5);
    QVERIFY(h.eventTable()->isVisible());
    QVERIFY(h.window.windowTitle().contains(QStringLiteral("User app")));
    QVERIFY(h.tabs()->tabText(0).contains(QLatin1Char('5')));
}

void TestMainWindow::searchFiltersEvents()
{
    Harness h(*m_store);
    h.clickApp(QStringLiteral("user-app"));
    QTableView* table = h.eventTable();
    QTest::keyClicks(h.searchEdit(), QStringLiteral("order"));
    QCOMPARE(table->model()->rowCount(), 2);
    QCOMPARE(h.attributeTable()->model()->rowCount(), 2); // order_amount, order_id
    QVERIFY(h.tabs()->tabText(0).contains(QLatin1Char('2')));
    h.searchEdit()->clear();
    QCOMPARE(table->model()->rowCount(), 5);
    // Chinese arrives through an input method, as a commit string (keyClicks is ASCII only).
    QInputMethodEvent typed;
    typed.setCommitString(QStringLiteral("首页"));
    QApplication::sendEvent(h.searchEdit(), &typed);
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, 0).data(EventTableModel::KeyRole).toString(), QStringLiteral("home_view"));
    h.searchEdit()->clear();
    QTest::keyClicks(h.searchEdit(), QStringLiteral("no_such_event"));
    QCOMPARE(table->model()->rowCount(), 0);
    QVERIFY(!table->isVisibleTo(&h.window)); // the "no match" message replaces the table
}

void TestMainWindow::ctrlFFocusesSearch()
{
    Harness h(*m_store);
    QApplication::setActiveWindow(&h.window);
    QVERIFY(QTest::qWaitForWindowActive(&h.window));
    h.eventTable()->setFocus();
    QVERIFY(!h.searchEdit()->hasFocus());
    QTest::keyClick(h.eventTable(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(h.searchEdit()->hasFocus());
}

void TestMainWindow::selectingEventShowsBindings()
{
    Harness h(*m_store);
    h.clickApp(QStringLiteral("user-app"));
    QVERIFY(h.detail()->toPlainText().contains(QStringLiteral("Select an event")));
    QVERIFY(Harness::clickRow(h.eventTable(), QStringLiteral("order_submit")));
    const QString text = h.detail()->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("提交订单")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("When the test says so")));
    // The bindings, in their order, with the attributes' display names and the note.
    const qsizetype id = text.indexOf(QStringLiteral("order_id"));
    const qsizetype amount = text.indexOf(QStringLiteral("order_amount"));
    const qsizetype method = text.indexOf(QStringLiteral("pay_method"));
    QVERIFY(id >= 0 && amount > id && method > amount);
    QVERIFY(text.contains(QStringLiteral("订单金额")));
    QVERIFY(text.contains(QStringLiteral("from the order service")));
    QVERIFY(text.contains(QStringLiteral("required")));
    QVERIFY(text.contains(QStringLiteral("optional")));
    // Common attributes are not bound but carried: listed apart.
    QVERIFY(text.indexOf(QStringLiteral("city_id")) > method);

    QVERIFY(Harness::clickRow(h.eventTable(), QStringLiteral("home_view")));
    QVERIFY(h.detail()->toPlainText().contains(QStringLiteral("首页浏览")));
    QVERIFY(!h.detail()->toPlainText().contains(QStringLiteral("order_amount")));
}

void TestMainWindow::attributeTabShowsAttributes()
{
    Harness h(*m_store);
    h.clickApp(QStringLiteral("user-app"));
    h.tabs()->setCurrentIndex(1);
    QVERIFY(h.attributeTable()->isVisible());
    QVERIFY(h.detail()->toPlainText().contains(QStringLiteral("Select an attribute")));
    QVERIFY(Harness::clickRow(h.attributeTable(), QStringLiteral("order_id")));
    const QString text = h.detail()->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("订单号")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("2 event"))); // "2 event(s)" without a translator
    const QModelIndex city =
        h.attributes.index(h.attributes.rowOf(QStringLiteral("city_id")), AttributeTableModel::UsedByColumn);
    QCOMPARE(city.data(AttributeTableModel::UsedByRole).toInt(), 5); // common: every event
}

void TestMainWindow::levelColumnIsColouredByDelegate()
{
    Harness h(*m_store);
    QVERIFY(qobject_cast<LevelDelegate*>(h.eventTable()->itemDelegateForColumn(EventTableModel::LevelColumn)));
    QVERIFY(!qobject_cast<LevelDelegate*>(h.eventTable()->itemDelegateForColumn(EventTableModel::KeyColumn)));
    QCOMPARE(LevelDelegate::levelColor(Level::D).red() > LevelDelegate::levelColor(Level::D).blue(), true);
    QCOMPARE(LevelDelegate::levelColor(Level::B).blue() > LevelDelegate::levelColor(Level::B).red(), true);
    // Painting a badge must not crash and must draw something besides the background.
    h.clickApp(QStringLiteral("user-app"));
    const QImage image = h.eventTable()->viewport()->grab().toImage();
    QVERIFY(!image.isNull());
}

void TestMainWindow::statusBarShowsStoreAndUser()
{
    Harness h(*m_store);
    auto* store = h.window.findChild<QLabel*>(QStringLiteral("storeLabel"));
    auto* user = h.window.findChild<QLabel*>(QStringLiteral("userLabel"));
    QVERIFY(store && user);
    QVERIFY(store->text().contains(m_store->url().displayString()));
    QVERIFY(user->text().contains(m_store->actor()));
}

void TestMainWindow::appWithoutEventsShowsMessage()
{
    Harness h(*m_store);
    h.clickApp(QStringLiteral("driver-app"));
    QCOMPARE(h.catalog.currentAppKey(), QStringLiteral("driver-app"));
    QCOMPARE(h.eventTable()->model()->rowCount(), 0);
    QVERIFY(!h.eventTable()->isVisibleTo(&h.window));
    const QList<QLabel*> labels = h.tabs()->findChildren<QLabel*>();
    const bool shown = std::any_of(labels.cbegin(), labels.cend(), [&h](const QLabel* l) {
        return l->isVisibleTo(&h.window) && l->text().contains(QStringLiteral("No events"));
    });
    QVERIFY(shown);
}

void TestMainWindow::emptyStoreShowsHint()
{
    auto empty = Store::open(m_dir.filePath(QStringLiteral("empty.sqlite")));
    QVERIFY(empty);
    Harness h(**empty);
    QCOMPARE(h.appList()->model()->rowCount(), 0);
    auto* hint = h.window.findChild<QLabel*>(QStringLiteral("emptyStoreMessage"));
    QVERIFY(hint);
    QVERIFY(hint->isVisibleTo(&h.window));
    QVERIFY(hint->text().contains(
        QStringLiteral("trackplanctl --db %1 demo").arg(m_dir.filePath(QStringLiteral("empty.sqlite")))));
    QVERIFY(!h.eventTable()->isVisibleTo(&h.window));
}

void TestMainWindow::searchSeesEventsNotFetchedYet()
{
    Harness h(*m_store);
    h.clickApp(QStringLiteral("large-app"));
    QCOMPARE(h.events.totalCount(), kLargeCount);
    QVERIFY2(h.events.rowCount() < kLargeCount, "the view should not have fetched every row at once");
    QTest::keyClicks(h.searchEdit(), QStringLiteral("evt_02400"));
    QCOMPARE(h.eventTable()->model()->rowCount(), 1);
    QVERIFY(Harness::clickRow(h.eventTable(), QStringLiteral("evt_02400")));
    QVERIFY(h.detail()->toPlainText().contains(QStringLiteral("事件 2400")));
}

void TestMainWindow::sortingSortsEveryEvent()
{
    Harness h(*m_store);
    h.clickApp(QStringLiteral("large-app"));
    QVERIFY(h.events.rowCount() < kLargeCount);
    QHeaderView* header = h.eventTable()->horizontalHeader();
    const int x = header->sectionViewportPosition(EventTableModel::KeyColumn) + 10;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    QCOMPARE(header->sortIndicatorSection(), int(EventTableModel::KeyColumn));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QAbstractItemModel* model = h.eventTable()->model();
    QCOMPARE(model->rowCount(), kLargeCount);
    QCOMPARE(model->index(0, 0).data(EventTableModel::KeyRole).toString(), QStringLiteral("evt_02499"));
}

void TestMainWindow::layoutIsSavedAndRestored()
{
    const QString path = m_dir.filePath(QStringLiteral("settings.ini"));
    QList<int> sizes;
    {
        Harness h(*m_store);
        h.clickApp(QStringLiteral("user-app"));
        auto* splitter = h.window.findChild<QSplitter*>(QStringLiteral("mainSplitter"));
        QVERIFY(splitter);
        splitter->setSizes({333, 1000});
        sizes = splitter->sizes();
        // Column widths and the sort order of the events table are remembered too.
        auto* table = h.window.findChild<QTableView*>(QStringLiteral("eventTable"));
        QVERIFY(table);
        table->horizontalHeader()->resizeSection(1, 321);
        table->horizontalHeader()->setSortIndicator(0, Qt::DescendingOrder);
        QSettings settings(path, QSettings::IniFormat);
        h.window.saveLayout(settings);
    }
    AppListModel apps;
    EventTableModel events;
    AttributeTableModel attributes;
    PlanCatalog catalog(*m_store, &apps, &events, &attributes);
    MainWindow window(&catalog);
    const QSettings settings(path, QSettings::IniFormat);
    window.restoreLayout(settings);
    window.reload();
    window.show();
    QCOMPARE(catalog.currentAppKey(), QStringLiteral("user-app"));
    QCOMPARE(window.findChild<QSplitter*>(QStringLiteral("mainSplitter"))->sizes().first(), sizes.first());
    auto* table = window.findChild<QTableView*>(QStringLiteral("eventTable"));
    QCOMPARE(table->horizontalHeader()->sectionSize(1), 321);
    QCOMPARE(table->horizontalHeader()->sortIndicatorSection(), 0);
    QCOMPARE(table->horizontalHeader()->sortIndicatorOrder(), Qt::DescendingOrder);
    QVERIFY(table->model()->rowCount() > 1);
    QVERIFY(table->model()->index(0, 0).data(EventTableModel::KeyRole).toString()
            > table->model()->index(1, 0).data(EventTableModel::KeyRole).toString());

    // Settings written before the tables' states were kept (a bare splitter state) still
    // restore the splitter.
    QSplitter reference(Qt::Horizontal);
    reference.addWidget(new QWidget);
    reference.addWidget(new QWidget);
    reference.setSizes({120, 480});
    const QList<QByteArray> parts = unpackStates(reference.saveState(), 3);
    QCOMPARE(parts.size(), 3);
    QCOMPARE(parts.at(0), reference.saveState());
    QVERIFY(parts.at(1).isEmpty());
    QCOMPARE(unpackStates(packStates({"a", "b"}), 3), (QList<QByteArray>{"a", "b", {}}));
}

void TestMainWindow::loadsPlansInTheBackground()
{
    Harness h(*m_store, m_store->url().path);
    QTRY_COMPARE(h.catalog.activeWorkers(), 0); // the first app, selected by reload()
    QVERIFY(!h.catalog.currentAppKey().isEmpty());
    QSignalSpy loading(&h.catalog, &PlanCatalog::loadingChanged);
    QSignalSpy failed(&h.catalog, &PlanCatalog::loadFailed);
    h.clickApp(QStringLiteral("large-app"));
    QCOMPARE(loading.count(), 1);
    QCOMPARE(loading.at(0).at(0).toBool(), true);
    QVERIFY(h.catalog.isLoading());
    QTRY_COMPARE(h.catalog.currentAppKey(), QStringLiteral("large-app"));
    QCOMPARE(loading.count(), 2);
    QCOMPARE(loading.at(1).at(0).toBool(), false);
    QCOMPARE(h.events.totalCount(), kLargeCount);
    QVERIFY(h.eventTable()->model()->rowCount() > 0);

    // A newer request supersedes one still running: only the last app ends up shown, even
    // when the superseded (larger) plan arrives after it.
    h.clickApp(QStringLiteral("user-app"));
    h.clickApp(QStringLiteral("driver-app"));
    QTRY_COMPARE(h.catalog.activeWorkers(), 0);
    QVERIFY(!h.catalog.isLoading());
    QCOMPARE(h.catalog.currentAppKey(), QStringLiteral("driver-app"));
    QCOMPARE(h.events.totalCount(), 0);
    QCOMPARE(failed.count(), 0);
}

QTEST_MAIN(TestMainWindow)
void TestMainWindow::demandsPageShowsChangeSets()
{
    // A draft demand beside the merged fixture demand: it changes order_submit's description and
    // removes banner_click. Its own store file, so that other tests keep their fixture.
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    Store& store = *fixture.store;
    Demand draft;
    draft.appKey = QStringLiteral("user-app");
    draft.title = QStringLiteral("Clearer order events");
    draft.owner = QStringLiteral("bob");
    auto demand = store.demands().create(draft);
    QVERIFY2(demand, test::errorText(demand).constData());
    auto event = store.plan().event(QStringLiteral("user-app"), QStringLiteral("order_submit"));
    QVERIFY(event);
    event->description = QStringLiteral("Sent when the server accepted the order");
    QVERIFY(store.demands().saveEvent(demand->key, *event));
    QVERIFY(store.demands().remove(demand->key, EntityKind::Event, QStringLiteral("banner_click")));

    Harness h(store);
    h.clickApp(QStringLiteral("user-app"));
    auto* modules = h.window.findChild<QTabWidget*>(QStringLiteral("moduleTabs"));
    auto* page = h.window.findChild<QWidget*>(QStringLiteral("demandsPage"));
    QVERIFY(modules && page);
    modules->setCurrentWidget(page);
    auto* table = h.window.findChild<QTableView*>(QStringLiteral("demandTable"));
    auto* detail = h.window.findChild<QTextBrowser*>(QStringLiteral("demandDetail"));
    auto* status = h.window.findChild<QComboBox*>(QStringLiteral("demandStatusFilter"));
    auto* search = h.window.findChild<QLineEdit*>(QStringLiteral("demandSearchEdit"));
    auto* changeSet = h.window.findChild<QTextBrowser*>(QStringLiteral("changeSetView"));
    QVERIFY(table && detail && changeSet && status && search);
    QCOMPARE(table->model()->rowCount(), 2); // the fixture's merged demand and the draft
    QVERIFY(detail->toPlainText().contains(QStringLiteral("Select a demand")));

    // The status filter keeps the draft only; the search narrows by title.
    status->setCurrentIndex(status->findText(QStringLiteral("Draft")));
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, 0).data(DemandListModel::KeyRole).toString(), demand->key);
    status->setCurrentIndex(0);
    search->setText(QStringLiteral("initial plan"));
    QCOMPARE(table->model()->rowCount(), 1);
    QVERIFY(table->model()->index(0, 1).data().toString().startsWith(QStringLiteral("Initial plan")));
    search->clear();

    // Selecting the draft shows its change set field by field, old → new, and the removal.
    const QModelIndexList hits =
        table->model()->match(table->model()->index(0, 0), DemandListModel::KeyRole, demand->key, 1, Qt::MatchExactly);
    QCOMPARE(hits.size(), 1);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(hits.first()).center());
    QVERIFY2(detail->toPlainText().contains(QStringLiteral("Clearer order events")), qPrintable(detail->toPlainText()));
    const QString text = changeSet->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("Changes (2)")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Changed event order_submit")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("→ Sent when the server accepted the order")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Removed event banner_click")), qPrintable(text));

    // The merged fixture demand lists the entities it created, with the fields they set.
    const QModelIndexList merged = table->model()->match(table->model()->index(0, 0), DemandListModel::StatusRole,
                                                         int(DemandStatus::Merged), 1, Qt::MatchExactly);
    QCOMPARE(merged.size(), 1);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(merged.first()).center());
    QVERIFY2(changeSet->toPlainText().contains(QStringLiteral("New event order_submit")),
             qPrintable(changeSet->toPlainText()));
    QVERIFY(changeSet->toPlainText().contains(QStringLiteral("提交订单")));
}

void TestMainWindow::versionsPageComparesAndExports()
{
    // user-app: version 1.0.0 frozen on the fixture plan, then a merged demand that describes
    // order_submit and adds cart_view.
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    Store& store = *fixture.store;
    Version v;
    v.appKey = QStringLiteral("user-app");
    v.name = QStringLiteral("1.0.0");
    QVERIFY(store.versions().create(v));
    QVERIFY(store.versions().freeze(v.appKey, v.name));
    Demand draft;
    draft.appKey = v.appKey;
    draft.title = QStringLiteral("Cart");
    auto demand = store.demands().create(draft);
    QVERIFY(demand);
    auto event = store.plan().event(v.appKey, QStringLiteral("order_submit"));
    QVERIFY(event);
    event->description = QStringLiteral("Sent when the server accepted the order");
    QVERIFY(store.demands().saveEvent(demand->key, *event));
    QVERIFY(store.demands().saveEvent(demand->key,
                                      test::makeEvent(QStringLiteral("cart_view"), QStringLiteral("购物车浏览"),
                                                      Level::B, {{QStringLiteral("order_id"), true, {}}})));
    QVERIFY(store.demands().submit(demand->key));
    QVERIFY(store.demands().approve(demand->key));
    QVERIFY(tp::test::completeReview(store, demand->key));
    auto merged = store.demands().merge(demand->key);
    QVERIFY(merged && merged->merged);

    Harness h(store);
    h.clickApp(v.appKey);
    auto* modules = h.window.findChild<QTabWidget*>(QStringLiteral("moduleTabs"));
    auto* page = h.window.findChild<VersionsPage*>(QStringLiteral("versionsPage"));
    QVERIFY(modules && page);
    modules->setCurrentWidget(page);
    auto* versions = h.window.findChild<QTableView*>(QStringLiteral("versionTable"));
    auto* tree = h.window.findChild<QTreeView*>(QStringLiteral("versionDiffTree"));
    auto* kind = h.window.findChild<QComboBox*>(QStringLiteral("diffKindFilter"));
    auto* summary = h.window.findChild<QLabel*>(QStringLiteral("diffSummary"));
    QVERIFY(versions && tree && kind && summary);
    QCOMPARE(versions->model()->rowCount(), 1);
    QCOMPARE(versions->model()->index(0, VersionListModel::StatusColumn).data().toString(), QStringLiteral("Frozen"));

    // By default the newest snapshot is compared with the plan as merged now.
    QVERIFY2(summary->text().contains(QStringLiteral("From 1.0.0 to Current plan")), qPrintable(summary->text()));
    auto entities = [tree] {
        QStringList out;
        const QAbstractItemModel* m = tree->model();
        for (int g = 0; g < m->rowCount(); ++g) {
            const QModelIndex group = m->index(g, 0);
            for (int r = 0; r < m->rowCount(group); ++r) {
                out << m->index(r, 0, group).data().toString() + QLatin1Char(':')
                        + m->index(r, PlanDiffModel::ChangeColumn, group).data().toString();
            }
        }
        return out;
    };
    QCOMPARE(entities(), (QStringList{QStringLiteral("cart_view:Added"), QStringLiteral("order_submit:Changed")}));
    // The changed event's fields, before → after, are shown expanded.
    const QModelIndex events = tree->model()->index(0, 0);
    const QModelIndex submit = tree->model()->index(1, 0, events);
    QVERIFY(tree->isExpanded(submit));
    const QModelIndex description = tree->model()->index(0, 0, submit);
    QCOMPARE(description.data().toString(), QStringLiteral("Description"));
    QCOMPARE(description.siblingAtColumn(PlanDiffModel::AfterColumn).data().toString(),
             QStringLiteral("Sent when the server accepted the order"));

    kind->setCurrentIndex(kind->findText(QStringLiteral("Added")));
    QCOMPARE(entities(), QStringList{QStringLiteral("cart_view:Added")});
    kind->setCurrentIndex(0);

    // The QA checklist of the comparison.
    const QString csvPath = fixture.dir.filePath(QStringLiteral("qa.csv"));
    QVERIFY(page->exportChecklist(csvPath));
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(csv.readAll());
    QVERIFY2(text.contains(QStringLiteral("user-app,1.0.0,current,order_submit,提交订单,changed,description")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("user-app,1.0.0,current,cart_view,购物车浏览,new event")), qPrintable(text));

    // Comparing a version with itself: nothing differs, nothing to export.
    page->compare(QStringLiteral("1.0.0"), QStringLiteral("1.0.0"));
    QVERIFY2(summary->text().contains(QStringLiteral("do not differ")), qPrintable(summary->text()));
    QCOMPARE(tree->model()->rowCount(), 0);
    QVERIFY(!h.window.findChild<QPushButton*>(QStringLiteral("exportChecklistButton"))->isEnabled());
}

void TestMainWindow::demandWorkflowFromThePage()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    Store& store = *fixture.store;
    const QString app = QStringLiteral("user-app");

    Harness h(store);
    h.clickApp(app);
    auto* modules = h.window.findChild<QTabWidget*>(QStringLiteral("moduleTabs"));
    auto* page = h.window.findChild<DemandsPage*>(QStringLiteral("demandsPage"));
    QVERIFY(modules && page);
    modules->setCurrentWidget(page);
    auto button = [&h](const char* name) { return h.window.findChild<QPushButton*>(QString::fromLatin1(name)); };
    auto* message = h.window.findChild<QLabel*>(QStringLiteral("demandMessage"));
    QVERIFY(message);

    // New demand through the dialog: OK only with a title; the new draft is selected.
    QTest::mouseClick(button("newDemandButton"), Qt::LeftButton);
    auto* dialog = page->findChild<NewDemandDialog*>(QStringLiteral("newDemandDialog"));
    QVERIFY(dialog);
    auto* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled());
    dialog->findChild<QLineEdit*>(QStringLiteral("demandTitleEdit"))->setText(QStringLiteral("Coupons"));
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    const QString key = page->currentKey();
    QVERIFY2(key.startsWith(QStringLiteral("DEM-")), qPrintable(key));
    QVERIFY2(message->text().contains(QStringLiteral("created as a draft")), qPrintable(message->text()));
    auto created = store.demands().demand(key);
    QVERIFY(created && created->title == QStringLiteral("Coupons") && created->appKey == app);

    // Only what the status allows is enabled, and a disabled action says why.
    QVERIFY(button("submitDemandButton")->isEnabled());
    QVERIFY(!button("approveDemandButton")->isEnabled());
    QVERIFY2(button("approveDemandButton")->toolTip().contains(QStringLiteral("In review")),
             qPrintable(button("approveDemandButton")->toolTip()));
    QVERIFY(!button("mergeDemandButton")->isEnabled());

    // An empty demand cannot go to review: the store's reason is shown, nothing changes.
    QTest::mouseClick(button("submitDemandButton"), Qt::LeftButton);
    QVERIFY2(message->text().contains(QStringLiteral("no changes yet")), qPrintable(message->text()));
    QCOMPARE(store.demands().demand(key)->status, DemandStatus::Draft);

    // With changes (a new event, an edit of order_submit): submit, approve.
    QVERIFY(store.demands().saveEvent(
        key, test::makeEvent(QStringLiteral("coupon_claim"), QStringLiteral("领券"), Level::C)));
    auto submit = store.plan().event(app, QStringLiteral("order_submit"));
    QVERIFY(submit);
    submit->description = QStringLiteral("mine");
    QVERIFY(store.demands().saveEvent(key, *submit));
    QTest::mouseClick(button("submitDemandButton"), Qt::LeftButton);
    QVERIFY2(message->text().contains(QStringLiteral("is now In review")), qPrintable(message->text()));
    QCOMPARE(page->currentKey(), key);
    QTest::mouseClick(button("approveDemandButton"), Qt::LeftButton);
    QCOMPARE(store.demands().demand(key)->status, DemandStatus::Approved);
    // Merge waits for the approvals: the new event's level and order_submit's owner.
    QVERIFY(!button("mergeDemandButton")->isEnabled());
    QVERIFY2(button("mergeDemandButton")->toolTip().contains(QStringLiteral("Event owner alice")),
             qPrintable(button("mergeDemandButton")->toolTip()));
    QVERIFY(tp::test::completeReview(store, key)); // a steward and alice, in other windows
    h.window.findChild<QAction*>(QStringLiteral("reloadAction"))->trigger();
    QCOMPARE(page->currentKey(), key);
    QVERIFY(button("mergeDemandButton")->isEnabled());

    // Meanwhile another demand changes order_submit and is merged: ours now conflicts.
    Demand other;
    other.appKey = app;
    other.title = QStringLiteral("Theirs");
    auto theirs = store.demands().create(other);
    QVERIFY(theirs);
    submit->description = QStringLiteral("theirs");
    QVERIFY(store.demands().saveEvent(theirs->key, *submit));
    QVERIFY(store.demands().submit(theirs->key) && store.demands().approve(theirs->key));
    QVERIFY(tp::test::completeReview(store, theirs->key));
    QVERIFY(store.demands().merge(theirs->key)->merged);

    QTest::mouseClick(button("mergeDemandButton"), Qt::LeftButton);
    QVERIFY2(message->text().contains(QStringLiteral("1 conflict")), qPrintable(message->text()));
    auto* conflicts = page->findChild<MergeConflictDialog*>(QStringLiteral("mergeConflictDialog"));
    QVERIFY(conflicts);
    auto* table = conflicts->findChild<QTableWidget*>(QStringLiteral("conflictTable"));
    QVERIFY(table);
    QStringList rows;
    for (int r = 0; r < table->rowCount(); ++r) {
        rows << QStringList{table->item(r, 1)->text(), table->item(r, 3)->text(), table->item(r, 4)->text()}.join(
            QLatin1Char('|'));
    }
    QVERIFY2(rows.contains(QStringLiteral("Description|theirs|mine")), qPrintable(rows.join(QLatin1Char('\n'))));
    conflicts->close();
    QCOMPARE(store.demands().demand(key)->status, DemandStatus::Approved); // nothing merged
    QCOMPARE(h.catalog.eventModel()->rowOf(QStringLiteral("coupon_claim")), -1);

    // Reopen, take theirs (drop our edit of order_submit), submit, approve, merge: the new
    // event is in the catalogue.
    QTest::mouseClick(button("reopenDemandButton"), Qt::LeftButton);
    QCOMPARE(store.demands().demand(key)->status, DemandStatus::Draft);
    QVERIFY(store.demands().discard(key, EntityKind::Event, QStringLiteral("order_submit")));
    QTest::mouseClick(button("submitDemandButton"), Qt::LeftButton);
    QTest::mouseClick(button("approveDemandButton"), Qt::LeftButton);
    QTest::mouseClick(button("mergeDemandButton"), Qt::LeftButton);
    QVERIFY2(message->text().contains(QStringLiteral("merged")), qPrintable(message->text()));
    QCOMPARE(store.demands().demand(key)->status, DemandStatus::Merged);
    QVERIFY(h.catalog.eventModel()->rowOf(QStringLiteral("coupon_claim")) >= 0);
    QCOMPARE(page->currentKey(), key);
    QVERIFY(!button("mergeDemandButton")->isEnabled());
}

void TestMainWindow::editingUnderADemand()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    Store& store = *fixture.store;
    auto demand = fixture.draft(QStringLiteral("Better names"));
    QVERIFY(demand);

    Harness h(store);
    h.clickApp(QStringLiteral("user-app"));
    auto button = [&h](const char* name) { return h.window.findChild<QPushButton*>(QString::fromLatin1(name)); };
    auto* banner = h.window.findChild<QFrame*>(QStringLiteral("activeDemandBanner"));
    auto* plan = h.window.findChild<PlanPage*>(QStringLiteral("planPage"));
    QVERIFY(banner && plan);

    // No active demand: the editors are off and say how to start.
    QVERIFY(!banner->isVisible());
    QVERIFY(Harness::clickRow(h.eventTable(), QStringLiteral("order_submit")));
    QVERIFY(!button("editEventButton")->isEnabled());
    QVERIFY(!button("newEventButton")->isEnabled());
    QVERIFY2(button("editEventButton")->toolTip().contains(QStringLiteral("Work under this demand")),
             qPrintable(button("editEventButton")->toolTip()));

    // Work under the draft from the Demands page: the banner names it.
    auto* modules = h.window.findChild<QTabWidget*>(QStringLiteral("moduleTabs"));
    auto* demands = h.window.findChild<DemandsPage*>(QStringLiteral("demandsPage"));
    modules->setCurrentWidget(demands);
    auto* table = h.window.findChild<QTableView*>(QStringLiteral("demandTable"));
    const QModelIndexList hits =
        table->model()->match(table->model()->index(0, 0), DemandListModel::KeyRole, demand->key, 1, Qt::MatchExactly);
    QCOMPARE(hits.size(), 1);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(hits.first()).center());
    QVERIFY(button("workUnderDemandButton")->isEnabled());
    QTest::mouseClick(button("workUnderDemandButton"), Qt::LeftButton);
    QCOMPARE(h.catalog.activeDemand(), demand->key);
    QVERIFY(banner->isVisible());
    QVERIFY(h.window.findChild<QLabel*>(QStringLiteral("activeDemandLabel"))->text().contains(demand->key));
    QVERIFY(!button("workUnderDemandButton")->isEnabled());

    // Edit order_submit: a rule breaks while typing (no display name) and OK waits for it.
    modules->setCurrentWidget(plan);
    QVERIFY(Harness::clickRow(h.eventTable(), QStringLiteral("order_submit")));
    QVERIFY(button("editEventButton")->isEnabled());
    QTest::mouseClick(button("editEventButton"), Qt::LeftButton);
    auto* editor = plan->findChild<EventEditorDialog*>(QStringLiteral("eventEditor"));
    QVERIFY(editor);
    auto* ok = editor->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    auto* name = editor->findChild<QLineEdit*>(QStringLiteral("eventDisplayNameEdit"));
    auto* findings = editor->findChild<QLabel*>(QStringLiteral("eventFindings"));
    QVERIFY(editor->findChild<QLineEdit*>(QStringLiteral("eventKeyEdit"))->isReadOnly());
    name->clear();
    QVERIFY(!ok->isEnabled());
    QVERIFY2(findings->text().contains(QStringLiteral("display name")), qPrintable(findings->text()));
    name->setText(QStringLiteral("提交订单（服务端确认）"));
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);

    // The change is in the demand, and the row is marked pending.
    auto changes = store.demands().changes(demand->key);
    QVERIFY(changes);
    QCOMPARE(changes->size(), 1);
    QCOMPARE(changes->first().entityKey, QStringLiteral("order_submit"));
    QCOMPARE(changes->first().state.value(QStringLiteral("display_name")).toString(),
             QStringLiteral("提交订单（服务端确认）"));
    const int row = h.catalog.eventModel()->rowOf(QStringLiteral("order_submit"));
    QVERIFY(h.catalog.eventModel()->index(row, 0).data(EventTableModel::PendingRole).toBool());
    QVERIFY(!h.catalog.eventModel()
                 ->index(h.catalog.eventModel()->rowOf(QStringLiteral("home_view")), 0)
                 .data(EventTableModel::PendingRole)
                 .toBool());

    // Editing it again starts from the pending state, not from the merged one.
    QTRY_VERIFY(!plan->findChild<EventEditorDialog*>());
    QTest::mouseClick(button("editEventButton"), Qt::LeftButton);
    editor = plan->findChild<EventEditorDialog*>(QStringLiteral("eventEditor"));
    QVERIFY(editor);
    QCOMPARE(editor->findChild<QLineEdit*>(QStringLiteral("eventDisplayNameEdit"))->text(),
             QStringLiteral("提交订单（服务端确认）"));
    editor->reject();

    // A new event whose key collides with another (ignoring case and separators) is refused
    // in the editor; a good one goes into the change set.
    QTRY_VERIFY(!plan->findChild<EventEditorDialog*>()); // the first editor closed and went
    QTest::mouseClick(button("newEventButton"), Qt::LeftButton);
    editor = plan->findChild<EventEditorDialog*>(QStringLiteral("eventEditor"));
    QVERIFY(editor);
    ok = editor->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    editor->findChild<QLineEdit*>(QStringLiteral("eventDisplayNameEdit"))->setText(QStringLiteral("首页浏览"));
    editor->findChild<QLineEdit*>(QStringLiteral("eventKeyEdit"))->setText(QStringLiteral("homeview"));
    QVERIFY(!ok->isEnabled());
    QVERIFY(
        editor->findChild<QLabel*>(QStringLiteral("eventFindings"))->text().contains(QStringLiteral("Another event")));
    editor->findChild<QLineEdit*>(QStringLiteral("eventKeyEdit"))->setText(QStringLiteral("coupon_claim"));
    QVERIFY(ok->isEnabled());
    // Three attributes from the catalogue (typed into the picker, as a user would), one made
    // required, then reordered; unknown or doubly bound attributes are refused.
    auto* picker = editor->findChild<QComboBox*>(QStringLiteral("attributePicker"));
    auto* add = editor->findChild<QPushButton*>(QStringLiteral("addBindingButton"));
    auto* bindings = editor->findChild<QTableWidget*>(QStringLiteral("bindingsTable"));
    QVERIFY(picker && add && bindings);
    QCOMPARE(picker->findData(QStringLiteral("city_id")), -1); // common: carried by every event, not bound
    for (const char* key : {"order_id", "order_amount", "pay_method"}) {
        picker->setEditText(QString::fromLatin1(key));
        QTest::mouseClick(add, Qt::LeftButton);
    }
    QCOMPARE(bindings->rowCount(), 3);
    QVERIFY(!editor->addBinding(QStringLiteral("order_id")));
    QVERIFY(!editor->addBinding(QStringLiteral("no_such_attribute")));
    bindings->item(0, 1)->setCheckState(Qt::Checked);
    bindings->setCurrentCell(2, 0);
    QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("moveBindingUpButton")), Qt::LeftButton);
    QTest::mouseClick(ok, Qt::LeftButton);
    changes = store.demands().changes(demand->key);
    QVERIFY(changes && changes->size() == 2);
    // The new event shows as a pending row, and the changed one's details show its proposal.
    const int newRow = h.catalog.eventModel()->rowOf(QStringLiteral("coupon_claim"));
    QVERIFY(newRow >= 0);
    QVERIFY(h.catalog.eventModel()->index(newRow, 0).data(EventTableModel::PendingRole).toBool());
    QVERIFY(Harness::clickRow(h.eventTable(), QStringLiteral("order_submit")));
    QVERIFY2(h.detail()->toPlainText().contains(QStringLiteral("提交订单（服务端确认）")),
             qPrintable(h.detail()->toPlainText()));
    auto created = store.demands().changes(demand->key);
    const auto coupon = std::find_if(created->cbegin(), created->cend(),
                                     [](const Change& c) { return c.entityKey == QStringLiteral("coupon_claim"); });
    QVERIFY(coupon != created->cend());
    QStringList bound;
    for (const QJsonValue& b : coupon->state.value(QStringLiteral("bindings")).toArray()) {
        bound << b.toObject().value(QStringLiteral("attribute")).toString()
                + (b.toObject().value(QStringLiteral("required")).toBool() ? QStringLiteral("*") : QString());
    }
    QCOMPARE(bound,
             (QStringList{QStringLiteral("order_id*"), QStringLiteral("pay_method"), QStringLiteral("order_amount")}));

    // Submitting the demand ends the editing: the banner goes, the editors are off again.
    modules->setCurrentWidget(demands);
    QTest::mouseClick(button("submitDemandButton"), Qt::LeftButton);
    QCOMPARE(store.demands().demand(demand->key)->status, DemandStatus::InReview);
    QVERIFY(h.catalog.activeDemand().isEmpty());
    QVERIFY(!banner->isVisible());
    modules->setCurrentWidget(plan);
    QVERIFY(!button("editEventButton")->isEnabled());
}

void TestMainWindow::failedSaveKeepsTheEditorOpen()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    Store& store = *fixture.store;
    auto demand = fixture.draft(QStringLiteral("Names"));
    QVERIFY(demand);
    Harness h(store);
    h.clickApp(QStringLiteral("user-app"));
    QVERIFY(h.catalog.setActiveDemand(demand->key));
    auto* plan = h.window.findChild<PlanPage*>(QStringLiteral("planPage"));
    QVERIFY(Harness::clickRow(h.eventTable(), QStringLiteral("order_submit")));
    plan->editEvent();
    auto* editor = plan->findChild<EventEditorDialog*>(QStringLiteral("eventEditor"));
    QVERIFY(editor);
    editor->findChild<QLineEdit*>(QStringLiteral("eventDisplayNameEdit"))->setText(QStringLiteral("改过的名字"));

    // Meanwhile the demand is cancelled (another window, another client): the save fails, the
    // editor stays open with the error and everything typed.
    QVERIFY(store.demands().cancel(demand->key));
    QTest::mouseClick(editor->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QVERIFY(editor->isVisible());
    QCOMPARE(editor->result(), int(QDialog::Rejected));
    auto* error = editor->findChild<QLabel*>(QStringLiteral("saveError"));
    QVERIFY(error && error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("Not saved")), qPrintable(error->text()));
    QCOMPARE(editor->findChild<QLineEdit*>(QStringLiteral("eventDisplayNameEdit"))->text(),
             QStringLiteral("改过的名字"));
    QCOMPARE(store.demands().changes(demand->key)->size(), 0);
    QCOMPARE(plan->undoStack()->count(), 0); // nothing to undo: nothing was saved
    editor->reject();
}

void TestMainWindow::keyboardEditing()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    Store& store = *fixture.store;
    auto demand = fixture.draft(QStringLiteral("Keys"));
    QVERIFY(demand);
    Harness h(store);
    h.clickApp(QStringLiteral("user-app"));
    auto* plan = h.window.findChild<PlanPage*>(QStringLiteral("planPage"));
    QVERIFY(Harness::clickRow(h.eventTable(), QStringLiteral("order_submit")));
    // Not working under a demand: Enter opens nothing.
    QTest::keyClick(h.eventTable(), Qt::Key_Return);
    QVERIFY(!plan->findChild<EventEditorDialog*>());

    QVERIFY(h.catalog.setActiveDemand(demand->key));
    QTest::keyClick(h.eventTable(), Qt::Key_Return);
    auto* editor = plan->findChild<EventEditorDialog*>(QStringLiteral("eventEditor"));
    QVERIFY(editor);
    editor->activateWindow(); // shortcuts go to the active window
    QVERIFY(QTest::qWaitForWindowActive(editor));
    auto* name = editor->findChild<QLineEdit*>(QStringLiteral("eventDisplayNameEdit"));
    name->setText(QString());
    QTest::keySequence(name, QKeySequence::Save); // invalid: Ctrl+S saves nothing
    QVERIFY(editor->isVisible());
    QCOMPARE(store.demands().changes(demand->key)->size(), 0);
    name->setText(QStringLiteral("用键盘改的"));
    QTest::keySequence(name, QKeySequence::Save);
    QVERIFY(!editor->isVisible());
    auto changes = store.demands().changes(demand->key);
    QVERIFY(changes && changes->size() == 1);
    QCOMPARE(changes->first().state.value(QStringLiteral("display_name")).toString(), QStringLiteral("用键盘改的"));
}

// The PostgreSQL server goes away under the window and comes back: a banner says so while it
// is away, and goes when the store answers again; nothing crashes, what was shown stays.
void TestMainWindow::storeOutageShowsABanner()
{
    test::PgServer pg;
    QString error;
    QVERIFY2(pg.start(&error), qPrintable(error));
    QVERIFY2(pg.createDatabase(QStringLiteral("outage"), &error), qPrintable(error));
    const SmallStore fixture(pg.url(QStringLiteral("outage")));
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    Harness h(*fixture.store);
    h.clickApp(QStringLiteral("user-app"));
    auto* banner = h.window.findChild<QFrame*>(QStringLiteral("connectionBanner"));
    QVERIFY(banner);
    QVERIFY(!banner->isVisible());
    const int rows = h.eventTable()->model()->rowCount();
    QVERIFY(rows > 0);

    pg.halt();
    h.catalog.checkForChanges(); // what the timer does every few seconds
    QVERIFY(banner->isVisible());
    const QString text = h.window.findChild<QLabel*>(QStringLiteral("connectionLabel"))->text();
    QVERIFY2(text.contains(QStringLiteral("does not answer")), qPrintable(text));
    QCOMPARE(h.eventTable()->model()->rowCount(), rows);

    QVERIFY2(pg.resume(&error), qPrintable(error));
    h.catalog.checkForChanges();
    QVERIFY(!banner->isVisible());
    QCOMPARE(h.eventTable()->model()->rowCount(), rows);
}

void TestMainWindow::undoAndRedoEdits()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    Store& store = *fixture.store;
    auto demand = fixture.draft(QStringLiteral("Names"));
    QVERIFY(demand);

    Harness h(store);
    h.clickApp(QStringLiteral("user-app"));
    QVERIFY(h.catalog.setActiveDemand(demand->key));
    auto* plan = h.window.findChild<PlanPage*>(QStringLiteral("planPage"));
    auto* undo = h.window.findChild<QAction*>(QStringLiteral("undoAction"));
    auto* redo = h.window.findChild<QAction*>(QStringLiteral("redoAction"));
    QVERIFY(plan && undo && redo);
    QVERIFY(!undo->isEnabled());
    QCOMPARE(undo->shortcut(), QKeySequence(QKeySequence::Undo));

    auto editName = [&](const QString& name) {
        QTRY_VERIFY(!plan->findChild<EventEditorDialog*>());
        QVERIFY(Harness::clickRow(h.eventTable(), QStringLiteral("order_submit")));
        plan->editEvent();
        auto* editor = plan->findChild<EventEditorDialog*>(QStringLiteral("eventEditor"));
        QVERIFY(editor);
        editor->findChild<QLineEdit*>(QStringLiteral("eventDisplayNameEdit"))->setText(name);
        editor->accept();
    };
    auto pendingName = [&]() -> QString {
        const auto pending = h.catalog.pendingEvent(QStringLiteral("order_submit"));
        return pending ? pending->displayName : QStringLiteral("<none>");
    };
    auto marked = [&] {
        const int row = h.catalog.eventModel()->rowOf(QStringLiteral("order_submit"));
        return h.catalog.eventModel()->index(row, 0).data(EventTableModel::PendingRole).toBool();
    };

    editName(QStringLiteral("first"));
    QCOMPARE(pendingName(), QStringLiteral("first"));
    QVERIFY(marked());
    QVERIFY(undo->isEnabled());
    editName(QStringLiteral("second"));
    QCOMPARE(pendingName(), QStringLiteral("second"));

    undo->trigger(); // back to the first edit
    QCOMPARE(pendingName(), QStringLiteral("first"));
    undo->trigger(); // no change at all any more
    QCOMPARE(pendingName(), QStringLiteral("<none>"));
    QVERIFY(!marked());
    QCOMPARE(store.demands().changes(demand->key)->size(), 0);
    QVERIFY(!undo->isEnabled());

    redo->trigger();
    QCOMPARE(pendingName(), QStringLiteral("first"));
    QVERIFY(marked());
    redo->trigger();
    QCOMPARE(pendingName(), QStringLiteral("second"));
    QVERIFY(!redo->isEnabled());

    // Leaving the demand clears the history: its edits are not undone from elsewhere.
    QVERIFY(h.catalog.setActiveDemand({}));
    QVERIFY(!undo->isEnabled());
    QCOMPARE(store.demands().changes(demand->key)->size(), 1);
}

/// The product owner's day, through the widgets: a demand, an event with three attributes
/// under it, review, merge; the event is in the catalogue, its history names the demand, and a
/// version diff shows it.
void TestMainWindow::mainWorkflow()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    Store& store = *fixture.store;
    Version v;
    v.appKey = QStringLiteral("user-app");
    v.name = QStringLiteral("1.0.0");
    QVERIFY(store.versions().create(v) && store.versions().freeze(v.appKey, v.name));

    Harness h(store);
    h.clickApp(v.appKey);
    auto button = [&h](const char* name) { return h.window.findChild<QPushButton*>(QString::fromLatin1(name)); };
    auto* modules = h.window.findChild<QTabWidget*>(QStringLiteral("moduleTabs"));
    auto* demands = h.window.findChild<DemandsPage*>(QStringLiteral("demandsPage"));
    auto* plan = h.window.findChild<PlanPage*>(QStringLiteral("planPage"));
    auto* versions = h.window.findChild<VersionsPage*>(QStringLiteral("versionsPage"));
    QVERIFY(modules && demands && plan && versions);

    // 1. A demand.
    modules->setCurrentWidget(demands);
    QTest::mouseClick(button("newDemandButton"), Qt::LeftButton);
    auto* newDemand = demands->findChild<NewDemandDialog*>(QStringLiteral("newDemandDialog"));
    QVERIFY(newDemand);
    QTest::keyClicks(newDemand->findChild<QLineEdit*>(QStringLiteral("demandTitleEdit")), QStringLiteral("Coupons"));
    QTest::mouseClick(newDemand->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    const QString key = demands->currentKey();
    QVERIFY(key.startsWith(QStringLiteral("DEM-")));

    // 2. Work under it.
    QTest::mouseClick(button("workUnderDemandButton"), Qt::LeftButton);
    QCOMPARE(h.catalog.activeDemand(), key);

    // 3. An event with three attributes.
    modules->setCurrentWidget(plan);
    QTest::mouseClick(button("newEventButton"), Qt::LeftButton);
    auto* editor = plan->findChild<EventEditorDialog*>(QStringLiteral("eventEditor"));
    QVERIFY(editor);
    QTest::keyClicks(editor->findChild<QLineEdit*>(QStringLiteral("eventKeyEdit")), QStringLiteral("coupon_claim"));
    // (QTest types ASCII only; the Chinese name is set as an input method would.)
    editor->findChild<QLineEdit*>(QStringLiteral("eventDisplayNameEdit"))->setText(QStringLiteral("领取优惠券"));
    auto* picker = editor->findChild<QComboBox*>(QStringLiteral("attributePicker"));
    for (const char* attribute : {"order_id", "order_amount", "pay_method"}) {
        picker->setEditText(QString::fromLatin1(attribute));
        QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("addBindingButton")), Qt::LeftButton);
    }
    QCOMPARE(editor->findChild<QTableWidget*>(QStringLiteral("bindingsTable"))->rowCount(), 3);
    QTest::mouseClick(editor->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(store.demands().changes(key)->size(), 1);

    // 4. Submit, approve, merge.
    modules->setCurrentWidget(demands);
    for (const char* action : {"submitDemandButton", "approveDemandButton", "mergeDemandButton"}) {
        if (QLatin1String(action) == QLatin1String("mergeDemandButton")) {
            QVERIFY(tp::test::completeReview(store, key)); // the new event's level
            h.window.findChild<QAction*>(QStringLiteral("reloadAction"))->trigger(); // decided elsewhere
        }
        QVERIFY2(button(action)->isEnabled(), action);
        QTest::mouseClick(button(action), Qt::LeftButton);
    }
    QCOMPARE(store.demands().demand(key)->status, DemandStatus::Merged);

    // 5. The event is in the catalogue, with its three attributes; its history names the demand.
    modules->setCurrentWidget(plan);
    QVERIFY(Harness::clickRow(h.eventTable(), QStringLiteral("coupon_claim")));
    QVERIFY(h.detail()->toPlainText().contains(QStringLiteral("领取优惠券")));
    QVERIFY(h.detail()->toPlainText().contains(QStringLiteral("pay_method")));
    auto* detailTabs = h.window.findChild<QTabWidget*>(QStringLiteral("detailTabs"));
    auto* history = h.window.findChild<QTextBrowser*>(QStringLiteral("historyView"));
    QVERIFY(detailTabs && history);
    detailTabs->setCurrentWidget(history);
    QVERIFY2(history->toPlainText().contains(QStringLiteral("Revision 1")), qPrintable(history->toPlainText()));
    QVERIFY2(history->toPlainText().contains(key), qPrintable(history->toPlainText()));

    // 6. The version diff shows it as added.
    modules->setCurrentWidget(versions);
    versions->compare(v.name, QStringLiteral("current"));
    auto* tree = h.window.findChild<QTreeView*>(QStringLiteral("versionDiffTree"));
    const QModelIndexList added =
        tree->model()->match(tree->model()->index(0, 0), PlanDiffModel::KeyRole, QStringLiteral("coupon_claim"), 1,
                             Qt::MatchExactly | Qt::MatchRecursive);
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.first().siblingAtColumn(PlanDiffModel::ChangeColumn).data().toString(), QStringLiteral("Added"));
}

void TestMainWindow::eventFiltersNarrowTheTable()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    Store& store = *fixture.store;
    // home_view becomes different in every filtered field.
    auto demand = fixture.draft(QStringLiteral("Home"));
    QVERIFY(demand);
    auto home = store.plan().event(QStringLiteral("user-app"), QStringLiteral("home_view"));
    QVERIFY(home);
    home->category = QStringLiteral("home");
    home->tags = {QStringLiteral("growth"), QStringLiteral("首页")};
    home->platforms = {QStringLiteral("web")};
    home->owner = QStringLiteral("bob");
    home->status = EventStatus::Planned;
    QVERIFY(store.demands().saveEvent(demand->key, *home));
    QVERIFY(store.demands().submit(demand->key) && store.demands().approve(demand->key));
    QVERIFY(tp::test::completeReview(store, demand->key));
    QVERIFY(store.demands().merge(demand->key)->merged);

    Harness h(store);
    h.clickApp(QStringLiteral("user-app"));
    auto keys = [&h] {
        QStringList out;
        const QAbstractItemModel* m = h.eventTable()->model();
        for (int r = 0; r < m->rowCount(); ++r) {
            out << m->index(r, 0).data(EventTableModel::KeyRole).toString();
        }
        out.sort();
        return out;
    };
    auto choose = [&h](const char* filter, const QString& text) {
        auto* box = h.window.findChild<QComboBox*>(QString::fromLatin1(filter));
        QVERIFY2(box, filter);
        const int index = text.isEmpty() ? 0 : box->findText(text);
        QVERIFY2(index >= 0, qPrintable(text));
        box->setCurrentIndex(index);
    };
    QCOMPARE(keys().size(), 5);
    choose("levelFilter", QStringLiteral("D · Core"));
    QCOMPARE(keys(), QStringList{QStringLiteral("order_submit")});
    QVERIFY2(h.tabs()->tabText(0).contains(QStringLiteral("1 of 5")), qPrintable(h.tabs()->tabText(0)));
    choose("levelFilter", {});
    const QStringList onlyHome{QStringLiteral("home_view")};
    for (const auto& [filter, value] :
         {std::pair{"categoryFilter", QStringLiteral("home")}, std::pair{"platformFilter", QStringLiteral("web")},
          std::pair{"ownerFilter", QStringLiteral("bob")}, std::pair{"tagFilter", QStringLiteral("growth")},
          std::pair{"eventStatusFilter", QStringLiteral("Planned")}}) {
        choose(filter, value);
        QVERIFY2(keys() == onlyHome, filter);
        choose(filter, {});
        QCOMPARE(keys().size(), 5);
    }
    // Filters combine; so do filters and the search.
    choose("ownerFilter", QStringLiteral("alice"));
    choose("levelFilter", QStringLiteral("B · General"));
    QCOMPARE(keys(), QStringList{QStringLiteral("search_submit")});
    choose("ownerFilter", {});
    choose("levelFilter", {});
    // The attributes have filters of their own: type, privacy, group, common.
    h.tabs()->setCurrentIndex(1);
    auto attributeKeys = [&h] {
        QStringList out;
        const QAbstractItemModel* m = h.attributeTable()->model();
        for (int r = 0; r < m->rowCount(); ++r) {
            out << m->index(r, 0).data(AttributeTableModel::KeyRole).toString();
        }
        out.sort();
        return out;
    };
    QVERIFY(!h.window.findChild<QComboBox*>(QStringLiteral("levelFilter"))->isVisible());
    QVERIFY(h.window.findChild<QComboBox*>(QStringLiteral("attributeTypeFilter"))->isVisible());
    choose("attributeTypeFilter", QStringLiteral("number"));
    QCOMPARE(attributeKeys(), QStringList{QStringLiteral("order_amount")});
    choose("attributeTypeFilter", {});
    choose("commonFilter", QStringLiteral("Common only"));
    QCOMPARE(attributeKeys(), QStringList{QStringLiteral("city_id")});
    choose("commonFilter", {});
    QCOMPARE(attributeKeys().size(), 5);
    h.tabs()->setCurrentIndex(0);

    // The search also looks at descriptions and tags.
    h.searchEdit()->setText(QStringLiteral("event order_pay."));
    QCOMPARE(keys(), QStringList{QStringLiteral("order_pay")});
    h.searchEdit()->setText(QStringLiteral("首页"));
    QCOMPARE(keys(), onlyHome);
}

void TestMainWindow::attributeConstraintEditor()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    Store& store = *fixture.store;
    auto demand = fixture.draft(QStringLiteral("Coupons"));
    QVERIFY(demand);
    Harness h(store);
    h.clickApp(QStringLiteral("user-app"));
    QVERIFY(h.catalog.setActiveDemand(demand->key));
    auto* plan = h.window.findChild<PlanPage*>(QStringLiteral("planPage"));
    h.tabs()->setCurrentIndex(1); // Attributes
    auto* newButton = h.window.findChild<QPushButton*>(QStringLiteral("newAttributeButton"));
    QVERIFY(newButton && newButton->isVisible() && newButton->isEnabled());
    QVERIFY(!h.window.findChild<QPushButton*>(QStringLiteral("newEventButton"))->isVisible());
    QTest::mouseClick(newButton, Qt::LeftButton);
    auto* editor = plan->findChild<AttributeEditorDialog*>(QStringLiteral("attributeEditor"));
    QVERIFY(editor);
    auto field = [editor](const char* name) { return editor->findChild<QLineEdit*>(QString::fromLatin1(name)); };
    auto* type = editor->findChild<QComboBox*>(QStringLiteral("attributeTypeCombo"));
    auto* values = editor->findChild<QTableWidget*>(QStringLiteral("enumValuesTable"));
    auto* ok = editor->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    auto* findings = editor->findChild<QLabel*>(QStringLiteral("attributeFindings"));
    QVERIFY(type && values && ok && findings);
    field("attributeKeyEdit")->setText(QStringLiteral("coupon_type"));
    field("attributeDisplayNameEdit")->setText(QStringLiteral("券类型"));

    // Enum: the values table is on, the range off; the example must be one of the values.
    type->setCurrentIndex(type->findText(QStringLiteral("enum")));
    QVERIFY(values->parentWidget()->isEnabled());
    QVERIFY(!field("attributeMinEdit")->isEnabled());
    QVERIFY(!editor->findChild<QSpinBox*>(QStringLiteral("attributeMaxLengthSpin"))->isEnabled());
    auto* addValue = editor->findChild<QPushButton*>(QStringLiteral("addEnumValueButton"));
    for (const auto& [value, label] : {std::pair{QStringLiteral("cash"), QStringLiteral("现金")},
                                       std::pair{QStringLiteral("discount"), QStringLiteral("折扣")}}) {
        QTest::mouseClick(addValue, Qt::LeftButton);
        const int row = values->rowCount() - 1;
        values->item(row, 0)->setText(value);
        values->item(row, 1)->setText(label);
    }
    field("attributeExampleEdit")->setText(QStringLiteral("gift"));
    QVERIFY(!ok->isEnabled());
    QVERIFY2(findings->text().contains(QStringLiteral("gift")), qPrintable(findings->text()));
    field("attributeExampleEdit")->setText(QStringLiteral("cash"));
    QVERIFY2(ok->isEnabled(), qPrintable(findings->text()));

    // String: a pattern, tried live in the test field; an invalid one is an error.
    type->setCurrentIndex(type->findText(QStringLiteral("string")));
    QVERIFY(!values->parentWidget()->isEnabled());
    auto* result = editor->findChild<QLabel*>(QStringLiteral("patternTestResult"));
    field("attributePatternEdit")->setText(QStringLiteral("^[A-Z]{3}$"));
    field("patternTestEdit")->setText(QStringLiteral("ABC"));
    QVERIFY2(result->text().contains(QStringLiteral("matches")) && !result->text().contains(QStringLiteral("not")),
             qPrintable(result->text()));
    field("patternTestEdit")->setText(QStringLiteral("abc"));
    QVERIFY2(result->text().contains(QStringLiteral("does not match")), qPrintable(result->text()));
    field("attributePatternEdit")->setText(QStringLiteral("(unclosed"));
    QVERIFY2(result->text().contains(QStringLiteral("invalid pattern")), qPrintable(result->text()));
    QVERIFY(!ok->isEnabled());

    // Integer: min must not exceed max.
    type->setCurrentIndex(type->findText(QStringLiteral("integer")));
    field("attributeExampleEdit")->setText(QStringLiteral("5"));
    field("attributeMinEdit")->setText(QStringLiteral("10"));
    field("attributeMaxEdit")->setText(QStringLiteral("1"));
    QVERIFY(!ok->isEnabled());
    field("attributeMaxEdit")->setText(QStringLiteral("100"));
    QVERIFY(!ok->isEnabled()); // the example 5 is below min 10
    field("attributeExampleEdit")->setText(QStringLiteral("50"));
    QVERIFY2(ok->isEnabled(), qPrintable(findings->text()));
    editor->findChild<QComboBox*>(QStringLiteral("attributePrivacyCombo"))->setCurrentIndex(2);
    QTest::mouseClick(ok, Qt::LeftButton);

    auto changes = store.demands().changes(demand->key);
    QVERIFY(changes && changes->size() == 1);
    const QJsonObject state = changes->first().state;
    QCOMPARE(state.value(QStringLiteral("type")).toString(), QStringLiteral("integer"));
    QCOMPARE(state.value(QStringLiteral("min")).toDouble(), 10.0);
    QCOMPARE(state.value(QStringLiteral("max")).toDouble(), 100.0);
    QCOMPARE(state.value(QStringLiteral("pattern")).toString(), QString()); // not for integers
    QCOMPARE(state.value(QStringLiteral("enum_values")).toArray().size(), 0);
    QCOMPARE(state.value(QStringLiteral("privacy")).toString(), QStringLiteral("personal"));

    // Editing an existing attribute marks it pending in the table.
    QTRY_VERIFY(!plan->findChild<AttributeEditorDialog*>());
    QVERIFY(Harness::clickRow(h.attributeTable(), QStringLiteral("order_id")));
    QTest::mouseClick(h.window.findChild<QPushButton*>(QStringLiteral("editAttributeButton")), Qt::LeftButton);
    editor = plan->findChild<AttributeEditorDialog*>(QStringLiteral("attributeEditor"));
    QVERIFY(editor);
    QVERIFY(editor->findChild<QLineEdit*>(QStringLiteral("attributeKeyEdit"))->isReadOnly());
    editor->findChild<QSpinBox*>(QStringLiteral("attributeMaxLengthSpin"))->setValue(32);
    editor->accept();
    const int row = h.catalog.attributeModel()->rowOf(QStringLiteral("order_id"));
    QVERIFY(h.catalog.attributeModel()->index(row, 0).data(AttributeTableModel::PendingRole).toBool());
    // Attribute edits are undoable too: the edit goes, the new attribute stays.
    auto* undo = h.window.findChild<QAction*>(QStringLiteral("undoAction"));
    QVERIFY(undo && undo->isEnabled());
    undo->trigger();
    QVERIFY(!h.catalog.attributeModel()->index(row, 0).data(AttributeTableModel::PendingRole).toBool());
    QCOMPARE(store.demands().changes(demand->key)->size(), 1);
    h.window.findChild<QAction*>(QStringLiteral("redoAction"))->trigger();
    QVERIFY(h.catalog.attributeModel()->index(row, 0).data(AttributeTableModel::PendingRole).toBool());
    // Its detail lists the events that use it.
    QVERIFY2(h.detail()->toPlainText().contains(QStringLiteral("order_submit")), qPrintable(h.detail()->toPlainText()));
}

void TestMainWindow::changesByOthersAppear()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    // Another client: a second connection to the same store.
    auto other = Store::open(fixture.dir.filePath(QStringLiteral("plan.sqlite")));
    QVERIFY2(other, test::errorText(other).constData());
    Harness h(*fixture.store);
    h.clickApp(QStringLiteral("user-app"));
    QVERIFY(!h.catalog.checkForChanges()); // nothing new

    Demand d;
    d.appKey = QStringLiteral("user-app");
    d.title = QStringLiteral("From elsewhere");
    auto created = (*other)->demands().create(d);
    QVERIFY(created);
    QCOMPARE(h.catalog.demandModel()->rowOf(created->key), -1);
    QVERIFY(h.catalog.checkForChanges());
    QVERIFY(h.catalog.demandModel()->rowOf(created->key) >= 0);
    QVERIFY(!h.catalog.checkForChanges());

    // Our own edits need no reload.
    QVERIFY(h.catalog.setActiveDemand(created->key));
    auto event = h.catalog.proposedEvent(QStringLiteral("home_view"));
    QVERIFY(event);
    event->description = QStringLiteral("mine");
    QVERIFY(h.catalog.saveEvent(*event));
    QVERIFY(!h.catalog.checkForChanges());

    // A merge elsewhere brings the new plan; a new app appears in the list, the app stays.
    QVERIFY((*other)->demands().submit(created->key) && (*other)->demands().approve(created->key));
    QVERIFY(tp::test::completeReview(*(*other), created->key));
    QVERIFY((*other)->demands().merge(created->key)->merged);
    QVERIFY(h.catalog.checkForChanges());
    const int row = h.catalog.eventModel()->rowOf(QStringLiteral("home_view"));
    QCOMPARE(h.catalog.eventModel()->events().at(row).description, QStringLiteral("mine"));
    QVERIFY(test::fillLargeApp(**other, QStringLiteral("new-app"), 3).ok());
    QVERIFY(h.catalog.checkForChanges());
    QVERIFY(h.apps.rowOf(QStringLiteral("new-app")) >= 0);
    QCOMPARE(h.catalog.currentAppKey(), QStringLiteral("user-app"));
}

void TestMainWindow::languageIsChosenInSettings()
{
    QSettings().remove(QString::fromLatin1(MainWindow::kLanguageSetting));
    Harness h(*m_store);
    // One place to choose it: File → Settings… (File → Language is gone).
    QVERIFY(!h.window.findChild<QMenu*>(QStringLiteral("languageMenu")));
    auto* settings = h.window.findChild<QAction*>(QStringLiteral("settingsAction"));
    QVERIFY(settings);
    // The dialog is modal: the choice is made from inside its event loop. Returns the
    // language the dialog showed when it opened.
    auto choose = [settings](const QString& code) {
        QString shown = QStringLiteral("(no dialog)");
        QTimer::singleShot(0, settings, [code, &shown] {
            auto* dialog = qobject_cast<SettingsDialog*>(QApplication::activeModalWidget());
            if (!dialog) {
                return;
            }
            auto* combo = dialog->findChild<QComboBox*>(QStringLiteral("languageCombo"));
            shown = combo->currentData().toString();
            combo->setCurrentIndex(combo->findData(code));
            dialog->accept();
        });
        settings->trigger();
        return shown;
    };
    QCOMPARE(choose(QStringLiteral("zh_CN")), QString()); // the system's until now
    QCOMPARE(QSettings().value(QString::fromLatin1(MainWindow::kLanguageSetting)).toString(), QStringLiteral("zh_CN"));
    QVERIFY(h.window.statusBar()->currentMessage().contains(QStringLiteral("starts again")));
    QCOMPARE(choose(QString()), QStringLiteral("zh_CN")); // the dialog shows the choice
    QCOMPARE(QSettings().value(QString::fromLatin1(MainWindow::kLanguageSetting)).toString(), QString());
}

#include "tst_mainwindow.moc"
