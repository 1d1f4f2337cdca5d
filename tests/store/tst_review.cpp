// Review before merge in the store (issue 4), on SQLite and PostgreSQL: the merge waits for the
// approvals the app's rules ask for and for the stewards' level decisions; rounds; request
// changes; rule changes; conflict resolution; and one audit row naming the user for every
// mutating call of the review and governance API.

#include "planbuilder.h"
#include "support/backends.h"

#include "enums.h"
#include "store.h"

#include <QTest>

using namespace tp;
using namespace tp::test;

namespace {

const QString kApp = QStringLiteral("user-app");

template <typename T> QString why(const Result<T>& r)
{
    return r ? QString() : r.error().toString();
}

qint64 auditRows(Store& s)
{
    auto n = s.db().scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log"));
    return n ? n->toLongLong() : -1;
}

} // namespace

class TstReview : public QObject {
    Q_OBJECT

    Backends m_backends;

    /// A store with the app, people of every role, and one merged event `pay` (level C, owned by
    /// olga) binding `amount`. The store acts as the steward sam.
    std::unique_ptr<Store> fresh(const QString& backend)
    {
        auto s = openStore(m_backends.freshUrl(backend));
        s->setActor(QStringLiteral("root"));
        if (!s->plan().createApp(makeApp(kApp))) {
            qFatal("createApp");
        }
        for (const User& u : {User{QStringLiteral("sam"), {}, Role::DataSteward, 0},
                              User{QStringLiteral("olga"), {}, Role::ProductOwner, 0},
                              User{QStringLiteral("pete"), {}, Role::ProductOwner, 0},
                              User{QStringLiteral("ada"), {}, Role::Admin, 0}}) {
            if (!s->plan().createUser(u)) {
                qFatal("createUser");
            }
        }
        Event pay = makeEvent(QStringLiteral("pay"), {{QStringLiteral("amount"), true, {}}});
        pay.owner = QStringLiteral("olga");
        pay.level = Level::C;
        if (mergeDemand(*s, kApp, {makeAttr(QStringLiteral("amount"), AttrType::Number)}, {pay}).isEmpty()) {
            qFatal("first merge");
        }
        s->setActor(QStringLiteral("sam"));
        return s;
    }

    /// `by` (pete unless told) opens and submits a demand with `events` (and attributes), as a
    /// product owner does.
    QString submitted(Store& s, const QList<Event>& events, const QList<Attribute>& attrs = {},
                      const QString& by = QStringLiteral("pete"))
    {
        const QString actor = s.context().actor;
        s.setActor(by);
        Demand d;
        d.appKey = kApp;
        d.title = QStringLiteral("t");
        auto created = s.demands().create(d);
        QString key = created ? created->key : QString();
        for (const Attribute& a : attrs) {
            if (!s.demands().saveAttribute(key, a)) {
                key.clear();
            }
        }
        for (const Event& e : events) {
            if (!s.demands().saveEvent(key, e)) {
                key.clear();
            }
        }
        if (!key.isEmpty() && !s.demands().submit(key)) {
            key.clear();
        }
        s.setActor(actor);
        return key;
    }

    Event pay(Store& s) { return *s.plan().event(kApp, QStringLiteral("pay")); }

private Q_SLOTS:
    void initTestCase()
    {
        qunsetenv("TRACKPLAN_USER");
        QString error;
        QVERIFY2(m_backends.start(&error), qPrintable(error));
    }

