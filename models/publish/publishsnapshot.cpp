// A snapshot's keys: the base a new snapshot starts from, writing it, verifying it.
#include "publishrun_p.h"

#include "redisclient.h"
#include "schemacompiler.h"

#include "publishtext_p.h"

#include <algorithm>

namespace tp::detail {
namespace {

/// Fields per HSET / HDEL / HMGET.
constexpr std::size_t kHashFields = 1000;

QString hashType()
{
    return QStringLiteral("HASH");
}

QString stringType()
{
    return QStringLiteral("STRING");
}

} // namespace

Result<std::unique_ptr<BaseSnapshot>> PublishRun::loadBase(const QString& versionName, const QByteArray& rulesKey)
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
        if (!state->complete() || state->ttl[0] == -2 || state->ttl[3] == -2
            || state->meta.value("rules") != rulesKey) {
            continue;
        }
        const QByteArray sid = id.toLatin1();
        QByteArray text = id == m_lastPublished ? m_lastSummary : QByteArray();
        if (text.isEmpty()) { // else written moments ago by this run (and verified): no GET
            auto read = m_redis.command({"GET", m_keys.snapSummary(sid)});
            if (!read) {
                return read.error();
            }
            text = std::move(read->string);
        }
        auto summary = SnapshotSummary::parse(std::move(text));
        // One that does not parse, or does not describe the snapshot its meta verifies, is
        // not used: the events it would have given are compiled.
        if (!summary || summary->events().empty() || summary->checksum() != state->meta.value("checksum")) {
            qWarning("snapshot %s: summary not usable, not used as a base", sid.constData());
            continue;
        }
        return std::make_unique<BaseSnapshot>(BaseSnapshot{sid, std::move(*summary)});
    }
    return std::unique_ptr<BaseSnapshot>();
}

void PublishRun::appendHash(const QByteArray& key, const std::vector<std::pair<QByteArrayView, QByteArrayView>>& set,
                            const std::vector<QByteArrayView>& removed, bool creates)
{
    std::vector<QByteArrayView> argv;
    argv.reserve(2 * kHashFields + 2);
    const QByteArray ttl = QByteArray::number(m_options.orphanTtlSeconds);
    const auto flush = [&](std::size_t fieldsPerItem) {
        if (argv.size() > 2) {
            if (creates) {
                // The command that creates the key and its expiry in one transaction: a
                // publish cut short after it leaves nothing that does not expire.
                m_redis.append({"MULTI"});
                m_redis.append(argv);
                m_redis.append({"EXPIRE", key, ttl});
                m_redis.append({"EXEC"});
                creates = false;
            } else {
                m_redis.append(argv);
            }
            report.fieldsWritten += qint64(argv.size() - 2) / qint64(fieldsPerItem);
        }
        argv.resize(2);
    };
    argv.assign({QByteArrayView("HSET"), QByteArrayView(key)});
    for (const auto& [name, value] : set) {
        argv.push_back(name);
        argv.push_back(value);
        if (argv.size() >= 2 * kHashFields + 2) {
            flush(2);
        }
    }
    flush(2);
    argv.assign({QByteArrayView("HDEL"), QByteArrayView(key)});
    for (QByteArrayView name : removed) {
        argv.push_back(name);
        if (argv.size() >= kHashFields + 2) {
            flush(1);
        }
    }
    flush(1);
}

Status PublishRun::writeSnapshot(const QByteArray& id, const Compiled& c, const PublishVersion& version,
                                 const QByteArray& rulesKey, const SnapshotState& before)
{
    const std::array<QByteArray, kSnapKeyCount> keys = m_keys.snapKeys(id);
    const auto action = [](qint64 ttl) { return ttl == -2 ? KeyChange::Action::Add : KeyChange::Action::Change; };
    if (!c.events.empty()) {
        addChange(action(before.ttl[0]), keys[0], hashType(),
                  PublishText::tr("%n event(s)", nullptr, int(c.events.size())));
    }
    addChange(action(before.ttl[1]), keys[1], stringType());
    addChange(action(before.ttl[2]), keys[2], hashType());
    if (!c.summary.isEmpty()) {
        addChange(action(before.ttl[3]), keys[3], stringType());
    }
    if (m_options.dryRun) {
        return Ok{};
    }
    // Leftovers of an unfinished write of the same id go first; meta is written last. Every
    // key expires from its creation on (unreferenced until the pointer move persists it), so
    // that a publish that never gets there, cut short anywhere, leaves nothing behind for long.
    const QByteArray ttl = QByteArray::number(m_options.orphanTtlSeconds);
    m_redis.append({"DEL", keys[0], keys[1], keys[2], keys[3], keys[4]});
    if (c.base) {
        // The base's events, copied (with an expiry) at the start of the publish, plus the
        // differences. RENAME keeps the expiry.
        m_redis.append({"RENAME", c.scratch, keys[0]});
        appendHash(keys[0], c.eventsSet, c.eventsRemoved, false);
    } else {
        std::vector<std::pair<QByteArrayView, QByteArrayView>> all;
        all.reserve(c.events.size());
        for (const Compiled::Entry& e : c.events) {
            all.emplace_back(e.key, e.sha);
        }
        appendHash(keys[0], all, {}, true);
    }
    m_redis.append({"SET", keys[1], c.commonText, "EX", ttl});
    if (!c.summary.isEmpty()) {
        m_redis.append({"SET", keys[3], c.summary, "EX", ttl});
    }
    const QDateTime now = m_options.now.isValid() ? m_options.now : QDateTime::currentDateTimeUtc();
    const QByteArray count = QByteArray::number(qsizetype(c.events.size()));
    const QByteArray published = now.toUTC().toString(Qt::ISODateWithMs).toUtf8();
    const QByteArray appKey = m_appKey.toUtf8();
    const QByteArray versionName = version.name.toUtf8();
    const QByteArray planChecksum = version.planChecksum.toUtf8();
    const QByteArray by = m_options.actor.toUtf8();
    m_redis.append({"MULTI"});
    m_redis.append({"HSET", keys[2], "app", appKey, "version", versionName, "event_count", count, "checksum",
                    c.checksum, "plan_checksum", planChecksum, "rules", rulesKey, "published_at", published, "by", by});
    m_redis.append({"EXPIRE", keys[2], ttl});
    m_redis.append({"EXEC"});
    if (auto s = finish(PublishText::tr("writing snapshot %1").arg(QString::fromLatin1(id))); !s) {
        return s;
    }
    SnapshotState& state = m_snapshotStates[QString::fromLatin1(id)];
    state.ttl.fill(-2);
    state.ttl[0] = c.events.empty() ? -2 : m_options.orphanTtlSeconds;
    state.ttl[1] = state.ttl[2] = m_options.orphanTtlSeconds;
    state.ttl[3] = c.summary.isEmpty() ? -2 : m_options.orphanTtlSeconds;
    state.meta.insert("rules", rulesKey);
    state.meta.insert("event_count", count);
    state.meta.insert("checksum", c.checksum);
    m_writtenIds.insert(QString::fromLatin1(id));
    return Ok{};
}

