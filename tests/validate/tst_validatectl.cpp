// The validator against a real store and a real redis-server (started by the fixture): the
// plan read back from Redis after a publish validates exactly as the store's; then
// trackplanctl validate and replay end to end, as a CI pipeline runs them.
#include "validatefixture.h"

#include "metricsstore.h"
#include "plansource.h"
#include "publisher.h"
#include "redisclient.h"
#include "replay.h"
#include "validationrun.h"

#include "store/planbuilder.h"
#include "support/ctlrun.h"
#include "support/redisserver.h"
#include "support/tempstore.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>

using namespace tp;
using namespace tp::test;

namespace {

std::unique_ptr<RedisClient> connectTo(const QString& url)
{
    auto u = RedisUrl::parse(url);
    auto c = u ? RedisClient::connect(*u) : Result<std::unique_ptr<RedisClient>>(u.error());
    if (!c) {
        qFatal("cannot connect to %s: %s", qPrintable(url), qPrintable(c.error().message));
    }
    return std::move(*c);
}

/// Events touching every rule, some for each version, one malformed.
QByteArray sampleEvents()
{
    QJsonObject bad = validOrder();
    bad.insert(QStringLiteral("pay_type"), QStringLiteral("gold"));
    bad.insert(QStringLiteral("extra"), 1);
    const QString order = QStringLiteral("order_submit");
    const QJsonObject coupon{{QStringLiteral("order_id"), QStringLiteral("O7654321")}};
    QList<QByteArray> lines{
        eventLine(order, validOrder()),
        eventLine(order, bad, QStringLiteral("1.1.0"), QStringLiteral("2026-11-20T09:00:00Z"), QStringLiteral("u-2")),
        eventLine(QStringLiteral("coupon_use"), coupon, QStringLiteral("1.0.0")),
        eventLine(QStringLiteral("coupon_use"), coupon, QStringLiteral("1.1.0"),
                  QStringLiteral("2026-11-21T01:00:00Z")),
        eventLine(QStringLiteral("coupon_use"), coupon, QStringLiteral("8.0.0")),
        eventLine(QStringLiteral("debug_ping"), {}),
        "{oops",
        eventLine(order, validOrder(), QStringLiteral("1.1.0"), QStringLiteral("2026-11-21T01:00:00Z"), {},
                  QStringLiteral("a-9")),
    };
    return lines.join('\n') + '\n';
}

} // namespace

class TstValidateCtl : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void redisPlanValidatesLikeTheStore();
    void validateCommand();
    void validateUsageAndConnectionErrors();
    void replayAppendsInOrder();

private:
    CtlRun ctl(const QStringList& args);
    void release(const QString& name, const Plan& plan);
    QString writeFile(const QString& name, const QByteArray& data);

    RedisServer m_server;
    std::unique_ptr<RedisClient> m_client;
    TempStore m_dir;
    QString m_db;
    QString m_binary;
};

CtlRun TstValidateCtl::ctl(const QStringList& args)
{
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.remove(QStringLiteral("TRACKPLAN_DB"));
    e.remove(QStringLiteral("TRACKPLAN_REDIS"));
    e.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    return runCtl(m_binary, QStringList{QStringLiteral("--db"), m_db} + args, e);
}

QString TstValidateCtl::writeFile(const QString& name, const QByteArray& data)
{
    const QString path = m_dir.path(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size()) {
        qFatal("cannot write %s", qPrintable(path));
    }
    return path;
}

