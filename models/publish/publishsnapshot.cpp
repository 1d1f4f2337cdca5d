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

bool byName(const std::pair<QByteArray, QByteArray>& a, const QByteArray& name)
{
    return a.first < name;
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
        const auto fill = [](QHash<QByteArray, QByteArray>& into) {
            return [&into](RedisClient::Pairs& pairs) {
                into.reserve(qsizetype(pairs.size()));
                for (const auto& [field, value] : pairs) {
                    into.insert(field.toByteArray(), value.toByteArray());
                }
            };
        };
        if (auto s = m_redis.commandPairs({"HGETALL", m_keys.snapEvents(base.id)}, fill(base.events)); !s) {
            return s.error();
        }
        if (auto s = m_redis.commandPairs({"HGETALL", m_keys.snapStamps(base.id)}, fill(base.stamps)); !s) {
            return s.error();
        }
        return std::optional<BaseSnapshot>(std::move(base));
    }
    return std::optional<BaseSnapshot>();
}

void PublishRun::appendHash(const QByteArray& key, const QList<std::pair<QByteArray, QByteArray>>& fields,
                            const QByteArray& baseKey, const QHash<QByteArray, QByteArray>* base)
{
    std::vector<QByteArrayView> argv;
    const auto flush = [&](std::size_t fieldsPerItem) {
        if (argv.size() > 2) {
            m_redis.append(argv);
            report.fieldsWritten += qint64(argv.size() - 2) / qint64(fieldsPerItem);
        }
        argv.resize(2);
    };
    if (base) {
        m_redis.append({"COPY", baseKey, key});
    }
    qsizetype kept = 0; // fields of the base that the new hash has too
    argv.assign({QByteArrayView("HSET"), QByteArrayView(key)});
    for (const auto& [name, value] : fields) {
        if (base) {
            if (auto it = base->constFind(name); it != base->constEnd()) {
                ++kept;
                if (*it == value) {
                    continue;
                }
            }
        }
        argv.push_back(name);
        argv.push_back(value);
        if (argv.size() >= std::size_t(2 * kHashFields + 2)) {
            flush(2);
        }
    }
    flush(2);
    if (!base || kept == base->size()) {
        return;
    }
    // Fields the base has and the new hash has not (events removed since).
    argv.assign({QByteArrayView("HDEL"), QByteArrayView(key)});
    for (auto it = base->cbegin(); it != base->cend(); ++it) {
        const auto at = std::lower_bound(fields.cbegin(), fields.cend(), it.key(), byName);
        if (at == fields.cend() || at->first != it.key()) {
            argv.push_back(it.key());
            if (argv.size() >= std::size_t(kHashFields + 2)) {
                flush(1);
            }
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
    const BaseSnapshot* from = base && !c.stamps.isEmpty() ? base : nullptr;
    appendHash(keys[0], c.manifest.events, from ? m_keys.snapEvents(from->id) : QByteArray(),
               from ? &from->events : nullptr);
    appendHash(keys[3], c.stamps, from ? m_keys.snapStamps(from->id) : QByteArray(), from ? &from->stamps : nullptr);
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
    const Status s = finish(PublishText::tr("writing snapshot %1").arg(QString::fromLatin1(id)));
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

} // namespace tp::detail
