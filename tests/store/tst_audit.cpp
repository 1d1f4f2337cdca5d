// The audit log's filters and paging run in SQL on both backends: a time range, the entity,
// the app, the acting user; newest first a page at a time (keyset paging on the sequence
// number, so a row written between pages neither repeats nor shifts them); counts and the
// list of actors agree with the rows.
#include "planbuilder.h"
#include "support/backends.h"

#include <QtTest>

using namespace tp;
using namespace tp::test;

namespace {

QDateTime day(int d, int hour = 10)
{
    return QDateTime(QDate(2025, 3, d), QTime(hour, 0), Qt::UTC);
}

QList<qint64> seqs(const QList<AuditEntry>& entries)
{
    QList<qint64> out;
    for (const AuditEntry& e : entries) {
        out << e.seq;
    }
    return out;
}

} // namespace

class TstAudit : public QObject {
    Q_OBJECT

private:
    Backends m_backends;
    QString m_userDemand;
    QString m_driverDemand;

    /// Day 1: admin creates user-app and driver-app. Day 2: alice opens a demand on user-app,
    /// bob one on driver-app. Day 3: alice comments on hers three times.
    std::unique_ptr<Store> freshStore(const QString& backend)
    {
        auto s = openStore(m_backends.freshUrl(backend));
        QDateTime now = day(1);
        s->setClock([&now] { return now; });
        s->setActor(QStringLiteral("admin"));
        for (const char* key : {"user-app", "driver-app"}) {
            if (!s->plan().createApp(makeApp(QString::fromLatin1(key)))) {
                qFatal("cannot create app %s", key);
            }
        }
        now = day(2);
        const auto open = [&s](const QString& actor, const QString& app) {
            s->setActor(actor);
            Demand d;
            d.appKey = app;
            d.title = QStringLiteral("需求 of ") + actor;
            auto created = s->demands().create(d);
            if (!created) {
                qFatal("cannot create demand: %s", qPrintable(created.error().message));
            }
            return created->key;
        };
        m_userDemand = open(QStringLiteral("alice"), QStringLiteral("user-app"));
        m_driverDemand = open(QStringLiteral("bob"), QStringLiteral("driver-app"));
        now = day(3);
        s->setActor(QStringLiteral("alice"));
        for (int i = 0; i < 3; ++i) {
            if (!s->reviews().comment(m_userDemand, QStringLiteral("意见 %1").arg(i))) {
                qFatal("cannot comment");
            }
        }
        s->setClock([] { return day(4); });
        return s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        QVERIFY2(m_backends.start(&error), qPrintable(error));
    }

    void filtersInSql_data() { Backends::addRows(); }
    void filtersInSql()
    {
        QFETCH(QString, backend);
        auto s = freshStore(backend);
        const auto count = [&s](const AuditFilter& f) {
            auto rows = s->audit(f);
            auto n = s->auditCount(f);
            if (!rows || !n || *n != rows->size()) {
                qWarning("count and rows disagree");
                return qint64(-1);
            }
            return *n;
        };
        QCOMPARE(count({}), 7);

        AuditFilter range;
        range.since = day(2, 0);
        range.until = day(3, 0); // exclusive
        QCOMPARE(count(range), 2);
        const auto inRange = s->audit(range);
        QVERIFY(inRange);
        for (const AuditEntry& e : *inRange) {
            QCOMPARE(e.action, QStringLiteral("demand.create"));
        }

        AuditFilter entity;
        entity.entityKey = m_userDemand;
        QCOMPARE(count(entity), 4); // created, commented three times
        entity.action = QStringLiteral("demand.comment");
        QCOMPARE(count(entity), 3);

        AuditFilter app;
        app.appKey = QStringLiteral("driver-app");
        QCOMPARE(count(app), 2); // the app, bob's demand
        app.actor = QStringLiteral("bob");
        QCOMPARE(count(app), 1);
        app.actor = QStringLiteral("alice");
        QCOMPARE(count(app), 0);

        auto actors = s->auditActors();
        QVERIFY(actors);
        QCOMPARE(*actors, (QStringList{QStringLiteral("admin"), QStringLiteral("alice"), QStringLiteral("bob")}));
    }

    void pagesNewestFirst_data() { Backends::addRows(); }
    void pagesNewestFirst()
    {
        QFETCH(QString, backend);
        auto s = freshStore(backend);
        auto all = s->audit();
        QVERIFY(all);
        QList<qint64> expected = seqs(*all);
        std::reverse(expected.begin(), expected.end());

        AuditFilter page;
        page.newestFirst = true;
        page.limit = 3;
        auto first = s->audit(page);
        QVERIFY(first);
        QCOMPARE(seqs(*first), expected.mid(0, 3));
        // A row written now is newer than every page still to come: it does not show up in them.
        QVERIFY(s->reviews().comment(m_driverDemand, QStringLiteral("late")));
        page.beforeSeq = first->constLast().seq;
        auto second = s->audit(page);
        QVERIFY(second);
        QCOMPARE(seqs(*second), expected.mid(3, 3));
        page.beforeSeq = second->constLast().seq;
        auto third = s->audit(page);
        QVERIFY(third);
        QCOMPARE(seqs(*third), expected.mid(6));

        // Oldest first, a limit keeps the newest rows (as before).
        AuditFilter tail;
        tail.limit = 2;
        auto last = s->audit(tail);
        QVERIFY(last);
        QCOMPARE(last->size(), 2);
        QVERIFY(last->at(0).seq < last->at(1).seq);
        QCOMPARE(last->at(1).entityKey, m_driverDemand);
    }
};

QTEST_GUILESS_MAIN(TstAudit)
#include "tst_audit.moc"
