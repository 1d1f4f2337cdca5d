// One version's snapshot, from the base it starts from to its verification.
#include "publishrun_p.h"

#include "redisclient.h"

#include "publishtext_p.h"

#include <QCoreApplication>
#include <QRandomGenerator>

namespace tp::detail {

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

Result<std::vector<RedisReply>> PublishRun::replies(const QString& during)
{
    auto r = m_redis.finish();
    if (!r) {
        Error e = r.error();
        e.message = PublishText::tr("%1 (while %2)").arg(e.message, during);
        return e;
    }
    return r;
}

Status PublishRun::finish(const QString& during)
{
    auto r = replies(during);
    if (!r) {
        return r.error();
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
            m_lastSummary.clear();
            return mapped;
        }
    }

    auto base = loadBase(version.name, rulesKey);
    if (!base) {
        return base.error();
    }
    QByteArray scratch;
    if (*base && !m_options.dryRun) {
        // The new events HASH starts as a copy of the base's. COPY of a 100 000-field hash keeps
        // the server busy for tens of milliseconds: it starts now, under a key of its own, and
        // runs while this thread finds and compiles what changed; the copy is renamed into
        // place once the snapshot id is known. It expires by itself if this publish stops.
        scratch = m_keys.scratch(QByteArray::number(QRandomGenerator::global()->generate64(), 16));
        m_redis.append({"MULTI"});
        m_redis.append({"COPY", m_keys.snapEvents((*base)->id), scratch});
        m_redis.append({"EXPIRE", scratch, QByteArray::number(m_options.orphanTtlSeconds)});
        m_redis.append({"EXEC"});
        m_redis.send();
    }
    const int compiled = percentFrom + (percentTo - percentFrom) * 3 / 4;
    auto c = compile(request, version, std::move(*base), percentFrom, compiled);
    if (!c) {
        return c.error();
    }
    (*c)->scratch = scratch;
    if ((*c)->pending) {
        if (auto s = writeSchemas(*(*c)->pending); !s) {
            return s.error();
        }
    }
    const QByteArray id = snapshotId(m_appKey, version.name, (*c)->checksum, version.planChecksum);
    if (!progress(compiled, PublishText::tr("%1: writing snapshot %2").arg(version.name, QString::fromLatin1(id)))) {
        return cancelledError();
    }
    auto before = snapshotState(QString::fromLatin1(id));
    if (!before) {
        return before.error();
    }
    // Written before (by a publish that did not move the pointers, or for other pointers):
    // reuse it when it verifies.
    if (before->complete() && before->meta.value("checksum") == (*c)->checksum
        && verifySnapshot(id, (*c)->checksum, -1).ok()) {
        ++report.snapshotsReused;
        if (!m_options.dryRun && (before->expiring() || !scratch.isEmpty())) {
            if (!scratch.isEmpty()) {
                m_redis.append({"DEL", scratch});
            }
            if (before->expiring()) {
                // Keep it alive until the pointer move persists it.
                for (const QByteArray& key : m_keys.snapKeys(id)) {
                    m_redis.append({"EXPIRE", key, QByteArray::number(m_options.orphanTtlSeconds)});
                }
            }
            if (auto s = finish(PublishText::tr("refreshing the expiry of snapshot %1").arg(QString::fromLatin1(id)));
                !s) {
                return s.error();
            }
        }
        m_lastPublished = QString::fromLatin1(id);
        m_lastSummary.clear();
        return QString::fromLatin1(id);
    }
    if (auto s = writeSnapshot(id, **c, version, rulesKey, *before); !s) {
        return s.error();
    }
    ++report.snapshotsWritten;
    if (!m_options.dryRun) {
        if (!progress(percentTo - 1,
                      PublishText::tr("%1: verifying snapshot %2").arg(version.name, QString::fromLatin1(id)))) {
            return cancelledError();
        }
        if (auto s = (*c)->base ? verifyDifferences(id, **c) : verifySnapshot(id, (*c)->checksum, (*c)->summary.size());
            !s) {
            return s.error();
        }
    }
    m_lastPublished = QString::fromLatin1(id);
    m_lastSummary = m_options.dryRun ? QByteArray() : (*c)->summary;
    return QString::fromLatin1(id);
}

} // namespace tp::detail
