// Versions: planning → frozen (immutable snapshot) → released, assignment rules, version diffs.
#include "support/review.h"
#include "planbuilder.h"
#include "plandiff.h"
#include "support/backends.h"

#include <QtTest>

using namespace tp;
using namespace tp::test;

class TstVersions : public QObject {
    Q_OBJECT

private:
    Backends m_backends;
    const QString m_app = QStringLiteral("user-app");

    std::unique_ptr<Store> fresh(const QString& backend)
    {
        auto s = openStore(m_backends.freshUrl(backend));
        if (!s->plan().createApp(makeApp(m_app))) {
            qFatal("createApp failed");
        }
        return s;
    }

    static Version version(const QString& appKey, const QString& name)
    {
        Version v;
        v.appKey = appKey;
        v.name = name;
        return v;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        QVERIFY2(m_backends.start(&error), qPrintable(error));
    }

    void versionOrder_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("less");
        QTest::newRow("minor") << QStringLiteral("6.9.0") << QStringLiteral("6.10.0") << true;
        QTest::newRow("equal") << QStringLiteral("6.3.0") << QStringLiteral("6.3.0") << false;
        QTest::newRow("major") << QStringLiteral("7.0.0") << QStringLiteral("6.99.9") << false;
        QTest::newRow("shorter") << QStringLiteral("6.3") << QStringLiteral("6.3.1") << true;
    }
    void versionOrder()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, less);
        QCOMPARE(versionLess(a, b), less);
    }

    void snapshotIsImmutable_data() { Backends::addRows(); }
    void snapshotIsImmutable()
    {
        QFETCH(QString, backend);
        auto s = fresh(backend);
        QVERIFY(s->versions().create(version(m_app, QStringLiteral("6.1.0"))));
        QVERIFY(s->versions().create(version(m_app, QStringLiteral("6.2.0"))));
        auto bad = s->versions().create(version(m_app, QStringLiteral("six")));
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, Error::Code::Validation);
        auto dup = s->versions().create(version(m_app, QStringLiteral("6.1.0")));
        QVERIFY(!dup);
        QCOMPARE(dup.error().code, Error::Code::Conflict);

        // A demand targeted at 6.1.0 that is still open blocks the freeze.
        Demand open;
        open.appKey = m_app;
        open.title = QStringLiteral("open");
        open.targetVersions = {QStringLiteral("6.1.0")};
        auto od = s->demands().create(open);
        QVERIFY(od);
        QCOMPARE(s->versions().version(m_app, QStringLiteral("6.1.0"))->demandKeys, QStringList{od->key});
        auto blocked = s->versions().freeze(m_app, QStringLiteral("6.1.0"));
        QVERIFY(!blocked);
        QCOMPARE(blocked.error().code, Error::Code::InvalidState);
        QVERIFY(blocked.error().message.contains(od->key));
        QVERIFY(s->demands().cancel(od->key));

        const QString d1 = mergeDemand(*s, m_app, {makeAttr(QStringLiteral("page")), makeAttr(QStringLiteral("order_id"))},
                                       {makeEvent(QStringLiteral("page_view"), {{QStringLiteral("page"), true, {}}}),
                                        makeEvent(QStringLiteral("order_submit"), {{QStringLiteral("order_id"), true, {}}})});
        QVERIFY(!d1.isEmpty());
        QVERIFY(s->versions().assignDemand(m_app, QStringLiteral("6.1.0"), d1));
        auto frozen = s->versions().freeze(m_app, QStringLiteral("6.1.0"));
        QVERIFY2(frozen, qPrintable(frozen ? QString() : frozen.error().message));
        QCOMPARE(frozen->status, VersionStatus::Frozen);
        QVERIFY(frozen->frozenAt.isValid());
        auto snap = s->versions().snapshot(m_app, QStringLiteral("6.1.0"));
        QVERIFY(snap);
        QCOMPARE(snap->eventCount, 2);
        QCOMPARE(snap->attributeCount, 2);
        auto before = s->versions().planAt(m_app, QStringLiteral("6.1.0"));
        QVERIFY(before);
        QCOMPARE(planChecksum(*before), snap->checksum);

        // A frozen version takes no more demands; a demand on it cannot merge.
        auto late = s->versions().assignDemand(m_app, QStringLiteral("6.1.0"), d1);
        QVERIFY(!late);
        QCOMPARE(late.error().code, Error::Code::InvalidState);
        QVERIFY(s->versions().release(m_app, QStringLiteral("6.1.0")));
        QCOMPARE(s->versions().version(m_app, QStringLiteral("6.1.0"))->status, VersionStatus::Released);

        // Later merges change the plan, never the snapshot.
        Event changed = *s->plan().event(m_app, QStringLiteral("page_view"));
        changed.displayName = QStringLiteral("页面浏览");
        changed.bindings[0].required = false;
        const QString d2 = mergeDemand(*s, m_app, {makeAttr(QStringLiteral("city_id"), AttrType::Integer)},
                                       {changed, makeEvent(QStringLiteral("pay_click"), {{QStringLiteral("city_id"), false, {}}})});
        QVERIFY(!d2.isEmpty());
        auto after = s->versions().planAt(m_app, QStringLiteral("6.1.0"));
        QVERIFY(after);
        QCOMPARE(planChecksum(*after), snap->checksum);
        QCOMPARE(after->events.size(), 2);
        QCOMPARE(after->findEvent(QStringLiteral("page_view"))->displayName, QStringLiteral("事件 page_view"));

        // Released events cannot be deleted; they are deprecated instead.
        auto rm = s->demands().create(Demand{{}, m_app, QStringLiteral("rm"), {}, {}, Priority::P2, {}, {},
                                             DemandStatus::Draft, {}, {}, 0});
        auto refused = s->demands().remove(rm->key, EntityKind::Event, QStringLiteral("order_submit"));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, Error::Code::Validation);

        QVERIFY(s->versions().assignDemand(m_app, QStringLiteral("6.2.0"), d2));
        QVERIFY(s->versions().freeze(m_app, QStringLiteral("6.2.0")));
        auto diff = s->versions().diff(m_app, QStringLiteral("6.1.0"), QStringLiteral("6.2.0"));
        QVERIFY(diff);
        QCOMPARE(diff->attributes.size(), 1);
        QCOMPARE(diff->attributes.first().key, QStringLiteral("city_id"));
        QVERIFY(diff->attributes.first().kind == EntityDiff::Kind::Added);
        QCOMPARE(diff->events.size(), 2);
        QCOMPARE(diff->events.at(0).key, QStringLiteral("page_view"));
        QVERIFY(diff->events.at(0).kind == EntityDiff::Kind::Changed);
        QStringList fields;
        for (const FieldChange& f : diff->events.at(0).fields) {
            fields << f.field;
        }
        QVERIFY(fields.contains(QStringLiteral("display_name")));
        QCOMPARE(diff->events.at(1).key, QStringLiteral("pay_click"));
        QVERIFY(diff->events.at(1).kind == EntityDiff::Kind::Added);
        bool requiredChange = false;
        for (const BindingDiff& b : diff->bindings) {
            if (b.eventKey == QLatin1String("page_view") && b.kind == EntityDiff::Kind::Changed) {
                requiredChange = true;
            }
        }
        QVERIFY(requiredChange);
        // And the reverse direction reports removals.
        auto back = s->versions().diff(m_app, QStringLiteral("6.2.0"), QStringLiteral("6.1.0"));
        QVERIFY(back->attributes.first().kind == EntityDiff::Kind::Removed);
        // "current" is the plan as merged now.
        auto none = s->versions().diff(m_app, QStringLiteral("6.2.0"), VersionService::currentName());
        QVERIFY(none);
        QVERIFY(none->isEmpty());
        auto missing = s->versions().planAt(m_app, QStringLiteral("9.9.9"));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, Error::Code::NotFound);
    }

    void demandOnFrozenVersionCannotMerge_data() { Backends::addRows(); }
    void demandOnFrozenVersionCannotMerge()
    {
        QFETCH(QString, backend);
        auto s = fresh(backend);
        QVERIFY(s->versions().create(version(m_app, QStringLiteral("1.0.0"))));
        Demand d;
        d.appKey = m_app;
        d.title = QStringLiteral("late");
        auto dd = s->demands().create(d);
        QVERIFY(s->demands().saveAttribute(dd->key, makeAttr(QStringLiteral("page"))));
        QVERIFY(s->demands().submit(dd->key));
        QVERIFY(s->demands().approve(dd->key));
        QVERIFY(s->versions().assignDemand(m_app, QStringLiteral("1.0.0"), dd->key));
        QVERIFY(s->demands().cancel(dd->key)); // lets the version freeze
        QVERIFY(s->versions().freeze(m_app, QStringLiteral("1.0.0")));
        // Reopened and approved again, it still targets the frozen version.
        QVERIFY(!s->demands().reopen(dd->key)); // cancelled is final
        Demand e;
        e.appKey = m_app;
        e.title = QStringLiteral("second");
        auto de = s->demands().create(e);
        QVERIFY(s->demands().saveAttribute(de->key, makeAttr(QStringLiteral("page"))));
        QVERIFY(s->demands().submit(de->key));
        QVERIFY(s->demands().approve(de->key));
        QVERIFY(s->db().change(QStringLiteral("INSERT INTO version_demands (version_id, demand_id) SELECT v.id, d.id "
                                              "FROM versions v, demands d WHERE v.name = '1.0.0' AND d.key = ?"),
                               {de->key}));
        QVERIFY(tp::test::completeReview(*s, de->key));
        auto m = s->demands().merge(de->key);
        QVERIFY(!m);
        QCOMPARE(m.error().code, Error::Code::InvalidState);
        QVERIFY(!s->plan().attribute(m_app, QStringLiteral("page")));
        QCOMPARE(s->demands().demand(de->key)->status, DemandStatus::Approved);
    }
};

QTEST_GUILESS_MAIN(TstVersions)
#include "tst_versions.moc"
