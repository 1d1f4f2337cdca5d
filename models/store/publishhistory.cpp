#include "publishhistory.h"

#include "entityjson.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace tp {
namespace {

const QString kInsert = QStringLiteral(
    "INSERT INTO publish_history (app_id, action, published_at, published_by, redis_target, snapshot_id, versions, "
    "outcome, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
const QString kSelect = QStringLiteral(
    "SELECT h.id, a.key, h.action, h.published_at, h.published_by, h.redis_target, h.snapshot_id, h.versions, "
    "h.outcome, h.details FROM publish_history h JOIN apps a ON a.id = h.app_id WHERE a.key = ? ORDER BY h.id DESC");

QJsonObject versionsJson(const QMap<QString, QString>& versions)
{
    QJsonObject o;
    for (auto it = versions.constBegin(); it != versions.constEnd(); ++it) {
        o.insert(it.key(), it.value());
    }
    return o;
}

QMap<QString, QString> versionsFromText(const QString& text)
{
    QMap<QString, QString> out;
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        out.insert(it.key(), it.value().toString());
    }
    return out;
}

/// A password in the target: redis://user:secret@host or redis://:secret@host.
bool hasPassword(const QString& target)
{
    const QUrl url(target);
    return url.isValid() && !url.password().isEmpty();
}

} // namespace

QString toString(PublishRecord::Action action)
{
    return action == PublishRecord::Action::Rollback ? QStringLiteral("rollback") : QStringLiteral("publish");
}

Result<PublishRecord> PublishHistory::record(const PublishRecord& entry)
{
    if (auto allowed = m_ctx.require(Permission::Publish); !allowed) {
        return allowed.error();
    }
    if (hasPassword(entry.redisTarget)) {
        return makeError(Error::Code::Validation,
                         QCoreApplication::translate("tp::store",
                                                     "The Redis target of a publish history entry must not "
                                                     "contain a password."));
    }
    auto appId = m_ctx.appId(entry.appKey);
    if (!appId) {
        return appId.error();
    }
    return m_ctx.db->transact<PublishRecord>([&]() -> Result<PublishRecord> {
        PublishRecord r = entry;
        r.publishedAt = m_ctx.now();
        r.by = m_ctx.actor;
        const QString versions = QString::fromUtf8(canonicalJson(versionsJson(r.versions)));
        auto id = m_ctx.db->insert(kInsert,
                                   {*appId, toString(r.action), StoreContext::timeText(r.publishedAt), r.by,
                                    r.redisTarget, r.snapshotId, versions,
                                    r.ok ? QStringLiteral("ok") : QStringLiteral("failed"), r.details});
        if (!id) {
            return id.error();
        }
        r.id = *id;
        QJsonObject details{{QStringLiteral("redis"), r.redisTarget},
                            {QStringLiteral("snapshot"), r.snapshotId},
                            {QStringLiteral("versions"), versionsJson(r.versions)},
                            {QStringLiteral("ok"), r.ok}};
        if (auto s = m_ctx.audit(QStringLiteral("publish.") + toString(r.action), QStringLiteral("publish"),
                                 QString::number(r.id), r.appKey, details);
            !s) {
            return s.error();
        }
        return r;
    });
}

Result<QList<PublishRecord>> PublishHistory::list(const QString& appKey, int limit)
{
    static const QString kSelectLimited = kSelect + QStringLiteral(" LIMIT ?");
    auto q = limit > 0 ? m_ctx.db->run(kSelectLimited, {appKey, limit}) : m_ctx.db->run(kSelect, {appKey});
    if (!q) {
        return q.error();
    }
    QList<PublishRecord> out;
    while ((*q)->next()) {
        const QSqlQuery& row = **q;
        PublishRecord r;
        r.id = row.value(0).toLongLong();
        r.appKey = row.value(1).toString();
        r.action = row.value(2).toString() == QLatin1String("rollback") ? PublishRecord::Action::Rollback
                                                                        : PublishRecord::Action::Publish;
        r.publishedAt = StoreContext::parseTime(row.value(3).toString());
        r.by = row.value(4).toString();
        r.redisTarget = row.value(5).toString();
        r.snapshotId = row.value(6).toString();
        r.versions = versionsFromText(row.value(7).toString());
        r.ok = row.value(8).toString() == QLatin1String("ok");
        r.details = row.value(9).toString();
        out.append(r);
    }
    (*q)->finish();
    return out;
}

} // namespace tp
