// The Versions page driven as a data steward would, on a real SQLite store: versions are
// created through the dialog, demands assigned with their check boxes, the version frozen
// (refused while a demand is open) and released with the confirmations clicked; the store
// is checked afterwards.

#include "applistmodel.h"
#include "attributetablemodel.h"
#include "demandlistmodel.h"
#include "demandspage.h"
#include "eventtablemodel.h"
#include "plancatalog.h"
#include "planfixture.h"
#include "versiondialogs.h"
#include "versionlistmodel.h"
#include "versionspage.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDataStream>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <memory>

using namespace tp;
using tp::test::SmallStore;

namespace {

const QString kApp = QStringLiteral("user-app");

/// The composition main.cpp makes, with the Versions page alone in its window.
struct Harness {
    explicit Harness(Store& store)
        : catalog(store, &apps, &events, &attributes)
        , page(&catalog)
    {
        page.resize(1300, 850);
    }
    /// Loads the app and shows the page.
    [[nodiscard]] Status open()
    {
        if (const Status s = catalog.reloadApps(); !s) {
            return s;
        }
        const Status s = catalog.selectApp(kApp);
        page.show();
        return s;
    }
    [[nodiscard]] QPushButton* button(const char* name) const
    {
        return page.findChild<QPushButton*>(QString::fromLatin1(name));
    }
    [[nodiscard]] QTableView* table() const { return page.findChild<QTableView*>(QStringLiteral("versionTable")); }
    [[nodiscard]] QLabel* message() const { return page.findChild<QLabel*>(QStringLiteral("versionMessage")); }
    [[nodiscard]] QTextBrowser* detail() const
    {
        return page.findChild<QTextBrowser*>(QStringLiteral("versionDetail"));
    }
    /// The dialog of this type and objectName that is open now (closed ones wait for deletion).
    template <typename T> [[nodiscard]] T* openDialog(const QString& name) const
    {
        const QList<T*> all = page.findChildren<T*>(name);
        for (T* d : all) {
            if (d->isVisible()) {
                return d;
            }
        }
        return nullptr;
    }
    /// Clicks the row of the version; false if it is not listed.
    [[nodiscard]] bool clickVersion(const QString& name) const
    {
        QTableView* t = table();
        const QModelIndexList hits =
            t->model()->match(t->model()->index(0, 0), VersionListModel::NameRole, name, 1, Qt::MatchExactly);
        if (hits.isEmpty()) {
            return false;
        }
        t->scrollTo(hits.first());
        QTest::mouseClick(t->viewport(), Qt::LeftButton, {}, t->visualRect(hits.first()).center());
        return page.currentName() == name;
    }
    /// Clicks a confirmation's accept ("confirmButton") or Cancel button.
    [[nodiscard]] bool answer(const QString& dialogName, bool accept) const
    {
        auto* box = openDialog<QMessageBox>(dialogName);
        if (!box) {
            return false;
        }
        QAbstractButton* b = accept
            ? static_cast<QAbstractButton*>(box->findChild<QPushButton*>(QStringLiteral("confirmButton")))
            : box->button(QMessageBox::Cancel);
        if (!b) {
            return false;
        }
        QTest::mouseClick(b, Qt::LeftButton);
        return true;
    }
    /// Opens the assign dialog, checks exactly `keys` (Space on each row that must change)
    /// and clicks OK. False if a step was not possible.
    [[nodiscard]] bool assign(const QStringList& keys) const
    {
        QTest::mouseClick(button("assignDemandsButton"), Qt::LeftButton);
        auto* dialog = openDialog<AssignDemandsDialog>(QStringLiteral("assignDemandsDialog"));
        if (!dialog) {
            return false;
        }
        auto* list = dialog->findChild<QTableView*>(QStringLiteral("assignDemandTable"));
        QAbstractItemModel* m = list->model();
        for (int row = 0; row < m->rowCount(); ++row) {
            const QModelIndex key = m->index(row, AssignDemandsDialog::KeyColumn);
            const bool checked = key.data(Qt::CheckStateRole).toInt() == Qt::Checked;
            if (checked != keys.contains(key.data().toString())) {
                list->setCurrentIndex(key);
                QTest::keyClick(list, Qt::Key_Space);
            }
        }
        if (dialog->checkedKeys() != keys) {
            return false;
        }
        QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        return true;
    }