void TstValidateCtl::release(const QString& name, const Plan& plan)
{
    auto store = openStore(m_db);
    QList<Attribute> attributes;
    for (Attribute a : plan.attributes) {
        if (!store->plan().attribute(kShop, a.key)) {
            a.displayName = QStringLiteral("属性 ") + a.key;
            a.description = QStringLiteral("Attribute %1").arg(a.key);
            for (EnumValue& v : a.enumValues) {
                v.label = v.value.toUpper();
            }
            attributes << a;
        }
    }
    QList<Event> events;
    for (const Event& e : plan.events) {
        if (!store->plan().event(kShop, e.key)) {
            Event next = makeEvent(e.key, e.bindings);
            next.level = e.level;
            events << next;
        }
    }
    const QString demand = mergeDemand(*store, kShop, attributes, events, name);
    QVERIFY(!demand.isEmpty());
    Version v;
    v.appKey = kShop;
    v.name = name;
    QVERIFY(store->versions().create(v));
    QVERIFY(store->versions().assignDemand(kShop, name, demand));
    QVERIFY(store->versions().freeze(kShop, name));
    QVERIFY(store->versions().release(kShop, name));
}

void TstValidateCtl::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    const QString binaryDir = qEnvironmentVariable("TRACKPLAN_BINARY_DIR");
    QVERIFY2(!binaryDir.isEmpty(), "TRACKPLAN_BINARY_DIR is not set; run the test through ctest");
    m_binary = binaryDir + QStringLiteral("/app/trackplanctl/trackplanctl");
    QVERIFY2(QFileInfo(m_binary).isExecutable(), qPrintable(m_binary + QStringLiteral(" is not built")));
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(QStringLiteral("redis fixture: ") + error));
    m_client = connectTo(m_server.url());
    m_db = m_dir.path(QStringLiteral("shop.sqlite"));
    {
        auto store = openStore(m_db);
        QVERIFY(store->plan().createApp(makeApp(kShop)));
    }
    release(QStringLiteral("1.0.0"), shopPlan(false));
    release(QStringLiteral("1.1.0"), shopPlan(true));
}

void TstValidateCtl::redisPlanValidatesLikeTheStore()
{
    QVERIFY(m_client->command({"FLUSHALL"}));
    auto store = openStore(m_db);
    auto request = publishRequest(*store, kShop, {});
    QVERIFY(request);
    Publisher publisher(*m_client);
    auto published = publisher.publish(*request);
    QVERIFY2(published, qPrintable(published ? QString() : published.error().message));

    auto fromStore = schemasFromStore(*store, kShop);
    auto fromRedis = schemasFromRedis(*m_client, kShop);
    QVERIFY2(fromStore, qPrintable(fromStore ? QString() : fromStore.error().message));
    QVERIFY2(fromRedis, qPrintable(fromRedis ? QString() : fromRedis.error().message));
    QCOMPARE(fromRedis->versions.keys(), fromStore->versions.keys());
    QCOMPARE(fromRedis->current, QStringLiteral("1.1.0"));
    QCOMPARE(fromStore->current, QStringLiteral("1.1.0"));
    for (const QString& version : fromStore->versions.keys()) {
        auto sorted = [](QList<std::pair<QByteArray, QByteArray>> events) {
            std::sort(events.begin(), events.end());
            return events;
        };
        QCOMPARE(fromRedis->versions.value(version).common, fromStore->versions.value(version).common);
        QCOMPARE(sorted(fromRedis->versions.value(version).events), sorted(fromStore->versions.value(version).events));
    }

    // The same events through both: the same outcome line by line, the same tallies.
    const QByteArray events = sampleEvents();
    QByteArray out[2][2];
    QList<MetricRow> metrics[2];
    ValidationSummary summaries[2];
    const PlanSchemas* sources[2] = {&*fromStore, &*fromRedis};
    for (int i = 0; i < 2; ++i) {
        auto rules = PlanRules::compile(*sources[i]);
        QVERIFY(rules);
        Validator validator(std::move(*rules));
        QByteArray input = events;
        QBuffer in(&input);
        QBuffer valid(&out[i][0]);
        QBuffer invalid(&out[i][1]);
        QVERIFY(in.open(QIODevice::ReadOnly) && valid.open(QIODevice::WriteOnly) && invalid.open(QIODevice::WriteOnly));
        QVERIFY(validateStream(validator, in, ValidationRunOptions{&valid, &invalid, {}, nullptr}));
        metrics[i] = validator.metrics();
        summaries[i] = validator.summary();
    }
    QCOMPARE(out[1][0], out[0][0]);
    QCOMPARE(out[1][1], out[0][1]);
    QCOMPARE(metricsCsv(metrics[1]), metricsCsv(metrics[0]));
    QCOMPARE(summaries[0].valid, 4);
    QCOMPARE(summaries[0].invalid, 3);
    QCOMPARE(summaries[0].malformed, 1);
    QCOMPARE(summaries[0].unknownVersion, 1);
    QCOMPARE(summaries[1].valid, summaries[0].valid);
    QCOMPARE(summaries[1].invalid, summaries[0].invalid);
    QCOMPARE(summaries[1].byViolation, summaries[0].byViolation);
}

