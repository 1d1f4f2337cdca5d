#include "storeurl.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QUrl>

namespace tp {

Result<StoreUrl> StoreUrl::parse(const QString& text)
{
    StoreUrl u;
    if (text.startsWith(QLatin1String("postgresql://")) || text.startsWith(QLatin1String("postgres://"))) {
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()) {
            return makeError(Error::Code::Connection,
                             QCoreApplication::translate("tp::store", "Invalid PostgreSQL URL: %1")
                                 .arg(url.toString(QUrl::RemovePassword)));
        }
        u.backend = Backend::Postgres;
        u.host = url.host();
        u.port = url.port(5432);
        u.user = url.userName();
        u.password = url.password();
        u.database = url.path().mid(1);
        if (u.database.isEmpty()) {
            u.database = u.user.isEmpty() ? QStringLiteral("postgres") : u.user;
        }
        return u;
    }
    QString path = text;
    if (path.startsWith(QLatin1String("sqlite://"))) {
        path = QUrl(text).toLocalFile();
        if (path.isEmpty()) {
            path = text.mid(9);
        }
    }
    if (path.isEmpty()) {
        return makeError(Error::Code::Connection, QCoreApplication::translate("tp::store", "No store given."));
    }
    u.backend = Backend::Sqlite;
    u.path = QDir::cleanPath(QDir::current().absoluteFilePath(path));
    return u;
}

QString StoreUrl::displayString() const
{
    if (backend == Backend::Sqlite) {
        return path;
    }
    return QStringLiteral("postgresql://%1%2:%3/%4")
        .arg(user.isEmpty() ? QString() : user + QLatin1Char('@'), host)
        .arg(port)
        .arg(database);
}

QString StoreUrl::toString() const
{
    if (backend == Backend::Sqlite) {
        return path;
    }
    // QUrl encodes what needs it (an '@' in a user name, an IPv6 host) so that parse() reads
    // the same fields back; the port is always written, as displayString() does.
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(user);
    url.setHost(host);
    url.setPort(port);
    url.setPath(QLatin1Char('/') + database);
    return url.toString(QUrl::RemovePassword);
}

QString defaultStorePath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(QStringLiteral("trackplan.sqlite"));
}

} // namespace tp
