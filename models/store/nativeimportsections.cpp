// The per-section record readers of the native JSON import.
#include "nativeimporter.h"
#include "nativeimportsource.h"

#include "enums.h"
#include "rows.h"
#include "rules.h"
#include "store.h"

#include <QCoreApplication>

namespace tp {
namespace {


template <typename E> E enumField(ImportFields& f, const char* key)
{
    const QString s = f.string(key);
    const auto v = fromString<E>(s);
    if (!v && !f.failed()) {
        f.fail(QString::fromLatin1(key), QCoreApplication::translate("tp::store", "unknown value \"%1\"; expected one of %2")
                                             .arg(s, allSpellings<E>().join(QStringLiteral(", "))));
    }
    return v.value_or(E{});
}

template <typename T> bool entityOk(ImportFields& f, const JsonResult<T>& r, const QString& prefix = {})
{
    if (const auto* e = std::get_if<JsonFieldError>(&r)) {
        f.fail(JsonFieldError{prefix.isEmpty() ? e->path : (e->path.isEmpty() ? prefix : prefix + QLatin1Char('.') + e->path),
                              e->message});
        return false;
    }
    return true;
}

bool stateOk(ImportFields& f, const PreparedState& state, const QString& prefix)
{
    if (state.error) {
        f.fail(JsonFieldError{state.error->path.isEmpty() ? prefix : prefix + QLatin1Char('.') + state.error->path,
                              state.error->message});
        return false;
    }
    return true;
}

} // namespace

Status Importer::readApp(ImportFields& f)
{
    // Absent from exports before migration 0006: the app has the default rules, as null says.
    const auto rules = f.has("approval_rules") ? f.objectOrNull("approval_rules") : std::nullopt;
    const qint64 planSeq = f.integer("plan_seq");
    const QJsonArray policy = f.array("policy");
    const qint64 policyRow = f.integer("policy_row_version");
    const qint64 rowVersion = f.integer("row_version");
    const auto app = appFromJson(f.rest({"approval_rules", "plan_seq", "policy", "policy_row_version", "row_version"}));
    if (!entityOk(f, app) || f.failed()) {
        return Ok{};
    }
    const App& a = std::get<App>(app);
    if (policy.size() != 4) {
        f.fail(QStringLiteral("policy"), QCoreApplication::translate("tp::store", "expected the four levels A, B, C and D"));
        return Ok{};
    }
    auto id = m_db.insert(QStringLiteral("INSERT INTO apps (key, name, description, platforms, plan_seq, row_version) "
                                         "VALUES (?, ?, ?, ?, ?, ?)"),
                          {a.key, a.name, a.description, rows::listText(a.platforms), planSeq, rowVersion});
    if (!id) {
        return inserted(id.error(), f, QCoreApplication::translate("tp::store", "app key \"%1\"").arg(a.key));
    }
    ++m_summary.rows;
    ++m_summary.apps;
    m_appIds.insert(a.key, *id);
    for (qsizetype i = 0; i < policy.size(); ++i) {
        const auto lp = levelPolicyFromJson(policy.at(i).toObject());
        if (!policy.at(i).isObject() || !entityOk(f, lp, QStringLiteral("policy[%1]").arg(i))) {
            if (!f.failed()) {
                f.fail(QStringLiteral("policy[%1]").arg(i), QCoreApplication::translate("tp::store", "expected object"));
            }
            return Ok{};
        }
        const LevelPolicy& l = std::get<LevelPolicy>(lp);
        auto n = m_db.change(QStringLiteral("INSERT INTO governance_policies (app_id, level, reject, quarantine, "
                                            "analytics, sampling_rate, warehouse_ods, realtime, health_alerts, "
                                            "row_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                             {*id, toString(l.level), int(l.reject), int(l.quarantine), int(l.analytics),
                              l.samplingRate, int(l.warehouseOds), int(l.realtime), int(l.healthAlerts), policyRow});
        if (auto s = inserted(n, f, QCoreApplication::translate("tp::store", "policy level %1").arg(toString(l.level))); !s) {
            return s;
        }
    }
    return rules ? readAppRules(f, *id, *rules) : Ok{};
}

Status Importer::readAttribute(ImportFields& f)
{
    auto appId = appIdFor(f);
    const qint64 revision = f.integer("revision");
    if (!appId || f.failed()) {
        return Ok{};
    }
    const auto parsed = attributeFromJson(f.rest({"app", "revision"}));
    if (!entityOk(f, parsed)) {
        return Ok{};
    }
    Attribute a = std::get<Attribute>(parsed);
    a.revision = int(revision);
    auto id = rows::insertAttribute(m_db, *appId, a, normalizedKey(a.key));
    if (!id) {
        return inserted(id.error(), f, QCoreApplication::translate("tp::store", "attribute key \"%1\"").arg(a.key));
    }
    ++m_summary.rows;
    ++m_summary.attributes;
    m_attributeIds[f.string("app")].insert(a.key, *id);
    return Ok{};
}

Status Importer::readEvent(ImportFields& f)
{
    auto appId = appIdFor(f);
    const qint64 revision = f.integer("revision");
    if (!appId || f.failed()) {
        return Ok{};
    }
    const QString appKey = f.string("app");
    std::optional<JsonResult<Event>> local;
    if (m_prepared && m_prepared->event) {
        f.readAll();
    } else {
        local = eventFromJson(f.rest({"app", "revision"}), true);
    }
    const JsonResult<Event>& parsed = local ? *local : *m_prepared->event;
    if (!entityOk(f, parsed)) {
        return Ok{};
    }
    Event e = std::get<Event>(parsed);
    e.revision = int(revision);
    const QHash<QString, qint64>& ids = m_attributeIds[appKey];
    for (qsizetype i = 0; i < e.bindings.size(); ++i) {
        if (!ids.contains(e.bindings.at(i).attributeKey)) {
            f.fail(QStringLiteral("bindings[%1].attribute").arg(i),
                   QCoreApplication::translate("tp::store", "unknown attribute \"%1\" of app \"%2\"").arg(e.bindings.at(i).attributeKey, appKey));
            return Ok{};
        }
    }
    auto r = rows::insertEvent(m_db, *appId, e, normalizedKey(e.key), ids);
    if (!r) {
        return inserted(r.error(), f, QCoreApplication::translate("tp::store", "event key \"%1\"").arg(e.key));
    }
    m_summary.rows += 1 + e.bindings.size();
    ++m_summary.events;
    return Ok{};
}

Status Importer::readAudit(ImportFields& f)
{
    const QString action = f.string("action");
    const QString actor = f.string("actor");
    const QString app = f.string("app");
    const QString at = f.string("at");
    const QJsonObject details = f.object("details");
    const QString entityKey = f.string("entity_key");
    const QString entityType = f.string("entity_type");
    if (!f.finish()) {
        return Ok{};
    }
    auto n = m_db.change(QStringLiteral("INSERT INTO audit_log (at, actor, action, entity_type, entity_key, app_key, "
                                        "details) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                         {at, actor, action, entityType, entityKey, app, QString::fromUtf8(canonicalJson(details))});
    return inserted(n, f, QCoreApplication::translate("tp::store", "audit entry"));
}

Status Importer::readDemand(ImportFields& f)
{
    auto appId = appIdFor(f);
    const QJsonArray changes = f.array("changes");
    Demand d;
    d.createdAt = QDateTime(); // times are kept as text, see below
    const QString createdAt = f.string("created_at");
    d.description = f.string("description");
    d.externalLink = f.string("external_link");
    d.key = f.string("key");
    d.owner = f.string("owner");
    d.priority = enumField<Priority>(f, "priority");
    const qint64 round = f.integerOr("review_round", 0); // absent from exports before 0006
    const qint64 rowVersion = f.integer("row_version");
    d.status = enumField<DemandStatus>(f, "status");
    const QStringList targets = f.stringList("target_versions");
    d.title = f.string("title");
    const QString updatedAt = f.string("updated_at");
    if (!appId || !f.finish()) {
        return Ok{};
    }
    auto id = m_db.insert(QStringLiteral("INSERT INTO demands (key, app_id, title, description, owner, priority, "
                                         "external_link, status, created_at, updated_at, row_version, review_round) "
                                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                          {d.key, *appId, d.title, d.description, d.owner, toString(d.priority), d.externalLink,
                           toString(d.status), createdAt, updatedAt, rowVersion, round});
    if (!id) {
        return inserted(id.error(), f, QCoreApplication::translate("tp::store", "demand key \"%1\"").arg(d.key));
    }
    ++m_summary.rows;
    ++m_summary.demands;
    m_demandIds.insert(d.key, *id);
    m_demandRounds.insert(d.key, round);
    for (qsizetype i = 0; i < targets.size(); ++i) {
        m_targets.append({*id, *appId, targets.at(i), f.context(), QStringLiteral("target_versions[%1]").arg(i),
                          m_record.start(), m_record.offset(), m_record.size()});
    }
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const QString path = QStringLiteral("changes[%1]").arg(i);
        if (!changes.at(i).isObject()) {
            f.fail(path, QCoreApplication::translate("tp::store", "expected object"));
            return Ok{};
        }
        ImportFields c(changes.at(i).toObject(), m_record, f.context(), path);
        const QString author = c.string("author");
        const qint64 base = c.integer("base_revision");
        const QString created = c.string("created_at");
        const QString key = c.string("key");
        const EntityKind kind = enumField<EntityKind>(c, "kind");
        const ChangeOp op = enumField<ChangeOp>(c, "op");
        const qint64 changeRow = c.integer("row_version");
        const auto state = c.objectOrNull("state");
        if (!c.finish()) {
            return at(c.errorPosition(), c.errorMessage());
        }
        if (state.has_value() == (op == ChangeOp::Delete)) {
            return at(c.position(QStringLiteral("state")),
                      QCoreApplication::translate("tp::store", "%1.state: must be null exactly when op is delete").arg(c.context()));
        }
        QString stateText;
        if (state) {
            const bool ahead = m_prepared && i < m_prepared->changeStates.size() && m_prepared->changeStates.at(i);
            const PreparedState checked = ahead ? *m_prepared->changeStates.at(i) : prepareState(kind, *state, false);
            if (!stateOk(c, checked, QStringLiteral("state"))) {
                return at(c.errorPosition(), c.errorMessage());
            }
            stateText = checked.canonical;
        }
        auto n = m_db.change(QStringLiteral("INSERT INTO changes (demand_id, entity_kind, entity_key, op, base_revision, "
                                            "state, author, created_at, row_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                             {*id, toString(kind), key, toString(op), base, stateText, author, created, changeRow});
        if (!n) {
            if (n.error().code == Error::Code::Conflict) {
                return at(c.position(), QCoreApplication::translate("tp::store", "%1: duplicate change of %2 \"%3\"").arg(c.context(), toString(kind), key));
            }
            return n.error();
        }
        ++m_summary.rows;
    }
    return Ok{};
}

Status Importer::readRevision(ImportFields& f)
{
    auto appId = appIdFor(f);
    const QString at = f.string("at");
    const QString author = f.string("author");
    const auto demand = f.stringOrNull("demand");
    const QString key = f.string("key");
    const EntityKind kind = enumField<EntityKind>(f, "kind");
    const ChangeOp op = enumField<ChangeOp>(f, "op");
    const qint64 planSeq = f.integer("plan_seq");
    const qint64 revision = f.integer("revision");
    const auto state = f.objectOrNull("state");
    if (!appId || !f.finish()) {
        return Ok{};
    }
    QVariant demandId(QMetaType(QMetaType::LongLong));
    if (demand) {
        if (!m_demandIds.contains(*demand)) {
            f.fail(QStringLiteral("demand"), QCoreApplication::translate("tp::store", "unknown demand \"%1\"").arg(*demand));
            return Ok{};
        }
        demandId = m_demandIds.value(*demand);
    }
    if (state.has_value() == (op == ChangeOp::Delete)) {
        f.fail(QStringLiteral("state"), QCoreApplication::translate("tp::store", "must be null exactly when op is delete"));
        return Ok{};
    }
    QString stateText;
    if (state) {
        const PreparedState checked = m_prepared && m_prepared->state ? *m_prepared->state : prepareState(kind, *state, true);
        if (!stateOk(f, checked, QStringLiteral("state"))) {
            return Ok{};
        }
        stateText = checked.canonical;
    }
    auto n = m_db.change(QStringLiteral("INSERT INTO revisions (app_id, entity_kind, entity_key, revision, plan_seq, op, "
                                        "demand_id, author, created_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                         {*appId, toString(kind), key, revision, planSeq, toString(op), demandId, author, at, stateText});
    if (auto s = inserted(n, f, QCoreApplication::translate("tp::store", "revision %1 of %2 \"%3\"").arg(revision).arg(toString(kind), key)); !s) {
        return s;
    }
    ++m_summary.revisions;
    return Ok{};
}

Status Importer::readUser(ImportFields& f)
{
    const qint64 rowVersion = f.integer("row_version");
    const auto user = userFromJson(f.rest({"row_version"}));
    if (!entityOk(f, user) || f.failed()) {
        return Ok{};
    }
    const User& u = std::get<User>(user);
    auto n = m_db.change(QStringLiteral("INSERT INTO users (name, display_name, role, row_version) VALUES (?, ?, ?, ?)"),
                         {u.name, u.displayName, toString(u.role), rowVersion});
    return inserted(n, f, QCoreApplication::translate("tp::store", "user name \"%1\"").arg(u.name));
}

Status Importer::readVersion(ImportFields& f)
{
    auto appId = appIdFor(f);
    const QString created = f.string("created_at");
    const QString description = f.string("description");
    const QString frozen = f.string("frozen_at");
    const QString name = f.string("name");
    const QString released = f.string("released_at");
    const qint64 rowVersion = f.integer("row_version");
    const auto snapshot = f.objectOrNull("snapshot");
    const VersionStatus status = enumField<VersionStatus>(f, "status");
    if (!appId || !f.finish()) {
        return Ok{};
    }
    auto id = m_db.insert(QStringLiteral("INSERT INTO versions (app_id, name, status, description, created_at, "
                                         "frozen_at, released_at, row_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                          {*appId, name, toString(status), description, created, frozen, released, rowVersion});
    if (!id) {
        return inserted(id.error(), f, QCoreApplication::translate("tp::store", "version \"%1\"").arg(name));
    }
    ++m_summary.rows;
    ++m_summary.versions;
    if (!snapshot) {
        if (status != VersionStatus::Planning) {
            f.fail(QStringLiteral("snapshot"), QCoreApplication::translate("tp::store", "a frozen or released version needs its snapshot"));
        }
        return Ok{};
    }
    ImportFields s(*snapshot, m_record, f.context(), QStringLiteral("snapshot"));
    const qint64 attributes = s.integer("attribute_count");
    const QString checksum = s.string("checksum");
    const QString createdAt = s.string("created_at");
    const qint64 events = s.integer("event_count");
    const qint64 planSeq = s.integer("plan_seq");
    if (!s.finish()) {
        return at(s.errorPosition(), s.errorMessage());
    }
    auto n = m_db.change(QStringLiteral("INSERT INTO snapshots (version_id, plan_seq, created_at, event_count, "
                                        "attribute_count, checksum) VALUES (?, ?, ?, ?, ?, ?)"),
                         {*id, planSeq, createdAt, events, attributes, checksum});
    return inserted(n, f, QCoreApplication::translate("tp::store", "snapshot"));
}

Error Importer::targetError(const Target& t, const QString& message)
{
    // The demand was read long ago; read it again to find the entry (the record's start if
    // the input cannot seek back, e.g. a pipe).
    const bool found = m_record.reload(m_in, t.start, t.offset, t.size);
    return at(found ? m_record.at(t.path) : t.start, QStringLiteral("%1.%2: %3").arg(t.context, t.path, message));
}

Status Importer::finishDeferred()
{
    for (const Target& t : std::as_const(m_targets)) {
        auto n = m_db.change(QStringLiteral("INSERT INTO version_demands (version_id, demand_id) SELECT id, ? FROM "
                                            "versions WHERE app_id = ? AND name = ?"),
                             {t.demandId, t.appId, t.version});
        if (!n) {
            if (n.error().code == Error::Code::Conflict) {
                return targetError(t, QCoreApplication::translate("tp::store", "\"%1\" is listed twice").arg(t.version));
            }
            return n.error();
        }
        if (*n == 0) {
            return targetError(t, QCoreApplication::translate("tp::store", "unknown version \"%1\"").arg(t.version));
        }
        ++m_summary.rows;
    }
    return Ok{};
}

} // namespace tp
