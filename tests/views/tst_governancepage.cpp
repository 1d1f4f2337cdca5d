// The Governance page driven as the people of the issue would, on a real SQLite store with
// registered users: a data steward approves a level change by clicking and the demand can
// merge afterwards; a product owner finds approving and editing disabled with the reason; a
// policy edit saved from the page lands in the history; a save over someone else's newer
// policy is refused, said, and shows theirs. The store is checked afterwards.

#include "applistmodel.h"
#include "approvalrulesmodel.h"
#include "attributetablemodel.h"
#include "auditlogmodel.h"
#include "commentdialog.h"
#include "eventtablemodel.h"
#include "governancecatalog.h"
#include "governancehistorymodel.h"
#include "governancepage.h"
#include "governancetext.h"
#include "levelchart.h"
#include "leveldistributionmodel.h"
#include "levelrequestmodel.h"
#include "mainwindow.h"
#include "plancatalog.h"
#include "planfixture.h"
#include "policytablemodel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace tp;
using tp::test::SmallStore;

namespace {

const QString kApp = QStringLiteral("user-app");
const QString kSteward = QStringLiteral("liu.yang");
const QString kOwner = QStringLiteral("zhang.wei");
const QString kAnalyst = QStringLiteral("sun.hao");

/// Registers the people, then zhang.wei proposes home_view at C (from B) under a demand that
/// liu.yang has approved: the level waits for a steward. Returns the demand key.
QString proposeLevel(Store& store)
{
    for (auto [name, role] :
         {std::pair{kSteward, Role::DataSteward}, std::pair{kOwner, Role::ProductOwner},
          std::pair{QStringLiteral("zhao.ting"), Role::DataSteward}, std::pair{kAnalyst, Role::Analyst}}) {
        if (auto added = store.access().addUser(User{name, name, role, 0}, false); !added) {
            qWarning("addUser: %s", qPrintable(added.error().message));
            return {};
        }
    }
    store.setActor(kOwner);
    Demand d;
    d.appKey = kApp;
    d.title = QStringLiteral("首页浏览升为重要");
    d.owner = kOwner;
    auto demand = store.demands().create(d);
    auto plan = store.plan().plan(kApp);
    if (!demand || !plan) {
        return {};
    }
    Event home;
    for (const Event& e : plan->events) {
        if (e.key == QLatin1String("home_view")) {
            home = e;
        }
    }
    home.level = Level::C;
    if (!store.demands().saveEvent(demand->key, home) || !store.demands().submit(demand->key)) {
        return {};
    }
    store.setActor(kSteward);
    if (auto approved = store.demands().approve(demand->key); !approved) {
        qWarning("approve: %s", qPrintable(approved.error().message));
        return {};
    }
    return demand->key;
}

/// The composition the app makes, with the Governance page alone in its window.
struct Harness {
    explicit Harness(Store& store)
        : catalog(store, &apps, &events, &attributes)
        , governance(store)
        , page(&catalog, &governance)
    {
        page.resize(1300, 800);
    }
    [[nodiscard]] Status open()
    {
        if (const Status s = catalog.reloadApps(); !s) {
            return s;
        }
        const Status s = catalog.selectApp(kApp);
        page.show();
        return s;
    }
    template <typename T> [[nodiscard]] T* find(const QString& name) const { return page.findChild<T*>(name); }
    [[nodiscard]] QPushButton* button(const char* name) const { return find<QPushButton>(QString::fromLatin1(name)); }
    [[nodiscard]] QTableView* queue() const { return find<QTableView>(QStringLiteral("levelQueueTable")); }
    /// The comment dialog of that objectName open now.
    [[nodiscard]] CommentDialog* dialog(const QString& name) const
    {
        const QList<CommentDialog*> all = page.findChildren<CommentDialog*>(name);
        for (CommentDialog* d : all) {
            if (d->isVisible()) {
                return d;
            }
        }
        return nullptr;
    }
    /// Enters a comment into the open dialog and clicks its OK; false if a step was impossible.
    [[nodiscard]] bool answer(const QString& name, const QString& comment) const
    {
        CommentDialog* d = dialog(name);
        if (!d) {
            return false;
        }
        auto* edit = d->findChild<QPlainTextEdit*>(QStringLiteral("commentEdit"));
        // QTest types ASCII only; Chinese arrives as an input method commits it, all at once.
        edit->setFocus();
        edit->insertPlainText(comment);
        auto* ok = d->findChild<QPushButton*>(QStringLiteral("commentOkButton"));
        if (!ok || !ok->isEnabled()) {
            return false;
        }
        QTest::mouseClick(ok, Qt::LeftButton);
        return true;
    }
    /// Clicks the queue's row of this event.
    [[nodiscard]] bool clickRequest(const QString& eventKey) const
    {
        QTableView* t = queue();
        const QModelIndexList hits =
            t->model()->match(t->model()->index(0, 0), LevelRequestModel::EventKeyRole, eventKey, 1, Qt::MatchExactly);
        if (hits.isEmpty()) {
            return false;
        }
        QTest::mouseClick(t->viewport(), Qt::LeftButton, {}, t->visualRect(hits.first()).center());
        return t->selectionModel()->isRowSelected(hits.first().row(), {});
    }
    /// Toggles a check box of the policy table with the keyboard, as a user would.
    void togglePolicy(Level level, int column) const
    {
        auto* table = find<QTableView>(QStringLiteral("policyTable"));
        table->setFocus();
        table->setCurrentIndex(table->model()->index(int(level), column));
        QTest::keyClick(table, Qt::Key_Space);
    }

