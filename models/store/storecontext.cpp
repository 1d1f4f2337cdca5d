#include "storecontext.h"

#include "entityjson.h"

#include <QCoreApplication>

namespace tp {

Status StoreContext::audit(const QString& action, const QString& entityType, const QString& entityKey,
                           const QString& appKey, const QJsonObject& details)
{
    auto r = db->change(QStringLiteral("INSERT INTO audit_log (at, actor, action, entity_type, entity_key, app_key, "
                                       "details) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                        {nowText(), actor, action, entityType, entityKey, appKey,
                         QString::fromUtf8(canonicalJson(details))});
    if (!r) {
        return r.error();
    }
    return Ok{};
}

Result<qint64> StoreContext::appId(const QString& appKey)
{
    if (auto it = m_appIds.constFind(appKey); it != m_appIds.constEnd()) {
        return *it;
    }
    auto q = db->run(QStringLiteral("SELECT id FROM apps WHERE key = ?"), {appKey});
    if (!q) {
        return q.error();
    }
    if (!(*q)->next()) {
        return makeError(Error::Code::NotFound,
                         QCoreApplication::translate("tp::store", "No app with key \"%1\".").arg(appKey));
    }
    const qint64 id = (*q)->value(0).toLongLong();
    (*q)->finish();
    m_appIds.insert(appKey, id);
    return id;
}

} // namespace tp
