#include "demandservice.h"

#include "changewriter.h"
#include "enums.h"
#include "merger.h"
#include "plandiff.h"
#include "reviewservice.h"
#include "rows.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace tp {
namespace {

const QString kDemandSelect = QStringLiteral(
    "SELECT d.id, d.app_id, d.key, a.key, d.title, d.description, d.owner, d.priority, d.external_link, d.status, "
    "d.created_at, d.updated_at, d.row_version FROM demands d JOIN apps a ON a.id = d.app_id");

Demand demandFromRow(const QSqlQuery& r)
{
    Demand d;
    d.key = r.value(2).toString();
    d.appKey = r.value(3).toString();
    d.title = r.value(4).toString();
    d.description = r.value(5).toString();
    d.owner = r.value(6).toString();
    d.priority = fromString<Priority>(r.value(7).toString()).value_or(Priority::P2);
    d.externalLink = r.value(8).toString();
    d.status = fromString<DemandStatus>(r.value(9).toString()).value_or(DemandStatus::Draft);
    d.createdAt = StoreContext::parseTime(r.value(10).toString());
    d.updatedAt = StoreContext::parseTime(r.value(11).toString());
    d.rowVersion = r.value(12).toLongLong();
    return d;
}

QJsonObject demandJson(const Demand& d)
{
    return {{QStringLiteral("title"), d.title},
            {QStringLiteral("owner"), d.owner},
            {QStringLiteral("priority"), toString(d.priority)},
            {QStringLiteral("status"), toString(d.status)}};
}

} // namespace

Result<DemandService::DemandRow> DemandService::load(const QString& key)
{
    auto q = m_ctx.db->run(kDemandSelect + QStringLiteral(" WHERE d.key = ?"), {key});
    if (!q) {
        return q.error();
    }
    if (!(*q)->next()) {
        return makeError(Error::Code::NotFound, QCoreApplication::translate("tp::store", "No demand \"%1\".").arg(key));
    }
    DemandRow row{(*q)->value(0).toLongLong(), (*q)->value(1).toLongLong(), demandFromRow(**q)};
    (*q)->finish();
    auto v =
        m_ctx.db->run(QStringLiteral("SELECT v.name FROM version_demands vd JOIN versions v ON v.id = vd.version_id "
                                     "WHERE vd.demand_id = ?"),
                      {row.id});
    if (!v) {
        return v.error();
    }
    while ((*v)->next()) {
        row.demand.targetVersions.append((*v)->value(0).toString());
    }
    (*v)->finish();
    row.demand.targetVersions.sort();
    return row;
}

Result<Demand> DemandService::create(const Demand& input)
{
    if (auto allowed = m_ctx.require(Permission::EditDemands); !allowed) {
        return allowed.error();
    }
    if (input.title.trimmed().isEmpty()) {
        return makeError(Error::Code::Validation, QCoreApplication::translate("tp::store", "A demand needs a title."));
    }
    auto appId = m_ctx.appId(input.appKey);
    if (!appId) {
        return appId.error();
    }
    return m_ctx.db->transact<Demand>([&]() -> Result<Demand> {
        Demand d = input;
        if (d.key.isEmpty()) {
            auto keys = m_ctx.db->run(QStringLiteral("SELECT key FROM demands"));
            if (!keys) {
                return keys.error();
            }
            int highest = 0;
            static const QRegularExpression numbered(QStringLiteral("^DEM-(\\d+)$"));
            while ((*keys)->next()) {
                const auto m = numbered.match((*keys)->value(0).toString());
                if (m.hasMatch()) {
                    highest = std::max(highest, m.captured(1).toInt());
                }
            }
            (*keys)->finish();
            d.key = QStringLiteral("DEM-%1").arg(highest + 1, 4, 10, QLatin1Char('0'));
        }
        d.status = DemandStatus::Draft;
        d.createdAt = d.updatedAt = m_ctx.now();
        d.rowVersion = 1;
        if (d.owner.isEmpty()) {
            d.owner = m_ctx.actor;
        }
        auto id = m_ctx.db->insert(
            QStringLiteral("INSERT INTO demands (key, app_id, title, description, owner, priority, external_link, "
                           "status, created_at, updated_at, row_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"),
            {d.key, *appId, d.title, d.description, d.owner, toString(d.priority), d.externalLink, toString(d.status),
             StoreContext::timeText(d.createdAt), StoreContext::timeText(d.updatedAt)});
        if (!id) {
            if (id.error().code == Error::Code::Conflict) {
                return makeError(
                    Error::Code::Conflict,
                    QCoreApplication::translate("tp::store", "A demand \"%1\" exists already.").arg(d.key));
            }
            return id.error();
        }
        for (const QString& v : std::as_const(d.targetVersions)) {
            auto n = m_ctx.db->change(QStringLiteral("INSERT INTO version_demands (version_id, demand_id) "
                                                     "SELECT id, ? FROM versions WHERE app_id = ? AND name = ? "
                                                     "AND status = 'planning'"),
                                      {*id, *appId, v});
            if (!n) {
                return n.error();
            }
            if (*n == 0) {
                return makeError(
                    Error::Code::Validation,
                    QCoreApplication::translate("tp::store",
                                                "Version \"%1\" of \"%2\" does not exist or is no longer in planning.")
                        .arg(v, d.appKey));
            }
        }
        d.targetVersions.sort();
        if (auto s =
                m_ctx.audit(QStringLiteral("demand.create"), QStringLiteral("demand"), d.key, d.appKey, demandJson(d));
            !s) {
            return s.error();
        }
        return d;
    });
}

