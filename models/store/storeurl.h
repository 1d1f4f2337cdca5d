#pragma once

#include "error.h"

#include <QString>

namespace tp {

/// Where a store lives: a SQLite file path or a PostgreSQL URL
/// (postgresql://user[:password]@host[:port]/database).
struct StoreUrl {
    enum class Backend { Sqlite, Postgres };
    Backend backend = Backend::Sqlite;
    QString path;      ///< SQLite file
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;

    [[nodiscard]] static Result<StoreUrl> parse(const QString& text);
    /// For display and logs: never contains the password.
    [[nodiscard]] QString displayString() const;
    /// The URL that parse() reads back to this store, without the password: what may be kept
    /// in settings (recent stores) and names the password in the system keychain.
    [[nodiscard]] QString toString() const;
};

/// The default SQLite file in the user's data folder (created on demand by the store).
[[nodiscard]] QString defaultStorePath();

} // namespace tp
