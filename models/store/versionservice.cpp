#include "versionservice.h"

#include "entityjson.h"
#include "enumlabels.h"
#include "enums.h"
#include "plandiff.h"
#include "planrepository.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <iterator>

namespace tp {
namespace {

const QString kVersionSelect = QStringLiteral(
    "SELECT v.id, a.key, v.name, v.status, v.description, v.created_at, v.frozen_at, v.released_at, v.row_version "
    "FROM versions v JOIN apps a ON a.id = v.app_id");

Version versionFromRow(const QSqlQuery& r)
{
    Version v;
    v.appKey = r.value(1).toString();
    v.name = r.value(2).toString();
    v.status = fromString<VersionStatus>(r.value(3).toString()).value_or(VersionStatus::Planning);
    v.description = r.value(4).toString();
    v.createdAt = StoreContext::parseTime(r.value(5).toString());
    v.frozenAt = StoreContext::parseTime(r.value(6).toString());
    v.releasedAt = StoreContext::parseTime(r.value(7).toString());
    v.rowVersion = r.value(8).toLongLong();
    return v;
}

} // namespace

bool versionLess(const QString& a, const QString& b)
{
    const QStringList pa = a.split(QLatin1Char('.'));
    const QStringList pb = b.split(QLatin1Char('.'));
    for (qsizetype i = 0; i < std::min(pa.size(), pb.size()); ++i) {
        bool okA = false;
        bool okB = false;
        const int na = pa[i].toInt(&okA);
        const int nb = pb[i].toInt(&okB);
        if (okA && okB && na != nb) {
            return na < nb;
        }
        if (!(okA && okB) && pa[i] != pb[i]) {
            return pa[i] < pb[i];
        }
    }
    return pa.size() < pb.size();
}

bool isVersionName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9]+(\\.[0-9]+)*([-+][0-9A-Za-z.-]+)?$"));
    return pattern.match(name).hasMatch();
}

QString planChecksum(const Plan& plan)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    for (const Attribute& a : plan.attributes) {
        h.addData(canonicalJson(toJson(a)));
        h.addData(QByteArrayView("\n"));
    }
    for (const Event& e : plan.events) {
        h.addData(canonicalJson(toJson(e, true)));
        h.addData(QByteArrayView("\n"));
    }
    return QString::fromLatin1(h.result().toHex());
}

Result<Version> VersionService::create(const Version& input)
{
    if (auto allowed = m_ctx.require(Permission::ManageVersions); !allowed) {
        return allowed.error();
    }
    if (!isVersionName(input.name)) {
        return makeError(Error::Code::Validation,
                         QCoreApplication::translate(
                             "tp::store", "Version name \"%1\" must look like 6.3.0 (numbers separated by dots).")
                             .arg(input.name));
    }
    auto appId = m_ctx.appId(input.appKey);
    if (!appId) {
        return appId.error();
    }
    return m_ctx.db->transact<Version>([&]() -> Result<Version> {
        Version v = input;
        v.status = VersionStatus::Planning;
        v.createdAt = m_ctx.now();
        v.frozenAt = v.releasedAt = QDateTime();
        v.rowVersion = 1;
        v.demandKeys.clear();
        auto n = m_ctx.db->change(QStringLiteral("INSERT INTO versions (app_id, name, status, description, created_at, "
                                                 "row_version) VALUES (?, ?, 'planning', ?, ?, 1)"),
                                  {*appId, v.name, v.description, StoreContext::timeText(v.createdAt)});
        if (!n) {
            if (n.error().code == Error::Code::Conflict) {
                return makeError(Error::Code::Conflict,
                                 QCoreApplication::translate("tp::store", "Version %1 of \"%2\" exists already.")
                                     .arg(v.name, v.appKey));
            }
            return n.error();
        }
        if (auto s = m_ctx.audit(QStringLiteral("version.create"), QStringLiteral("version"), v.name, v.appKey); !s) {
            return s.error();
        }
        return v;
    });
}