    void mergeWaitsForLevelAndOwner_data() { Backends::addRows(); }
    void mergeWaitsForLevelAndOwner()
    {
        QFETCH(QString, backend);
        auto s = fresh(backend);
        Event e = pay(*s);
        e.level = Level::D; // raised to core: a level decision, and (core event) the owner's approval
        const QString key = submitted(*s, {e});
        QVERIFY(!key.isEmpty());
        QVERIFY(s->demands().approve(key, QStringLiteral("ok")));

        auto st = s->reviews().state(key);
        QVERIFY2(st, qPrintable(why(st)));
        QCOMPARE(st->round, 1);
        QCOMPARE(st->levels.size(), 1);
        QVERIFY(st->levels.first().from == Level::C);
        QVERIFY(st->levels.first().to == Level::D);
        QVERIFY(st->levels.first().decision == LevelDecision::Pending);
        QVERIFY(!st->approvalsComplete());
        QCOMPARE(st->missing().size(), 2); // olga's sign-off, the level
        auto refused = s->demands().merge(key);
        QVERIFY(!refused);
        QVERIFY(refused.error().code == Error::Code::InvalidState);
        QVERIFY2(refused.error().message.contains(QStringLiteral("olga")), qPrintable(refused.error().message));

        // The queue shows it; a product owner cannot decide it.
        auto queue = s->reviews().levelRequests(kApp, true);
        QVERIFY(queue);
        QCOMPARE(queue->size(), 1);
        QCOMPARE(queue->first().demandKey, key);
        s->setActor(QStringLiteral("olga"));
        auto denied = s->reviews().decideAllLevels(key, true, {});
        QVERIFY(!denied);
        QVERIFY(denied.error().code == Error::Code::Permission);
        // olga signs off as the event's owner; pete, who owns nothing there, may not.
        auto signedOff = s->reviews().signOff(key, QStringLiteral("同意"));
        QVERIFY2(signedOff, qPrintable(why(signedOff)));
        QVERIFY(s->reviews().signOff(key).error().code == Error::Code::InvalidState); // once per round
        s->setActor(QStringLiteral("pete"));
        QVERIFY(!s->reviews().signOff(key));
        s->setActor(QStringLiteral("sam"));

        // A rejected level blocks; a new proposal (after request changes) is pending again.
        QCOMPARE(*s->reviews().decideAllLevels(key, false, QStringLiteral("not core")), 1);
        st = s->reviews().state(key);
        QVERIFY(st->levels.first().decision == LevelDecision::Rejected);
        QVERIFY(st->missing().join(QLatin1Char(' ')).contains(QStringLiteral("pay → D")));
        QVERIFY(!s->demands().merge(key));
        QVERIFY(s->demands().requestChanges(key, QStringLiteral("keep it C, D needs alerts we lack")));
        QVERIFY(s->demands().demand(key)->status == DemandStatus::Draft);
        s->setActor(QStringLiteral("pete"));
        e.level = Level::B;
        e.description = QStringLiteral("lowered");
        QVERIFY(s->demands().saveEvent(key, e));
        QVERIFY(s->demands().submit(key));
        s->setActor(QStringLiteral("sam"));
        st = s->reviews().state(key);
        QCOMPARE(st->round, 2);
        QVERIFY(st->levels.first().to == Level::B);
        QVERIFY(st->levels.first().decision == LevelDecision::Pending);
        // The approval of round 1 no longer counts; olga's neither (pay is not core any more,
        // so her approval is not asked for).
        for (const Requirement& r : std::as_const(st->requirements)) {
            QVERIFY(!r.satisfied);
            QVERIFY(r.approver == Approver::DataSteward);
        }
        QVERIFY(s->demands().approve(key));
        QCOMPARE(*s->reviews().decideAllLevels(key, true, {}), 1);
        QVERIFY(s->reviews().state(key)->approvalsComplete());
        auto merged = s->demands().merge(key);
        QVERIFY2(merged && merged->merged, qPrintable(why(merged)));
        QVERIFY(s->plan().event(kApp, QStringLiteral("pay"))->level == Level::B);

        // The discussion kept every round.
        auto reviews = s->reviews().reviews(key);
        QVERIFY(reviews);
        QStringList verdicts;
        for (const Review& r : std::as_const(*reviews)) {
            verdicts << QStringLiteral("%1:%2:%3").arg(r.round).arg(r.author, toString(r.verdict));
        }
        QCOMPARE(verdicts,
                 (QStringList{QStringLiteral("1:sam:approve"), QStringLiteral("1:olga:approve"),
                              QStringLiteral("1:sam:request_changes"), QStringLiteral("2:sam:approve")}));
    }