void TstValidateCtl::validateCommand()
{
    const QString events = writeFile(QStringLiteral("events.ndjson"), sampleEvents());
    const QString valid = m_dir.path(QStringLiteral("valid.ndjson"));
    const QString invalid = m_dir.path(QStringLiteral("invalid.ndjson"));
    const QString metrics = m_dir.path(QStringLiteral("metrics.csv"));
    const QStringList outputs{QStringLiteral("--valid-out"),   valid,  QStringLiteral("--invalid-out"), invalid,
                              QStringLiteral("--metrics-out"), metrics};
    const CtlRun run =
        ctl(QStringList{QStringLiteral("validate"), QStringLiteral("--app"), kShop} + outputs + QStringList{events});
    QCOMPARE(run.code, 1);
    QVERIFY2(run.out.contains(QLatin1String("4 valid, 3 invalid, 1 malformed")), qPrintable(run.describe()));
    QVERIFY2(run.out.contains(QLatin1String("unknown app versions checked against current (1.1.0)")),
             qPrintable(run.describe()));
    QVERIFY2(run.out.contains(QLatin1String("enum_violation")), qPrintable(run.describe()));
    QFile v(valid);
    QVERIFY(v.open(QIODevice::ReadOnly));
    const QList<QByteArray> validLines = v.readAll().trimmed().split('\n');
    QCOMPARE(validLines.size(), 4);
    QCOMPARE(QJsonDocument::fromJson(validLines.first()).object().value(QLatin1String("tp_level")).toString(),
             QStringLiteral("D"));
    QFile q(invalid);
    QVERIFY(q.open(QIODevice::ReadOnly));
    QCOMPARE(q.readAll().trimmed().split('\n').size(), 4);
    QFile m(metrics);
    QVERIFY(m.open(QIODevice::ReadOnly));
    const QByteArray csv = m.readAll();
    QVERIFY2(csv.startsWith("date,event,pv,uv,invalid\n2026-11-20,coupon_use,2,1,1\n"), csv.constData());

    // The store's metrics table holds the same rows; a second run replaces them, not adds.
    auto rowsOnce = [&]() {
        auto store = openStore(m_db);
        auto rows = readMetrics(*store, kShop);
        return rows ? metricsCsv(*rows) : QByteArray("error");
    };
    QCOMPARE(rowsOnce(), csv);
    QCOMPARE(ctl(QStringList{QStringLiteral("validate"), QStringLiteral("--app"), kShop, events}).code, 1);
    QCOMPARE(rowsOnce(), csv);

    // All valid: exit 0; --json; the plan read from Redis gives the same.
    const QString good =
        writeFile(QStringLiteral("good.ndjson"), eventLine(QStringLiteral("order_submit"), validOrder()) + '\n');
    const CtlRun ok = ctl({QStringLiteral("--json"), QStringLiteral("validate"), QStringLiteral("--app"), kShop, good});
    QVERIFY2(ok.code == 0, qPrintable(ok.describe()));
    QCOMPARE(ok.json().toObject().value(QLatin1String("valid")).toInt(), 1);
    QVERIFY(m_client->command({"FLUSHALL"}));
    {
        auto store = openStore(m_db);
        auto request = publishRequest(*store, kShop, {});
        QVERIFY(request);
        Publisher publisher(*m_client);
        QVERIFY(publisher.publish(*request));
    }
    const CtlRun viaRedis =
        ctl(QStringList{QStringLiteral("--json"), QStringLiteral("validate"), QStringLiteral("--redis"), m_server.url(),
                        QStringLiteral("--app"), kShop, events});
    QVERIFY2(viaRedis.code == 1, qPrintable(viaRedis.describe()));
    const QJsonObject j = viaRedis.json().toObject();
    QCOMPARE(j.value(QLatin1String("valid")).toInt(), 4);
    QCOMPARE(j.value(QLatin1String("invalid")).toInt(), 3);
    QCOMPARE(j.value(QLatin1String("malformed")).toInt(), 1);
    QCOMPARE(j.value(QLatin1String("violations")).toObject().value(QLatin1String("unplanned_event")).toInt(), 1);
}

