#include "accessservice.h"

#include "entityjson.h"
#include "enums.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

namespace tp {
namespace {

QByteArray hmacSha256(const QByteArray& key, const QByteArray& data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.constData(), int(key.size()), reinterpret_cast<const unsigned char*>(data.constData()),
         std::size_t(data.size()), out, &len);
    return QByteArray(reinterpret_cast<const char*>(out), int(len));
}

} // namespace

QString AccessService::scramVerifier(const QString& password, const QByteArray& saltIn, int iterations)
{
    QByteArray salt = saltIn;
    if (salt.isEmpty()) {
        salt.resize(16);
        QRandomGenerator::system()->generate(salt.begin(), salt.end());
    }
    const QByteArray pw = password.toUtf8();
    QByteArray salted(SHA256_DIGEST_LENGTH, Qt::Uninitialized);
    PKCS5_PBKDF2_HMAC(pw.constData(), int(pw.size()), reinterpret_cast<const unsigned char*>(salt.constData()),
                      int(salt.size()), iterations, EVP_sha256(), int(salted.size()),
                      reinterpret_cast<unsigned char*>(salted.data()));
    const QByteArray clientKey = hmacSha256(salted, QByteArrayLiteral("Client Key"));
    QByteArray storedKey(SHA256_DIGEST_LENGTH, Qt::Uninitialized);
    SHA256(reinterpret_cast<const unsigned char*>(clientKey.constData()), std::size_t(clientKey.size()),
           reinterpret_cast<unsigned char*>(storedKey.data()));
    const QByteArray serverKey = hmacSha256(salted, QByteArrayLiteral("Server Key"));
    return QStringLiteral("SCRAM-SHA-256$%1:%2$%3:%4")
        .arg(iterations)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(storedKey.toBase64()),
             QString::fromLatin1(serverKey.toBase64()));
}

Status AccessService::grantLogin(const QString& name, Role role, const QString& password)
{
    auto r = m_ctx.db->run(QStringLiteral("SELECT tp_grant_login(?, ?, ?)"),
                           {name, toString(role), password.isEmpty() ? QString() : scramVerifier(password)});
    if (!r) {
        return r.error();
    }
    (*r)->finish();
    return Ok{};
}

Result<User> AccessService::addUser(const User& user, bool login, const QString& password)
{
    if (auto allowed = m_ctx.require(Permission::ManageUsers); !allowed) {
        return allowed.error();
    }
    // Login names are also PostgreSQL role names: keep them plain.
    static const QRegularExpression namePattern(QStringLiteral("^[a-z_][a-z0-9_.-]{0,62}$"));
    if (!namePattern.match(user.name).hasMatch()) {
        return makeError(Error::Code::Validation,
                         QCoreApplication::translate(
                             "tp::store",
                             "User name \"%1\" must start with a lower-case letter or '_' and hold only lower-case "
                             "letters, digits, '_', '.' or '-' (at most 63).")
                             .arg(user.name));
    }
    if ((login || !password.isEmpty()) && !m_ctx.db->isPostgres()) {
        return makeError(Error::Code::Validation,
                         QCoreApplication::translate(
                             "tp::store",
                             "Logins and passwords exist only on a PostgreSQL store; a SQLite store has one user "
                             "at a time."));
    }
    return m_ctx.db->transact<User>([&]() -> Result<User> {
        auto n = m_ctx.db->change(
            QStringLiteral("INSERT INTO users (name, display_name, role, row_version) VALUES (?, ?, ?, 1)"),
            {user.name, user.displayName, toString(user.role)});
        if (!n) {
            if (n.error().code == Error::Code::Conflict) {
                return makeError(
                    Error::Code::Conflict,
                    QCoreApplication::translate("tp::store", "A user named \"%1\" exists already.").arg(user.name));
            }
            return n.error();
        }
        if (login) {
            if (auto s = grantLogin(user.name, user.role, password); !s) {
                return s.error();
            }
        }
        QJsonObject details = toJson(user);
        details.insert(QStringLiteral("login"), login);
        if (auto s = m_ctx.audit(QStringLiteral("user.create"), QStringLiteral("user"), user.name, {}, details); !s) {
            return s.error();
        }
        m_ctx.forgetIdentity();
        User out = user;
        out.rowVersion = 1;
        return out;
    });
}

Result<User> AccessService::setRole(const QString& name, Role role)
{
    if (auto allowed = m_ctx.require(Permission::ManageUsers); !allowed) {
        return allowed.error();
    }
    return m_ctx.db->transact<User>([&]() -> Result<User> {
        auto q =
            m_ctx.db->run(QStringLiteral("SELECT display_name, role, row_version FROM users WHERE name = ?"), {name});
        if (!q) {
            return q.error();
        }
        if (!(*q)->next()) {
            return makeError(Error::Code::NotFound,
                             QCoreApplication::translate("tp::store", "No user \"%1\".").arg(name));
        }
        User u{name, (*q)->value(0).toString(), fromString<Role>((*q)->value(1).toString()).value_or(Role::Analyst),
               (*q)->value(2).toLongLong()};
        (*q)->finish();
        const Role before = u.role;
        auto n =
            m_ctx.db->change(QStringLiteral("UPDATE users SET role = ?, row_version = row_version + 1 WHERE name = ?"),
                             {toString(role), name});
        if (!n) {
            return n.error();
        }
        bool login = false;
        if (m_ctx.db->isPostgres()) {
            auto exists = m_ctx.db->scalar(QStringLiteral("SELECT COUNT(*) FROM pg_roles WHERE rolname = ?"), {name});
            if (!exists) {
                return exists.error();
            }
            login = exists->toInt() > 0;
            if (login) {
                if (auto s = grantLogin(name, role, {}); !s) {
                    return s.error();
                }
            }
        }
        if (auto s = m_ctx.audit(QStringLiteral("user.set_role"), QStringLiteral("user"), name, {},
                                 {{QStringLiteral("from"), toString(before)},
                                  {QStringLiteral("to"), toString(role)},
                                  {QStringLiteral("login"), login}});
            !s) {
            return s.error();
        }
        m_ctx.forgetIdentity();
        u.role = role;
        ++u.rowVersion;
        return u;
    });
}

Result<QList<UserAccount>> AccessService::accounts()
{
    const QString sql = m_ctx.db->isPostgres()
        ? QStringLiteral("SELECT u.name, u.display_name, u.role, u.row_version, "
                         "(SELECT COUNT(*) FROM pg_roles r WHERE r.rolname = u.name AND "
                         "r.rolcanlogin), COALESCE(tp_role_of(u.name), '') FROM users u "
                         "ORDER BY u.name")
        : QStringLiteral("SELECT name, display_name, role, row_version, 0, '' FROM users "
                         "ORDER BY name");
    auto q = m_ctx.db->run(sql);
    if (!q) {
        return q.error();
    }
    QList<UserAccount> out;
    while ((*q)->next()) {
        const QSqlQuery& r = **q;
        UserAccount a;
        a.user = User{r.value(0).toString(), r.value(1).toString(),
                      fromString<Role>(r.value(2).toString()).value_or(Role::Analyst), r.value(3).toLongLong()};
        a.hasLogin = r.value(4).toInt() > 0;
        a.loginRole = fromString<Role>(r.value(5).toString());
        out.append(a);
    }
    (*q)->finish();
    return out;
}

} // namespace tp