    void rulesDecideWhoApproves_data() { Backends::addRows(); }
    void rulesDecideWhoApproves()
    {
        QFETCH(QString, backend);
        auto s = fresh(backend);
        // Breaking change of the attribute: owners of events that bind it must approve.
        Attribute amount = *s->plan().attribute(kApp, QStringLiteral("amount"));
        amount.type = AttrType::String;
        const QString key = submitted(*s, {}, {amount});
        QVERIFY(s->demands().approve(key));
        auto st = s->reviews().state(key);
        QStringList owners;
        for (const Requirement& r : std::as_const(st->requirements)) {
            if (r.approver == Approver::EventOwner) {
                owners << r.user;
                QVERIFY(r.reasons.first().condition == ApprovalCondition::BreakingChange);
            }
        }
        QCOMPARE(owners, QStringList{QStringLiteral("olga")});

        // The steward drops the owner from breaking changes and asks for an admin instead.
        auto rules = s->governance().approvalRules(kApp);
        QVERIFY(rules);
        QVERIFY(rules->rules == defaultApprovalRules());
        rules->rules = {{ApprovalCondition::AnyChange, {Approver::DataSteward}},
                        {ApprovalCondition::BreakingChange, {Approver::Admin}}};
        auto saved = s->governance().setApprovalRules(*rules, QStringLiteral("owners are on leave"));
        QVERIFY2(saved, qPrintable(why(saved)));
        // A stale edit is a conflict, never an overwrite.
        auto stale = s->governance().setApprovalRules(*rules, {});
        QVERIFY(!stale);
        QVERIFY(stale.error().code == Error::Code::Conflict);
        st = s->reviews().state(key);
        QCOMPARE(st->requirements.size(), 2);
        QVERIFY(st->requirements.first().satisfied); // sam, steward
        QVERIFY(!st->requirements.last().satisfied); // an admin
        s->setActor(QStringLiteral("ada"));
        QVERIFY(s->reviews().comment(key, QStringLiteral("fine by me")));
        QVERIFY(!s->reviews().state(key)->approvalsComplete());                       // a comment is no approval
        QVERIFY(s->reviews().signOff(key).error().code == Error::Code::InvalidState); // not an owner
        s->setActor(QStringLiteral("sam"));
        QVERIFY(!s->demands().merge(key));

        auto history = s->governance().history(kApp);
        QVERIFY(history);
        QCOMPARE(history->size(), 1);
        QCOMPARE(history->first().kind, QStringLiteral("rules"));
        QCOMPARE(history->first().by, QStringLiteral("sam"));
        QCOMPARE(history->first().comment, QStringLiteral("owners are on leave"));
        QVERIFY(history->first().before.isArray());
    }

    // An owner who sends a demand on their own core event has approved it by sending it: the
    // review says so, and a sign-off on top is refused with that reason.
    void ownerWhoSentTheDemand_data() { Backends::addRows(); }
    void ownerWhoSentTheDemand()
    {
        QFETCH(QString, backend);
        auto s = fresh(backend);
        Event e = pay(*s);
        e.level = Level::D;
        const QString key = submitted(*s, {e}, {}, QStringLiteral("olga"));
        QVERIFY(!key.isEmpty());
        auto st = s->reviews().state(key);
        QVERIFY2(st, qPrintable(why(st)));
        const Requirement* owner = nullptr;
        for (const Requirement& r : std::as_const(st->requirements)) {
            if (r.approver == Approver::EventOwner) {
                owner = &r;
            }
        }
        QVERIFY(owner);
        QCOMPARE(owner->user, QStringLiteral("olga"));
        QVERIFY(owner->satisfied);
        QVERIFY(owner->byAuthor);
        s->setActor(QStringLiteral("olga"));
        auto refused = s->reviews().signOff(key);
        QVERIFY(!refused);
        QVERIFY(refused.error().code == Error::Code::InvalidState);
        QVERIFY2(refused.error().message.contains(QStringLiteral("olga sent demand")),
                 qPrintable(refused.error().message));
        // A steward's approval still counts as usual, and is not "sent".
        s->setActor(QStringLiteral("sam"));
        QVERIFY(s->demands().approve(key));
        st = s->reviews().state(key);
        QVERIFY(!st->requirements.first().byAuthor);
        QCOMPARE(st->requirements.first().satisfiedBy, QStringLiteral("sam"));
    }

