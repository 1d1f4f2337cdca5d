// Publishing when things go wrong, against real redis-servers: the server stopped or killed in
// the middle of a publish, AUTH with requirepass and with an ACL user, an unreachable port, a
// command timeout, a server out of memory. Each gives a clear, classified error and leaves the
// pointers (what readers resolve) as they were.
#include "publishfixture.h"

#include <QElapsedTimer>

#include <atomic>
#include <chrono>
#include <thread>

using namespace tp;
using namespace tp::test;

namespace {

/// A server that keeps its data across restarts (AOF, fsync always), so that "the pointers are
/// unchanged" can be checked after it comes back.
QStringList durable()
{
    return {QStringLiteral("--appendonly"), QStringLiteral("yes"), QStringLiteral("--appendfsync"),
            QStringLiteral("always")};
}

Result<std::unique_ptr<RedisClient>> tryConnect(const QString& url, RedisErrorKind* kind,
                                                RedisClient::Options options = {})
{
    auto u = RedisUrl::parse(url);
    if (!u) {
        return u.error();
    }
    return RedisClient::connect(*u, options, kind);
}

QString why(const Error& e)
{
    return e.message;
}

} // namespace

class TstPublishFailures : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void serverGoneMidPublish_data();
    void serverGoneMidPublish();
    void requirePass();
    void aclUser();
    void unreachable();
    void commandTimeout();
    void outOfMemory();
    void cancelWhileTheServerDoesNotAnswer();
};

void TstPublishFailures::serverGoneMidPublish_data()
{
    QTest::addColumn<bool>("crash");
    QTest::addColumn<QString>("stage");
    for (bool crash : {false, true}) {
        for (const char* stage : {"writing schemas", "writing snapshot", "verifying", "Moving the pointers"}) {
            QTest::addRow("%s at %s", crash ? "kill" : "stop", stage) << crash << QString::fromLatin1(stage);
        }
    }
}

void TstPublishFailures::serverGoneMidPublish()
{
    QFETCH(bool, crash);
    QFETCH(QString, stage);
    RedisServer server(durable());
    startServer(server);
    {
        auto c = connectTo(server.url());
        Publisher publisher(*c);
        QVERIFY(publisher.publish(requestOf({versionOf(QStringLiteral("1.0.0"), makePlan(300, 1))})));
    }
    QString pointers;
    QString snapshot;
    {
        auto c = connectTo(server.url());
        pointers = pointerState(*c);
        snapshot = readSnapshot(*c, QStringLiteral("1.0.0")).snapshot;
    }

    const PublishRequest next = requestOf(
        {versionOf(QStringLiteral("1.0.0"), makePlan(300, 2)), versionOf(QStringLiteral("1.1.0"), makePlan(320, 2))});
    auto c = connectTo(server.url());
    PublishOptions options;
    bool stopped = false;
    options.progress = [&](int, const QString& s) {
        if (!stopped && s.contains(stage)) {
            stopped = true;
            crash ? server.kill() : server.stop();
        }
        return true;
    };
    Publisher publisher(*c);
    auto r = publisher.publish(next, options);
    QVERIFY(stopped);
    QVERIFY(!r);
    QCOMPARE(r.error().code, Error::Code::Connection);
    QCOMPARE(c->lastErrorKind(), RedisErrorKind::Unreachable);
    QVERIFY2(r.error().message.contains(QStringLiteral("127.0.0.1:%1").arg(server.port())), qPrintable(why(r.error())));
    QVERIFY2(r.error().message.contains(QLatin1String("connection")), qPrintable(why(r.error())));
    QVERIFY(!c->isUsable());

    // Back up: readers resolve exactly what they did before, whole.
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    auto after = connectTo(server.url());
    QCOMPARE(pointerState(*after), pointers);
    const ReadResult read = readSnapshot(*after, QStringLiteral("1.0.0"));
    QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
    QCOMPARE(read.snapshot, snapshot);

    // And the next publish goes through.
    Publisher again(*after);
    auto ok = again.publish(next);
    QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().message));
    QVERIFY(ok->pointersMoved);
    QVERIFY(readSnapshot(*after, QStringLiteral("1.1.0")).error.isEmpty());
    QCOMPARE(readSnapshot(*after, QStringLiteral("1.1.0")).snapshot, ok->published.value(QStringLiteral("1.1.0")));
}

