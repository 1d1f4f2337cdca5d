// Numbered migrations: a fresh store gets the latest schema; a store left at every earlier
// migration upgrades with its data kept; a store newer than the build is refused.
#include "migrations.h"
#include "planbuilder.h"
#include "support/backends.h"

#include <QtTest>

using namespace tp;
using namespace tp::test;

class TstMigrations : public QObject {
    Q_OBJECT

private:
    Backends m_backends;

    /// Rows that are valid at schema `version`, written with plain SQL as an old build would.
    static void seed(Database& db, int version)
    {
        QVERIFY(db.change(QStringLiteral("INSERT INTO apps (key, name, description, platforms) VALUES "
                                         "('old-app', '旧应用', '', '[\"android\"]')"),
                          {}));
        QVERIFY(db.change(QStringLiteral("INSERT INTO users (name, display_name, role) VALUES ('ann', 'Ann', "
                                         "'data_steward')"),
                          {}));
        QVERIFY(db.change(QStringLiteral("INSERT INTO attributes (app_id, key, norm_key, display_name, type) "
                                         "SELECT id, 'page', 'page', '页面', 'string' FROM apps"),
                          {}));
        QVERIFY(db.change(QStringLiteral("INSERT INTO events (app_id, key, norm_key, display_name, level, status) "
                                         "SELECT id, 'page_view', 'pageview', '页面浏览', 'C', 'live' FROM apps"),
                          {}));
        QVERIFY(db.change(QStringLiteral("INSERT INTO bindings (event_id, position, attribute_id, required) "
                                         "SELECT e.id, 0, a.id, 1 FROM events e, attributes a"),
                          {}));
        if (version >= 2) {
            QVERIFY(db.change(QStringLiteral("INSERT INTO demands (key, app_id, title, status, created_at, updated_at) "
                                             "SELECT 'DEM-0007', id, '老需求', 'merged', '2025-01-01T00:00:00.000Z', "
                                             "'2025-01-01T00:00:00.000Z' FROM apps"),
                              {}));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        QVERIFY2(m_backends.start(&error), qPrintable(error));
        QVERIFY(Migrations::latest() >= 3);
    }

    void freshStoreIsLatest_data() { Backends::addRows(); }
    void freshStoreIsLatest()
    {
        QFETCH(QString, backend);
        auto s = openStore(m_backends.freshUrl(backend));
        QCOMPARE(*Migrations::current(s->db()), Migrations::latest());
        QVERIFY(*s->isEmpty());
        // Opening again does nothing more.
        QVERIFY(Migrations::upgrade(s->db()));
        auto n = s->db().scalar(QStringLiteral("SELECT COUNT(*) FROM schema_migrations"));
        QCOMPARE(n->toInt(), Migrations::shipped().size());
        QCOMPARE(*Migrations::applied(s->db()), Migrations::shipped());
    }

    void upgradeKeepsData_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<int>("from");
        for (const char* b : {"sqlite", "postgres"}) {
            const QList<int> shipped = Migrations::shipped();
            for (int from : shipped) {
                if (from == Migrations::latest()) {
                    continue;
                }
                QTest::addRow("%s-from-%d", b, from) << QString::fromLatin1(b) << from;
            }
        }
    }
    void upgradeKeepsData()
    {
        QFETCH(QString, backend);
        QFETCH(int, from);
        const QString url = m_backends.freshUrl(backend);
        {
            auto raw = Store::openRaw(url);
            QVERIFY(raw);
            QVERIFY(Migrations::upgrade((*raw)->db(), from));
            QCOMPARE(*Migrations::current((*raw)->db()), from);
            seed((*raw)->db(), from);
        }
        auto s = openStore(url); // migrates to the latest
        QCOMPARE(*Migrations::current(s->db()), Migrations::latest());
        auto plan = s->plan().plan(QStringLiteral("old-app"));
        QVERIFY(plan);
        QCOMPARE(plan->events.size(), 1);
        QCOMPARE(plan->events.first().displayName, QStringLiteral("页面浏览"));
        QCOMPARE(plan->events.first().level, Level::C);
        QCOMPARE(plan->events.first().bindings.size(), 1);
        QVERIFY(plan->events.first().bindings.first().required);
        QCOMPARE(s->plan().user(QStringLiteral("ann"))->role, Role::DataSteward);
        if (from >= 2) {
            QCOMPARE(s->demands().demand(QStringLiteral("DEM-0007"))->title, QStringLiteral("老需求"));
        }
        // Apps from before 0003 got the default governance policy (the seed writes apps with
        // plain SQL: from 0003 on, without one).
        if (from < 3) {
            auto policy = s->plan().policy(QStringLiteral("old-app"));
            QVERIFY(policy);
            QCOMPARE(policy->levels.size(), 4);
            QCOMPARE(policy->levels, GovernancePolicy::defaults(QStringLiteral("old-app")).levels);
        }
        // And the upgraded store works: a new demand edits the old event and merges.
        Event e = plan->events.first();
        e.description = QStringLiteral("upgraded");
        QVERIFY(!mergeDemand(*s, QStringLiteral("old-app"), {}, {e}).isEmpty());
        QCOMPARE(s->plan().event(QStringLiteral("old-app"), QStringLiteral("page_view"))->revision, 2);
    }