    // A steward decides levels of two demands at once (the Governance page's queue): one audit
    // row for the call, naming the app and, in its details, both demands.
    void levelsOfTwoDemandsOneAuditRow_data() { Backends::addRows(); }
    void levelsOfTwoDemandsOneAuditRow()
    {
        QFETCH(QString, backend);
        auto s = fresh(backend);
        Event e = pay(*s);
        e.level = Level::D;
        const QString first = submitted(*s, {e});
        e.level = Level::B;
        const QString second = submitted(*s, {e});
        QVERIFY(!first.isEmpty() && !second.isEmpty());
        const qint64 before = auditRows(*s);
        auto decided = s->reviews().decideLevels({{first, QStringLiteral("pay")}, {second, QStringLiteral("pay")}},
                                                 false, QStringLiteral("not now"));
        QVERIFY2(decided, qPrintable(why(decided)));
        QCOMPARE(*decided, 2);
        QCOMPARE(auditRows(*s), before + 1);
        AuditFilter newest;
        newest.limit = 1;
        auto rows = s->audit(newest);
        QVERIFY(rows && rows->size() == 1);
        const AuditEntry& row = rows->first();
        QCOMPARE(row.action, QStringLiteral("level.reject"));
        QCOMPARE(row.actor, QStringLiteral("sam"));
        QCOMPARE(row.appKey, kApp);
        QVERIFY(row.entityKey.isEmpty());
        const QStringList both{first, second};
        QCOMPARE(row.details.value(QStringLiteral("demands")).toVariant().toStringList(), both);
        QCOMPARE(row.details.value(QStringLiteral("count")).toInt(), 2);
    }

    // The review reads only the part of the plan a demand touches, or the whole plan when it
    // touches much of it: both ways must find the same approvals and levels.
    void analysisOfSmallAndLargeDemands_data() { Backends::addRows(); }
    void analysisOfSmallAndLargeDemands()
    {
        QFETCH(QString, backend);
        for (const int n : {5, 260}) {
            auto s = fresh(backend);
            s->setActor(QStringLiteral("root"));
            QVERIFY(s->plan().createUser(User{QStringLiteral("otto"), {}, Role::ProductOwner, 0}));
            Attribute phone = makeAttr(QStringLiteral("phone"));
            phone.privacy = Privacy::Personal;
            QList<Attribute> attrs{phone};
            QList<Event> events;
            for (int i = 0; i < n; ++i) {
                const QString a0 = QStringLiteral("a_%1_0").arg(i);
                const QString a1 = QStringLiteral("a_%1_1").arg(i);
                attrs << makeAttr(a0, AttrType::Number) << makeAttr(a1);
                Event e = makeEvent(QStringLiteral("ev%1").arg(i, 3, 10, QLatin1Char('0')),
                                    {{a0, true, {}}, {a1, false, {}}});
                e.owner = i == 1 ? QStringLiteral("olga") : (i == 2 ? QStringLiteral("otto") : e.owner);
                e.level = i == 1 ? Level::D : Level::B;
                events << e;
            }
            QVERIFY(!mergeDemand(*s, kApp, attrs, events).isEmpty());
            s->setActor(QStringLiteral("sam"));
            auto rules = s->governance().approvalRules(kApp);
            QVERIFY(rules);
            rules->rules << ApprovalRule{ApprovalCondition::SensitiveAttribute, {Approver::Admin}};
            QVERIFY(s->governance().setApprovalRules(*rules, {}));

            // Every event's description changes; ev001 is core, ev002's attribute a_2_0 changes
            // type (breaking for both), ev003 binds the personal phone, ev004 is raised to C.
            for (Event& e : events) {
                e.description += QStringLiteral(" v2");
            }
            events[3].bindings << Binding{QStringLiteral("phone"), false, {}};
            events[4].level = Level::C;
            Attribute changed = attrs.at(5); // a_2_0
            QCOMPARE(changed.key, QStringLiteral("a_2_0"));
            changed.type = AttrType::String;
            s->setActor(QStringLiteral("pete"));
            Demand d;
            d.appKey = kApp;
            d.title = QStringLiteral("many");
            auto created = s->demands().create(d);
            QVERIFY(created);
            auto saved = s->demands().saveBatch(created->key, {changed}, events, {});
            QVERIFY2(saved, qPrintable(why(saved)));
            QVERIFY(s->demands().submit(created->key));
            s->setActor(QStringLiteral("sam"));

            auto st = s->reviews().state(created->key);
            QVERIFY2(st, qPrintable(why(st)));
            QStringList found;
            for (const Requirement& r : std::as_const(st->requirements)) {
                QStringList reasons;
                for (const RequirementReason& why : r.reasons) {
                    if (why.condition != ApprovalCondition::AnyChange) {
                        reasons << QStringLiteral("%1 %2").arg(toString(why.condition), why.entityKey);
                    }
                }
                reasons.sort();
                found << QStringLiteral("%1 %2: %3")
                             .arg(toString(r.approver), r.user, reasons.join(QStringLiteral(", ")));
            }
            const QStringList expected{
                QStringLiteral("data_steward : breaking_change a_2_0, breaking_change ev002, core_event ev001"),
                QStringLiteral("event_owner olga: core_event ev001"),
                QStringLiteral("event_owner otto: breaking_change a_2_0, breaking_change ev002"),
                QStringLiteral("admin : sensitive_attribute ev003"),
            };
            QCOMPARE(found, expected);
            QCOMPARE(st->levels.size(), 1);
            QCOMPARE(st->levels.first().eventKey, QStringLiteral("ev004"));
            QVERIFY(st->levels.first().from == Level::B);
            QVERIFY(st->levels.first().to == Level::C);
        }
    }

