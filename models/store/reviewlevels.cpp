// ReviewService: the governance levels set under demands and the data stewards' decisions on them.

#include "reviewservice.h"

#include "changewriter.h"
#include "enums.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QSet>

#include <algorithm>

namespace tp {
Result<QList<LevelRequest>> ReviewService::levelsOf(const QList<DemandRef>& demands)
{
    QList<LevelRequest> out;
    QHash<qint64, QHash<QString, Level>> levelsByApp; // the plan's levels, read once per app
    for (const DemandRef& d : demands) {
        auto loaded = changesOf(d);
        if (!loaded) {
            return loaded.error();
        }
        const QList<Change>* changes = loaded->get();
        if (std::none_of(changes->cbegin(), changes->cend(),
                         [](const Change& c) { return c.kind == EntityKind::Event && c.op != ChangeOp::Delete; })) {
            continue;
        }
        const auto changedEvents = std::count_if(changes->cbegin(), changes->cend(),
                                                 [](const Change& c) { return c.kind == EntityKind::Event; });
        QHash<QString, Level> few; // a demand of a few events reads just their levels
        if (changedEvents <= kFewEvents && !levelsByApp.contains(d.appId)) {
            for (const Change& c : std::as_const(*changes)) {
                if (c.kind != EntityKind::Event || c.op == ChangeOp::Delete) {
                    continue;
                }
                auto s =
                    m_ctx.db->forEachRow(QStringLiteral("SELECT key, level FROM events WHERE app_id = ? AND key = ?"),
                                         {d.appId, c.entityKey}, [&few](const RowView& row) {
                                             few.insert(row.text(0), fromString<Level>(row.text(1)).value_or(Level::B));
                                         });
                if (!s) {
                    return s.error();
                }
            }
        } else if (!levelsByApp.contains(d.appId)) {
            QHash<QString, Level> levels;
            auto s =
                m_ctx.db->forEachRow(QStringLiteral("SELECT key, level FROM events WHERE app_id = ?"), {d.appId},
                                     [&levels](const RowView& row) {
                                         levels.insert(row.text(0), fromString<Level>(row.text(1)).value_or(Level::B));
                                     });
            if (!s) {
                return s.error();
            }
            levelsByApp.insert(d.appId, std::move(levels));
        }
        const QHash<QString, Level>& plan = levelsByApp.contains(d.appId) ? levelsByApp[d.appId] : few;
        QHash<QString, LevelRequest> decided; // "event\tlevel" -> decision
        auto q = m_ctx.db->run(QStringLiteral("SELECT event_key, level, decision, decided_by, decided_at, comment "
                                              "FROM level_approvals WHERE demand_id = ?"),
                               {d.id});
        if (!q) {
            return q.error();
        }
        while ((*q)->next()) {
            LevelRequest r;
            r.decision = (*q)->value(2).toString() == QLatin1String("approved") ? LevelDecision::Approved
                                                                                : LevelDecision::Rejected;
            r.decidedBy = (*q)->value(3).toString();
            r.decidedAt = StoreContext::parseTime((*q)->value(4).toString());
            r.comment = (*q)->value(5).toString();
            decided.insert((*q)->value(0).toString() + QLatin1Char('\t') + (*q)->value(1).toString(), r);
        }
        (*q)->finish();
        for (const Change& c : std::as_const(*changes)) {
            if (c.kind != EntityKind::Event || c.op == ChangeOp::Delete) {
                continue;
            }
            const QJsonObject& s = c.state;
            const auto to = fromString<Level>(s.value(QStringLiteral("level")).toString());
            if (!to) {
                continue;
            }
            std::optional<Level> from;
            if (auto it = plan.constFind(c.entityKey); it != plan.constEnd()) {
                from = *it;
            }
            if (from == to) {
                continue;
            }
            LevelRequest r = decided.value(c.entityKey + QLatin1Char('\t') + toString(*to));
            r.appKey = d.demand.appKey;
            r.demandKey = d.demand.key;
            r.demandTitle = d.demand.title;
            r.demandStatus = d.demand.status;
            r.eventKey = c.entityKey;
            r.eventName = s.value(QStringLiteral("display_name")).toString();
            r.category = s.value(QStringLiteral("category")).toString();
            r.owner = s.value(QStringLiteral("owner")).toString();
            r.proposedBy = c.author;
            r.from = from;
            r.to = *to;
            out.append(r);
        }
    }
    return out;
}

Result<QList<LevelRequest>> ReviewService::levelRequests(const QString& appKey, bool pendingOnly)
{
    QString sql = QStringLiteral("SELECT d.key FROM demands d JOIN apps a ON a.id = d.app_id WHERE d.status IN "
                                 "('in_review', 'approved')");
    QVariantList args;
    if (!appKey.isEmpty()) {
        sql += QStringLiteral(" AND a.key = ?");
        args << appKey;
    }
    auto q = m_ctx.db->run(sql + QStringLiteral(" ORDER BY d.key"), args);
    if (!q) {
        return q.error();
    }
    QStringList keys;
    while ((*q)->next()) {
        keys << (*q)->value(0).toString();
    }
    (*q)->finish();
    QList<DemandRef> refs;
    for (const QString& k : std::as_const(keys)) {
        auto d = load(k);
        if (!d) {
            return d.error();
        }
        refs.append(*d);
    }
    auto all = levelsOf(refs);
    if (!all) {
        return all;
    }
    if (pendingOnly) {
        all->removeIf([](const LevelRequest& r) { return r.decision != LevelDecision::Pending; });
    }
    std::stable_sort(all->begin(), all->end(), [](const LevelRequest& a, const LevelRequest& b) {
        return (a.decision == LevelDecision::Pending) > (b.decision == LevelDecision::Pending);
    });
    return all;
}

Result<ReviewService::DemandLevels> ReviewService::levelsToDecide(const QString& demandKey)
{
    auto d = load(demandKey);
    if (!d) {
        return d.error();
    }
    if (!isOpen(d->demand.status)) {
        return makeError(Error::Code::InvalidState,
                         QCoreApplication::translate("tp::store", "Demand %1 is settled; its levels cannot be decided.")
                             .arg(demandKey));
    }
    auto levels = levelsOf({*d});
    if (!levels) {
        return levels.error();
    }
    DemandLevels out{d->id, d->demand.appKey, {}};
    for (const LevelRequest& r : std::as_const(*levels)) {
        out.byEvent.insert(r.eventKey, r);
    }
    return out;
}

Result<int> ReviewService::decideAllLevels(const QString& demandKey, bool approve, const QString& comment)
{
    if (auto allowed = m_ctx.require(Permission::ApproveLevels); !allowed) {
        return allowed.error();
    }
    auto levels = levelsToDecide(demandKey);
    if (!levels) {
        return levels.error();
    }
    QList<std::pair<QString, QString>> items;
    for (const LevelRequest& r : std::as_const(levels->byEvent)) {
        if (r.decision == LevelDecision::Pending) {
            items.append({demandKey, r.eventKey});
        }
    }
    std::sort(items.begin(), items.end());
    return decide(items, approve, comment, {{demandKey, *levels}});
}

Result<int> ReviewService::decideLevels(const QList<std::pair<QString, QString>>& items, bool approve,
                                        const QString& comment)
{
    if (auto allowed = m_ctx.require(Permission::ApproveLevels); !allowed) {
        return allowed.error();
    }
    return decide(items, approve, comment, {});
}

Result<int> ReviewService::decide(const QList<std::pair<QString, QString>>& items, bool approve, const QString& comment,
                                  QHash<QString, DemandLevels> known)
{
    if (items.isEmpty()) {
        return 0;
    }
    const QString decision = approve ? QStringLiteral("approved") : QStringLiteral("rejected");
    return m_ctx.db->transact<int>([&]() -> Result<int> {
        QJsonArray decided;
        QSet<QString> demands;
        QSet<QString> apps;
        constexpr int kListed = 100; // the audit row names the first ones and counts them all
        for (const auto& [demandKey, eventKey] : items) {
            if (!known.contains(demandKey)) {
                auto levels = levelsToDecide(demandKey);
                if (!levels) {
                    return levels.error();
                }
                known.insert(demandKey, *levels);
            }
            const DemandLevels& levels = known[demandKey];
            demands.insert(demandKey);
            apps.insert(levels.appKey);
            auto it = levels.byEvent.constFind(eventKey);
            if (it == levels.byEvent.constEnd()) {
                return makeError(
                    Error::Code::NotFound,
                    QCoreApplication::translate("tp::store", "Demand %1 sets no new level for event \"%2\".")
                        .arg(demandKey, eventKey));
            }
            const QString level = toString(it->to);
            const QString from = it->from ? toString(*it->from) : QString();
            const QVariantList keyArgs{levels.id, eventKey, level};
            const QVariantList values{from, decision, m_ctx.actor, m_ctx.nowText(), comment.trimmed()};
            auto n = m_ctx.db->change(
                QStringLiteral("UPDATE level_approvals SET from_level = ?, decision = ?, decided_by = ?, "
                               "decided_at = ?, comment = ? WHERE demand_id = ? AND event_key = ? AND level = ?"),
                values + keyArgs);
            if (!n) {
                return n.error();
            }
            if (*n == 0) {
                auto id = m_ctx.db->insert(
                    QStringLiteral("INSERT INTO level_approvals (demand_id, event_key, level, from_level, decision, "
                                   "decided_by, decided_at, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                    keyArgs + values);
                if (!id) {
                    return id.error();
                }
            }
            if (decided.size() < kListed) {
                decided.append(QStringLiteral("%1 %2 %3→%4")
                                   .arg(demandKey, eventKey, from.isEmpty() ? QStringLiteral("-") : from, level));
            }
        }
        QJsonObject details{{QStringLiteral("levels"), decided}, {QStringLiteral("count"), int(items.size())}};
        if (!comment.trimmed().isEmpty()) {
            details.insert(QStringLiteral("comment"), comment.trimmed());
        }
        // One row for the call: the demand when there is one, else the list of them in the details
        // (and the app when they share it, as a Governance page decision does).
        const bool one = demands.size() == 1;
        if (!one) {
            QStringList keys(demands.cbegin(), demands.cend());
            keys.sort();
            details.insert(QStringLiteral("demands"), QJsonArray::fromStringList(keys));
        }
        if (auto s = m_ctx.audit(approve ? QStringLiteral("level.approve") : QStringLiteral("level.reject"),
                                 QStringLiteral("demand"), one ? *demands.cbegin() : QString(),
                                 apps.size() == 1 ? *apps.cbegin() : QString(), details);
            !s) {
            return s.error();
        }
        return int(items.size());
    });
}

} // namespace tp
