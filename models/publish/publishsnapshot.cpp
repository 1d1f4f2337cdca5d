// A snapshot's keys: the base a new snapshot starts from, writing it, verifying it.
#include "publishrun_p.h"

#include "redisclient.h"

#include "publishtext_p.h"

#include <algorithm>

namespace tp::detail {
namespace {

/// Fields per HSET / HDEL.
constexpr qsizetype kHashFields = 1000;

QString hashType()
{
    return QStringLiteral("HASH");
}

} // namespace

Result<std::optional<BaseSnapshot>> PublishRun::loadBase(const QString& versionName, const QByteArray& rulesKey)
{
    // The version's own snapshot is the likeliest to share schemas; else the one this run
    // published last (the previous version: versions are published oldest first); else
    // current, which a new release mostly repeats.
    for (const QString& id : {m_pointers.versions.value(versionName), m_lastPublished, m_pointers.current}) {
        if (id.isEmpty()) {
            continue;
        }
        auto state = snapshotState(id);
        if (!state) {
            return state.error();
        }
        if (!state->complete() || state->ttl[3] == -2 || state->meta.value("rules") != rulesKey) {
            continue;
        }
        BaseSnapshot base;
        base.id = id.toLatin1();
        // Both hashes are copied into one arena each, and indexed by views: 2 × 100 000 fields
        // cost two allocations, not 400 000.
        const auto fill = [&base](QByteArray& arena, bool events) {
            return [&base, &arena, events](RedisClient::Pairs& pairs) {
                qsizetype bytes = 0;
                for (const auto& [field, value] : pairs) {
                    bytes += field.size() + value.size();
                }
                arena.reserve(bytes); // the views below stay valid: no reallocation
                base.entries.reserve(qsizetype(pairs.size()));
                for (const auto& [field, value] : pairs) {
                    const qsizetype at = arena.size();
                    arena.append(field.data(), field.size());
                    arena.append(value.data(), value.size());
                    const QByteArrayView key(arena.constData() + at, field.size());
                    const QByteArrayView text(arena.constData() + at + field.size(), value.size());
                    BaseSnapshot::Entry& entry = base.entries[key];
                    (events ? entry.sha : entry.stamp) = text;
                }
                (events ? base.eventCount : base.stampCount) = qsizetype(pairs.size());
            };
        };
        if (auto s = m_redis.commandPairs({"HGETALL", m_keys.snapEvents(base.id)}, fill(base.eventsArena, true)); !s) {
            return s.error();
        }
        if (auto s = m_redis.commandPairs({"HGETALL", m_keys.snapStamps(base.id)}, fill(base.stampsArena, false)); !s) {
            return s.error();
        }
        return std::optional<BaseSnapshot>(std::move(base));
    }
    return std::optional<BaseSnapshot>();
}

void PublishRun::appendHash(const QByteArray& key, const QList<std::pair<QByteArray, QByteArray>>& set,
                            const QList<QByteArray>& removed)
{
    std::vector<QByteArrayView> argv;
    argv.reserve(std::size_t(2 * kHashFields + 2));
    const auto flush = [&](std::size_t fieldsPerItem) {
        if (argv.size() > 2) {
            m_redis.append(argv);
            report.fieldsWritten += qint64(argv.size() - 2) / qint64(fieldsPerItem);
        }
        argv.resize(2);
    };
    argv.assign({QByteArrayView("HSET"), QByteArrayView(key)});
    for (const auto& [name, value] : set) {
        argv.push_back(name);
        argv.push_back(value);
        if (argv.size() >= std::size_t(2 * kHashFields + 2)) {
            flush(2);
        }
    }
    flush(2);
    argv.assign({QByteArrayView("HDEL"), QByteArrayView(key)});
    for (const QByteArray& name : removed) {
        argv.push_back(name);
        if (argv.size() >= std::size_t(kHashFields + 2)) {
            flush(1);
        }
    }
    flush(1);
}

Status PublishRun::writeSnapshot(const QByteArray& id, const Compiled& c, const PublishVersion& version,
                                 const QByteArray& rulesKey, const SnapshotState& before, const BaseSnapshot* base)
{
    const std::array<QByteArray, 4> keys = m_keys.snapKeys(id);
    const auto action = [](qint64 ttl) { return ttl == -2 ? KeyChange::Action::Add : KeyChange::Action::Change; };
    if (!c.manifest.events.isEmpty()) {
        addChange(action(before.ttl[0]), keys[0], hashType(),
                  PublishText::tr("%n event(s)", nullptr, int(c.manifest.events.size())));
    }
    addChange(action(before.ttl[1]), keys[1], QStringLiteral("STRING"));
    addChange(action(before.ttl[2]), keys[2], hashType());
    if (!c.stamps.isEmpty()) {
        addChange(action(before.ttl[3]), keys[3], hashType());
    }
    if (m_options.dryRun) {
        return Ok{};
    }
    // Leftovers of an unfinished write of the same id go first; meta is written last.
    m_redis.append({"DEL", keys[0], keys[1], keys[2], keys[3]});
    const BaseSnapshot* from = c.fromBase ? base : nullptr;
    if (from) {
        // COPY answers 1 when it copied: the replies are checked below.
        m_redis.append({"COPY", m_keys.snapEvents(from->id), keys[0]}, true);
        appendHash(keys[0], c.eventsSet, c.eventsRemoved);
        m_redis.append({"COPY", m_keys.snapStamps(from->id), keys[3]}, true);
        appendHash(keys[3], c.stampsSet, c.stampsRemoved);
    } else {
        appendHash(keys[0], c.manifest.events, {});
        appendHash(keys[3], c.stamps, {});
    }
    m_redis.append({"SET", keys[1], c.commonText});
    const QDateTime now = m_options.now.isValid() ? m_options.now : QDateTime::currentDateTimeUtc();
    const QByteArray count = QByteArray::number(c.manifest.events.size());
    const QByteArray published = now.toUTC().toString(Qt::ISODateWithMs).toUtf8();
    const QByteArray appKey = m_appKey.toUtf8();
    const QByteArray versionName = version.name.toUtf8();
    const QByteArray planChecksum = version.planChecksum.toUtf8();
    const QByteArray by = m_options.actor.toUtf8();
    m_redis.append({"HSET", keys[2], "app", appKey, "version", versionName, "event_count", count, "checksum",
                    c.checksum, "plan_checksum", planChecksum, "rules", rulesKey, "published_at", published, "by", by});
    // Unreferenced until the pointer move persists it; a publish that never gets there leaves
    // nothing behind for long.
    const QByteArray ttl = QByteArray::number(m_options.orphanTtlSeconds);
    for (const QByteArray& key : keys) {
        m_redis.append({"EXPIRE", key, ttl});
    }
    auto replies = m_redis.finish();
    Status s = Ok{};
    if (!replies) {
        Error e = replies.error();
        e.message = PublishText::tr("%1 (while %2)")
                        .arg(e.message, PublishText::tr("writing snapshot %1").arg(QString::fromLatin1(id)));
        s = e;
    } else if (from && (replies->size() != 2 || (*replies)[0].integer != 1 || (*replies)[1].integer != 1)) {
        s = makeError(Error::Code::Sql,
                      PublishText::tr("Snapshot %1 could not be copied from its base %2; the pointers were not moved.")
                          .arg(QString::fromLatin1(id), QString::fromLatin1(from->id)));
    }
    if (s) {
        SnapshotState& state = m_snapshotStates[QString::fromLatin1(id)];
        state.ttl[0] = c.manifest.events.isEmpty() ? -2 : m_options.orphanTtlSeconds;
        state.ttl[1] = state.ttl[2] = m_options.orphanTtlSeconds;
        state.ttl[3] = c.stamps.isEmpty() ? -2 : m_options.orphanTtlSeconds;
        state.meta.insert("rules", rulesKey);
        state.meta.insert("event_count", count);
        m_writtenIds.insert(QString::fromLatin1(id));
    }
    return s;
}

Status PublishRun::verifySnapshot(const QByteArray& id, const Compiled& c)
{
    // Every schema the snapshot names was found or written by this run (compile() passes each
    // new one through writeSchemas(); one taken from a base snapshot was there already), and
    // schemas are never deleted; what remains to check is that the snapshot reads back as written.
    QByteArray checksum;
    m_redis.append({"GET", m_keys.snapCommon(id)}, true);
    m_redis.append({"HGET", m_keys.snapMeta(id), "checksum"}, true);
    m_redis.append({"HLEN", m_keys.snapStamps(id)}, true);
    auto replies = m_redis.finish();
    if (!replies) {
        return replies.error();
    }
    const QByteArray commonRead = SchemaCompiler::sha256Hex((*replies)[0].string);
    auto read = m_redis.commandPairs({"HGETALL", m_keys.snapEvents(id)}, [&](RedisClient::Pairs& events) {
        checksum = SnapshotManifest::checksum(commonRead, events);
    });
    if (!read) {
        return read.error();
    }
    if (checksum != c.checksum || (*replies)[1].string != c.checksum || (*replies)[2].integer != c.stamps.size()) {
        return makeError(Error::Code::Sql,
                         PublishText::tr("Snapshot %1 in Redis does not match what was written "
                                         "(checksum %2, meta %3, expected %4); the pointers were "
                                         "not moved.")
                             .arg(QString::fromLatin1(id), QString::fromLatin1(checksum),
                                  QString::fromLatin1((*replies)[1].string), QString::fromLatin1(c.checksum)));
    }
    return Ok{};
}

Status PublishRun::verifyDifferences(const QByteArray& id, const Compiled& c)
{
    // The snapshot is a COPY of its base — verified when it was published and never changed
    // since — plus the differences this run wrote. Read back everything this run wrote and the
    // hashes' lengths (a field too many or too few); the copied rest need not travel back.
    m_redis.append({"GET", m_keys.snapCommon(id)}, true);
    m_redis.append({"HGET", m_keys.snapMeta(id), "checksum"}, true);
    m_redis.append({"HLEN", m_keys.snapEvents(id)}, true);
    m_redis.append({"HLEN", m_keys.snapStamps(id)}, true);
    struct Expected {
        QByteArrayView value; ///< null: the field must be absent
    };
    std::vector<Expected> expected;
    std::vector<QByteArrayView> argv;
    const auto ask = [&](const QByteArray& key, const QList<std::pair<QByteArray, QByteArray>>& set,
                         const QList<QByteArray>& removed) {
        argv.assign({QByteArrayView("HMGET"), QByteArrayView(key)});
        const auto flush = [&] {
            if (argv.size() > 2) {
                m_redis.append(argv, true);
            }
            argv.resize(2);
        };
        for (const auto& [name, value] : set) {
            argv.push_back(name);
            expected.push_back({value});
            if (argv.size() >= std::size_t(kHashFields + 2)) {
                flush();
            }
        }
        for (const QByteArray& name : removed) {
            argv.push_back(name);
            expected.push_back({});
            if (argv.size() >= std::size_t(kHashFields + 2)) {
                flush();
            }
        }
        flush();
    };
    const QByteArray eventsKey = m_keys.snapEvents(id);
    const QByteArray stampsKey = m_keys.snapStamps(id);
    ask(eventsKey, c.eventsSet, c.eventsRemoved);
    ask(stampsKey, c.stampsSet, c.stampsRemoved);
    auto replies = m_redis.finish();
    if (!replies) {
        return replies.error();
    }
    const std::vector<RedisReply>& r = *replies;
    const QByteArray commonRead = r.size() >= 4 ? SchemaCompiler::sha256Hex(r[0].string) : QByteArray();
    bool same = r.size() >= 4 && commonRead == c.manifest.commonSha256 && r[1].string == c.checksum
        && r[2].integer == c.manifest.events.size() && r[3].integer == c.stamps.size();
    std::size_t next = 0;
    for (std::size_t i = 4; same && i < r.size(); ++i) {
        for (const RedisReply& field : r[i].elements) {
            const Expected& want = expected.at(next++);
            same = same && (want.value.isNull() ? field.isNil() : !field.isNil() && field.string == want.value);
        }
    }
    same = same && next == expected.size();
    if (!same) {
        return makeError(Error::Code::Sql,
                         PublishText::tr("Snapshot %1 in Redis does not match what was written "
                                         "(meta %2, expected %3); the pointers were not moved.")
                             .arg(QString::fromLatin1(id),
                                  QString::fromLatin1(r.size() >= 2 ? r[1].string : QByteArray()),
                                  QString::fromLatin1(c.checksum)));
    }
    return Ok{};
}

} // namespace tp::detail