Result<QList<Version>> VersionService::list(const QString& appKey)
{
    auto q = m_ctx.db->run(kVersionSelect + QStringLiteral(" WHERE a.key = ?"), {appKey});
    if (!q) {
        return q.error();
    }
    QList<Version> out;
    while ((*q)->next()) {
        out.append(versionFromRow(**q));
    }
    (*q)->finish();
    auto d = m_ctx.db->run(QStringLiteral("SELECT v.name, d.key FROM version_demands vd JOIN versions v ON v.id = "
                                          "vd.version_id JOIN demands d ON d.id = vd.demand_id JOIN apps a ON "
                                          "a.id = v.app_id WHERE a.key = ?"),
                           {appKey});
    if (!d) {
        return d.error();
    }
    QHash<QString, QStringList> demands;
    while ((*d)->next()) {
        demands[(*d)->value(0).toString()].append((*d)->value(1).toString());
    }
    (*d)->finish();
    for (Version& v : out) {
        v.demandKeys = demands.value(v.name);
        v.demandKeys.sort();
    }
    std::sort(out.begin(), out.end(), [](const Version& a, const Version& b) { return versionLess(a.name, b.name); });
    return out;
}

Result<Version> VersionService::version(const QString& appKey, const QString& name)
{
    auto all = list(appKey);
    if (!all) {
        return all.error();
    }
    for (const Version& v : std::as_const(*all)) {
        if (v.name == name) {
            return v;
        }
    }
    return makeError(Error::Code::NotFound,
                     QCoreApplication::translate("tp::store", "No version %1 of \"%2\".").arg(name, appKey));
}

Result<QList<Version>> VersionService::snapshotted(const QString& appKey)
{
    auto all = list(appKey);
    if (!all) {
        return all.error();
    }
    QList<Version> out;
    std::copy_if(all->cbegin(), all->cend(), std::back_inserter(out),
                 [](const Version& v) { return v.status != VersionStatus::Planning; });
    std::sort(out.begin(), out.end(), [](const Version& a, const Version& b) { return versionLess(a.name, b.name); });
    return out;
}

Result<Version> VersionService::planningVersion(const QString& appKey, const QString& name)
{
    auto v = version(appKey, name);
    if (v && v->status != VersionStatus::Planning) {
        return makeError(Error::Code::InvalidState,
                         QCoreApplication::translate(
                             "tp::store", "Version %1 is %2; demands can only be added while it is in planning.")
                             .arg(name, toString(v->status)));
    }
    return v;
}

Status VersionService::assignDemand(const QString& appKey, const QString& name, const QString& demandKey)
{
    if (auto allowed = m_ctx.require(Permission::ManageVersions); !allowed) {
        return allowed.error();
    }
    return m_ctx.db->transact<Ok>([&]() -> Status {
        auto v = planningVersion(appKey, name);
        if (!v) {
            return v.error();
        }
        auto n = m_ctx.db->change(
            QStringLiteral("INSERT INTO version_demands (version_id, demand_id) SELECT v.id, d.id FROM versions v "
                           "JOIN apps a ON a.id = v.app_id JOIN demands d ON d.app_id = a.id "
                           "WHERE a.key = ? AND v.name = ? AND d.key = ?"),
            {appKey, name, demandKey});
        if (!n) {
            if (n.error().code == Error::Code::Conflict) {
                return makeError(
                    Error::Code::Conflict,
                    QCoreApplication::translate("tp::store", "Demand %1 is already assigned to version %2.")
                        .arg(demandKey, name));
            }
            return n.error();
        }
        if (*n == 0) {
            return makeError(
                Error::Code::NotFound,
                QCoreApplication::translate("tp::store", "No demand %1 in app \"%2\".").arg(demandKey, appKey));
        }
        return m_ctx.audit(QStringLiteral("version.assign_demand"), QStringLiteral("version"), name, appKey,
                           {{QStringLiteral("demand"), demandKey}});
    });
}