    AppListModel apps;
    EventTableModel events;
    AttributeTableModel attributes;
    PlanCatalog catalog;
    GovernanceCatalog governance;
    GovernancePage page;
};

} // namespace

class TestGovernancePage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void stewardApprovesLevelByClicking();
    void stewardRejectsWithAReason();
    void productOwnerSeesWhyNot();
    void policyEditLandsInHistory();
    void stalePolicySaveIsAConflict();
    void rulesAreEditedAndSaved();
    void distributionCountsPerCategory();
    void mainWindowHasTheModuleTabs();
};

void TestGovernancePage::stewardApprovesLevelByClicking()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    Store& store = *fixture.store;
    const QString demand = proposeLevel(store);
    QVERIFY(!demand.isEmpty());
    // Not before the steward's decision on the level.
    auto early = store.demands().merge(demand);
    QVERIFY(!early);
    QCOMPARE(early.error().code, Error::Code::InvalidState);

    store.setActor(kSteward);
    Harness h(store);
    QAbstractItemModelTester tester(h.governance.requestModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(h.open());
    QVERIFY(QTest::qWaitForWindowExposed(&h.page));
    QCOMPARE(h.queue()->model()->rowCount(), 1);
    QCOMPARE(h.find<QTabWidget>(QStringLiteral("governanceTabs"))->tabText(0), QStringLiteral("Level approvals (1)"));
    const QModelIndex level = h.queue()->model()->index(0, LevelRequestModel::LevelColumn);
    QCOMPARE(level.data().toString(), QStringLiteral("B · General → C · Important"));
    QVERIFY(!h.button("approveLevelsButton")->isEnabled()); // nothing selected yet
    QVERIFY(h.queue()->isColumnHidden(LevelRequestModel::DecidedByColumn));

    QVERIFY(h.clickRequest(QStringLiteral("home_view")));
    QVERIFY(h.button("approveLevelsButton")->isEnabled());
    QTest::mouseClick(h.button("approveLevelsButton"), Qt::LeftButton);
    QVERIFY(h.dialog(QStringLiteral("levelDecisionDialog")));
    QVERIFY(h.dialog(QStringLiteral("levelDecisionDialog"))
                ->findChild<QLabel*>(QStringLiteral("commentIntro"))
                ->text()
                .contains(QStringLiteral("home_view")));
    QVERIFY(h.answer(QStringLiteral("levelDecisionDialog"), QStringLiteral("用于跨团队分析")));
    QTRY_VERIFY(!h.dialog(QStringLiteral("levelDecisionDialog")));

    // The store has the decision; the queue of pending ones is empty.
    auto decided = store.reviews().levelRequests(kApp, false);
    QVERIFY(decided);
    QCOMPARE(decided->size(), 1);
    QVERIFY(decided->at(0).decision == LevelDecision::Approved);
    QCOMPARE(decided->at(0).decidedBy, kSteward);
    QCOMPARE(decided->at(0).comment, QStringLiteral("用于跨团队分析"));
    QCOMPARE(h.queue()->model()->rowCount(), 0);
    QVERIFY(h.find<QLabel>(QStringLiteral("governanceMessage"))->text().contains(QStringLiteral("approved")));
    QCOMPARE(h.find<QTabWidget>(QStringLiteral("governanceTabs"))->tabText(0), QStringLiteral("Level approvals"));

    // "All decisions" shows it with who, when and why.
    auto* filter = h.find<QComboBox>(QStringLiteral("levelQueueFilter"));
    filter->setCurrentIndex(filter->findData(false));
    QCOMPARE(h.queue()->model()->rowCount(), 1);
    QVERIFY(!h.queue()->isColumnHidden(LevelRequestModel::DecidedByColumn));
    QCOMPARE(h.queue()->model()->index(0, LevelRequestModel::DecidedByColumn).data().toString(), kSteward);
    QCOMPARE(h.queue()->model()->index(0, LevelRequestModel::CommentColumn).data().toString(),
             QStringLiteral("用于跨团队分析"));
    QVERIFY(!h.queue()->model()->index(0, LevelRequestModel::DecidedAtColumn).data().toString().isEmpty());
    // A decided row cannot be decided again.
    QVERIFY(h.clickRequest(QStringLiteral("home_view")));
    QVERIFY(!h.button("approveLevelsButton")->isEnabled());

    // Now the demand merges, and home_view is C.
    auto merged = store.demands().merge(demand);
    QVERIFY2(merged, test::errorText(merged).constData());
    QVERIFY(merged->merged);
    auto plan = store.plan().plan(kApp);
    QVERIFY(plan);
    for (const Event& e : plan->events) {
        if (e.key == QLatin1String("home_view")) {
            QCOMPARE(e.level, Level::C);
        }
    }
}

