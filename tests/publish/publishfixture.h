#pragma once

// Shared by the publish tests: plans built in memory, a Redis connection to a fixture server,
// and a reader that resolves version → snapshot → events → schemas as a collection service
// does (docs/redis-contract.md, "Reading").

#include "publisher.h"
#include "redisclient.h"
#include "rediskeys.h"
#include "schemacompiler.h"
#include "versionservice.h"

#include "support/redisserver.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

namespace tp::test {

inline const QString kApp = QStringLiteral("shop-app");

/// A plan of `events` events over 6 attributes (one common); `generation` changes a little of
/// it: event (generation % events) and the marker event "zz_generation" get schema version
/// 1-0-generation, so consecutive generations differ in two schemas.
inline Plan makePlan(int events, int generation = 0)
{
    Plan p;
    p.appKey = kApp;
    const auto attribute = [](const char* key, AttrType type) {
        Attribute a;
        a.key = QLatin1String(key);
        a.type = type;
        return a;
    };
    Attribute city = attribute("city_id", AttrType::Integer);
    city.common = true;
    Attribute amount = attribute("amount", AttrType::Number);
    amount.minValue = 0;
    Attribute channel = attribute("channel", AttrType::Enum);
    channel.enumValues = {{QStringLiteral("app"), {}}, {QStringLiteral("web"), {}}};
    Attribute order = attribute("order_id", AttrType::String);
    order.pattern = QStringLiteral("^O[0-9]{6,}$");
    p.attributes = {
        amount, channel, city, order, attribute("page", AttrType::String), attribute("ts", AttrType::DateTime)};
    for (int i = 0; i < events; ++i) {
        Event e;
        e.key = QStringLiteral("event_%1").arg(i, 5, 10, QLatin1Char('0'));
        e.level = Level(i % 4);
        e.bindings = {{QStringLiteral("page"), true, {}}, {QStringLiteral("order_id"), i % 2 == 0, {}}};
        if (i % 3 == 0) {
            e.bindings.append({QStringLiteral("amount"), false, {}});
        }
        if (i % 5 == 0) {
            e.bindings.append({QStringLiteral("channel"), true, {}});
        }
        if (events > 0 && i == generation % events) {
            e.schemaVersion.addition = generation;
        }
        p.events.append(e);
    }
    Event marker;
    marker.key = QStringLiteral("zz_generation");
    marker.schemaVersion.addition = generation;
    p.events.append(marker);
    return p;
}

/// A version to publish from a plan held in memory; *loads counts the loads.
inline PublishVersion versionOf(const QString& name, const Plan& plan, std::shared_ptr<int> loads = {})
{
    auto held = std::make_shared<Plan>(plan);
    return PublishVersion{name, planChecksum(plan), [held, loads]() -> Result<Plan> {
                              if (loads) {
                                  ++*loads;
                              }
                              return *held;
                          }};
}

inline PublishRequest requestOf(const QList<PublishVersion>& versions)
{
    return PublishRequest{kApp, versions, GovernancePolicy::defaults(kApp), {}};
}

inline std::unique_ptr<RedisClient> connectTo(const QString& url, RedisClient::Options options = {})
{
    auto u = RedisUrl::parse(url);
    if (!u) {
        qFatal("bad URL %s", qPrintable(url));
    }
    auto c = RedisClient::connect(*u, options);
    if (!c) {
        qFatal("cannot connect to %s: %s", qPrintable(url), qPrintable(c.error().message));
    }
    return std::move(*c);
}

inline RedisReply must(Result<RedisReply> r)
{
    if (!r) {
        qFatal("Redis: %s", qPrintable(r.error().message));
    }
    return std::move(*r);
}

/// The pointer keys as they are: versions, current, routing and previous, as text.
inline QString pointerState(RedisClient& c, const QString& app = kApp)
{
    const RedisKeys k(app);
    QStringList out;
    for (const QByteArray& key : {k.versions(), k.routing(), k.previous()}) {
        QStringList fields;
        for (const auto& [f, v] : must(c.command({"HGETALL", key})).pairs()) {
            fields << QString::fromUtf8(f + '=' + v);
        }
        fields.sort();
        out << QString::fromUtf8(key) + QLatin1Char('{') + fields.join(QLatin1Char(',')) + QLatin1Char('}');
    }
    out << QString::fromUtf8(must(c.command({"GET", k.current()})).string);
    return out.join(QLatin1Char('\n'));
}

/// Every key with a digest of its value (DUMP) and whether it expires: what a publish changed.
inline QMap<QByteArray, QByteArray> keyDigests(RedisClient& c)
{
    QMap<QByteArray, QByteArray> out;
    for (const RedisReply& key : must(c.command({"KEYS", "*"})).elements) {
        const QByteArray dump = must(c.command({"DUMP", key.string})).string;
        const qint64 ttl = must(c.command({"PTTL", key.string})).integer;
        out.insert(key.string,
                   QCryptographicHash::hash(dump, QCryptographicHash::Sha1).toHex() + (ttl >= 0 ? "+ttl" : ""));
    }
    return out;
}

struct ReadResult {
    QString error; ///< empty when the snapshot read is whole and consistent
    QString snapshot;
    int events = 0;
};

/// Reads the snapshot of `version` as a collector does: the pointers in one MULTI/EXEC
/// (versions, else current), then the snapshot's events, common schema and meta, then every
/// schema it names — checking the meta checksum against what was read and each schema's
/// content against its sha256 name.
inline ReadResult readSnapshot(RedisClient& c, const QString& version, const QString& app = kApp)
{
    const RedisKeys k(app);
    ReadResult r;
    c.append({"MULTI"});
    c.append({"HGET", k.versions(), version.toUtf8()});
    c.append({"GET", k.current()});
    c.append({"EXEC"}, true);
    auto exec = c.finish();
    if (!exec) {
        r.error = exec.error().message;
        return r;
    }
    const std::vector<RedisReply>& pointers = exec->front().elements;
    const QByteArray id = !pointers.at(0).isNil() ? pointers.at(0).string : pointers.at(1).string;
    r.snapshot = QString::fromLatin1(id);
    if (id.isEmpty()) {
        r.error = QStringLiteral("no pointer");
        return r;
    }
    // One round trip per key, as a simple collector does: the widest window for a mix.
    std::vector<RedisReply> snap;
    for (const QByteArray& key : {k.snapEvents(id), k.snapCommon(id), k.snapMeta(id)}) {
        auto reply = c.command({key.endsWith(":common") ? "GET" : "HGETALL", key});
        if (!reply) {
            r.error = reply.error().message;
            return r;
        }
        snap.push_back(std::move(*reply));
    }
    SnapshotManifest m;
    m.events = snap[0].pairs();
    m.commonSha256 = SchemaCompiler::sha256Hex(snap[1].string);
    QMap<QByteArray, QByteArray> meta;
    for (const auto& [f, v] : snap[2].pairs()) {
        meta.insert(f, v);
    }
    r.events = int(m.events.size());
    if (meta.isEmpty() || snap[1].isNil()) {
        r.error = QStringLiteral("snapshot %1 incomplete").arg(r.snapshot);
        return r;
    }
    if (m.checksum() != meta.value("checksum") || meta.value("event_count").toInt() != r.events) {
        r.error = QStringLiteral("snapshot %1: checksum or count does not match its meta").arg(r.snapshot);
        return r;
    }
    std::vector<QByteArray> mget{"MGET"};
    for (const auto& [key, sha] : std::as_const(m.events)) {
        mget.push_back(k.schema(sha));
    }
    if (mget.size() > 1) {
        auto schemas = c.command(mget);
        if (!schemas) {
            r.error = schemas.error().message;
            return r;
        }
        for (qsizetype i = 0; i < m.events.size(); ++i) {
            const RedisReply& s = schemas->elements.at(std::size_t(i));
            if (s.isNil() || SchemaCompiler::sha256Hex(s.string) != m.events[i].second) {
                r.error = QStringLiteral("schema of %1 missing or wrong").arg(QString::fromUtf8(m.events[i].first));
                return r;
            }
        }
    }
    return r;
}

inline void startServer(RedisServer& server)
{
    QString error;
    if (!server.start(&error)) {
        QFAIL(qPrintable(QStringLiteral("redis fixture: %1").arg(error)));
    }
}

} // namespace tp::test