Status VersionService::unassignDemand(const QString& appKey, const QString& name, const QString& demandKey)
{
    if (auto allowed = m_ctx.require(Permission::ManageVersions); !allowed) {
        return allowed.error();
    }
    return m_ctx.db->transact<Ok>([&]() -> Status {
        auto n = m_ctx.db->change(
            QStringLiteral("DELETE FROM version_demands WHERE version_id = (SELECT v.id FROM versions v JOIN apps a ON "
                           "a.id = v.app_id WHERE a.key = ? AND v.name = ? AND v.status = 'planning') AND "
                           "demand_id = (SELECT id FROM demands WHERE key = ?)"),
            {appKey, name, demandKey});
        if (!n) {
            return n.error();
        }
        if (*n == 0) {
            return makeError(
                Error::Code::NotFound,
                QCoreApplication::translate("tp::store", "Demand %1 is not assigned to version %2 in planning.")
                    .arg(demandKey, name));
        }
        return m_ctx.audit(QStringLiteral("version.unassign_demand"), QStringLiteral("version"), name, appKey,
                           {{QStringLiteral("demand"), demandKey}});
    });
}

Status VersionService::setDemands(const QString& appKey, const QString& name, const QStringList& demandKeys)
{
    if (auto allowed = m_ctx.require(Permission::ManageVersions); !allowed) {
        return allowed.error();
    }
    return m_ctx.db->transact<Ok>([&]() -> Status {
        auto v = planningVersion(appKey, name);
        if (!v) {
            return v.error();
        }
        for (const QString& key : std::as_const(v->demandKeys)) {
            if (!demandKeys.contains(key)) {
                if (const Status s = unassignDemand(appKey, name, key); !s) {
                    return s;
                }
            }
        }
        for (const QString& key : demandKeys) {
            if (!v->demandKeys.contains(key)) {
                if (const Status s = assignDemand(appKey, name, key); !s) {
                    return s;
                }
            }
        }
        return Ok{};
    });
}

Result<Version> VersionService::transition(const QString& appKey, const QString& name, VersionStatus from,
                                           VersionStatus to)
{
    auto v = version(appKey, name);
    if (!v) {
        return v.error();
    }
    if (v->status != from) {
        return makeError(Error::Code::InvalidState,
                         QCoreApplication::translate("tp::store", "Version %1 is %2; this action needs it to be %3.")
                             .arg(name, toString(v->status), toString(from)));
    }
    const QString now = m_ctx.nowText();
    const QString column = to == VersionStatus::Frozen ? QStringLiteral("frozen_at") : QStringLiteral("released_at");
    auto n = m_ctx.db->change(QStringLiteral("UPDATE versions SET status = ?, %1 = ?, row_version = row_version + 1 "
                                             "WHERE app_id = (SELECT id FROM apps WHERE key = ?) AND name = ? AND "
                                             "row_version = ?")
                                  .arg(column),
                              {toString(to), now, appKey, name, v->rowVersion});
    if (!n) {
        return n.error();
    }
    if (*n == 0) {
        return makeError(
            Error::Code::Conflict,
            QCoreApplication::translate("tp::store", "Version %1 was changed meanwhile; reload it.").arg(name));
    }
    return version(appKey, name);
}

