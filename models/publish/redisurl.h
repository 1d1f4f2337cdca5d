#pragma once

#include "error.h"

#include <QString>

namespace tp {

/// Where a Redis server lives: redis://[user[:password]@]host[:port][/db]. A password alone is
/// written redis://:password@host (AUTH password); with a user name it is an ACL login
/// (AUTH user password; a user without a password for an ACL user marked nopass). User and
/// password may be percent-encoded.
struct RedisUrl {
    QString host = QStringLiteral("127.0.0.1");
    int port = 6379;
    QString user;
    QString password;
    int db = 0;

    /// Validation error (never quoting the password) for anything that is not such a URL.
    [[nodiscard]] static Result<RedisUrl> parse(const QString& text);
    /// For messages and logs: redis://user@host:port/db, never the password.
    [[nodiscard]] QString displayString() const;
};

} // namespace tp
