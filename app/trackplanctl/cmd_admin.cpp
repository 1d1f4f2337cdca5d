// admin add-user|list-users|set-role, whoami, audit
#include "cli.h"
#include "cmdutil.h"

#include "access.h"
#include "enums.h"
#include "store.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace tp::cli {
namespace {

QString sourceText(Identity::Source s)
{
    switch (s) {
    case Identity::Source::Registered:
        return QStringLiteral("registered");
    case Identity::Source::Login:
        return QStringLiteral("login");
    case Identity::Source::FileOwner:
        return QStringLiteral("file_owner");
    case Identity::Source::NoRole:
        return QStringLiteral("no_role");
    case Identity::Source::Unchecked:
        return QStringLiteral("unchecked");
    }
    return {};
}

std::optional<Role> parseRole(Cli& cli, const QString& text, int& code)
{
    const auto role = fromString<Role>(text);
    if (!role) {
        code = cli.usage(
            Ctl::tr("Unknown role \"%1\"; use one of %2.").arg(text, allSpellings<Role>().join(QStringLiteral(", "))));
    }
    return role;
}

/// The password on standard input (first line, without its line end). Never echoed or logged.
QString readPassword()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly)) {
        return {};
    }
    QByteArray line = in.readLine();
    while (line.endsWith('\n') || line.endsWith('\r')) {
        line.chop(1);
    }
    return QString::fromUtf8(line);
}

QJsonObject accountJson(const UserAccount& a)
{
    QJsonObject o{{QStringLiteral("name"), a.user.name},
                  {QStringLiteral("display_name"), a.user.displayName},
                  {QStringLiteral("role"), toString(a.user.role)},
                  {QStringLiteral("login"), a.hasLogin}};
    if (a.loginRole) {
        o.insert(QStringLiteral("login_role"), toString(*a.loginRole));
    }
    return o;
}

} // namespace