    AppListModel apps;
    EventTableModel events;
    AttributeTableModel attributes;
    PlanCatalog catalog;
    VersionsPage page; // last: destroyed first
};

} // namespace

class TestVersionsPage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void buttonsFollowTheStatus();
    void newVersionDialogValidatesTheName();
    void createAssignFreezeRelease();
    void confirmationCanBeDeclined();
    void failedSavesKeepTheDialogsOpen();
    void selectionSurvivesReloadAndSorting();
    void layoutIsSavedAndRestored();
};

void TestVersionsPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestVersionsPage::buttonsFollowTheStatus()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    for (auto [name, status] : {std::pair{QStringLiteral("1.0.0"), VersionStatus::Released},
                                std::pair{QStringLiteral("1.1.0"), VersionStatus::Frozen},
                                std::pair{QStringLiteral("1.2.0"), VersionStatus::Planning}}) {
        auto v = fixture.version(name, status);
        QVERIFY2(v, test::errorText(v).constData());
    }
    Harness h(*fixture.store);
    QVERIFY(h.open());
    QVERIFY(QTest::qWaitForWindowExposed(&h.page));
    auto* add = h.button("newVersionButton");
    auto* assign = h.button("assignDemandsButton");
    auto* freeze = h.button("freezeVersionButton");
    auto* release = h.button("releaseVersionButton");
    QVERIFY(add && assign && freeze && release);
    QCOMPARE(h.table()->model()->rowCount(), 3);
    QCOMPARE(h.table()->model()->index(0, 0).data().toString(), QStringLiteral("1.2.0")); // newest first

    // The newest version is selected first.
    QCOMPARE(h.page.currentName(), QStringLiteral("1.2.0")); // planning
    QVERIFY(add->isEnabled());
    QVERIFY(assign->isEnabled() && freeze->isEnabled());
    QVERIFY(!release->isEnabled());
    QVERIFY2(release->toolTip().contains(QStringLiteral("Freeze version 1.2.0 before")),
             qPrintable(release->toolTip()));

    QVERIFY(h.clickVersion(QStringLiteral("1.1.0"))); // frozen
    QVERIFY(!assign->isEnabled() && !freeze->isEnabled());
    QVERIFY(release->isEnabled());
    QVERIFY2(assign->toolTip().contains(QStringLiteral("1.1.0 is Frozen")), qPrintable(assign->toolTip()));
    QVERIFY2(freeze->toolTip().contains(QStringLiteral("Only a version in planning")), qPrintable(freeze->toolTip()));

    QVERIFY(h.clickVersion(QStringLiteral("1.0.0"))); // released
    QVERIFY(!assign->isEnabled() && !freeze->isEnabled() && !release->isEnabled());
    QVERIFY2(release->toolTip().contains(QStringLiteral("released already")), qPrintable(release->toolTip()));
    QVERIFY2(h.detail()->toPlainText().contains(QStringLiteral("No demand was assigned")),
             qPrintable(h.detail()->toPlainText()));

    // An app without versions: only a new version can be made; the others say why not.
    QVERIFY(h.catalog.selectApp(QStringLiteral("driver-app")));
    QVERIFY(h.page.currentName().isEmpty());
    QVERIFY(add->isEnabled());
    for (QPushButton* b : {assign, freeze, release}) {
        QVERIFY(!b->isEnabled());
        QCOMPARE(b->toolTip(), QStringLiteral("Create a version first."));
    }
    QVERIFY2(h.detail()->toPlainText().trimmed().isEmpty(), qPrintable(h.detail()->toPlainText()));

    // Without an app nothing can be made.
    QVERIFY(h.catalog.selectApp(QString()));
    QVERIFY(!add->isEnabled());
    QCOMPARE(add->toolTip(), QStringLiteral("Select an app first."));
    QVERIFY(!assign->isEnabled());
}

