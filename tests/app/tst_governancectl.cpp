// trackplanctl's governance and access commands, run as the real program: admin add-user /
// list-users / set-role (PostgreSQL logins with a password from stdin), whoami, demand
// review / comment / sign-off / request-changes, governance levels / approve / reject / policy /
// rules / history, audit — and their refusals (exit code 4) under the roles of docs/access.md.

#include "support/ctlrun.h"
#include "support/pgserver.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using tp::test::CtlRun;

class TstGovernanceCtl : public QObject {
    Q_OBJECT

private:
    QString m_binary;
    QTemporaryDir m_dir;
    tp::test::PgServer m_pg;
    QString m_db; ///< the demo store (SQLite)

    CtlRun ctl(const QStringList& args, const QString& user = {}, const QByteArray& input = {},
               const QString& lang = {})
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.remove(QStringLiteral("TRACKPLAN_DB"));
        e.insert(QStringLiteral("HOME"), m_dir.path());
        e.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg-data")));
        e.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("xdg-config")));
        e.insert(QStringLiteral("LC_ALL"), lang.isEmpty() ? QStringLiteral("C.UTF-8") : lang);
        e.insert(QStringLiteral("LANG"), lang.isEmpty() ? QStringLiteral("C.UTF-8") : lang);
        if (user.isEmpty()) {
            e.remove(QStringLiteral("TRACKPLAN_USER"));
        } else {
            e.insert(QStringLiteral("TRACKPLAN_USER"), user);
        }
        return tp::test::runCtl(m_binary, args, e, input);
    }
    CtlRun on(const QStringList& args, const QString& user = {})
    {
        return ctl(QStringList{QStringLiteral("--db"), m_db} + args, user);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString binaryDir = qEnvironmentVariable("TRACKPLAN_BINARY_DIR");
        QVERIFY2(!binaryDir.isEmpty(), "TRACKPLAN_BINARY_DIR is not set; run the test through ctest");
        m_binary = binaryDir + QStringLiteral("/app/trackplanctl/trackplanctl");
        QVERIFY2(QFileInfo(m_binary).isExecutable(), qPrintable(m_binary));
        QString error;
        QVERIFY2(m_pg.start(&error), qPrintable(error));
        m_db = m_dir.filePath(QStringLiteral("demo.sqlite"));
        for (const QStringList& step : {QStringList{QStringLiteral("init")}, QStringList{QStringLiteral("demo")}}) {
            const CtlRun r = on(step);
            QVERIFY2(r.code == 0, qPrintable(r.describe()));
        }
    }

    void whoami()
    {
        CtlRun r = on({QStringLiteral("--json"), QStringLiteral("whoami")}, QStringLiteral("zhang.wei"));
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        QJsonObject o = r.json().toObject();
        QCOMPARE(o.value(QStringLiteral("role")).toString(), QStringLiteral("product_owner"));
        QCOMPARE(o.value(QStringLiteral("may")).toArray().size(), 3);
        r = on({QStringLiteral("--json"), QStringLiteral("whoami")}, QStringLiteral("someone-else"));
        o = r.json().toObject();
        QCOMPARE(o.value(QStringLiteral("role")).toString(), QStringLiteral("admin"));
        QCOMPARE(o.value(QStringLiteral("source")).toString(), QStringLiteral("file_owner"));
    }

    void reviewBeforeMerge()
    {
        // The demo leaves DEM-0059 in review with a level raised to D, pending.
        const QString demand = QStringLiteral("DEM-0059");
        CtlRun r = on({QStringLiteral("--json"), QStringLiteral("governance"), QStringLiteral("levels"),
                       QStringLiteral("--app"), QStringLiteral("user-app")});
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        const QJsonArray pending = r.json().toArray();
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.at(0).toObject().value(QStringLiteral("demand")).toString(), demand);
        QCOMPARE(pending.at(0).toObject().value(QStringLiteral("to")).toString(), QStringLiteral("D"));

        // A product owner may comment, not approve.
        r = on({QStringLiteral("demand"), QStringLiteral("comment"), demand, QStringLiteral("--comment"),
                QStringLiteral("排序按使用频率"), QStringLiteral("--on"),
                QStringLiteral("event:payment_channel_select")},
               QStringLiteral("chen.jing"));
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        r = on({QStringLiteral("demand"), QStringLiteral("approve"), demand}, QStringLiteral("chen.jing"));
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("chen.jing")), qPrintable(r.err));
        r = on({QStringLiteral("governance"), QStringLiteral("approve"), demand}, QStringLiteral("chen.jing"));
        QCOMPARE(r.code, 4);
        // An analyst may not even comment.
        r = on({QStringLiteral("demand"), QStringLiteral("comment"), demand, QStringLiteral("--comment"),
                QStringLiteral("x")},
               QStringLiteral("sun.hao"));
        QCOMPARE(r.code, 4);

        // The steward approves the demand; the merge still waits for the level.
        r = on({QStringLiteral("demand"), QStringLiteral("approve"), demand, QStringLiteral("--comment"),
                QStringLiteral("可以")},
               QStringLiteral("liu.yang"));
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        r = on({QStringLiteral("demand"), QStringLiteral("merge"), demand}, QStringLiteral("liu.yang"));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("level")), qPrintable(r.err));
        r = on({QStringLiteral("--json"), QStringLiteral("demand"), QStringLiteral("review"), demand});
        QJsonObject review = r.json().toObject();
        QCOMPARE(review.value(QStringLiteral("mergeable")).toBool(), false);
        QCOMPARE(review.value(QStringLiteral("reviews")).toArray().size(), 2); // the comment, the approval

        // A rejection needs a reason; the approval then makes the demand mergeable.
        r = on({QStringLiteral("governance"), QStringLiteral("reject"), demand}, QStringLiteral("liu.yang"));
        QCOMPARE(r.code, 2);
        r = on({QStringLiteral("governance"), QStringLiteral("approve"), demand,
                QStringLiteral("payment_channel_select"), QStringLiteral("--comment"), QStringLiteral("核心支付漏斗")},
               QStringLiteral("liu.yang"));
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        r = on({QStringLiteral("--json"), QStringLiteral("demand"), QStringLiteral("review"), demand});
        review = r.json().toObject();
        QVERIFY2(review.value(QStringLiteral("mergeable")).toBool(), qPrintable(r.out));
        r = on({QStringLiteral("demand"), QStringLiteral("merge"), demand}, QStringLiteral("liu.yang"));
        QVERIFY2(r.code == 0, qPrintable(r.describe()));

        // The audit log names each of them.
        r = on({QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("--user"), QStringLiteral("liu.yang"),
                QStringLiteral("--action"), QStringLiteral("level.")});
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        const QJsonArray levels = r.json().toArray();
        QVERIFY(!levels.isEmpty());
        const QJsonObject last = levels.last().toObject();
        QCOMPARE(last.value(QStringLiteral("action")).toString(), QStringLiteral("level.approve"));
        QCOMPARE(last.value(QStringLiteral("entity_key")).toString(), demand);
        r = on({QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("--user"),
                QStringLiteral("chen.jing"), QStringLiteral("--limit"), QStringLiteral("1")});
        QCOMPARE(r.json().toArray().size(), 1);
        QCOMPARE(r.json().toArray().at(0).toObject().value(QStringLiteral("action")).toString(),
                 QStringLiteral("demand.comment"));
        r = on({QStringLiteral("audit"), QStringLiteral("--since"), QStringLiteral("not-a-time")});
        QCOMPARE(r.code, 2);
    }

    void requestChangesAndSignOff()
    {
        // DEM-0066 (enterprise-web, in review): the steward sends it back with a comment.
        const QString demand = QStringLiteral("DEM-0066");
        CtlRun r =
            on({QStringLiteral("demand"), QStringLiteral("request-changes"), demand}, QStringLiteral("zhao.ting"));
        QCOMPARE(r.code, 1); // a request for changes says what to change
        r = on({QStringLiteral("demand"), QStringLiteral("request-changes"), demand, QStringLiteral("--comment"),
                QStringLiteral("请补充余额的单位")},
               QStringLiteral("zhao.ting"));
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        r = on({QStringLiteral("--json"), QStringLiteral("demand"), QStringLiteral("show"), demand});
        QCOMPARE(r.json().toObject().value(QStringLiteral("status")).toString(), QStringLiteral("draft"));
        // Nobody is asked to sign off a draft.
        r = on({QStringLiteral("demand"), QStringLiteral("sign-off"), demand}, QStringLiteral("zhou.min"));
        QCOMPARE(r.code, 1);
    }

    void policyAndRules()
    {
        CtlRun r = on({QStringLiteral("governance"), QStringLiteral("policy"), QStringLiteral("--app"),
                       QStringLiteral("driver-app"), QStringLiteral("--set"), QStringLiteral("B.sampling_rate=0.5"),
                       QStringLiteral("--comment"), QStringLiteral("halve B")},
                      QStringLiteral("li.na"));
        QCOMPARE(r.code, 4);
        r = on({QStringLiteral("--json"), QStringLiteral("governance"), QStringLiteral("policy"),
                QStringLiteral("--app"), QStringLiteral("driver-app"), QStringLiteral("--set"),
                QStringLiteral("B.sampling_rate=0.5"), QStringLiteral("--set"), QStringLiteral("C.realtime=true"),
                QStringLiteral("--comment"), QStringLiteral("halve B")},
               QStringLiteral("liu.yang"));
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        const QJsonArray levels = r.json().toObject().value(QStringLiteral("levels")).toArray();
        QCOMPARE(levels.at(1).toObject().value(QStringLiteral("sampling_rate")).toDouble(), 0.5);
        QCOMPARE(levels.at(2).toObject().value(QStringLiteral("realtime")).toBool(), true);
        r = on({QStringLiteral("governance"), QStringLiteral("policy"), QStringLiteral("--app"),
                QStringLiteral("driver-app"), QStringLiteral("--set"), QStringLiteral("B.sampling_rate=2")},
               QStringLiteral("liu.yang"));
        QCOMPARE(r.code, 1); // out of range: the store refuses, nothing changes

        const QString rules =
            QStringLiteral("[{\"when\":\"any_change\",\"approvers\":[\"data_steward\"]},"
                           "{\"when\":\"sensitive_attribute\",\"approvers\":[\"data_steward\",\"admin\"]}]");
        r = on({QStringLiteral("--json"), QStringLiteral("governance"), QStringLiteral("rules"),
                QStringLiteral("--app"), QStringLiteral("driver-app"), QStringLiteral("--set"), rules,
                QStringLiteral("--comment"), QStringLiteral("privacy")},
               QStringLiteral("liu.yang"));
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        QCOMPARE(r.json().toObject().value(QStringLiteral("rules")).toArray().size(), 2);
        r = on({QStringLiteral("governance"), QStringLiteral("rules"), QStringLiteral("--app"),
                QStringLiteral("driver-app"), QStringLiteral("--set"), QStringLiteral("[{\"when\":\"sometimes\"}]")},
               QStringLiteral("liu.yang"));
        QCOMPARE(r.code, 2);

        r = on({QStringLiteral("--json"), QStringLiteral("governance"), QStringLiteral("history"),
                QStringLiteral("--app"), QStringLiteral("driver-app")});
        const QJsonArray history = r.json().toArray();
        QCOMPARE(history.size(), 2);
        QCOMPARE(history.at(0).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("rules"));
        QCOMPARE(history.at(1).toObject().value(QStringLiteral("by")).toString(), QStringLiteral("liu.yang"));
        QCOMPARE(history.at(1).toObject().value(QStringLiteral("comment")).toString(), QStringLiteral("halve B"));
    }

    void usersOnSqlite()
    {
        CtlRun r = on({QStringLiteral("admin"), QStringLiteral("add-user"), QStringLiteral("wu.fan"),
                       QStringLiteral("--role"), QStringLiteral("data_steward")},
                      QStringLiteral("zhang.wei"));
        QCOMPARE(r.code, 4);
        r = on({QStringLiteral("admin"), QStringLiteral("add-user"), QStringLiteral("wu.fan"), QStringLiteral("--role"),
                QStringLiteral("product_owner"), QStringLiteral("--display-name"), QStringLiteral("吴凡")},
               QStringLiteral("admin"));
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        r = on({QStringLiteral("admin"), QStringLiteral("add-user"), QStringLiteral("wu.fan"), QStringLiteral("--role"),
                QStringLiteral("boss")},
               QStringLiteral("admin"));
        QCOMPARE(r.code, 2);
        r = on({QStringLiteral("admin"), QStringLiteral("set-role"), QStringLiteral("wu.fan"), QStringLiteral("--role"),
                QStringLiteral("data_steward")},
               QStringLiteral("admin"));
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        r = on({QStringLiteral("--json"), QStringLiteral("whoami")}, QStringLiteral("wu.fan"));
        QCOMPARE(r.json().toObject().value(QStringLiteral("role")).toString(), QStringLiteral("data_steward"));
        r = on({QStringLiteral("--json"), QStringLiteral("admin"), QStringLiteral("list-users")});
        bool found = false;
        for (const QJsonValue& v : r.json().toArray()) {
            found = found || v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("wu.fan");
        }
        QVERIFY(found);
        // SQLite has no logins to give a password to.
        r = ctl({QStringLiteral("--db"), m_db, QStringLiteral("admin"), QStringLiteral("add-user"), QStringLiteral("x"),
                 QStringLiteral("--role"), QStringLiteral("analyst"), QStringLiteral("--password-stdin")},
                QStringLiteral("admin"), "secret\n");
        QCOMPARE(r.code, 2);
    }

    void loginsOnPostgres()
    {
        QString error;
        QVERIFY2(m_pg.createDatabase(QStringLiteral("govctl"), &error), qPrintable(error));
        const QString owner = m_pg.url(QStringLiteral("govctl"));
        CtlRun r = ctl({QStringLiteral("--db"), owner, QStringLiteral("init")});
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        r = ctl({QStringLiteral("--db"), owner, QStringLiteral("admin"), QStringLiteral("add-user"),
                 QStringLiteral("ctl_steward"), QStringLiteral("--role"), QStringLiteral("data_steward"),
                 QStringLiteral("--password-stdin")},
                {}, "correct horse\n");
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        QVERIFY2(!r.out.contains(QStringLiteral("correct horse")) && !r.err.contains(QStringLiteral("correct horse")),
                 qPrintable(r.describe()));
        r = ctl({QStringLiteral("--db"), owner, QStringLiteral("admin"), QStringLiteral("add-user"),
                 QStringLiteral("ctl_viewer"), QStringLiteral("--role"), QStringLiteral("analyst")});
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        r = ctl({QStringLiteral("--db"), owner, QStringLiteral("--json"), QStringLiteral("admin"),
                 QStringLiteral("list-users")});
        for (const QJsonValue& v : r.json().toArray()) {
            const QJsonObject o = v.toObject();
            QVERIFY(o.value(QStringLiteral("login")).toBool());
            QCOMPARE(o.value(QStringLiteral("login_role")).toString(), o.value(QStringLiteral("role")).toString());
        }
        // Logged in as the analyst: reading works, writing is refused by role (exit 4).
        const QString viewer = m_pg.url(QStringLiteral("govctl"), QStringLiteral("ctl_viewer"));
        r = ctl({QStringLiteral("--db"), viewer, QStringLiteral("--json"), QStringLiteral("whoami")},
                QStringLiteral("admin"));
        QCOMPARE(r.json().toObject().value(QStringLiteral("user")).toString(), QStringLiteral("ctl_viewer"));
        QCOMPARE(r.json().toObject().value(QStringLiteral("role")).toString(), QStringLiteral("analyst"));
        r = ctl({QStringLiteral("--db"), viewer, QStringLiteral("admin"), QStringLiteral("set-role"),
                 QStringLiteral("ctl_viewer"), QStringLiteral("--role"), QStringLiteral("admin")});
        QCOMPARE(r.code, 4);
        r = ctl({QStringLiteral("--db"), viewer, QStringLiteral("audit")});
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        QVERIFY(r.out.contains(QStringLiteral("user.create")));
    }

    void chineseMessages()
    {
        const CtlRun r = ctl({QStringLiteral("--db"), m_db, QStringLiteral("demand"), QStringLiteral("approve"),
                              QStringLiteral("DEM-0049")},
                             QStringLiteral("zhang.wei"), {}, QStringLiteral("zh_CN.UTF-8"));
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("产品负责人")), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TstGovernanceCtl)
#include "tst_governancectl.moc"
