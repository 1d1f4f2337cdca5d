// Opening stores, as a user does it: the store dialog (SQLite file or PostgreSQL server, recent
// stores), switching the running window to another store through the same code the File menu
// takes (tp::app::Desktop over real SQLite files and a real PostgreSQL server), the recent
// stores kept without passwords, and the settings dialog.
//
// The system keychain is made unreachable here (a D-Bus address where nothing listens), as on
// a machine without Secret Service: passwords are then not remembered, and stores still open.

#include "desktop.h"
#include "keychain.h"
#include "localization.h"
#include "mainwindow.h"
#include "passworddialog.h"
#include "planfixture.h"
#include "recentstores.h"
#include "session.h"
#include "settingsdialog.h"
#include "storedialog.h"

#include "support/pgserver.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFocusEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace tp;

namespace {

/// Runs `act` on the dialog of type T as soon as it shows: exec() of a modal dialog runs an
/// event loop of its own, so the test acts from a timer inside it.
template <typename T> QPointer<QTimer> whenShown(std::function<void(T*)> act)
{
    auto* timer = new QTimer;
    auto tries = std::make_shared<int>(0);
    QObject::connect(timer, &QTimer::timeout, [timer, tries, act] {
        const QList<QWidget*> windows = QApplication::topLevelWidgets();
        for (QWidget* w : windows) {
            if (auto* dialog = qobject_cast<T*>(w); dialog && dialog->isVisible()) {
                timer->stop();
                timer->deleteLater();
                act(dialog);
                return;
            }
        }
        if (++*tries > 500) { // 5 s: the dialog never came; the test's own checks fail then
            timer->stop();
            timer->deleteLater();
        }
    });
    timer->start(10);
    return timer;
}

/// Stops waiting for a dialog that did not come (as expected).
void stopWaiting(const QPointer<QTimer>& timer)
{
    if (timer) {
        timer->stop();
        timer->deleteLater();
    }
}

template <typename T> T* child(QWidget* parent, const char* name)
{
    T* w = parent->findChild<T*>(QString::fromLatin1(name));
    if (!w) {
        qWarning("no %s named %s", T::staticMetaObject.className(), name);
    }
    return w;
}

QString fileText(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QString storeLabel(MainWindow& window)
{
    return child<QLabel>(&window, "storeLabel")->text();
}

} // namespace

class TestStoreDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();

    void sqliteFileGivesItsPath();
    void postgresFieldsGiveUrlAndPasswordApart();
    void pastedUrlFillsTheFields_data();
    void pastedUrlFillsTheFields();
    void badInputIsRejectedWithAMessage_data();
    void badInputIsRejectedWithAMessage();
    void keychainProblemIsShown();
    void recentStoresKeepOrderLimitAndNoPassword();
    void recentStoresInTheDialog();

    void switchesTheRunningWindowToAnotherStore();
    void failedOpenKeepsTheCurrentStore();
    void postgresPasswordIsNeverInSettings();
    void refusedPostgresAsksForAPassword();
    void settingsDialogChangesPollAndLanguage();
    void languageIsReadBeforeTheOptions_data();
    void languageIsReadBeforeTheOptions();

private:
    [[nodiscard]] QString settingsFile() const { return QSettings().fileName(); }

    QTemporaryDir m_dir;
    test::PgServer m_pg;
    std::unique_ptr<secrets::Keychain> m_keychain;
    QString m_storeA;
    QString m_storeB;
};

void TestStoreDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    // Settings in a folder of this test only, so that the file can be read back.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("config")));
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("config")));
    QCoreApplication::setOrganizationName(QStringLiteral("TrackPlan"));
    QCoreApplication::setApplicationName(QStringLiteral("trackplan-storedialog-test"));
    // No keychain service: nothing listens at this D-Bus address (and the user's own keychain
    // is never touched by the test).
    qputenv("DBUS_SESSION_BUS_ADDRESS",
            QByteArray("unix:path=") + QFile::encodeName(m_dir.filePath(QStringLiteral("no-bus"))));
    m_keychain = std::make_unique<secrets::Keychain>(QStringLiteral("TrackPlan-test"));
    m_keychain->setTimeout(10000);

    // Two real stores: A with the small plan (user-app, driver-app), B with one app of its own.
    m_storeA = m_dir.filePath(QStringLiteral("a.sqlite"));
    m_storeB = m_dir.filePath(QStringLiteral("b.sqlite"));
    {
        auto a = Store::open(m_storeA);
        QVERIFY2(a, test::errorText(a).constData());
        const Status filled = test::fillSmallPlan(**a);
        QVERIFY2(filled, test::errorText(filled).constData());
        auto b = Store::open(m_storeB);
        QVERIFY2(b, test::errorText(b).constData());
        const Status large = test::fillLargeApp(**b, QStringLiteral("b-app"), 3);
        QVERIFY2(large, test::errorText(large).constData());
    }
    QString error;
    QVERIFY2(m_pg.start(&error), qPrintable(error));
}

void TestStoreDialog::init()
{
    QSettings().clear();
}