Result<Demand> DemandService::update(const Demand& d)
{
    if (auto allowed = m_ctx.require(Permission::EditDemands); !allowed) {
        return allowed.error();
    }
    return m_ctx.db->transact<Demand>([&]() -> Result<Demand> {
        const QString now = m_ctx.nowText();
        auto n = m_ctx.db->change(
            QStringLiteral("UPDATE demands SET title = ?, description = ?, owner = ?, priority = ?, "
                           "external_link = ?, updated_at = ?, row_version = row_version + 1 "
                           "WHERE key = ? AND row_version = ?"),
            {d.title, d.description, d.owner, toString(d.priority), d.externalLink, now, d.key, d.rowVersion});
        if (!n) {
            return n.error();
        }
        if (*n == 0) {
            return makeError(Error::Code::Conflict,
                             QCoreApplication::translate(
                                 "tp::store",
                                 "Demand \"%1\" was changed by someone else meanwhile. Reload it and apply your edit "
                                 "again.")
                                 .arg(d.key));
        }
        auto row = load(d.key);
        if (!row) {
            return row.error();
        }
        if (auto s = m_ctx.audit(QStringLiteral("demand.update"), QStringLiteral("demand"), d.key, row->demand.appKey,
                                 demandJson(row->demand));
            !s) {
            return s.error();
        }
        return row->demand;
    });
}

Result<Demand> DemandService::demand(const QString& key)
{
    auto row = load(key);
    if (!row) {
        return row.error();
    }
    return row->demand;
}

Result<QList<Demand>> DemandService::list(const DemandFilter& filter)
{
    QString sql = kDemandSelect + QStringLiteral(" WHERE 1 = 1");
    QVariantList args;
    if (!filter.appKey.isEmpty()) {
        sql += QStringLiteral(" AND a.key = ?");
        args << filter.appKey;
    }
    if (filter.status) {
        sql += QStringLiteral(" AND d.status = ?");
        args << toString(*filter.status);
    }
    auto q = m_ctx.db->run(sql, args);
    if (!q) {
        return q.error();
    }
    QList<Demand> out;
    while ((*q)->next()) {
        out.append(demandFromRow(**q));
    }
    (*q)->finish();
    auto v =
        m_ctx.db->run(QStringLiteral("SELECT d.key, v.name FROM version_demands vd "
                                     "JOIN versions v ON v.id = vd.version_id JOIN demands d ON d.id = vd.demand_id"));
    if (!v) {
        return v.error();
    }
    QHash<QString, QStringList> targets;
    while ((*v)->next()) {
        targets[(*v)->value(0).toString()].append((*v)->value(1).toString());
    }
    (*v)->finish();
    for (Demand& d : out) {
        d.targetVersions = targets.value(d.key);
        d.targetVersions.sort();
    }
    std::sort(out.begin(), out.end(), [](const Demand& a, const Demand& b) { return a.key < b.key; });
    return out;
}

Result<Change> DemandService::saveEvent(const QString& demandKey, const Event& proposed)
{
    if (auto allowed = m_ctx.require(Permission::EditDemands); !allowed) {
        return allowed.error();
    }
    ChangeWriter w(m_ctx);
    return w.saveOne(demandKey, EntityKind::Event, proposed.key, [&] { return w.stageEvent(proposed); });
}