void TestGovernancePage::stewardRejectsWithAReason()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    const QString demand = proposeLevel(*fixture.store);
    QVERIFY(!demand.isEmpty());
    fixture.store->setActor(kSteward);
    Harness h(*fixture.store);
    QVERIFY(h.open());
    QVERIFY(h.clickRequest(QStringLiteral("home_view")));
    QTest::mouseClick(h.button("rejectLevelsButton"), Qt::LeftButton);
    CommentDialog* d = h.dialog(QStringLiteral("levelDecisionDialog"));
    QVERIFY(d);
    // A rejection says why: OK waits for the comment.
    QVERIFY(!d->findChild<QPushButton*>(QStringLiteral("commentOkButton"))->isEnabled());
    QVERIFY(h.answer(QStringLiteral("levelDecisionDialog"), QStringLiteral("首页浏览不是跨团队指标")));
    QTRY_VERIFY(!h.dialog(QStringLiteral("levelDecisionDialog")));
    auto decided = fixture.store->reviews().levelRequests(kApp, false);
    QVERIFY(decided);
    QVERIFY(decided->at(0).decision == LevelDecision::Rejected);
    QVERIFY(!fixture.store->demands().merge(demand)); // still gated
}

void TestGovernancePage::productOwnerSeesWhyNot()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    QVERIFY(!proposeLevel(*fixture.store).isEmpty());
    for (const QString& user : {kOwner, kAnalyst}) {
        fixture.store->setActor(user);
        Harness h(*fixture.store);
        QVERIFY(h.open());
        // They see the queue …
        QCOMPARE(h.queue()->model()->rowCount(), 1);
        QVERIFY(h.clickRequest(QStringLiteral("home_view")));
        // … but may not decide: disabled, not hidden, and the tooltip says why.
        const QString approveReason = h.catalog.deniedReason(Permission::ApproveLevels);
        QVERIFY(!approveReason.isEmpty());
        QVERIFY(approveReason.contains(user));
        for (const char* name : {"approveLevelsButton", "rejectLevelsButton"}) {
            QPushButton* b = h.button(name);
            QVERIFY(b->isVisibleTo(&h.page));
            QVERIFY(!b->isEnabled());
            QCOMPARE(b->toolTip(), approveReason);
        }
        // The policy and rules are read-only for them, with the reason.
        const QString policyReason = h.catalog.deniedReason(Permission::EditPolicy);
        QVERIFY(!policyReason.isEmpty());
        for (const char* name : {"savePolicyButton", "addRuleButton", "saveRulesButton"}) {
            QVERIFY(!h.button(name)->isEnabled());
            QCOMPARE(h.button(name)->toolTip(), policyReason);
        }
        QVERIFY(h.find<QLabel>(QStringLiteral("policyReadOnlyNote"))->text().contains(policyReason));
        QVERIFY(
            !(h.governance.policyModel()->flags(h.governance.policyModel()->index(0, 1)) & Qt::ItemIsUserCheckable));
        h.togglePolicy(Level::A, PolicyTableModel::RealtimeColumn);
        QVERIFY(!h.governance.policyModel()->isModified());
    }
}

