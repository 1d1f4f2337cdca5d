// Publishing from a base snapshot, against a real redis-server: events whose store revisions
// (and those of the attributes they bind) are those of the base take the base's schema instead
// of being compiled; the base is found through its summary (tp:{app}:snap:{id}:summary), which
// must parse and agree with the base's checksum to be used; the new events HASH is the base's,
// copied, plus the differences, and equals what a publish from scratch writes.
#include "publishfixture.h"

using namespace tp;
using namespace tp::test;

namespace {

/// A plan as the store gives it: every entity has a revision, and an event that changed from
/// one generation to the next has a new one.
Plan revised(int events, int generation)
{
    Plan p = makePlan(events, generation);
    for (Event& e : p.events) {
        e.revision = 1 + e.schemaVersion.addition;
    }
    for (Attribute& a : p.attributes) {
        a.revision = 1;
    }
    return p;
}

QMap<QByteArray, QByteArray> hashOf(RedisClient& c, const QByteArray& key)
{
    QMap<QByteArray, QByteArray> out;
    for (const auto& [f, v] : must(c.command({"HGETALL", key})).pairs()) {
        out.insert(f, v);
    }
    return out;
}

} // namespace

class TstPublishBase : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void unchangedRevisionsAreNotCompiledAgain();
    void copiedEventsEqualAWriteFromScratch();
    void unusableSummaryIsNotUsed_data();
    void unusableSummaryIsNotUsed();
    void legacyStampsExpireWithTheirSnapshot();

private:
    RedisServer m_server;
    std::unique_ptr<RedisClient> m_client;
};

void TstPublishBase::initTestCase()
{
    startServer(m_server);
    m_client = connectTo(m_server.url());
}

void TstPublishBase::init()
{
    must(m_client->command({"FLUSHALL"}));
}

void TstPublishBase::unchangedRevisionsAreNotCompiledAgain()
{
    // Plans as the store gives them: every entity has a revision.
    Plan before = makePlan(60, 1);
    for (Event& e : before.events) {
        e.revision = 1;
    }
    for (Attribute& a : before.attributes) {
        a.revision = 1;
    }
    Plan after = before;
    after.events[4].bindings[1].required = !after.events[4].bindings[1].required;
    after.events[4].revision = 2;
    Attribute& amount = after.attributes[0];
    QCOMPARE(amount.key, QStringLiteral("amount"));
    amount.maxValue = 500; // every event binding it gets a new schema
    amount.revision = 2;
    after.events.removeAt(7);
    Event added;
    added.key = QStringLiteral("event_added");
    added.revision = 1;
    added.bindings = {{QStringLiteral("amount"), true, {}}};
    after.events.insert(after.events.size() - 1, added);
    int affected = 0;
    for (const Event& e : after.events) {
        const bool bindsAmount = std::any_of(e.bindings.cbegin(), e.bindings.cend(), [](const Binding& b) {
            return b.attributeKey == QLatin1String("amount");
        });
        affected += (bindsAmount || e.key == QLatin1String("event_00004")) ? 1 : 0;
    }

    Publisher publisher(*m_client);
    QVERIFY(publisher.publish(requestOf({versionOf(QStringLiteral("1.0.0"), before)})));
    const PublishRequest next = requestOf({versionOf(QStringLiteral("1.1.0"), after)});
    const auto digests = keyDigests(*m_client);
    PublishOptions dry;
    dry.dryRun = true;
    auto preview = publisher.publish(next, dry);
    QVERIFY(preview);
    auto r = publisher.publish(next);
    QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
    QCOMPARE(r->eventsCompiled, affected);
    QCOMPARE(r->eventsReused, int(after.events.size()) - affected);
    QVERIFY(readSnapshot(*m_client, QStringLiteral("1.1.0")).error.isEmpty());
    QSet<QByteArray> listed;
    for (const KeyChange& c : preview->changes) {
        listed.insert(c.key);
    }
    const auto now = keyDigests(*m_client);
    QSet<QByteArray> written;
    for (auto it = now.cbegin(); it != now.cend(); ++it) {
        if (digests.value(it.key()) != it.value()) {
            written.insert(it.key());
        }
    }
    QCOMPARE(listed, written);

    // The same snapshot as compiling everything from scratch into an empty database gives.
    auto url = RedisUrl::parse(m_server.url());
    url->db = 1;
    auto fresh = RedisClient::connect(*url);
    QVERIFY(fresh);
    must((*fresh)->command({"FLUSHDB"}));
    Publisher scratch(**fresh);
    auto full = scratch.publish(next);
    QVERIFY(full);
    QCOMPARE(full->eventsReused, 0);
    QCOMPARE(full->published, r->published);
    const QByteArray id = r->published.value(QStringLiteral("1.1.0")).toLatin1();
    const RedisKeys k(kApp);
    // The summary written from the base's equals the one written from scratch, byte for byte.
    const QByteArray summary = must(m_client->command({"GET", k.snapSummary(id)})).string;
    QVERIFY(summary.startsWith("trackplan-summary 1 "));
    QCOMPARE(must((*fresh)->command({"GET", k.snapSummary(id)})).string, summary);

    // Both versions in one publish: the second starts from the first, written moments before.
    must((*fresh)->command({"FLUSHDB"}));
    auto both = scratch.publish(requestOf({versionOf(QStringLiteral("1.0.0"), before), next.versions.first()}));
    QVERIFY(both);
    QCOMPARE(both->eventsCompiled, int(before.events.size()) + affected);
    QCOMPARE(both->published.value(QStringLiteral("1.1.0")), r->published.value(QStringLiteral("1.1.0")));
    must((*fresh)->command({"FLUSHDB"}));
}