Result<Change> DemandService::saveAttribute(const QString& demandKey, const Attribute& proposed)
{
    if (auto allowed = m_ctx.require(Permission::EditDemands); !allowed) {
        return allowed.error();
    }
    ChangeWriter w(m_ctx);
    return w.saveOne(demandKey, EntityKind::Attribute, proposed.key, [&] { return w.stageAttribute(proposed); });
}

Result<int> DemandService::saveBatch(const QString& demandKey, const QList<Attribute>& attributes,
                                     const QList<Event>& events,
                                     const std::function<bool(qsizetype, qsizetype)>& progress)
{
    if (auto allowed = m_ctx.require(Permission::EditDemands); !allowed) {
        return allowed.error();
    }
    ChangeWriter w(m_ctx);
    return w.saveBatch(demandKey, attributes, events, progress);
}

Result<Change> DemandService::remove(const QString& demandKey, EntityKind kind, const QString& key)
{
    if (auto allowed = m_ctx.require(Permission::EditDemands); !allowed) {
        return allowed.error();
    }
    ChangeWriter w(m_ctx);
    return w.saveOne(demandKey, kind, key, [&] { return w.stageRemoval(kind, key); });
}

Status DemandService::discard(const QString& demandKey, EntityKind kind, const QString& key)
{
    if (auto allowed = m_ctx.require(Permission::EditDemands); !allowed) {
        return allowed.error();
    }
    ChangeWriter w(m_ctx);
    return w.discard(demandKey, kind, key);
}

Result<QList<Change>> DemandService::changes(const QString& demandKey)
{
    auto row = load(demandKey);
    if (!row) {
        return row.error();
    }
    return ChangeWriter::changesOf(*m_ctx.db, row->id, demandKey);
}

Result<QList<ChangeDiff>> DemandService::diff(const QString& demandKey)
{
    auto row = load(demandKey);
    if (!row) {
        return row.error();
    }
    auto list = ChangeWriter::changesOf(*m_ctx.db, row->id, demandKey);
    if (!list) {
        return list.error();
    }
    QList<ChangeDiff> out;
    for (const Change& c : std::as_const(*list)) {
        ChangeDiff d;
        d.change = c;
        if (c.baseRevision > 0) {
            auto before = ChangeWriter::stateAt(*m_ctx.db, row->appId, c.kind, c.entityKey, c.baseRevision);
            if (!before) {
                return before.error();
            }
            d.before = *before;
            d.before.remove(QStringLiteral("schema_version")); // managed, not part of a proposal
        }
        d.fields = diffObjects(d.before, c.state);
        out.append(std::move(d));
    }
    return out;
}

Result<Demand> DemandService::transition(const QString& key, const QList<DemandStatus>& from, DemandStatus to,
                                         const QString& action, const QString& comment,
                                         std::optional<ReviewVerdict> verdict)
{
    return m_ctx.db->transact<Demand>([&]() -> Result<Demand> {
        auto row = load(key);
        if (!row) {
            return row.error();
        }
        if (std::find(from.begin(), from.end(), row->demand.status) == from.end()) {
            QStringList allowed;
            for (DemandStatus s : from) {
                allowed << toString(s);
            }
            return makeError(Error::Code::InvalidState,
                             QCoreApplication::translate("tp::store", "Demand %1 is %2; this action needs it to be %3.")
                                 .arg(key, toString(row->demand.status), allowed.join(QStringLiteral(" / "))));
        }
        if (to == DemandStatus::InReview) {
            auto n = m_ctx.db->scalar(QStringLiteral("SELECT COUNT(*) FROM changes WHERE demand_id = ?"), {row->id});
            if (!n) {
                return n.error();
            }
            if (n->toInt() == 0) {
                return makeError(
                    Error::Code::InvalidState,
                    QCoreApplication::translate(
                        "tp::store", "Demand %1 has no changes yet; add or edit events or attributes under it first.")
                        .arg(key));
            }
        }
        // A submit starts a new review round: approvals of earlier rounds no longer count.
        const int newRound = to == DemandStatus::InReview ? 1 : 0;
        auto n = m_ctx.db->change(QStringLiteral("UPDATE demands SET status = ?, updated_at = ?, "
                                                 "review_round = review_round + ?, "
                                                 "row_version = row_version + 1 WHERE id = ? AND row_version = ?"),
                                  {toString(to), m_ctx.nowText(), newRound, row->id, row->demand.rowVersion});
        if (!n) {
            return n.error();
        }
        if (*n == 0) {
            return makeError(
                Error::Code::Conflict,
                QCoreApplication::translate("tp::store", "Demand %1 was changed meanwhile; reload it.").arg(key));
        }
        QJsonObject details{{QStringLiteral("from"), toString(row->demand.status)},
                            {QStringLiteral("to"), toString(to)}};
        if (!comment.isEmpty()) {
            details.insert(QStringLiteral("comment"), comment);
        }
        if (verdict && (*verdict != ReviewVerdict::Comment || !comment.trimmed().isEmpty())) {
            auto round = m_ctx.db->scalar(QStringLiteral("SELECT review_round FROM demands WHERE id = ?"), {row->id});
            if (!round) {
                return round.error();
            }
            if (auto s = ReviewService(m_ctx).addReview(row->id, round->toInt(), *verdict, comment.trimmed()); !s) {
                return s.error();
            }
        }
        if (auto s = m_ctx.audit(action, QStringLiteral("demand"), key, row->demand.appKey, details); !s) {
            return s.error();
        }
        auto fresh = load(key);
        if (!fresh) {
            return fresh.error();
        }
        return fresh->demand;
    });
}

