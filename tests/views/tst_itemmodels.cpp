// Item models of the desktop app: structure (QAbstractItemModelTester), roles, lazy
// fetching, and loading through PlanCatalog from a real SQLite store.

#include "applistmodel.h"
#include "attributetablemodel.h"
#include "enumlabels.h"
#include "eventtablemodel.h"
#include "jsontext.h"
#include "plancatalog.h"
#include "planfixture.h"
#include "support/pgserver.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tp;

namespace {

QList<Event> numberedEvents(int count)
{
    QList<Event> events;
    for (int i = 0; i < count; ++i) {
        events << test::makeEvent(QStringLiteral("evt_%1").arg(i, 5, 10, QLatin1Char('0')),
                                  QStringLiteral("Event %1").arg(i), static_cast<Level>(i % 4));
    }
    return events;
}

} // namespace

class TestItemModels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void appListModel();
    void eventTableModelColumnsAndRoles();
    void eventTableModelFetchesInBatches();
    void attributeTableModelCountsUsers();
    void catalogLoadsPlanFromStore();
    void catalogReportsUnknownApp();
    void catalogLoadsInTheBackground();
    void catalogReportsBackgroundFailure();
    void catalogNoticesTheStoreGoingAway();
    void fieldsReadAsPeopleSayThem();

private:
    QTemporaryDir m_dir;
};

void TestItemModels::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestItemModels::appListModel()
{
    AppListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    App user{QStringLiteral("user-app"),
             QStringLiteral("用户端"),
             QStringLiteral("Riders"),
             {QStringLiteral("android"), QStringLiteral("ios")},
             1};
    App driver{QStringLiteral("driver-app"), QString(), QString(), {QStringLiteral("android")}, 1};
    model.setApps({user, driver});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOf(QStringLiteral("driver-app")), 1);
    QCOMPARE(model.rowOf(QStringLiteral("nope")), -1);
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("用户端"));
    QCOMPARE(model.index(1).data().toString(), QStringLiteral("driver-app")); // no name: the key
    QCOMPARE(model.index(0).data(AppListModel::KeyRole).toString(), QStringLiteral("user-app"));
    QCOMPARE(model.index(0).data(AppListModel::PlatformsRole).toStringList(), user.platforms);
    QVERIFY(model.index(0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("android, ios")));
    model.setApps({});
    QCOMPARE(model.rowCount(), 0);
}

void TestItemModels::eventTableModelColumnsAndRoles()
{
    EventTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Event e = test::makeEvent(QStringLiteral("order_submit"), QStringLiteral("提交订单"), Level::D,
                              {{QStringLiteral("order_id"), true, {}}, {QStringLiteral("amount"), false, {}}});
    e.schemaVersion = {2, 1, 10};
    Event f = test::makeEvent(QStringLiteral("home_view"), QStringLiteral("首页"), Level::A);
    f.schemaVersion = {2, 1, 9};
    model.setEvents({e, f});
    QCOMPARE(model.columnCount(), int(EventTableModel::ColumnCount));
    QCOMPARE(model.rowCount(), 2);
    const auto cell = [&model](int row, int column, int role = Qt::DisplayRole) {
        return model.index(row, column).data(role);
    };
    QCOMPARE(cell(0, EventTableModel::KeyColumn).toString(), QStringLiteral("order_submit"));
    QCOMPARE(cell(0, EventTableModel::DisplayNameColumn).toString(), QStringLiteral("提交订单"));
    QCOMPARE(cell(0, EventTableModel::CategoryColumn).toString(), QStringLiteral("order"));
    QVERIFY(cell(0, EventTableModel::LevelColumn).toString().startsWith(QLatin1Char('D')));
    QCOMPARE(cell(0, EventTableModel::StatusColumn).toString(), QStringLiteral("Live"));
    QCOMPARE(cell(0, EventTableModel::OwnerColumn).toString(), QStringLiteral("alice"));
    QCOMPARE(cell(0, EventTableModel::SchemaVersionColumn).toString(), QStringLiteral("2-1-10"));
    QCOMPARE(cell(0, EventTableModel::BindingsColumn).toString(), QStringLiteral("2"));
    // Semantic roles are the same on every column.
    QCOMPARE(cell(0, EventTableModel::KeyColumn, EventTableModel::LevelRole).toInt(), int(Level::D));
    QCOMPARE(cell(1, EventTableModel::BindingsColumn, EventTableModel::LevelRole).toInt(), int(Level::A));
    QCOMPARE(cell(0, EventTableModel::OwnerColumn, EventTableModel::StatusRole).toInt(), int(EventStatus::Live));
    QCOMPARE(cell(0, EventTableModel::KeyColumn, EventTableModel::BindingCountRole).toInt(), 2);
    // Sort keys order numbers as numbers: 2-1-10 after 2-1-9.
    QVERIFY(cell(0, EventTableModel::SchemaVersionColumn, EventTableModel::SortRole).toLongLong()
            > cell(1, EventTableModel::SchemaVersionColumn, EventTableModel::SortRole).toLongLong());
    QVERIFY(!model.headerData(EventTableModel::LevelColumn, Qt::Horizontal).toString().isEmpty());
    QCOMPARE(model.eventAt(1)->key, QStringLiteral("home_view"));
    QCOMPARE(model.eventAt(2), nullptr);
    QCOMPARE(model.rowOf(QStringLiteral("home_view")), 1);
    QCOMPARE(model.rowOf(QStringLiteral("nope")), -1);
}

