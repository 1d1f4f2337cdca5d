#include "planrepository.h"

#include "accessservice.h"
#include "governanceservice.h"

#include "entityjson.h"
#include "enums.h"
#include "rows.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace tp {
namespace {


Error conflict(const QString& what)
{
    return makeError(Error::Code::Conflict,
                     QCoreApplication::translate("tp::store", "%1 was changed by someone else meanwhile. Reload it and apply your edit again.").arg(what));
}

} // namespace

Result<App> PlanRepository::createApp(const App& app)
{
    if (auto allowed = m_ctx.require(Permission::ManageApps); !allowed) {
        return allowed.error();
    }
    static const QRegularExpression appKeyPattern(QStringLiteral("^[a-z][a-z0-9_-]{0,63}$"));
    if (!appKeyPattern.match(app.key).hasMatch()) {
        return makeError(Error::Code::Validation,
                         QCoreApplication::translate("tp::store", "App key \"%1\" must be lower case letters, digits, '-' or '_'.").arg(app.key));
    }
    for (const QString& p : app.platforms) {
        if (!knownPlatforms().contains(p)) {
            return makeError(Error::Code::Validation, QCoreApplication::translate("tp::store", "Unknown platform \"%1\".").arg(p));
        }
    }
    return m_ctx.db->transact<App>([&]() -> Result<App> {
        auto id = m_ctx.db->insert(
            QStringLiteral("INSERT INTO apps (key, name, description, platforms, row_version) VALUES (?, ?, ?, ?, 1)"),
            {app.key, app.name, app.description, rows::listText(app.platforms)});
        if (!id) {
            if (id.error().code == Error::Code::Conflict) {
                return makeError(Error::Code::Conflict, QCoreApplication::translate("tp::store", "An app with key \"%1\" exists already.").arg(app.key));
            }
            return id.error();
        }
        if (auto s = writePolicyRows(*id, GovernancePolicy::defaults(app.key)); !s) {
            return s.error();
        }
        if (auto s = GovernanceService(m_ctx).writeDefaultRules(*id); !s) {
            return s.error();
        }
        if (auto s = m_ctx.audit(QStringLiteral("app.create"), QStringLiteral("app"), app.key, app.key, toJson(app)); !s) {
            return s.error();
        }
        App out = app;
        out.rowVersion = 1;
        return out;
    });
}

Result<App> PlanRepository::updateApp(const App& app)
{
    if (auto allowed = m_ctx.require(Permission::ManageApps); !allowed) {
        return allowed.error();
    }
    return m_ctx.db->transact<App>([&]() -> Result<App> {
        auto n = m_ctx.db->change(QStringLiteral("UPDATE apps SET name = ?, description = ?, platforms = ?, "
                                                 "row_version = row_version + 1 WHERE key = ? AND row_version = ?"),
                                  {app.name, app.description, rows::listText(app.platforms), app.key, app.rowVersion});
        if (!n) {
            return n.error();
        }
        if (*n == 0) {
            return conflict(QCoreApplication::translate("tp::store", "App \"%1\"").arg(app.key));
        }
        if (auto s = m_ctx.audit(QStringLiteral("app.update"), QStringLiteral("app"), app.key, app.key, toJson(app));
            !s) {
            return s.error();
        }
        App out = app;
        ++out.rowVersion;
        return out;
    });
}

Result<QList<App>> PlanRepository::apps()
{
    auto q = m_ctx.db->run(QStringLiteral("SELECT key, name, description, platforms, row_version FROM apps"));
    if (!q) {
        return q.error();
    }
    QList<App> out;
    while ((*q)->next()) {
        out.append({(*q)->value(0).toString(), (*q)->value(1).toString(), (*q)->value(2).toString(),
                    rows::listFromText((*q)->value(3).toString()), (*q)->value(4).toLongLong()});
    }
    (*q)->finish();
    std::sort(out.begin(), out.end(), [](const App& a, const App& b) { return a.key < b.key; });
    return out;
}

Result<App> PlanRepository::app(const QString& key)
{
    auto all = apps();
    if (!all) {
        return all.error();
    }
    for (const App& a : *all) {
        if (a.key == key) {
            return a;
        }
    }
    return makeError(Error::Code::NotFound, QCoreApplication::translate("tp::store", "No app with key \"%1\".").arg(key));
}

Result<User> PlanRepository::createUser(const User& user)
{
    return AccessService(m_ctx).addUser(user, false);
}

