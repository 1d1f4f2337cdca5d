// The pointers of an app (versions, current, routing, previous): reading them and moving them in
// one MULTI/EXEC with the notification.
#include "publishrun_p.h"

#include "entityjson.h"
#include "redisclient.h"

#include "publishtext_p.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tp::detail {
namespace {

QByteArray routingJson(const QMap<QByteArray, QByteArray>& routing)
{
    QJsonObject o;
    for (auto it = routing.cbegin(); it != routing.cend(); ++it) {
        o.insert(QString::fromUtf8(it.key()), QJsonDocument::fromJson(it.value()).object());
    }
    return canonicalJson(o);
}

QString none()
{
    return PublishText::tr("(none)");
}

QString versionsDetail(const QMap<QString, QString>& from, const QMap<QString, QString>& to)
{
    QStringList names = from.keys() + to.keys();
    names.removeDuplicates();
    QStringList parts;
    for (const QString& name : std::as_const(names)) {
        const QString a = from.value(name);
        const QString b = to.value(name);
        if (a != b) {
            parts << QStringLiteral("%1: %2 → %3").arg(name, a.isEmpty() ? none() : a, b.isEmpty() ? none() : b);
        }
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace

QSet<QString> Pointers::snapshotIds() const
{
    QSet<QString> ids(versions.cbegin(), versions.cend());
    if (!current.isEmpty()) {
        ids.insert(current);
    }
    return ids;
}

QByteArray versionsJson(const QMap<QString, QString>& versions)
{
    QJsonObject o;
    for (auto it = versions.cbegin(); it != versions.cend(); ++it) {
        o.insert(it.key(), it.value());
    }
    return canonicalJson(o);
}

Result<SnapshotState> PublishRun::snapshotState(const QString& id)
{
    if (auto it = m_snapshotStates.constFind(id); it != m_snapshotStates.constEnd()) {
        return *it;
    }
    const QByteArray sid = id.toLatin1();
    for (const QByteArray& key : m_keys.snapKeys(sid)) {
        m_redis.append({"TTL", key}, true);
    }
    m_redis.append({"HGETALL", m_keys.snapMeta(sid)}, true);
    auto r = m_redis.finish();
    if (!r) {
        return r.error();
    }
    SnapshotState s;
    for (std::size_t i = 0; i < kSnapKeyCount; ++i) {
        s.ttl[i] = (*r)[i].integer;
    }
    for (const auto& [field, value] : (*r)[kSnapKeyCount].pairs()) {
        s.meta.insert(field, value);
    }
    m_snapshotStates.insert(id, s);
    return s;
}

Status PublishRun::readPointers()
{
    if (!m_options.dryRun) {
        m_redis.append({"UNWATCH"});
        m_redis.append({"WATCH", m_keys.versions(), m_keys.current(), m_keys.routing(), m_keys.previous()});
    }
    m_redis.append({"HGETALL", m_keys.versions()}, true);
    m_redis.append({"GET", m_keys.current()}, true);
    m_redis.append({"HGETALL", m_keys.routing()}, true);
    m_redis.append({"HGETALL", m_keys.previous()}, true);
    auto r = m_redis.finish();
    if (!r) {
        return r.error();
    }
    for (const auto& [version, id] : (*r)[0].pairs()) {
        m_pointers.versions.insert(QString::fromUtf8(version), QString::fromUtf8(id));
    }
    m_pointers.current = QString::fromUtf8((*r)[1].string);
    for (const auto& [level, rule] : (*r)[2].pairs()) {
        m_pointers.routing.insert(level, rule);
    }
    QMap<QByteArray, QByteArray> previous;
    for (const auto& [field, value] : (*r)[3].pairs()) {
        previous.insert(field, value);
    }
    m_hasPrevious = !previous.isEmpty();
    m_previous.current = QString::fromUtf8(previous.value("current"));
    const QJsonObject versions = QJsonDocument::fromJson(previous.value("versions")).object();
    for (auto it = versions.begin(); it != versions.end(); ++it) {
        m_previous.versions.insert(it.key(), it.value().toString());
    }
    const QJsonObject routing = QJsonDocument::fromJson(previous.value("routing")).object();
    for (auto it = routing.begin(); it != routing.end(); ++it) {
        m_previous.routing.insert(it.key().toUtf8(), canonicalJson(it.value()));
    }
    return Ok{};
}

Status PublishRun::movePointers(const Pointers& next, const QStringList& notifyVersions, bool keepPrevious)
{
    report.versions = next.versions;
    report.current = next.current;
    report.pointersMoved = next != m_pointers;
    if (!report.pointersMoved) {
        return Ok{}; // everything published already: previous keeps what a rollback would restore
    }
    const auto action = [](bool existed) { return existed ? KeyChange::Action::Change : KeyChange::Action::Add; };
    const QString hash = QStringLiteral("HASH");
    QList<std::vector<QByteArray>> commands; // inside MULTI/EXEC, in order

    // tp:{app}:previous: the pointers being replaced (publish), or nothing (rollback).
    const bool savePrevious = keepPrevious && !m_pointers.isEmpty();
    if (savePrevious) {
        const QDateTime now = m_options.now.isValid() ? m_options.now : QDateTime::currentDateTimeUtc();
        commands.append({"DEL", m_keys.previous()});
        commands.append({"HSET", m_keys.previous(), "current", m_pointers.current.toUtf8(), "versions",
                         versionsJson(m_pointers.versions), "routing", routingJson(m_pointers.routing), "replaced_at",
                         now.toUTC().toString(Qt::ISODateWithMs).toUtf8(), "replaced_by", m_options.actor.toUtf8()});
        addChange(action(m_hasPrevious), m_keys.previous(), hash,
                  PublishText::tr("current %1").arg(m_pointers.current.isEmpty() ? none() : m_pointers.current));
    } else if (m_hasPrevious) {
        commands.append({"DEL", m_keys.previous()});
        addChange(KeyChange::Action::Change, m_keys.previous(), hash, PublishText::tr("cleared"));
    }
    if (next.versions != m_pointers.versions) {
        std::vector<QByteArray> hset{"HSET", m_keys.versions()};
        for (auto it = next.versions.cbegin(); it != next.versions.cend(); ++it) {
            hset.push_back(it.key().toUtf8());
            hset.push_back(it.value().toUtf8());
        }
        commands.append({"DEL", m_keys.versions()});
        commands.append(hset);
        addChange(action(!m_pointers.versions.isEmpty()), m_keys.versions(), hash,
                  versionsDetail(m_pointers.versions, next.versions));
    }
    if (next.current != m_pointers.current) {
        commands.append({"SET", m_keys.current(), next.current.toUtf8()});
        addChange(
            action(!m_pointers.current.isEmpty()), m_keys.current(), QStringLiteral("STRING"),
            QStringLiteral("%1 → %2").arg(m_pointers.current.isEmpty() ? none() : m_pointers.current, next.current));
    }
    if (next.routing != m_pointers.routing) {
        std::vector<QByteArray> hset{"HSET", m_keys.routing()};
        for (auto it = next.routing.cbegin(); it != next.routing.cend(); ++it) {
            hset.push_back(it.key());
            hset.push_back(it.value());
        }
        commands.append({"DEL", m_keys.routing()});
        commands.append(hset);
        addChange(action(!m_pointers.routing.isEmpty()), m_keys.routing(), hash);
    }

    // Snapshots referenced now lose any expiry; those no pointer reaches any more get one.
    const QSet<QString> referenced = next.snapshotIds() + (savePrevious ? m_pointers.snapshotIds() : QSet<QString>());
    QStringList ids = (next.snapshotIds() + m_pointers.snapshotIds() + m_previous.snapshotIds()).values();
    ids.sort();
    const QByteArray ttl = QByteArray::number(m_options.orphanTtlSeconds);
    for (const QString& id : std::as_const(ids)) {
        auto state = snapshotState(id);
        if (!state) {
            return state.error();
        }
        const std::array<QByteArray, kSnapKeyCount> keys = m_keys.snapKeys(id.toLatin1());
        for (std::size_t i = 0; i < kSnapKeyCount; ++i) {
            const QString type = i == 1 || i == 3 ? QStringLiteral("STRING") : hash; // common, summary
            if (referenced.contains(id) && state->ttl[i] >= 0) {
                commands.append({"PERSIST", keys[i]});
                if (!m_writtenIds.contains(id)) { // a snapshot written now is an "add" already
                    addChange(KeyChange::Action::Persist, keys[i], type);
                }
            } else if (!referenced.contains(id) && state->ttl[i] == -1) {
                commands.append({"EXPIRE", keys[i], ttl});
                addChange(KeyChange::Action::Expire, keys[i], type);
            }
        }
    }
    if (m_options.dryRun) {
        return Ok{};
    }
    if (m_options.cancelled && m_options.cancelled->load()) {
        return cancelledError();
    }

    QJsonObject payload{{QStringLiteral("snapshot"), next.current},
                        {QStringLiteral("versions"), QJsonArray::fromStringList(notifyVersions)}};
    commands.append({"PUBLISH", m_keys.published(), canonicalJson(payload)});
    // From here on a cancel is not honoured: once EXEC is on its way the move happens or not
    // as the server decides, and the publish must wait to say which (a second Ctrl+C still
    // ends trackplanctl at once).
    RedisCancelScope uncancellable(m_redis, nullptr);
    m_redis.append({"MULTI"});
    for (const std::vector<QByteArray>& c : std::as_const(commands)) {
        m_redis.append(std::vector<QByteArrayView>(c.begin(), c.end()));
    }
    m_redis.append({"EXEC"}, true);
    auto r = m_redis.finish();
    if (!r) {
        Error e = r.error();
        if (m_redis.isUsable()) {
            // An error reply while queueing (OOM, ACL): EXEC discarded the whole transaction.
            e.message = PublishText::tr("%1 The pointers were not moved.").arg(e.message);
        } else {
            e.message =
                PublishText::tr("%1 The connection broke during the pointer move: check %2 to see whether it happened.")
                    .arg(e.message, QString::fromUtf8(m_keys.current()));
        }
        return e;
    }
    if (r->front().isNil()) {
        return makeError(Error::Code::Conflict,
                         PublishText::tr("Another client changed the pointers of %1 during this publish; "
                                         "nothing was moved. Publish again.")
                             .arg(m_appKey));
    }
    for (const RedisReply& each : r->front().elements) {
        if (each.type == RedisReply::Type::Error) {
            // Redis does not roll a transaction back; a command failing inside EXEC is rare
            // (the checks happen while queueing) but must not pass silently.
            return makeError(Error::Code::Sql,
                             PublishText::tr("Redis applied the pointer move of %1 only in part: %2. Run "
                                             "the publish again to complete it.")
                                 .arg(m_appKey, QString::fromUtf8(each.string)));
        }
    }
    return Ok{};
}

} // namespace tp::detail
