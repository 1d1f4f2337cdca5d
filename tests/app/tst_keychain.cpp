// Store passwords in a real system keychain: a private D-Bus session bus and GNOME Keyring's
// Secret Service, started by the fixture, and a PostgreSQL server that wants a password. The
// keychain library alone, then the desktop app's way of opening a store: asking for the
// password, remembering it, finding it again at the next start, forgetting it, and libpq's
// PGPASSWORD and password file still working. Passwords never reach the settings file.

#include "desktop.h"
#include "keychain.h"
#include "mainwindow.h"
#include "passworddialog.h"
#include "recentstores.h"
#include "session.h"

#include "support/pgserver.h"
#include "support/serverprocess.h"

#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProcess>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>
#include <functional>

using namespace tp;

namespace {

/// A Secret Service of the test's own: dbus-daemon on a socket in a temporary folder (no
/// service activation) and gnome-keyring-daemon on it, its login keyring created and unlocked
/// with a throwaway password. Both die with the test process.
class SecretService {
public:
    ~SecretService()
    {
        for (QProcess* p : {&m_keyring, &m_bus}) {
            if (p->state() != QProcess::NotRunning) {
                p->terminate();
                if (!p->waitForFinished(3000)) {
                    p->kill();
                    p->waitForFinished(3000);
                }
            }
        }
    }

    /// Starts both and points this process's D-Bus session address at them.
    bool start(QString* error)
    {
        const QString bus = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
        const QString keyring = QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon"));
        if (bus.isEmpty() || keyring.isEmpty()) {
            *error = QStringLiteral("dbus-daemon or gnome-keyring-daemon not found: install the Debian packages "
                                    "dbus-daemon and gnome-keyring (scripts/dev.sh does)");
            return false;
        }
        const QString dir = m_dir.path();
        for (const char* sub : {"data", "run", "cache"}) {
            QDir(dir).mkpath(QString::fromLatin1(sub));
        }
        QFile::setPermissions(dir + QStringLiteral("/run"), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        const QString config = dir + QStringLiteral("/bus.conf");
        {
            QFile f(config);
            if (!f.open(QIODevice::WriteOnly)) {
                *error = QStringLiteral("cannot write %1").arg(config);
                return false;
            }
            f.write(QStringLiteral("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" "
                                   "\"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                                   "<busconfig><type>session</type><listen>unix:path=%1/bus</listen>"
                                   "<auth>EXTERNAL</auth><policy context=\"default\">"
                                   "<allow send_destination=\"*\" eavesdrop=\"true\"/><allow eavesdrop=\"true\"/>"
                                   "<allow own=\"*\"/></policy></busconfig>\n")
                        .arg(dir)
                        .toUtf8());
        }
        test::detail::setChildSetup(m_bus, SIGTERM);
        m_bus.start(bus,
                    {QStringLiteral("--config-file=") + config, QStringLiteral("--nofork"),
                     QStringLiteral("--print-address=1")});
        if (!m_bus.waitForStarted(5000) || !m_bus.waitForReadyRead(5000)) {
            *error =
                QStringLiteral("dbus-daemon did not start: %1").arg(QString::fromUtf8(m_bus.readAllStandardError()));
            return false;
        }
        const QByteArray address = m_bus.readLine().trimmed();
        qputenv("DBUS_SESSION_BUS_ADDRESS", address);

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QString::fromUtf8(address));
        env.insert(QStringLiteral("HOME"), dir);
        env.insert(QStringLiteral("XDG_DATA_HOME"), dir + QStringLiteral("/data"));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), dir + QStringLiteral("/cache"));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), dir + QStringLiteral("/run"));
        env.remove(QStringLiteral("DISPLAY"));
        m_keyring.setProcessEnvironment(env);
        m_keyring.setProcessChannelMode(QProcess::MergedChannels);
        test::detail::setChildSetup(m_keyring, SIGTERM);
        m_keyring.start(
            keyring,
            {QStringLiteral("--foreground"), QStringLiteral("--unlock"), QStringLiteral("--components=secrets")});
        if (!m_keyring.waitForStarted(5000)) {
            *error = QStringLiteral("gnome-keyring-daemon did not start");
            return false;
        }
        // The login keyring's own password, read from stdin up to its end.
        m_keyring.write("tp-test-keyring");
        m_keyring.closeWriteChannel();
        // Ready once it answers on the bus.
        const secrets::Keychain probe(QStringLiteral("TrackPlan-test-probe"));
        if (QTest::qWaitFor(
                [&probe] {
                    return probe.read(QStringLiteral("probe")).outcome != secrets::Reply::Outcome::Unavailable;
                },
                10000)) {
            return true;
        }
        *error = QStringLiteral("the Secret Service did not come up: %1").arg(QString::fromUtf8(m_keyring.readAll()));
        return false;
    }

