#include "changewriter.h"

#include "entityjson.h"
#include "enums.h"
#include "rows.h"
#include "rules.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace tp {
namespace {

Error findingsError(const QList<Finding>& findings)
{
    QStringList messages;
    for (const Finding& f : findings) {
        if (f.severity == Finding::Severity::Error) {
            messages << f.message;
        }
    }
    return makeError(Error::Code::Validation, messages.join(QLatin1Char('\n')));
}

QString table(EntityKind kind)
{
    return kind == EntityKind::Event ? QStringLiteral("events") : QStringLiteral("attributes");
}

} // namespace

Status ChangeWriter::openDemand(const QString& demandKey)
{
    auto q = m_ctx.db->run(QStringLiteral("SELECT d.id, d.app_id, d.status, a.key FROM demands d "
                                          "JOIN apps a ON a.id = d.app_id WHERE d.key = ?")
                               + m_ctx.db->forUpdate(),
                           {demandKey});
    if (!q) {
        return q.error();
    }
    if (!(*q)->next()) {
        return makeError(Error::Code::NotFound,
                         QCoreApplication::translate("tp::store", "No demand \"%1\".").arg(demandKey));
    }
    m_demandId = (*q)->value(0).toLongLong();
    m_appId = (*q)->value(1).toLongLong();
    const QString status = (*q)->value(2).toString();
    m_appKey = (*q)->value(3).toString();
    (*q)->finish();
    m_demandKey = demandKey;
    if (status != toString(DemandStatus::Draft)) {
        return makeError(Error::Code::InvalidState,
                         QCoreApplication::translate(
                             "tp::store", "Demand %1 is %2; its changes can only be edited while it is a draft.")
                             .arg(demandKey, status));
    }
    return Ok{};
}

Result<Change> ChangeWriter::saveOne(const QString& demandKey, EntityKind kind, const QString& key,
                                     const std::function<Status()>& stage)
{
    return m_ctx.db->transact<Change>([&]() -> Result<Change> {
        if (auto s = openDemand(demandKey); !s) {
            return s.error();
        }
        if (auto s = stage(); !s) {
            return s.error();
        }
        if (auto s = m_ctx.audit(m_lastAction, QStringLiteral("change"), key, m_appKey,
                                 {{QStringLiteral("demand"), demandKey},
                                  {QStringLiteral("kind"), toString(kind)},
                                  {QStringLiteral("op"), toString(m_lastOp)}});
            !s) {
            return s.error();
        }
        auto all = changesOf(*m_ctx.db, m_demandId, demandKey);
        if (!all) {
            return all.error();
        }
        for (const Change& c : std::as_const(*all)) {
            if (c.kind == kind && c.entityKey == key) {
                return c;
            }
        }
        Change gone; // a removal of a pending create leaves no change behind
        gone.demandKey = demandKey;
        gone.kind = kind;
        gone.entityKey = key;
        gone.op = ChangeOp::Delete;
        return gone;
    });
}

Result<int> ChangeWriter::saveBatch(const QString& demandKey, const QList<Attribute>& attributes,
                                    const QList<Event>& events,
                                    const std::function<bool(qsizetype, qsizetype)>& progress)
{
    return m_ctx.db->transact<int>([&]() -> Result<int> {
        if (auto s = openDemand(demandKey); !s) {
            return s.error();
        }
        const qsizetype total = attributes.size() + events.size();
        qsizetype done = 0;
        auto step = [&]() -> Status {
            ++done;
            if (progress && (done % 1000 == 0 || done == total) && !progress(done, total)) {
                return makeError(Error::Code::Cancelled, QCoreApplication::translate("tp::store", "Cancelled."));
            }
            return Ok{};
        };
        for (const Attribute& a : attributes) {
            if (auto s = stageAttribute(a); !s) {
                return s.error();
            }
            if (auto s = step(); !s) {
                return s.error();
            }
        }
        for (const Event& e : events) {
            if (auto s = stageEvent(e); !s) {
                return s.error();
            }
            if (auto s = step(); !s) {
                return s.error();
            }
        }
        if (auto s = m_ctx.audit(
                QStringLiteral("change.save_batch"), QStringLiteral("demand"), demandKey, m_appKey,
                {{QStringLiteral("attributes"), attributes.size()}, {QStringLiteral("events"), events.size()}});
            !s) {
            return s.error();
        }
        return int(total);
    });
}

