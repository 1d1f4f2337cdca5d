// Review before merge on the Demands page, conflict resolution in the window, and the window's
// role awareness, driven as the people would: each acts under their own name (the catalog's
// actor), finds the widgets by objectName and clicks them; the store is checked afterwards.

#include "applistmodel.h"
#include "attributetablemodel.h"
#include "demandlistmodel.h"
#include "demandspage.h"
#include "eventtablemodel.h"
#include "mainwindow.h"
#include "mergeconflictdialog.h"
#include "plancatalog.h"
#include "planfixture.h"
#include "support/review.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>

using namespace tp;
using tp::test::SmallStore;

namespace {

const QString kApp = QStringLiteral("user-app");

QString S(const char* text)
{
    return QString::fromUtf8(text);
}

/// The composition main.cpp makes, over one store, with the Demands page in front.
struct Harness {
    explicit Harness(Store& store)
        : catalog(store, &apps, &events, &attributes)
        , window(&catalog)
    {
        window.resize(1400, 900);
        window.reload();
        window.show();
        const QModelIndex app = apps.index(apps.rowOf(kApp));
        window.findChild<QListView*>(QStringLiteral("appList"))->setCurrentIndex(app);
        auto* modules = window.findChild<QTabWidget*>(QStringLiteral("moduleTabs"));
        modules->setCurrentWidget(page());
    }
    [[nodiscard]] DemandsPage* page() const { return window.findChild<DemandsPage*>(QStringLiteral("demandsPage")); }
    [[nodiscard]] QPushButton* button(const char* name) const
    {
        return window.findChild<QPushButton*>(QString::fromLatin1(name));
    }
    [[nodiscard]] QString text(const char* browser) const
    {
        return window.findChild<QTextBrowser*>(QString::fromLatin1(browser))->toPlainText();
    }
    [[nodiscard]] QString message() const { return window.findChild<QLabel*>(QStringLiteral("demandMessage"))->text(); }
    /// Clicks the demand in the list; false if it is not shown.
    bool selectDemand(const QString& key) const
    {
        auto* table = window.findChild<QTableView*>(QStringLiteral("demandTable"));
        const QModelIndexList hits =
            table->model()->match(table->model()->index(0, 0), DemandListModel::KeyRole, key, 1, Qt::MatchExactly);
        if (hits.isEmpty()) {
            return false;
        }
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(hits.first()).center());
        return page()->currentKey() == key;
    }
    /// Types a comment into a comment box and presses its button.
    void comment(const char* edit, const char* button, const QString& text) const
    {
        auto* box = window.findChild<QPlainTextEdit*>(QString::fromLatin1(edit));
        box->setFocus();
        box->setPlainText(text);
        QTest::mouseClick(this->button(button), Qt::LeftButton);
    }

    AppListModel apps;
    EventTableModel events;
    AttributeTableModel attributes;
    PlanCatalog catalog;
    MainWindow window; // last: destroyed first
};

/// A store with the small plan and the people of these tests: alice owns the fixture's events.
struct People : SmallStore {
    People()
    {
        if (!error.isEmpty()) {
            return;
        }
        const QList<User> users{{S("alice"), S("Alice"), Role::ProductOwner, 0},
                                {S("zhang.wei"), S("张伟"), Role::ProductOwner, 0},
                                {S("liu.yang"), S("刘洋"), Role::DataSteward, 0},
                                {S("sun.hao"), S("孙浩"), Role::Analyst, 0}};
        for (const User& u : users) {
            if (auto added = store->access().addUser(u, false); !added) {
                error = added.error().toString();
                return;
            }
        }
    }
    /// A draft demand of `owner`'s that changes order_submit (a core event of alice's).
    [[nodiscard]] QString coreDemand(const QString& description, const QString& owner = S("zhang.wei"))
    {
        Demand d;
        d.appKey = kApp;
        d.title = S("Clearer order_submit");
        d.owner = owner;
        auto demand = store->demands().create(d);
        auto event = store->plan().event(kApp, S("order_submit"));
        if (!demand || !event) {
            return {};
        }
        event->description = description;
        return store->demands().saveEvent(demand->key, *event) ? demand->key : QString();
    }
};

} // namespace

class TestDemandReview : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void productOwnerMayNotApproveOrMerge();
    void approvalsUntilMerge();
    void commentsOnDemandAndChange();
    void conflictResolvedFieldByField();
    void analystMayChangeNothing();
    void ownerWhoSentIt();
    void statusBarSaysWhoActs();
};

