// DemandService::resolveConflict: a data steward settles a merge conflict field by field (the
// window composes the resolved state from base / theirs / mine); the change is then based on
// the revision that is in the plan now, so the next merge applies it.

#include "demandservice.h"

#include "entityjson.h"
#include "enums.h"

#include <QCoreApplication>

#include <variant>

namespace tp {

Result<Change> DemandService::resolveConflict(const QString& demandKey, EntityKind kind, const QString& entityKey,
                                              const QJsonObject& resolved, int theirsRevision)
{
    if (auto allowed = m_ctx.require(Permission::Merge); !allowed) {
        return allowed.error();
    }
    if (!resolved.isEmpty()) {
        bool valid = true;
        QString keyInState;
        if (kind == EntityKind::Event) {
            auto e = eventFromJson(resolved, false);
            valid = std::holds_alternative<Event>(e);
            keyInState = valid ? std::get<Event>(e).key : QString();
        } else {
            auto a = attributeFromJson(resolved);
            valid = std::holds_alternative<Attribute>(a);
            keyInState = valid ? std::get<Attribute>(a).key : QString();
        }
        if (!valid || keyInState != entityKey) {
            return makeError(Error::Code::Validation,
                             QCoreApplication::translate("tp::store", "The resolved state of \"%1\" is not a valid %2.")
                                 .arg(entityKey, toString(kind)));
        }
    }
    return m_ctx.db->transact<Change>([&]() -> Result<Change> {
        auto row = load(demandKey);
        if (!row) {
            return row.error();
        }
        if (row->demand.status != DemandStatus::Approved) {
            return makeError(Error::Code::InvalidState,
                             QCoreApplication::translate("tp::store",
                                                         "Demand %1 is %2; conflicts are resolved when an approved "
                                                         "demand is merged.")
                                 .arg(demandKey, toString(row->demand.status)));
        }
        const QString table = kind == EntityKind::Event ? QStringLiteral("events") : QStringLiteral("attributes");
        auto current = m_ctx.db->scalar(
            QStringLiteral("SELECT COALESCE(MAX(revision), 0) FROM %1 WHERE app_id = ? AND key = ?").arg(table),
            {row->appId, entityKey});
        if (!current) {
            return current.error();
        }
        if (current->toInt() != theirsRevision) {
            return makeError(Error::Code::Conflict,
                             QCoreApplication::translate("tp::store",
                                                         "\"%1\" changed again in the plan (revision %2, the conflict "
                                                         "showed %3). Merge again to see the new conflict.")
                                 .arg(entityKey)
                                 .arg(current->toInt())
                                 .arg(theirsRevision));
        }
        auto q = m_ctx.db->run(QStringLiteral("SELECT id FROM changes WHERE demand_id = ? AND entity_kind = ? AND "
                                              "entity_key = ?"),
                               {row->id, toString(kind), entityKey});
        if (!q) {
            return q.error();
        }
        const qint64 changeId = (*q)->next() ? (*q)->value(0).toLongLong() : 0;
        (*q)->finish();
        if (changeId == 0) {
            return makeError(Error::Code::NotFound,
                             QCoreApplication::translate("tp::store", "Demand %1 does not change \"%2\".")
                                 .arg(demandKey, entityKey));
        }
        Change out;
        out.id = changeId;
        out.demandKey = demandKey;
        out.kind = kind;
        out.entityKey = entityKey;
        out.baseRevision = theirsRevision;
        out.state = resolved;
        QString outcome;
        if (resolved.isEmpty() && theirsRevision == 0) {
            // Both sides removed it: nothing left to apply.
            auto d = m_ctx.db->change(QStringLiteral("DELETE FROM changes WHERE id = ?"), {changeId});
            if (!d) {
                return d.error();
            }
            out.op = ChangeOp::Delete;
            outcome = QStringLiteral("dropped");
        } else {
            out.op =
                resolved.isEmpty() ? ChangeOp::Delete : (theirsRevision == 0 ? ChangeOp::Create : ChangeOp::Update);
            auto u = m_ctx.db->change(
                // The author stays the one who proposed it; the audit row names who resolved it.
                QStringLiteral("UPDATE changes SET op = ?, state = ?, base_revision = ?, "
                               "row_version = row_version + 1 WHERE id = ?"),
                {toString(out.op), resolved.isEmpty() ? QString() : QString::fromUtf8(canonicalJson(resolved)),
                 theirsRevision, changeId});
            if (!u) {
                return u.error();
            }
            outcome = toString(out.op);
        }
        if (auto s =
                m_ctx.audit(QStringLiteral("change.resolve"), QStringLiteral("change"), entityKey, row->demand.appKey,
                            {{QStringLiteral("demand"), demandKey},
                             {QStringLiteral("kind"), toString(kind)},
                             {QStringLiteral("based_on"), theirsRevision},
                             {QStringLiteral("outcome"), outcome}});
            !s) {
            return s.error();
        }
        return out;
    });
}

} // namespace tp