Status PublishRun::verifySnapshot(const QByteArray& id, const QByteArray& expected, qsizetype summaryBytes)
{
    // Every schema the snapshot names was found or written by this run (compile() passes each
    // new one through writeSchemas(); one taken from a base snapshot was there already), and
    // schemas are never deleted; what remains to check is that the snapshot reads back as written.
    m_redis.append({"GET", m_keys.snapCommon(id)}, true);
    m_redis.append({"HGET", m_keys.snapMeta(id), "checksum"}, true);
    m_redis.append({"STRLEN", m_keys.snapSummary(id)}, true);
    auto r = m_redis.finish();
    if (!r) {
        return r.error();
    }
    const QByteArray commonRead = SchemaCompiler::sha256Hex((*r)[0].string);
    QByteArray checksum;
    auto read = m_redis.commandPairs({"HGETALL", m_keys.snapEvents(id)}, [&](RedisClient::Pairs& events) {
        checksum = SnapshotManifest::checksum(commonRead, events);
    });
    if (!read) {
        return read.error();
    }
    if (checksum != expected || (*r)[1].string != expected || (summaryBytes >= 0 && (*r)[2].integer != summaryBytes)) {
        return makeError(Error::Code::Sql,
                         PublishText::tr("Snapshot %1 in Redis does not match what was written "
                                         "(checksum %2, meta %3, expected %4); the pointers were "
                                         "not moved.")
                             .arg(QString::fromLatin1(id), QString::fromLatin1(checksum),
                                  QString::fromLatin1((*r)[1].string), QString::fromLatin1(expected)));
    }
    return Ok{};
}

Status PublishRun::verifyDifferences(const QByteArray& id, const Compiled& c)
{
    // The snapshot is a COPY of its base — verified when it was published and never changed
    // since — plus the differences this run wrote. Read back everything this run wrote and the
    // lengths (a field too many or too few); the copied rest need not travel back.
    m_redis.append({"GET", m_keys.snapCommon(id)}, true);
    m_redis.append({"HGET", m_keys.snapMeta(id), "checksum"}, true);
    m_redis.append({"HLEN", m_keys.snapEvents(id)}, true);
    m_redis.append({"STRLEN", m_keys.snapSummary(id)}, true);
    std::vector<QByteArrayView> expected; // per field asked: the value, or null for "absent"
    std::vector<QByteArrayView> argv;
    const QByteArray eventsKey = m_keys.snapEvents(id);
    const auto flush = [&] {
        if (argv.size() > 2) {
            m_redis.append(argv, true);
        }
        argv.assign({QByteArrayView("HMGET"), QByteArrayView(eventsKey)});
    };
    flush();
    const auto ask = [&](QByteArrayView name, QByteArrayView value) {
        argv.push_back(name);
        expected.push_back(value);
        if (argv.size() >= kHashFields + 2) {
            flush();
        }
    };
    for (const auto& [name, value] : c.eventsSet) {
        ask(name, value);
    }
    for (QByteArrayView name : c.eventsRemoved) {
        ask(name, {});
    }
    flush();
    auto replies = m_redis.finish();
    if (!replies) {
        return replies.error();
    }
    const std::vector<RedisReply>& r = *replies;
    bool same = r.size() >= 4 && SchemaCompiler::sha256Hex(r[0].string) == c.commonSha && r[1].string == c.checksum
        && r[2].integer == qint64(c.events.size()) && r[3].integer == c.summary.size();
    std::size_t next = 0;
    for (std::size_t i = 4; same && i < r.size(); ++i) {
        for (const RedisReply& field : r[i].elements) {
            const QByteArrayView want = expected.at(next++);
            same = same && (want.isNull() ? field.isNil() : !field.isNil() && field.string == want);
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