void TestDemandReview::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(S("TrackPlan"));
    QCoreApplication::setApplicationName(S("trackplan-test"));
}

void TestDemandReview::productOwnerMayNotApproveOrMerge()
{
    People people;
    QVERIFY2(people.error.isEmpty(), qPrintable(people.error));
    const QString key = people.coreDemand(S("mine"));
    QVERIFY(!key.isEmpty());
    QVERIFY(people.store->demands().submit(key));

    Harness h(*people.store);
    h.catalog.setActor(S("zhang.wei"));
    QVERIFY(h.selectDemand(key));
    for (const char* name : {"approveDemandButton", "rejectDemandButton", "requestChangesButton"}) {
        QVERIFY2(!h.button(name)->isEnabled(), name);
        QVERIFY2(h.button(name)->toolTip().startsWith(
                     permissionDenied(S("zhang.wei"), Role::ProductOwner, Permission::ReviewDemands)),
                 qPrintable(h.button(name)->toolTip()));
    }
    // Merge: the role's reason first, then the status's.
    QPushButton* merge = h.button("mergeDemandButton");
    QVERIFY(!merge->isEnabled());
    const QStringList reasons = merge->toolTip().split(QLatin1Char('\n'));
    QCOMPARE(reasons.value(0), permissionDenied(S("zhang.wei"), Role::ProductOwner, Permission::Merge));
    QVERIFY2(reasons.value(1).contains(S("Approved")), qPrintable(merge->toolTip()));
    // What a product owner may do stays enabled.
    QVERIFY(h.button("reopenDemandButton")->isEnabled());
    QVERIFY(h.button("newDemandButton")->isEnabled());
}

void TestDemandReview::approvalsUntilMerge()
{
    People people;
    QVERIFY2(people.error.isEmpty(), qPrintable(people.error));
    const QString key = people.coreDemand(S("Sent when the server accepted the order"));
    QVERIFY(!key.isEmpty());
    Harness h(*people.store);

    // zhang.wei sends it; before that the panel says what it will need.
    h.catalog.setActor(S("zhang.wei"));
    QVERIFY(h.selectDemand(key));
    QVERIFY2(h.text("demandDetail").contains(S("Once submitted it needs 2 approval")),
             qPrintable(h.text("demandDetail")));
    QTest::mouseClick(h.button("submitDemandButton"), Qt::LeftButton);
    QCOMPARE(people.store->demands().demand(key)->status, DemandStatus::InReview);

    // liu.yang (steward) approves; the owner's sign-off is what is missing now.
    h.catalog.setActor(S("liu.yang"));
    QVERIFY(!h.button("signOffDemandButton")->isEnabled());
    QVERIFY2(h.button("signOffDemandButton")->toolTip().contains(S("No approval rule asks liu.yang")),
             qPrintable(h.button("signOffDemandButton")->toolTip()));
    QTest::mouseClick(h.button("approveDemandButton"), Qt::LeftButton);
    QCOMPARE(people.store->demands().demand(key)->status, DemandStatus::Approved);
    QString detail = h.text("demandDetail");
    QVERIFY2(detail.contains(S("Missing before it can be merged: 1 approval")), qPrintable(detail));
    QVERIFY2(detail.contains(S("approved by liu.yang")), qPrintable(detail));
    QVERIFY2(detail.contains(S("Event owner alice")), qPrintable(detail));
    QVERIFY2(detail.contains(S("Round 1 (current)")), qPrintable(detail));
    QPushButton* merge = h.button("mergeDemandButton");
    QVERIFY(!merge->isEnabled());
    QVERIFY2(merge->toolTip().startsWith(S("Missing approvals:")), qPrintable(merge->toolTip()));
    QVERIFY2(merge->toolTip().contains(S("Event owner alice")), qPrintable(merge->toolTip()));
    auto* tabs = h.window.findChild<QTabWidget*>(QStringLiteral("demandDetailTabs"));
    QCOMPARE(tabs->tabText(0), S("Review (1 missing)"));

    // alice signs off as the owner of order_submit; she still may not merge.
    h.catalog.setActor(S("alice"));
    QVERIFY2(h.button("signOffDemandButton")->isEnabled(), qPrintable(h.button("signOffDemandButton")->toolTip()));
    QTest::mouseClick(h.button("signOffDemandButton"), Qt::LeftButton);
    QVERIFY2(h.message().contains(S("alice signed")), qPrintable(h.message()));
    detail = h.text("demandDetail");
    QVERIFY2(detail.contains(S("Every approval is in.")), qPrintable(detail));
    QVERIFY2(detail.contains(S("approved by alice")), qPrintable(detail));
    QVERIFY(!h.button("signOffDemandButton")->isEnabled()); // once is enough
    QVERIFY(!merge->isEnabled());
    QCOMPARE(merge->toolTip(), permissionDenied(S("alice"), Role::ProductOwner, Permission::Merge));
    QVERIFY(people.store->reviews().state(key)->approvalsComplete());

    // liu.yang merges.
    h.catalog.setActor(S("liu.yang"));
    QVERIFY2(merge->isEnabled(), qPrintable(merge->toolTip()));
    QTest::mouseClick(merge, Qt::LeftButton);
    QCOMPARE(people.store->demands().demand(key)->status, DemandStatus::Merged);
    QCOMPARE(people.store->plan().event(kApp, S("order_submit"))->description,
             S("Sent when the server accepted the order"));
}