int cmdAdmin(Cli& cli, const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("ACTION"),
                            Ctl::tr("add-user NAME --role ROLE | list-users | set-role NAME --role ROLE"));
    p.addOption({QStringLiteral("role"), Ctl::tr("The role: %1.").arg(allSpellings<Role>().join(QStringLiteral(", "))),
                 QStringLiteral("ROLE")});
    p.addOption({QStringLiteral("display-name"), Ctl::tr("add-user: the name people read."), QStringLiteral("TEXT")});
    p.addOption({QStringLiteral("password-stdin"),
                 Ctl::tr("add-user: read the login's password from standard input (PostgreSQL).")});
    p.addOption(
        {QStringLiteral("no-login"), Ctl::tr("add-user: register the user without a database login (PostgreSQL).")});
    int code = 0;
    if (!parseCommand(cli, p, args, Ctl::tr("Users and roles (admins only)."), code)) {
        return code;
    }
    const QStringList pos = p.positionalArguments();
    const QString action = pos.value(0);
    if (action == QLatin1String("list-users")) {
        if (pos.size() != 1) {
            return cli.usage(Ctl::tr("admin list-users takes no arguments."));
        }
    } else if (action == QLatin1String("add-user") || action == QLatin1String("set-role")) {
        if (pos.size() != 2) {
            return cli.usage(Ctl::tr("admin %1 needs exactly one user NAME.").arg(action));
        }
        if (!p.isSet(QStringLiteral("role"))) {
            return cli.usage(Ctl::tr("admin %1 needs --role.").arg(action));
        }
    } else {
        return cli.usage(Ctl::tr("admin needs an action: add-user, list-users or set-role."));
    }
    std::optional<Role> role;
    if (p.isSet(QStringLiteral("role"))) {
        role = parseRole(cli, p.value(QStringLiteral("role")), code);
        if (!role) {
            return code;
        }
    }
    auto store = cli.openStore();
    if (!store) {
        return ExitStore;
    }
    if (action == QLatin1String("list-users")) {
        auto accounts = store->access().accounts();
        if (!accounts) {
            return cli.fail(accounts.error());
        }
        QJsonArray arr;
        for (const UserAccount& a : std::as_const(*accounts)) {
            if (cli.json) {
                arr.append(accountJson(a));
                continue;
            }
            QString login;
            if (store->db().isPostgres()) {
                login = !a.hasLogin ? Ctl::tr("no login")
                                    : (a.loginRole ? Ctl::tr("login: %1").arg(toString(*a.loginRole))
                                                   : Ctl::tr("login without TrackPlan role"));
            }
            cli.out
                << QStringLiteral("%1\t%2\t%3\t%4").arg(a.user.name, toString(a.user.role), a.user.displayName, login)
                << Qt::endl;
        }
        if (cli.json) {
            cli.printJson(arr);
        }
        return ExitOk;
    }
    const QString name = pos.at(1);
    Result<User> r = makeError(Error::Code::Validation, QString());
    if (action == QLatin1String("add-user")) {
        const bool pg = store->db().isPostgres();
        if (p.isSet(QStringLiteral("password-stdin")) && (!pg || p.isSet(QStringLiteral("no-login")))) {
            return cli.usage(Ctl::tr("--password-stdin sets a PostgreSQL login's password; this store has no logins."));
        }
        const QString password = p.isSet(QStringLiteral("password-stdin")) ? readPassword() : QString();
        if (p.isSet(QStringLiteral("password-stdin")) && password.isEmpty()) {
            return cli.usage(Ctl::tr("No password on standard input."));
        }
        r = store->access().addUser(User{name, p.value(QStringLiteral("display-name")), *role, 0},
                                    pg && !p.isSet(QStringLiteral("no-login")), password);
    } else {
        r = store->access().setRole(name, *role);
    }
    if (!r) {
        return cli.fail(r.error());
    }
    if (cli.json) {
        cli.printJson(QJsonObject{{QStringLiteral("name"), r->name}, {QStringLiteral("role"), toString(r->role)}});
    } else if (action == QLatin1String("add-user")) {
        cli.out << Ctl::tr("Added %1 as %2.").arg(name, toString(r->role)) << Qt::endl;
    } else {
        cli.out << Ctl::tr("%1 is now %2.").arg(name, toString(r->role)) << Qt::endl;
    }
    return ExitOk;
}

int cmdWhoami(Cli& cli, const QStringList& args)
{
    QCommandLineParser p;
    int code = 0;
    if (!parseCommand(cli, p, args, Ctl::tr("The acting user of the store and their role."), code)) {
        return code;
    }
    auto store = cli.openStore();
    if (!store) {
        return ExitStore;
    }
    auto id = store->identity();
    if (!id) {
        return cli.fail(id.error());
    }
    QJsonArray may;
    QStringList mayText;
    for (Permission perm : allPermissions()) {
        if (id->source != Identity::Source::NoRole && roleMay(id->role, perm)) {
            may.append(toString(perm));
            mayText << toString(perm);
        }
    }
    if (cli.json) {
        cli.printJson(QJsonObject{
            {QStringLiteral("user"), id->user},
            {QStringLiteral("role"), id->source == Identity::Source::NoRole ? QString() : toString(id->role)},
            {QStringLiteral("source"), sourceText(id->source)},
            {QStringLiteral("may"), may}});
        return ExitOk;
    }
    QString how;
    switch (id->source) {
    case Identity::Source::Registered:
        how = Ctl::tr("registered user");
        break;
    case Identity::Source::Login:
        how = Ctl::tr("database login");
        break;
    case Identity::Source::FileOwner:
        how = Ctl::tr("not a registered user: the owner of this file");
        break;
    case Identity::Source::NoRole:
        how = Ctl::tr("database login without a TrackPlan role");
        break;
    case Identity::Source::Unchecked:
        break;
    }
    cli.out << Ctl::tr("%1 — %2 (%3)").arg(id->user, roleLabel(id->role), how) << Qt::endl
            << Ctl::tr("may: %1").arg(mayText.join(QStringLiteral(", "))) << Qt::endl;
    return ExitOk;
}