Result<QList<User>> PlanRepository::users()
{
    auto q = m_ctx.db->run(QStringLiteral("SELECT name, display_name, role, row_version FROM users"));
    if (!q) {
        return q.error();
    }
    QList<User> out;
    while ((*q)->next()) {
        out.append({(*q)->value(0).toString(), (*q)->value(1).toString(),
                    fromString<Role>((*q)->value(2).toString()).value_or(Role::Analyst), (*q)->value(3).toLongLong()});
    }
    (*q)->finish();
    std::sort(out.begin(), out.end(), [](const User& a, const User& b) { return a.name < b.name; });
    return out;
}

Result<User> PlanRepository::user(const QString& name)
{
    auto all = users();
    if (!all) {
        return all.error();
    }
    for (const User& u : *all) {
        if (u.name == name) {
            return u;
        }
    }
    return makeError(Error::Code::NotFound, QCoreApplication::translate("tp::store", "No user named \"%1\".").arg(name));
}

Status PlanRepository::writePolicyRows(qint64 appId, const GovernancePolicy& policy)
{
    for (const LevelPolicy& l : policy.levels) {
        auto n = m_ctx.db->change(
            QStringLiteral("INSERT INTO governance_policies (app_id, level, reject, quarantine, analytics, "
                           "sampling_rate, warehouse_ods, realtime, health_alerts, row_version) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {appId, toString(l.level), int(l.reject), int(l.quarantine), int(l.analytics), l.samplingRate,
             int(l.warehouseOds), int(l.realtime), int(l.healthAlerts), qMax<qint64>(1, policy.rowVersion)});
        if (!n) {
            return n.error();
        }
    }
    return Ok{};
}

Result<GovernancePolicy> PlanRepository::policy(const QString& appKey)
{
    auto appId = m_ctx.appId(appKey);
    if (!appId) {
        return appId.error();
    }
    auto q = m_ctx.db->run(QStringLiteral("SELECT level, reject, quarantine, analytics, sampling_rate, warehouse_ods, "
                                          "realtime, health_alerts, row_version FROM governance_policies "
                                          "WHERE app_id = ? ORDER BY level"),
                           {*appId});
    if (!q) {
        return q.error();
    }
    GovernancePolicy p;
    p.appKey = appKey;
    while ((*q)->next()) {
        const QSqlQuery& r = **q;
        p.levels.append({fromString<Level>(r.value(0).toString()).value_or(Level::B), r.value(1).toInt() != 0,
                         r.value(2).toInt() != 0, r.value(3).toInt() != 0, r.value(4).toDouble(),
                         r.value(5).toInt() != 0, r.value(6).toInt() != 0, r.value(7).toInt() != 0});
        p.rowVersion = r.value(8).toLongLong();
    }
    (*q)->finish();
    return p;
}

Result<GovernancePolicy> PlanRepository::setPolicy(const GovernancePolicy& policy, const QString& comment)
{
    if (auto allowed = m_ctx.require(Permission::EditPolicy); !allowed) {
        return allowed.error();
    }
    auto appId = m_ctx.appId(policy.appKey);
    if (!appId) {
        return appId.error();
    }
    if (policy.levels.size() != 4) {
        return makeError(Error::Code::Validation, QCoreApplication::translate("tp::store", "A policy needs exactly the four levels A, B, C and D."));
    }
    for (const LevelPolicy& l : policy.levels) {
        if (l.samplingRate < 0.0 || l.samplingRate > 1.0) {
            return makeError(Error::Code::Validation, QCoreApplication::translate("tp::store", "The sampling rate must lie between 0 and 1."));
        }
    }
    return m_ctx.db->transact<GovernancePolicy>([&]() -> Result<GovernancePolicy> {
        auto old = this->policy(policy.appKey);
        if (!old) {
            return old.error();
        }
        auto n = m_ctx.db->change(QStringLiteral("DELETE FROM governance_policies WHERE app_id = ? AND row_version = ?"),
                                  {*appId, policy.rowVersion});
        if (!n) {
            return n.error();
        }
        if (*n != 4) {
            return conflict(QCoreApplication::translate("tp::store", "The policy of \"%1\"").arg(policy.appKey));
        }
        GovernancePolicy out = policy;
        ++out.rowVersion;
        if (auto s = writePolicyRows(*appId, out); !s) {
            return s.error();
        }
        QJsonArray levels;
        for (const LevelPolicy& l : out.levels) {
            levels.append(toJson(l));
        }
        QJsonArray before;
        for (const LevelPolicy& l : old->levels) {
            before.append(toJson(l));
        }
        if (auto s = GovernanceService(m_ctx).recordHistory(*appId, QStringLiteral("policy"), before, levels, comment);
            !s) {
            return s.error();
        }
        QJsonObject details{{QStringLiteral("levels"), levels}};
        if (!comment.trimmed().isEmpty()) {
            details.insert(QStringLiteral("comment"), comment.trimmed());
        }
        if (auto s = m_ctx.audit(QStringLiteral("policy.update"), QStringLiteral("policy"), policy.appKey,
                                 policy.appKey, details);
            !s) {
            return s.error();
        }
        return out;
    });
}