void TestVersionsPage::newVersionDialogValidatesTheName()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    QVERIFY(fixture.version(QStringLiteral("6.3.0"), VersionStatus::Released));
    Harness h(*fixture.store);
    QVERIFY(h.open());

    QTest::mouseClick(h.button("newVersionButton"), Qt::LeftButton);
    auto* dialog = h.openDialog<NewVersionDialog>(QStringLiteral("newVersionDialog"));
    QVERIFY(dialog);
    auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("versionNameEdit"));
    auto* problem = dialog->findChild<QLabel*>(QStringLiteral("versionNameProblem"));
    auto* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    QVERIFY(name && problem && ok);
    QVERIFY(!ok->isEnabled()); // empty
    QVERIFY2(name->placeholderText().contains(QStringLiteral("6.4.0")), qPrintable(name->placeholderText()));

    const struct {
        QString text;
        bool valid;
        QString says;
    } cases[] = {
        {QStringLiteral("next"), false, QStringLiteral("not a version number")},
        {QStringLiteral("6.4.0 beta"), false, QStringLiteral("not a version number")},
        {QStringLiteral("6.3.0"), false, QStringLiteral("Version 6.3.0 exists already")},
        {QStringLiteral("06.3.0"), false, QStringLiteral("same version number as 6.3.0")},
        {QStringLiteral("   "), false, QStringLiteral("needs a name")},
        {QStringLiteral("6.4.0-rc.1"), true, QStringLiteral("will be created in planning")},
        {QStringLiteral("6.4.0"), true, QStringLiteral("will be created in planning")},
    };
    for (const auto& c : cases) {
        name->selectAll();
        QTest::keyClicks(name, c.text);
        QVERIFY2(ok->isEnabled() == c.valid, qPrintable(c.text));
        QVERIFY2(problem->text().contains(c.says), qPrintable(c.text + QStringLiteral(": ") + problem->text()));
        QCOMPARE(ok->toolTip().isEmpty(), c.valid);
    }
    QTest::keyClicks(dialog->findChild<QPlainTextEdit*>(QStringLiteral("versionDescriptionEdit")),
                     QStringLiteral("Coupons and the new checkout"));
    QTest::mouseClick(ok, Qt::LeftButton);

    auto created = fixture.store->versions().version(kApp, QStringLiteral("6.4.0"));
    QVERIFY2(created, test::errorText(created).constData());
    QCOMPARE(created->status, VersionStatus::Planning);
    QCOMPARE(created->description, QStringLiteral("Coupons and the new checkout"));
    QCOMPARE(h.page.currentName(), QStringLiteral("6.4.0")); // the new one is selected
    QVERIFY2(h.message()->text().contains(QStringLiteral("6.4.0 created in planning")),
             qPrintable(h.message()->text()));
    QVERIFY(h.button("assignDemandsButton")->isEnabled());
}

