// The Audit page on a real SQLite store whose log was written over several days by several
// people: the filters (user, action, entity type and key, app, days) narrow the rows the
// table shows, newest first; the table fetches more as it scrolls; Export CSV writes every
// row the filters select, UTF-8 with a header row.

#include "applistmodel.h"
#include "attributetablemodel.h"
#include "auditlabels.h"
#include "auditlogmodel.h"
#include "auditpage.h"
#include "eventtablemodel.h"
#include "plancatalog.h"
#include "planfixture.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <memory>

using namespace tp;

namespace {

const QString kOwner = QStringLiteral("zhang.wei");
const QString kSteward = QStringLiteral("liu.yang");

QDateTime at(int day, int hour = 10)
{
    return QDateTime(QDate(2025, 3, day), QTime(hour, 0));
}

/// A store whose log spans days: on March 1 the admin builds the small plan and registers
/// the people; on March 5 zhang.wei opens a demand and comments on it three times; on March 7
/// liu.yang comments once.
struct AuditStore {
    QTemporaryDir dir;
    std::unique_ptr<Store> store;
    QString demand;
    std::shared_ptr<QDateTime> now = std::make_shared<QDateTime>(at(1));
    QString error;

    AuditStore()
    {
        auto opened = Store::open(dir.filePath(QStringLiteral("audit.sqlite")));
        if (!opened) {
            error = opened.error().toString();
            return;
        }
        store = std::move(*opened);
        store->setClock([now = now] { return now->toUTC(); });
        store->setActor(QStringLiteral("admin"));
        if (Status s = test::fillSmallPlan(*store); !s) {
            error = s.error().toString();
            return;
        }
        for (auto [name, role] : {std::pair{kOwner, Role::ProductOwner}, std::pair{kSteward, Role::DataSteward}}) {
            if (!store->access().addUser(User{name, name, role, 0}, false)) {
                error = QStringLiteral("addUser");
                return;
            }
        }
        *now = at(5);
        store->setActor(kOwner);
        Demand d;
        d.appKey = QStringLiteral("user-app");
        d.title = QStringLiteral("搜索埋点补齐");
        auto created = store->demands().create(d);
        if (!created) {
            error = created.error().toString();
            return;
        }
        demand = created->key;
        for (const QString& body : {QStringLiteral("需要补充 city_id, 以及 search_word"), QStringLiteral("second"),
                                    QStringLiteral("third")}) {
            if (!store->reviews().comment(demand, body)) {
                error = QStringLiteral("comment");
                return;
            }
        }
        *now = at(7);
        store->setActor(kSteward);
        if (!store->reviews().comment(demand, QStringLiteral("看过了"))) {
            error = QStringLiteral("comment");
        }
    }
};

struct Harness {
    explicit Harness(Store& store)
        : catalog(store, &apps, &events, &attributes)
        , audit(store)
        , page(&catalog, &audit)
    {
        page.resize(1300, 700);
    }
    [[nodiscard]] Status open()
    {
        if (const Status s = catalog.reloadApps(); !s) {
            return s;
        }
        page.show();
        return Ok{};
    }
    template <typename T> [[nodiscard]] T* find(const QString& name) const { return page.findChild<T*>(name); }
    [[nodiscard]] QTableView* table() const { return find<QTableView>(QStringLiteral("auditTable")); }
    /// Chooses the item with this data in a filter combo box and runs the filters.
    [[nodiscard]] bool choose(const QString& combo, const QString& data)
    {
        auto* box = find<QComboBox>(combo);
        const int i = box ? box->findData(data) : -1;
        if (i < 0) {
            return false;
        }
        box->setCurrentIndex(i);
        page.applyFilters();
        return true;
    }
    /// The text of a column in every row shown.
    [[nodiscard]] QStringList column(int c) const
    {
        QStringList out;
        for (int row = 0; row < audit.rowCount(); ++row) {
            out << audit.index(row, c).data().toString();
        }
        return out;
    }

    AppListModel apps;
    EventTableModel events;
    AttributeTableModel attributes;
    PlanCatalog catalog;
    AuditLogModel audit;
    AuditPage page;
};

qint64 countIn(Store& store, const AuditFilter& f)
{
    auto n = store.auditCount(f);
    return n ? *n : -1;
}

} // namespace

class TestAuditPage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void filtersNarrowTheRows();
    void detailsReadably();
    void csvHasTheFilteredRows();
    void largeLogIsFetchedAsItScrolls();
    void longExportSaysHowFarAndCanBeCancelled();
};