void TestStoreDialog::sqliteFileGivesItsPath()
{
    StoreDialog dialog({});
    dialog.show();
    auto* path = child<QLineEdit>(&dialog, "sqlitePathEdit");
    auto* open = child<QPushButton>(&dialog, "openButton");
    QVERIFY(path && open);
    QVERIFY(!open->isEnabled()); // nothing chosen yet
    QTest::keyClicks(path, m_storeA);
    QVERIFY2(dialog.errorText().isEmpty(), qPrintable(dialog.errorText()));
    QVERIFY(open->isEnabled());
    QCOMPARE(dialog.choice().url, m_storeA);
    QCOMPARE(dialog.choice().password, QString());
    QVERIFY(child<QLabel>(&dialog, "sqliteNoteLabel")->text().contains(QStringLiteral("Opens the store")));

    // A file that does not exist yet is a new store.
    const QString fresh = m_dir.filePath(QStringLiteral("new/plan.sqlite"));
    path->setText(fresh);
    QCOMPARE(dialog.choice().url, fresh);
    QVERIFY(child<QLabel>(&dialog, "sqliteNoteLabel")->text().contains(QStringLiteral("new, empty store")));
    QTest::mouseClick(open, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestStoreDialog::postgresFieldsGiveUrlAndPasswordApart()
{
    StoreDialog dialog({});
    dialog.show();
    child<QTabWidget>(&dialog, "backendTabs")->setCurrentIndex(1);
    QVERIFY(!dialog.errorText().isEmpty()); // no host yet
    QTest::keyClicks(child<QLineEdit>(&dialog, "hostEdit"), QStringLiteral("db.example.com"));
    auto* port = child<QSpinBox>(&dialog, "portSpin");
    port->selectAll();
    QTest::keyClicks(port, QStringLiteral("6543"));
    QTest::keyClicks(child<QLineEdit>(&dialog, "databaseEdit"), QStringLiteral("plan"));
    QTest::keyClicks(child<QLineEdit>(&dialog, "userEdit"), QStringLiteral("alice"));
    QTest::keyClicks(child<QLineEdit>(&dialog, "passwordEdit"), QStringLiteral("s3cret:@/x"));
    QVERIFY2(dialog.errorText().isEmpty(), qPrintable(dialog.errorText()));
    const StoreChoice c = dialog.choice();
    QCOMPARE(c.url, QStringLiteral("postgresql://alice@db.example.com:6543/plan"));
    QCOMPARE(c.password, QStringLiteral("s3cret:@/x"));
    QVERIFY(c.rememberPassword); // the default, with a keychain as far as known
    // The URL field follows the fields, without the password.
    QCOMPARE(child<QLineEdit>(&dialog, "postgresUrlEdit")->text(), c.url);

    child<QCheckBox>(&dialog, "rememberPasswordCheck")->setChecked(false);
    QVERIFY(!dialog.choice().rememberPassword);
    // The URL round-trips: it is what --db takes and what the recent stores keep.
    const auto parsed = StoreUrl::parse(c.url);
    QVERIFY(parsed);
    QCOMPARE(parsed->host, QStringLiteral("db.example.com"));
    QCOMPARE(parsed->port, 6543);
    QCOMPARE(parsed->user, QStringLiteral("alice"));
    QCOMPARE(parsed->database, QStringLiteral("plan"));
    QVERIFY(parsed->password.isEmpty());
}

void TestStoreDialog::pastedUrlFillsTheFields_data()
{
    QTest::addColumn<QString>("pasted");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("host");
    QTest::newRow("full") << QStringLiteral("postgresql://alice:pw@db:5433/plan")
                          << QStringLiteral("postgresql://alice@db:5433/plan") << QStringLiteral("pw")
                          << QStringLiteral("db");
    QTest::newRow("postgres scheme, default port")
        << QStringLiteral("postgres://bob@10.0.0.5/x") << QStringLiteral("postgresql://bob@10.0.0.5:5432/x")
        << QString() << QStringLiteral("10.0.0.5");
    QTest::newRow("database defaults to the user")
        << QStringLiteral("postgresql://carol@pg.local") << QStringLiteral("postgresql://carol@pg.local:5432/carol")
        << QString() << QStringLiteral("pg.local");
    QTest::newRow("encoded password") << QStringLiteral("postgresql://dave:p%40ss%2Fw@h:1/d")
                                      << QStringLiteral("postgresql://dave@h:1/d") << QStringLiteral("p@ss/w")
                                      << QStringLiteral("h");
    QTest::newRow("encoded user") << QStringLiteral("postgresql://ops%40corp@h/d")
                                  << QStringLiteral("postgresql://ops%40corp@h:5432/d") << QString()
                                  << QStringLiteral("h");
}

void TestStoreDialog::pastedUrlFillsTheFields()
{
    QFETCH(QString, pasted);
    QFETCH(QString, url);
    QFETCH(QString, password);
    QFETCH(QString, host);
    StoreDialog dialog({});
    dialog.show();
    child<QTabWidget>(&dialog, "backendTabs")->setCurrentIndex(1);
    auto* edit = child<QLineEdit>(&dialog, "postgresUrlEdit");
    edit->setFocus();
    edit->insert(pasted); // as a paste does: one textEdited
    QVERIFY2(dialog.errorText().isEmpty(), qPrintable(dialog.errorText()));
    QCOMPARE(child<QLineEdit>(&dialog, "hostEdit")->text(), host);
    QCOMPARE(dialog.choice().url, url);
    QCOMPARE(dialog.choice().password, password);
    // Leaving the field takes the password out of sight.
    Q_EMIT edit->editingFinished();
    QCOMPARE(edit->text(), url);
    QCOMPARE(dialog.choice().password, password);
}

void TestStoreDialog::badInputIsRejectedWithAMessage_data()
{
    QTest::addColumn<int>("tab");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("no file") << 0 << QStringLiteral("sqlitePathEdit") << QString()
                             << QStringLiteral("Choose a SQLite file");
    QTest::newRow("a folder") << 0 << QStringLiteral("sqlitePathEdit") << QStringLiteral("/tmp")
                              << QStringLiteral("is a folder");
    QTest::newRow("URL in the file field") << 0 << QStringLiteral("sqlitePathEdit")
                                           << QStringLiteral("postgresql://a@b/c") << QStringLiteral("PostgreSQL");
    QTest::newRow("other scheme") << 1 << QStringLiteral("postgresUrlEdit") << QStringLiteral("mysql://a@b/c")
                                  << QStringLiteral("starts with postgresql://");
    QTest::newRow("bad port") << 1 << QStringLiteral("postgresUrlEdit") << QStringLiteral("postgresql://a@b:port/c")
                              << QStringLiteral("Invalid PostgreSQL URL");
    QTest::newRow("no host in URL") << 1 << QStringLiteral("postgresUrlEdit") << QStringLiteral("postgresql:///c")
                                    << QStringLiteral("Invalid PostgreSQL URL");
    QTest::newRow("no host") << 1 << QStringLiteral("userEdit") << QStringLiteral("alice")
                             << QStringLiteral("Enter the host name");
    QTest::newRow("bad host") << 1 << QStringLiteral("hostEdit") << QStringLiteral("my host")
                              << QStringLiteral("is not a host name");
}

void TestStoreDialog::badInputIsRejectedWithAMessage()
{
    QFETCH(int, tab);
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(QString, message);
    StoreDialog dialog({});
    dialog.show();
    child<QTabWidget>(&dialog, "backendTabs")->setCurrentIndex(tab);
    auto* edit = dialog.findChild<QLineEdit*>(field);
    QVERIFY(edit);
    QTest::keyClicks(edit, text);
    QVERIFY2(dialog.errorText().contains(message), qPrintable(dialog.errorText()));
    QCOMPARE(child<QLabel>(&dialog, "storeErrorLabel")->text(), dialog.errorText());
    QVERIFY(!child<QPushButton>(&dialog, "openButton")->isEnabled());
    QTest::keyClick(edit, Qt::Key_Return);
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.choice().url, QString());
}

void TestStoreDialog::keychainProblemIsShown()
{
    StoreDialog dialog({});
    dialog.show();
    dialog.setUrl(QStringLiteral("postgresql://alice@db:5432/plan"));
    auto* remember = child<QCheckBox>(&dialog, "rememberPasswordCheck");
    auto* note = child<QLabel>(&dialog, "keychainNoteLabel");
    QVERIFY(remember->isEnabled() && !note->isVisible());
    dialog.setKeychainProblem(QStringLiteral("No Secret Service"));
    QVERIFY(!remember->isEnabled() && !remember->isChecked());
    QVERIFY(note->isVisible());
    QVERIFY(note->text().contains(QStringLiteral("No Secret Service")));
    child<QLineEdit>(&dialog, "passwordEdit")->setText(QStringLiteral("pw"));
    QVERIFY(!dialog.choice().rememberPassword);
    QCOMPARE(dialog.choice().password, QStringLiteral("pw"));
}

void TestStoreDialog::recentStoresKeepOrderLimitAndNoPassword()
{
    const QString secret = QStringLiteral("Tr4ck-secret");
    {
        QSettings settings;
        for (int i = 0; i < 10; ++i) {
            addRecentStore(settings, *StoreUrl::parse(m_dir.filePath(QStringLiteral("s%1.sqlite").arg(i))));
        }
        addRecentStore(settings, *StoreUrl::parse(QStringLiteral("postgresql://alice:%1@db:5432/plan").arg(secret)));
        // Opening one again moves it to the front instead of listing it twice.
        addRecentStore(settings, *StoreUrl::parse(m_dir.filePath(QStringLiteral("s7.sqlite"))));
    }
    QStringList recent = recentStores(QSettings());
    QCOMPARE(recent.size(), kMaxRecentStores);
    QCOMPARE(recent.at(0), m_dir.filePath(QStringLiteral("s7.sqlite")));
    QCOMPARE(recent.at(1), QStringLiteral("postgresql://alice@db:5432/plan"));
    QCOMPARE(recent.at(2), m_dir.filePath(QStringLiteral("s9.sqlite")));
    QCOMPARE(recent.at(3), m_dir.filePath(QStringLiteral("s8.sqlite")));
    QCOMPARE(recent.at(4), m_dir.filePath(QStringLiteral("s6.sqlite")));
    QCOMPARE(recent.count(m_dir.filePath(QStringLiteral("s7.sqlite"))), 1);
    QVERIFY(!recent.contains(m_dir.filePath(QStringLiteral("s2.sqlite")))); // the oldest went
    QSettings().sync();
    QVERIFY(QFile::exists(settingsFile()));
    QVERIFY2(!fileText(settingsFile()).contains(secret), qPrintable(fileText(settingsFile())));

    // A password written into the file by hand is not handed on.
    QSettings().setValue(QString::fromLatin1(kRecentStoresKey),
                         QStringList{QStringLiteral("postgresql://bob:%1@db/x").arg(secret)});
    recent = recentStores(QSettings());
    QCOMPARE(recent, QStringList{QStringLiteral("postgresql://bob@db:5432/x")});
    {
        QSettings settings;
        clearRecentStores(settings);
    }
    QVERIFY(recentStores(QSettings()).isEmpty());
}

void TestStoreDialog::recentStoresInTheDialog()
{
    const QStringList recent{QStringLiteral("postgresql://alice@db:5432/plan"), m_storeB};
    StoreDialog dialog(recent);
    dialog.show();
    auto* list = child<QListWidget>(&dialog, "recentStoresList");
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->item(0)->text(), QStringLiteral("postgresql://alice@db:5432/plan"));
    QCOMPARE(list->item(1)->text(), m_storeB);
    // The list taking the focus changes nothing typed.
    child<QLineEdit>(&dialog, "sqlitePathEdit")->setText(m_storeA);
    list->setFocus();
    QFocusEvent focusIn(QEvent::FocusIn, Qt::TabFocusReason);
    QApplication::sendEvent(list, &focusIn);
    QCOMPARE(dialog.choice().url, m_storeA);
    // A click fills the fields.
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(0)).center());
    QCOMPARE(child<QTabWidget>(&dialog, "backendTabs")->currentIndex(), 1);
    QCOMPARE(child<QLineEdit>(&dialog, "hostEdit")->text(), QStringLiteral("db"));
    QCOMPARE(child<QLineEdit>(&dialog, "userEdit")->text(), QStringLiteral("alice"));
    // A double-click opens (press, release, then the double-click event, as a mouse sends them).
    const QPoint second = list->visualItemRect(list->item(1)).center();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, second);
    QCOMPARE(dialog.result(), int(QDialog::Rejected)); // one click only chooses
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, second);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.choice().url, m_storeB);
}