void TestDemandReview::commentsOnDemandAndChange()
{
    People people;
    QVERIFY2(people.error.isEmpty(), qPrintable(people.error));
    const QString key = people.coreDemand(S("mine"));
    QVERIFY(!key.isEmpty());
    QVERIFY(people.store->demands().remove(key, EntityKind::Event, S("banner_click")));
    Harness h(*people.store);
    h.catalog.setActor(S("liu.yang"));
    QVERIFY(h.selectDemand(key));

    h.comment("demandCommentEdit", "addDemandCommentButton", S("Which release brings it?"));
    QString detail = h.text("demandDetail");
    QVERIFY2(detail.contains(S("Which release brings it?")), qPrintable(detail));
    QVERIFY2(detail.contains(S("liu.yang")), qPrintable(detail));
    QVERIFY2(detail.contains(S("Discussion (1)")), qPrintable(detail));
    QVERIFY2(detail.contains(S("Before review")), qPrintable(detail)); // round 0: not submitted yet
    QVERIFY(h.window.findChild<QPlainTextEdit*>(QStringLiteral("demandCommentEdit"))->toPlainText().isEmpty());

    // A comment on the removal of banner_click, chosen in the combo.
    auto* target = h.window.findChild<QComboBox*>(QStringLiteral("commentChangeCombo"));
    QCOMPARE(target->count(), 2);
    target->setCurrentIndex(target->findData(S("event:banner_click")));
    QVERIFY(target->currentIndex() >= 0);
    h.comment("changeCommentEdit", "addChangeCommentButton", S("Still fired by 6.2 clients"));

    // It shows with that change (and not with the other), and in the discussion naming it.
    const QString changes = h.text("changeSetView");
    const int removal = changes.indexOf(S("Removed event banner_click"));
    const int edit = changes.indexOf(S("Changed event order_submit"));
    const int comment = changes.indexOf(S("Still fired by 6.2 clients"));
    QVERIFY2(removal >= 0 && edit >= 0 && comment >= 0, qPrintable(changes));
    QVERIFY2(edit < removal ? comment > removal : (comment > removal && comment < edit), qPrintable(changes));
    detail = h.text("demandDetail");
    QVERIFY2(detail.contains(S("on event banner_click")), qPrintable(detail));
    QVERIFY2(detail.contains(S("Discussion (2)")), qPrintable(detail));
    QVERIFY2(target->currentText().contains(S("1 comment")), qPrintable(target->currentText()));

    auto reviews = people.store->reviews().reviews(key);
    QVERIFY(reviews && reviews->size() == 2);
    QCOMPARE(reviews->at(0).author, S("liu.yang"));
    QVERIFY(!reviews->at(0).kind);
    QCOMPARE(reviews->at(1).kind, std::optional<EntityKind>(EntityKind::Event));
    QCOMPARE(reviews->at(1).entityKey, S("banner_click"));
    QCOMPARE(reviews->at(1).body, S("Still fired by 6.2 clients"));
}