void TestItemModels::eventTableModelFetchesInBatches()
{
    EventTableModel model;
    model.setBatchSize(100);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setEvents(numberedEvents(250));
    QCOMPARE(model.totalCount(), 250);
    QCOMPARE(model.rowCount(), 100); // the first batch comes with the reset
    QVERIFY(model.canFetchMore({}));
    QCOMPARE(model.eventAt(120), nullptr);
    QCOMPARE(model.rowOf(QStringLiteral("evt_00249")), 249); // found by key before it is fetched
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 200);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 100);
    QCOMPARE(inserted.at(0).at(2).toInt(), 199);
    model.fetchUpTo(220);
    QCOMPARE(model.rowCount(), 221);
    model.fetchAll();
    QCOMPARE(model.rowCount(), 250);
    QVERIFY(!model.canFetchMore({}));
    model.fetchMore({}); // nothing left: no insertion
    QCOMPARE(inserted.count(), 3);
    QCOMPARE(model.eventAt(249)->key, QStringLiteral("evt_00249"));

    // The tester calls fetchMore() from its modelReset handler before it marks the reset as
    // finished and then reports the insertion as nested in the reset (Qt 6.4), so it is
    // attached after the load. It then fetches batch after batch itself, checking each.
    model.setEvents(numberedEvents(150));
    QCOMPARE(model.rowCount(), 100);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.fetchAll();
    QCOMPARE(model.rowCount(), 150);
}

