// Roles and access (issue 4): the role × action matrix
//  - through the application (the store API) on SQLite with registered users and on PostgreSQL
//    with real logins of each role: an allowed action succeeds and leaves exactly one audit row
//    naming the user, a refused one fails with a Permission error and writes nothing;
//  - through raw SQL on PostgreSQL, connected as each role's login, so that the database itself
//    is shown to refuse what the role may not do;
//  - the docs table (docs/access.md) against the code.

#include "planbuilder.h"
#include "support/backends.h"

#include "access.h"
#include "enums.h"
#include "metricsstore.h"
#include "nativejson.h"
#include "publishhistory.h"
#include "store.h"

#include <QBuffer>
#include <QFile>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace tp;
using namespace tp::test;

namespace {

const QString kApp = QStringLiteral("shop");

QString roleName(Role r)
{
    return toString(r);
}

qint64 auditCount(Store& s)
{
    auto n = s.db().scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log"));
    return n ? n->toLongLong() : -1;
}

QString lastActor(Store& s)
{
    auto a = s.db().scalar(QStringLiteral("SELECT actor FROM audit_log ORDER BY seq DESC LIMIT 1"));
    return a ? a->toString() : QString();
}

template <typename T> QString why(const Result<T>& r)
{
    return r ? QString() : r.error().toString();
}

/// A demand of `owner` on kApp with one new attribute and event, moved to `status` (draft,
/// in_review or approved with its level decided).
QString demandIn(Store& s, const QString& title, DemandStatus status)
{
    Demand d;
    d.appKey = kApp;
    d.title = title;
    auto created = s.demands().create(d);
    if (!created) {
        qWarning("create: %s", qPrintable(created.error().message));
        return {};
    }
    const QString attr = QStringLiteral("a_%1").arg(created->key.mid(4).toInt());
    const QString event = QStringLiteral("e_%1").arg(created->key.mid(4).toInt());
    Event e = makeEvent(event, {{attr, false, {}}});
    e.owner.clear();
    if (!s.demands().saveAttribute(created->key, makeAttr(attr)) || !s.demands().saveEvent(created->key, e)) {
        return {};
    }
    if (status != DemandStatus::Draft && !s.demands().submit(created->key)) {
        return {};
    }
    if (status == DemandStatus::Approved
        && (!s.demands().approve(created->key) || !s.reviews().decideAllLevels(created->key, true, {}))) {
        return {};
    }
    return created->key;
}

/// What one role works on in the app matrix, made by an admin beforehand.
struct Fixture {
    QString inReview; ///< to comment on and approve
    QString levels;   ///< in review, its level still pending
    QString approved; ///< ready to merge
    QString user;     ///< the role's user (login on PostgreSQL)
};

} // namespace

class TstAccess : public QObject {
    Q_OBJECT

private:
    Backends m_backends;
    QString m_rawUrl;        ///< PostgreSQL store for the raw SQL matrix
    QString m_rawDemands[3]; ///< draft, in review, approved

    std::unique_ptr<Store> open(const QString& url)
    {
        auto s = Store::open(url);
        if (!s) {
            qFatal("open %s: %s", qPrintable(url), qPrintable(s.error().message));
        }
        return std::move(*s);
    }

