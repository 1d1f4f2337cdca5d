// The publish history on both backends: entries are recorded with the store's clock and
// acting user and one audit row each, listed newest first per app, never with a password.
#include "planbuilder.h"
#include "publishhistory.h"
#include "support/backends.h"

#include <QtTest>

using namespace tp;
using namespace tp::test;

class TstPublishHistory : public QObject {
    Q_OBJECT

private:
    Backends m_backends;

    /// A store with the apps user-app and driver-app, acting as "alice" on a fixed clock.
    std::unique_ptr<Store> freshStore(const QString& backend)
    {
        auto s = openStore(m_backends.freshUrl(backend));
        for (const char* key : {"user-app", "driver-app"}) {
            App app;
            app.key = QString::fromLatin1(key);
            app.name = app.key;
            app.platforms = {QStringLiteral("android")};
            if (!s->plan().createApp(app)) {
                qFatal("cannot create app %s", key);
            }
        }
        s->setActor(QStringLiteral("alice"));
        s->setClock([] { return QDateTime(QDate(2025, 3, 1), QTime(10, 0), Qt::UTC); });
        return s;
    }

    static PublishRecord entry(const QString& app, const QString& snapshot)
    {
        PublishRecord r;
        r.appKey = app;
        r.redisTarget = QStringLiteral("redis://ops@127.0.0.1:6390/2");
        r.snapshotId = snapshot;
        r.versions = {{QStringLiteral("6.2.0"), QStringLiteral("a1")}, {QStringLiteral("6.3.0"), snapshot}};
        r.details = QStringLiteral("{\"schemasWritten\":3}");
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        QVERIFY2(m_backends.start(&error), qPrintable(error));
    }

    void recordAndList_data() { Backends::addRows(); }
    void recordAndList()
    {
        QFETCH(QString, backend);
        auto s = freshStore(backend);
        PublishHistory history(s->context());
        QCOMPARE(history.list(QStringLiteral("user-app"))->size(), 0);

        auto first = history.record(entry(QStringLiteral("user-app"), QStringLiteral("b2")));
        QVERIFY2(first, qPrintable(first.ok() ? QString() : first.error().message));
        QVERIFY(first->id > 0);
        QCOMPARE(first->by, QStringLiteral("alice"));
        QCOMPARE(first->publishedAt, QDateTime(QDate(2025, 3, 1), QTime(10, 0), Qt::UTC));

        PublishRecord failed = entry(QStringLiteral("user-app"), QString());
        failed.ok = false;
        failed.versions.clear();
        failed.details = QStringLiteral("Redis refused the password (AUTH): 认证失败");
        QVERIFY(history.record(failed));
        PublishRecord rollback = entry(QStringLiteral("user-app"), QStringLiteral("a1"));
        rollback.action = PublishRecord::Action::Rollback;
        QVERIFY(history.record(rollback));
        QVERIFY(history.record(entry(QStringLiteral("driver-app"), QStringLiteral("c3"))));

        auto list = history.list(QStringLiteral("user-app"));
        QVERIFY(list);
        QCOMPARE(list->size(), 3);
        // Newest first.
        QCOMPARE(toString(list->at(0).action), QStringLiteral("rollback"));
        QCOMPARE(list->at(1).ok, false);
        QCOMPARE(list->at(1).details, failed.details);
        QVERIFY(list->at(1).versions.isEmpty());
        const PublishRecord& back = list->at(2);
        QCOMPARE(back.id, first->id);
        QCOMPARE(back.appKey, QStringLiteral("user-app"));
        QCOMPARE(toString(back.action), QStringLiteral("publish"));
        QCOMPARE(back.by, QStringLiteral("alice"));
        QCOMPARE(back.publishedAt, first->publishedAt);
        QCOMPARE(back.redisTarget, QStringLiteral("redis://ops@127.0.0.1:6390/2"));
        QCOMPARE(back.snapshotId, QStringLiteral("b2"));
        QCOMPARE(back.versions, entry(QStringLiteral("user-app"), QStringLiteral("b2")).versions);
        QVERIFY(back.ok);
        QCOMPARE(back.details, QStringLiteral("{\"schemasWritten\":3}"));

        auto limited = history.list(QStringLiteral("user-app"), 2);
        QCOMPARE(limited->size(), 2);
        QCOMPARE(limited->at(0).id, list->at(0).id);
        QCOMPARE(history.list(QStringLiteral("driver-app"))->size(), 1);
    }

    void oneAuditRowPerRecord_data() { Backends::addRows(); }
    void oneAuditRowPerRecord()
    {
        QFETCH(QString, backend);
        auto s = freshStore(backend);
        PublishHistory history(s->context());
        auto r = history.record(entry(QStringLiteral("user-app"), QStringLiteral("b2")));
        QVERIFY(r);
        PublishRecord rollback = entry(QStringLiteral("user-app"), QStringLiteral("a1"));
        rollback.action = PublishRecord::Action::Rollback;
        QVERIFY(history.record(rollback));
        auto audit = s->audit(auditFilter(QStringLiteral("publish"), {}));
        QVERIFY(audit);
        QCOMPARE(audit->size(), 2);
        const AuditEntry& a = audit->first();
        QCOMPARE(a.action, QStringLiteral("publish.publish"));
        QCOMPARE(a.actor, QStringLiteral("alice"));
        QCOMPARE(a.appKey, QStringLiteral("user-app"));
        QCOMPARE(a.entityKey, QString::number(r->id));
        QCOMPARE(a.details.value(QStringLiteral("snapshot")).toString(), QStringLiteral("b2"));
        QCOMPARE(audit->last().action, QStringLiteral("publish.rollback"));
    }

    void refusesPasswordAndUnknownApp_data() { Backends::addRows(); }
    void refusesPasswordAndUnknownApp()
    {
        QFETCH(QString, backend);
        auto s = freshStore(backend);
        PublishHistory history(s->context());
        PublishRecord withPassword = entry(QStringLiteral("user-app"), QStringLiteral("b2"));
        withPassword.redisTarget = QStringLiteral("redis://:hunter2@127.0.0.1:6379/0");
        auto refused = history.record(withPassword);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, Error::Code::Validation);
        QVERIFY(!refused.error().message.contains(QStringLiteral("hunter2")));
        auto unknown = history.record(entry(QStringLiteral("no-such-app"), QStringLiteral("b2")));
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, Error::Code::NotFound);
        QCOMPARE(history.list(QStringLiteral("user-app"))->size(), 0);
        QCOMPARE(s->audit(auditFilter(QStringLiteral("publish"), {}))->size(), 0);
    }
};

QTEST_GUILESS_MAIN(TstPublishHistory)
#include "tst_publishhistory.moc"