void TestStoreDialog::switchesTheRunningWindowToAnotherStore()
{
    app::Desktop desktop(*m_keychain);
    QVERIFY(desktop.start(m_storeA, true));
    QPointer<MainWindow> first = &desktop.session()->window();
    QVERIFY(QTest::qWaitForWindowExposed(first));
    QTRY_COMPARE(first->findChild<QListView*>(QStringLiteral("appList"))->model()->rowCount(), 2);
    QVERIFY(storeLabel(*first).contains(m_storeA));
    // The store open already: nothing to do.
    QSignalSpy opened(&desktop, &app::Desktop::storeOpened);
    QVERIFY(desktop.openStore(StoreChoice{m_storeA, {}, false}));
    QCOMPARE(&desktop.session()->window(), first.data());
    QCOMPARE(opened.size(), 0);

    // File → Open store…, the file of store B typed in, Open.
    whenShown<StoreDialog>([this](StoreDialog* dialog) {
        QCOMPARE(child<QLineEdit>(dialog, "sqlitePathEdit")->text(), m_storeA); // the current store
        auto* path = child<QLineEdit>(dialog, "sqlitePathEdit");
        path->clear();
        QTest::keyClicks(path, m_storeB);
        QTest::mouseClick(child<QPushButton>(dialog, "openButton"), Qt::LeftButton);
    });
    auto* open = first->findChild<QAction*>(QStringLiteral("openStoreAction"));
    QVERIFY(open);
    QCOMPARE(open->shortcut(), QKeySequence(QKeySequence::Open));
    open->trigger();
    QCOMPARE(opened.size(), 1);
    MainWindow& second = desktop.session()->window();
    QVERIFY(&second != first.data());
    QVERIFY2(storeLabel(second).contains(m_storeB), qPrintable(storeLabel(second)));
    auto* apps = second.findChild<QListView*>(QStringLiteral("appList"));
    QTRY_COMPARE(apps->model()->rowCount(), 1);
    QCOMPARE(apps->model()->index(0, 0).data(AppListModel::KeyRole).toString(), QStringLiteral("b-app"));
    QTRY_COMPARE(desktop.session()->catalog().currentAppKey(), QStringLiteral("b-app"));
    QVERIFY(second.isVisible());
    QTRY_VERIFY(first.isNull()); // the old window is gone, with its store

    // Both are recent stores now, the latest first; File → Recent stores goes back to A.
    QCOMPARE(recentStores(QSettings()), (QStringList{m_storeB, m_storeA}));
    auto* menu = second.findChild<QMenu*>(QStringLiteral("recentStoresMenu"));
    QVERIFY(menu);
    auto* recentB = second.findChild<QAction*>(QStringLiteral("recentStore_0"));
    auto* recentA = second.findChild<QAction*>(QStringLiteral("recentStore_1"));
    QVERIFY(recentA && recentB);
    QVERIFY(recentB->isChecked() && !recentA->isChecked()); // the current one is marked
    QVERIFY(recentA->text().contains(m_storeA));
    recentA->trigger();
    QCOMPARE(opened.size(), 2);
    QVERIFY(storeLabel(desktop.session()->window()).contains(m_storeA));
    QTRY_COMPARE(desktop.session()->window().findChild<QListView*>(QStringLiteral("appList"))->model()->rowCount(), 2);
    QCOMPARE(recentStores(QSettings()), (QStringList{m_storeA, m_storeB}));
}