void TstPublishBase::copiedEventsEqualAWriteFromScratch()
{
    const Plan before = revised(200, 1);
    Plan after = before;
    int changed = 0;
    for (int i = 0; i < after.events.size(); i += 10) { // 10% changed, as a merge changes them
        ++after.events[i].schemaVersion.addition;
        ++after.events[i].revision;
        ++changed;
    }
    after.events.removeAt(3);
    Publisher publisher(*m_client);
    QVERIFY(publisher.publish(requestOf({versionOf(QStringLiteral("1.0.0"), before)})));
    auto r = publisher.publish(requestOf({versionOf(QStringLiteral("1.0.0"), after)}));
    QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
    QCOMPARE(r->eventsCompiled, changed);
    QCOMPARE(r->eventsReused, int(after.events.size()) - changed);
    QCOMPARE(r->schemasWritten, changed);
    QCOMPARE(must(m_client->command({"KEYS", "tp:shop-app:scratch:*"})).elements.size(), std::size_t(0));
    const QByteArray id = r->published.value(QStringLiteral("1.0.0")).toLatin1();
    const RedisKeys k(kApp);
    QCOMPARE(must(m_client->command({"TTL", k.snapEvents(id)})).integer, -1); // referenced: persisted
    const ReadResult read = readSnapshot(*m_client, QStringLiteral("1.0.0"));
    QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
    QCOMPARE(read.events, int(after.events.size()));

    auto url = RedisUrl::parse(m_server.url());
    url->db = 2;
    auto fresh = RedisClient::connect(*url);
    QVERIFY(fresh);
    must((*fresh)->command({"FLUSHDB"}));
    Publisher scratch(**fresh);
    auto full = scratch.publish(requestOf({versionOf(QStringLiteral("1.0.0"), after)}));
    QVERIFY(full);
    QCOMPARE(full->published, r->published);
    QCOMPARE(hashOf(**fresh, k.snapEvents(id)), hashOf(*m_client, k.snapEvents(id)));
    QCOMPARE(must((*fresh)->command({"GET", k.snapSummary(id)})).string,
             must(m_client->command({"GET", k.snapSummary(id)})).string);
    must((*fresh)->command({"FLUSHDB"}));
}

void TstPublishBase::unusableSummaryIsNotUsed_data()
{
    QTest::addColumn<QByteArray>("how");
    QTest::newRow("not a summary") << QByteArray("garbage");
    QTest::newRow("checksum disagrees") << QByteArray("sha");
    QTest::newRow("missing") << QByteArray("del");
}

void TstPublishBase::unusableSummaryIsNotUsed()
{
    QFETCH(QByteArray, how);
    const Plan before = revised(40, 1);
    Plan after = before;
    ++after.events[0].schemaVersion.addition;
    ++after.events[0].revision;
    Publisher publisher(*m_client);
    auto first = publisher.publish(requestOf({versionOf(QStringLiteral("1.0.0"), before)}));
    QVERIFY(first);
    const RedisKeys k(kApp);
    const QByteArray key = k.snapSummary(first->current.toLatin1());
    QByteArray summary = must(m_client->command({"GET", key})).string;
    QVERIFY(!summary.isEmpty());
    if (how == "garbage") {
        must(m_client->command({"SET", key, "garbage"}));
    } else if (how == "sha") {
        // Still a summary, but one schema sha256 differs from what the snapshot holds.
        const qsizetype at = summary.indexOf("\t", summary.indexOf("\nevent_") + 1) + 1;
        summary[at] = summary[at] == 'a' ? 'b' : 'a';
        must(m_client->command({"SET", key, summary}));
    } else {
        must(m_client->command({"DEL", key}));
    }
    auto r = publisher.publish(requestOf({versionOf(QStringLiteral("1.1.0"), after)}));
    QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
    QCOMPARE(r->eventsReused, 0); // no base: everything compiled
    QCOMPARE(r->eventsCompiled, int(after.events.size()));
    QCOMPARE(r->schemasWritten, 1);
    QVERIFY(readSnapshot(*m_client, QStringLiteral("1.1.0")).error.isEmpty());
}

void TstPublishBase::legacyStampsExpireWithTheirSnapshot()
{
    // A snapshot as publishers before the summary wrote it: a :stamps hash, no :summary.
    Publisher publisher(*m_client);
    auto v1 = publisher.publish(requestOf({versionOf(QStringLiteral("1.0.0"), revised(30, 1))}));
    QVERIFY(v1);
    const RedisKeys k(kApp);
    const QByteArray old = v1->current.toLatin1();
    must(m_client->command({"DEL", k.snapSummary(old)}));
    must(m_client->command({"HSET", k.snapStamps(old), "event_00000", "1:1,1"}));

    auto v2 = publisher.publish(requestOf({versionOf(QStringLiteral("1.0.0"), revised(30, 2))}));
    QVERIFY(v2);
    QCOMPARE(v2->eventsReused, 0); // the old snapshot has no summary: not a base
    QCOMPARE(must(m_client->command({"TTL", k.snapStamps(old)})).integer, -1); // previous: kept
    auto v3 = publisher.publish(requestOf({versionOf(QStringLiteral("1.0.0"), revised(30, 3))}));
    QVERIFY(v3);
    QVERIFY(v3->eventsReused > 0); // v2's summary is
    // No pointer reaches the old snapshot any more: all its keys expire, :stamps too.
    for (const QByteArray& key : k.snapKeys(old)) {
        const qint64 ttl = must(m_client->command({"TTL", key})).integer;
        QVERIFY2(ttl == -2 || ttl > 0, key.constData());
    }
    QVERIFY(must(m_client->command({"TTL", k.snapStamps(old)})).integer > 0);
}

QTEST_GUILESS_MAIN(TstPublishBase)
#include "tst_publishbase.moc"