void TestItemModels::attributeTableModelCountsUsers()
{
    AttributeTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Attribute city = test::makeAttribute(QStringLiteral("city_id"), QStringLiteral("城市"), AttrType::Integer, true);
    Attribute order = test::makeAttribute(QStringLiteral("order_id"), QStringLiteral("订单号"), AttrType::String);
    order.groups = {QStringLiteral("order"), QStringLiteral("pay")};
    order.privacy = Privacy::Pseudonymous;
    Attribute unused = test::makeAttribute(QStringLiteral("unused"), QStringLiteral("未用"), AttrType::Boolean);
    const QList<Event> events{
        test::makeEvent(QStringLiteral("a"), QStringLiteral("A"), Level::B, {{QStringLiteral("order_id"), true, {}}}),
        test::makeEvent(QStringLiteral("b"), QStringLiteral("B"), Level::B, {{QStringLiteral("order_id"), false, {}}}),
        test::makeEvent(QStringLiteral("c"), QStringLiteral("C"), Level::B),
    };
    model.setAttributes({city, order, unused}, events);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(AttributeTableModel::ColumnCount));
    QCOMPARE(model.usedBy(0), 3); // common: every event
    QCOMPARE(model.usedBy(1), 2);
    QCOMPARE(model.usedBy(2), 0);
    QCOMPARE(model.index(1, AttributeTableModel::UsedByColumn).data(AttributeTableModel::SortRole).toInt(), 2);
    QCOMPARE(model.index(1, AttributeTableModel::TypeColumn).data().toString(), QStringLiteral("string"));
    QCOMPARE(model.index(1, AttributeTableModel::GroupsColumn).data().toString(), QStringLiteral("order, pay"));
    QCOMPARE(model.index(1, AttributeTableModel::PrivacyColumn).data().toString(), QStringLiteral("Pseudonymous"));
    QVERIFY(!model.index(0, AttributeTableModel::CommonColumn).data().toString().isEmpty());
    QVERIFY(model.index(1, AttributeTableModel::CommonColumn).data().toString().isEmpty());
    QCOMPARE(model.index(0, AttributeTableModel::KeyColumn).data(AttributeTableModel::CommonRole).toBool(), true);
    QCOMPARE(model.findAttribute(QStringLiteral("order_id"))->displayName, QStringLiteral("订单号"));
    QCOMPARE(model.findAttribute(QStringLiteral("nope")), nullptr);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestItemModels::catalogLoadsPlanFromStore()
{
    auto store = Store::open(m_dir.filePath(QStringLiteral("catalog.sqlite")));
    QVERIFY2(store, test::errorText(store).constData());
    const Status filled = test::fillSmallPlan(**store);
    QVERIFY2(filled, test::errorText(filled).constData());

    AppListModel apps;
    EventTableModel events;
    AttributeTableModel attributes;
    QAbstractItemModelTester t1(&apps, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&events, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t3(&attributes, QAbstractItemModelTester::FailureReportingMode::QtTest);
    PlanCatalog catalog(**store, &apps, &events, &attributes);
    QSignalSpy loaded(&catalog, &PlanCatalog::planLoaded);
    QVERIFY(catalog.reloadApps().ok());
    QCOMPARE(apps.rowCount(), 2);
    QVERIFY(catalog.selectApp(QStringLiteral("user-app")).ok());
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(loaded.at(0).at(0).toString(), QStringLiteral("user-app"));
    QCOMPARE(catalog.currentAppKey(), QStringLiteral("user-app"));
    QCOMPARE(events.totalCount(), 5);
    QCOMPARE(attributes.rowCount(), 5);
    const int submit = events.rowOf(QStringLiteral("order_submit"));
    QVERIFY(submit >= 0);
    QCOMPARE(events.eventAt(submit)->bindings.size(), 3);
    QCOMPARE(events.eventAt(submit)->bindings.at(1).attributeKey, QStringLiteral("order_amount"));
    QCOMPARE(attributes.usedBy(attributes.rowOf(QStringLiteral("order_id"))), 2);
    QCOMPARE(catalog.storeDisplayName(), m_dir.filePath(QStringLiteral("catalog.sqlite")));
    QCOMPARE(catalog.actor(), (*store)->actor());

    QVERIFY(catalog.selectApp(QStringLiteral("driver-app")).ok());
    QCOMPARE(events.totalCount(), 0);
    QCOMPARE(attributes.rowCount(), 0);
    QVERIFY(catalog.selectApp(QString()).ok());
    QCOMPARE(catalog.currentAppKey(), QString());
}

void TestItemModels::catalogReportsUnknownApp()
{
    auto store = Store::open(m_dir.filePath(QStringLiteral("unknown.sqlite")));
    QVERIFY(store);
    QVERIFY(test::fillSmallPlan(**store).ok());
    AppListModel apps;
    EventTableModel events;
    AttributeTableModel attributes;
    PlanCatalog catalog(**store, &apps, &events, &attributes);
    QVERIFY(catalog.selectApp(QStringLiteral("user-app")).ok());
    QCOMPARE(events.totalCount(), 5);
    const Status s = catalog.selectApp(QStringLiteral("no-such-app"));
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, Error::Code::NotFound);
    // A failed load leaves no stale plan behind.
    QCOMPARE(events.totalCount(), 0);
    QCOMPARE(attributes.rowCount(), 0);
    QCOMPARE(catalog.currentAppKey(), QString());
}

void TestItemModels::catalogLoadsInTheBackground()
{
    const QString path = m_dir.filePath(QStringLiteral("background.sqlite"));
    auto store = Store::open(path);
    QVERIFY(store);
    QVERIFY(test::fillSmallPlan(**store).ok());
    AppListModel apps;
    EventTableModel events;
    AttributeTableModel attributes;
    PlanCatalog catalog(**store, &apps, &events, &attributes);
    catalog.setStoreOpener([path] { return Store::open(path); });
    QSignalSpy loaded(&catalog, &PlanCatalog::planLoaded);
    catalog.requestApp(QStringLiteral("user-app"));
    QVERIFY(catalog.isLoading());
    QCOMPARE(events.totalCount(), 0); // nothing yet: the worker fills the models later
    QTRY_COMPARE(loaded.count(), 1);
    QCOMPARE(events.totalCount(), 5);
    QCOMPARE(attributes.commonKeys(), QStringList{QStringLiteral("city_id")});
    QTRY_COMPARE(catalog.activeWorkers(), 0);
}