Result<Version> VersionService::freeze(const QString& appKey, const QString& name)
{
    if (auto allowed = m_ctx.require(Permission::ManageVersions); !allowed) {
        return allowed.error();
    }
    auto appId = m_ctx.appId(appKey);
    if (!appId) {
        return appId.error();
    }
    return m_ctx.db->transact<Version>([&]() -> Result<Version> {
        auto open = m_ctx.db->run(
            QStringLiteral("SELECT d.key, d.status FROM version_demands vd JOIN versions v ON v.id = vd.version_id "
                           "JOIN demands d ON d.id = vd.demand_id WHERE v.app_id = ? AND v.name = ? AND "
                           "d.status IN ('draft', 'in_review', 'approved')"),
            {*appId, name});
        if (!open) {
            return open.error();
        }
        QStringList pending;
        while ((*open)->next()) {
            const auto status = fromString<DemandStatus>((*open)->value(1).toString());
            pending << QStringLiteral("%1 (%2)").arg(
                (*open)->value(0).toString(), status ? demandStatusLabel(*status) : (*open)->value(1).toString());
        }
        (*open)->finish();
        if (!pending.isEmpty()) {
            pending.sort();
            return makeError(Error::Code::InvalidState,
                             QCoreApplication::translate(
                                 "tp::store",
                                 "Version %1 cannot be frozen while these demands are open: %2. Merge, reject or "
                                 "cancel them, or move them to another version.")
                                 .arg(name, pending.join(QStringLiteral(", "))));
        }
        auto v = transition(appKey, name, VersionStatus::Planning, VersionStatus::Frozen);
        if (!v) {
            return v.error();
        }
        auto seq = m_ctx.db->scalar(QStringLiteral("SELECT plan_seq FROM apps WHERE id = ?"), {*appId});
        if (!seq) {
            return seq.error();
        }
        auto plan = planAtSeq(appKey, seq->toLongLong());
        if (!plan) {
            return plan.error();
        }
        const QString checksum = planChecksum(*plan);
        auto n =
            m_ctx.db->change(QStringLiteral("INSERT INTO snapshots (version_id, plan_seq, created_at, event_count, "
                                            "attribute_count, checksum) SELECT id, ?, ?, ?, ?, ? FROM versions "
                                            "WHERE app_id = ? AND name = ?"),
                             {seq->toLongLong(), m_ctx.nowText(), int(plan->events.size()),
                              int(plan->attributes.size()), checksum, *appId, name});
        if (!n) {
            return n.error();
        }
        if (auto s = m_ctx.audit(QStringLiteral("version.freeze"), QStringLiteral("version"), name, appKey,
                                 {{QStringLiteral("plan_seq"), seq->toLongLong()},
                                  {QStringLiteral("checksum"), checksum},
                                  {QStringLiteral("events"), int(plan->events.size())}});
            !s) {
            return s.error();
        }
        return v;
    });
}

Result<Version> VersionService::release(const QString& appKey, const QString& name)
{
    if (auto allowed = m_ctx.require(Permission::ManageVersions); !allowed) {
        return allowed.error();
    }
    return m_ctx.db->transact<Version>([&]() -> Result<Version> {
        auto v = transition(appKey, name, VersionStatus::Frozen, VersionStatus::Released);
        if (!v) {
            return v.error();
        }
        if (auto s = m_ctx.audit(QStringLiteral("version.release"), QStringLiteral("version"), name, appKey); !s) {
            return s.error();
        }
        return v;
    });
}

Result<QList<SnapshotInfo>> VersionService::snapshots(const QString& appKey)
{
    auto q = m_ctx.db->run(QStringLiteral("SELECT v.name, s.plan_seq, s.created_at, s.event_count, s.attribute_count, "
                                          "s.checksum FROM snapshots s JOIN versions v ON v.id = s.version_id "
                                          "JOIN apps a ON a.id = v.app_id WHERE a.key = ?"),
                           {appKey});
    if (!q) {
        return q.error();
    }
    QList<SnapshotInfo> out;
    while ((*q)->next()) {
        const QSqlQuery& r = **q;
        out.append({appKey, r.value(0).toString(), r.value(1).toLongLong(),
                    StoreContext::parseTime(r.value(2).toString()), r.value(3).toInt(), r.value(4).toInt(),
                    r.value(5).toString()});
    }
    (*q)->finish();
    std::sort(out.begin(), out.end(),
              [](const SnapshotInfo& a, const SnapshotInfo& b) { return versionLess(a.versionName, b.versionName); });
    return out;
}