void TestVersionsPage::createAssignFreezeRelease()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    Store& store = *fixture.store;
    QVERIFY(fixture.version(QStringLiteral("1.0.0"), VersionStatus::Released));
    auto draft = fixture.draft(QStringLiteral("Coupons"));
    QVERIFY2(draft, test::errorText(draft).constData());
    const QString fixtureDemand = QStringLiteral("DEM-0001"); // the merged initial plan
    QVERIFY(store.demands().demand(fixtureDemand));
    Harness h(store);
    QVERIFY(h.open());
    // The Demands page on the same catalog keeps its selection when the demands reload.
    DemandsPage demands(&h.catalog);
    auto* demandTable = demands.findChild<QTableView*>(QStringLiteral("demandTable"));
    QVERIFY(demandTable);
    const QModelIndexList draftRow = demandTable->model()->match(
        demandTable->model()->index(0, 0), DemandListModel::KeyRole, draft->key, 1, Qt::MatchExactly);
    QCOMPARE(draftRow.size(), 1);
    demandTable->setCurrentIndex(draftRow.first());

    // 1. A version through the dialog.
    QTest::mouseClick(h.button("newVersionButton"), Qt::LeftButton);
    auto* dialog = h.openDialog<NewVersionDialog>(QStringLiteral("newVersionDialog"));
    QVERIFY(dialog);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("versionNameEdit")), QStringLiteral("1.1.0"));
    QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    const QString name = QStringLiteral("1.1.0");
    QCOMPARE(h.page.currentName(), name);
    QCOMPARE(store.versions().version(kApp, name)->status, VersionStatus::Planning);
    QVERIFY2(h.detail()->toPlainText().contains(QStringLiteral("Demands (0)")), qPrintable(h.detail()->toPlainText()));

    // 2. Both demands assigned, then the merged one taken off again.
    QVERIFY(h.assign({fixtureDemand, draft->key}));
    QCOMPARE(store.versions().version(kApp, name)->demandKeys, (QStringList{fixtureDemand, draft->key}));
    QVERIFY2(h.message()->text().contains(QStringLiteral("now brings 2 demand")), qPrintable(h.message()->text()));
    QVERIFY2(h.message()->text().contains(QStringLiteral("1 of them still open")), qPrintable(h.message()->text()));
    QVERIFY(h.assign({draft->key}));
    QCOMPARE(store.versions().version(kApp, name)->demandKeys, QStringList{draft->key});
    // All or nothing: with one unknown demand none of the changes is made.
    QVERIFY(!h.catalog.setVersionDemands(name, {fixtureDemand, QStringLiteral("DEM-9999")}));
    QCOMPARE(store.versions().version(kApp, name)->demandKeys, QStringList{draft->key});
    QCOMPARE(h.page.currentName(), name); // the list reloaded, the selection stayed
    const QModelIndex current = h.table()->currentIndex();
    QCOMPARE(current.siblingAtColumn(VersionListModel::DemandsColumn).data().toInt(), 1);
    QCOMPARE(current.siblingAtColumn(VersionListModel::DemandsColumn).data(Qt::ToolTipRole).toString(), draft->key);
    const QString detail = h.detail()->toPlainText();
    QVERIFY2(detail.contains(QStringLiteral("Demands (1)")) && detail.contains(draft->key)
                 && detail.contains(QStringLiteral("Coupons")) && detail.contains(QStringLiteral("still open")),
             qPrintable(detail));
    // The demands reloaded with their new target version; the Demands page kept the draft.
    const int row = h.catalog.demandModel()->rowOf(draft->key);
    QCOMPARE(h.catalog.demandModel()->demands().at(row).targetVersions, QStringList{name});
    QCOMPARE(demands.currentKey(), draft->key);
    QVERIFY(demands.findChild<QTextBrowser*>(QStringLiteral("demandDetail"))->toPlainText().contains(name));

    // The assign dialog's filter narrows the list by title.
    QTest::mouseClick(h.button("assignDemandsButton"), Qt::LeftButton);
    auto* assignDialog = h.openDialog<AssignDemandsDialog>(QStringLiteral("assignDemandsDialog"));
    QVERIFY(assignDialog);
    auto* list = assignDialog->findChild<QTableView*>(QStringLiteral("assignDemandTable"));
    QAbstractItemModelTester tester(list->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(list->model()->rowCount(), 2);
    QTest::keyClicks(assignDialog->findChild<QLineEdit*>(QStringLiteral("assignDemandFilter")),
                     QStringLiteral("coupons"));
    QCOMPARE(list->model()->rowCount(), 1);
    QVERIFY2(assignDialog->findChild<QLabel*>(QStringLiteral("assignDemandSummary"))
                 ->text()
                 .contains(QStringLiteral("1 demand")),
             qPrintable(assignDialog->findChild<QLabel*>(QStringLiteral("assignDemandSummary"))->text()));
    QTest::mouseClick(assignDialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Cancel), Qt::LeftButton);

    // 3. Freeze: refused while the draft is open; the store's reason is shown, nothing changes.
    QTest::mouseClick(h.button("freezeVersionButton"), Qt::LeftButton);
    QVERIFY(h.answer(QStringLiteral("confirmFreezeDialog"), true));
    QVERIFY2(h.message()->text().contains(QStringLiteral("cannot be frozen")), qPrintable(h.message()->text()));
    QVERIFY2(h.message()->text().contains(draft->key), qPrintable(h.message()->text()));
    QVERIFY(h.message()->styleSheet().contains(QStringLiteral("#cf222e"))); // as an error
    QCOMPARE(store.versions().version(kApp, name)->status, VersionStatus::Planning);
    QCOMPARE(h.page.currentName(), name);
    QVERIFY(h.button("freezeVersionButton")->isEnabled());

    // The draft is cancelled elsewhere; the page sees it and the freeze goes through.
    QVERIFY(store.demands().cancel(draft->key, QStringLiteral("not this release")));
    QVERIFY(h.catalog.checkForChanges());
    QCOMPARE(h.page.currentName(), name);
    QVERIFY2(!h.detail()->toPlainText().contains(QStringLiteral("still open")), qPrintable(h.detail()->toPlainText()));
    QTest::mouseClick(h.button("freezeVersionButton"), Qt::LeftButton);
    QVERIFY(h.answer(QStringLiteral("confirmFreezeDialog"), true));
    QVERIFY2(h.message()->text().contains(QStringLiteral("1.1.0 is frozen")), qPrintable(h.message()->text()));
    QVERIFY(h.message()->styleSheet().isEmpty());
    QCOMPARE(store.versions().version(kApp, name)->status, VersionStatus::Frozen);
    QVERIFY(store.versions().snapshot(kApp, name));
    QCOMPARE(h.page.currentName(), name);
    QVERIFY(!h.button("assignDemandsButton")->isEnabled());
    QVERIFY(!h.button("freezeVersionButton")->isEnabled());
    QVERIFY(h.button("releaseVersionButton")->isEnabled());
    // The comparison now shows what the frozen version changed since the one before it.
    auto* from = h.page.findChild<QComboBox*>(QStringLiteral("versionFromCombo"));
    auto* to = h.page.findChild<QComboBox*>(QStringLiteral("versionToCombo"));
    QCOMPARE(from->currentData().toString(), QStringLiteral("1.0.0"));
    QCOMPARE(to->currentData().toString(), name);
    QVERIFY(h.detail()->toPlainText().contains(QStringLiteral("5 events")));

    // 4. Release.
    QTest::mouseClick(h.button("releaseVersionButton"), Qt::LeftButton);
    QVERIFY(h.answer(QStringLiteral("confirmReleaseDialog"), true));
    QVERIFY2(h.message()->text().contains(QStringLiteral("1.1.0 is released")), qPrintable(h.message()->text()));
    QCOMPARE(store.versions().version(kApp, name)->status, VersionStatus::Released);
    QCOMPARE(h.table()->currentIndex().siblingAtColumn(VersionListModel::StatusColumn).data().toString(),
             QStringLiteral("Released"));
    for (const char* b : {"assignDemandsButton", "freezeVersionButton", "releaseVersionButton"}) {
        QVERIFY2(!h.button(b)->isEnabled(), b);
    }
}