void TestItemModels::catalogReportsBackgroundFailure()
{
    auto store = Store::open(m_dir.filePath(QStringLiteral("failure.sqlite")));
    QVERIFY(store);
    QVERIFY(test::fillSmallPlan(**store).ok());
    AppListModel apps;
    EventTableModel events;
    AttributeTableModel attributes;
    PlanCatalog catalog(**store, &apps, &events, &attributes);
    QVERIFY(catalog.selectApp(QStringLiteral("user-app")).ok());
    catalog.setStoreOpener([] {
        return Result<std::unique_ptr<Store>>(makeError(Error::Code::Connection, QStringLiteral("server down")));
    });
    QSignalSpy failed(&catalog, &PlanCatalog::loadFailed);
    QSignalSpy loading(&catalog, &PlanCatalog::loadingChanged);
    catalog.requestApp(QStringLiteral("user-app"));
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("user-app"));
    const auto error = failed.at(0).at(1).value<Error>();
    QCOMPARE(error.code, Error::Code::Connection);
    QCOMPARE(error.message, QStringLiteral("server down"));
    QCOMPARE(loading.count(), 2); // started, ended
    QCOMPARE(events.totalCount(), 0);
    QCOMPARE(catalog.currentAppKey(), QString());
}

// The team store's server goes down under a running window and comes back: the catalog says
// so once each way, and reloads what it shows when the store answers again.
void TestItemModels::catalogNoticesTheStoreGoingAway()
{
    test::PgServer pg;
    QString error;
    QVERIFY2(pg.start(&error), qPrintable(error));
    QVERIFY2(pg.createDatabase(QStringLiteral("outage"), &error), qPrintable(error));
    const test::SmallStore fixture(pg.url(QStringLiteral("outage")));
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    AppListModel apps;
    EventTableModel events;
    AttributeTableModel attributes;
    PlanCatalog catalog(*fixture.store, &apps, &events, &attributes);
    QVERIFY(catalog.reloadApps().ok());
    QVERIFY(catalog.selectApp(QStringLiteral("user-app")).ok());
    QSignalSpy reachability(&catalog, &PlanCatalog::reachabilityChanged);
    QVERIFY(!catalog.checkForChanges());
    QCOMPARE(reachability.count(), 0);
    QVERIFY(catalog.isReachable());

    pg.halt();
    QVERIFY(!catalog.checkForChanges());
    QCOMPARE(reachability.count(), 1);
    QCOMPARE(reachability.at(0).at(0).toBool(), false);
    QVERIFY(!reachability.at(0).at(1).toString().isEmpty());
    QVERIFY(!catalog.isReachable());
    QVERIFY(!catalog.checkForChanges());
    QCOMPARE(reachability.count(), 1); // said once
    QCOMPARE(events.totalCount(), 5);  // what was shown stays

    QVERIFY2(pg.resume(&error), qPrintable(error));
    QVERIFY(catalog.checkForChanges());
    QCOMPARE(reachability.count(), 2);
    QCOMPARE(reachability.at(1).at(0).toBool(), true);
    QVERIFY(catalog.isReachable());
}

// Diffs and history show fields and enum values as people name them, not as JSON spells them.
void TestItemModels::fieldsReadAsPeopleSayThem()
{
    QCOMPARE(fieldLabel(QStringLiteral("display_name")), QStringLiteral("Display name"));
    QCOMPARE(fieldLabel(QStringLiteral("max_length")), QStringLiteral("Max length"));
    QCOMPARE(fieldLabel(QStringLiteral("x_custom")), QStringLiteral("x_custom"));
    QCOMPARE(fieldValueText(QStringLiteral("level"), QJsonValue(QStringLiteral("D"))), levelLabel(Level::D));
    QCOMPARE(fieldValueText(QStringLiteral("status"), QJsonValue(QStringLiteral("implementing"))),
             statusLabel(EventStatus::Implementing));
    QCOMPARE(fieldValueText(QStringLiteral("privacy"), QJsonValue(QStringLiteral("personal"))),
             privacyLabel(Privacy::Personal));
    QCOMPARE(fieldValueText(QStringLiteral("required"), QJsonValue(true)), QStringLiteral("yes"));
    QCOMPARE(fieldValueText(QStringLiteral("status"), QJsonValue(QStringLiteral("no_such"))),
             QStringLiteral("no_such"));
    QCOMPARE(fieldValueText(QStringLiteral("category"), QJsonValue(QStringLiteral("D"))), QStringLiteral("D"));
}

QTEST_GUILESS_MAIN(TestItemModels)
#include "tst_itemmodels.moc"