void TestDemandReview::conflictResolvedFieldByField()
{
    People people;
    QVERIFY2(people.error.isEmpty(), qPrintable(people.error));
    Store& store = *people.store;
    // Ours changes description, trigger and tags of order_submit; meanwhile theirs changes
    // description, trigger, tags and category and is merged first.
    auto base = store.plan().event(kApp, S("order_submit"));
    QVERIFY(base);
    const QString ours = people.coreDemand(S("mine"));
    QVERIFY(!ours.isEmpty());
    Event mine = *base;
    mine.description = S("mine");
    mine.trigger = S("mine trigger");
    mine.tags = {S("mine")};
    QVERIFY(store.demands().saveEvent(ours, mine));
    QVERIFY(store.demands().submit(ours) && store.demands().approve(ours));
    QVERIFY(tp::test::completeReview(store, ours));

    Demand other;
    other.appKey = kApp;
    other.title = S("Theirs");
    auto theirs = store.demands().create(other);
    QVERIFY(theirs);
    Event changed = *base;
    changed.description = S("theirs");
    changed.trigger = S("theirs trigger");
    changed.tags = {S("theirs")};
    changed.category = S("checkout");
    QVERIFY(store.demands().saveEvent(theirs->key, changed));
    QVERIFY(store.demands().submit(theirs->key) && store.demands().approve(theirs->key));
    QVERIFY(tp::test::completeReview(store, theirs->key));
    QVERIFY(store.demands().merge(theirs->key)->merged);

    Harness h(store);
    h.catalog.setActor(S("liu.yang"));
    QVERIFY(h.selectDemand(ours));
    QTest::mouseClick(h.button("mergeDemandButton"), Qt::LeftButton);
    QVERIFY2(h.message().contains(S("1 conflict")), qPrintable(h.message()));
    auto* dialog = h.page()->findChild<MergeConflictDialog*>(QStringLiteral("mergeConflictDialog"));
    QVERIFY(dialog);
    auto choice = [dialog](const char* field) {
        return dialog->findChild<QComboBox*>(S("resolution_order_submit_") + QString::fromLatin1(field));
    };
    // Every differing field has a choice; where only the plan changed it, theirs is preselected.
    for (const char* field : {"description", "trigger", "tags", "category"}) {
        QVERIFY2(choice(field), field);
    }
    QCOMPARE(choice("category")->currentData().toInt(), int(ConflictChoice::Theirs));
    QCOMPARE(choice("description")->currentData().toInt(), int(ConflictChoice::Mine));
    QVERIFY(!choice("key"));

    choice("trigger")->setCurrentIndex(choice("trigger")->findData(int(ConflictChoice::Theirs)));
    choice("tags")->setCurrentIndex(choice("tags")->findData(int(ConflictChoice::Edited)));
    auto* editor = dialog->findChild<QPlainTextEdit*>(QStringLiteral("resolvedValueEdit"));
    auto* error = dialog->findChild<QLabel*>(QStringLiteral("resolutionError"));
    QVERIFY(editor && error);
    QVERIFY(!editor->isReadOnly());
    QVERIFY2(editor->toPlainText().contains(S("\"mine\"")), qPrintable(editor->toPlainText())); // starts from mine
    editor->setPlainText(S("[\"mine\", \"theirs\""));
    QVERIFY2(error->isVisible() && error->text().contains(S("JSON")), qPrintable(error->text()));
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("applyResolutionButton")), Qt::LeftButton);
    QVERIFY(dialog->isVisible()); // nothing applied while the JSON is broken
    QCOMPARE(store.demands().demand(ours)->status, DemandStatus::Approved);
    editor->setPlainText(S("[\"mine\", \"theirs\"]"));
    QVERIFY(!error->isVisible());
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("applyResolutionButton")), Qt::LeftButton);

    QCOMPARE(store.demands().demand(ours)->status, DemandStatus::Merged);
    QVERIFY2(h.message().contains(S("merged")), qPrintable(h.message()));
    const auto merged = store.plan().event(kApp, S("order_submit"));
    QVERIFY(merged);
    QCOMPARE(merged->description, S("mine"));
    QCOMPARE(merged->trigger, S("theirs trigger"));
    QCOMPARE(merged->tags, (QStringList{S("mine"), S("theirs")}));
    QCOMPARE(merged->category, S("checkout"));
    QCOMPARE(merged->bindings, base->bindings);

    // Who may not merge may not resolve either.
    MergeConflict conflict;
    conflict.entityKey = S("order_submit");
    conflict.base = conflict.mine = QJsonObject{{S("key"), S("order_submit")}};
    MergeConflictDialog denied(ours, {conflict}, S("zhang.wei (Product owner) may not merge."));
    auto* apply = denied.findChild<QPushButton*>(QStringLiteral("applyResolutionButton"));
    QVERIFY(!apply->isEnabled());
    QCOMPARE(apply->toolTip(), S("zhang.wei (Product owner) may not merge."));
}