private:
    QTemporaryDir m_dir;
    QProcess m_bus;
    QProcess m_keyring;
};

/// Runs `act` on the dialog of type T once it shows (modal dialogs run their own event loop).
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
        if (++*tries > 500) {
            timer->stop();
            timer->deleteLater();
        }
    });
    timer->start(10);
    return timer;
}

void stopWaiting(const QPointer<QTimer>& timer)
{
    if (timer) {
        timer->stop();
        timer->deleteLater();
    }
}

QString fileText(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

const QString kUser = QStringLiteral("tp_pw_user");
const QString kPassword = QStringLiteral("Kc-9!s3cret");

} // namespace

class TestKeychain : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void keepsReadsAndRemovesSecrets();
    void promptedPasswordIsRememberedAndFoundAtNextStart();
    void wrongRememberedPasswordIsAskedAgain();
    void uncheckedRememberForgetsThePassword();
    void libpqPasswordSourcesStillWork();

private:
    /// Opens `url` in a desktop started on the SQLite store; counts password prompts, each
    /// answered with `answer` (empty: cancelled).
    bool openCountingPrompts(app::Desktop& desktop, const QString& url, const QString& answer, int* prompts);
    [[nodiscard]] QString key() const { return m_url.toString(); }

    QTemporaryDir m_dir;
    SecretService m_service;
    test::PgServer m_pg;
    std::unique_ptr<secrets::Keychain> m_keychain;
    StoreUrl m_url; ///< the password-protected PostgreSQL store, without the password
    QString m_sqlite;
};

void TestKeychain::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("config")));
    QCoreApplication::setOrganizationName(QStringLiteral("TrackPlan"));
    QCoreApplication::setApplicationName(QStringLiteral("trackplan-keychain-test"));
    qunsetenv("PGPASSWORD");
    qputenv("PGPASSFILE", QFile::encodeName(m_dir.filePath(QStringLiteral("no-pgpass"))));
    QString error;
    QVERIFY2(m_service.start(&error), qPrintable(error));
    m_keychain = std::make_unique<secrets::Keychain>(QStringLiteral("TrackPlan-test"));
    m_keychain->setTimeout(10000);

    // A server that wants a password from one user (the others stay trusted). That user owns
    // the database and creates the store in it, so it needs CREATEROLE once (docs/access.md).
    QVERIFY2(m_pg.start(&error), qPrintable(error));
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("admin"));
        admin.setHostName(test::PgServer::host());
        admin.setPort(m_pg.port());
        admin.setUserName(QStringLiteral("postgres"));
        admin.setDatabaseName(QStringLiteral("postgres"));
        QVERIFY2(admin.open(), qPrintable(admin.lastError().text()));
        QSqlQuery q(admin);
        QVERIFY2(q.exec(QStringLiteral("CREATE ROLE %1 LOGIN CREATEROLE PASSWORD '%2'").arg(kUser, kPassword)),
                 qPrintable(q.lastError().text()));
        QVERIFY2(q.exec(QStringLiteral("CREATE DATABASE kc_store OWNER %1").arg(kUser)),
                 qPrintable(q.lastError().text()));
        QFile hba(m_pg.dataDir() + QStringLiteral("/pg_hba.conf"));
        QVERIFY(hba.open(QIODevice::ReadOnly));
        const QByteArray rules = hba.readAll();
        hba.close();
        QVERIFY(hba.open(QIODevice::WriteOnly | QIODevice::Truncate));
        hba.write(QStringLiteral("host all %1 127.0.0.1/32 scram-sha-256\n").arg(kUser).toUtf8() + rules);
        hba.close();
        QVERIFY2(q.exec(QStringLiteral("SELECT pg_reload_conf()")), qPrintable(q.lastError().text()));
        q.finish();
        admin.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("admin"));
    m_url = *StoreUrl::parse(m_pg.url(QStringLiteral("kc_store"), kUser));
    QVERIFY(m_url.password.isEmpty());
    // The server really wants it now.
    QTRY_VERIFY_WITH_TIMEOUT(!Store::open(m_url).ok(), 5000);
    StoreUrl withPassword = m_url;
    withPassword.password = kPassword;
    const auto opened = Store::open(withPassword);
    QVERIFY2(opened, qPrintable(opened.ok() ? QString() : opened.error().toString()));

    m_sqlite = m_dir.filePath(QStringLiteral("local.sqlite"));
}

