#include "store.h"

#include "migrations.h"

#include <QJsonDocument>

namespace tp {

Store::Store(std::unique_ptr<Database> db)
    : m_db(std::move(db))
    , m_plan(m_ctx)
    , m_demands(m_ctx)
    , m_versions(m_ctx)
    , m_reviews(m_ctx)
    , m_governance(m_ctx)
    , m_access(m_ctx)
{
    m_ctx.db = m_db.get();
    QString user = qEnvironmentVariable("TRACKPLAN_USER");
    if (user.isEmpty() && m_db->isPostgres()) {
        user = m_db->url().user;
    }
    if (user.isEmpty()) {
        user = qEnvironmentVariable("USER", QStringLiteral("local"));
    }
    m_ctx.actor = user;
}

Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::openRaw(const QString& url)
{
    auto parsed = StoreUrl::parse(url);
    if (!parsed) {
        return parsed.error();
    }
    return openRaw(*parsed);
}

Result<std::unique_ptr<Store>> Store::openRaw(const StoreUrl& url)
{
    auto db = Database::open(url);
    if (!db) {
        return db.error();
    }
    auto store = std::unique_ptr<Store>(new Store(std::move(*db)));
    store->m_ctx.enforce = false; // raw: no migration, so no roles to check against
    return store;
}

Result<std::unique_ptr<Store>> Store::open(const QString& url)
{
    auto parsed = StoreUrl::parse(url);
    if (!parsed) {
        return parsed.error();
    }
    return open(*parsed);
}

Result<std::unique_ptr<Store>> Store::open(const StoreUrl& url)
{
    auto store = openRaw(url);
    if (!store) {
        return store;
    }
    if (auto s = Migrations::upgrade((*store)->db()); !s) {
        // A PostgreSQL login without any TrackPlan role may not even read the schema version:
        // say that, not the bare "permission denied".
        if (s.error().code == Error::Code::Permission && (*store)->db().isPostgres()) {
            (*store)->m_ctx.enforce = true;
            if (auto id = (*store)->identity(); id && id->source == Identity::Source::NoRole) {
                return (*store)->require(Permission::Read).error();
            }
        }
        return s.error();
    }
    (*store)->m_ctx.enforce = true;
    return store;
}

namespace {

/// The WHERE clause of an audit filter and its bound values.
QString auditWhere(const AuditFilter& filter, QVariantList& args)
{
    QString sql = QStringLiteral(" WHERE 1 = 1");
    if (filter.since.isValid()) {
        sql += QStringLiteral(" AND at >= ?");
        args << StoreContext::timeText(filter.since);
    }
    if (filter.until.isValid()) {
        sql += QStringLiteral(" AND at < ?");
        args << StoreContext::timeText(filter.until);
    }
    if (!filter.actor.isEmpty()) {
        sql += QStringLiteral(" AND actor = ?");
        args << filter.actor;
    }
    if (!filter.entityType.isEmpty()) {
        sql += QStringLiteral(" AND entity_type = ?");
        args << filter.entityType;
    }
    if (!filter.entityKey.isEmpty()) {
        sql += QStringLiteral(" AND entity_key = ?");
        args << filter.entityKey;
    }
    if (!filter.appKey.isEmpty()) {
        sql += QStringLiteral(" AND app_key = ?");
        args << filter.appKey;
    }
    if (!filter.action.isEmpty()) {
        sql += QStringLiteral(" AND action LIKE ?");
        args << filter.action + QLatin1Char('%');
    }
    return sql;
}

} // namespace

Result<QList<AuditEntry>> Store::audit(const AuditFilter& filter)
{
    QVariantList args;
    QString sql = QStringLiteral("SELECT seq, at, actor, action, entity_type, entity_key, app_key, details "
                                 "FROM audit_log")
        + auditWhere(filter, args);
    if (filter.newestFirst) {
        if (filter.beforeSeq > 0) {
            sql += QStringLiteral(" AND seq < ?");
            args << filter.beforeSeq;
        }
        sql += QStringLiteral(" ORDER BY seq DESC");
        if (filter.limit > 0) {
            sql += QStringLiteral(" LIMIT ?");
            args << filter.limit;
        }
    } else {
        sql += QStringLiteral(" ORDER BY seq");
    }
    auto q = m_db->run(sql, args);
    if (!q) {
        return q.error();
    }
    QList<AuditEntry> out;
    while ((*q)->next()) {
        const QSqlQuery& r = **q;
        out.append({r.value(0).toLongLong(), StoreContext::parseTime(r.value(1).toString()), r.value(2).toString(),
                    r.value(3).toString(), r.value(4).toString(), r.value(5).toString(), r.value(6).toString(),
                    QJsonDocument::fromJson(r.value(7).toString().toUtf8()).object()});
    }
    (*q)->finish();
    if (!filter.newestFirst && filter.limit > 0 && out.size() > filter.limit) {
        out = out.mid(out.size() - filter.limit);
    }
    return out;
}

Result<qint64> Store::auditCount(const AuditFilter& filter)
{
    QVariantList args;
    const QString where = auditWhere(filter, args);
    auto q = m_db->run(QStringLiteral("SELECT COUNT(*) FROM audit_log") + where, args);
    if (!q) {
        return q.error();
    }
    const qint64 n = (*q)->next() ? (*q)->value(0).toLongLong() : 0;
    (*q)->finish();
    return n;
}

Result<QStringList> Store::auditActors()
{
    auto q = m_db->run(QStringLiteral("SELECT DISTINCT actor FROM audit_log ORDER BY actor"));
    if (!q) {
        return q.error();
    }
    QStringList out;
    while ((*q)->next()) {
        out << (*q)->value(0).toString();
    }
    (*q)->finish();
    return out;
}

Result<bool> Store::isEmpty()
{
    auto n = m_db->scalar(QStringLiteral("SELECT (SELECT COUNT(*) FROM apps) + (SELECT COUNT(*) FROM users) + "
                                         "(SELECT COUNT(*) FROM demands)"));
    if (!n) {
        return n.error();
    }
    return n->toLongLong() == 0;
}

Result<QString> Store::changeStamp(const QString& appKey)
{
    auto q = m_db->run(
        QStringLiteral(
            "SELECT (SELECT COUNT(*) FROM apps), (SELECT COALESCE(SUM(row_version), 0) FROM apps), "
            "(SELECT COALESCE(MAX(plan_seq), 0) FROM apps WHERE key = ?), "
            "(SELECT COUNT(*) FROM demands d JOIN apps a ON a.id = d.app_id WHERE a.key = ?), "
            "(SELECT COALESCE(SUM(d.row_version), 0) FROM demands d JOIN apps a ON a.id = d.app_id WHERE a.key = ?), "
            "(SELECT COUNT(*) FROM changes c JOIN demands d ON d.id = c.demand_id JOIN apps a ON a.id = d.app_id "
            "WHERE a.key = ?), "
            "(SELECT COALESCE(SUM(c.row_version), 0) FROM changes c JOIN demands d ON d.id = c.demand_id "
            "JOIN apps a ON a.id = d.app_id WHERE a.key = ?), "
            "(SELECT COUNT(*) FROM versions v JOIN apps a ON a.id = v.app_id WHERE a.key = ?), "
            "(SELECT COALESCE(SUM(v.row_version), 0) FROM versions v JOIN apps a ON a.id = v.app_id WHERE a.key = ?)"),
        {appKey, appKey, appKey, appKey, appKey, appKey, appKey});
    if (!q) {
        return q.error();
    }
    QStringList parts;
    if ((*q)->next()) {
        for (int i = 0; i < 9; ++i) {
            parts << QString::number((*q)->value(i).toLongLong());
        }
    }
    (*q)->finish();
    return parts.join(QLatin1Char(':'));
}

} // namespace tp