void TestStoreDialog::failedOpenKeepsTheCurrentStore()
{
    const QString notAStore = m_dir.filePath(QStringLiteral("notes.sqlite"));
    {
        QFile f(notAStore);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("These are notes, not a SQLite database.\n").repeated(200));
    }
    app::Desktop desktop(*m_keychain);
    QVERIFY(desktop.start(m_storeA, true));
    MainWindow* window = &desktop.session()->window();
    QString shown;
    whenShown<QMessageBox>([&shown](QMessageBox* box) {
        shown = box->text();
        box->accept();
    });
    QVERIFY(!desktop.openStore(StoreChoice{notAStore, {}, false}));
    QVERIFY2(shown.contains(QStringLiteral("Cannot open the store %1").arg(notAStore)), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("stays open")), qPrintable(shown));
    QCOMPARE(&desktop.session()->window(), window);
    QVERIFY(storeLabel(*window).contains(m_storeA));
    QVERIFY(window->isVisible());
    QCOMPARE(recentStores(QSettings()), QStringList{m_storeA}); // a failed store is not recent
}

void TestStoreDialog::postgresPasswordIsNeverInSettings()
{
    QString error;
    QVERIFY2(m_pg.createDatabase(QStringLiteral("plan_pw"), &error), qPrintable(error));
    const auto pgUrl = StoreUrl::parse(m_pg.url(QStringLiteral("plan_pw")));
    QVERIFY(pgUrl);
    const QString secret = QStringLiteral("Never-In-Settings-42");

    app::Desktop desktop(*m_keychain);
    QVERIFY(desktop.start(m_storeA, true));
    // The dialog's way: fields and password; the test server trusts any password.
    whenShown<StoreDialog>([&](StoreDialog* dialog) {
        dialog->setUrl(pgUrl->toString());
        QTest::keyClicks(child<QLineEdit>(dialog, "passwordEdit"), secret);
        QVERIFY(child<QCheckBox>(dialog, "rememberPasswordCheck")->isChecked());
        QTest::mouseClick(child<QPushButton>(dialog, "openButton"), Qt::LeftButton);
    });
    desktop.session()->window().findChild<QAction*>(QStringLiteral("openStoreAction"))->trigger();
    MainWindow& window = desktop.session()->window();
    QVERIFY2(storeLabel(window).contains(pgUrl->displayString()), qPrintable(storeLabel(window)));
    QVERIFY(!storeLabel(window).contains(secret));
    // No keychain here: the store opened all the same, and the status bar says the password
    // was not remembered.
    QVERIFY(!desktop.keychainProblem().isEmpty());
    auto* note = child<QLabel>(&window, "storeNoteLabel");
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(QStringLiteral("not remembered")), qPrintable(note->text()));
    // The next dialog knows.
    whenShown<StoreDialog>([](StoreDialog* dialog) {
        QVERIFY(!child<QCheckBox>(dialog, "rememberPasswordCheck")->isEnabled());
        QVERIFY(child<QLabel>(dialog, "keychainNoteLabel")->isVisible());
        dialog->reject();
    });
    window.findChild<QAction*>(QStringLiteral("openStoreAction"))->trigger();

    // Recent stores and the settings file hold the URL without the password.
    QCOMPARE(recentStores(QSettings()).first(), pgUrl->toString());
    QSettings().sync();
    QVERIFY(!fileText(settingsFile()).isEmpty());
    QVERIFY2(!fileText(settingsFile()).contains(secret), qPrintable(fileText(settingsFile())));
    for (QAction* a : window.findChildren<QAction*>()) {
        QVERIFY(!a->text().contains(secret));
    }

    // Reopening it from the recent stores: no password from anywhere, and the (trusting)
    // server lets it in, as it would with ~/.pgpass or PGPASSWORD.
    QVERIFY(desktop.openStore(StoreChoice{m_storeA, {}, false}));
    desktop.session()->window().findChild<QAction*>(QStringLiteral("recentStore_1"))->trigger();
    QVERIFY(storeLabel(desktop.session()->window()).contains(pgUrl->displayString()));
    desktop.saveLayout();
    QSettings().sync();
    QVERIFY(!fileText(settingsFile()).contains(secret));
}

