#pragma once

#include "storecontext.h"

#include <optional>

namespace tp {

/// A user of the store and, on PostgreSQL, their database login.
struct UserAccount {
    User user;
    bool hasLogin = false;         ///< PostgreSQL: a login of that name exists
    std::optional<Role> loginRole; ///< PostgreSQL: the role the database gives the login
};

/// Users and roles (admins only). On PostgreSQL a user can be given a database login whose
/// trackplan_* role the database enforces; on SQLite the `users` table is all there is.
class AccessService {
public:
    explicit AccessService(StoreContext& ctx)
        : m_ctx(ctx)
    {
    }

    /// Adds a user with a role. On PostgreSQL with `login`, also creates the login (or takes an
    /// existing one) with `password` (empty: none; only its SCRAM verifier is sent) and makes
    /// `user.role` its one TrackPlan role.
    [[nodiscard]] Result<User> addUser(const User& user, bool login, const QString& password = {});
    /// Changes a user's role (and their login's, on PostgreSQL).
    [[nodiscard]] Result<User> setRole(const QString& name, Role role);
    [[nodiscard]] Result<QList<UserAccount>> accounts();

    /// The PostgreSQL SCRAM-SHA-256 verifier of a password (as `\password` in psql computes it),
    /// so that the password itself never reaches the server's statement log.
    [[nodiscard]] static QString scramVerifier(const QString& password, const QByteArray& salt = {},
                                               int iterations = 4096);

private:
    Status grantLogin(const QString& name, Role role, const QString& password);
    StoreContext& m_ctx;
};

} // namespace tp
