// One version's snapshot: compile its schemas, write the new ones, write the snapshot, verify it.
#include "publishrun_p.h"

#include "redisclient.h"

#include "publishtext_p.h"

#include <QCoreApplication>

namespace tp::detail {
namespace {

/// Events compiled, checked and written per block: bounds the schema texts held in memory.
constexpr qsizetype kBlockEvents = 4096;
/// Keys per multi-key EXISTS, fields per HSET.
constexpr qsizetype kExistsKeys = 512;
constexpr qsizetype kHsetFields = 1000;

const QByteArray kHash = "HASH";

/// Queues one multi-key EXISTS per kExistsKeys keys; each reply counts the chunk's keys that exist.
void appendExists(RedisClient& redis, const QList<QByteArray>& keys)
{
    std::vector<QByteArrayView> argv;
    for (qsizetype from = 0; from < keys.size(); from += kExistsKeys) {
        argv.assign(1, QByteArrayView("EXISTS"));
        for (qsizetype i = from; i < std::min(keys.size(), from + kExistsKeys); ++i) {
            argv.push_back(keys[i]);
        }
        redis.append(argv, true);
    }
}

} // namespace

struct PublishRun::Compiled {
    SnapshotManifest manifest;
    QByteArray commonText;
    QByteArray checksum;
    QList<QByteArray> schemas; ///< distinct schema sha256s of the events
};

PublishRun::PublishRun(RedisClient& redis, const QString& appKey, const PublishOptions& options)
    : m_redis(redis)
    , m_keys(appKey)
    , m_appKey(appKey)
    , m_options(options)
{
    report.appKey = appKey;
    report.dryRun = options.dryRun;
}

bool PublishRun::progress(int percent, const QString& stage)
{
    if (m_options.cancelled && m_options.cancelled->load()) {
        return false;
    }
    return !m_options.progress || m_options.progress(percent, stage);
}

Error PublishRun::cancelledError() const
{
    return makeError(Error::Code::Cancelled,
                     PublishText::tr("Publish of %1 cancelled; the published pointers were not moved.").arg(m_appKey));
}

void PublishRun::addChange(KeyChange::Action action, const QByteArray& key, const QString& type, const QString& detail)
{
    report.changes.append(KeyChange{action, key, type, detail});
}

Status PublishRun::finish(const QString& during)
{
    auto r = m_redis.finish();
    if (!r) {
        Error e = r.error();
        e.message = PublishText::tr("%1 (while %2)").arg(e.message, during);
        return e;
    }
    return Ok{};
}

Result<QString> PublishRun::publishVersion(const PublishRequest& request, const PublishVersion& version,
                                           const QByteArray& rulesKey, int percentFrom, int percentTo)
{
    // Already published from the same store snapshot under the same rules: nothing to do, and
    // the plan need not even be loaded.
    const QString mapped = m_pointers.versions.value(version.name);
    if (!mapped.isEmpty()) {
        auto state = snapshotState(mapped);
        if (!state) {
            return state.error();
        }
        if (state->complete() && state->meta.value("plan_checksum") == version.planChecksum.toUtf8()
            && state->meta.value("rules") == rulesKey && state->meta.value("version") == version.name.toUtf8()) {
            ++report.snapshotsReused;
            return mapped;
        }
    }

    auto compiled = compile(request, version, percentFrom, percentFrom + (percentTo - percentFrom) * 3 / 4);
    if (!compiled) {
        return compiled.error();
    }
    const QByteArray id = snapshotId(m_appKey, version.name, compiled->checksum, version.planChecksum);
    if (!progress(percentFrom + (percentTo - percentFrom) * 3 / 4,
                  PublishText::tr("%1: writing snapshot %2").arg(version.name, QString::fromLatin1(id)))) {
        return cancelledError();
    }
    auto before = snapshotState(QString::fromLatin1(id));
    if (!before) {
        return before.error();
    }
    bool reuse = false;
    if (before->complete() && before->meta.value("checksum") == compiled->checksum) {
        // Written before (by a publish that did not move the pointers, or for other pointers):
        // reuse it when it verifies.
        reuse = verifySnapshot(id, *compiled).ok();
    }
    if (reuse) {
        ++report.snapshotsReused;
        if (before->expiring()) {
            if (!m_options.dryRun) {
                // Keep it alive until the pointer move persists it.
                for (const QByteArray& key : {m_keys.snapEvents(id), m_keys.snapCommon(id), m_keys.snapMeta(id)}) {
                    m_redis.append({"EXPIRE", key, QByteArray::number(m_options.orphanTtlSeconds)});
                }
                if (auto s =
                        finish(PublishText::tr("refreshing the expiry of snapshot %1").arg(QString::fromLatin1(id)));
                    !s) {
                    return s.error();
                }
            }
        }
        return QString::fromLatin1(id);
    }
    if (auto s = writeSnapshot(id, *compiled, version, rulesKey, *before); !s) {
        return s.error();
    }
    ++report.snapshotsWritten;
    if (!m_options.dryRun) {
        if (!progress(percentTo - 1,
                      PublishText::tr("%1: verifying snapshot %2").arg(version.name, QString::fromLatin1(id)))) {
            return cancelledError();
        }
        if (auto s = verifySnapshot(id, *compiled); !s) {
            return s.error();
        }
    }
    return QString::fromLatin1(id);
}

Result<PublishRun::Compiled> PublishRun::compile(const PublishRequest& request, const PublishVersion& version,
                                                 int percentFrom, int percentTo)
{
    if (!progress(percentFrom, PublishText::tr("%1: loading the plan").arg(version.name))) {
        return cancelledError();
    }
    auto plan = version.loadPlan
        ? version.loadPlan()
        : Result<Plan>(makeError(Error::Code::NotFound, PublishText::tr("No plan for %1.").arg(version.name)));
    if (!plan) {
        return plan.error();
    }
    Compiled c;
    SchemaCompiler compiler(*plan, request.policy, request.schema);
    c.commonText = compiler.commonSchemaText();
    c.manifest.commonSha256 = SchemaCompiler::sha256Hex(c.commonText);
    c.manifest.events.reserve(plan->events.size());
    QSet<QByteArray> distinct;
    QList<std::pair<QByteArray, QByteArray>> candidates; // (sha256, text) not seen in this run
    const qsizetype total = plan->events.size();
    for (qsizetype i = 0; i < total; ++i) {
        const Event& e = plan->events.at(i);
        QByteArray text = compiler.eventSchemaText(e);
        QByteArray sha = SchemaCompiler::sha256Hex(text);
        if (!distinct.contains(sha)) {
            distinct.insert(sha);
            c.schemas.append(sha);
        }
        if (!m_knownSchemas.contains(sha)) {
            m_knownSchemas.insert(sha);
            candidates.append({sha, std::move(text)});
        }
        c.manifest.events.append({e.key.toUtf8(), std::move(sha)});
        if ((i + 1) % kBlockEvents == 0 || i + 1 == total) {
            const int percent = percentFrom + int((percentTo - percentFrom) * (i + 1) / std::max<qsizetype>(total, 1));
            if (!progress(
                    percent,
                    PublishText::tr("%1: writing schemas (%2 of %3 events)").arg(version.name).arg(i + 1).arg(total))) {
                return cancelledError();
            }
            if (!candidates.isEmpty()) {
                if (auto s = writeSchemas(candidates); !s) {
                    return s.error();
                }
                candidates.clear();
            }
        }
    }
    report.eventsCompiled += int(total);
    c.checksum = c.manifest.checksum();
    return c;
}

Status PublishRun::writeSchemas(QList<std::pair<QByteArray, QByteArray>>& candidates)
{
    // Which exist? One multi-key EXISTS per chunk answers "all" or "none" in the usual cases
    // (a first publish: none; a republish: nearly all); mixed chunks are asked key by key.
    QList<QByteArray> keys;
    keys.reserve(candidates.size());
    for (const auto& c : std::as_const(candidates)) {
        keys.append(m_keys.schema(c.first));
    }
    appendExists(m_redis, keys);
    auto counts = m_redis.finish();
    if (!counts) {
        return counts.error();
    }
    QList<int> exists(keys.size(), 0); // 1 exists, 0 new, -1 ask again
    for (qsizetype chunk = 0; chunk < qsizetype(counts->size()); ++chunk) {
        const qsizetype from = chunk * kExistsKeys;
        const qsizetype n = std::min(keys.size(), from + kExistsKeys) - from;
        const qint64 found = (*counts)[std::size_t(chunk)].integer;
        for (qsizetype i = from; i < from + n; ++i) {
            exists[i] = found == 0 ? 0 : (found == n ? 1 : -1);
            if (exists[i] < 0) {
                m_redis.append({"EXISTS", keys[i]}, true);
            }
        }
    }
    auto single = m_redis.finish();
    if (!single) {
        return single.error();
    }
    std::size_t next = 0;
    for (qsizetype i = 0; i < keys.size(); ++i) {
        if (exists[i] < 0) {
            exists[i] = (*single)[next++].integer > 0 ? 1 : 0;
        }
        if (exists[i] == 1) {
            ++report.schemasExisting;
            continue;
        }
        ++report.schemasWritten;
        addChange(KeyChange::Action::Add, keys[i], QStringLiteral("STRING"));
        if (!m_options.dryRun) {
            m_redis.append({"SET", keys[i], candidates[i].second});
        }
    }
    return finish(PublishText::tr("writing schemas"));
}

Status PublishRun::writeSnapshot(const QByteArray& id, const Compiled& c, const PublishVersion& version,
                                 const QByteArray& rulesKey, const SnapshotState& before)
{
    const QByteArray events = m_keys.snapEvents(id);
    const QByteArray common = m_keys.snapCommon(id);
    const QByteArray meta = m_keys.snapMeta(id);
    const auto action = [](qint64 ttl) { return ttl == -2 ? KeyChange::Action::Add : KeyChange::Action::Change; };
    if (!c.manifest.events.isEmpty()) {
        addChange(action(before.ttl[0]), events, QString::fromLatin1(kHash),
                  PublishText::tr("%n event(s)", nullptr, int(c.manifest.events.size())));
    }
    addChange(action(before.ttl[1]), common, QStringLiteral("STRING"));
    addChange(action(before.ttl[2]), meta, QString::fromLatin1(kHash));
    if (m_options.dryRun) {
        return Ok{};
    }
    // Leftovers of an unfinished write of the same id go first; meta is written last.
    m_redis.append({"DEL", events, common, meta});
    std::vector<QByteArrayView> argv;
    for (qsizetype from = 0; from < c.manifest.events.size(); from += kHsetFields) {
        argv.assign({QByteArrayView("HSET"), QByteArrayView(events)});
        for (qsizetype i = from; i < std::min(c.manifest.events.size(), from + kHsetFields); ++i) {
            argv.push_back(c.manifest.events[i].first);
            argv.push_back(c.manifest.events[i].second);
        }
        m_redis.append(argv);
    }
    m_redis.append({"SET", common, c.commonText});
    const QDateTime now = m_options.now.isValid() ? m_options.now : QDateTime::currentDateTimeUtc();
    const QByteArray count = QByteArray::number(c.manifest.events.size());
    const QByteArray published = now.toUTC().toString(Qt::ISODateWithMs).toUtf8();
    const QByteArray appKey = m_appKey.toUtf8();
    const QByteArray versionName = version.name.toUtf8();
    const QByteArray planChecksum = version.planChecksum.toUtf8();
    const QByteArray by = m_options.actor.toUtf8();
    m_redis.append({"HSET", meta, "app", appKey, "version", versionName, "event_count", count, "checksum", c.checksum,
                    "plan_checksum", planChecksum, "rules", rulesKey, "published_at", published, "by", by});
    // Unreferenced until the pointer move persists it; a publish that never gets there leaves
    // nothing behind for long.
    const QByteArray ttl = QByteArray::number(m_options.orphanTtlSeconds);
    for (const QByteArray& key : {events, common, meta}) {
        m_redis.append({"EXPIRE", key, ttl});
    }
    const Status s = finish(PublishText::tr("writing snapshot %1").arg(QString::fromLatin1(id)));
    if (s) {
        SnapshotState& state = m_snapshotStates[QString::fromLatin1(id)];
        state.ttl[0] = c.manifest.events.isEmpty() ? -2 : m_options.orphanTtlSeconds;
        state.ttl[1] = state.ttl[2] = m_options.orphanTtlSeconds;
        m_writtenIds.insert(QString::fromLatin1(id));
    }
    return s;
}

Status PublishRun::verifySnapshot(const QByteArray& id, const Compiled& c)
{
    m_redis.append({"HGETALL", m_keys.snapEvents(id)}, true);
    m_redis.append({"GET", m_keys.snapCommon(id)}, true);
    m_redis.append({"HGET", m_keys.snapMeta(id), "checksum"}, true);
    QList<QByteArray> keys;
    keys.reserve(c.schemas.size());
    for (const QByteArray& sha : c.schemas) {
        keys.append(m_keys.schema(sha));
    }
    appendExists(m_redis, keys);
    auto replies = m_redis.finish();
    if (!replies) {
        return replies.error();
    }
    SnapshotManifest read;
    read.commonSha256 = SchemaCompiler::sha256Hex((*replies)[1].string);
    read.events = (*replies)[0].pairs();
    const QByteArray checksum = read.checksum();
    qint64 schemas = 0;
    for (std::size_t i = 3; i < replies->size(); ++i) {
        schemas += (*replies)[i].integer;
    }
    const QString sid = QString::fromLatin1(id);
    if (checksum != c.checksum || (*replies)[2].string != c.checksum) {
        return makeError(Error::Code::Sql,
                         PublishText::tr("Snapshot %1 in Redis does not match what was written (checksum %2, "
                                         "meta %3, expected %4); the pointers were not moved.")
                             .arg(sid, QString::fromLatin1(checksum), QString::fromLatin1((*replies)[2].string),
                                  QString::fromLatin1(c.checksum)));
    }
    if (schemas != c.schemas.size()) {
        return makeError(Error::Code::Sql,
                         PublishText::tr("Snapshot %1 refers to %2 schemas but only %3 are in Redis; the "
                                         "pointers were not moved.")
                             .arg(sid)
                             .arg(c.schemas.size())
                             .arg(schemas));
    }
    return Ok{};
}

} // namespace tp::detail
