// One version's snapshot: compile its schemas, write the new ones, write the snapshot, verify it.
#include "publishrun_p.h"

#include "redisclient.h"

#include "publishtext_p.h"

#include <QCoreApplication>

#include <future>

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
        if (auto s = compiled->fromBase ? verifyDifferences(id, *compiled) : verifySnapshot(id, *compiled); !s) {
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
    const qsizetype total = plan->events.size();
    c.manifest.events.reserve(total);
    c.stamps.reserve(total);
    qsizetype keptEvents = 0; // new keys that the base's …:events has too
    qsizetype keptStamps = 0; // new stamped keys that the base's …:stamps has too

    // 1. Which events need compiling: those whose stamp differs from the base's. The others
    //    take the base's schema and cost a hash lookup (their texts stay in the base's arenas,
    //    fromRawData: no copy).
    struct Todo {
        qsizetype event;    ///< index into plan->events
        qsizetype manifest; ///< index into c.manifest.events (its sha256 filled in step 2)
        const BaseSnapshot::Entry* from;
        bool stamped;
    };
    std::vector<Todo> todo;
    QByteArray stamp; // reused: an unchanged event costs no allocation for its stamp
    for (qsizetype i = 0; i < total; ++i) {
        const Event& e = plan->events.at(i);
        QByteArray key = e.key.toUtf8();
        const bool stamped = compiler.stamp(e, stamp);
        const BaseSnapshot::Entry* from = nullptr;
        if (base) {
            if (auto it = base->entries.constFind(QByteArrayView(key)); it != base->entries.constEnd()) {
                from = &*it;
            }
        }
        if (from && stamped && !from->sha.isNull() && !from->stamp.isNull() && from->stamp == QByteArrayView(stamp)) {
            ++report.eventsReused;
            ++keptEvents;
            ++keptStamps;
            c.stamps.append({key, QByteArray::fromRawData(from->stamp.data(), from->stamp.size())});
            c.manifest.events.append({std::move(key), QByteArray::fromRawData(from->sha.data(), from->sha.size())});
            continue;
        }
        if (stamped) {
            if (from && !from->stamp.isNull()) {
                ++keptStamps;
            }
            if (base && (!from || from->stamp != QByteArrayView(stamp))) {
                c.stampsSet.append({key, QByteArray(stamp)});
            }
            c.stamps.append({key, QByteArray(stamp)});
        }
        if (from && !from->sha.isNull()) {
            ++keptEvents;
        }
        todo.push_back({i, c.manifest.events.size(), from, stamped});
        c.manifest.events.append({std::move(key), QByteArray()});
    }

    // 2. Compile them in blocks on two worker threads while this one writes the previous
    //    block's new schemas (the server stores them meanwhile): compiling and hashing 100 MB of
    //    schema text and sending it overlap. Block b is compiled by compilers[b % 2], which
    //    only ever runs one block at a time; `compiler` is not used by this thread from here on.
    using Block = std::vector<std::pair<QByteArray, QByteArray>>; // (sha256, text) per todo
    const std::size_t blockSize = std::size_t(kBlockEvents);
    const std::size_t blocks = (todo.size() + blockSize - 1) / blockSize;
    std::optional<SchemaCompiler> second;
    if (blocks > 1) {
        second.emplace(*plan, request.policy, request.schema);
    }
    SchemaCompiler* compilers[2] = {&compiler, second ? &*second : &compiler};
    const auto compileBlock = [&compilers, &plan, &todo, blockSize](std::size_t b) {
        const std::size_t from = b * blockSize;
        const std::size_t to = std::min(todo.size(), from + blockSize);
        SchemaCompiler& own = *compilers[b % 2];
        Block block;
        block.reserve(to - from);
        for (std::size_t t = from; t < to; ++t) {
            QByteArray text = own.eventSchemaText(plan->events.at(todo[t].event));
            block.emplace_back(SchemaCompiler::sha256Hex(text), std::move(text));
        }
        return block;
    };
    std::future<Block> pending[2];
    for (std::size_t b = 0; b < std::min<std::size_t>(blocks, 2); ++b) {
        pending[b] = std::async(std::launch::async, compileBlock, b);
    }
    QList<std::pair<QByteArray, QByteArray>> candidates; // (sha256, text) not seen in this run
    for (std::size_t b = 0; b < blocks; ++b) {
        const std::size_t from = b * blockSize;
        const std::size_t to = std::min(todo.size(), from + blockSize);
        Block block = pending[b % 2].get();
        if (b + 2 < blocks) {
            pending[b % 2] = std::async(std::launch::async, compileBlock, b + 2);
        }
        // A return below waits for the workers (the futures' destructors): they use locals.
        report.eventsCompiled += int(block.size());
        for (std::size_t t = from; t < to; ++t) {
            auto& [sha, text] = block[t - from];
            const Todo& d = todo[t];
            auto& entry = c.manifest.events[d.manifest];
            if (base && (!d.from || d.from->sha != QByteArrayView(sha))) {
                c.eventsSet.append({entry.first, sha});
            }
            entry.second = sha;
            if (!m_knownSchemas.contains(sha)) {
                m_knownSchemas.insert(sha);
                candidates.append({std::move(sha), std::move(text)});
            }
        }
        const int percent = percentFrom + int((percentTo - percentFrom) * qint64(to) / qint64(todo.size()));
        if (!progress(
                percent,
                PublishText::tr("%1: writing schemas (%2 of %3 events)").arg(version.name).arg(to).arg(todo.size()))) {
            return cancelledError();
        }
        if (!candidates.isEmpty()) {
            if (auto s = writeSchemas(candidates); !s) {
                return s.error();
            }
            candidates.clear();
        }
    }
    // The SETs of the last block are still on the wire.
    if (auto s = finish(PublishText::tr("writing schemas")); !s) {
        return s.error();
    }
    c.checksum = c.manifest.checksum(); // sorts the manifest by key
    const auto byKey = [](const auto& a, const auto& b) { return a.first < b.first; };
    if (!std::is_sorted(c.stamps.cbegin(), c.stamps.cend(), byKey)) {
        std::sort(c.stamps.begin(), c.stamps.end(), byKey);
    }
    c.fromBase = base && !c.stamps.isEmpty();
    if (c.fromBase) {
        // Fields of the base that the new snapshot lacks (events removed since, or no longer
        // stamped); looked for only when some are missing.
        const auto lacks = [](const QList<std::pair<QByteArray, QByteArray>>& fields, QByteArrayView name) {
            const auto at = std::lower_bound(fields.cbegin(), fields.cend(), name, [](const auto& a, QByteArrayView n) {
                return QByteArrayView(a.first) < n;
            });
            return at == fields.cend() || QByteArrayView(at->first) != name;
        };
        const bool eventsMissing = keptEvents < base->eventCount;
        const bool stampsMissing = keptStamps < base->stampCount;
        for (auto it = base->entries.cbegin(); (eventsMissing || stampsMissing) && it != base->entries.cend(); ++it) {
            if (eventsMissing && !it->sha.isNull() && lacks(c.manifest.events, it.key())) {
                c.eventsRemoved.append(it.key().toByteArray());
            }
            if (stampsMissing && !it->stamp.isNull() && lacks(c.stamps, it.key())) {
                c.stampsRemoved.append(it.key().toByteArray());
            }
        }
    }
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
    // This also collects the replies of the previous block's SETs, which the server processed
    // while this block was compiled.
    auto counts = m_redis.finish();
    if (!counts) {
        Error e = counts.error();
        e.message = PublishText::tr("%1 (while %2)").arg(e.message, PublishText::tr("writing schemas"));
        return e;
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
    // Not waited for: the server stores them while the next block is compiled (compile()
    // collects the last replies).
    m_redis.send();
    return Ok{};
}

} // namespace tp::detail