void TstPublishFailures::requirePass()
{
    RedisServer server;
    server.setPassword(QStringLiteral("s3cret-pass"));
    startServer(server);
    const QString base = QStringLiteral("127.0.0.1:%1/0").arg(server.port());

    RedisErrorKind kind = RedisErrorKind::None;
    auto none = tryConnect(QStringLiteral("redis://") + base, &kind);
    QVERIFY(!none);
    QCOMPARE(kind, RedisErrorKind::AuthFailed);
    QVERIFY2(none.error().message.contains(QLatin1String("password")), qPrintable(why(none.error())));

    auto wrong = tryConnect(QStringLiteral("redis://:not-it@") + base, &kind);
    QVERIFY(!wrong);
    QCOMPARE(kind, RedisErrorKind::AuthFailed);
    QCOMPARE(wrong.error().code, Error::Code::Connection);
    QVERIFY(!wrong.error().message.contains(QLatin1String("not-it")));

    auto right = tryConnect(QStringLiteral("redis://:s3cret-pass@") + base, &kind);
    QVERIFY2(right, qPrintable(right ? QString() : why(right.error())));
    Publisher publisher(**right);
    QVERIFY(publisher.publish(requestOf({versionOf(QStringLiteral("1.0.0"), makePlan(10))})));
    QVERIFY(readSnapshot(**right, QStringLiteral("1.0.0")).error.isEmpty());
    QVERIFY(!(*right)->url().displayString().contains(QLatin1String("s3cret")));
}

void TstPublishFailures::aclUser()
{
    RedisServer server;
    // The default user is off; the publisher and the collector have the rights that
    // docs/redis-contract.md lists, on the tp: keys only.
    server.setAclLines({QStringLiteral("user default off"),
                        QStringLiteral("user publisher on >pub-pass ~tp:* &tp:* +@read +@write +@transaction "
                                       "+@pubsub +@connection"),
                        QStringLiteral("user collector on >col-pass ~tp:* &tp:* +@read +@transaction +subscribe "
                                       "+@connection")});
    startServer(server);
    const QString base = QStringLiteral("127.0.0.1:%1/0").arg(server.port());
    RedisErrorKind kind = RedisErrorKind::None;

    auto wrong = tryConnect(QStringLiteral("redis://publisher:nope@") + base, &kind);
    QVERIFY(!wrong);
    QCOMPARE(kind, RedisErrorKind::AuthFailed);
    QVERIFY2(wrong.error().message.contains(QLatin1String("redis://publisher@127.0.0.1")),
             qPrintable(why(wrong.error())));
    QVERIFY(!wrong.error().message.contains(QLatin1String("nope")));
    auto unknown = tryConnect(QStringLiteral("redis://intruder:pub-pass@") + base, &kind);
    QVERIFY(!unknown);
    QCOMPARE(kind, RedisErrorKind::AuthFailed);
    auto anonymous = tryConnect(QStringLiteral("redis://") + base, &kind);
    QVERIFY(!anonymous);
    QCOMPARE(kind, RedisErrorKind::AuthFailed);

    auto c = tryConnect(QStringLiteral("redis://publisher:pub-pass@") + base, &kind);
    QVERIFY2(c, qPrintable(c ? QString() : why(c.error())));
    Publisher publisher(**c);
    auto r = publisher.publish(requestOf({versionOf(QStringLiteral("1.0.0"), makePlan(10))}));
    QVERIFY2(r, qPrintable(r ? QString() : why(r.error())));
    QVERIFY(readSnapshot(**c, QStringLiteral("1.0.0")).error.isEmpty());
    QVERIFY(publisher.publish(requestOf({versionOf(QStringLiteral("1.0.0"), makePlan(12))})));
    QVERIFY2(publisher.rollback(kApp), "rollback as the publisher");

    // The collector reads whole snapshots and may not write.
    auto reader = tryConnect(QStringLiteral("redis://collector:col-pass@") + base, &kind);
    QVERIFY(reader);
    const ReadResult read = readSnapshot(**reader, QStringLiteral("1.0.0"));
    QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
    QCOMPARE(read.snapshot, r->current);
    auto write = (*reader)->command({"SET", "tp:shop-app:current", "x"});
    QVERIFY(!write);
    QVERIFY2(write.error().message.contains(QLatin1String("NOPERM")), qPrintable(why(write.error())));
    auto other = (*c)->command({"GET", "not-ours"});
    QVERIFY(!other); // the publisher is held to tp: keys
}

void TstPublishFailures::unreachable()
{
    RedisServer server;
    startServer(server);
    const int port = server.port();
    server.stop(); // the port was ours a moment ago; nothing listens now
    RedisErrorKind kind = RedisErrorKind::None;
    auto c = tryConnect(QStringLiteral("redis://:pw@127.0.0.1:%1").arg(port), &kind);
    QVERIFY(!c);
    QCOMPARE(kind, RedisErrorKind::Unreachable);
    QCOMPARE(c.error().code, Error::Code::Connection);
    QVERIFY2(c.error().message.contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(why(c.error())));
    QVERIFY(!c.error().message.contains(QLatin1String("pw")));
}

void TstPublishFailures::commandTimeout()
{
    RedisServer server;
    startServer(server);
    RedisErrorKind kind = RedisErrorKind::None;
    RedisClient::Options options;
    options.commandTimeoutMs = 300;
    auto c = tryConnect(server.url(), &kind, options);
    QVERIFY(c);
    QElapsedTimer t;
    t.start();
    auto r = (*c)->command({"BLPOP", "tp:nothing", "5"}); // blocks 5 s on the server
    QVERIFY(!r);
    QVERIFY2(t.elapsed() < 4000, qPrintable(QString::number(t.elapsed())));
    QCOMPARE((*c)->lastErrorKind(), RedisErrorKind::Timeout);
    QVERIFY2(r.error().message.contains(QLatin1String("in time")), qPrintable(why(r.error())));
}

