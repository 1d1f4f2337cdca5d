#pragma once

#include "error.h"
#include "storedialog.h"
#include "storeurl.h"

#include <QObject>

#include <memory>

namespace tp {
class Store;
namespace secrets {
class Keychain;
}
} // namespace tp

namespace tp::app {

class Session;

/// The running desktop app: the session of the open store, and switching to another store
/// without a restart. It is where a store's password is looked up in and written to the
/// system keychain, asked for when needed, and where recent stores are recorded (without
/// passwords). File → Open store… and File → Recent stores end in openStore().
class Desktop : public QObject {
    Q_OBJECT
public:
    /// The keychain must outlive the desktop.
    explicit Desktop(secrets::Keychain& keychain, QObject* parent = nullptr);
    ~Desktop() override;

    /// Opens the first store. When it was not chosen explicitly (--db, $TRACKPLAN_DB) but came
    /// from the settings and fails, the default file is opened instead. False if no store could
    /// be opened; the user has been told why.
    bool start(const QString& url, bool explicitlyChosen);
    /// Opens a store and shows it in place of the current one, whose layout is saved first. On
    /// failure the current store stays open and the user is told why.
    bool openStore(const tp::StoreChoice& choice);

    /// The open store's session; null before start() succeeded.
    [[nodiscard]] Session* session() const { return m_session.get(); }
    /// Why passwords cannot be remembered, once a keychain request failed; empty otherwise.
    [[nodiscard]] QString keychainProblem() const { return m_keychainProblem; }
    /// Saves the current window's layout (at quit).
    void saveLayout() const;

Q_SIGNALS:
    /// A store is open and shown (by start() or a switch).
    void storeOpened(const QString& displayName);

private:
    struct Opened;
    /// Opens `url`: the password from the choice, else the keychain, else libpq's own
    /// (~/.pgpass, PGPASSWORD); asks for one when PostgreSQL refuses. Null result: cancelled.
    [[nodiscard]] Result<std::unique_ptr<Opened>> openWithPassword(StoreUrl url, const StoreChoice& choice);
    void keepPassword(const Opened& opened);
    void show(std::unique_ptr<Opened> opened);
    [[nodiscard]] QWidget* dialogParent() const;

    secrets::Keychain& m_keychain;
    std::unique_ptr<Session> m_session;
    QString m_keychainProblem;
};

} // namespace tp::app