void TestKeychain::init()
{
    QSettings().clear();
    m_keychain->remove(key());
}

void TestKeychain::keepsReadsAndRemovesSecrets()
{
    const QString k = QStringLiteral("redis://127.0.0.1:6379");
    QCOMPARE(m_keychain->read(k).outcome, secrets::Reply::Outcome::NotFound);
    QVERIFY(m_keychain->write(k, QStringLiteral("pass wörd 密码")).ok());
    const secrets::Reply read = m_keychain->read(k);
    QVERIFY2(read.ok(), qPrintable(read.message));
    QCOMPARE(read.secret, QStringLiteral("pass wörd 密码"));
    // Services keep their entries apart.
    QCOMPARE(secrets::Keychain(QStringLiteral("TrackPlan-test-other")).read(k).outcome,
             secrets::Reply::Outcome::NotFound);
    QVERIFY(m_keychain->write(k, QStringLiteral("second")).ok());
    QCOMPARE(m_keychain->read(k).secret, QStringLiteral("second"));
    QVERIFY(m_keychain->remove(k).ok());
    QCOMPARE(m_keychain->read(k).outcome, secrets::Reply::Outcome::NotFound);
    QVERIFY(m_keychain->remove(k).ok()); // nothing there: still done
}

bool TestKeychain::openCountingPrompts(app::Desktop& desktop, const QString& url, const QString& answer, int* prompts)
{
    const QPointer<QTimer> watch = whenShown<PasswordDialog>([answer, prompts](PasswordDialog* prompt) {
        ++*prompts;
        QVERIFY(prompt->findChild<QCheckBox*>(QStringLiteral("rememberPasswordCheck"))->isEnabled());
        if (answer.isEmpty()) {
            prompt->reject();
            return;
        }
        QTest::keyClicks(prompt->findChild<QLineEdit*>(QStringLiteral("passwordEdit")), answer);
        prompt->accept();
    });
    const bool ok = desktop.openStore(StoreChoice{url, {}, false});
    stopWaiting(watch);
    return ok;
}

void TestKeychain::promptedPasswordIsRememberedAndFoundAtNextStart()
{
    {
        app::Desktop desktop(*m_keychain);
        QVERIFY(desktop.start(m_sqlite, true));
        int prompts = 0;
        QVERIFY(openCountingPrompts(desktop, key(), kPassword, &prompts));
        QCOMPARE(prompts, 1);
        QVERIFY(desktop.keychainProblem().isEmpty());
        QVERIFY(!desktop.session()->window().findChild<QLabel*>(QStringLiteral("storeNoteLabel"))->isVisible());
        const secrets::Reply kept = m_keychain->read(key());
        QVERIFY2(kept.ok(), qPrintable(kept.message));
        QCOMPARE(kept.secret, kPassword);
        desktop.saveLayout();
    }
    QCOMPARE(recentStores(QSettings()).first(), key());
    QSettings().sync();
    QVERIFY(!fileText(QSettings().fileName()).isEmpty());
    QVERIFY(!fileText(QSettings().fileName()).contains(kPassword));

    // The next start, with the recent store: the keychain has the password, nobody is asked.
    app::Desktop next(*m_keychain);
    int prompts = 0;
    const QPointer<QTimer> watch = whenShown<PasswordDialog>([&prompts](PasswordDialog* prompt) {
        ++prompts;
        prompt->reject();
    });
    QVERIFY(next.start(recentStores(QSettings()).first(), false));
    stopWaiting(watch);
    QCOMPARE(prompts, 0);
    QVERIFY(next.session()->catalog().storeDisplayName().contains(QStringLiteral("kc_store")));
}

