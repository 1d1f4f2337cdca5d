// One version's snapshot: compile its schemas, write the new ones, write the snapshot, verify it.
#include "publishrun_p.h"

#include "redisclient.h"

#include "publishtext_p.h"

#include <QCoreApplication>

namespace tp::detail {
namespace {

/// Events compiled, checked and written per block: bounds the schema texts held in memory.
constexpr qsizetype kBlockEvents = 4096;
/// Keys per multi-key EXISTS.
constexpr qsizetype kExistsKeys = 512;

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
            m_lastPublished = mapped;
            return mapped;
        }
    }

    auto base = loadBase(version.name, rulesKey);
    if (!base) {
        return base.error();
    }
    auto compiled = compile(request, version, *base, percentFrom, percentFrom + (percentTo - percentFrom) * 3 / 4);
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
                for (const QByteArray& key : m_keys.snapKeys(id)) {
                    m_redis.append({"EXPIRE", key, QByteArray::number(m_options.orphanTtlSeconds)});
                }
                if (auto s =
                        finish(PublishText::tr("refreshing the expiry of snapshot %1").arg(QString::fromLatin1(id)));
                    !s) {
                    return s.error();
                }
            }
        }
        m_lastPublished = QString::fromLatin1(id);
        return QString::fromLatin1(id);
    }
    if (auto s = writeSnapshot(id, *compiled, version, rulesKey, *before, *base ? &**base : nullptr); !s) {
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
    m_lastPublished = QString::fromLatin1(id);
    return QString::fromLatin1(id);
}

Result<PublishRun::Compiled> PublishRun::compile(const PublishRequest& request, const PublishVersion& version,
                                                 const std::optional<BaseSnapshot>& base, int percentFrom,
                                                 int percentTo)
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
    QList<std::pair<QByteArray, QByteArray>> candidates; // (sha256, text) not seen in this run
    const qsizetype total = plan->events.size();
    for (qsizetype i = 0; i < total; ++i) {
        const Event& e = plan->events.at(i);
        QByteArray key = e.key.toUtf8();
        QByteArray stamp = compiler.stamp(e);
        QByteArray sha;
        if (base && !stamp.isEmpty()) {
            // Compiled from the same revisions for a published snapshot: that schema exists.
            if (auto it = base->stamps.constFind(key); it != base->stamps.constEnd() && *it == stamp) {
                sha = base->events.value(key);
            }
        }
        if (sha.isEmpty()) {
            QByteArray text = compiler.eventSchemaText(e);
            sha = SchemaCompiler::sha256Hex(text);
            ++report.eventsCompiled;
            if (!m_knownSchemas.contains(sha)) {
                m_knownSchemas.insert(sha);
                candidates.append({sha, std::move(text)});
            }
        } else {
            ++report.eventsReused;
        }
        if (!stamp.isEmpty()) {
            c.stamps.append({key, std::move(stamp)});
        }
        c.manifest.events.append({std::move(key), std::move(sha)});
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
    c.checksum = c.manifest.checksum(); // sorts the manifest by key
    std::sort(c.stamps.begin(), c.stamps.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
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

} // namespace tp::detail