void TestGovernancePage::policyEditLandsInHistory()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    Store& store = *fixture.store;
    QVERIFY(!proposeLevel(store).isEmpty());
    store.setActor(kSteward);
    Harness h(store);
    QAbstractItemModelTester policyTester(h.governance.policyModel(),
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester historyTester(h.governance.historyModel(),
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(h.open());
    h.find<QTabWidget>(QStringLiteral("governanceTabs"))->setCurrentIndex(2);
    QVERIFY(QTest::qWaitForWindowExposed(&h.page));
    QVERIFY(!h.button("savePolicyButton")->isEnabled()); // nothing changed yet
    QCOMPARE(h.governance.historyModel()->rowCount(), 0);

    // C goes real-time; B keeps half of its events.
    h.togglePolicy(Level::C, PolicyTableModel::RealtimeColumn);
    auto* table = h.find<QTableView>(QStringLiteral("policyTable"));
    table->setCurrentIndex(table->model()->index(int(Level::B), PolicyTableModel::SamplingColumn));
    QTest::keyClick(table, Qt::Key_F2);
    auto* spin = table->findChild<QDoubleSpinBox*>(QStringLiteral("samplingEditor"));
    QVERIFY(spin);
    spin->selectAll();
    QTest::keyClicks(spin, QStringLiteral("50"));
    QTest::keyClick(spin, Qt::Key_Return);
    QVERIFY(h.governance.policyModel()->isModified());
    QVERIFY(h.button("savePolicyButton")->isEnabled());

    QTest::mouseClick(h.button("savePolicyButton"), Qt::LeftButton);
    QVERIFY(h.answer(QStringLiteral("policySaveDialog"), QStringLiteral("C 级进入实时流")));
    QTRY_VERIFY(!h.dialog(QStringLiteral("policySaveDialog")));

    auto policy = store.plan().policy(kApp);
    QVERIFY(policy);
    QVERIFY(policy->levels.at(int(Level::C)).realtime);
    QCOMPARE(policy->levels.at(int(Level::B)).samplingRate, 0.5);
    auto history = store.governance().history(kApp);
    QVERIFY(history);
    QCOMPARE(history->size(), 1);
    QCOMPARE(history->at(0).by, kSteward);
    QCOMPARE(history->at(0).kind, QStringLiteral("policy"));
    QCOMPARE(history->at(0).comment, QStringLiteral("C 级进入实时流"));
    // The page's history says it readably, field by field.
    QCOMPARE(h.governance.historyModel()->rowCount(), 1);
    const QStringList lines =
        h.governance.historyModel()->index(0, 0).data(GovernanceHistoryModel::LinesRole).toStringList();
    QCOMPARE(lines,
             (QStringList{QStringLiteral("B · General — Sampling rate: 100 % → 50 %"),
                          QStringLiteral("C · Important — Real-time: no → yes")}));
    QCOMPARE(h.governance.historyModel()->index(0, GovernanceHistoryModel::UserColumn).data().toString(), kSteward);
    QVERIFY(!h.governance.policyModel()->isModified());
    QVERIFY(!h.button("savePolicyButton")->isEnabled());
    QVERIFY(h.find<QLabel>(QStringLiteral("policyMessage"))->text().contains(QStringLiteral("saved")));
}

void TestGovernancePage::stalePolicySaveIsAConflict()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    Store& store = *fixture.store;
    QVERIFY(!proposeLevel(store).isEmpty());
    store.setActor(kSteward);
    Harness h(store);
    QVERIFY(h.open());
    h.find<QTabWidget>(QStringLiteral("governanceTabs"))->setCurrentIndex(2);
    h.togglePolicy(Level::B, PolicyTableModel::WarehouseColumn);
    QVERIFY(h.governance.policyModel()->isModified());

    // Meanwhile another steward, on another connection, changes the policy.
    auto other = Store::open(store.url());
    QVERIFY(other);
    (*other)->setActor(QStringLiteral("zhao.ting"));
    auto theirs = (*other)->plan().policy(kApp);
    QVERIFY(theirs);
    theirs->levels[int(Level::D)].samplingRate = 0.25;
    QVERIFY((*other)->plan().setPolicy(*theirs, QStringLiteral("D 抽样")));

    QTest::mouseClick(h.button("savePolicyButton"), Qt::LeftButton);
    QVERIFY(h.answer(QStringLiteral("policySaveDialog"), QStringLiteral("B 入仓")));
    QTRY_VERIFY(!h.dialog(QStringLiteral("policySaveDialog")));

    // Nothing of ours was written over theirs; the page says so and shows what is stored.
    auto stored = store.plan().policy(kApp);
    QVERIFY(stored);
    QCOMPARE(stored->levels.at(int(Level::D)).samplingRate, 0.25);
    QVERIFY(!stored->levels.at(int(Level::B)).warehouseOds);
    auto* message = h.find<QLabel>(QStringLiteral("policyMessage"));
    QVERIFY(message->text().contains(QStringLiteral("someone else")));
    QVERIFY(message->styleSheet().contains(QStringLiteral("#cf222e")));
    QCOMPARE(h.governance.policyModel()->policy().levels.at(int(Level::D)).samplingRate, 0.25);
    QVERIFY(!h.governance.policyModel()->isModified());
    QCOMPARE(h.governance.historyModel()->rowCount(), 1);
    QCOMPARE(h.governance.historyModel()->index(0, GovernanceHistoryModel::UserColumn).data().toString(),
             QStringLiteral("zhao.ting"));
}

