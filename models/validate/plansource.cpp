#include "plansource.h"

#include "redisclient.h"
#include "rediskeys.h"
#include "schemacompiler.h"
#include "store.h"

#include <QCoreApplication>

namespace tp {
namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("tp::validate", text);
}

SnapshotSchemas compileSchemas(const Plan& plan, const GovernancePolicy& policy, const QString& id)
{
    SchemaCompiler compiler(plan, policy);
    SnapshotSchemas s;
    s.id = id.toUtf8();
    s.common = compiler.commonSchemaText();
    s.events.reserve(plan.events.size());
    for (const Event& e : plan.events) {
        s.events.append({e.key.toUtf8(), compiler.eventSchemaText(e)});
    }
    return s;
}

} // namespace

Result<PlanSchemas> schemasFromStore(Store& store, const QString& appKey)
{
    if (auto app = store.plan().app(appKey); !app) {
        return app.error();
    }
    auto policy = store.plan().policy(appKey);
    if (!policy) {
        return policy.error();
    }
    auto list = store.versions().list(appKey); // oldest first
    if (!list) {
        return list.error();
    }
    PlanSchemas out;
    out.appKey = appKey;
    QString newestReleased;
    QString newestFrozen;
    for (const Version& v : std::as_const(*list)) {
        if (v.status == VersionStatus::Planning) {
            continue;
        }
        auto plan = store.versions().planAt(appKey, v.name);
        if (!plan) {
            return plan.error();
        }
        out.versions.insert(v.name, compileSchemas(*plan, *policy, v.name));
        if (v.status == VersionStatus::Released && (newestReleased.isEmpty() || versionLess(newestReleased, v.name))) {
            newestReleased = v.name;
        }
        if (newestFrozen.isEmpty() || versionLess(newestFrozen, v.name)) {
            newestFrozen = v.name;
        }
    }
    out.current = !newestReleased.isEmpty() ? newestReleased : newestFrozen;
    if (!out.current.isEmpty()) {
        out.currentSnapshot = out.versions.value(out.current);
    } else {
        auto plan = store.versions().planAt(appKey, VersionService::currentName());
        if (!plan) {
            return plan.error();
        }
        out.current = VersionService::currentName();
        out.currentSnapshot = compileSchemas(*plan, *policy, out.current);
    }
    return out;
}

Result<PlanSchemas> schemasFromRedis(RedisClient& redis, const QString& appKey)
{
    const RedisKeys keys(appKey);
    redis.append({"MULTI"});
    redis.append({"HGETALL", keys.versions()});
    redis.append({"GET", keys.current()});
    redis.append({"EXEC"}, true);
    auto exec = redis.finish();
    if (!exec) {
        return exec.error();
    }
    const RedisReply& pointers = exec->front();
    if (pointers.elements.size() != 2 || pointers.elements[1].isNil()) {
        return makeError(Error::Code::NotFound,
                         tr("Nothing is published for %1 at %2.").arg(appKey, redis.url().displayString()));
    }
    PlanSchemas out;
    out.appKey = appKey;
    const QByteArray currentId = pointers.elements[1].string;
    QMap<QByteArray, QString> versionOf; // snapshot id → a version name (for messages)
    QList<std::pair<QString, QByteArray>> versions;
    for (const auto& [version, id] : pointers.elements[0].pairs()) {
        versions.append({QString::fromUtf8(version), id});
        versionOf.insert(id, QString::fromUtf8(version));
    }
    // Each distinct snapshot once: its events and common schema.
    QList<QByteArray> ids = versionOf.keys();
    if (!versionOf.contains(currentId)) {
        ids.append(currentId);
    }
    for (const QByteArray& id : std::as_const(ids)) {
        redis.append({"HGETALL", keys.snapEvents(id)}, true);
        redis.append({"GET", keys.snapCommon(id)}, true);
    }
    auto snaps = redis.finish();
    if (!snaps) {
        return snaps.error();
    }
    QHash<QByteArray, SnapshotSchemas> byId;
    QHash<QByteArray, QByteArray> schemaText; // sha256 → text
    QList<QByteArray> wanted;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const RedisReply& events = (*snaps)[std::size_t(2 * i)];
        const RedisReply& common = (*snaps)[std::size_t(2 * i + 1)];
        if (common.isNil()) {
            return makeError(
                Error::Code::NotFound,
                tr("Snapshot %1 of %2 is missing; publish again.").arg(QString::fromLatin1(ids[i]), appKey));
        }
        SnapshotSchemas s;
        s.id = ids[i];
        s.common = common.string;
        for (const auto& [key, sha] : events.pairs()) {
            s.events.append({key, sha}); // the sha256 for now; the text below
            if (!schemaText.contains(sha)) {
                schemaText.insert(sha, {});
                wanted.append(sha);
            }
        }
        byId.insert(ids[i], std::move(s));
    }
    // The schemas, 1000 per MGET.
    for (qsizetype from = 0; from < wanted.size(); from += 1000) {
        std::vector<QByteArray> argv{"MGET"};
        const qsizetype to = std::min(wanted.size(), from + 1000);
        for (qsizetype i = from; i < to; ++i) {
            argv.push_back(keys.schema(wanted[i]));
        }
        auto reply = redis.command(argv);
        if (!reply) {
            return reply.error();
        }
        for (qsizetype i = from; i < to; ++i) {
            const RedisReply& r = reply->elements.at(std::size_t(i - from));
            if (r.isNil()) {
                return makeError(
                    Error::Code::NotFound,
                    tr("Schema %1 of %2 is missing in Redis.").arg(QString::fromLatin1(wanted[i]), appKey));
            }
            schemaText[wanted[i]] = r.string;
        }
    }
    for (SnapshotSchemas& s : byId) {
        for (auto& [key, text] : s.events) {
            text = schemaText.value(text);
        }
    }
    for (const auto& [version, id] : std::as_const(versions)) {
        out.versions.insert(version, byId.value(id));
    }
    out.currentSnapshot = byId.value(currentId);
    out.current = versionOf.value(currentId, QString::fromLatin1(currentId));
    return out;
}

} // namespace tp