void TestKeychain::wrongRememberedPasswordIsAskedAgain()
{
    QVERIFY(m_keychain->write(key(), QStringLiteral("outdated")).ok());
    app::Desktop desktop(*m_keychain);
    QVERIFY(desktop.start(m_sqlite, true));
    int prompts = 0;
    QVERIFY(openCountingPrompts(desktop, key(), kPassword, &prompts));
    QCOMPARE(prompts, 1);
    QCOMPARE(m_keychain->read(key()).secret, kPassword); // the one that worked replaced it
}

void TestKeychain::uncheckedRememberForgetsThePassword()
{
    QVERIFY(m_keychain->write(key(), kPassword).ok());
    app::Desktop desktop(*m_keychain);
    QVERIFY(desktop.start(m_sqlite, true));
    // The store dialog's way: password typed, "remember" unchecked.
    QVERIFY(desktop.openStore(StoreChoice{key(), kPassword, false}));
    QCOMPARE(m_keychain->read(key()).outcome, secrets::Reply::Outcome::NotFound);
    // Typed and remembered.
    QVERIFY(desktop.openStore(StoreChoice{m_sqlite, {}, false}));
    QVERIFY(desktop.openStore(StoreChoice{key(), kPassword, true}));
    QCOMPARE(m_keychain->read(key()).secret, kPassword);
}

void TestKeychain::libpqPasswordSourcesStillWork()
{
    app::Desktop desktop(*m_keychain);
    QVERIFY(desktop.start(m_sqlite, true));
    int prompts = 0;
    // Nothing in the keychain, no PGPASSWORD: asked, and cancelling leaves the SQLite store.
    QVERIFY(!openCountingPrompts(desktop, key(), QString(), &prompts));
    QCOMPARE(prompts, 1);
    QVERIFY(desktop.session()->catalog().storeDisplayName().endsWith(QStringLiteral("local.sqlite")));

    qputenv("PGPASSWORD", kPassword.toUtf8());
    QVERIFY(openCountingPrompts(desktop, key(), QString(), &prompts));
    qunsetenv("PGPASSWORD");
    QCOMPARE(prompts, 1);

    const QString passFile = m_dir.filePath(QStringLiteral("pgpass"));
    {
        QFile f(passFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("%1:%2:kc_store:%3:%4\n")
                    .arg(test::PgServer::host())
                    .arg(m_pg.port())
                    .arg(kUser, kPassword)
                    .toUtf8());
    }
    QFile::setPermissions(passFile, QFile::ReadOwner | QFile::WriteOwner);
    qputenv("PGPASSFILE", QFile::encodeName(passFile));
    QVERIFY(desktop.openStore(StoreChoice{m_sqlite, {}, false}));
    QVERIFY(openCountingPrompts(desktop, key(), QString(), &prompts));
    qputenv("PGPASSFILE", QFile::encodeName(m_dir.filePath(QStringLiteral("no-pgpass"))));
    QCOMPARE(prompts, 1);
    // Neither went into the keychain: only what the user typed and asked to remember does.
    QCOMPARE(m_keychain->read(key()).outcome, secrets::Reply::Outcome::NotFound);
}

QTEST_MAIN(TestKeychain)
#include "tst_keychain.moc"
