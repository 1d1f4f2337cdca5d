#include "redislogin.h"

#include "keychain.h"

#include <QCoreApplication>
#include <QSettings>

namespace tp::redislogin {
namespace {
constexpr int kMaxRecentUrls = 10;
}

QStringList recentUrls()
{
    return QSettings().value(QLatin1String(kRecentUrlsKey)).toStringList();
}

Result<RedisUrl> resolve(const QString& urlText, const QString& typed, const secrets::Keychain* keychain,
                         QString* keychainProblem)
{
    const QString text = urlText.trimmed();
    if (text.isEmpty()) {
        return makeError(Error::Code::Validation,
                         QCoreApplication::translate(
                             "tp::PublishDialog", "Enter the URL of the Redis server, e.g. redis://127.0.0.1:6379/0."));
    }
    auto url = RedisUrl::parse(text);
    if (!url) {
        return url.error();
    }
    if (!typed.isEmpty()) {
        url->password = typed;
    } else if (url->password.isEmpty() && keychain) {
        const secrets::Reply stored = keychain->read(url->displayString());
        if (stored.ok()) {
            url->password = stored.secret;
        } else if (stored.outcome == secrets::Reply::Outcome::Unavailable && keychainProblem) {
            *keychainProblem = stored.message;
        }
    }
    return url;
}

QString remember(const RedisUrl& url, bool passwordTyped, bool remember, const secrets::Keychain* keychain)
{
    const QString key = url.displayString(); // never with the password
    QSettings settings;
    QStringList recent = settings.value(QLatin1String(kRecentUrlsKey)).toStringList();
    recent.removeAll(key);
    recent.prepend(key);
    while (recent.size() > kMaxRecentUrls) {
        recent.removeLast();
    }
    settings.setValue(QLatin1String(kRecentUrlsKey), recent);
    if (!keychain || !passwordTyped || url.password.isEmpty()) {
        return {};
    }
    // Unchecking "remember" forgets a password kept before.
    const secrets::Reply reply = remember ? keychain->write(key, url.password) : keychain->remove(key);
    return reply.outcome == secrets::Reply::Outcome::Unavailable ? reply.message : QString();
}

} // namespace tp::redislogin