void TestAuditPage::filtersNarrowTheRows()
{
    AuditStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    Harness h(*fixture.store);
    QAbstractItemModelTester tester(&h.audit, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(h.open());
    QVERIFY(QTest::qWaitForWindowExposed(&h.page));
    const qint64 all = countIn(*fixture.store, {});
    QVERIFY(all > 10);
    QCOMPARE(h.audit.rowCount(), int(all));
    // Newest first.
    QVERIFY(h.audit.index(0, 0).data(AuditLogModel::SeqRole).toLongLong()
            > h.audit.index(1, 0).data(AuditLogModel::SeqRole).toLongLong());
    QCOMPARE(h.audit.index(0, AuditLogModel::UserColumn).data().toString(), kSteward);
    QVERIFY(h.find<QLabel>(QStringLiteral("auditCountLabel"))->text().startsWith(QStringLiteral("%1 entr").arg(all)));

    // By user: only what zhang.wei did.
    QVERIFY(h.choose(QStringLiteral("auditUserFilter"), kOwner));
    QCOMPARE(h.column(AuditLogModel::UserColumn), QStringList(4, kOwner));
    // … and of those only the comments.
    QVERIFY(h.choose(QStringLiteral("auditActionFilter"), QStringLiteral("demand.comment")));
    QCOMPARE(h.column(AuditLogModel::ActionColumn), QStringList(3, auditActionLabel(QStringLiteral("demand.comment"))));
    QVERIFY(h.find<QLabel>(QStringLiteral("auditCountLabel"))->text().startsWith(QStringLiteral("3 entr")));

    // By entity key (typed; the filter runs a moment later).
    h.page.resetFilters();
    QTest::keyClicks(h.find<QLineEdit>(QStringLiteral("auditEntityKeyFilter")), fixture.demand);
    QTRY_COMPARE(h.audit.rowCount(), 5);
    QCOMPARE(h.column(AuditLogModel::EntityColumn), QStringList(5, fixture.demand));

    // By entity type and app.
    h.page.resetFilters();
    QVERIFY(h.choose(QStringLiteral("auditEntityTypeFilter"), QStringLiteral("user")));
    QCOMPARE(h.column(AuditLogModel::EntityColumn), (QStringList{kSteward, kOwner}));
    h.page.resetFilters();
    QVERIFY(h.choose(QStringLiteral("auditAppFilter"), QStringLiteral("driver-app")));
    QCOMPARE(h.column(AuditLogModel::ActionColumn), QStringList{auditActionLabel(QStringLiteral("app.create"))});

    // By days, in the user's time zone: March 6 on is liu.yang's comment only; March 5 alone
    // zhang.wei's four entries.
    h.page.resetFilters();
    auto* from = h.find<QDateEdit>(QStringLiteral("auditFromDate"));
    auto* to = h.find<QDateEdit>(QStringLiteral("auditToDate"));
    from->setDate(QDate(2025, 3, 6));
    h.page.applyFilters();
    QCOMPARE(h.column(AuditLogModel::UserColumn), QStringList{kSteward});
    from->setDate(QDate(2025, 3, 5));
    to->setDate(QDate(2025, 3, 5));
    h.page.applyFilters();
    QCOMPARE(h.column(AuditLogModel::UserColumn), QStringList(4, kOwner));
    to->setDate(QDate(2025, 3, 4));
    h.page.applyFilters();
    QCOMPARE(h.audit.rowCount(), 0);
    QVERIFY(h.find<QLabel>(QStringLiteral("auditCountLabel"))->text().startsWith(QStringLiteral("0 entr")));

    h.page.resetFilters();
    QCOMPARE(h.audit.rowCount(), int(all));
    QCOMPARE(h.find<QComboBox>(QStringLiteral("auditUserFilter"))->currentIndex(), 0);
}

void TestAuditPage::detailsReadably()
{
    AuditStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    Harness h(*fixture.store);
    QVERIFY(h.open());
    // The newest entry: liu.yang's comment.
    const QModelIndex first = h.audit.index(0, AuditLogModel::DetailsColumn);
    QCOMPARE(first.data().toString(), QStringLiteral("Comment: 看过了 · Review round: 0"));
    QTest::mouseClick(h.table()->viewport(), Qt::LeftButton, {}, h.table()->visualRect(first).center());
    const QString detail = h.find<QTextBrowser>(QStringLiteral("auditDetail"))->toPlainText();
    QVERIFY2(detail.contains(QStringLiteral("Demand commented")), qPrintable(detail));
    QVERIFY(detail.contains(kSteward));
    QVERIFY(detail.contains(QStringLiteral("看过了")));
    // A status move reads as labels, not spellings.
    const QStringList lines = auditDetailLines(
        {{QStringLiteral("from"), QStringLiteral("in_review")}, {QStringLiteral("to"), QStringLiteral("approved")}});
    QCOMPARE(lines, (QStringList{QStringLiteral("From: In review"), QStringLiteral("To: Approved")}));
}

void TestAuditPage::csvHasTheFilteredRows()
{
    AuditStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    Harness h(*fixture.store);
    QVERIFY(h.open());
    QVERIFY(h.choose(QStringLiteral("auditUserFilter"), kOwner));
    QTemporaryDir out;
    const QString path = out.filePath(QStringLiteral("audit.csv"));
    const Status exported = h.page.exportCsv(path);
    QVERIFY2(exported, exported ? "" : qPrintable(exported.error().message));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray csv = file.readAll();
    QVERIFY(csv.startsWith("\xEF\xBB\xBF#,Time (UTC),User,Action,Entity type,Entity,App,Details\r\n"));
    // Records end in CRLF; a field's own line breaks are bare LF inside quotes.
    QCOMPARE(csv.count("\r\n"), 1 + 4);
    QCOMPARE(csv.count(QStringLiteral(",%1,").arg(kOwner).toUtf8()), 4); // the user column
    QVERIFY(!csv.contains(kSteward.toUtf8() + ','));
    QVERIFY(csv.contains(QStringLiteral("\"Comment: 需要补充 city_id, 以及 search_word\nReview round: 0\"").toUtf8()));
    QVERIFY(csv.contains(QStringLiteral(",2025-03-05T").toUtf8())
            || csv.contains(QStringLiteral(",2025-03-04T").toUtf8()));
    QVERIFY(h.find<QLabel>(QStringLiteral("auditMessage"))->text().startsWith(QStringLiteral("4 entr")));
}

void TestAuditPage::largeLogIsFetchedAsItScrolls()
{
    AuditStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    for (int i = 0; i < 600; ++i) {
        QVERIFY(fixture.store->reviews().comment(fixture.demand, QStringLiteral("note %1").arg(i)));
    }
    const qint64 all = countIn(*fixture.store, {});
    {
        // The model alone under the tester. Its own fetching is off: it would fetch from inside
        // the reset's signal, before it has noted the reset as done (Qt 6.4), and fail itself.
        AuditLogModel model(*fixture.store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(false);
        QVERIFY(model.setFilter({}));
        QCOMPARE(model.totalCount(), all);
        QCOMPARE(model.rowCount(), AuditLogModel::kPageSize);
        while (model.canFetchMore({})) {
            model.fetchMore({});
        }
        QCOMPARE(model.rowCount(), int(all));
        // No row twice, none missing, newest first.
        for (int row = 1; row < model.rowCount(); ++row) {
            QVERIFY(model.index(row - 1, 0).data(AuditLogModel::SeqRole).toLongLong()
                    > model.index(row, 0).data(AuditLogModel::SeqRole).toLongLong());
        }
    }
    // The page shows the first page and fetches more as the table scrolls.
    Harness h(*fixture.store);
    QVERIFY(h.open());
    QVERIFY(QTest::qWaitForWindowExposed(&h.page));
    QCOMPARE(h.audit.totalCount(), all);
    QCOMPARE(h.audit.rowCount(), AuditLogModel::kPageSize);
    QVERIFY(h.find<QLabel>(QStringLiteral("auditCountLabel"))->text().contains(QStringLiteral("scroll for more")));
    h.table()->scrollToBottom();
    QTRY_VERIFY(h.audit.rowCount() > AuditLogModel::kPageSize);
    // The CSV has every row, not only those fetched.
    QTemporaryDir out;
    QVERIFY(h.page.exportCsv(out.filePath(QStringLiteral("all.csv"))));
    QFile file(out.filePath(QStringLiteral("all.csv")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count("\r\n"), all + 1);
}

void TestAuditPage::longExportSaysHowFarAndCanBeCancelled()
{
    AuditStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    // A long log, written in one statement (12 000 comments through the API take a while).
    auto added = fixture.store->db().change(
        QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12000) "
                       "INSERT INTO audit_log (at, actor, action, entity_type, entity_key, app_key, details) "
                       "SELECT '2025-03-08T10:00:00.000Z', 'li.na', 'demand.comment', 'demand', 'DEM-0001', "
                       "'user-app', '{}' FROM n"),
        QVariantList{});
    QVERIFY2(added, test::errorText(added).constData());
    AuditLogModel model(*fixture.store);
    QVERIFY(model.setFilter({}));
    const qint64 all = model.totalCount();
    QVERIFY(all > 12000);
    QList<qint64> seen;
    QBuffer whole;
    QVERIFY(whole.open(QIODevice::WriteOnly));
    auto written = model.writeCsv(whole, [&seen](qint64 done) {
        seen << done;
        return true;
    });
    QVERIFY(written);
    QCOMPARE(*written, all);
    QCOMPARE(seen, (QList<qint64>{5000, 10000}));
    QCOMPARE(whole.data().count("\r\n"), all + 1);

    QBuffer part;
    QVERIFY(part.open(QIODevice::WriteOnly));
    auto cancelled = model.writeCsv(part, [](qint64 done) { return done < 5000; });
    QVERIFY(!cancelled);
    QCOMPARE(cancelled.error().code, Error::Code::Cancelled);
}

QTEST_MAIN(TestAuditPage)
#include "tst_auditpage.moc"
