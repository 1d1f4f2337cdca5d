#include "reviewservice.h"

#include "demandservice.h"
#include "enums.h"
#include "governanceservice.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <optional>

namespace tp {

bool ReviewState::approvalsComplete() const
{
    for (const Requirement& r : requirements) {
        if (!r.satisfied) {
            return false;
        }
    }
    for (const LevelRequest& l : levels) {
        if (l.decision != LevelDecision::Approved) {
            return false;
        }
    }
    return true;
}

QStringList ReviewState::missing() const
{
    QStringList out;
    for (const Requirement& r : requirements) {
        if (!r.satisfied) {
            out << requirementText(r);
        }
    }
    int pending = 0;
    QStringList rejected;
    for (const LevelRequest& l : levels) {
        if (l.decision == LevelDecision::Pending) {
            ++pending;
        } else if (l.decision == LevelDecision::Rejected) {
            rejected << QStringLiteral("%1 → %2").arg(l.eventKey, toString(l.to));
        }
    }
    if (pending > 0) {
        out << QCoreApplication::translate("tp::store", "%n level(s) await a data steward's approval", nullptr,
                                           pending);
    }
    if (!rejected.isEmpty()) {
        out << QCoreApplication::translate("tp::store",
                                           "Levels rejected by a data steward (change them under the demand): %1")
                   .arg(rejected.join(QStringLiteral(", ")));
    }
    return out;
}

Result<ReviewService::DemandRef> ReviewService::load(const QString& key)
{
    auto demand = DemandService(m_ctx).demand(key);
    if (!demand) {
        return demand.error();
    }
    auto q = m_ctx.db->run(QStringLiteral("SELECT id, app_id, review_round FROM demands WHERE key = ?"), {key});
    if (!q) {
        return q.error();
    }
    DemandRef ref;
    if ((*q)->next()) {
        ref.id = (*q)->value(0).toLongLong();
        ref.appId = (*q)->value(1).toLongLong();
        ref.round = (*q)->value(2).toInt();
    }
    (*q)->finish();
    ref.demand = *demand;
    return ref;
}

Status ReviewService::addReview(qint64 demandId, int round, ReviewVerdict verdict, const QString& body)
{
    auto id = m_ctx.db->insert(QStringLiteral("INSERT INTO reviews (demand_id, round, entity_kind, entity_key, author, "
                                              "verdict, body, created_at) VALUES (?, ?, '', '', ?, ?, ?, ?)"),
                               {demandId, round, m_ctx.actor, toString(verdict), body, m_ctx.nowText()});
    if (!id) {
        return id.error();
    }
    return Ok{};
}

Result<Review> ReviewService::comment(const QString& demandKey, const QString& body, std::optional<EntityKind> kind,
                                      const QString& entityKey)
{
    if (auto allowed = m_ctx.require(Permission::Comment); !allowed) {
        return allowed.error();
    }
    if (body.trimmed().isEmpty()) {
        return makeError(Error::Code::Validation,
                         QCoreApplication::translate("tp::store", "A comment needs some text."));
    }
    return m_ctx.db->transact<Review>([&]() -> Result<Review> {
        auto d = load(demandKey);
        if (!d) {
            return d.error();
        }
        if (kind) {
            auto n = m_ctx.db->scalar(QStringLiteral("SELECT COUNT(*) FROM changes WHERE demand_id = ? AND "
                                                     "entity_kind = ? AND entity_key = ?"),
                                      {d->id, toString(*kind), entityKey});
            if (!n) {
                return n.error();
            }
            if (n->toInt() == 0) {
                return makeError(Error::Code::NotFound,
                                 QCoreApplication::translate("tp::store", "Demand %1 does not change \"%2\".")
                                     .arg(demandKey, entityKey));
            }
        }
        Review r;
        r.demandKey = demandKey;
        r.round = d->round;
        r.kind = kind;
        r.entityKey = kind ? entityKey : QString();
        r.author = m_ctx.actor;
        r.verdict = ReviewVerdict::Comment;
        r.body = body.trimmed();
        r.at = m_ctx.now();
        auto id = m_ctx.db->insert(
            QStringLiteral("INSERT INTO reviews (demand_id, round, entity_kind, entity_key, author, verdict, body, "
                           "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
            {d->id, r.round, kind ? toString(*kind) : QString(), r.entityKey, r.author, toString(r.verdict), r.body,
             StoreContext::timeText(r.at)});
        if (!id) {
            return id.error();
        }
        r.id = *id;
        QJsonObject details{{QStringLiteral("body"), r.body}, {QStringLiteral("round"), r.round}};
        if (kind) {
            details.insert(QStringLiteral("on"), QStringLiteral("%1 %2").arg(toString(*kind), entityKey));
        }
        if (auto s = m_ctx.audit(QStringLiteral("demand.comment"), QStringLiteral("demand"), demandKey,
                                 d->demand.appKey, details);
            !s) {
            return s.error();
        }
        return r;
    });
}

Result<Review> ReviewService::signOff(const QString& demandKey, const QString& comment)
{
    if (auto allowed = m_ctx.require(Permission::Comment); !allowed) {
        return allowed.error();
    }
    return m_ctx.db->transact<Review>([&]() -> Result<Review> {
        auto st = state(demandKey);
        if (!st) {
            return st.error();
        }
        if (st->demand.status != DemandStatus::InReview && st->demand.status != DemandStatus::Approved) {
            return makeError(
                Error::Code::InvalidState,
                QCoreApplication::translate("tp::store", "Demand %1 is not in review; there is nothing to sign off.")
                    .arg(demandKey));
        }
        bool asked = false;
        bool given = false;
        bool sent = false;
        for (const Requirement& r : std::as_const(st->requirements)) {
            if (r.approver == Approver::EventOwner && r.user == m_ctx.actor) {
                asked = true;
                given = given || (r.satisfied && r.satisfiedBy == m_ctx.actor && !r.byAuthor);
                sent = sent || r.byAuthor;
            }
        }
        if (sent && !given) {
            return makeError(Error::Code::InvalidState,
                             QCoreApplication::translate(
                                 "tp::store", "%1 sent demand %2; an owner's approval is given by sending it.")
                                 .arg(m_ctx.actor, demandKey));
        }
        if (given) {
            return makeError(
                Error::Code::InvalidState,
                QCoreApplication::translate("tp::store", "%1 has signed off demand %2 in this round already.")
                    .arg(m_ctx.actor, demandKey));
        }
        if (!asked) {
            return makeError(Error::Code::InvalidState,
                             QCoreApplication::translate(
                                 "tp::store",
                                 "No approval rule asks %1 to sign off demand %2; they own none of its events "
                                 "that need their owner's approval.")
                                 .arg(m_ctx.actor, demandKey));
        }
        auto d = load(demandKey);
        if (!d) {
            return d.error();
        }
        if (auto s = addReview(d->id, d->round, ReviewVerdict::Approve, comment.trimmed()); !s) {
            return s.error();
        }
        QJsonObject details{{QStringLiteral("round"), d->round}, {QStringLiteral("as"), QStringLiteral("event_owner")}};
        if (!comment.trimmed().isEmpty()) {
            details.insert(QStringLiteral("comment"), comment.trimmed());
        }
        if (auto s = m_ctx.audit(QStringLiteral("demand.sign_off"), QStringLiteral("demand"), demandKey,
                                 d->demand.appKey, details);
            !s) {
            return s.error();
        }
        Review r;
        r.demandKey = demandKey;
        r.round = d->round;
        r.author = m_ctx.actor;
        r.verdict = ReviewVerdict::Approve;
        r.body = comment.trimmed();
        r.at = m_ctx.now();
        return r;
    });
}

Result<QList<Review>> ReviewService::reviews(const QString& demandKey)
{
    auto q = m_ctx.db->run(
        QStringLiteral("SELECT r.id, r.round, r.entity_kind, r.entity_key, r.author, r.verdict, r.body, r.created_at "
                       "FROM reviews r JOIN demands d ON d.id = r.demand_id WHERE d.key = ? ORDER BY r.id"),
        {demandKey});
    if (!q) {
        return q.error();
    }
    QList<Review> out;
    while ((*q)->next()) {
        const QSqlQuery& r = **q;
        Review v;
        v.id = r.value(0).toLongLong();
        v.demandKey = demandKey;
        v.round = r.value(1).toInt();
        if (const QString k = r.value(2).toString(); !k.isEmpty()) {
            v.kind = fromString<EntityKind>(k);
        }
        v.entityKey = r.value(3).toString();
        v.author = r.value(4).toString();
        v.verdict = reviewVerdictFromString(r.value(5).toString()).value_or(ReviewVerdict::Comment);
        v.body = r.value(6).toString();
        v.at = StoreContext::parseTime(r.value(7).toString());
        out.append(v);
    }
    (*q)->finish();
    return out;
}

Result<Role> ReviewService::roleOf(const QString& user)
{
    if (m_ctx.db->isPostgres()) {
        auto r = m_ctx.db->scalar(QStringLiteral("SELECT COALESCE(tp_role_of(?), '')"), {user});
        if (!r) {
            return r.error();
        }
        if (auto role = fromString<Role>(r->toString())) {
            return *role;
        }
    }
    auto q = m_ctx.db->run(QStringLiteral("SELECT role FROM users WHERE name = ?"), {user});
    if (!q) {
        return q.error();
    }
    std::optional<Role> role;
    if ((*q)->next()) {
        role = fromString<Role>((*q)->value(0).toString());
    }
    (*q)->finish();
    if (role) {
        return *role;
    }
    // Not registered and no login: as StoreContext::identity() decides, an admin acted under
    // that name (on PostgreSQL only an admin can write a review in a name not its login's).
    return Role::Admin;
}

Result<QList<GivenApproval>> ReviewService::approvals(const DemandRef& d)
{
    auto q = m_ctx.db->run(QStringLiteral("SELECT author FROM reviews WHERE demand_id = ? AND round = ? AND "
                                          "verdict = 'approve' ORDER BY id"),
                           {d.id, d.round});
    if (!q) {
        return q.error();
    }
    QStringList authors;
    while ((*q)->next()) {
        authors << (*q)->value(0).toString();
    }
    (*q)->finish();
    authors.removeDuplicates();
    QList<GivenApproval> out;
    for (const QString& a : std::as_const(authors)) {
        auto role = roleOf(a);
        if (!role) {
            return role.error();
        }
        out.append({a, *role});
    }
    return out;
}

Result<ReviewState> ReviewService::state(const QString& demandKey)
{
    auto d = load(demandKey);
    if (!d) {
        return d.error();
    }
    ReviewState st;
    st.demand = d->demand;
    st.round = d->round;
    auto rules = GovernanceService(m_ctx).approvalRules(d->demand.appKey);
    if (!rules) {
        return rules.error();
    }
    auto changes = analyse(*d);
    if (!changes) {
        return changes.error();
    }
    auto given = approvals(*d);
    if (!given) {
        return given.error();
    }
    st.requirements = evaluateRequirements(rules->rules, *changes, *given, d->demand.owner);
    auto levels = levelsOf({*d});
    if (!levels) {
        return levels.error();
    }
    st.levels = std::move(*levels);
    auto all = reviews(demandKey);
    if (!all) {
        return all.error();
    }
    st.reviews = std::move(*all);
    return st;
}

} // namespace tp