Status ChangeWriter::loadPendingAttributes()
{
    if (m_pendingAttributesLoaded) {
        return Ok{};
    }
    m_pendingAttributesLoaded = true;
    auto q = m_ctx.db->run(QStringLiteral("SELECT entity_key, op, state FROM changes WHERE demand_id = ? "
                                          "AND entity_kind = 'attribute'"),
                           {m_demandId});
    if (!q) {
        return q.error();
    }
    while ((*q)->next()) {
        const QString key = (*q)->value(0).toString();
        if ((*q)->value(1).toString() == toString(ChangeOp::Delete)) {
            m_attributes.insert(key, std::nullopt);
            continue;
        }
        const QJsonObject o = QJsonDocument::fromJson((*q)->value(2).toString().toUtf8()).object();
        auto parsed = attributeFromJson(o);
        if (auto* a = std::get_if<Attribute>(&parsed)) {
            m_attributes.insert(key, *a);
        }
    }
    (*q)->finish();
    return Ok{};
}

const Attribute* ChangeWriter::lookupAttribute(const QString& key)
{
    if (auto it = m_attributes.constFind(key); it != m_attributes.constEnd()) {
        return it->has_value() ? &it->value() : nullptr;
    }
    auto found = rows::loadAttributes(*m_ctx.db, m_appId, key);
    if (found && !found->isEmpty()) {
        auto it = m_attributes.insert(key, found->first());
        return &it->value();
    }
    m_attributes.insert(key, std::nullopt);
    return nullptr;
}

Status ChangeWriter::checkKeyUnique(EntityKind kind, const QString& key)
{
    const QString norm = normalizedKey(key);
    auto q = m_ctx.db->run(
        QStringLiteral("SELECT key FROM %1 WHERE app_id = ? AND norm_key = ? AND key <> ?").arg(table(kind)),
        {m_appId, norm, key});
    if (!q) {
        return q.error();
    }
    QString clash = (*q)->next() ? (*q)->value(0).toString() : QString();
    (*q)->finish();
    if (clash.isEmpty()) {
        auto& norms = m_pendingNorms[int(kind)];
        if (norms.isEmpty()) {
            auto p = m_ctx.db->run(QStringLiteral("SELECT entity_key FROM changes WHERE demand_id = ? AND "
                                                  "entity_kind = ? AND op = 'create'"),
                                   {m_demandId, toString(kind)});
            if (!p) {
                return p.error();
            }
            while ((*p)->next()) {
                const QString k = (*p)->value(0).toString();
                norms.insert(normalizedKey(k), k);
            }
            (*p)->finish();
        }
        const QString other = norms.value(norm);
        if (!other.isEmpty() && other != key) {
            clash = other;
        }
        norms.insert(norm, key);
    }
    if (!clash.isEmpty()) {
        return makeError(
            Error::Code::Validation,
            QCoreApplication::translate(
                "tp::store", "Key \"%1\" collides with \"%2\" (keys must be unique ignoring case and separators).")
                .arg(key, clash));
    }
    return Ok{};
}

Result<int> ChangeWriter::currentRevision(EntityKind kind, const QString& key)
{
    auto q = m_ctx.db->run(QStringLiteral("SELECT revision FROM %1 WHERE app_id = ? AND key = ?").arg(table(kind)),
                           {m_appId, key});
    if (!q) {
        return q.error();
    }
    const int rev = (*q)->next() ? (*q)->value(0).toInt() : 0;
    (*q)->finish();
    return rev;
}

Result<std::optional<ChangeWriter::Pending>> ChangeWriter::pending(EntityKind kind, const QString& key)
{
    auto q = m_ctx.db->run(QStringLiteral("SELECT id, op, base_revision FROM changes WHERE demand_id = ? AND "
                                          "entity_kind = ? AND entity_key = ?"),
                           {m_demandId, toString(kind), key});
    if (!q) {
        return q.error();
    }
    std::optional<Pending> out;
    if ((*q)->next()) {
        out =
            Pending{(*q)->value(0).toLongLong(),
                    fromString<ChangeOp>((*q)->value(1).toString()).value_or(ChangeOp::Update), (*q)->value(2).toInt()};
    }
    (*q)->finish();
    return out;
}