int cmdAudit(Cli& cli, const QStringList& args)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("since"),
                 Ctl::tr("Only entries at or after this time (ISO 8601, e.g. 2026-11-01 or "
                         "2026-11-01T08:00:00Z)."),
                 QStringLiteral("T")});
    p.addOption({QStringLiteral("until"), Ctl::tr("Only entries before this time."), QStringLiteral("T")});
    p.addOption({QStringLiteral("user"), Ctl::tr("Only what this user did."), QStringLiteral("U")});
    p.addOption({QStringLiteral("entity"), Ctl::tr("Only this entity type (demand, change, version, policy, user …)."),
                 QStringLiteral("TYPE")});
    p.addOption({QStringLiteral("action"), Ctl::tr("Only actions starting with this (e.g. demand. or level.)."),
                 QStringLiteral("PREFIX")});
    p.addOption({QStringLiteral("limit"), Ctl::tr("At most the N newest entries."), QStringLiteral("N")});
    int code = 0;
    if (!parseCommand(cli, p, args, Ctl::tr("The audit log: who changed what, when."), code)) {
        return code;
    }
    AuditFilter filter;
    auto parseTime = [&](const QString& option, QDateTime& into) -> bool {
        if (!p.isSet(option)) {
            return true;
        }
        const QString text = p.value(option);
        QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!t.isValid()) {
            const QDate d = QDate::fromString(text, Qt::ISODate);
            t = d.isValid() ? QDateTime(d, QTime(0, 0), Qt::UTC) : QDateTime();
        }
        if (!t.isValid()) {
            code = cli.usage(
                Ctl::tr("--%1: \"%2\" is not a time; use e.g. 2026-11-01 or 2026-11-01T08:00:00Z.").arg(option, text));
            return false;
        }
        into = t.toUTC();
        return true;
    };
    if (!parseTime(QStringLiteral("since"), filter.since) || !parseTime(QStringLiteral("until"), filter.until)) {
        return code;
    }
    filter.actor = p.value(QStringLiteral("user"));
    filter.entityType = p.value(QStringLiteral("entity"));
    filter.action = p.value(QStringLiteral("action"));
    if (p.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        filter.limit = p.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || filter.limit <= 0) {
            return cli.usage(Ctl::tr("--limit needs a positive number."));
        }
    }
    auto store = cli.openStore();
    if (!store) {
        return ExitStore;
    }
    // The store filters the time range too: the newest N before --until, not of all.
    auto entries = store->audit(filter);
    if (!entries) {
        return cli.fail(entries.error());
    }
    QJsonArray arr;
    for (const AuditEntry& e : std::as_const(*entries)) {
        const QString details = QString::fromUtf8(QJsonDocument(e.details).toJson(QJsonDocument::Compact));
        if (cli.json) {
            arr.append(QJsonObject{{QStringLiteral("seq"), e.seq},
                                   {QStringLiteral("at"), e.at.toString(Qt::ISODateWithMs)},
                                   {QStringLiteral("user"), e.actor},
                                   {QStringLiteral("action"), e.action},
                                   {QStringLiteral("entity_type"), e.entityType},
                                   {QStringLiteral("entity_key"), e.entityKey},
                                   {QStringLiteral("app"), e.appKey},
                                   {QStringLiteral("details"), e.details}});
            continue;
        }
        cli.out << QStringLiteral("%1\t%2\t%3\t%4 %5\t%6\t%7")
                       .arg(e.at.toString(Qt::ISODateWithMs), e.actor, e.action, e.entityType, e.entityKey, e.appKey,
                            details)
                << Qt::endl;
    }
    if (cli.json) {
        cli.printJson(arr);
    }
    return ExitOk;
}

} // namespace tp::cli