    void conflictResolution_data() { Backends::addRows(); }
    void conflictResolution()
    {
        QFETCH(QString, backend);
        auto s = fresh(backend);
        Event mine = pay(*s);
        mine.description = QStringLiteral("mine");
        mine.trigger = QStringLiteral("mine trigger");
        const QString key = submitted(*s, {mine});
        QVERIFY(s->demands().approve(key));
        // Meanwhile another demand changes the same event.
        Event theirs = pay(*s);
        theirs.description = QStringLiteral("theirs");
        theirs.category = QStringLiteral("theirs category");
        const QString other = submitted(*s, {theirs});
        QVERIFY(s->demands().approve(other));
        QVERIFY(completeReview(*s, other));
        QVERIFY(s->demands().merge(other)->merged);

        auto conflicted = s->demands().merge(key);
        QVERIFY(conflicted && !conflicted->merged);
        QCOMPARE(conflicted->conflicts.size(), 1);
        const MergeConflict c = conflicted->conflicts.first();
        // Keep my trigger, take their category, edit the description.
        QJsonObject resolved = c.mine;
        resolved.insert(QStringLiteral("category"), c.theirs.value(QStringLiteral("category")));
        resolved.insert(QStringLiteral("description"), QStringLiteral("both"));

        s->setActor(QStringLiteral("pete"));
        auto denied = s->demands().resolveConflict(key, c.kind, c.entityKey, resolved, c.currentRevision);
        QVERIFY(!denied);
        QVERIFY(denied.error().code == Error::Code::Permission);
        s->setActor(QStringLiteral("sam"));
        auto wrongBase = s->demands().resolveConflict(key, c.kind, c.entityKey, resolved, c.currentRevision - 1);
        QVERIFY(!wrongBase);
        QVERIFY(wrongBase.error().code == Error::Code::Conflict);
        QJsonObject broken = resolved;
        broken.insert(QStringLiteral("level"), QStringLiteral("Z"));
        QVERIFY(s->demands().resolveConflict(key, c.kind, c.entityKey, broken, c.currentRevision).error().code
                == Error::Code::Validation);
        const qint64 before = auditRows(*s);
        auto ok = s->demands().resolveConflict(key, c.kind, c.entityKey, resolved, c.currentRevision);
        QVERIFY2(ok, qPrintable(why(ok)));
        QCOMPARE(auditRows(*s) - before, 1);
        QCOMPARE(ok->baseRevision, c.currentRevision);
        auto merged = s->demands().merge(key);
        QVERIFY2(merged && merged->merged, qPrintable(why(merged)));
        const Event after = pay(*s);
        QCOMPARE(after.trigger, QStringLiteral("mine trigger"));
        QCOMPARE(after.category, QStringLiteral("theirs category"));
        QCOMPARE(after.description, QStringLiteral("both"));
        // The change still names the one who proposed it; the audit log who resolved it.
        const auto resolvedBy = s->audit(auditFilter({}, QStringLiteral("change.resolve")));
        QCOMPARE(resolvedBy->size(), 1);
        QCOMPARE(resolvedBy->first().actor, QStringLiteral("sam"));
    }