void TestStoreDialog::refusedPostgresAsksForAPassword()
{
    app::Desktop desktop(*m_keychain);
    QVERIFY(desktop.start(m_storeA, true));
    MainWindow* window = &desktop.session()->window();
    const QString nowhere = QStringLiteral("postgresql://nobody@127.0.0.1:1/x"); // nothing listens on port 1

    // Refused without a password: TrackPlan asks for one and shows the server's answer;
    // cancelling keeps the current store without a further message.
    int prompts = 0;
    QString serverMessage;
    whenShown<PasswordDialog>([&](PasswordDialog* prompt) {
        ++prompts;
        serverMessage = child<QLabel>(prompt, "serverMessageLabel")->text();
        prompt->reject();
    });
    int boxes = 0;
    const QPointer<QTimer> noBox = whenShown<QMessageBox>([&boxes](QMessageBox* box) {
        ++boxes;
        box->accept();
    });
    QVERIFY(!desktop.openStore(StoreChoice{nowhere, {}, false}));
    stopWaiting(noBox);
    QCOMPARE(prompts, 1);
    QCOMPARE(boxes, 0);
    QVERIFY2(serverMessage.contains(QStringLiteral("127.0.0.1")), qPrintable(serverMessage));

    // With a password typed it tries again; still refused, for a reason a password cannot
    // help with (no server), so it says so instead of asking again.
    QString shown;
    whenShown<PasswordDialog>([&](PasswordDialog* prompt) {
        ++prompts;
        QTest::keyClicks(child<QLineEdit>(prompt, "passwordEdit"), QStringLiteral("wrong"));
        whenShown<QMessageBox>([&shown](QMessageBox* box) {
            shown = box->text();
            box->accept();
        });
        prompt->accept();
    });
    QVERIFY(!desktop.openStore(StoreChoice{nowhere, {}, false}));
    QCOMPARE(prompts, 2);
    QVERIFY2(shown.contains(QStringLiteral("stays open")), qPrintable(shown));
    QVERIFY(!shown.contains(QStringLiteral("wrong")));

    QCOMPARE(&desktop.session()->window(), window);
    QVERIFY(storeLabel(*window).contains(m_storeA));
    QVERIFY(!recentStores(QSettings()).contains(nowhere));
}