Status ChangeWriter::writeChange(EntityKind kind, const QString& key, const QJsonObject& state, bool removal)
{
    auto existing = pending(kind, key);
    if (!existing) {
        return existing.error();
    }
    auto current = currentRevision(kind, key);
    if (!current) {
        return current.error();
    }
    const QString text = removal ? QString() : QString::fromUtf8(canonicalJson(state));
    if (existing->has_value()) {
        const Pending& p = **existing;
        if (removal && p.op == ChangeOp::Create) { // removing what this demand created: forget it
            m_lastAction = QStringLiteral("change.discard");
            m_lastOp = ChangeOp::Delete;
            auto d = m_ctx.db->change(QStringLiteral("DELETE FROM changes WHERE id = ?"), {p.id});
            return d ? Status(Ok{}) : Status(d.error());
        }
        const ChangeOp op =
            removal ? ChangeOp::Delete : (p.op == ChangeOp::Create ? ChangeOp::Create : ChangeOp::Update);
        auto u = m_ctx.db->change(QStringLiteral("UPDATE changes SET op = ?, state = ?, author = ?, created_at = ?, "
                                                 "row_version = row_version + 1 WHERE id = ?"),
                                  {toString(op), text, m_ctx.actor, m_ctx.nowText(), p.id});
        if (!u) {
            return u.error();
        }
        m_lastOp = op;
        m_lastBase = p.baseRevision;
    } else {
        if (removal && *current == 0) {
            return makeError(Error::Code::NotFound,
                             QCoreApplication::translate("tp::store", "\"%1\" is not in the plan.").arg(key));
        }
        const ChangeOp op = removal ? ChangeOp::Delete : (*current == 0 ? ChangeOp::Create : ChangeOp::Update);
        auto i = m_ctx.db->change(
            QStringLiteral("INSERT INTO changes (demand_id, entity_kind, entity_key, op, "
                           "base_revision, state, author, created_at, row_version) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)"),
            {m_demandId, toString(kind), key, toString(op), *current, text, m_ctx.actor, m_ctx.nowText()});
        if (!i) {
            return i.error();
        }
        m_lastOp = op;
        m_lastBase = *current;
    }
    m_lastAction = QStringLiteral("change.save");
    return Ok{};
}

Status ChangeWriter::stageAttribute(const Attribute& a)
{
    const QList<Finding> findings = validateAttribute(a);
    if (hasErrors(findings)) {
        return findingsError(findings);
    }
    if (auto s = checkKeyUnique(EntityKind::Attribute, a.key); !s) {
        return s;
    }
    if (auto s = loadPendingAttributes(); !s) {
        return s;
    }
    m_attributes.insert(a.key, a);
    return writeChange(EntityKind::Attribute, a.key, toJson(a), false);
}

Status ChangeWriter::stageEvent(const Event& e)
{
    if (auto s = loadPendingAttributes(); !s) {
        return s;
    }
    const QList<Finding> findings = validateEvent(e, [this](const QString& k) { return lookupAttribute(k); });
    if (hasErrors(findings)) {
        return findingsError(findings);
    }
    if (auto s = checkKeyUnique(EntityKind::Event, e.key); !s) {
        return s;
    }
    return writeChange(EntityKind::Event, e.key, toJson(e, false), false);
}

Status ChangeWriter::stageRemoval(EntityKind kind, const QString& key)
{
    if (kind == EntityKind::Attribute) {
        auto users = m_ctx.db->run(QStringLiteral("SELECT e.key FROM bindings b JOIN events e ON e.id = b.event_id "
                                                  "JOIN attributes a ON a.id = b.attribute_id "
                                                  "WHERE a.app_id = ? AND a.key = ?"),
                                   {m_appId, key});
        if (!users) {
            return users.error();
        }
        QStringList bound;
        while ((*users)->next()) {
            bound << (*users)->value(0).toString();
        }
        (*users)->finish();
        // Events this demand changes or removes count as they will be after the merge.
        QStringList stillBound;
        for (const QString& ev : std::as_const(bound)) {
            auto p = pending(EntityKind::Event, ev);
            if (!p) {
                return p.error();
            }
            if (!p->has_value()) {
                stillBound << ev;
            }
        }
        auto q = m_ctx.db->run(QStringLiteral("SELECT entity_key, state FROM changes WHERE demand_id = ? AND "
                                              "entity_kind = 'event' AND op <> 'delete'"),
                               {m_demandId});
        if (!q) {
            return q.error();
        }
        while ((*q)->next()) {
            const QJsonObject o = QJsonDocument::fromJson((*q)->value(1).toString().toUtf8()).object();
            const QJsonArray bs = o.value(QLatin1String("bindings")).toArray();
            for (const QJsonValue& b : bs) {
                if (b.toObject().value(QLatin1String("attribute")).toString() == key) {
                    stillBound << (*q)->value(0).toString();
                }
            }
        }
        (*q)->finish();
        if (!stillBound.isEmpty()) {
            stillBound.sort();
            return makeError(Error::Code::Validation,
                             QCoreApplication::translate("tp::store",
                                                         "Attribute \"%1\" is still used by %n event(s): %2", nullptr,
                                                         int(stillBound.size()))
                                 .arg(key, stillBound.mid(0, 10).join(QStringLiteral(", "))));
        }
        m_attributes.insert(key, std::nullopt);
    } else {
        auto released = m_ctx.db->scalar(
            QStringLiteral("SELECT COUNT(*) FROM revisions r WHERE r.app_id = ? AND r.entity_kind = 'event' AND "
                           "r.entity_key = ? AND r.plan_seq <= (SELECT COALESCE(MAX(s.plan_seq), 0) FROM snapshots s "
                           "JOIN versions v ON v.id = s.version_id WHERE v.app_id = ? AND v.status = 'released')"),
            {m_appId, key, m_appId});
        if (!released) {
            return released.error();
        }
        if (released->toInt() > 0) {
            return makeError(Error::Code::Validation,
                             QCoreApplication::translate(
                                 "tp::store",
                                 "Event \"%1\" is part of a released version and cannot be deleted; set its status to "
                                 "deprecated or removed instead.")
                                 .arg(key));
        }
    }
    return writeChange(kind, key, {}, true);
}

