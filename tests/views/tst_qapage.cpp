// The QA page as a tester uses it, against a real redis-server and a real SQLite store: Start on
// a session, events appended with the replay library function (as `trackplanctl replay` does) —
// one before Start, then valid ones, ones with violations and an unplanned one — tick off the
// checklist live; Stop; the CSV and HTML reports hold what was seen. Plus the checklist model
// and its report texts on their own.

#include "planfixture.h"
#include "qachecklistmodel.h"
#include "qapage.h"
#include "qaservice.h"
#include "redisclient.h"
#include "replay.h"
#include "support/redisserver.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace tp;
using tp::test::SmallStore;

namespace {

const QString kApp = QStringLiteral("user-app");

QByteArray line(const char* event, const char* properties)
{
    return QByteArray(R"({"event":")") + event
        + R"(","app":"user-app","app_version":"6.2.0","platform":"android","anonymous_id":"a-1",)"
          R"("time":"2026-11-20T08:00:00Z","properties":)"
        + properties + "}\n";
}

} // namespace

class TestQaPage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void checklistModel();
    void liveSessionFromReplay();

private:
    template <typename T> T* child(QWidget* page, const char* name) const
    {
        T* w = page->findChild<T*>(QString::fromLatin1(name));
        if (!w) {
            qFatal("no %s in the QA page", name);
        }
        return w;
    }
    [[nodiscard]] qint64 replay(const QByteArray& lines, const QString& session)
    {
        auto redis = RedisClient::connect(*RedisUrl::parse(m_redis.url()));
        if (!redis) {
            qFatal("cannot connect to the test Redis: %s", qPrintable(redis.error().message));
        }
        QByteArray data = lines;
        QBuffer in(&data);
        in.open(QIODevice::ReadOnly);
        auto n = replayCapture(**redis, in, debugStreamKey(kApp, session));
        return n ? *n : -1;
    }

    QTemporaryDir m_dir;
    tp::test::RedisServer m_redis;
};

void TestQaPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("config")));
    QCoreApplication::setOrganizationName(QStringLiteral("TrackPlan"));
    QCoreApplication::setApplicationName(QStringLiteral("trackplan-qapage-test"));
    QString error;
    QVERIFY2(m_redis.start(&error), qPrintable(error));
}

void TestQaPage::checklistModel()
{
    QaChecklistModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPlan(kApp, QStringLiteral("6.2.0"),
                  {{QStringLiteral("order_pay"), QStringLiteral("Pay, \"now\""), QLatin1Char('C')},
                   {QStringLiteral("home_view"), QStringLiteral("Home"), QLatin1Char('B')},
                   {QStringLiteral("banner_click"), QString(), QLatin1Char('A')}});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("banner_click")); // sorted by key
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const QaViolation missing{QStringLiteral("missing_required"), QStringLiteral("properties.order_id")};
    model.addResults({{QStringLiteral("home_view"), true, {}},
                      {QStringLiteral("order_pay"), true, {missing}},
                      {QStringLiteral("order_pay"), true, {missing}},
                      {QStringLiteral("nope"), false, {{QStringLiteral("unplanned_event"), QStringLiteral("event")}}},
                      {QString(), false, {{QStringLiteral("malformed"), QString()}}}});
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 1);
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 2);
    QCOMPARE(model.state(0), QaChecklistModel::State::NotSeen);
    QCOMPARE(model.state(1), QaChecklistModel::State::Valid);
    QCOMPARE(model.state(2), QaChecklistModel::State::Violations);
    QCOMPARE(model.index(2, 0).data(QaChecklistModel::InvalidRole).toLongLong(), 2);
    QCOMPARE(model.index(2, 0).data(QaChecklistModel::ViolationsRole).toStringList(),
             QStringList{QStringLiteral("missing_required properties.order_id (×2)")});
    const auto s = model.summary();
    QCOMPARE(s.planned, 3);
    QCOMPARE(s.seen, 2);
    QCOMPARE(s.withViolations, 1);
    QCOMPARE(s.unplanned, 1);
    QCOMPARE(s.malformed, 1);
    QCOMPARE(s.events, 5);

    const QString csv = model.reportCsv();
    const QStringList lines = csv.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 5);
    QCOMPARE(lines.at(0), QStringLiteral("event,name,level,state,seen,with_violations,violations"));
    QCOMPARE(lines.at(1), QStringLiteral("banner_click,,A,not_seen,0,0,"));
    QCOMPARE(lines.at(2), QStringLiteral("home_view,Home,B,valid,1,0,"));
    QCOMPARE(
        lines.at(3),
        QStringLiteral("order_pay,\"Pay, \"\"now\"\"\",C,violations,2,2,missing_required properties.order_id (×2)"));
    QCOMPARE(lines.at(4), QStringLiteral("nope,,,unplanned,1,1,unplanned_event"));
    const QString html = model.reportHtml(QStringLiteral("s<1>"));
    QVERIFY(html.contains(QStringLiteral("s&lt;1&gt;")));
    QVERIFY(html.contains(QStringLiteral("<td>order_pay</td>")));
    QVERIFY(html.contains(QStringLiteral("Pay, &quot;now&quot;")));
    QVERIFY(html.contains(QStringLiteral("<td>nope</td>")));

    model.clearResults();
    QCOMPARE(model.state(2), QaChecklistModel::State::NotSeen);
    QCOMPARE(model.summary().unplanned, 0);
}

