// trackplanctl publish / rollback as a CI pipeline runs them: the built binary against a real
// SQLite store and a real redis-server, checking exit codes, output and what Redis holds after.
#include "publishfixture.h"

#include "store/planbuilder.h"
#include "support/ctlrun.h"
#include "support/tempstore.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

#include <csignal>

using namespace tp;
using namespace tp::test;

namespace {

using Run = CtlRun;

Version version(const QString& name)
{
    Version v;
    v.appKey = kApp;
    v.name = name;
    return v;
}

} // namespace

class TstPublishCtl : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void publishDryRunRollback();
    void usageAndConnectionErrors_data();
    void usageAndConnectionErrors();
    void passwordFromEnvironment();
    void ctrlCWhileRedisDoesNotAnswer();

private:
    Run ctl(const QStringList& args, const QHash<QString, QString>& env = {});
    /// Merges a demand with `events` events (keys event_0…), targets it at `name` and releases it.
    void release(const QString& name, int events, int generation);

    RedisServer m_server;
    std::unique_ptr<RedisClient> m_client;
    TempStore m_dir;
    QString m_db;
    QString m_binary;
};

Run TstPublishCtl::ctl(const QStringList& args, const QHash<QString, QString>& env)
{
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.remove(QStringLiteral("TRACKPLAN_DB"));
    e.remove(QStringLiteral("TRACKPLAN_REDIS"));
    e.insert(QStringLiteral("TRACKPLAN_USER"), QStringLiteral("ci-bot"));
    e.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    for (auto it = env.constBegin(); it != env.constEnd(); ++it) {
        e.insert(it.key(), it.value());
    }
    return runCtl(m_binary, QStringList{QStringLiteral("--db"), m_db} + args, e);
}

void TstPublishCtl::release(const QString& name, int events, int generation)
{
    auto store = openStore(m_db);
    store->setActor(QStringLiteral("alice"));
    const Plan plan = makePlan(events, generation);
    QList<Event> changed;
    for (const Event& e : plan.events) {
        auto existing = store->plan().event(kApp, e.key);
        Event next = makeEvent(e.key, e.bindings); // with the texts the store's rules want
        next.level = e.level;
        if (!existing || existing->bindings != next.bindings || existing->level != next.level) {
            changed << next;
        }
    }
    QList<Attribute> attributes;
    for (Attribute a : plan.attributes) {
        if (!store->plan().attribute(kApp, a.key)) {
            a.displayName = QStringLiteral("属性 ") + a.key;
            a.description = QStringLiteral("Attribute %1").arg(a.key);
            for (EnumValue& v : a.enumValues) {
                v.label = v.value.toUpper();
            }
            attributes << a;
        }
    }
    if (!changed.isEmpty()) {
        changed.first().level = Level(generation % 4);
    }
    const QString demand = mergeDemand(*store, kApp, attributes, changed, name);
    QVERIFY(!demand.isEmpty());
    QVERIFY(store->versions().create(version(name)));
    QVERIFY(store->versions().assignDemand(kApp, name, demand));
    QVERIFY(store->versions().freeze(kApp, name));
    QVERIFY(store->versions().release(kApp, name));
}

void TstPublishCtl::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    const QString binaryDir = qEnvironmentVariable("TRACKPLAN_BINARY_DIR");
    QVERIFY2(!binaryDir.isEmpty(), "TRACKPLAN_BINARY_DIR is not set; run the test through ctest");
    m_binary = binaryDir + QStringLiteral("/app/trackplanctl/trackplanctl");
    QVERIFY2(QFileInfo(m_binary).isExecutable(), qPrintable(m_binary + QStringLiteral(" is not built")));
    m_server.setExtraArgs({QStringLiteral("--enable-debug-command"), QStringLiteral("yes")}); // DEBUG SLEEP
    startServer(m_server);
    m_client = connectTo(m_server.url());
}

void TstPublishCtl::init()
{
    must(m_client->command({"FLUSHALL"}));
    static int n = 0;
    m_db = m_dir.path(QStringLiteral("store-%1.sqlite").arg(++n));
    auto store = openStore(m_db);
    QVERIFY(store->plan().createApp(makeApp(kApp)));
}