void TstPublishFailures::outOfMemory()
{
    RedisServer server({QStringLiteral("--maxmemory"), QStringLiteral("4mb"), QStringLiteral("--maxmemory-policy"),
                        QStringLiteral("noeviction")});
    startServer(server);
    auto c = connectTo(server.url());
    Publisher publisher(*c);
    QVERIFY(publisher.publish(requestOf({versionOf(QStringLiteral("1.0.0"), makePlan(20))})));
    const QString pointers = pointerState(*c);

    // Enough schemas to pass 4 MB: long patterns on every attribute.
    Plan big = makePlan(6000, 1);
    for (Attribute& a : big.attributes) {
        if (a.type == AttrType::String) {
            a.pattern = QStringLiteral("^(%1)$").arg(QStringLiteral("x").repeated(400));
        }
    }
    for (int i = 0; i < big.events.size(); ++i) {
        big.events[i].schemaVersion.revision = i; // every schema distinct
    }
    auto r = publisher.publish(requestOf({versionOf(QStringLiteral("1.0.0"), big)}));
    QVERIFY(!r);
    QCOMPARE(c->lastErrorKind(), RedisErrorKind::OutOfMemory);
    QVERIFY2(r.error().message.contains(QLatin1String("out of memory")), qPrintable(why(r.error())));
    QVERIFY(c->isUsable()); // an error reply, not a broken connection
    QCOMPARE(pointerState(*c), pointers);
    QVERIFY(readSnapshot(*c, QStringLiteral("1.0.0")).error.isEmpty());
}

void TstPublishFailures::cancelWhileTheServerDoesNotAnswer()
{
    // DEBUG SLEEP keeps the server from answering anyone for 3 s, as a stuck server would.
    RedisServer server({QStringLiteral("--enable-debug-command"), QStringLiteral("yes")});
    startServer(server);
    auto c = connectTo(server.url());
    {
        Publisher publisher(*c);
        QVERIFY(publisher.publish(requestOf({versionOf(QStringLiteral("1.0.0"), makePlan(300, 1))})));
    }
    const QString pointers = pointerState(*c);
    const QString snapshot = readSnapshot(*c, QStringLiteral("1.0.0")).snapshot;

    auto own = connectTo(server.url());
    auto sleeper = connectTo(server.url());
    std::atomic<bool> cancel{false};
    std::atomic<qint64> cancelledAt{-1};
    qint64 sleptAt = -1;
    QElapsedTimer clock;
    clock.start();
    std::thread user;
    PublishOptions options;
    options.cancelled = &cancel;
    options.progress = [&](int, const QString& stage) {
        if (sleptAt < 0 && stage.contains(QLatin1String("writing snapshot"))) {
            sleeper->append({"DEBUG", "SLEEP", "3"});
            sleeper->send();
            sleptAt = clock.elapsed();
            // The user presses Ctrl+C a moment later, while the publish waits for the server
            // (the delay is the user's, not a synchronisation).
            user = std::thread([&] {
                std::this_thread::sleep_for(std::chrono::milliseconds(300));
                cancelledAt = clock.elapsed();
                cancel = true;
            });
        }
        return true;
    };
    Publisher publisher(*own);
    auto r = publisher.publish(requestOf({versionOf(QStringLiteral("1.0.0"), makePlan(300, 2)),
                                          versionOf(QStringLiteral("1.1.0"), makePlan(320, 2))}),
                               options);
    const qint64 returnedAt = clock.elapsed();
    if (user.joinable()) {
        user.join();
    }
    QVERIFY(sleptAt >= 0);
    QVERIFY(!r);
    QCOMPARE(r.error().code, Error::Code::Cancelled);
    QCOMPARE(own->lastErrorKind(), RedisErrorKind::Cancelled);
    QVERIFY(!own->isUsable());
    // Back within a poll slice of the cancel, long before the server answers again.
    QVERIFY2(cancelledAt >= 0 && returnedAt - cancelledAt < 1000,
             qPrintable(QStringLiteral("cancelled at %1 ms, returned at %2 ms").arg(cancelledAt).arg(returnedAt)));
    QVERIFY2(returnedAt - sleptAt < 2000, qPrintable(QString::number(returnedAt - sleptAt)));

    // Once the server answers again, readers resolve exactly what they did before.
    QVERIFY(sleeper->finish());
    QCOMPARE(pointerState(*c), pointers);
    const ReadResult read = readSnapshot(*c, QStringLiteral("1.0.0"));
    QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
    QCOMPARE(read.snapshot, snapshot);
}

QTEST_GUILESS_MAIN(TstPublishFailures)
#include "tst_publishfailures.moc"