Result<Plan> PlanRepository::plan(const QString& appKey)
{
    auto appId = m_ctx.appId(appKey);
    if (!appId) {
        return appId.error();
    }
    auto attrs = rows::loadAttributes(*m_ctx.db, *appId);
    if (!attrs) {
        return attrs.error();
    }
    auto events = rows::loadEvents(*m_ctx.db, *appId);
    if (!events) {
        return events.error();
    }
    return Plan{appKey, std::move(*attrs), std::move(*events)};
}

Result<Event> PlanRepository::event(const QString& appKey, const QString& key)
{
    auto appId = m_ctx.appId(appKey);
    if (!appId) {
        return appId.error();
    }
    auto events = rows::loadEvents(*m_ctx.db, *appId, key);
    if (!events) {
        return events.error();
    }
    if (events->isEmpty()) {
        return makeError(Error::Code::NotFound, QCoreApplication::translate("tp::store", "No event \"%1\" in app \"%2\".").arg(key, appKey));
    }
    return events->first();
}

Result<Attribute> PlanRepository::attribute(const QString& appKey, const QString& key)
{
    auto appId = m_ctx.appId(appKey);
    if (!appId) {
        return appId.error();
    }
    auto attrs = rows::loadAttributes(*m_ctx.db, *appId, key);
    if (!attrs) {
        return attrs.error();
    }
    if (attrs->isEmpty()) {
        return makeError(Error::Code::NotFound, QCoreApplication::translate("tp::store", "No attribute \"%1\" in app \"%2\".").arg(key, appKey));
    }
    return attrs->first();
}

Result<QList<Revision>> PlanRepository::history(EntityKind kind, const QString& appKey, const QString& key)
{
    auto appId = m_ctx.appId(appKey);
    if (!appId) {
        return appId.error();
    }
    auto q = m_ctx.db->run(QStringLiteral("SELECT r.revision, r.op, d.key, r.author, r.created_at, r.state "
                                          "FROM revisions r LEFT JOIN demands d ON d.id = r.demand_id "
                                          "WHERE r.app_id = ? AND r.entity_kind = ? AND r.entity_key = ? "
                                          "ORDER BY r.revision"),
                           {*appId, toString(kind), key});
    if (!q) {
        return q.error();
    }
    QList<Revision> out;
    while ((*q)->next()) {
        const QSqlQuery& r = **q;
        Revision rev;
        rev.kind = kind;
        rev.appKey = appKey;
        rev.entityKey = key;
        rev.revision = r.value(0).toInt();
        rev.op = fromString<ChangeOp>(r.value(1).toString()).value_or(ChangeOp::Update);
        rev.demandKey = r.value(2).toString();
        rev.author = r.value(3).toString();
        rev.at = StoreContext::parseTime(r.value(4).toString());
        rev.state = QJsonDocument::fromJson(r.value(5).toString().toUtf8()).object();
        out.append(std::move(rev));
    }
    (*q)->finish();
    return out;
}

Result<QStringList> PlanRepository::eventsUsing(const QString& appKey, const QString& attributeKey)
{
    auto appId = m_ctx.appId(appKey);
    if (!appId) {
        return appId.error();
    }
    auto q = m_ctx.db->run(QStringLiteral("SELECT e.key FROM bindings b JOIN events e ON e.id = b.event_id "
                                          "JOIN attributes a ON a.id = b.attribute_id "
                                          "WHERE a.app_id = ? AND a.key = ?"),
                           {*appId, attributeKey});
    if (!q) {
        return q.error();
    }
    QStringList out;
    while ((*q)->next()) {
        out.append((*q)->value(0).toString());
    }
    (*q)->finish();
    out.sort();
    return out;
}

} // namespace tp