    /// Migrations numbered side by side may ship in either order (0005 before 0004): a store
    /// that has a higher one still gets a lower one that it lacks. Simulated by taking 0003 out
    /// of a store at the latest schema.
    void lowerMigrationShippedLaterIsApplied_data() { Backends::addRows(); }
    void lowerMigrationShippedLaterIsApplied()
    {
        QFETCH(QString, backend);
        QVERIFY(Migrations::latest() > 3);
        const QString url = m_backends.freshUrl(backend);
        {
            auto raw = Store::openRaw(url);
            QVERIFY(raw);
            QVERIFY(Migrations::upgrade((*raw)->db()));
            seed((*raw)->db(), 2);
            Database& db = (*raw)->db();
            for (const char* table : {"version_demands", "snapshots", "versions", "governance_policies"}) {
                QVERIFY(db.script(QStringLiteral("DROP TABLE %1;").arg(QLatin1String(table))));
            }
            QVERIFY(db.change(QStringLiteral("DELETE FROM schema_migrations WHERE version = 3"), {}));
            db.clearStatementCache();
            QCOMPARE(*Migrations::current(db), Migrations::latest());
            QVERIFY(!Migrations::applied(db)->contains(3));
        }
        auto s = openStore(url); // applies 0003 although 0005 is there
        QCOMPARE(*Migrations::applied(s->db()), Migrations::shipped());
        auto policy = s->plan().policy(QStringLiteral("old-app"));
        QVERIFY(policy);
        QCOMPARE(policy->levels, GovernancePolicy::defaults(QStringLiteral("old-app")).levels);
        Version v;
        v.appKey = QStringLiteral("old-app");
        v.name = QStringLiteral("1.0.0");
        QVERIFY(s->versions().create(v));
    }

    void newerStoreIsRefused_data() { Backends::addRows(); }
    void newerStoreIsRefused()
    {
        QFETCH(QString, backend);
        const QString url = m_backends.freshUrl(backend);
        {
            auto s = openStore(url);
            QVERIFY(s->db().change(QStringLiteral("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"),
                                   {Migrations::latest() + 1, QStringLiteral("2030-01-01T00:00:00.000Z")}));
        }
        auto again = Store::open(url);
        QVERIFY(!again);
        QCOMPARE(again.error().code, Error::Code::InvalidState);
        QVERIFY(again.error().message.contains(QString::number(Migrations::latest() + 1)));
    }
};

QTEST_GUILESS_MAIN(TstMigrations)
#include "tst_migrations.moc"
