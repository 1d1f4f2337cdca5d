// Publishing to a real redis-server (started by the fixture): the key layout of the contract,
// schemas written only when new, readers that never see a mix of two snapshots while 50
// publishes run, rollback, dry run and cancellation. Publishing from a base snapshot (store
// revisions, the summary): tst_publishbase.
#include "publishfixture.h"
#include "routing.h"

#include <QJsonArray>

#include <atomic>
#include <mutex>
#include <thread>

using namespace tp;
using namespace tp::test;

class TstPublisher : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void firstPublish();
    void republishWritesNothing();
    void schemasWrittenOnlyWhenNew();
    void readersNeverSeeAMix();
    void rollback();
    void rollbackNeedsAPrevious();
    void dryRunChangesNothingAndListsWhatIsWritten();
    void cancelLeavesReadersUnaffected();

private:
    RedisServer m_server;
    std::unique_ptr<RedisClient> m_client;
};

void TstPublisher::initTestCase()
{
    startServer(m_server);
    m_client = connectTo(m_server.url());
}

void TstPublisher::init()
{
    must(m_client->command({"FLUSHALL"}));
}

void TstPublisher::firstPublish()
{
    auto subscriber = connectTo(m_server.url());
    const RedisKeys k(kApp);
    must(subscriber->command({"SUBSCRIBE", k.published()}));

    const Plan v1 = makePlan(20);
    const Plan v2 = makePlan(25, 3);
    PublishOptions options;
    options.actor = QStringLiteral("steward");
    options.now = QDateTime(QDate(2026, 11, 20), QTime(8, 0), Qt::UTC);
    Publisher publisher(*m_client);
    auto report = publisher.publish(
        requestOf({versionOf(QStringLiteral("6.10.0"), v2), versionOf(QStringLiteral("6.9.0"), v1)}), options);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QVERIFY(report->pointersMoved);
    QCOMPARE(report->snapshotsWritten, 2);
    QCOMPARE(report->published.size(), 2);
    // current is the newest version in numeric order, not in text order.
    QCOMPARE(report->current, report->published.value(QStringLiteral("6.10.0")));

    QMap<QString, QString> versions;
    for (const auto& [v, id] : must(m_client->command({"HGETALL", k.versions()})).pairs()) {
        versions.insert(QString::fromUtf8(v), QString::fromUtf8(id));
    }
    QCOMPARE(versions, report->published);
    QCOMPARE(QString::fromUtf8(must(m_client->command({"GET", k.current()})).string), report->current);
    const QMap<QByteArray, QByteArray> table = routingTable(GovernancePolicy::defaults(kApp));
    for (auto it = table.cbegin(); it != table.cend(); ++it) {
        QCOMPARE(must(m_client->command({"HGET", k.routing(), it.key()})).string, it.value());
    }
    QCOMPARE(must(m_client->command({"EXISTS", k.previous()})).integer, 0);

    // The snapshot of 6.10.0: event → sha256 of its schema, whose text is the compiled one.
    const QByteArray id = report->current.toLatin1();
    SchemaCompiler compiler(v2, GovernancePolicy::defaults(kApp));
    for (const Event& e : v2.events) {
        const CompiledSchema s = compiler.eventSchema(e);
        QCOMPARE(must(m_client->command({"HGET", k.snapEvents(id), e.key.toUtf8()})).string, s.sha256);
        QCOMPARE(must(m_client->command({"GET", k.schema(s.sha256)})).string, s.text);
    }
    QCOMPARE(must(m_client->command({"HLEN", k.snapEvents(id)})).integer, v2.events.size());
    QCOMPARE(must(m_client->command({"GET", k.snapCommon(id)})).string, compiler.commonSchemaText());
    QMap<QByteArray, QByteArray> meta;
    for (const auto& [f, v] : must(m_client->command({"HGETALL", k.snapMeta(id)})).pairs()) {
        meta.insert(f, v);
    }
    QCOMPARE(meta.value("app"), kApp.toUtf8());
    QCOMPARE(meta.value("version"), QByteArray("6.10.0"));
    QCOMPARE(meta.value("event_count"), QByteArray::number(v2.events.size()));
    QCOMPARE(meta.value("plan_checksum"), planChecksum(v2).toUtf8());
    QCOMPARE(meta.value("published_at"), QByteArray("2026-11-20T08:00:00.000Z"));
    QCOMPARE(meta.value("by"), QByteArray("steward"));
    const ReadResult read = readSnapshot(*m_client, QStringLiteral("6.10.0"));
    QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
    QCOMPARE(read.events, v2.events.size());
    // Referenced snapshots never expire.
    for (const QByteArray& key : {k.snapEvents(id), k.snapCommon(id), k.snapMeta(id)}) {
        QCOMPARE(must(m_client->command({"TTL", key})).integer, -1);
    }

    // One notification, after the pointers moved.
    const RedisReply message = must(subscriber->receive());
    QCOMPARE(message.elements.size(), std::size_t(3));
    QCOMPARE(message.elements[0].string, QByteArray("message"));
    QCOMPARE(message.elements[1].string, k.published());
    QCOMPARE(message.elements[2].string, "{\"snapshot\":\"" + id + "\",\"versions\":[\"6.9.0\",\"6.10.0\"]}");
}