void TestVersionsPage::confirmationCanBeDeclined()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    QVERIFY(fixture.version(QStringLiteral("2.0.0"), VersionStatus::Planning));
    Harness h(*fixture.store);
    QVERIFY(h.open());
    QVERIFY(h.clickVersion(QStringLiteral("2.0.0")));
    QTest::mouseClick(h.button("freezeVersionButton"), Qt::LeftButton);
    auto* box = h.openDialog<QMessageBox>(QStringLiteral("confirmFreezeDialog"));
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("2.0.0")), qPrintable(box->text()));
    QVERIFY(h.answer(QStringLiteral("confirmFreezeDialog"), false));
    QCOMPARE(fixture.store->versions().version(kApp, QStringLiteral("2.0.0"))->status, VersionStatus::Planning);
    QVERIFY(h.message()->text().isEmpty());
}

void TestVersionsPage::failedSavesKeepTheDialogsOpen()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    Store& store = *fixture.store;
    QVERIFY(fixture.version(QStringLiteral("2.0.0"), VersionStatus::Planning));
    Harness h(store);
    QVERIFY(h.open());

    // Another client takes the name while the dialog is open: it stays, with the reason.
    QTest::mouseClick(h.button("newVersionButton"), Qt::LeftButton);
    auto* dialog = h.openDialog<NewVersionDialog>(QStringLiteral("newVersionDialog"));
    QVERIFY(dialog);
    auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("versionNameEdit"));
    QTest::keyClicks(name, QStringLiteral("2.1.0"));
    QVERIFY(fixture.version(QStringLiteral("2.1.0"), VersionStatus::Planning));
    auto* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    QTest::mouseClick(ok, Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    QVERIFY2(dialog->saveError().contains(QStringLiteral("exists already")), qPrintable(dialog->saveError()));
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("2.2.0"));
    QTest::mouseClick(ok, Qt::LeftButton);
    QVERIFY(!dialog->isVisible());
    QCOMPARE(h.page.currentName(), QStringLiteral("2.2.0"));
    QVERIFY(store.versions().version(kApp, QStringLiteral("2.2.0")));

    // The version is frozen elsewhere while its demands are being chosen: nothing is assigned.
    QVERIFY(h.clickVersion(QStringLiteral("2.0.0")));
    QTest::mouseClick(h.button("assignDemandsButton"), Qt::LeftButton);
    auto* assign = h.openDialog<AssignDemandsDialog>(QStringLiteral("assignDemandsDialog"));
    QVERIFY(assign);
    auto* list = assign->findChild<QTableView*>(QStringLiteral("assignDemandTable"));
    list->setCurrentIndex(list->model()->index(0, AssignDemandsDialog::KeyColumn));
    QTest::keyClick(list, Qt::Key_Space);
    QCOMPARE(assign->checkedKeys().size(), 1);
    QVERIFY(store.versions().freeze(kApp, QStringLiteral("2.0.0")));
    QTest::mouseClick(assign->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QVERIFY(assign->isVisible());
    QVERIFY2(assign->saveError().contains(QStringLiteral("in planning")), qPrintable(assign->saveError()));
    QVERIFY(store.versions().version(kApp, QStringLiteral("2.0.0"))->demandKeys.isEmpty());
    QCOMPARE(h.page.currentName(), QStringLiteral("2.0.0")); // reloaded: now shown as frozen
    QVERIFY(!h.button("assignDemandsButton")->isEnabled());
    assign->reject();
}

