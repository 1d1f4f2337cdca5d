#include "publisher.h"

#include "entityjson.h"
#include "publishrun_p.h"
#include "redisclient.h"
#include "routing.h"
#include "store.h"

#include "publishtext_p.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <algorithm>

namespace tp {
namespace {

/// What the compiled schemas depend on besides the plan: a version published under the same
/// rules from the same store snapshot need not be compiled again.
QByteArray rulesKey(const PublishRequest& request)
{
    QJsonObject routing;
    const QMap<QByteArray, QByteArray> table = routingTable(request.policy);
    for (auto it = table.cbegin(); it != table.cend(); ++it) {
        routing.insert(QString::fromUtf8(it.key()), QString::fromUtf8(it.value()));
    }
    const QJsonObject rules{{QStringLiteral("closed"), request.schema.closed},
                            {QStringLiteral("format"), 1},
                            {QStringLiteral("routing"), routing}};
    return SchemaCompiler::sha256Hex(canonicalJson(rules));
}

QStringList sortedVersions(QStringList names)
{
    std::sort(names.begin(), names.end(), versionLess);
    return names;
}

} // namespace

QString toString(KeyChange::Action action)
{
    switch (action) {
    case KeyChange::Action::Add:
        return QStringLiteral("add");
    case KeyChange::Action::Change:
        return QStringLiteral("change");
    case KeyChange::Action::Expire:
        return QStringLiteral("expire");
    case KeyChange::Action::Persist:
        return QStringLiteral("persist");
    }
    return {};
}

Result<PublishReport> Publisher::publish(const PublishRequest& request, const PublishOptions& options)
{
    // A wait on the server ends within ~50 ms of a cancel, not at the command timeout.
    RedisCancelScope cancel(m_redis, options.cancelled ? options.cancelled : m_redis.cancelFlag());
    auto r = publishVersions(request, options);
    if (!r && m_redis.lastErrorKind() == RedisErrorKind::Cancelled) {
        return detail::PublishRun(m_redis, request.appKey, options).cancelledError();
    }
    return r;
}

Result<PublishReport> Publisher::publishVersions(const PublishRequest& request, const PublishOptions& options)
{
    if (request.versions.isEmpty()) {
        return makeError(Error::Code::Validation,
                         detail::PublishText::tr("Nothing to publish for %1: no version given.").arg(request.appKey));
    }
    const qint64 commandsBefore = m_redis.commandsSent();
    detail::PublishRun run(m_redis, request.appKey, options);
    if (!run.progress(0, detail::PublishText::tr("Reading what is published for %1").arg(request.appKey))) {
        return run.cancelledError();
    }
    if (auto s = run.readPointers(); !s) {
        return s.error();
    }
    const QByteArray rules = rulesKey(request);
    const int n = int(request.versions.size());
    for (int i = 0; i < n; ++i) {
        const PublishVersion& v = request.versions.at(i);
        auto id = run.publishVersion(request, v, rules, 2 + 93 * i / n, 2 + 93 * (i + 1) / n);
        if (!id) {
            return id.error();
        }
        run.report.published.insert(v.name, *id);
    }

    detail::Pointers next = run.pointers();
    for (auto it = run.report.published.cbegin(); it != run.report.published.cend(); ++it) {
        next.versions.insert(it.key(), it.value());
    }
    const QStringList all = sortedVersions(next.versions.keys());
    next.current = next.versions.value(all.last());
    next.routing = routingTable(request.policy);
    if (!run.progress(96, detail::PublishText::tr("Moving the pointers of %1").arg(request.appKey))) {
        return run.cancelledError();
    }
    if (auto s = run.movePointers(next, sortedVersions(run.report.published.keys()), true); !s) {
        return s.error();
    }
    (void)run.progress(100,
                       options.dryRun ? detail::PublishText::tr("Dry run of %1 done").arg(request.appKey)
                                      : detail::PublishText::tr("Published %1").arg(request.appKey));
    run.report.commands = m_redis.commandsSent() - commandsBefore;
    return run.report;
}

Result<PublishReport> Publisher::rollback(const QString& appKey, const PublishOptions& options)
{
    RedisCancelScope cancel(m_redis, options.cancelled ? options.cancelled : m_redis.cancelFlag());
    const qint64 commandsBefore = m_redis.commandsSent();
    detail::PublishRun run(m_redis, appKey, options);
    if (auto s = run.readPointers(); !s) {
        return s.error();
    }
    if (!run.hasPrevious()) {
        return makeError(
            Error::Code::InvalidState,
            detail::PublishText::tr("Nothing to roll back for %1: %2 is empty (no publish since the last rollback).")
                .arg(appKey, QString::fromUtf8(run.keys().previous())));
    }
    const detail::Pointers previous = run.previous();
    QStringList ids = previous.snapshotIds().values();
    ids.sort();
    for (const QString& id : std::as_const(ids)) {
        auto state = run.snapshotState(id);
        if (!state) {
            return state.error();
        }
        if (!state->complete()) {
            return makeError(
                Error::Code::NotFound,
                detail::PublishText::tr("Cannot roll back %1: its previous snapshot %2 is no longer in Redis.")
                    .arg(appKey, id));
        }
    }
    if (auto s = run.movePointers(previous, sortedVersions(previous.versions.keys()), false); !s) {
        return s.error();
    }
    run.report.published = previous.versions;
    run.report.commands = m_redis.commandsSent() - commandsBefore;
    return run.report;
}

Result<PublishRequest> publishRequest(Store& store, const QString& appKey, const QStringList& versions)
{
    if (auto app = store.plan().app(appKey); !app) {
        return app.error();
    }
    auto policy = store.plan().policy(appKey);
    if (!policy) {
        return policy.error();
    }
    auto list = store.versions().list(appKey);
    if (!list) {
        return list.error();
    }
    PublishRequest request;
    request.appKey = appKey;
    request.policy = *policy;
    QStringList names;
    if (versions.isEmpty()) {
        for (const Version& v : std::as_const(*list)) {
            if (v.status == VersionStatus::Released) {
                names << v.name;
            }
        }
        if (names.isEmpty()) {
            return makeError(
                Error::Code::InvalidState,
                detail::PublishText::tr("%1 has no released version to publish; release one, or name a frozen version.")
                    .arg(appKey));
        }
    } else {
        for (const QString& name : versions) {
            auto it = std::find_if(list->cbegin(), list->cend(), [&](const Version& v) { return v.name == name; });
            if (it == list->cend()) {
                return makeError(Error::Code::NotFound,
                                 detail::PublishText::tr("No version %1 of %2.").arg(name, appKey));
            }
            if (it->status == VersionStatus::Planning) {
                return makeError(
                    Error::Code::InvalidState,
                    detail::PublishText::tr("Version %1 of %2 is in planning; freeze it before publishing it.")
                        .arg(name, appKey));
            }
            if (!names.contains(name)) {
                names << name;
            }
        }
        names = sortedVersions(names);
    }
    for (const QString& name : std::as_const(names)) {
        auto snapshot = store.versions().snapshot(appKey, name);
        if (!snapshot) {
            return snapshot.error();
        }
        request.versions.append(PublishVersion{
            name, snapshot->checksum, [&store, appKey, name]() { return store.versions().planAt(appKey, name); }});
    }
    return request;
}

} // namespace tp