void TstPublisher::republishWritesNothing()
{
    Publisher publisher(*m_client);
    auto loads = std::make_shared<int>(0);
    const PublishRequest request = requestOf({versionOf(QStringLiteral("1.0.0"), makePlan(30), loads)});
    QVERIFY(publisher.publish(request));
    QCOMPARE(*loads, 1);
    const auto before = keyDigests(*m_client);
    auto again = publisher.publish(request);
    QVERIFY(again);
    QVERIFY(!again->pointersMoved);
    QVERIFY2(again->changes.isEmpty(), qPrintable(QString::fromUtf8(again->changes.value(0).key)));
    QCOMPARE(again->snapshotsReused, 1);
    QCOMPARE(*loads, 1); // published from the same store snapshot: not even loaded
    QCOMPARE(keyDigests(*m_client), before);
}

void TstPublisher::schemasWrittenOnlyWhenNew()
{
    Publisher publisher(*m_client);
    const Plan base = makePlan(40);
    auto first = publisher.publish(requestOf({versionOf(QStringLiteral("1.0.0"), base)}));
    QVERIFY(first);
    QCOMPARE(first->schemasWritten, 41); // every event differs in key or bindings

    Plan changed = base;
    changed.events[3].bindings[1].required = !changed.events[3].bindings[1].required;
    changed.events[7].level = Level::A; // was D
    changed.events[9].displayName = QStringLiteral("text only: the schema stays");
    auto second = publisher.publish(
        requestOf({versionOf(QStringLiteral("1.0.0"), base), versionOf(QStringLiteral("1.1.0"), changed)}));
    QVERIFY(second);
    QCOMPARE(second->schemasWritten, 2);
    QCOMPARE(second->schemasExisting, 39);
    QCOMPARE(second->snapshotsReused, 1);
    QCOMPARE(second->snapshotsWritten, 1);
    int schemaKeys = 0;
    for (const KeyChange& c : second->changes) {
        schemaKeys += c.key.contains(":schema:") ? 1 : 0;
    }
    QCOMPARE(schemaKeys, 2);
    QCOMPARE(must(m_client->command({"DBSIZE"})).integer, 43 + 3 * 2 + 4); // schemas, 2 snapshots, pointers
}

void TstPublisher::readersNeverSeeAMix()
{
    // A collector resolves versions → snapshot → events → schemas in a loop on its own
    // connection while 50 publishes, each changing the plan a little, move the pointers.
    std::atomic<bool> done{false};
    std::mutex mutex;
    QStringList errors;
    int reads = 0;
    QSet<QString> seen;
    std::thread reader([&] {
        auto c = connectTo(m_server.url());
        while (!done.load()) {
            const ReadResult r = readSnapshot(*c, QStringLiteral("2.0.0"));
            std::lock_guard lock(mutex);
            if (r.error == QLatin1String("no pointer")) {
                continue; // before the first publish
            }
            if (!r.error.isEmpty()) {
                errors << r.error;
            } else {
                ++reads;
                seen.insert(r.snapshot);
            }
        }
    });
    Publisher publisher(*m_client);
    QStringList failures;
    for (int g = 1; g <= 50; ++g) {
        auto r = publisher.publish(requestOf({versionOf(QStringLiteral("1.0.0"), makePlan(150, g)),
                                              versionOf(QStringLiteral("2.0.0"), makePlan(200, g))}));
        if (!r) {
            failures << r.error().message;
        }
    }
    // Let the reader finish a few rounds against the last snapshot too.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            std::lock_guard lock(mutex);
            return reads > 60;
        }(),
        30000);
    done = true;
    reader.join();
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
    QVERIFY2(errors.isEmpty(), qPrintable(errors.mid(0, 5).join(QLatin1Char('\n'))));
    qInfo("reader: %d whole reads of %d distinct snapshots", reads, int(seen.size()));
    QVERIFY(seen.size() >= 2);
}

