#include "merger.h"

#include "changewriter.h"
#include "entityjson.h"
#include "enums.h"
#include "rows.h"
#include "rules.h"
#include "schemachange.h"

#include <QCoreApplication>
#include <QSet>

namespace tp {
namespace {


QString tableOf(EntityKind kind)
{
    return kind == EntityKind::Event ? QStringLiteral("events") : QStringLiteral("attributes");
}

} // namespace

Result<MergeOutcome> Merger::run()
{
    if (auto b = m_ctx.db->begin(); !b) {
        return b.error();
    }
    auto fail = [this](const Error& e) -> Result<MergeOutcome> {
        m_ctx.db->rollback();
        return e;
    };
    // Serialises merges of one app (row lock on PostgreSQL, BEGIN IMMEDIATE on SQLite).
    auto bump = m_ctx.db->change(QStringLiteral("UPDATE apps SET plan_seq = plan_seq + 1 WHERE id = ?"), {m_appId});
    if (!bump) {
        return fail(bump.error());
    }
    auto seq = m_ctx.db->scalar(QStringLiteral("SELECT plan_seq FROM apps WHERE id = ?"), {m_appId});
    if (!seq) {
        return fail(seq.error());
    }
    m_planSeq = seq->toLongLong();

    auto moved = m_ctx.db->change(QStringLiteral("UPDATE demands SET status = 'merged', updated_at = ?, "
                                                 "row_version = row_version + 1 WHERE id = ? AND status = 'approved' "
                                                 "AND row_version = ?"),
                                  {m_ctx.nowText(), m_demandId, m_demand.rowVersion});
    if (!moved) {
        return fail(moved.error());
    }
    if (*moved == 0) {
        return fail(makeError(Error::Code::Conflict,
                              QCoreApplication::translate("tp::store", "Demand %1 was changed meanwhile; reload it before merging.").arg(m_demand.key)));
    }
    auto closed = m_ctx.db->run(QStringLiteral("SELECT v.name FROM version_demands vd JOIN versions v ON v.id = "
                                               "vd.version_id WHERE vd.demand_id = ? AND v.status <> 'planning'"),
                                {m_demandId});
    if (!closed) {
        return fail(closed.error());
    }
    if ((*closed)->next()) {
        const QString name = (*closed)->value(0).toString();
        (*closed)->finish();
        return fail(makeError(Error::Code::InvalidState,
                              QCoreApplication::translate("tp::store", "Demand %1 targets version %2, which is frozen; move the demand to a version in "
                                 "planning first.")
                                  .arg(m_demand.key, name)));
    }
    (*closed)->finish();

    auto changes = ChangeWriter::changesOf(*m_ctx.db, m_demandId, m_demand.key);
    if (!changes) {
        return fail(changes.error());
    }
    auto conflicts = findConflicts(*changes);
    if (!conflicts) {
        return fail(conflicts.error());
    }
    if (!conflicts->isEmpty()) {
        m_ctx.db->rollback();
        MergeOutcome out;
        out.conflicts = std::move(*conflicts);
        return out;
    }

    auto attrs = rows::loadAttributes(*m_ctx.db, m_appId);
    if (!attrs) {
        return fail(attrs.error());
    }
    for (const Attribute& a : std::as_const(*attrs)) {
        m_attrsBefore.insert(a.key, a);
    }
    m_attrsAfter = m_attrsBefore;

    QSet<QString> changedAttributes;
    QSet<QString> changedEvents;
    for (const Change& c : std::as_const(*changes)) {
        if (c.kind != EntityKind::Attribute || c.op == ChangeOp::Delete) {
            continue;
        }
        if (auto s = applyAttribute(c); !s) {
            return fail(s.error());
        }
        changedAttributes.insert(c.entityKey);
    }
    auto ids = rows::attributeIds(*m_ctx.db, m_appId);
    if (!ids) {
        return fail(ids.error());
    }
    m_attrIds = std::move(*ids);
    for (const Change& c : std::as_const(*changes)) {
        if (c.kind != EntityKind::Event) {
            continue;
        }
        auto before = rows::loadEvents(*m_ctx.db, m_appId, c.entityKey);
        if (!before) {
            return fail(before.error());
        }
        if (auto s = applyEvent(c, before->isEmpty() ? nullptr : &before->first()); !s) {
            return fail(s.error());
        }
        changedEvents.insert(c.entityKey);
    }
    // Attribute removals last: their events were changed above.
    for (const Change& c : std::as_const(*changes)) {
        if (c.kind == EntityKind::Attribute && c.op == ChangeOp::Delete) {
            if (auto s = applyAttribute(c); !s) {
                return fail(s.error());
            }
        }
    }
    if (auto s = bumpDependentEvents(changedAttributes, changedEvents); !s) {
        return fail(s.error());
    }
    if (auto s = m_ctx.audit(QStringLiteral("demand.merge"), QStringLiteral("demand"), m_demand.key, m_demand.appKey,
                             {{QStringLiteral("changes"), changes->size()},
                              {QStringLiteral("revisions"), m_revisions},
                              {QStringLiteral("plan_seq"), m_planSeq}});
        !s) {
        return fail(s.error());
    }
    if (auto c = m_ctx.db->commit(); !c) {
        return c.error();
    }
    MergeOutcome out;
    out.merged = true;
    out.revisionsWritten = m_revisions;
    out.planSeq = m_planSeq;
    return out;
}

Result<QList<MergeConflict>> Merger::findConflicts(const QList<Change>& changes)
{
    QList<MergeConflict> out;
    for (const Change& c : changes) {
        auto q = m_ctx.db->run(
            QStringLiteral("SELECT revision FROM %1 WHERE app_id = ? AND key = ?").arg(tableOf(c.kind)) +
                m_ctx.db->forUpdate(),
            {m_appId, c.entityKey});
        if (!q) {
            return q.error();
        }
        const int current = (*q)->next() ? (*q)->value(0).toInt() : 0;
        (*q)->finish();
        if (current == c.baseRevision) {
            continue;
        }
        MergeConflict mc;
        mc.kind = c.kind;
        mc.entityKey = c.entityKey;
        mc.op = c.op;
        mc.baseRevision = c.baseRevision;
        mc.currentRevision = current;
        mc.mine = c.state;
        if (c.baseRevision > 0) {
            auto base = ChangeWriter::stateAt(*m_ctx.db, m_appId, c.kind, c.entityKey, c.baseRevision);
            if (!base) {
                return base.error();
            }
            mc.base = *base;
        }
        if (current > 0) {
            auto theirs = ChangeWriter::stateAt(*m_ctx.db, m_appId, c.kind, c.entityKey, current);
            if (!theirs) {
                return theirs.error();
            }
            mc.theirs = *theirs;
        }
        out.append(std::move(mc));
    }
    return out;
}

Result<int> Merger::nextRevision(EntityKind kind, const QString& key)
{
    auto v = m_ctx.db->scalar(QStringLiteral("SELECT COALESCE(MAX(revision), 0) FROM revisions WHERE app_id = ? AND "
                                             "entity_kind = ? AND entity_key = ?"),
                              {m_appId, toString(kind), key});
    if (!v) {
        return v.error();
    }
    // Rows that predate the history (e.g. written by an older build) count too.
    auto current = m_ctx.db->scalar(
        QStringLiteral("SELECT COALESCE(MAX(revision), 0) FROM %1 WHERE app_id = ? AND key = ?").arg(tableOf(kind)),
        {m_appId, key});
    if (!current) {
        return current.error();
    }
    return std::max(v->toInt(), current->toInt()) + 1;
}

Status Merger::writeRevision(EntityKind kind, const QString& key, int revision, ChangeOp op, const QJsonObject& state)
{
    auto n = m_ctx.db->change(QStringLiteral("INSERT INTO revisions (app_id, entity_kind, entity_key, revision, plan_seq, "
                                             "op, demand_id, author, created_at, state) "
                                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                              {m_appId, toString(kind), key, revision, m_planSeq, toString(op), m_demandId,
                               m_ctx.actor, m_ctx.nowText(),
                               state.isEmpty() ? QString() : QString::fromUtf8(canonicalJson(state))});
    if (!n) {
        return n.error();
    }
    ++m_revisions;
    return Ok{};
}

Status Merger::applyAttribute(const Change& c)
{
    auto rev = nextRevision(EntityKind::Attribute, c.entityKey);
    if (!rev) {
        return rev.error();
    }
    if (c.op == ChangeOp::Delete) {
        if (auto s = rows::deleteEntity(*m_ctx.db, m_appId, EntityKind::Attribute, c.entityKey); !s) {
            if (s.error().code == Error::Code::Sql || s.error().code == Error::Code::Conflict) {
                return makeError(Error::Code::Validation,
                                 QCoreApplication::translate("tp::store", "Attribute \"%1\" is still used by events and cannot be removed.").arg(c.entityKey));
            }
            return s;
        }
        m_attrsAfter.remove(c.entityKey);
        return writeRevision(EntityKind::Attribute, c.entityKey, *rev, c.op, {});
    }
    auto parsed = attributeFromJson(c.state);
    if (auto* err = std::get_if<JsonFieldError>(&parsed)) {
        return makeError(Error::Code::Validation, QStringLiteral("%1: %2").arg(err->path, err->message));
    }
    Attribute a = std::get<Attribute>(parsed);
    a.revision = *rev;
    if (auto s = rows::upsertAttribute(*m_ctx.db, m_appId, a, normalizedKey(a.key)); !s) {
        return s;
    }
    m_attrsAfter.insert(a.key, a);
    return writeRevision(EntityKind::Attribute, a.key, *rev, c.op, toJson(a));
}

Status Merger::applyEvent(const Change& c, const Event* before)
{
    auto rev = nextRevision(EntityKind::Event, c.entityKey);
    if (!rev) {
        return rev.error();
    }
    if (c.op == ChangeOp::Delete) {
        if (auto s = rows::deleteEntity(*m_ctx.db, m_appId, EntityKind::Event, c.entityKey); !s) {
            return s;
        }
        return writeRevision(EntityKind::Event, c.entityKey, *rev, c.op, {});
    }
    auto parsed = eventFromJson(c.state, false);
    if (auto* err = std::get_if<JsonFieldError>(&parsed)) {
        return makeError(Error::Code::Validation, QStringLiteral("%1: %2").arg(err->path, err->message));
    }
    Event e = std::get<Event>(parsed);
    e.revision = *rev;
    if (before) {
        const ChangeClass cls = classifyEventChange(
            *before, [this](const QString& k) { return m_attrsBefore.contains(k) ? &m_attrsBefore[k] : nullptr; }, e,
            [this](const QString& k) { return m_attrsAfter.contains(k) ? &m_attrsAfter[k] : nullptr; });
        e.schemaVersion = bump(before->schemaVersion, cls);
    } else {
        e.schemaVersion = SchemaVersion{};
    }
    if (auto s = rows::upsertEvent(*m_ctx.db, m_appId, e, normalizedKey(e.key), m_attrIds); !s) {
        return s;
    }
    return writeRevision(EntityKind::Event, e.key, *rev, c.op, toJson(e, true));
}

Status Merger::bumpDependentEvents(const QSet<QString>& changedAttributes, const QSet<QString>& changedEvents)
{
    if (changedAttributes.isEmpty()) {
        return Ok{};
    }
    // Events bound to a changed attribute whose schema therefore changed, though the
    // demand did not touch the event itself.
    QSet<QString> affected;
    for (const QString& key : changedAttributes) {
        if (!m_attrsBefore.contains(key)) {
            continue; // new attribute: only events of this demand can bind it
        }
        auto q = m_ctx.db->run(QStringLiteral("SELECT e.key FROM bindings b JOIN events e ON e.id = b.event_id "
                                              "WHERE b.attribute_id = ?"),
                               {m_attrIds.value(key)});
        if (!q) {
            return q.error();
        }
        while ((*q)->next()) {
            const QString ev = (*q)->value(0).toString();
            if (!changedEvents.contains(ev)) {
                affected.insert(ev);
            }
        }
        (*q)->finish();
    }
    QStringList sorted(affected.begin(), affected.end());
    sorted.sort();
    for (const QString& key : std::as_const(sorted)) {
        auto loaded = rows::loadEvents(*m_ctx.db, m_appId, key);
        if (!loaded) {
            return loaded.error();
        }
        if (loaded->isEmpty()) {
            continue;
        }
        Event e = loaded->first();
        const ChangeClass cls = classifyEventChange(
            e, [this](const QString& k) { return m_attrsBefore.contains(k) ? &m_attrsBefore[k] : nullptr; }, e,
            [this](const QString& k) { return m_attrsAfter.contains(k) ? &m_attrsAfter[k] : nullptr; });
        if (cls == ChangeClass::None) {
            continue;
        }
        auto rev = nextRevision(EntityKind::Event, key);
        if (!rev) {
            return rev.error();
        }
        e.schemaVersion = bump(e.schemaVersion, cls);
        e.revision = *rev;
        if (auto s = rows::upsertEvent(*m_ctx.db, m_appId, e, normalizedKey(e.key), m_attrIds); !s) {
            return s;
        }
        if (auto s = writeRevision(EntityKind::Event, key, *rev, ChangeOp::Update, toJson(e, true)); !s) {
            return s;
        }
    }
    return Ok{};
}

} // namespace tp
