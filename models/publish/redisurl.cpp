#include "redisurl.h"

#include "publishtext_p.h"

#include <QCoreApplication>
#include <QUrl>

namespace tp {
namespace {

Error invalid(const QString& why)
{
    return makeError(Error::Code::Validation, detail::RedisText::tr("Invalid Redis URL: %1").arg(why));
}

} // namespace

Result<RedisUrl> RedisUrl::parse(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    // Only the scheme and the shape are quoted back: the text may hold a password.
    if (url.scheme() == QLatin1String("rediss")) {
        return invalid(detail::RedisText::tr("TLS (rediss://) is not supported by this build; "
                                             "use redis:// through a TLS tunnel."));
    }
    if (!url.isValid() || url.scheme() != QLatin1String("redis")) {
        return invalid(detail::RedisText::tr(
            "expected redis://[user[:password]@]host[:port][/db], for example redis://127.0.0.1:6379/0"));
    }
    if (url.host().isEmpty()) {
        return invalid(detail::RedisText::tr("the host is missing."));
    }
    RedisUrl u;
    u.host = url.host();
    u.port = url.port(6379);
    u.user = url.userName(QUrl::FullyDecoded);
    u.password = url.password(QUrl::FullyDecoded);
    QString path = url.path();
    if (path.startsWith(QLatin1Char('/'))) {
        path = path.mid(1);
    }
    if (!path.isEmpty()) {
        bool ok = false;
        u.db = path.toInt(&ok);
        if (!ok || u.db < 0) {
            return invalid(detail::RedisText::tr("the database must be a number, not \"%1\".").arg(path));
        }
    }
    if (url.hasQuery() || url.hasFragment()) {
        return invalid(detail::RedisText::tr("options after '?' or '#' are not supported."));
    }
    return u;
}

QString RedisUrl::displayString() const
{
    QUrl url;
    url.setScheme(QStringLiteral("redis"));
    url.setUserName(user);
    url.setHost(host);
    url.setPort(port);
    url.setPath(QLatin1Char('/') + QString::number(db));
    return url.toString(QUrl::RemovePassword);
}

} // namespace tp
