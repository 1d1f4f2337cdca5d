// The item models behind the Governance page, each under QAbstractItemModelTester: the level
// queue, the distribution with its totals row, the editable policy and approval rules (edits,
// read-only mode, bad values), the history with its readable differences, and the catalog
// that loads and saves them on a real SQLite store (a stale save reloads, never overwrites).

#include "approvalrulesmodel.h"
#include "governancecatalog.h"
#include "governancehistorymodel.h"
#include "governancetext.h"
#include "leveldistributionmodel.h"
#include "levelrequestmodel.h"
#include "planfixture.h"
#include "policytablemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

using namespace tp;

namespace {

LevelRequest request(const QString& event, std::optional<Level> from, Level to, LevelDecision decision)
{
    LevelRequest r;
    r.appKey = QStringLiteral("user-app");
    r.demandKey = QStringLiteral("DEM-0007");
    r.demandTitle = QStringLiteral("订单页改版");
    r.demandStatus = DemandStatus::InReview;
    r.eventKey = event;
    r.eventName = QStringLiteral("事件 ") + event;
    r.category = QStringLiteral("order");
    r.owner = QStringLiteral("zhang.wei");
    r.proposedBy = QStringLiteral("zhang.wei");
    r.from = from;
    r.to = to;
    r.decision = decision;
    if (decision != LevelDecision::Pending) {
        r.decidedBy = QStringLiteral("liu.yang");
        r.decidedAt = QDateTime(QDate(2025, 3, 2), QTime(9, 0), Qt::UTC);
        r.comment = QStringLiteral("ok");
    }
    return r;
}

QJsonArray policyJson(const GovernancePolicy& p)
{
    QJsonArray out;
    for (const LevelPolicy& l : p.levels) {
        out.append(QJsonObject{{QStringLiteral("level"), QString(QLatin1Char("ABCD"[int(l.level)]))},
                               {QStringLiteral("reject"), l.reject},
                               {QStringLiteral("quarantine"), l.quarantine},
                               {QStringLiteral("analytics"), l.analytics},
                               {QStringLiteral("sampling_rate"), l.samplingRate},
                               {QStringLiteral("warehouse_ods"), l.warehouseOds},
                               {QStringLiteral("realtime"), l.realtime},
                               {QStringLiteral("health_alerts"), l.healthAlerts}});
    }
    return out;
}

} // namespace

class TestGovernanceModels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void levelRequestModel();
    void levelDistributionModel();
    void policyTableModel();
    void approvalRulesModel();
    void historyLines_data();
    void historyLines();
    void historyModel();
    void catalogLoadsAndRefusesStaleSaves();
};

void TestGovernanceModels::levelRequestModel()
{
    LevelRequestModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRequests({request(QStringLiteral("order_pay"), Level::B, Level::D, LevelDecision::Pending),
                       request(QStringLiteral("order_new"), std::nullopt, Level::C, LevelDecision::Approved)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(LevelRequestModel::ColumnCount));
    QCOMPARE(model.pendingCount(), 1);
    QCOMPARE(model.rowOf(QStringLiteral("DEM-0007"), QStringLiteral("order_new")), 1);
    QCOMPARE(model.rowOf(QStringLiteral("DEM-0001"), QStringLiteral("order_new")), -1);
    QCOMPARE(model.index(0, LevelRequestModel::LevelColumn).data().toString(),
             QStringLiteral("B · General → D · Core"));
    QCOMPARE(model.index(1, LevelRequestModel::LevelColumn).data().toString(), QStringLiteral("new → C · Important"));
    QCOMPARE(model.index(1, 0).data(LevelRequestModel::FromLevelRole).toInt(), -1);
    QCOMPARE(model.index(0, 0).data(LevelRequestModel::ToLevelRole).toInt(), int(Level::D));
    QCOMPARE(model.index(0, LevelRequestModel::DemandStatusColumn).data().toString(), QStringLiteral("In review"));
    QCOMPARE(model.index(0, LevelRequestModel::DecisionColumn).data().toString(), QStringLiteral("Pending"));
    QCOMPARE(model.index(0, LevelRequestModel::DecidedByColumn).data().toString(), QString());
    QCOMPARE(model.index(1, LevelRequestModel::DecidedByColumn).data().toString(), QStringLiteral("liu.yang"));
    QCOMPARE(model.index(1, LevelRequestModel::DecidedAtColumn).data(LevelRequestModel::SortRole).toDateTime(),
             QDateTime(QDate(2025, 3, 2), QTime(9, 0), Qt::UTC));
    // The level column sorts by the level proposed.
    QVERIFY(model.index(0, LevelRequestModel::LevelColumn).data(LevelRequestModel::SortRole).toInt()
            > model.index(1, LevelRequestModel::LevelColumn).data(LevelRequestModel::SortRole).toInt());
    model.setRequests({});
    QCOMPARE(model.rowCount(), 0);
}

void TestGovernanceModels::levelDistributionModel()
{
    LevelDistributionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0); // no totals row without categories
    LevelCount order{QStringLiteral("下单"), {1, 2, 3, 4}};
    LevelCount none{QString(), {0, 1, 0, 0}};
    LevelCount cart{QStringLiteral("cart"), {0, 0, 2, 0}};
    model.setCounts({order, none, cart});
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("cart"));
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("下单"));
    QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("(no category)")); // last of the categories
    QCOMPARE(model.index(2, 0).data(LevelDistributionModel::CategoryRole).toString(), QString());
    QCOMPARE(model.index(3, 0).data().toString(), QStringLiteral("Total"));
    QCOMPARE(model.index(3, LevelDistributionModel::CCountColumn).data().toInt(), 5);
    QCOMPARE(model.index(3, LevelDistributionModel::TotalColumn).data().toInt(), 13);
    QCOMPARE(model.index(1, LevelDistributionModel::TotalColumn).data().toInt(), 10);
    QCOMPARE(model.totals().total(), 13);
    QCOMPARE(model.counts().size(), 3);
    QCOMPARE(model.headerData(LevelDistributionModel::DCountColumn, Qt::Horizontal).toString(), QStringLiteral("D"));
    QVERIFY(model.headerData(LevelDistributionModel::DCountColumn, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .startsWith(QStringLiteral("D · Core — ")));
    QVERIFY(model.index(1, LevelDistributionModel::DCountColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("40 %")));
}