void TestGovernancePage::rulesAreEditedAndSaved()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    Store& store = *fixture.store;
    QVERIFY(!proposeLevel(store).isEmpty());
    store.setActor(kSteward);
    Harness h(store);
    QAbstractItemModelTester tester(h.governance.rulesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(h.open());
    h.find<QTabWidget>(QStringLiteral("governanceTabs"))->setCurrentIndex(2);
    QCOMPARE(h.governance.rulesModel()->rowCount(), 3);

    // A new rule: removals need a data steward and an admin.
    QTest::mouseClick(h.button("addRuleButton"), Qt::LeftButton);
    QCOMPARE(h.governance.rulesModel()->rowCount(), 4);
    auto* combo =
        h.find<QTableView>(QStringLiteral("rulesTable"))->findChild<QComboBox*>(QStringLiteral("conditionEditor"));
    QVERIFY(combo); // the condition is edited right away
    combo->setCurrentIndex(combo->findData(int(ApprovalCondition::Removal)));
    QTest::keyClick(combo, Qt::Key_Return);
    auto* rules = h.find<QTableView>(QStringLiteral("rulesTable"));
    rules->setFocus();
    rules->setCurrentIndex(rules->model()->index(3, ApprovalRulesModel::AdminColumn));
    QTest::keyClick(rules, Qt::Key_Space);
    QCOMPARE(h.governance.rulesModel()->index(3, ApprovalRulesModel::RuleColumn).data().toString(),
             QStringLiteral("Removals → Data steward + Admin"));
    // And the breaking-change rule goes.
    rules->setCurrentIndex(rules->model()->index(2, 0));
    QTest::mouseClick(h.button("removeRuleButton"), Qt::LeftButton);
    QCOMPARE(h.governance.rulesModel()->rowCount(), 3);

    QTest::mouseClick(h.button("saveRulesButton"), Qt::LeftButton);
    QVERIFY(h.answer(QStringLiteral("rulesSaveDialog"), QStringLiteral("删除需要管理员")));
    QTRY_VERIFY(!h.dialog(QStringLiteral("rulesSaveDialog")));
    auto saved = store.governance().approvalRules(kApp);
    QVERIFY(saved);
    QCOMPARE(saved->rules.size(), 3);
    QCOMPARE(saved->rules.at(2), (ApprovalRule{ApprovalCondition::Removal, {Approver::DataSteward, Approver::Admin}}));
    QCOMPARE(h.governance.historyModel()->rowCount(), 1);
    QCOMPARE(h.governance.historyModel()->index(0, 0).data(GovernanceHistoryModel::LinesRole).toStringList(),
             (QStringList{QStringLiteral("Removed: Breaking schema changes → Data steward + Event owner"),
                          QStringLiteral("Added: Removals → Data steward + Admin")}));
}