void TstPublishCtl::publishDryRunRollback()
{
    release(QStringLiteral("1.0.0"), 12, 1);
    release(QStringLiteral("1.1.0"), 15, 2);
    {
        auto store = openStore(m_db);
        QVERIFY(store->versions().create(version(QStringLiteral("1.2.0")))); // planning: no snapshot yet
    }
    const QStringList base{QStringLiteral("publish"), QStringLiteral("--redis"), m_server.url(),
                           QStringLiteral("--app"), kApp};

    // A dry run lists what would be written, and writes nothing.
    const Run dry = ctl(base + QStringList{QStringLiteral("--dry-run")});
    QVERIFY2(dry.code == 0, qPrintable(dry.describe()));
    QVERIFY2(dry.out.contains(QLatin1String("add\tSTRING\ttp:shop-app:schema:")), qPrintable(dry.describe()));
    QVERIFY(dry.out.contains(QStringLiteral("add\tHASH\ttp:shop-app:versions\t1.0.0: (none) → ")));
    QVERIFY(dry.out.contains(QLatin1String("nothing written")));
    QCOMPARE(must(m_client->command({"DBSIZE"})).integer, 0);

    // Every released version; current is the newest; progress on stderr, the summary on stdout.
    const Run first = ctl(base);
    QVERIFY2(first.code == 0, qPrintable(first.describe()));
    QVERIFY2(first.out.contains(QLatin1String("Published shop-app")), qPrintable(first.describe()));
    QVERIFY2(first.err.contains(QLatin1String("Moving the pointers of shop-app")), qPrintable(first.describe()));
    QCOMPARE(must(m_client->command({"HLEN", "tp:shop-app:versions"})).integer, 2);
    const ReadResult r10 = readSnapshot(*m_client, QStringLiteral("1.0.0"));
    const ReadResult r11 = readSnapshot(*m_client, QStringLiteral("1.1.0"));
    QVERIFY2(r10.error.isEmpty() && r11.error.isEmpty(), qPrintable(r10.error + r11.error));
    QCOMPARE(r10.events, 13); // 12 + the generation marker
    QCOMPARE(r11.events, 16);
    QCOMPARE(readSnapshot(*m_client, QStringLiteral("9.9.9")).snapshot, r11.snapshot); // current
    QCOMPARE(
        QString::fromUtf8(
            must(m_client->command({"HGET", "tp:shop-app:snap:" + r11.snapshot.toLatin1() + ":meta", "by"})).string),
        QStringLiteral("ci-bot"));
    const QString afterFirst = pointerState(*m_client);

    // Again: nothing to do (--json after the command, as CI writes it).
    const Run again = ctl(base + QStringList{QStringLiteral("--json")});
    QVERIFY2(again.code == 0, qPrintable(again.describe()));
    QCOMPARE(again.json().toObject().value(QLatin1String("pointers_moved")).toBool(true), false);
    QCOMPARE(again.json().toObject().value(QLatin1String("snapshots_reused")).toInt(), 2);

    const Run planning = ctl(base + QStringList{QStringLiteral("--version"), QStringLiteral("1.2.0")});
    QVERIFY2(planning.code == 1, qPrintable(planning.describe()));
    QVERIFY2(planning.err.contains(QLatin1String("planning")), qPrintable(planning.describe()));

    // A new release, published; then rolled back to exactly what was there before.
    release(QStringLiteral("1.3.0"), 15, 3);
    const Run second = ctl(base);
    QVERIFY2(second.code == 0, qPrintable(second.describe()));
    QVERIFY(pointerState(*m_client) != afterFirst);
    const QStringList rollback{QStringLiteral("rollback"), QStringLiteral("--redis"), m_server.url(),
                               QStringLiteral("--app"), kApp};
    const Run back = ctl(rollback);
    QVERIFY2(back.code == 0, qPrintable(back.describe()));
    QVERIFY2(back.out.contains(QLatin1String("Rolled shop-app back")), qPrintable(back.describe()));
    QString expected = afterFirst;
    QCOMPARE(pointerState(*m_client), expected);
    const Run twice = ctl(rollback);
    QVERIFY2(twice.code == 1, qPrintable(twice.describe()));
    QVERIFY2(twice.err.contains(QLatin1String("Nothing to roll back")), qPrintable(twice.describe()));
}

