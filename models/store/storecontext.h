#pragma once

#include "access.h"
#include "database.h"
#include "types.h"

#include <QDateTime>
#include <QJsonObject>

#include <functional>
#include <optional>

namespace tp {

/// Who acts on a store, and where their role comes from.
struct Identity {
    enum class Source {
        Registered, ///< the actor's row in `users`
        Login,      ///< PostgreSQL: the login's membership in a trackplan_* role (or superuser)
        FileOwner,  ///< SQLite: an actor who is not a registered user owns the file: admin
        NoRole,     ///< PostgreSQL: a login without any TrackPlan role (reads nothing)
        Unchecked,  ///< a store opened raw (migration tests, diagnostics): nothing is checked
    };
    QString user;
    Role role = Role::Analyst;
    Source source = Source::Unchecked;
};

/// What every part of the store shares: the connection, the acting user and the clock.
/// Owned by Store; the services hold a reference.
struct StoreContext {
    Database* db = nullptr;
    QString actor;
    std::function<QDateTime()> clock;
    bool enforce = true; ///< false for stores opened raw

    /// The actor and their role (looked up once per actor; see docs/access.md).
    [[nodiscard]] Result<Identity> identity();
    /// Ok if the actor's role allows `permission`, else a Permission error saying who may not
    /// do what. Every mutating call of the store API starts with it.
    [[nodiscard]] Status require(Permission permission);
    void setActor(const QString& user)
    {
        actor = user;
        m_identity.reset();
    }
    /// Looks the actor's role up again (after users or roles changed).
    void forgetIdentity() { m_identity.reset(); }

    [[nodiscard]] QDateTime now() const { return clock ? clock() : QDateTime::currentDateTimeUtc(); }
    [[nodiscard]] QString nowText() const { return timeText(now()); }
    /// The one textual time format of the store (ISO-8601 UTC with milliseconds).
    [[nodiscard]] static QString timeText(const QDateTime& t)
    {
        return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
    }
    [[nodiscard]] static QDateTime parseTime(const QString& s)
    {
        return s.isEmpty() ? QDateTime() : QDateTime::fromString(s, Qt::ISODateWithMs).toUTC();
    }

    /// Appends one audit row; call inside the transaction of the change it records.
    [[nodiscard]] Status audit(const QString& action, const QString& entityType, const QString& entityKey,
                               const QString& appKey, const QJsonObject& details = {});

    /// Id of an app by key (cached), NotFound otherwise.
    [[nodiscard]] Result<qint64> appId(const QString& appKey);
    void forgetApps() { m_appIds.clear(); }

private:
    QHash<QString, qint64> m_appIds;
    std::optional<Identity> m_identity;
};

} // namespace tp
