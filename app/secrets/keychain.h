#pragma once

// Secrets (database and Redis passwords) in the system keychain through QtKeychain: the Secret
// Service (GNOME Keyring, KWallet) on Linux, the Keychain on macOS, the Credential Manager on
// Windows. Never a plain-text fallback: without a keychain a secret is simply not kept.

#include <QString>

namespace tp::secrets {

/// What became of a keychain request.
struct Reply {
    enum class Outcome {
        Done,        ///< stored, read or removed
        NotFound,    ///< nothing is stored under the key
        Unavailable, ///< no keychain service answered, or it refused: nothing was stored or read
    };
    Outcome outcome = Outcome::Unavailable;
    QString secret;  ///< what read() found
    QString message; ///< why, when Unavailable (the keychain's own words)

    [[nodiscard]] bool ok() const { return outcome == Outcome::Done; }
};

/// The entries of one service in the system keychain, each under a key such as the URL it
/// opens without its password ("postgresql://alice@db:5432/plan").
///
/// Requests wait for the answer (running a local event loop): they happen at moments the user
/// waits on anyway (opening a store, publishing) and take milliseconds, unless the keychain
/// asks the user to unlock it first, which is why the time limit is generous.
class Keychain {
public:
    /// `service` groups the entries ("TrackPlan"; tests use a service of their own).
    explicit Keychain(QString service = QStringLiteral("TrackPlan"));

    [[nodiscard]] QString service() const { return m_service; }
    /// Longest wait for one answer (default two minutes); Unavailable after it.
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

    [[nodiscard]] Reply read(const QString& key) const;
    Reply write(const QString& key, const QString& secret) const;
    /// Done also when nothing was stored.
    Reply remove(const QString& key) const;

private:
    QString m_service;
    int m_timeoutMs = 120000;
};

} // namespace tp::secrets