Status ChangeWriter::discard(const QString& demandKey, EntityKind kind, const QString& key)
{
    auto r = m_ctx.db->transact<Ok>([&]() -> Status {
        if (auto s = openDemand(demandKey); !s) {
            return s;
        }
        auto d = m_ctx.db->change(
            QStringLiteral("DELETE FROM changes WHERE demand_id = ? AND entity_kind = ? AND entity_key = ?"),
            {m_demandId, toString(kind), key});
        if (!d) {
            return d.error();
        }
        if (*d == 0) {
            return makeError(
                Error::Code::NotFound,
                QCoreApplication::translate("tp::store", "Demand %1 has no change to \"%2\".").arg(demandKey, key));
        }
        return m_ctx.audit(QStringLiteral("change.discard"), QStringLiteral("change"), key, m_appKey,
                           {{QStringLiteral("demand"), demandKey}, {QStringLiteral("kind"), toString(kind)}});
    });
    return r;
}

Result<QList<Change>> ChangeWriter::changesOf(Database& db, qint64 demandId, const QString& demandKey)
{
    QList<Change> out;
    auto s = db.forEachRow(QStringLiteral("SELECT id, entity_kind, entity_key, op, base_revision, state, author, "
                                          "created_at, row_version FROM changes WHERE demand_id = ?"),
                           {demandId}, [&](const RowView& r) {
                               Change c;
                               c.id = r.int64(0);
                               c.demandKey = demandKey;
                               c.kind = fromString<EntityKind>(r.text(1)).value_or(EntityKind::Event);
                               c.entityKey = r.text(2);
                               c.op = fromString<ChangeOp>(r.text(3)).value_or(ChangeOp::Update);
                               c.baseRevision = int(r.int64(4));
                               c.state = QJsonDocument::fromJson(r.utf8(5)).object();
                               c.author = r.text(6);
                               c.createdAt = StoreContext::parseTime(r.text(7));
                               c.rowVersion = r.int64(8);
                               out.append(std::move(c));
                           });
    if (!s) {
        return s.error();
    }
    // Attributes before events, then by key: the order merges apply them in.
    std::sort(out.begin(), out.end(), [](const Change& a, const Change& b) {
        if (a.kind != b.kind) {
            return a.kind == EntityKind::Attribute;
        }
        return a.entityKey < b.entityKey;
    });
    return out;
}

Result<QJsonObject> ChangeWriter::stateAt(Database& db, qint64 appId, EntityKind kind, const QString& key, int revision)
{
    auto q =
        db.run(QStringLiteral("SELECT state FROM revisions WHERE app_id = ? AND entity_kind = ? AND entity_key = ? "
                              "AND revision = ?"),
               {appId, toString(kind), key, revision});
    if (!q) {
        return q.error();
    }
    QJsonObject o;
    if ((*q)->next()) {
        o = QJsonDocument::fromJson((*q)->value(0).toString().toUtf8()).object();
    }
    (*q)->finish();
    return o;
}

} // namespace tp
