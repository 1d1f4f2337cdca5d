#pragma once

// The Redis connection as the desktop asks for it (Publish dialog, QA page): a URL from the
// recent list kept in the settings (never with a password) and a password typed, inside the
// URL, or kept in the system keychain under the URL's display string.

#include "error.h"
#include "redisurl.h"

#include <QStringList>

namespace tp {

namespace secrets {
class Keychain;
}

namespace redislogin {

/// QSettings key of the recent Redis URLs (never with a password), most recent first.
inline constexpr const char* kRecentUrlsKey = "publish/recentRedisUrls";

[[nodiscard]] QStringList recentUrls();

/// The URL of `urlText` with its password: `typed` if not empty, else the one in the URL, else
/// the keychain's (if any). When the keychain cannot be used, *keychainProblem says why.
[[nodiscard]] Result<RedisUrl> resolve(const QString& urlText, const QString& typed, const secrets::Keychain* keychain,
                                       QString* keychainProblem);

/// After a connection worked: puts the URL first in the recent list and, for a typed password,
/// stores it in the keychain (`remember`) or forgets one kept before. Returns the keychain's
/// problem, empty if none.
[[nodiscard]] QString remember(const RedisUrl& url, bool passwordTyped, bool remember,
                               const secrets::Keychain* keychain);

} // namespace redislogin
} // namespace tp
