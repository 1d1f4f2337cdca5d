// ReviewService: what a demand's changes mean for its approval (levels, schema change classes,
// sensitive attributes, owners), read against the part of the plan they touch.

#include "reviewservice.h"

#include "changewriter.h"
#include "entityjson.h"
#include "rows.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <optional>

namespace tp {
namespace {

/// Up to this many attributes a review reads them one by one; beyond, all of the app's at once.
constexpr qsizetype kFewAttributes = 500;

/// Fills `out` with the entities named `keys` that exist: one `load(key)` each when there are at
/// most `few` of them, else one `load({})` of all of them.
template <typename T, typename Load>
Status loadSome(QHash<QString, T>& out, const QSet<QString>& keys, qsizetype few, const Load& load)
{
    if (keys.size() > few) {
        auto all = load(QString());
        if (!all) {
            return all.error();
        }
        for (T& entity : *all) {
            if (keys.contains(entity.key)) {
                out.insert(entity.key, std::move(entity));
            }
        }
        return Ok{};
    }
    for (const QString& k : keys) {
        auto one = load(k);
        if (!one) {
            return one.error();
        }
        if (!one->isEmpty()) {
            out.insert(k, std::move(one->first()));
        }
    }
    return Ok{};
}

bool isPrivate(const Attribute* a)
{
    return a && (a->privacy == Privacy::Personal || a->privacy == Privacy::Sensitive);
}

} // namespace

Result<std::shared_ptr<QList<Change>>> ReviewService::changesOf(const DemandRef& d)
{
    if (!d.changes) {
        auto changes = ChangeWriter::changesOf(*m_ctx.db, d.id, d.demand.key);
        if (!changes) {
            return changes.error();
        }
        d.changes = std::make_shared<QList<Change>>(std::move(*changes));
    }
    return d.changes;
}

Result<QList<ReviewedChange>> ReviewService::analyse(const DemandRef& d)
{
    auto loaded = changesOf(d);
    if (!loaded) {
        return loaded.error();
    }
    const QList<Change>* changes = loaded->get();

    // The plan as the changes find it: only the events and attributes they touch are read. A demand
    // of thousands of new events (a batch import, the demo) has nothing to compare them with, and
    // reading the whole plan on each sign-off and merge made those the slowest steps of a review.
    QSet<QString> changedEvents;
    QHash<QString, std::optional<Attribute>> proposed; // the demand's attributes; nullopt: removed
    for (const Change& c : std::as_const(*changes)) {
        if (c.kind == EntityKind::Event) {
            changedEvents.insert(c.entityKey);
        } else if (c.op == ChangeOp::Delete) {
            proposed.insert(c.entityKey, std::nullopt);
        } else if (auto a = attributeFromJson(c.state); std::holds_alternative<Attribute>(a)) {
            proposed.insert(c.entityKey, std::get<Attribute>(a));
        }
    }
    QSet<QString> existing; // changed events that are in the plan now
    if (changedEvents.size() <= ReviewService::kFewEvents) {
        existing = changedEvents; // each is read below; those not in the plan come back empty
    } else {
        auto s = m_ctx.db->forEachRow(QStringLiteral("SELECT key FROM events WHERE app_id = ?"), {d.appId},
                                      [&](const RowView& row) {
                                          const QString k = row.text(0);
                                          if (changedEvents.contains(k)) {
                                              existing.insert(k);
                                          }
                                      });
        if (!s) {
            return s.error();
        }
    }
    QHash<QString, Event> plan;
    if (auto s = loadSome(plan, existing, ReviewService::kFewEvents,
                          [&](const QString& k) { return rows::loadEvents(*m_ctx.db, d.appId, k); });
        !s) {
        return s.error();
    }

    // The plan's attributes that the changes name: those of the demand's attribute changes and the
    // bindings of the events before and after.
    QSet<QString> wanted;
    for (auto it = proposed.cbegin(); it != proposed.cend(); ++it) {
        wanted.insert(it.key());
    }
    for (const Event& e : std::as_const(plan)) {
        for (const Binding& b : e.bindings) {
            wanted.insert(b.attributeKey);
        }
    }
    for (const Change& c : std::as_const(*changes)) {
        if (c.kind != EntityKind::Event || c.op == ChangeOp::Delete) {
            continue;
        }
        const QJsonArray bindings = c.state.value(QLatin1String("bindings")).toArray();
        for (const QJsonValue& b : bindings) {
            const QString k = b.toObject().value(QLatin1String("attribute")).toString();
            if (!proposed.contains(k)) {
                wanted.insert(k);
            }
        }
    }
    QHash<QString, Attribute> before;
    if (auto s = loadSome(before, wanted, kFewAttributes,
                          [&](const QString& k) { return rows::loadAttributes(*m_ctx.db, d.appId, k); });
        !s) {
        return s.error();
    }
    const AttributeLookup lookupBefore = [&before](const QString& k) -> const Attribute* {
        auto it = before.constFind(k);
        return it == before.constEnd() ? nullptr : &*it;
    };
    const AttributeLookup lookupAfter = [&before, &proposed](const QString& k) -> const Attribute* {
        if (auto p = proposed.constFind(k); p != proposed.constEnd()) {
            return p->has_value() ? &p->value() : nullptr;
        }
        auto it = before.constFind(k);
        return it == before.constEnd() ? nullptr : &*it;
    };

    QList<ReviewedChange> out;
    for (const Change& c : std::as_const(*changes)) {
        ReviewedChange rc;
        rc.kind = c.kind;
        rc.key = c.entityKey;
        rc.op = c.op;
        if (c.kind == EntityKind::Attribute) {
            const Attribute* was = lookupBefore(c.entityKey);
            const Attribute* now = c.op == ChangeOp::Delete ? nullptr : lookupAfter(c.entityKey);
            if (was && now) {
                rc.schemaClass = highestClass(explainAttributeChange(*was, *now));
            }
            rc.sensitive = c.op != ChangeOp::Delete && (isPrivate(was) || isPrivate(now));
            if (was) {
                auto q = m_ctx.db->run(
                    QStringLiteral("SELECT DISTINCT e.owner FROM bindings b JOIN events e ON e.id = b.event_id "
                                   "JOIN attributes a ON a.id = b.attribute_id WHERE a.app_id = ? AND a.key = ? "
                                   "AND e.owner <> '' ORDER BY e.owner"),
                    {d.appId, c.entityKey});
                if (!q) {
                    return q.error();
                }
                while ((*q)->next()) {
                    rc.owners << (*q)->value(0).toString();
                }
                (*q)->finish();
            }
            out.append(rc);
            continue;
        }
        const auto found = plan.constFind(c.entityKey);
        const Event* was = found == plan.constEnd() ? nullptr : &*found;
        std::optional<Event> now;
        if (c.op != ChangeOp::Delete) {
            if (auto e = eventFromJson(c.state, false); std::holds_alternative<Event>(e)) {
                now = std::get<Event>(e);
            }
        }
        if (was) {
            rc.levelBefore = was->level;
        }
        if (now) {
            rc.levelAfter = now->level;
            if (was) {
                rc.schemaClass = classifyEventChange(*was, lookupBefore, *now, lookupAfter);
            }
            QSet<QString> bound;
            if (was) {
                for (const Binding& b : was->bindings) {
                    bound.insert(b.attributeKey);
                }
            }
            for (const Binding& b : std::as_const(now->bindings)) {
                rc.sensitive =
                    rc.sensitive || (!bound.contains(b.attributeKey) && isPrivate(lookupAfter(b.attributeKey)));
            }
        }
        const QString owner = now && !now->owner.isEmpty() ? now->owner : (was ? was->owner : QString());
        if (!owner.isEmpty()) {
            rc.owners << owner;
        }
        out.append(rc);
    }
    return out;
}

} // namespace tp
