// Change sets under demands: save, diff, workflow, atomic merge, conflicts, schema versions,
// revisions and audit rows — on SQLite and on a real PostgreSQL.
#include "support/review.h"
#include "planbuilder.h"
#include "plandiff.h"
#include "support/backends.h"

#include <QtTest>

using namespace tp;
using namespace tp::test;

class TstChangeset : public QObject {
    Q_OBJECT

private:
    Backends m_backends;

    std::unique_ptr<Store> fresh(const QString& backend, QString* url = nullptr)
    {
        const QString u = m_backends.freshUrl(backend);
        if (url) {
            *url = u;
        }
        auto s = openStore(u);
        auto a = s->plan().createApp(makeApp(QStringLiteral("user-app")));
        if (!a) {
            qFatal("createApp: %s", qPrintable(a.error().message));
        }
        return s;
    }

    static int count(Store& s, const QString& table)
    {
        auto v = s.db().scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(table));
        return v ? v->toInt() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        QVERIFY2(m_backends.start(&error), qPrintable(error));
    }

    void mergeAppliesAndRecords_data() { Backends::addRows(); }
    void mergeAppliesAndRecords()
    {
        QFETCH(QString, backend);
        auto s = fresh(backend);
        s->setActor(QStringLiteral("alice"));
        auto d = s->demands().create(Demand{{},
                                            QStringLiteral("user-app"),
                                            QStringLiteral("下单埋点"),
                                            {},
                                            {},
                                            Priority::P1,
                                            {},
                                            {},
                                            DemandStatus::Draft,
                                            {},
                                            {},
                                            0});
        QVERIFY2(d, qPrintable(d ? QString() : d.error().message));
        QCOMPARE(d->key, QStringLiteral("DEM-0001"));
        QCOMPARE(d->owner, QStringLiteral("alice"));
        const int auditBefore = count(*s, QStringLiteral("audit_log"));

        Attribute amount = makeAttr(QStringLiteral("order_amount"), AttrType::Number);
        amount.minValue = 0;
        QVERIFY(s->demands().saveAttribute(d->key, makeAttr(QStringLiteral("order_id"))));
        QVERIFY(s->demands().saveAttribute(d->key, amount));
        QVERIFY(s->demands().saveAttribute(d->key, makeAttr(QStringLiteral("vehicle_type"), AttrType::Enum)));
        Event submit = makeEvent(QStringLiteral("order_submit"),
                                 {{QStringLiteral("order_id"), true, {}},
                                  {QStringLiteral("order_amount"), true, {}},
                                  {QStringLiteral("vehicle_type"), false, {}}});
        auto change = s->demands().saveEvent(d->key, submit);
        QVERIFY2(change, qPrintable(change ? QString() : change.error().message));
        QCOMPARE(change->op, ChangeOp::Create);
        QCOMPARE(change->baseRevision, 0);
        // Saving again updates the same pending change.
        submit.description = QStringLiteral("提交订单");
        QVERIFY(s->demands().saveEvent(d->key, submit));
        QCOMPARE(count(*s, QStringLiteral("changes")), 4);
        QCOMPARE(count(*s, QStringLiteral("audit_log")), auditBefore + 5);

        // Pending: nothing in the plan yet.
        QCOMPARE(s->plan().plan(QStringLiteral("user-app"))->events.size(), 0);

        auto diff = s->demands().diff(d->key);
        QVERIFY(diff);
        QCOMPARE(diff->size(), 4);
        const ChangeDiff& ev = diff->last();
        QCOMPARE(ev.change.entityKey, QStringLiteral("order_submit"));
        bool sawDescription = false;
        for (const FieldChange& f : ev.fields) {
            if (f.field == QLatin1String("description")) {
                sawDescription = true;
                QCOMPARE(f.after.toString(), QStringLiteral("提交订单"));
            }
        }
        QVERIFY(sawDescription);

        QVERIFY(s->demands().submit(d->key));
        QVERIFY(s->demands().approve(d->key));
        QVERIFY(tp::test::completeReview(*s, d->key));
        auto merged = s->demands().merge(d->key);
        QVERIFY2(merged, qPrintable(merged ? QString() : merged.error().message));
        QVERIFY(merged->merged);
        QCOMPARE(merged->revisionsWritten, 4);
        QCOMPARE(s->demands().demand(d->key)->status, DemandStatus::Merged);

        auto e = s->plan().event(QStringLiteral("user-app"), QStringLiteral("order_submit"));
        QVERIFY(e);
        QCOMPARE(e->revision, 1);
        QCOMPARE(e->schemaVersion.toString(), QStringLiteral("1-0-0"));
        QCOMPARE(e->bindings.size(), 3);
        QCOMPARE(e->bindings.at(1).attributeKey, QStringLiteral("order_amount"));
        QCOMPARE(e->description, QStringLiteral("提交订单"));
        auto history = s->plan().history(EntityKind::Event, QStringLiteral("user-app"), QStringLiteral("order_submit"));
        QVERIFY(history);
        QCOMPARE(history->size(), 1);
        QCOMPARE(history->first().demandKey, d->key);
        QCOMPARE(history->first().author, QStringLiteral("alice"));
        auto merges = s->audit(auditFilter({}, QStringLiteral("demand.merge")));
        QVERIFY(merges);
        QCOMPARE(merges->size(), 1);
        QCOMPARE(merges->first().actor, QStringLiteral("alice"));
        QCOMPARE(merges->first().entityKey, d->key);
    }

    void conflictMergesNothing_data() { Backends::addRows(); }
    void conflictMergesNothing()
    {
        QFETCH(QString, backend);
        QString url;
        auto s1 = fresh(backend, &url);
        QVERIFY(!mergeDemand(*s1, QStringLiteral("user-app"), {makeAttr(QStringLiteral("page"))},
                             {makeEvent(QStringLiteral("page_view"), {{QStringLiteral("page"), true, {}}})})
                     .isEmpty());
        auto s2 = openStore(url); // a second client
        s1->setActor(QStringLiteral("alice"));
        s2->setActor(QStringLiteral("bob"));
        auto a = s1->demands().create(Demand{{},
                                             QStringLiteral("user-app"),
                                             QStringLiteral("A"),
                                             {},
                                             {},
                                             Priority::P2,
                                             {},
                                             {},
                                             DemandStatus::Draft,
                                             {},
                                             {},
                                             0});
        auto b = s2->demands().create(Demand{{},
                                             QStringLiteral("user-app"),
                                             QStringLiteral("B"),
                                             {},
                                             {},
                                             Priority::P2,
                                             {},
                                             {},
                                             DemandStatus::Draft,
                                             {},
                                             {},
                                             0});
        QVERIFY(a && b);
        Event mine = makeEvent(QStringLiteral("page_view"), {{QStringLiteral("page"), true, {}}});
        mine.description = QStringLiteral("alice's text");
        QVERIFY(s1->demands().saveEvent(a->key, mine));
        Event theirs = mine;
        theirs.description = QStringLiteral("bob's text");
        QVERIFY(s2->demands().saveEvent(b->key, theirs));
        QVERIFY(s2->demands().saveAttribute(b->key, makeAttr(QStringLiteral("extra"))));
        for (auto* st : {s1.get(), s2.get()}) {
            const QString k = st == s1.get() ? a->key : b->key;
            QVERIFY(st->demands().submit(k));
            QVERIFY(st->demands().approve(k));
        }
        QVERIFY(tp::test::completeReview(*s1, a->key));
        auto first = s1->demands().merge(a->key);
        QVERIFY(first && first->merged);
        const int revisions = count(*s2, QStringLiteral("revisions"));
        QVERIFY(tp::test::completeReview(*s2, b->key));
        auto second = s2->demands().merge(b->key);
        QVERIFY(second);
        QVERIFY(!second->merged);
        QCOMPARE(second->conflicts.size(), 1);
        const MergeConflict& c = second->conflicts.first();
        QCOMPARE(c.entityKey, QStringLiteral("page_view"));
        QCOMPARE(c.baseRevision, 1);
        QCOMPARE(c.currentRevision, 2);
        QCOMPARE(c.theirs.value(QLatin1String("description")).toString(), QStringLiteral("alice's text"));
        QCOMPARE(c.mine.value(QLatin1String("description")).toString(), QStringLiteral("bob's text"));
        QCOMPARE(c.base.value(QLatin1String("description")).toString(), QStringLiteral("Event page_view"));
        // Nothing of B landed: not the event, not its unrelated attribute, no revision.
        QCOMPARE(count(*s2, QStringLiteral("revisions")), revisions);
        QVERIFY(!s2->plan().attribute(QStringLiteral("user-app"), QStringLiteral("extra")));
        QCOMPARE(s2->plan().event(QStringLiteral("user-app"), QStringLiteral("page_view"))->description,
                 QStringLiteral("alice's text"));
        QCOMPARE(s2->demands().demand(b->key)->status, DemandStatus::Approved);
    }

    void changeStampSeesOtherClients_data() { Backends::addRows(); }
    void changeStampSeesOtherClients()
    {
        QFETCH(QString, backend);
        QString url;
        auto s1 = fresh(backend, &url);
        auto s2 = openStore(url); // another client
        const QString app = QStringLiteral("user-app");
        auto stamp = [&] {
            auto st = s1->changeStamp(app);
            return st ? *st : QStringLiteral("error: ") + st.error().message;
        };
        const QString first = stamp();
        QVERIFY2(!first.startsWith(QLatin1String("error")), qPrintable(first));
        QCOMPARE(stamp(), first);
        auto d = s2->demands().create(
            Demand{{}, app, QStringLiteral("T"), {}, {}, Priority::P2, {}, {}, DemandStatus::Draft, {}, {}, 0});
        QVERIFY(d);
        const QString withDemand = stamp();
        QVERIFY(withDemand != first);
        QVERIFY(s2->demands().saveAttribute(d->key, makeAttr(QStringLiteral("order_id"), AttrType::String)));
        const QString withChange = stamp();
        QVERIFY(withChange != withDemand);
        QVERIFY(s2->demands().submit(d->key) && s2->demands().approve(d->key));
        QVERIFY(tp::test::completeReview(*s2, d->key));
        QVERIFY(s2->demands().merge(d->key)->merged);
        const QString merged = stamp();
        QVERIFY(merged != withChange);
        QVERIFY(s2->plan().createApp(makeApp(QStringLiteral("driver-app"))));
        QVERIFY(stamp() != merged); // apps count for every app
        QCOMPARE(stamp().section(QLatin1Char(':'), 2), merged.section(QLatin1Char(':'), 2));
    }

    void staleDemandWriteIsConflict_data() { Backends::addRows(); }
    void staleDemandWriteIsConflict()
    {
        QFETCH(QString, backend);
        QString url;
        auto s1 = fresh(backend, &url);
        auto s2 = openStore(url);
        auto d = s1->demands().create(Demand{{},
                                             QStringLiteral("user-app"),
                                             QStringLiteral("T"),
                                             {},
                                             {},
                                             Priority::P2,
                                             {},
                                             {},
                                             DemandStatus::Draft,
                                             {},
                                             {},
                                             0});
        QVERIFY(d);
        Demand v1 = *s1->demands().demand(d->key);
        Demand v2 = *s2->demands().demand(d->key);
        v1.title = QStringLiteral("first");
        v2.title = QStringLiteral("second");
        QVERIFY(s1->demands().update(v1));
        auto stale = s2->demands().update(v2);
        QVERIFY(!stale);
        QCOMPARE(stale.error().code, Error::Code::Conflict);
        QCOMPARE(s2->demands().demand(d->key)->title, QStringLiteral("first"));
        // Policy and app rows carry versions too.
        GovernancePolicy p1 = *s1->plan().policy(QStringLiteral("user-app"));
        GovernancePolicy p2 = *s2->plan().policy(QStringLiteral("user-app"));
        p1.levels[1].samplingRate = 0.5;
        p2.levels[1].samplingRate = 0.1;
        QVERIFY(s1->plan().setPolicy(p1));
        auto stalePolicy = s2->plan().setPolicy(p2);
        QVERIFY(!stalePolicy);
        QCOMPARE(stalePolicy.error().code, Error::Code::Conflict);
        QCOMPARE(s2->plan().policy(QStringLiteral("user-app"))->levels.at(1).samplingRate, 0.5);
    }

    void schemaVersions_data() { Backends::addRows(); }
    void schemaVersions()
    {
        QFETCH(QString, backend);
        auto s = fresh(backend);
        const QString appKey = QStringLiteral("user-app");
        Attribute city = makeAttr(QStringLiteral("city_id"), AttrType::Integer);
        QVERIFY(!mergeDemand(*s, appKey, {makeAttr(QStringLiteral("page")), city},
                             {makeEvent(QStringLiteral("a_view"), {{QStringLiteral("page"), true, {}}}),
                              makeEvent(QStringLiteral("b_view"), {{QStringLiteral("city_id"), false, {}}})})
                     .isEmpty());
        // Documentation only: no bump.
        Event a = *s->plan().event(appKey, QStringLiteral("a_view"));
        a.description = QStringLiteral("new words");
        QVERIFY(!mergeDemand(*s, appKey, {}, {a}).isEmpty());
        QCOMPARE(s->plan().event(appKey, QStringLiteral("a_view"))->schemaVersion.toString(), QStringLiteral("1-0-0"));
        QCOMPARE(s->plan().event(appKey, QStringLiteral("a_view"))->revision, 2);
        // New optional attribute: ADDITION.
        a = *s->plan().event(appKey, QStringLiteral("a_view"));
        a.bindings.append({QStringLiteral("city_id"), false, {}});
        QVERIFY(!mergeDemand(*s, appKey, {}, {a}).isEmpty());
        QCOMPARE(s->plan().event(appKey, QStringLiteral("a_view"))->schemaVersion.toString(), QStringLiteral("1-0-1"));
        // Optional → required: REVISION.
        a = *s->plan().event(appKey, QStringLiteral("a_view"));
        a.bindings[1].required = true;
        QVERIFY(!mergeDemand(*s, appKey, {}, {a}).isEmpty());
        QCOMPARE(s->plan().event(appKey, QStringLiteral("a_view"))->schemaVersion.toString(), QStringLiteral("1-1-0"));
        // Type change of a bound attribute: MODEL on every event binding it, even untouched ones.
        city.type = AttrType::String;
        QVERIFY(!mergeDemand(*s, appKey, {city}, {}).isEmpty());
        QCOMPARE(s->plan().event(appKey, QStringLiteral("a_view"))->schemaVersion.toString(), QStringLiteral("2-0-0"));
        QCOMPARE(s->plan().event(appKey, QStringLiteral("b_view"))->schemaVersion.toString(), QStringLiteral("2-0-0"));
        auto history = s->plan().history(EntityKind::Event, appKey, QStringLiteral("b_view"));
        QCOMPARE(history->size(), 2);
        QCOMPARE(history->last().state.value(QLatin1String("schema_version")).toString(), QStringLiteral("2-0-0"));
    }

    void validationBlocksSave_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<int>("fault");
        for (const char* b : {"sqlite", "postgres"}) {
            for (int fault = 0; fault < 5; ++fault) {
                QTest::addRow("%s-%d", b, fault) << QString::fromLatin1(b) << fault;
            }
        }
    }
    void validationBlocksSave()
    {
        QFETCH(QString, backend);
        QFETCH(int, fault);
        auto s = fresh(backend);
        const QString appKey = QStringLiteral("user-app");
        QVERIFY(!mergeDemand(*s, appKey, {makeAttr(QStringLiteral("page"))},
                             {makeEvent(QStringLiteral("page_view"), {{QStringLiteral("page"), true, {}}})})
                     .isEmpty());
        auto d = s->demands().create(
            Demand{{}, appKey, QStringLiteral("bad"), {}, {}, Priority::P2, {}, {}, DemandStatus::Draft, {}, {}, 0});
        QVERIFY(d);
        Result<Change> r = makeError(Error::Code::Sql, {});
        switch (fault) {
        case 0:
            r = s->demands().saveEvent(d->key, makeEvent(QStringLiteral("Bad-Key")));
            break;
        case 1: // collides with page_view ignoring case and separators
            r = s->demands().saveEvent(d->key, makeEvent(QStringLiteral("pageview")));
            break;
        case 2:
            r = s->demands().saveEvent(d->key,
                                       makeEvent(QStringLiteral("x_click"), {{QStringLiteral("nope"), true, {}}}));
            break;
        case 3: { // min > max
            Attribute a = makeAttr(QStringLiteral("amount"), AttrType::Number);
            a.minValue = 10;
            a.maxValue = 1;
            r = s->demands().saveAttribute(d->key, a);
            break;
        }
        case 4: // still bound by page_view
            r = s->demands().remove(d->key, EntityKind::Attribute, QStringLiteral("page"));
            break;
        }
        QVERIFY(!r);
        QCOMPARE(r.error().code, Error::Code::Validation);
        QVERIFY(!r.error().message.isEmpty());
        QCOMPARE(s->demands().changes(d->key)->size(), 0);
    }

    void workflowRules_data() { Backends::addRows(); }
    void workflowRules()
    {
        QFETCH(QString, backend);
        auto s = fresh(backend);
        const QString appKey = QStringLiteral("user-app");
        auto d = s->demands().create(
            Demand{{}, appKey, QStringLiteral("w"), {}, {}, Priority::P2, {}, {}, DemandStatus::Draft, {}, {}, 0});
        QVERIFY(d);
        auto empty = s->demands().submit(d->key);
        QVERIFY(!empty);
        QCOMPARE(empty.error().code, Error::Code::InvalidState);
        QVERIFY(s->demands().saveAttribute(d->key, makeAttr(QStringLiteral("page"))));
        auto early = s->demands().merge(d->key);
        QVERIFY(!early);
        QCOMPARE(early.error().code, Error::Code::InvalidState);
        QVERIFY(s->demands().submit(d->key));
        auto locked = s->demands().saveAttribute(d->key, makeAttr(QStringLiteral("other")));
        QVERIFY(!locked);
        QCOMPARE(locked.error().code, Error::Code::InvalidState);
        QVERIFY(s->demands().reopen(d->key, QStringLiteral("please add other")));
        QVERIFY(s->demands().saveAttribute(d->key, makeAttr(QStringLiteral("other"))));
        QVERIFY(s->demands().cancel(d->key));
        QCOMPARE(s->demands().demand(d->key)->status, DemandStatus::Cancelled);
        // Cancelled keeps its history: changes and audit stay.
        QCOMPARE(s->demands().changes(d->key)->size(), 2);
        auto audit = s->audit(auditFilter(QStringLiteral("demand"), {}));
        QVERIFY(audit);
        QStringList actions;
        for (const AuditEntry& e : std::as_const(*audit)) {
            actions << e.action;
        }
        QCOMPARE(actions,
                 (QStringList{QStringLiteral("demand.create"), QStringLiteral("demand.submit"),
                              QStringLiteral("demand.reopen"), QStringLiteral("demand.cancel")}));
        QCOMPARE(audit->at(2).details.value(QLatin1String("comment")).toString(), QStringLiteral("please add other"));
    }

    void deleteAndRecreate_data() { Backends::addRows(); }
    void deleteAndRecreate()
    {
        QFETCH(QString, backend);
        auto s = fresh(backend);
        const QString appKey = QStringLiteral("user-app");
        QVERIFY(!mergeDemand(*s, appKey, {makeAttr(QStringLiteral("page")), makeAttr(QStringLiteral("temp"))},
                             {makeEvent(QStringLiteral("page_view"), {{QStringLiteral("page"), true, {}}})})
                     .isEmpty());
        auto d = s->demands().create(
            Demand{{}, appKey, QStringLiteral("rm"), {}, {}, Priority::P2, {}, {}, DemandStatus::Draft, {}, {}, 0});
        QVERIFY(s->demands().remove(d->key, EntityKind::Event, QStringLiteral("page_view")));
        QVERIFY(s->demands().remove(d->key, EntityKind::Attribute, QStringLiteral("temp")));
        // The event goes in the same demand, so its attribute may go too.
        QVERIFY(s->demands().remove(d->key, EntityKind::Attribute, QStringLiteral("page")));
        QVERIFY(s->demands().submit(d->key) && s->demands().approve(d->key));
        QVERIFY(tp::test::completeReview(*s, d->key));
        auto m = s->demands().merge(d->key);
        QVERIFY(m && m->merged);
        auto plan = s->plan().plan(appKey);
        QCOMPARE(plan->events.size(), 0);
        QCOMPARE(plan->attributes.size(), 0);
        // Re-creating continues the revision numbering of the key.
        QVERIFY(!mergeDemand(*s, appKey, {makeAttr(QStringLiteral("page"))}, {}).isEmpty());
        QCOMPARE(s->plan().attribute(appKey, QStringLiteral("page"))->revision, 3);
        auto h = s->plan().history(EntityKind::Attribute, appKey, QStringLiteral("page"));
        QCOMPARE(h->size(), 3);
        QCOMPARE(h->at(1).op, ChangeOp::Delete);
    }
    // The team store's server restarts (or the network drops) under a running desktop: the
    // next statement outside a transaction reconnects; work inside a transaction fails
    // cleanly and nothing half-done is kept.
    void reconnectsAfterServerRestart()
    {
        const auto why = [](const auto& result) { return result ? QString() : result.error().message; };
        QString url;
        auto s = fresh(QStringLiteral("postgres"), &url);
        const QString app = QStringLiteral("user-app");
        auto before = s->changeStamp(app);
        QVERIFY2(before, qPrintable(why(before)));

        QString error;
        QVERIFY2(m_backends.postgres().restart(&error), qPrintable(error));
        auto after = s->changeStamp(app);
        QVERIFY2(after, qPrintable(why(after)));
        QCOMPARE(*after, *before);
        auto d = s->demands().create(Demand{
            {}, app, QStringLiteral("after restart"), {}, {}, Priority::P2, {}, {}, DemandStatus::Draft, {}, {}, 0});
        QVERIFY2(d, qPrintable(why(d)));

        // Lost inside a transaction: an error, and the transaction's writes are not there.
        QVERIFY(s->db().begin());
        QVERIFY(s->db().change(QStringLiteral("UPDATE demands SET title = 'half' WHERE key = ?"), {d->key}));
        QVERIFY2(m_backends.postgres().restart(&error), qPrintable(error));
        auto inside = s->db().change(QStringLiteral("UPDATE demands SET description = 'x' WHERE key = ?"), {d->key});
        QVERIFY(!inside);
        QCOMPARE(inside.error().code, Error::Code::Connection);
        s->db().rollback();
        auto title = s->db().scalar(QStringLiteral("SELECT title FROM demands WHERE key = ?"), {d->key});
        QVERIFY2(title, qPrintable(why(title)));
        QCOMPARE(title->toString(), QStringLiteral("after restart"));

        // While the server is down the error says it is the connection (last: stop() drops the cluster).
        m_backends.postgres().stop();
        auto down = s->changeStamp(app);
        QVERIFY(!down);
        QCOMPARE(down.error().code, Error::Code::Connection);
    }
};

QTEST_GUILESS_MAIN(TstChangeset)
#include "tst_changeset.moc"