    /// A raw connection as `login` to the raw store's database.
    QSqlDatabase connectAs(const QString& login)
    {
        const QString name = QStringLiteral("raw_") + login;
        if (QSqlDatabase::contains(name)) {
            return QSqlDatabase::database(name);
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        const StoreUrl url = *StoreUrl::parse(m_rawUrl);
        db.setHostName(url.host);
        db.setPort(url.port);
        db.setDatabaseName(url.database);
        db.setUserName(login);
        if (!db.open()) {
            qFatal("connect as %s: %s", qPrintable(login), qPrintable(db.lastError().text()));
        }
        return db;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qunsetenv("TRACKPLAN_USER");
        QString error;
        QVERIFY2(m_backends.start(&error), qPrintable(error));

        // The raw SQL store: an admin (the superuser that created it) builds a small plan.
        m_rawUrl = m_backends.freshUrl(QStringLiteral("postgres"));
        auto s = open(m_rawUrl);
        QVERIFY(s->plan().createApp(makeApp(kApp)));
        QVERIFY(!mergeDemand(*s, kApp, {makeAttr(QStringLiteral("page"))},
                             {makeEvent(QStringLiteral("page_view"), {{QStringLiteral("page"), true, {}}})})
                     .isEmpty());
        m_rawDemands[0] = demandIn(*s, QStringLiteral("draft"), DemandStatus::Draft);
        m_rawDemands[1] = demandIn(*s, QStringLiteral("review"), DemandStatus::InReview);
        m_rawDemands[2] = demandIn(*s, QStringLiteral("approved"), DemandStatus::Approved);
        QVERIFY(!m_rawDemands[2].isEmpty());
        Version v;
        v.appKey = kApp;
        v.name = QStringLiteral("1.0.0");
        QVERIFY(s->versions().create(v));
        for (Role r : allRoles()) {
            const User u{QStringLiteral("raw_") + roleName(r), roleLabel(r), r, 0};
            QVERIFY2(s->access().addUser(u, true), qPrintable(why(s->access().addUser(u, true))));
        }
    }

    void cleanupTestCase()
    {
        for (const QString& name : QSqlDatabase::connectionNames()) {
            if (name.startsWith(QLatin1String("raw_"))) {
                QSqlDatabase::database(name).close();
                QSqlDatabase::removeDatabase(name);
            }
        }
    }

    // ---- through the application -------------------------------------------------------

    void matrixThroughTheApp_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<Role>("role");
        for (const char* backend : {"sqlite", "postgres"}) {
            for (Role r : allRoles()) {
                QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(backend), roleName(r))))
                    << QString::fromLatin1(backend) << r;
            }
        }
    }

    void matrixThroughTheApp()
    {
        QFETCH(QString, backend);
        QFETCH(Role, role);
        const QString url = m_backends.freshUrl(backend);
        const bool pg = backend == QLatin1String("postgres");
        Fixture f;
        f.user = QStringLiteral("app_") + roleName(role);
        {
            // An admin prepares what the role will work on.
            auto admin = open(url);
            QVERIFY(admin->plan().createApp(makeApp(kApp)));
            QVERIFY(admin->access().addUser(User{f.user, roleLabel(role), role, 0}, pg));
            f.inReview = demandIn(*admin, QStringLiteral("review"), DemandStatus::InReview);
            f.levels = demandIn(*admin, QStringLiteral("levels"), DemandStatus::InReview);
            f.approved = demandIn(*admin, QStringLiteral("approved"), DemandStatus::Approved);
            QVERIFY(!f.approved.isEmpty());
        }
        // The role acts: on PostgreSQL as its own login, on SQLite as the registered user.
        std::unique_ptr<Store> s;
        if (pg) {
            StoreUrl login = *StoreUrl::parse(url);
            login.user = f.user;
            auto opened = Store::open(login);
            QVERIFY2(opened, qPrintable(why(opened)));
            s = std::move(*opened);
        } else {
            s = open(url);
            s->setActor(f.user);
        }
        auto id = s->identity();
        QVERIFY2(id, qPrintable(why(id)));
        QCOMPARE(toString(id->role), toString(role));
        QCOMPARE(id->user, f.user);

        const QList<std::pair<Permission, std::function<Status()>>> actions{
            {Permission::Read,
             [&]() -> Status { return s->plan().plan(kApp) ? Status(Ok{}) : s->plan().plan(kApp).error(); }},
            {Permission::EditDemands,
             [&]() -> Status {
                 Demand d;
                 d.appKey = kApp;
                 d.title = QStringLiteral("new");
                 auto r = s->demands().create(d);
                 return r ? Status(Ok{}) : Status(r.error());
             }},
            {Permission::Comment,
             [&]() -> Status {
                 auto r = s->reviews().comment(f.inReview, QStringLiteral("looks fine"));
                 return r ? Status(Ok{}) : Status(r.error());
             }},
            {Permission::ReviewDemands,
             [&]() -> Status {
                 auto r = s->demands().approve(f.inReview, QStringLiteral("ok"));
                 return r ? Status(Ok{}) : Status(r.error());
             }},
            {Permission::ApproveLevels,
             [&]() -> Status {
                 auto r = s->reviews().decideAllLevels(f.levels, true, QStringLiteral("B is right"));
                 return r ? Status(Ok{}) : Status(r.error());
             }},
            {Permission::Merge,
             [&]() -> Status {
                 auto r = s->demands().merge(f.approved);
                 if (r && !r->merged) {
                     return makeError(Error::Code::Conflict, QStringLiteral("conflicts"));
                 }
                 return r ? Status(Ok{}) : Status(r.error());
             }},
            {Permission::ManageVersions,
             [&]() -> Status {
                 Version v;
                 v.appKey = kApp;
                 v.name = QStringLiteral("2.0.0");
                 auto r = s->versions().create(v);
                 return r ? Status(Ok{}) : Status(r.error());
             }},
            {Permission::Publish,
             [&]() -> Status {
                 PublishRecord rec;
                 rec.appKey = kApp;
                 rec.redisTarget = QStringLiteral("redis://127.0.0.1:1");
                 auto r = PublishHistory(s->context()).record(rec);
                 return r ? Status(Ok{}) : Status(r.error());
             }},
            {Permission::EditPolicy,
             [&]() -> Status {
                 auto p = s->plan().policy(kApp);
                 if (!p) {
                     return p.error();
                 }
                 p->levels[1].samplingRate = 0.5;
                 auto r = s->plan().setPolicy(*p, QStringLiteral("sample B"));
                 return r ? Status(Ok{}) : Status(r.error());
             }},
            {Permission::WriteMetrics,
             [&]() -> Status {
                 return writeMetrics(*s, kApp, {MetricRow{QDate(2026, 11, 20), QStringLiteral("page_view"), 10, 3, 1}},
                                     QStringLiteral("test"));
             }},
            {Permission::ManageApps,
             [&]() -> Status {
                 auto r = s->plan().createApp(makeApp(QStringLiteral("other")));
                 return r ? Status(Ok{}) : Status(r.error());
             }},
            {Permission::ManageUsers,
             [&]() -> Status {
                 auto r =
                     s->access().addUser(User{QStringLiteral("newbie_") + roleName(role), {}, Role::Analyst, 0}, false);
                 return r ? Status(Ok{}) : Status(r.error());
             }},
        };
        QCOMPARE(actions.size() + 1, allPermissions().size()); // LoadStore: below
        for (const auto& [permission, run] : actions) {
            const qint64 before = auditCount(*s);
            const Status r = run();
            const qint64 written = auditCount(*s) - before;
            const QString what = QStringLiteral("%1 %2: %3").arg(roleName(role), toString(permission), why(r));
            if (roleMay(role, permission)) {
                QVERIFY2(r, qPrintable(what));
                // Every mutation leaves exactly one audit row, naming the user.
                QCOMPARE(written, permission == Permission::Read ? 0 : 1);
                if (permission != Permission::Read) {
                    QCOMPARE(lastActor(*s), f.user);
                }
            } else {
                QVERIFY2(!r && r.error().code == Error::Code::Permission, qPrintable(what));
                QVERIFY2(r.error().message.contains(f.user), qPrintable(r.error().message));
                QCOMPARE(written, 0);
            }
        }
        // Import needs an empty store: the permission is checked first.
        QBuffer none;
        QVERIFY(none.open(QIODevice::ReadOnly));
        auto imported = importStore(*s, none, QStringLiteral("none.json"));
        QVERIFY(!imported);
        QCOMPARE(imported.error().code == Error::Code::Permission, !roleMay(role, Permission::LoadStore));
    }

    // ---- through raw SQL on PostgreSQL -----------------------------------------------------

    void matrixThroughRawSql_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QStringList>("allowed"); ///< roles that may
        const QString app = QStringLiteral("(SELECT id FROM apps WHERE key = 'shop')");
        const QStringList all{QStringLiteral("product_owner"), QStringLiteral("data_steward"),
                              QStringLiteral("analyst"), QStringLiteral("admin")};
        const QStringList writers{QStringLiteral("product_owner"), QStringLiteral("data_steward"),
                                  QStringLiteral("admin")};
        const QStringList stewards{QStringLiteral("data_steward"), QStringLiteral("admin")};
        const QStringList admins{QStringLiteral("admin")};
        const QStringList nobody;
        auto row = [](const char* name, const QString& sql, const QStringList& allowed) {
            QTest::newRow(name) << sql << allowed;
        };
        row("read events", QStringLiteral("SELECT COUNT(*) FROM events"), all);
        row("read audit", QStringLiteral("SELECT COUNT(*) FROM audit_log"), all);
        row("create draft demand",
            QStringLiteral("INSERT INTO demands (key, app_id, title, status, created_at, updated_at) VALUES "
                           "('DEM-9001', %1, 't', 'draft', 'x', 'x')")
                .arg(app),
            writers);
        row("create demand already approved",
            QStringLiteral("INSERT INTO demands (key, app_id, title, status, created_at, updated_at) VALUES "
                           "('DEM-9002', %1, 't', 'approved', 'x', 'x')")
                .arg(app),
            stewards);
        row("edit a draft's title",
            QStringLiteral("UPDATE demands SET title = 'x' WHERE key = '%1'").arg(m_rawDemands[0]), writers);
        row("submit a draft",
            QStringLiteral("UPDATE demands SET status = 'in_review', review_round = review_round + 1 WHERE key = '%1'")
                .arg(m_rawDemands[0]),
            writers);
        row("approve a demand",
            QStringLiteral("UPDATE demands SET status = 'approved' WHERE key = '%1'").arg(m_rawDemands[1]), stewards);
        row("reject a demand",
            QStringLiteral("UPDATE demands SET status = 'rejected' WHERE key = '%1'").arg(m_rawDemands[1]), stewards);
        row("mark a demand merged",
            QStringLiteral("UPDATE demands SET status = 'merged' WHERE key = '%1'").arg(m_rawDemands[2]), stewards);
        row("reset the review round",
            QStringLiteral("UPDATE demands SET review_round = 0 WHERE key = '%1'").arg(m_rawDemands[1]), stewards);
        row("edit a draft's change set",
            QStringLiteral(
                "UPDATE changes SET state = state WHERE demand_id = (SELECT id FROM demands WHERE key = '%1')")
                .arg(m_rawDemands[0]),
            writers);
        row("edit a change set in review",
            QStringLiteral(
                "UPDATE changes SET state = state WHERE demand_id = (SELECT id FROM demands WHERE key = '%1')")
                .arg(m_rawDemands[1]),
            stewards);
        row("delete an approved change set",
            QStringLiteral("DELETE FROM changes WHERE demand_id = (SELECT id FROM demands WHERE key = '%1')")
                .arg(m_rawDemands[2]),
            stewards);
        row("comment",
            QStringLiteral("INSERT INTO reviews (demand_id, round, author, verdict, body, created_at) "
                           "SELECT id, review_round, 'x', 'comment', 'hi', 'x' FROM demands WHERE key = '%1'")
                .arg(m_rawDemands[1]),
            writers);
        row("decide a level",
            QStringLiteral(
                "INSERT INTO level_approvals (demand_id, event_key, level, decision, decided_by, decided_at) "
                "SELECT id, 'e', 'D', 'approved', 'x', 'x' FROM demands WHERE key = '%1'")
                .arg(m_rawDemands[1]),
            stewards);
        row("write an event (merge)", QStringLiteral("UPDATE events SET description = 'x'"), stewards);
        row("write a revision",
            QStringLiteral("INSERT INTO revisions (app_id, entity_kind, entity_key, revision, plan_seq, "
                           "op, author, created_at, state) VALUES (%1, 'event', 'z', 1, 99, 'create', "
                           "'x', 'x', '{}')")
                .arg(app),
            stewards);
        row("bump the plan sequence", QStringLiteral("UPDATE apps SET plan_seq = plan_seq + 1"), stewards);
        row("rename an app", QStringLiteral("UPDATE apps SET name = 'x'"), admins);
        row("create an app", QStringLiteral("INSERT INTO apps (key, name) VALUES ('evil', 'x')"), admins);
        row("change the policy", QStringLiteral("UPDATE governance_policies SET sampling_rate = 0.5 WHERE level = 'B'"),
            stewards);
        row("change the approval rules", QStringLiteral("UPDATE approval_rules SET rules = '[]'"), stewards);
        row("release a version", QStringLiteral("UPDATE versions SET status = 'released'"), stewards);
        row("record a publish",
            QStringLiteral("INSERT INTO publish_history (app_id, published_at, published_by, "
                           "redis_target, outcome) VALUES (%1, 'x', 'x', 'x', 'ok')")
                .arg(app),
            stewards);
        row("load metrics",
            QStringLiteral("INSERT INTO metrics (app_id, day, event, updated_at) VALUES (%1, '2026-11-20', "
                           "'e', 'x')")
                .arg(app),
            stewards);
        row("write an audit row",
            QStringLiteral("INSERT INTO audit_log (at, actor, action, entity_type, entity_key) "
                           "VALUES ('x', 'x', 'x', 'x', 'x')"),
            writers);
        row("add a user", QStringLiteral("INSERT INTO users (name, role) VALUES ('mallory', 'admin')"), admins);
        row("give yourself admin", QStringLiteral("UPDATE users SET role = 'admin'"), admins);
        row("create a login", QStringLiteral("SELECT tp_grant_login('mallory', 'admin', '')"), admins);
        row("rewrite the audit log", QStringLiteral("UPDATE audit_log SET actor = 'x'"), nobody);
        row("delete the audit log", QStringLiteral("DELETE FROM audit_log"), nobody);
        row("truncate the audit log", QStringLiteral("TRUNCATE audit_log"), nobody);
        row("rewrite history", QStringLiteral("UPDATE revisions SET author = 'x'"), nobody);
        row("delete history", QStringLiteral("DELETE FROM governance_history"), nobody);
        row("drop a table", QStringLiteral("DROP TABLE events"), nobody);
        row("create a table", QStringLiteral("CREATE TABLE public.mine (a INT)"), nobody);
        row("disable a guard", QStringLiteral("ALTER TABLE demands DISABLE TRIGGER demands_guard"), nobody);
        row("grant yourself a role", QStringLiteral("GRANT trackplan_admin TO CURRENT_USER"), nobody);
    }

    void matrixThroughRawSql()
    {
        QFETCH(QString, sql);
        QFETCH(QStringList, allowed);
        for (Role r : allRoles()) {
            QSqlDatabase db = connectAs(QStringLiteral("raw_") + roleName(r));
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("BEGIN")));
            const bool ok = q.exec(sql);
            const QString error = q.lastError().text();
            const QString code = q.lastError().nativeErrorCode();
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            const bool expected = allowed.contains(roleName(r));
            QVERIFY2(ok == expected,
                     qPrintable(
                         QStringLiteral("%1: %2 (%3)").arg(roleName(r), ok ? QStringLiteral("allowed") : error, code)));
            if (!ok) {
                // Refused for lack of privilege (42501), not by accident of the statement.
                QVERIFY2(code == QLatin1String("42501"), qPrintable(code + QLatin1Char(' ') + error));
            }
        }
    }

    void namesAreStampedByTheDatabase()
    {
        // Below admin the database writes the login's name, whatever the client sends.
        QSqlDatabase db = connectAs(QStringLiteral("raw_product_owner"));
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("BEGIN")));
        QVERIFY2(q.exec(QStringLiteral("INSERT INTO audit_log (at, actor, action, entity_type, entity_key) VALUES "
                                       "('x', 'liu.yang', 'demand.approve', 'demand', 'x') RETURNING actor")),
                 qPrintable(q.lastError().text()));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("raw_product_owner"));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO reviews (demand_id, round, author, verdict, body, created_at) "
                                      "SELECT id, review_round, 'liu.yang', 'approve', '', 'x' FROM demands WHERE "
                                      "key = '%1' RETURNING author")
                           .arg(m_rawDemands[1])));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("raw_product_owner"));
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
    }

    void loginWithoutRoleIsToldSo()
    {
        auto admin = open(m_rawUrl);
        QVERIFY(admin->db().script(QStringLiteral("CREATE ROLE raw_nobody LOGIN;")));
        StoreUrl login = *StoreUrl::parse(m_rawUrl);
        login.user = QStringLiteral("raw_nobody");
        auto s = Store::open(login);
        QVERIFY(!s);
        QVERIFY(s.error().code == Error::Code::Permission);
        QVERIFY2(s.error().message.contains(QStringLiteral("admin set-role")), qPrintable(s.error().message));
    }

    void productOwnerCannotImpersonateThroughTheApp()
    {
        StoreUrl login = *StoreUrl::parse(m_rawUrl);
        login.user = QStringLiteral("raw_product_owner");
        auto s = Store::open(login);
        QVERIFY(s);
        (*s)->setActor(QStringLiteral("raw_admin"));
        auto id = (*s)->identity();
        QVERIFY(id);
        QCOMPARE(id->user, QStringLiteral("raw_product_owner"));
        QCOMPARE(toString(id->role), toString(Role::ProductOwner));
        auto denied = (*s)->plan().createApp(makeApp(QStringLiteral("x")));
        QVERIFY(!denied);
        QCOMPARE(denied.error().code, Error::Code::Permission);
    }

    void setRoleMovesTheLogin()
    {
        auto admin = open(m_rawUrl);
        QVERIFY(admin->access().addUser(User{QStringLiteral("raw_mover"), {}, Role::Analyst, 0}, true));
        auto check = [&](Role expected) {
            StoreUrl login = *StoreUrl::parse(m_rawUrl);
            login.user = QStringLiteral("raw_mover");
            auto s = Store::open(login);
            QVERIFY(s);
            QCOMPARE(toString((*s)->identity()->role), toString(expected));
        };
        check(Role::Analyst);
        QVERIFY(admin->access().setRole(QStringLiteral("raw_mover"), Role::DataSteward));
        check(Role::DataSteward);
        auto accounts = admin->access().accounts();
        QVERIFY(accounts);
        bool found = false;
        for (const UserAccount& a : std::as_const(*accounts)) {
            if (a.user.name == QLatin1String("raw_mover")) {
                found = true;
                QVERIFY(a.hasLogin);
                QVERIFY(a.loginRole == std::optional<Role>(Role::DataSteward));
                QVERIFY(a.user.role == Role::DataSteward);
            }
        }
        QVERIFY(found);
        const auto audit =
            admin->audit(auditFilter(QStringLiteral("user"), QStringLiteral("user.set_role")));
        QVERIFY(audit && !audit->isEmpty());
        QCOMPARE(audit->last().entityKey, QStringLiteral("raw_mover"));
    }

    void loginWithPassword()
    {
        // A password is sent as a SCRAM verifier only; the server then accepts the password.
        auto admin = open(m_rawUrl);
        QVERIFY(admin->access().addUser(User{QStringLiteral("raw_secret"), {}, Role::Analyst, 0}, true,
                                        QStringLiteral("s3cret pässword")));
        auto stored =
            admin->db().scalar(QStringLiteral("SELECT rolpassword FROM pg_authid WHERE rolname = 'raw_secret'"));
        QVERIFY(stored);
        QVERIFY2(stored->toString().startsWith(QLatin1String("SCRAM-SHA-256$4096:")), qPrintable(stored->toString()));
        // Require SCRAM for that login, then log in with the right and a wrong password.
        QFile hba(m_backends.postgres().dataDir() + QStringLiteral("/pg_hba.conf"));
        QVERIFY(hba.open(QIODevice::ReadOnly));
        const QByteArray original = hba.readAll();
        hba.close();
        QVERIFY(hba.open(QIODevice::WriteOnly | QIODevice::Truncate));
        hba.write("host all raw_secret 127.0.0.1/32 scram-sha-256\n" + original);
        hba.close();
        QVERIFY(admin->db().scalar(QStringLiteral("SELECT pg_reload_conf()")));
        auto attempt = [&](const QString& password) {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("pw_attempt"));
            const StoreUrl url = *StoreUrl::parse(m_rawUrl);
            db.setHostName(url.host);
            db.setPort(url.port);
            db.setDatabaseName(url.database);
            db.setUserName(QStringLiteral("raw_secret"));
            db.setPassword(password);
            const bool ok = db.open();
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(QStringLiteral("pw_attempt"));
            return ok;
        };
        const bool right = attempt(QStringLiteral("s3cret pässword"));
        const bool wrong = attempt(QStringLiteral("guess"));
        QVERIFY(hba.open(QIODevice::WriteOnly | QIODevice::Truncate));
        hba.write(original);
        hba.close();
        QVERIFY(admin->db().scalar(QStringLiteral("SELECT pg_reload_conf()")));
        QVERIFY(right);
        QVERIFY(!wrong);
    }

    void docsTableMatchesTheCode()
    {
        QFile doc(qEnvironmentVariable("TRACKPLAN_SOURCE_DIR") + QStringLiteral("/docs/access.md"));
        QVERIFY2(doc.open(QIODevice::ReadOnly), qPrintable(doc.fileName()));
        const QString text = QString::fromUtf8(doc.readAll());
        // Rows "| `permission` | … | ✓ | – | … |" with the roles in allRoles() order.
        static const QRegularExpression rowPattern(QStringLiteral("^\\|\\s*`([a-z_]+)`\\s*\\|[^|]*\\|(.*)\\|\\s*$"),
                                                   QRegularExpression::MultilineOption);
        int rows = 0;
        for (auto it = rowPattern.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            Permission permission{};
            bool known = false;
            for (Permission p : allPermissions()) {
                if (toString(p) == m.captured(1)) {
                    permission = p;
                    known = true;
                }
            }
            QVERIFY2(known, qPrintable(m.captured(1)));
            const QStringList cells = m.captured(2).split(QLatin1Char('|'));
            QCOMPARE(cells.size(), allRoles().size());
            for (int i = 0; i < cells.size(); ++i) {
                const bool yes = cells.at(i).trimmed() == QStringLiteral("✓");
                QVERIFY2(yes == roleMay(allRoles().at(i), permission),
                         qPrintable(QStringLiteral("%1 / %2").arg(m.captured(1), roleName(allRoles().at(i)))));
            }
            ++rows;
        }
        QCOMPARE(rows, allPermissions().size());
    }
};

QTEST_GUILESS_MAIN(TstAccess)
#include "tst_access.moc"