void TestVersionsPage::selectionSurvivesReloadAndSorting()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    for (const QString& name : {QStringLiteral("1.9.0"), QStringLiteral("1.10.0"), QStringLiteral("1.2.0")}) {
        QVERIFY(fixture.version(name, VersionStatus::Planning));
    }
    QVERIFY(fixture.store->versions().freeze(kApp, QStringLiteral("1.2.0")));
    Harness h(*fixture.store);
    QVERIFY(h.open());
    QAbstractItemModelTester tester(h.table()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto names = [&h] {
        QStringList out;
        for (int r = 0; r < h.table()->model()->rowCount(); ++r) {
            out << h.table()->model()->index(r, 0).data().toString();
        }
        return out;
    };
    QCOMPARE(names(), (QStringList{QStringLiteral("1.10.0"), QStringLiteral("1.9.0"), QStringLiteral("1.2.0")}));
    QVERIFY(h.clickVersion(QStringLiteral("1.9.0")));

    QVERIFY(h.catalog.reloadVersions());
    QCOMPARE(h.page.currentName(), QStringLiteral("1.9.0"));

    // A header click sorts (version numbers as numbers), the selection follows its row.
    QHeaderView* header = h.table()->horizontalHeader();
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                      QPoint(header->sectionViewportPosition(VersionListModel::NameColumn) + 5, header->height() / 2));
    QCOMPARE(header->sortIndicatorSection(), int(VersionListModel::NameColumn));
    const QStringList ascending{QStringLiteral("1.2.0"), QStringLiteral("1.9.0"), QStringLiteral("1.10.0")};
    const QStringList descending(ascending.crbegin(), ascending.crend());
    QCOMPARE(names(), header->sortIndicatorOrder() == Qt::AscendingOrder ? ascending : descending);
    QCOMPARE(h.page.currentName(), QStringLiteral("1.9.0"));
    h.table()->sortByColumn(VersionListModel::StatusColumn, Qt::DescendingOrder);
    QCOMPARE(names().first(), QStringLiteral("1.2.0")); // frozen before planning
    QVERIFY(h.catalog.reloadVersions());
    QCOMPARE(names().first(), QStringLiteral("1.2.0")); // still sorted after the reload
    QCOMPARE(h.page.currentName(), QStringLiteral("1.9.0"));
}