void TestGovernanceModels::policyTableModel()
{
    PolicyTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const GovernancePolicy defaults = GovernancePolicy::defaults(QStringLiteral("user-app"));
    model.setPolicy(defaults);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), int(PolicyTableModel::ColumnCount));
    QCOMPARE(model.index(3, 0).data().toString(), QStringLiteral("D · Core"));
    QCOMPARE(model.index(0, PolicyTableModel::RejectColumn).data(Qt::CheckStateRole).value<Qt::CheckState>(),
             Qt::Checked);
    QCOMPARE(model.index(1, PolicyTableModel::SamplingColumn).data().toString(), QStringLiteral("100 %"));
    QCOMPARE(model.headerData(PolicyTableModel::WarehouseColumn, Qt::Horizontal).toString(),
             QStringLiteral("Warehouse ODS"));

    // Read-only by default: nothing changes.
    const QModelIndex realtimeC = model.index(2, PolicyTableModel::RealtimeColumn);
    QVERIFY(!(model.flags(realtimeC) & Qt::ItemIsUserCheckable));
    QVERIFY(!model.setData(realtimeC, Qt::Checked, Qt::CheckStateRole));
    QVERIFY(!model.isModified());

    model.setEditable(true);
    QVERIFY(model.flags(realtimeC) & Qt::ItemIsUserCheckable);
    QVERIFY(model.flags(model.index(1, PolicyTableModel::SamplingColumn)) & Qt::ItemIsEditable);
    QVERIFY(!(model.flags(model.index(1, PolicyTableModel::LevelColumn)) & Qt::ItemIsEditable));
    QVERIFY(model.setData(realtimeC, Qt::Checked, Qt::CheckStateRole));
    QVERIFY(model.isModified());
    QVERIFY(model.index(2, PolicyTableModel::RealtimeColumn).data(PolicyTableModel::ModifiedRole).toBool());
    QVERIFY(!model.index(2, PolicyTableModel::RejectColumn).data(PolicyTableModel::ModifiedRole).toBool());
    QVERIFY(model.setData(model.index(1, PolicyTableModel::SamplingColumn), 12.5));
    QCOMPARE(model.policy().levels.at(1).samplingRate, 0.125);
    QCOMPARE(model.index(1, PolicyTableModel::SamplingColumn).data().toString(), QStringLiteral("12.5 %"));
    QVERIFY(!model.setData(model.index(1, PolicyTableModel::SamplingColumn), 120.0)); // beyond 100 %
    QVERIFY(!model.setData(model.index(1, PolicyTableModel::SamplingColumn), QStringLiteral("half")));
    QCOMPARE(model.policy().levels.at(1).samplingRate, 0.125);
    QCOMPARE(model.savedPolicy().levels, defaults.levels);
    // Turning it back is no edit.
    QVERIFY(model.setData(realtimeC, Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(model.setData(model.index(1, PolicyTableModel::SamplingColumn), 100.0));
    QVERIFY(!model.isModified());
}

void TestGovernanceModels::approvalRulesModel()
{
    ApprovalRulesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ApprovalRules rules;
    rules.appKey = QStringLiteral("user-app");
    rules.rules = defaultApprovalRules();
    rules.rowVersion = 3;
    model.setRules(rules);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(1, ApprovalRulesModel::RuleColumn).data().toString(),
             QStringLiteral("Core (D) events → Data steward + Event owner"));
    QCOMPARE(model.index(0, ApprovalRulesModel::OwnerColumn).data(Qt::CheckStateRole).value<Qt::CheckState>(),
             Qt::Unchecked);
    QCOMPARE(model.addRule(), -1); // read-only
    QVERIFY(!model.removeRule(0));

    model.setEditable(true);
    QCOMPARE(model.addRule(), 3);
    QVERIFY(model.isModified());
    QVERIFY(
        model.setData(model.index(3, ApprovalRulesModel::ConditionColumn), int(ApprovalCondition::SensitiveAttribute)));
    QVERIFY(!model.setData(model.index(3, ApprovalRulesModel::ConditionColumn), 99));
    QVERIFY(model.setData(model.index(3, ApprovalRulesModel::AdminColumn), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(model.setData(model.index(3, ApprovalRulesModel::StewardColumn), Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(model.rules().rules.at(3), (ApprovalRule{ApprovalCondition::SensitiveAttribute, {Approver::Admin}}));
    QVERIFY(model.setData(model.index(3, ApprovalRulesModel::StewardColumn), Qt::Checked, Qt::CheckStateRole));
    // Stored in the order of the approvers, whatever order they were ticked in.
    QVERIFY(model.rules().rules.at(3).approvers == (QList<Approver>{Approver::DataSteward, Approver::Admin}));
    QVERIFY(model.setData(model.index(3, ApprovalRulesModel::AdminColumn), Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(model.setData(model.index(3, ApprovalRulesModel::StewardColumn), Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(model.index(3, ApprovalRulesModel::RuleColumn).data().toString().contains(QStringLiteral("nobody")));
    QVERIFY(model.removeRule(3));
    QVERIFY(!model.removeRule(7));
    QVERIFY(!model.isModified());
    QCOMPARE(model.rules().rowVersion, 3);
}

void TestGovernanceModels::historyLines_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QJsonValue>("before");
    QTest::addColumn<QJsonValue>("after");
    QTest::addColumn<QStringList>("lines");

    const GovernancePolicy p = GovernancePolicy::defaults(QStringLiteral("a"));
    GovernancePolicy q = p;
    q.levels[0].reject = false;
    q.levels[3].samplingRate = 0.25;
    QTest::newRow("policy") << QStringLiteral("policy") << QJsonValue(policyJson(p)) << QJsonValue(policyJson(q))
                            << QStringList{QStringLiteral("A · Invalid — Reject: yes → no"),
                                           QStringLiteral("D · Core — Sampling rate: 100 % → 25 %")};
    QTest::newRow("policy unchanged") << QStringLiteral("policy") << QJsonValue(policyJson(p))
                                      << QJsonValue(policyJson(p))
                                      << QStringList{QStringLiteral("No setting changed.")};
    QTest::newRow("first policy") << QStringLiteral("policy") << QJsonValue(QJsonArray()) << QJsonValue(policyJson(q))
                                  << QStringList{QStringLiteral("A · Invalid — Reject: — → no"),
                                                 QStringLiteral("A · Invalid — Quarantine: — → yes"),
                                                 QStringLiteral("A · Invalid — Analytics: — → no"),
                                                 QStringLiteral("A · Invalid — Sampling rate: — → 0 %"),
                                                 QStringLiteral("A · Invalid — Warehouse ODS: — → no"),
                                                 QStringLiteral("A · Invalid — Real-time: — → no"),
                                                 QStringLiteral("A · Invalid — Health alerts: — → no")};

    QList<ApprovalRule> rules = defaultApprovalRules();
    QList<ApprovalRule> changed = rules;
    changed[1].approvers = {Approver::DataSteward};
    changed.removeAt(2);
    changed.append({ApprovalCondition::Removal, {Approver::Admin}});
    QTest::newRow("rules") << QStringLiteral("rules") << QJsonValue(toJson(rules)) << QJsonValue(toJson(changed))
                           << QStringList{
                                  QStringLiteral("Core (D) events: Data steward + Event owner → Data steward"),
                                  QStringLiteral("Removed: Breaking schema changes → Data steward + Event owner"),
                                  QStringLiteral("Added: Removals → Admin")};
}

void TestGovernanceModels::historyLines()
{
    QFETCH(QString, kind);
    QFETCH(QJsonValue, before);
    QFETCH(QJsonValue, after);
    QFETCH(QStringList, lines);
    GovernanceChange c;
    c.kind = kind;
    c.before = before;
    c.after = after;
    const QStringList got = governanceChangeLines(c);
    if (QTest::currentDataTag() == QByteArray("first policy")) {
        // Every setting of every level is new; A's come first.
        QCOMPARE(got.size(), 28);
        QCOMPARE(got.mid(0, lines.size()), lines);
        return;
    }
    QCOMPARE(got, lines);
}

void TestGovernanceModels::historyModel()
{
    GovernanceHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    GovernanceChange c;
    c.kind = QStringLiteral("rules");
    c.at = QDateTime(QDate(2025, 3, 1), QTime(8, 0), Qt::UTC);
    c.by = QStringLiteral("liu.yang");
    c.before = toJson(defaultApprovalRules());
    c.after = toJson(defaultApprovalRules().mid(0, 1));
    c.comment = QStringLiteral("简化");
    model.setChanges({c});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, GovernanceHistoryModel::KindColumn).data().toString(), QStringLiteral("Approval rules"));
    QCOMPARE(model.index(0, GovernanceHistoryModel::ChangesColumn).data().toString().count(QLatin1Char('\n')), 1);
    QCOMPARE(model.index(0, 0).data(GovernanceHistoryModel::LinesRole).toStringList().size(), 2);
    QCOMPARE(model.index(0, GovernanceHistoryModel::CommentColumn).data().toString(), QStringLiteral("简化"));
    QCOMPARE(model.index(0, 0).data(GovernanceHistoryModel::SortRole).toDateTime(), c.at);
}

void TestGovernanceModels::catalogLoadsAndRefusesStaleSaves()
{
    test::SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    GovernanceCatalog catalog(*fixture.store);
    QAbstractItemModelTester t1(catalog.requestModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(catalog.distributionModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t3(catalog.policyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t4(catalog.rulesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t5(catalog.historyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(catalog.load(QStringLiteral("user-app")));
    QCOMPARE(catalog.policyModel()->rowCount(), 4);
    QCOMPARE(catalog.rulesModel()->rowCount(), 3);
    QCOMPARE(catalog.distributionModel()->rowCount(), 2);
    QCOMPARE(catalog.requestModel()->rowCount(), 0);
    QVERIFY(!catalog.load(QStringLiteral("no-such-app")));

    QVERIFY(catalog.load(QStringLiteral("user-app")));
    catalog.rulesModel()->setEditable(true);
    catalog.policyModel()->setEditable(true);
    QVERIFY(catalog.rulesModel()->removeRule(2));
    QVERIFY(catalog.policyModel()->setData(catalog.policyModel()->index(1, PolicyTableModel::SamplingColumn), 50.0));
    // Someone else saves the rules first.
    auto theirs = fixture.store->governance().approvalRules(QStringLiteral("user-app"));
    QVERIFY(theirs);
    theirs->rules.append({ApprovalCondition::Removal, {Approver::Admin}});
    QVERIFY(fixture.store->governance().setApprovalRules(*theirs, QStringLiteral("theirs")));
    auto mine = catalog.saveRules(QStringLiteral("mine"));
    QVERIFY(!mine);
    QCOMPARE(mine.error().code, Error::Code::Conflict);
    QCOMPARE(catalog.rulesModel()->rules().rules, theirs->rules); // theirs shown
    QVERIFY(!catalog.rulesModel()->isModified());
    QVERIFY(catalog.policyModel()->isModified()); // the policy keeps its edit
    QCOMPARE(catalog.historyModel()->rowCount(), 1);
    auto policy = catalog.savePolicy(QStringLiteral("B 抽样"));
    QVERIFY2(policy, test::errorText(policy).constData());
    QCOMPARE(catalog.historyModel()->rowCount(), 2);
    QCOMPARE(catalog.historyModel()->index(0, 0).data(GovernanceHistoryModel::KindRole).toString(),
             QStringLiteral("policy"));

    QVERIFY(catalog.load({}));
    QCOMPARE(catalog.policyModel()->rowCount(), 0);
    QCOMPARE(catalog.distributionModel()->rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestGovernanceModels)
#include "tst_governancemodels.moc"