void TestStoreDialog::settingsDialogChangesPollAndLanguage()
{
    app::Desktop desktop(*m_keychain);
    QVERIFY(desktop.start(m_storeA, true));
    MainWindow& window = desktop.session()->window();
    auto watchInterval = [&desktop] {
        const QList<QTimer*> timers = desktop.session()->catalog().findChildren<QTimer*>();
        for (const QTimer* t : timers) {
            if (t->isActive()) {
                return t->interval();
            }
        }
        return 0;
    };
    QCOMPARE(watchInterval(), DesktopSettings::kDefaultPollSeconds * 1000);
    auto* action = window.findChild<QAction*>(QStringLiteral("settingsAction"));
    QVERIFY(action);
    const QList<QKeySequence> standard = QKeySequence::keyBindings(QKeySequence::Preferences);
    QCOMPARE(action->shortcuts(),
             standard.isEmpty() ? QList<QKeySequence>{QKeySequence(Qt::CTRL | Qt::Key_Comma)} : standard);

    whenShown<SettingsDialog>([](SettingsDialog* dialog) {
        auto* language = child<QComboBox>(dialog, "languageCombo");
        QCOMPARE(language->currentData().toString(), QString()); // the system's
        QVERIFY(!child<QLabel>(dialog, "languageNoteLabel")->isVisible());
        language->setCurrentIndex(language->findData(QStringLiteral("zh_CN")));
        QVERIFY(child<QLabel>(dialog, "languageNoteLabel")->isVisible());
        auto* poll = child<QSpinBox>(dialog, "pollIntervalSpin");
        QCOMPARE(poll->value(), 3);
        poll->selectAll();
        QTest::keyClicks(poll, QStringLiteral("10"));
        auto* startup = child<QComboBox>(dialog, "startupStoreCombo");
        startup->setCurrentIndex(1);
        dialog->accept();
    });
    action->trigger();
    QCOMPARE(QSettings().value(QString::fromLatin1(MainWindow::kLanguageSetting)).toString(), QStringLiteral("zh_CN"));
    QCOMPARE(QSettings().value(QString::fromLatin1(DesktopSettings::kPollKey)).toInt(), 10);
    QCOMPARE(DesktopSettings::load(QSettings()).startupStore, DesktopSettings::StartupStore::DefaultFile);
    QCOMPARE(watchInterval(), 10000); // live
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("starts again")));

    // "Never" stops looking; a cancelled dialog changes nothing.
    whenShown<SettingsDialog>([](SettingsDialog* dialog) {
        QCOMPARE(child<QComboBox>(dialog, "languageCombo")->currentData().toString(), QStringLiteral("zh_CN"));
        child<QSpinBox>(dialog, "pollIntervalSpin")->setValue(0);
        dialog->accept();
    });
    action->trigger();
    QCOMPARE(watchInterval(), 0);
    whenShown<SettingsDialog>([](SettingsDialog* dialog) {
        child<QSpinBox>(dialog, "pollIntervalSpin")->setValue(60);
        dialog->reject();
    });
    action->trigger();
    QCOMPARE(watchInterval(), 0);
    QCOMPARE(DesktopSettings::load(QSettings()).pollSeconds, 0);
    // The next store opened uses the setting too.
    QVERIFY(desktop.openStore(StoreChoice{m_storeB, {}, false}));
    QCOMPARE(watchInterval(), 0);
}