void TestGovernancePage::distributionCountsPerCategory()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    Harness h(*fixture.store);
    QAbstractItemModelTester tester(h.governance.distributionModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(h.open());
    h.find<QTabWidget>(QStringLiteral("governanceTabs"))->setCurrentIndex(1);
    // The small plan: five events of category "order", one A, two B, one C, one D.
    LevelDistributionModel* m = h.governance.distributionModel();
    QCOMPARE(m->rowCount(), 2); // "order" and the totals
    QCOMPARE(m->index(0, 0).data().toString(), QStringLiteral("order"));
    QCOMPARE(m->index(0, LevelDistributionModel::BCountColumn).data().toInt(), 2);
    QCOMPARE(m->index(0, LevelDistributionModel::TotalColumn).data().toInt(), 5);
    QVERIFY(m->index(1, 0).data(LevelDistributionModel::TotalRowRole).toBool());
    QCOMPARE(m->index(1, LevelDistributionModel::DCountColumn).data().toInt(), 1);
    QVERIFY(!h.find<LevelChart>(QStringLiteral("levelChart"))->isShowingMessage());

    // driver-app has no events: the chart gives way to a message.
    QVERIFY(h.catalog.selectApp(QStringLiteral("driver-app")));
    QCOMPARE(m->rowCount(), 0);
    QVERIFY(h.find<LevelChart>(QStringLiteral("levelChart"))->isShowingMessage());
}

void TestGovernancePage::mainWindowHasTheModuleTabs()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    AppListModel apps;
    EventTableModel events;
    AttributeTableModel attributes;
    PlanCatalog catalog(*fixture.store, &apps, &events, &attributes);
    GovernanceCatalog governance(*fixture.store);
    AuditLogModel audit(*fixture.store);
    MainWindow window(&catalog);
    window.setGovernance(&governance, &audit);
    window.reload();
    window.show();
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("moduleTabs"));
    QVERIFY(tabs);
    auto* page = window.findChild<GovernancePage*>(QStringLiteral("governancePage"));
    QVERIFY(page);
    QVERIFY(tabs->indexOf(page) >= 0);
    QVERIFY(tabs->indexOf(window.findChild<QWidget*>(QStringLiteral("auditPage"))) > tabs->indexOf(page));
    QTRY_VERIFY(!catalog.currentAppKey().isEmpty());
    tabs->setCurrentWidget(page); // loads when shown
    QTRY_COMPARE(governance.appKey(), catalog.currentAppKey());
}

QTEST_MAIN(TestGovernancePage)
#include "tst_governancepage.moc"