void TstPublisher::rollback()
{
    const RedisKeys k(kApp);
    Publisher publisher(*m_client);
    const PublishRequest a = requestOf({versionOf(QStringLiteral("1.0.0"), makePlan(10, 1))});
    const PublishRequest b = requestOf(
        {versionOf(QStringLiteral("1.0.0"), makePlan(10, 2)), versionOf(QStringLiteral("1.1.0"), makePlan(12, 2))});
    auto ra = publisher.publish(a);
    QVERIFY(ra);
    const QString afterA = pointerState(*m_client);
    auto rb = publisher.publish(b);
    QVERIFY(rb);
    QVERIFY(pointerState(*m_client) != afterA);
    QCOMPARE(QString::fromUtf8(must(m_client->command({"HGET", k.previous(), "current"})).string), ra->current);

    auto subscriber = connectTo(m_server.url());
    must(subscriber->command({"SUBSCRIBE", k.published()}));
    auto back = publisher.rollback(kApp);
    QVERIFY2(back, qPrintable(back ? QString() : back.error().message));
    QVERIFY(back->pointersMoved);
    QCOMPARE(back->current, ra->current);
    // The pointers are those after A, and previous is gone: a rollback is one step.
    QString expected = afterA;
    QCOMPARE(pointerState(*m_client), expected);
    QVERIFY(readSnapshot(*m_client, QStringLiteral("1.1.0")).error.isEmpty()); // resolves through current
    QCOMPARE(readSnapshot(*m_client, QStringLiteral("1.1.0")).snapshot, ra->current);
    const RedisReply message = must(subscriber->receive());
    QCOMPARE(message.elements.at(2).string,
             "{\"snapshot\":\"" + ra->current.toLatin1() + "\",\"versions\":[\"1.0.0\"]}");
    // B's snapshots are unreachable now: they expire, they are not deleted under a reader.
    for (const QString& id : rb->published) {
        const qint64 ttl = must(m_client->command({"TTL", k.snapMeta(id.toLatin1())})).integer;
        QVERIFY2(ttl > 0 && ttl <= 24 * 3600, qPrintable(QString::number(ttl)));
    }
    auto twice = publisher.rollback(kApp);
    QVERIFY(!twice);
    QCOMPARE(twice.error().code, Error::Code::InvalidState);

    // Publishing B again revives its verified snapshots instead of writing them.
    auto again = publisher.publish(b);
    QVERIFY(again);
    QCOMPARE(again->snapshotsWritten, 0);
    QCOMPARE(again->snapshotsReused, 2);
    QCOMPARE(again->published, rb->published);
    bool persisted = false;
    for (const KeyChange& c : again->changes) {
        persisted = persisted || c.action == KeyChange::Action::Persist;
    }
    QVERIFY(persisted);
    for (const QString& id : rb->published) {
        QCOMPARE(must(m_client->command({"TTL", k.snapMeta(id.toLatin1())})).integer, -1);
    }
}

void TstPublisher::rollbackNeedsAPrevious()
{
    Publisher publisher(*m_client);
    auto nothing = publisher.rollback(kApp);
    QVERIFY(!nothing);
    QCOMPARE(nothing.error().code, Error::Code::InvalidState);
    QVERIFY(publisher.publish(requestOf({versionOf(QStringLiteral("1.0.0"), makePlan(5))})));
    auto first = publisher.rollback(kApp);
    QVERIFY(!first); // the first publish replaced nothing
    QCOMPARE(first.error().code, Error::Code::InvalidState);
}