Result<Demand> DemandService::submit(const QString& key, const QString& comment)
{
    if (auto allowed = m_ctx.require(Permission::EditDemands); !allowed) {
        return allowed.error();
    }
    return transition(key, demandActionFrom(DemandAction::Submit), DemandStatus::InReview,
                      QStringLiteral("demand.submit"), comment, ReviewVerdict::Comment);
}

Result<Demand> DemandService::approve(const QString& key, const QString& comment)
{
    if (auto allowed = m_ctx.require(Permission::ReviewDemands); !allowed) {
        return allowed.error();
    }
    return transition(key, demandActionFrom(DemandAction::Approve), DemandStatus::Approved,
                      QStringLiteral("demand.approve"), comment, ReviewVerdict::Approve);
}

Result<Demand> DemandService::reject(const QString& key, const QString& comment)
{
    if (auto allowed = m_ctx.require(Permission::ReviewDemands); !allowed) {
        return allowed.error();
    }
    return transition(key, demandActionFrom(DemandAction::Reject), DemandStatus::Rejected,
                      QStringLiteral("demand.reject"), comment, ReviewVerdict::Reject);
}

Result<Demand> DemandService::reopen(const QString& key, const QString& comment)
{
    if (auto allowed = m_ctx.require(Permission::EditDemands); !allowed) {
        return allowed.error();
    }
    return transition(key, demandActionFrom(DemandAction::Reopen), DemandStatus::Draft, QStringLiteral("demand.reopen"),
                      comment, ReviewVerdict::Comment);
}

Result<Demand> DemandService::cancel(const QString& key, const QString& comment)
{
    if (auto allowed = m_ctx.require(Permission::EditDemands); !allowed) {
        return allowed.error();
    }
    return transition(key, demandActionFrom(DemandAction::Cancel), DemandStatus::Cancelled,
                      QStringLiteral("demand.cancel"), comment, ReviewVerdict::Comment);
}

Result<Demand> DemandService::requestChanges(const QString& key, const QString& comment)
{
    if (auto allowed = m_ctx.require(Permission::ReviewDemands); !allowed) {
        return allowed.error();
    }
    if (comment.trimmed().isEmpty()) {
        return makeError(Error::Code::Validation,
                         QCoreApplication::translate("tp::store", "Say what should change: a request for changes "
                                                                  "needs a comment."));
    }
    return transition(key, demandActionFrom(DemandAction::RequestChanges), DemandStatus::Draft,
                      QStringLiteral("demand.request_changes"), comment, ReviewVerdict::RequestChanges);
}

Result<MergeOutcome> DemandService::merge(const QString& key)
{
    if (auto allowed = m_ctx.require(Permission::Merge); !allowed) {
        return allowed.error();
    }
    auto row = load(key);
    if (!row) {
        return row.error();
    }
    if (!demandActionFrom(DemandAction::Merge).contains(row->demand.status)) {
        return makeError(
            Error::Code::InvalidState,
            QCoreApplication::translate("tp::store", "Demand %1 is %2; only an approved demand can be merged.")
                .arg(key, toString(row->demand.status)));
    }
    auto review = ReviewService(m_ctx).state(key);
    if (!review) {
        return review.error();
    }
    if (!review->approvalsComplete()) {
        return makeError(Error::Code::InvalidState,
                         QCoreApplication::translate("tp::store", "Demand %1 cannot be merged yet:\n%2")
                             .arg(key, review->missing().join(QLatin1Char('\n'))));
    }
    Merger merger(m_ctx, row->id, row->appId, row->demand);
    return merger.run();
}

} // namespace tp