void TestStoreDialog::languageIsReadBeforeTheOptions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("language"); // null: not given
    const QString app = QStringLiteral("trackplan");
    QTest::newRow("none") << QStringList{app, QStringLiteral("--help")} << QString();
    QTest::newRow("separate") << QStringList{app, QStringLiteral("--lang"), QStringLiteral("zh_CN"),
                                             QStringLiteral("--help")}
                              << QStringLiteral("zh_CN");
    QTest::newRow("with =") << QStringList{app, QStringLiteral("--db"), QStringLiteral("x.sqlite"),
                                           QStringLiteral("--lang=en")}
                            << QStringLiteral("en");
    QTest::newRow("empty") << QStringList{app, QStringLiteral("--lang=")} << QStringLiteral("");
    QTest::newRow("value missing") << QStringList{app, QStringLiteral("--lang")} << QString();
    QTest::newRow("after --") << QStringList{app, QStringLiteral("--"), QStringLiteral("--lang=en")} << QString();
    QTest::newRow("other option") << QStringList{app, QStringLiteral("--language=en")} << QString();
}

void TestStoreDialog::languageIsReadBeforeTheOptions()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, language);
    const QString found = app::languageArgument(arguments);
    QCOMPARE(found, language);
    QCOMPARE(found.isNull(), language.isNull());
}

QTEST_MAIN(TestStoreDialog)
#include "tst_storedialog.moc"