void TstPublisher::dryRunChangesNothingAndListsWhatIsWritten()
{
    Publisher publisher(*m_client);
    // Three generations, so that the third publish also lets the first one's snapshot expire.
    for (int g = 1; g <= 2; ++g) {
        QVERIFY(publisher.publish(requestOf({versionOf(QStringLiteral("1.0.0"), makePlan(30, g))})));
    }
    const PublishRequest third = requestOf(
        {versionOf(QStringLiteral("1.0.0"), makePlan(30, 3)), versionOf(QStringLiteral("1.1.0"), makePlan(35, 3))});

    const auto before = keyDigests(*m_client);
    PublishOptions dry;
    dry.dryRun = true;
    auto preview = publisher.publish(third, dry);
    QVERIFY2(preview, qPrintable(preview ? QString() : preview.error().message));
    QCOMPARE(keyDigests(*m_client), before);
    QVERIFY(preview->pointersMoved); // would move

    auto real = publisher.publish(third);
    QVERIFY(real);
    const auto after = keyDigests(*m_client);
    QSet<QByteArray> written;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (before.value(it.key()) != it.value()) {
            written.insert(it.key());
        }
    }
    QSet<QByteArray> listed;
    QSet<QByteArray> reported;
    QStringList actions;
    for (const KeyChange& c : preview->changes) {
        listed.insert(c.key);
        actions << toString(c.action);
    }
    for (const KeyChange& c : real->changes) {
        reported.insert(c.key);
    }
    QCOMPARE(listed, written);
    QCOMPARE(reported, written);
    QCOMPARE(preview->changes.size(), real->changes.size());
    QVERIFY(actions.contains(QLatin1String("add")));
    QVERIFY(actions.contains(QLatin1String("change")));
    QVERIFY(actions.contains(QLatin1String("expire"))); // generation 1's snapshot
}

void TstPublisher::cancelLeavesReadersUnaffected()
{
    const RedisKeys k(kApp);
    Publisher publisher(*m_client);
    QVERIFY(publisher.publish(requestOf({versionOf(QStringLiteral("1.0.0"), makePlan(50, 1))})));
    const QString pointers = pointerState(*m_client);
    const ReadResult before = readSnapshot(*m_client, QStringLiteral("1.0.0"));

    // A cancel seen while waiting for the server closes the connection (replies are due):
    // the cancelled publish has a client of its own, as trackplanctl and the desktop have.
    auto own = connectTo(m_server.url());
    Publisher cancelled(*own);
    std::atomic<bool> cancel{false};
    PublishOptions options;
    options.cancelled = &cancel;
    QStringList stages;
    options.progress = [&](int, const QString& stage) {
        stages << stage;
        if (stage.contains(QLatin1String("verifying"))) {
            cancel = true; // as Ctrl+C would, from the signal handler
        }
        return true;
    };
    auto r = cancelled.publish(requestOf({versionOf(QStringLiteral("1.0.0"), makePlan(50, 2))}), options);
    QVERIFY(!r);
    QCOMPARE(r.error().code, Error::Code::Cancelled);
    QVERIFY2(r.error().message.contains(QLatin1String("pointers were not moved")), qPrintable(r.error().message));
    QVERIFY2(stages.join(QLatin1Char('|')).contains(QLatin1String("verifying")),
             qPrintable(stages.join(QLatin1Char('|'))));
    QCOMPARE(pointerState(*m_client), pointers);
    const ReadResult after = readSnapshot(*m_client, QStringLiteral("1.0.0"));
    QVERIFY(after.error.isEmpty());
    QCOMPARE(after.snapshot, before.snapshot);
    // The unfinished snapshot is unreferenced, and every key of it expires.
    int orphans = 0;
    for (const RedisReply& key : must(m_client->command({"KEYS", "tp:shop-app:snap:*"})).elements) {
        if (!key.string.contains(before.snapshot.toLatin1())) {
            orphans += key.string.endsWith(":meta") ? 1 : 0;
            QVERIFY2(must(m_client->command({"TTL", key.string})).integer > 0, key.string.constData());
        }
    }
    QCOMPARE(orphans, 1);
}

QTEST_GUILESS_MAIN(TstPublisher)
#include "tst_publisher.moc"