void TestQaPage::liveSessionFromReplay()
{
    SmallStore store;
    QVERIFY2(store.error.isEmpty(), qPrintable(store.error));
    QVERIFY(store.version(QStringLiteral("6.2.0"), VersionStatus::Released));
    QaService service(*store.store);
    QaPage page(&service, nullptr);
    page.setApp(kApp);
    page.resize(1200, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));

    auto* version = child<QComboBox>(&page, "qaVersion");
    QCOMPARE(version->count(), 2); // current, 6.2.0
    version->setCurrentIndex(1);
    child<QComboBox>(&page, "qaRedisUrl")->setEditText(m_redis.url());
    QTest::keyClicks(child<QLineEdit>(&page, "qaSession"), QStringLiteral("device-1"));

    // Replayed before Start: read too (the stream is read from its beginning).
    QCOMPARE(replay(line("home_view", R"({"city_id":310000})"), QStringLiteral("device-1")), 1);
    // Another session's stream is not read.
    QCOMPARE(replay(line("banner_click", "{}"), QStringLiteral("other")), 1);

    QTest::mouseClick(child<QPushButton>(&page, "qaStartButton"), Qt::LeftButton);
    QaChecklistModel* model = page.model();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 5, 20000);
    const auto rowOf = [model](const char* key) {
        const auto hits =
            model->match(model->index(0, 0), QaChecklistModel::KeyRole, QString::fromLatin1(key), 1, Qt::MatchExactly);
        return hits.isEmpty() ? -1 : hits.first().row();
    };
    QTRY_COMPARE_WITH_TIMEOUT(model->state(rowOf("home_view")), QaChecklistModel::State::Valid, 20000);

    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    QByteArray capture;
    capture += line("order_submit", R"({"city_id":310000,"order_id":"o-1","order_amount":12.5})");
    capture += line("order_pay", R"({"city_id":310000,"pay_method":"card"})");
    capture += line("order_submit", R"({"city_id":310000,"order_id":"o-2","order_amount":"12"})");
    capture += line("nope_event", R"({"city_id":310000})");
    QCOMPARE(replay(capture, QStringLiteral("device-1")), 4);

    QTRY_COMPARE_WITH_TIMEOUT(model->summary().events, 5, 20000);
    QCOMPARE(reset.count(), 0); // live rows change in place
    QCOMPARE(model->state(rowOf("order_pay")), QaChecklistModel::State::Violations);
    QCOMPARE(model->index(rowOf("order_pay"), 0).data(QaChecklistModel::ViolationsRole).toStringList(),
             QStringList{QStringLiteral("missing_required properties.order_id")});
    QCOMPARE(model->state(rowOf("order_submit")), QaChecklistModel::State::Violations);
    QCOMPARE(model->index(rowOf("order_submit"), 0).data(QaChecklistModel::SeenRole).toLongLong(), 2);
    QCOMPARE(model->index(rowOf("order_submit"), 0).data(QaChecklistModel::InvalidRole).toLongLong(), 1);
    QCOMPARE(model->index(rowOf("order_submit"), 0).data(QaChecklistModel::ViolationsRole).toStringList(),
             QStringList{QStringLiteral("type_mismatch properties.order_amount")});
    QCOMPARE(model->state(rowOf("banner_click")), QaChecklistModel::State::NotSeen);
    QCOMPARE(model->state(rowOf("search_submit")), QaChecklistModel::State::NotSeen);
    QCOMPARE(model->unplannedEvents().value(QStringLiteral("nope_event")), 1);

    // The state filter.
    auto* filter = child<QComboBox>(&page, "qaStateFilter");
    filter->setCurrentIndex(filter->findData(int(QaChecklistModel::State::Violations)));
    QCOMPARE(child<QTableView>(&page, "qaChecklist")->model()->rowCount(), 2);
    filter->setCurrentIndex(0);
    QCOMPARE(child<QTableView>(&page, "qaChecklist")->model()->rowCount(), 5);

    QTest::mouseClick(child<QPushButton>(&page, "qaStopButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>(&page, "qaStartButton")->isEnabled(), 10000);
    QVERIFY(!service.isRunning());
    // The URL that worked is remembered, without a password.
    QVERIFY(QSettings().value(QStringLiteral("publish/recentRedisUrls")).toStringList().contains(m_redis.url()));

    const QString csv = model->reportCsv();
    QVERIFY2(csv.contains(QStringLiteral("order_pay,")), qPrintable(csv));
    QVERIFY2(csv.contains(QStringLiteral(",violations,1,1,missing_required properties.order_id")), qPrintable(csv));
    QVERIFY2(csv.contains(QStringLiteral("nope_event,,,unplanned,1,1,unplanned_event")), qPrintable(csv));
    QVERIFY2(csv.contains(QStringLiteral(",not_seen,0,0,")), qPrintable(csv));
    const QString html = model->reportHtml(QStringLiteral("device-1"));
    // People read the HTML: violation types by name, levels as labels.
    QVERIFY2(html.contains(QStringLiteral("Wrong type · properties.order_amount")), qPrintable(html));
    QVERIFY(html.contains(QStringLiteral("D · Core")) || html.contains(QStringLiteral("C · Important")) ||
            html.contains(QStringLiteral("B · General")));
    // The checklist names events as the plan does, not by key.
    const QModelIndex first = model->index(0, QaChecklistModel::NameColumn);
    QVERIFY(model->rowCount() > 0);
    QVERIFY2(first.data().toString() != model->index(0, QaChecklistModel::KeyColumn).data().toString(),
             qPrintable(first.data().toString()));
    QVERIFY(html.contains(QStringLiteral("<td>nope_event</td>")));
}

QTEST_MAIN(TestQaPage)
#include "tst_qapage.moc"