    void everyMutationOneAuditRow_data() { Backends::addRows(); }
    void everyMutationOneAuditRow()
    {
        // Each mutating call of the review and governance API writes exactly one audit row,
        // naming the acting user (the store's own calls are covered by tst_access's matrix).
        QFETCH(QString, backend);
        auto s = fresh(backend);
        Event e = pay(*s);
        e.level = Level::D;
        const QString key = submitted(*s, {e});
        struct Step {
            const char* name;
            QString user;
            std::function<bool()> run;
            QString action;
        };
        Demand draft;
        draft.appKey = kApp;
        draft.title = QStringLiteral("second");
        QString second;
        const QList<Step> steps{
            {"comment", QStringLiteral("pete"), [&] { return s->reviews().comment(key, QStringLiteral("hi")).ok(); },
             QStringLiteral("demand.comment")},
            {"comment on a change", QStringLiteral("olga"),
             [&] {
                 return s->reviews()
                     .comment(key, QStringLiteral("why D?"), EntityKind::Event, QStringLiteral("pay"))
                     .ok();
             },
             QStringLiteral("demand.comment")},
            {"sign off", QStringLiteral("olga"), [&] { return s->reviews().signOff(key).ok(); },
             QStringLiteral("demand.sign_off")},
            {"approve", QStringLiteral("sam"), [&] { return s->demands().approve(key).ok(); },
             QStringLiteral("demand.approve")},
            {"decide a level", QStringLiteral("sam"),
             [&] {
                 return s->reviews().decideLevels({{key, QStringLiteral("pay")}}, true, {}).ok();
             },
             QStringLiteral("level.approve")},
            {"request changes", QStringLiteral("sam"),
             [&] { return s->demands().requestChanges(key, QStringLiteral("again")).ok(); },
             QStringLiteral("demand.request_changes")},
            {"submit", QStringLiteral("pete"), [&] { return s->demands().submit(key).ok(); },
             QStringLiteral("demand.submit")},
            {"reject", QStringLiteral("ada"), [&] { return s->demands().reject(key, QStringLiteral("no")).ok(); },
             QStringLiteral("demand.reject")},
            {"reopen", QStringLiteral("pete"), [&] { return s->demands().reopen(key).ok(); },
             QStringLiteral("demand.reopen")},
            {"cancel", QStringLiteral("pete"), [&] { return s->demands().cancel(key).ok(); },
             QStringLiteral("demand.cancel")},
            {"create", QStringLiteral("olga"),
             [&] {
                 auto d = s->demands().create(draft);
                 second = d ? d->key : QString();
                 return d.ok();
             },
             QStringLiteral("demand.create")},
            {"update", QStringLiteral("olga"),
             [&] {
                 Demand d = *s->demands().demand(second);
                 d.title = QStringLiteral("renamed");
                 return s->demands().update(d).ok();
             },
             QStringLiteral("demand.update")},
            {"save", QStringLiteral("olga"),
             [&] { return s->demands().saveAttribute(second, makeAttr(QStringLiteral("tip"))).ok(); },
             QStringLiteral("change.save")},
            {"discard", QStringLiteral("olga"),
             [&] { return s->demands().discard(second, EntityKind::Attribute, QStringLiteral("tip")).ok(); },
             QStringLiteral("change.discard")},
            {"rules", QStringLiteral("sam"),
             [&] {
                 ApprovalRules r = *s->governance().approvalRules(kApp);
                 r.rules.append({ApprovalCondition::Removal, {Approver::Admin}});
                 return s->governance().setApprovalRules(r, QStringLiteral("removals")).ok();
             },
             QStringLiteral("rules.update")},
            {"policy", QStringLiteral("sam"),
             [&] {
                 GovernancePolicy p = *s->plan().policy(kApp);
                 p.levels[0].quarantine = false;
                 return s->plan().setPolicy(p, QStringLiteral("drop A")).ok();
             },
             QStringLiteral("policy.update")},
            {"set role", QStringLiteral("ada"),
             [&] { return s->access().setRole(QStringLiteral("pete"), Role::Analyst).ok(); },
             QStringLiteral("user.set_role")},
        };
        for (const Step& step : steps) {
            s->setActor(step.user);
            const qint64 before = auditRows(*s);
            QVERIFY2(step.run(), step.name);
            QVERIFY2(auditRows(*s) - before == 1, step.name);
            auto last = s->audit(auditFilter({}, {}, 1));
            QVERIFY(last && last->size() == 1);
            QCOMPARE(last->first().actor, step.user);
            QCOMPARE(last->first().action, step.action);
        }
    }
};

QTEST_GUILESS_MAIN(TstReview)
#include "tst_review.moc"