void TstValidateCtl::validateUsageAndConnectionErrors()
{
    QCOMPARE(ctl({QStringLiteral("validate")}).code, 2); // no --app
    QCOMPARE(ctl({QStringLiteral("validate"), QStringLiteral("--app"), kShop, QStringLiteral("--redis"),
                  QStringLiteral("http://x")})
                 .code,
             2);
    const CtlRun down = ctl({QStringLiteral("validate"), QStringLiteral("--app"), kShop, QStringLiteral("--redis"),
                             QStringLiteral("redis://127.0.0.1:1")});
    QVERIFY2(down.code == 3, qPrintable(down.describe()));
    const CtlRun noApp =
        ctl({QStringLiteral("validate"), QStringLiteral("--app"), QStringLiteral("nope"), QStringLiteral("/dev/null")});
    QVERIFY2(noApp.code == 1, qPrintable(noApp.describe()));
    QCOMPARE(ctl({QStringLiteral("replay"), QStringLiteral("--app"), kShop}).code, 2);
}

void TstValidateCtl::replayAppendsInOrder()
{
    QVERIFY(m_client->command({"FLUSHALL"}));
    QList<QByteArray> lines;
    for (int i = 0; i < 25; ++i) {
        lines << eventLine(QStringLiteral("order_submit"),
                           QJsonObject{{QStringLiteral("order_id"), QStringLiteral("O%1").arg(1000000 + i)}});
    }
    lines << "not json, replayed as it is";
    const QString capture = writeFile(QStringLiteral("capture.ndjson"), lines.join("\n\n") + '\n');
    QElapsedTimer timer;
    timer.start();
    const CtlRun run = ctl({QStringLiteral("replay"), capture, QStringLiteral("--redis"), m_server.url(),
                            QStringLiteral("--app"), kShop, QStringLiteral("--session"), QStringLiteral("s1"),
                            QStringLiteral("--rate"), QStringLiteral("100")});
    QVERIFY2(run.code == 0, qPrintable(run.describe()));
    QVERIFY2(timer.elapsed() >= 240, "26 events at 100/s take a quarter of a second");
    QVERIFY2(run.out.contains(QLatin1String("Appended 26 event(s) to tp:shop-app:debug:s1")),
             qPrintable(run.describe()));
    auto range = m_client->command({"XRANGE", "tp:shop-app:debug:s1", "-", "+"});
    QVERIFY(range);
    QCOMPARE(int(range->elements.size()), lines.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const RedisReply& entry = range->elements[std::size_t(i)];
        QCOMPARE(entry.elements.at(1).elements.at(0).string, QByteArray("event"));
        QCOMPARE(entry.elements.at(1).elements.at(1).string, lines[i]);
    }
    // Without a rate, through the library, appended after the first.
    QByteArray data = lines.first() + '\n';
    QBuffer in(&data);
    QVERIFY(in.open(QIODevice::ReadOnly));
    auto sent = replayCapture(*m_client, in, debugStreamKey(kShop, QStringLiteral("s1")));
    QVERIFY(sent);
    QCOMPARE(*sent, 1);
    QCOMPARE(m_client->command({"XLEN", "tp:shop-app:debug:s1"})->integer, 27);
}

QTEST_GUILESS_MAIN(TstValidateCtl)
#include "tst_validatectl.moc"