void TestDemandReview::analystMayChangeNothing()
{
    People people;
    QVERIFY2(people.error.isEmpty(), qPrintable(people.error));
    const QString draft = people.coreDemand(S("mine"));
    QVERIFY(!draft.isEmpty());
    Harness h(*people.store);
    h.catalog.setActor(S("sun.hao"));
    QVERIFY(h.selectDemand(draft));
    const QString analyst = S("sun.hao (%1) may not").arg(roleLabel(Role::Analyst));
    const auto expectDenied = [&analyst](QWidget* w, const char* name) {
        QVERIFY2(w, name);
        QVERIFY2(!w->isEnabled(), name);
        QVERIFY2(w->toolTip().startsWith(analyst), qPrintable(QString::fromLatin1(name) + S(": ") + w->toolTip()));
    };
    for (const char* name :
         {"newDemandButton",     "submitDemandButton",    "approveDemandButton",    "requestChangesButton",
          "rejectDemandButton",  "reopenDemandButton",    "mergeDemandButton",      "cancelDemandButton",
          "signOffDemandButton", "workUnderDemandButton", "addDemandCommentButton", "addChangeCommentButton",
          "newEventButton",      "editEventButton",       "newAttributeButton",     "editAttributeButton",
          "newVersionButton",    "assignDemandsButton",   "freezeVersionButton",    "releaseVersionButton"}) {
        expectDenied(h.button(name), name);
    }
    expectDenied(h.window.findChild<QPlainTextEdit*>(QStringLiteral("demandCommentEdit")), "demandCommentEdit");
    auto* publish = h.window.findChild<QAction*>(QStringLiteral("publishAction"));
    QVERIFY(publish && !publish->isEnabled());
    QCOMPARE(publish->toolTip(), permissionDenied(S("sun.hao"), Role::Analyst, Permission::Publish));

    // The same window for a steward: the review actions come back (those the status allows).
    h.catalog.setActor(S("liu.yang"));
    QVERIFY(h.button("submitDemandButton")->isEnabled());
    QVERIFY(h.button("newVersionButton")->isEnabled());
    QVERIFY(h.button("addDemandCommentButton")->toolTip().isEmpty()
            || !h.button("addDemandCommentButton")->toolTip().startsWith(analyst));
}

void TestDemandReview::statusBarSaysWhoActs()
{
    People people;
    QVERIFY2(people.error.isEmpty(), qPrintable(people.error));
    Harness h(*people.store);
    auto* user = h.window.findChild<QLabel*>(QStringLiteral("userLabel"));
    QVERIFY(user);
    // Not a registered user of this SQLite file: its owner, an admin.
    QVERIFY2(user->text().contains(people.store->actor()), qPrintable(user->text()));
    QVERIFY2(user->text().contains(S("owner of this SQLite file")), qPrintable(user->text()));
    h.catalog.setActor(S("liu.yang"));
    QCOMPARE(user->text(), S("User: liu.yang · Data steward"));
    QVERIFY2(user->toolTip().contains(S("registered user")), qPrintable(user->toolTip()));
}

QTEST_MAIN(TestDemandReview)
// alice sends a demand on her own core event: the panel says her sending it is her approval,
// and Sign off says why there is nothing to sign.
void TestDemandReview::ownerWhoSentIt()
{
    People people;
    QVERIFY2(people.error.isEmpty(), qPrintable(people.error));
    const QString key = people.coreDemand(S("Sent by alice herself"), S("alice"));
    QVERIFY(!key.isEmpty());
    Harness h(*people.store);
    h.catalog.setActor(S("alice"));
    QVERIFY(h.selectDemand(key));
    QTest::mouseClick(h.button("submitDemandButton"), Qt::LeftButton);
    QCOMPARE(people.store->demands().demand(key)->status, DemandStatus::InReview);
    const QString detail = h.text("demandDetail");
    QVERIFY2(detail.contains(S("Event owner alice")), qPrintable(detail));
    QVERIFY2(detail.contains(S("alice sent the demand")), qPrintable(detail));
    QVERIFY2(!detail.contains(S("approved by alice")), qPrintable(detail));
    QVERIFY2(detail.contains(S("Missing before it can be merged: 1 approval")), qPrintable(detail)); // a steward's
    QVERIFY(!h.button("signOffDemandButton")->isEnabled());
    QVERIFY2(h.button("signOffDemandButton")->toolTip().contains(S("alice sent this demand")),
             qPrintable(h.button("signOffDemandButton")->toolTip()));
}

#include "tst_demandreview.moc"
