#include "storecontext.h"

#include "entityjson.h"
#include "enums.h"

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

Result<Identity> StoreContext::identity()
{
    if (m_identity && m_identity->user == actor) {
        return *m_identity;
    }
    Identity id{actor, Role::Admin, Identity::Source::Unchecked};
    if (enforce) {
        // On PostgreSQL the login's own role is the database's (tp_role(), migration 0006); an
        // admin may act under another name (demo, import), with that user's registered role.
        bool asLogin = false;
        if (db->isPostgres()) {
            auto q = db->run(QStringLiteral("SELECT session_user, tp_role()"));
            if (!q) {
                return q.error();
            }
            if ((*q)->next()) {
                const QString login = (*q)->value(0).toString();
                const auto role = fromString<Role>((*q)->value(1).toString());
                // Below admin the database records the login's name whatever the client says
                // (tp_stamp_login), so the application acts under it too.
                if (login == actor || role != Role::Admin) {
                    asLogin = true;
                    actor = login;
                    id.user = login;
                    id.role = role.value_or(Role::Analyst);
                    id.source = role ? Identity::Source::Login : Identity::Source::NoRole;
                }
            }
            (*q)->finish();
        }
        if (!asLogin) {
            auto q = db->run(QStringLiteral("SELECT role FROM users WHERE name = ?"), {actor});
            if (!q) {
                return q.error();
            }
            if ((*q)->next()) {
                id.role = fromString<Role>((*q)->value(0).toString()).value_or(Role::Analyst);
                id.source = Identity::Source::Registered;
            } else {
                id.role = Role::Admin;
                id.source = Identity::Source::FileOwner;
            }
            (*q)->finish();
        }
    }
    m_identity = id;
    return id;
}

Status StoreContext::require(Permission permission)
{
    auto id = identity();
    if (!id) {
        return id.error();
    }
    if (id->source == Identity::Source::NoRole) {
        return makeError(Error::Code::Permission,
                         QCoreApplication::translate("tp::access", "%1 has no TrackPlan role in this database; an "
                                                                   "admin gives one with `trackplanctl admin set-role`.")
                             .arg(id->user));
    }
    if (id->source == Identity::Source::Unchecked || roleMay(id->role, permission)) {
        return Ok{};
    }
    return makeError(Error::Code::Permission, permissionDenied(id->user, id->role, permission));
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