Result<SnapshotInfo> VersionService::snapshot(const QString& appKey, const QString& name)
{
    auto all = snapshots(appKey);
    if (!all) {
        return all.error();
    }
    for (const SnapshotInfo& s : std::as_const(*all)) {
        if (s.versionName == name) {
            return s;
        }
    }
    return makeError(
        Error::Code::NotFound,
        QCoreApplication::translate("tp::store", "Version %1 of \"%2\" has no snapshot yet; freeze it first.")
            .arg(name, appKey));
}

Result<Plan> VersionService::planAtSeq(const QString& appKey, qint64 planSeq)
{
    auto appId = m_ctx.appId(appKey);
    if (!appId) {
        return appId.error();
    }
    auto q = m_ctx.db->run(QStringLiteral("SELECT entity_kind, entity_key, revision, op, state FROM revisions "
                                          "WHERE app_id = ? AND plan_seq <= ?"),
                           {*appId, planSeq});
    if (!q) {
        return q.error();
    }
    struct Latest {
        int revision = 0;
        bool deleted = false;
        QString state;
    };
    QHash<QString, Latest> latest[2];
    while ((*q)->next()) {
        const QSqlQuery& r = **q;
        const int kind =
            r.value(0).toString() == QLatin1String("event") ? int(EntityKind::Event) : int(EntityKind::Attribute);
        Latest& l = latest[kind][r.value(1).toString()];
        const int rev = r.value(2).toInt();
        if (rev > l.revision) {
            l.revision = rev;
            l.deleted = r.value(3).toString() == QLatin1String("delete");
            l.state = r.value(4).toString();
        }
    }
    (*q)->finish();
    Plan plan;
    plan.appKey = appKey;
    for (auto it = latest[int(EntityKind::Attribute)].cbegin(); it != latest[int(EntityKind::Attribute)].cend(); ++it) {
        if (it->deleted) {
            continue;
        }
        auto a = attributeFromJson(QJsonDocument::fromJson(it->state.toUtf8()).object());
        if (auto* attr = std::get_if<Attribute>(&a)) {
            attr->revision = it->revision;
            plan.attributes.append(std::move(*attr));
        }
    }
    for (auto it = latest[int(EntityKind::Event)].cbegin(); it != latest[int(EntityKind::Event)].cend(); ++it) {
        if (it->deleted) {
            continue;
        }
        auto e = eventFromJson(QJsonDocument::fromJson(it->state.toUtf8()).object(), true);
        if (auto* ev = std::get_if<Event>(&e)) {
            ev->revision = it->revision;
            plan.events.append(std::move(*ev));
        }
    }
    std::sort(plan.attributes.begin(), plan.attributes.end(),
              [](const Attribute& a, const Attribute& b) { return a.key < b.key; });
    std::sort(plan.events.begin(), plan.events.end(), [](const Event& a, const Event& b) { return a.key < b.key; });
    return plan;
}

Result<Plan> VersionService::planAt(const QString& appKey, const QString& name)
{
    if (auto app = m_ctx.appId(appKey); !app) {
        return app.error(); // "no such app" rather than "no such version"
    }
    if (name == currentName()) {
        PlanRepository repo(m_ctx);
        return repo.plan(appKey);
    }
    auto s = snapshot(appKey, name);
    if (!s) {
        return s.error();
    }
    return planAtSeq(appKey, s->planSeq);
}

Result<PlanDiff> VersionService::diff(const QString& appKey, const QString& from, const QString& to)
{
    auto a = planAt(appKey, from);
    if (!a) {
        return a.error();
    }
    auto b = planAt(appKey, to);
    if (!b) {
        return b.error();
    }
    return diffPlans(*a, *b);
}

} // namespace tp