void TestVersionsPage::layoutIsSavedAndRestored()
{
    SmallStore fixture;
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    QVERIFY(fixture.version(QStringLiteral("1.0.0"), VersionStatus::Frozen));
    QVERIFY(fixture.version(QStringLiteral("1.1.0"), VersionStatus::Planning));
    QByteArray state;
    QList<int> outer;
    QList<int> inner;
    int width = 0;
    {
        Harness h(*fixture.store);
        QVERIFY(h.open());
        QVERIFY(QTest::qWaitForWindowExposed(&h.page));
        auto* splitter = h.page.findChild<QSplitter*>(QStringLiteral("versionSplitter"));
        auto* listSplitter = h.page.findChild<QSplitter*>(QStringLiteral("versionListSplitter"));
        QVERIFY(splitter && listSplitter);
        splitter->setSizes({250, 550});
        listSplitter->setSizes({700, 500});
        outer = splitter->sizes();
        inner = listSplitter->sizes();
        h.table()->horizontalHeader()->resizeSection(VersionListModel::SnapshotColumn, 321);
        width = h.table()->horizontalHeader()->sectionSize(VersionListModel::SnapshotColumn);
        h.table()->sortByColumn(VersionListModel::StatusColumn, Qt::DescendingOrder);
        state = h.page.saveState();
    }
    {
        Harness h(*fixture.store);
        h.page.restoreState(state);
        QVERIFY(h.open());
        QVERIFY(QTest::qWaitForWindowExposed(&h.page));
        QCOMPARE(h.page.findChild<QSplitter*>(QStringLiteral("versionSplitter"))->sizes(), outer);
        QCOMPARE(h.page.findChild<QSplitter*>(QStringLiteral("versionListSplitter"))->sizes(), inner);
        QHeaderView* header = h.table()->horizontalHeader();
        QCOMPARE(header->sectionSize(VersionListModel::SnapshotColumn), width); // not resized to contents
        QCOMPARE(header->sortIndicatorSection(), int(VersionListModel::StatusColumn));
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        QCOMPARE(h.table()->model()->index(0, 0).data().toString(), QStringLiteral("1.0.0")); // frozen first
    }
    {
        // What earlier versions saved: the splitter's own state.
        QSplitter old(Qt::Vertical);
        old.addWidget(new QWidget);
        old.addWidget(new QWidget);
        old.resize(400, 800);
        old.setSizes({300, 500});
        const QByteArray oldState = old.saveState();
        Harness h(*fixture.store);
        QVERIFY(h.open());
        QVERIFY(QTest::qWaitForWindowExposed(&h.page));
        auto* splitter = h.page.findChild<QSplitter*>(QStringLiteral("versionSplitter"));
        const QList<int> before = splitter->sizes();
        h.page.restoreState(oldState);
        const QList<int> sizes = splitter->sizes();
        QVERIFY(sizes != before);
        splitter->setSizes(before); // as QSplitter itself restores it
        QVERIFY(splitter->restoreState(oldState));
        QCOMPARE(splitter->sizes(), sizes);
        // Garbage and a cut-off state change nothing and do not crash.
        h.page.restoreState(QByteArrayLiteral("not a state"));
        h.page.restoreState(state.left(10));
        h.page.restoreState({});
        QCOMPARE(splitter->sizes(), sizes);
        QCOMPARE(h.table()->model()->rowCount(), 2);
    }
}

QTEST_MAIN(TestVersionsPage)
#include "tst_versionspage.moc"
