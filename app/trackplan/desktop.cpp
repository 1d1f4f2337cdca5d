#include "desktop.h"

#include "keychain.h"
#include "passworddialog.h"
#include "recentstores.h"
#include "session.h"

#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>

namespace tp::app {
namespace {

/// Whether asking for a password can help after PostgreSQL refused: always when none was
/// tried (libpq's "no password supplied"), else when the server's words are about it. libpq
/// translates its messages, hence the Chinese words too.
bool mayNeedPassword(const StoreUrl& tried, const Error& error)
{
    if (tried.password.isEmpty()) {
        return true;
    }
    const QString text = error.toString();
    for (const char* word : {"password", "authentication", "密码", "认证"}) {
        if (text.contains(QString::fromUtf8(word), Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

} // namespace

/// A store that opened, and how its password came about.
struct Desktop::Opened {
    std::unique_ptr<Store> store;
    StoreUrl url;          ///< with the password that worked
    bool typed = false;    ///< the user typed the password (store dialog or password prompt)
    bool remember = false; ///< and asked to keep it in the keychain
    QString keychainNote;  ///< the keychain failed on the way
};

Desktop::Desktop(secrets::Keychain& keychain, QObject* parent)
    : QObject(parent)
    , m_keychain(keychain)
{
}

Desktop::~Desktop() = default;

QWidget* Desktop::dialogParent() const
{
    return m_session ? &m_session->window() : nullptr;
}

bool Desktop::start(const QString& url, bool explicitlyChosen)
{
    if (openStore(StoreChoice{url, {}, false})) {
        return true;
    }
    const auto parsed = StoreUrl::parse(url);
    const QString fallback = defaultStorePath();
    if (explicitlyChosen || (parsed && parsed->toString() == fallback)) {
        return false;
    }
    return openStore(StoreChoice{fallback, {}, false});
}

bool Desktop::openStore(const StoreChoice& choice)
{
    const auto parsed = StoreUrl::parse(choice.url);
    if (parsed && m_session && choice.password.isEmpty() && parsed->toString() == m_session->store().url().toString()) {
        return true; // it is open already
    }
    Result<std::unique_ptr<Opened>> opened =
        parsed ? openWithPassword(*parsed, choice) : Result<std::unique_ptr<Opened>>(parsed.error());
    if (!opened) {
        const QString where = parsed ? parsed->displayString() : QString();
        QMessageBox::warning(dialogParent(), tr("TrackPlan"),
                             m_session
                                 ? tr("Cannot open the store %1. The store %2 stays open.\n\n%3")
                                       .arg(where, m_session->catalog().storeDisplayName(), opened.error().toString())
                                 : tr("Cannot open the store %1.\n\n%2").arg(where, opened.error().toString()));
        return false;
    }
    if (!*opened) {
        return false; // the user cancelled the password prompt
    }
    keepPassword(**opened);
    {
        QSettings settings;
        addRecentStore(settings, (*opened)->url);
    }
    show(std::move(*opened));
    return true;
}

Result<std::unique_ptr<Desktop::Opened>> Desktop::openWithPassword(StoreUrl url, const StoreChoice& choice)
{
    auto opened = std::make_unique<Opened>();
    const bool postgres = url.backend == StoreUrl::Backend::Postgres;
    const QString key = url.toString();
    if (postgres && !choice.password.isEmpty()) {
        url.password = choice.password;
        opened->typed = true;
        opened->remember = choice.rememberPassword;
    } else if (postgres && url.password.isEmpty()) {
        const secrets::Reply stored = m_keychain.read(key);
        if (stored.ok()) {
            url.password = stored.secret;
        } else if (stored.outcome == secrets::Reply::Outcome::Unavailable) {
            m_keychainProblem = stored.message;
        }
    }
    auto store = Store::open(url);
    // PostgreSQL may want a password we do not have, or not the one we had.
    while (!store && postgres && mayNeedPassword(url, store.error())) {
        PasswordDialog prompt(url.displayString(), store.error().toString(), dialogParent());
        prompt.setKeychainProblem(m_keychainProblem);
        if (prompt.exec() != QDialog::Accepted) {
            return std::unique_ptr<Opened>();
        }
        url.password = prompt.password();
        opened->typed = true;
        opened->remember = prompt.rememberPassword();
        store = Store::open(url);
    }
    if (!store) {
        return store.error();
    }
    opened->store = std::move(*store);
    opened->url = url;
    return opened;
}

void Desktop::keepPassword(const Opened& opened)
{
    if (!opened.typed || opened.url.password.isEmpty()) {
        return;
    }
    const QString key = opened.url.toString();
    // Unchecking "remember" forgets a password kept before.
    const secrets::Reply reply = opened.remember ? m_keychain.write(key, opened.url.password) : m_keychain.remove(key);
    if (reply.outcome == secrets::Reply::Outcome::Unavailable) {
        m_keychainProblem = reply.message;
    } else if (reply.ok() && opened.remember) {
        m_keychainProblem.clear();
    }
}

void Desktop::show(std::unique_ptr<Opened> opened)
{
    const bool wanted = opened->typed && opened->remember;
    const bool kept = wanted && m_keychainProblem.isEmpty();
    auto session = std::make_unique<Session>(std::move(opened->store), opened->url, DesktopSettings::load(QSettings()));
    MainWindow& window = session->window();
    {
        QSettings settings;
        if (m_session) {
            m_session->window().saveLayout(settings);
        }
        window.restoreLayout(settings);
    }
    if (m_session) {
        // Exactly where the old window is (restoreGeometry() goes through the window frame,
        // which some window managers shift by its decoration).
        const MainWindow& old = m_session->window();
        window.setWindowState(old.windowState());
        if (!(old.windowState() & (Qt::WindowMaximized | Qt::WindowFullScreen))) {
            window.setGeometry(old.geometry());
        }
    }
    window.setKeychainProblem(m_keychainProblem);
    window.setPublishing(&session->publishService(), &m_keychain);
    window.setLiveQa(&session->qaService());
    if (wanted && !kept) {
        window.setStoreNote(tr("Password not remembered"),
                            tr("The password was not remembered; the system keychain said: %1. "
                               "TrackPlan asks for it again next time.")
                                .arg(m_keychainProblem));
    }
    QObject::connect(&window, &MainWindow::openStoreRequested, this, &Desktop::openStore);
    window.show();
    // Load after the window is up so that a large plan shows a busy cursor, not nothing.
    QTimer::singleShot(0, &window, &MainWindow::reload);
    if (m_session) {
        // The request may come from the old window itself: it goes when control returns
        // to the event loop, after the new one is shown (so the app never has no window).
        m_session->window().hide();
        m_session.release()->deleteLater();
    }
    m_session = std::move(session);
    Q_EMIT storeOpened(m_session->catalog().storeDisplayName());
}

void Desktop::saveLayout() const
{
    if (m_session) {
        QSettings settings;
        m_session->window().saveLayout(settings);
    }
}

} // namespace tp::app