void TstPublishCtl::usageAndConnectionErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("no --redis") << QStringList{QStringLiteral("publish"), QStringLiteral("--app"), kApp} << 2
                                << QStringLiteral("--redis URL");
    QTest::newRow("no --app") << QStringList{QStringLiteral("rollback"), QStringLiteral("--redis"),
                                             QStringLiteral("redis://127.0.0.1:1")}
                              << 2 << QStringLiteral("--app KEY");
    QTest::newRow("not a redis URL") << QStringList{QStringLiteral("publish"), QStringLiteral("--app"), kApp,
                                                    QStringLiteral("--redis"), QStringLiteral("http://:hunter2@x")}
                                     << 2 << QStringLiteral("Invalid Redis URL");
    QTest::newRow("unreachable") << QStringList{QStringLiteral("publish"), QStringLiteral("--app"), kApp,
                                                QStringLiteral("--redis"),
                                                QStringLiteral("redis://:hunter2@127.0.0.1:1")}
                                 << 3 << QStringLiteral("unreachable");
    QTest::newRow("unknown app") << QStringList{QStringLiteral("publish"), QStringLiteral("--app"),
                                                QStringLiteral("no-such-app"), QStringLiteral("--redis"), QString()}
                                 << 1 << QStringLiteral("no-such-app");
    QTest::newRow("nothing released") << QStringList{QStringLiteral("publish"), QStringLiteral("--app"), kApp,
                                                     QStringLiteral("--redis"), QString()}
                                      << 1 << QStringLiteral("no released version");
}

void TstPublishCtl::usageAndConnectionErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, message);
    args.replaceInStrings(QRegularExpression(QStringLiteral("^$")), m_server.url());
    const Run r = ctl(args);
    QVERIFY2(r.code == code, qPrintable(r.describe()));
    QVERIFY2(r.err.contains(message), qPrintable(r.describe()));
    QVERIFY2(!r.err.contains(QLatin1String("hunter2")), qPrintable(r.describe()));
    QCOMPARE(must(m_client->command({"DBSIZE"})).integer, 0);
}

void TstPublishCtl::passwordFromEnvironment()
{
    RedisServer locked;
    locked.setPassword(QStringLiteral("s3cret"));
    startServer(locked);
    release(QStringLiteral("1.0.0"), 5, 1);
    const QStringList args{QStringLiteral("publish"), QStringLiteral("--app"), kApp};
    const QString base = QStringLiteral("127.0.0.1:%1").arg(locked.port());

    const Run wrong = ctl(args, {{QStringLiteral("TRACKPLAN_REDIS"), QStringLiteral("redis://:guess@") + base}});
    QVERIFY2(wrong.code == 3, qPrintable(wrong.describe()));
    QVERIFY2(wrong.err.contains(QLatin1String("authentication failed")), qPrintable(wrong.describe()));
    QVERIFY(!wrong.err.contains(QLatin1String("guess")));
    const Run right = ctl(args, {{QStringLiteral("TRACKPLAN_REDIS"), QStringLiteral("redis://:s3cret@") + base}});
    QVERIFY2(right.code == 0, qPrintable(right.describe()));
    QVERIFY2(!right.out.contains(QLatin1String("s3cret")) && !right.err.contains(QLatin1String("s3cret")),
             qPrintable(right.describe()));
}

void TstPublishCtl::ctrlCWhileRedisDoesNotAnswer()
{
    release(QStringLiteral("1.0.0"), 12, 1);
    const QStringList publish{QStringLiteral("publish"), QStringLiteral("--redis"), m_server.url(),
                              QStringLiteral("--app"), kApp};
    const Run first = ctl(publish);
    QVERIFY2(first.code == 0, qPrintable(first.describe()));
    const QString before = pointerState(*m_client);
    release(QStringLiteral("1.1.0"), 15, 2);

    // The server stops answering for 5 s, as a stuck one does: trackplanctl gets its connection
    // (the kernel accepts it) and then waits for its first reply.
    auto sleeper = connectTo(m_server.url());
    sleeper->append({"DEBUG", "SLEEP", "5"});
    sleeper->send();
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.remove(QStringLiteral("TRACKPLAN_REDIS"));
    e.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    p.setProcessEnvironment(e);
    p.start(m_binary, QStringList{QStringLiteral("--db"), m_db} + publish);
    QVERIFY(p.waitForStarted(10000));
    QString err;
    QTRY_VERIFY_WITH_TIMEOUT((err += QString::fromUtf8(p.readAllStandardError())).contains(QLatin1String("Connecting to")),
                             20000);
    QElapsedTimer t;
    t.start();
    QCOMPARE(::kill(pid_t(p.processId()), SIGINT), 0); // Ctrl+C
    QVERIFY(p.waitForFinished(10000));
    const qint64 took = t.elapsed();
    err += QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(took < 1500, qPrintable(QStringLiteral("%1 ms\n%2").arg(took).arg(err))); // not the 5 s of the server
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QVERIFY2(p.exitCode() == 1, qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("cancelled")), qPrintable(err));

    QVERIFY(sleeper->finish()); // the server answers again
    QCOMPARE(pointerState(*m_client), before);
    QCOMPARE(readSnapshot(*m_client, QStringLiteral("1.0.0")).error, QString());
}

QTEST_GUILESS_MAIN(TstPublishCtl)
#include "tst_publishctl.moc"
