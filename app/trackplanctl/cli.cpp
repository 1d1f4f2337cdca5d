#include "cli.h"

#include "store.h"
#include "storeurl.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

#include <cstdio>
#include <unistd.h>

namespace tp::cli {
namespace {


QString globalHelp()
{
    return Ctl::tr("Usage: trackplanctl [--db URL] [--json] COMMAND [ARGS…]\n"
              "\n"
              "Manage a TrackPlan tracking plan from the command line.\n"
              "\n"
              "Global options:\n"
              "  --db URL            the store: a SQLite file path or postgresql://user[:pass]@host:port/db\n"
              "                      (default: $TRACKPLAN_DB, else the file in your data folder)\n"
              "  --json              machine-readable output\n"
              "  --print-default-db  print the default SQLite store path and exit\n"
              "  -h, --help          this help; COMMAND --help for a command's help\n"
              "  --version           print the version\n"
              "\n"
              "Commands:\n"
              "  init                          create or upgrade the store schema\n"
              "  demo [--events N] [--seed S]  fill an empty store with the demo plan\n"
              "  export [-o FILE]              write the whole store as canonical JSON\n"
              "  import FILE                   load a native JSON export into an empty store\n"
              "  lint [--app KEY]              check the plan against the lint rules\n"
              "  diff --app KEY FROM TO        compare two versions (or \"current\")\n"
              "  app list                      list apps\n"
              "  demand list|show|submit|approve|reject|cancel|merge …\n"
              "  version list|create|assign|freeze|release …\n"
              "\n"
              "Exit codes: 0 ok, 1 findings or validation errors, 2 usage, 3 store or connection error.\n")
        + Ctl::tr("\n"
                  "Governance and access (docs/access.md):\n"
                  "  demand review|comment|sign-off|request-changes KEY …\n"
                  "                                review before merge\n"
                  "  governance levels|approve|reject|policy|rules|history|distribution …\n"
                  "                                level approvals, the policy, the approval rules\n"
                  "  admin add-user NAME --role ROLE [--password-stdin] | list-users | set-role NAME --role ROLE\n"
                  "                                users and roles (PostgreSQL: logins and grants)\n"
                  "  whoami                        the acting user and what their role may do\n"
                  "  audit [--since T] [--user U] [--entity TYPE] [--action PREFIX]\n"
                  "                                the audit log; exit code 4: permission denied\n")
        + Ctl::tr("\n"
                  "Redis (docs/redis-contract.md):\n"
                  "  publish --redis URL --app KEY [--version V …] [--dry-run]\n"
                  "                                publish the plan for the collection services\n"
                  "  rollback --redis URL --app KEY\n"
                  "                                restore the pointers of before the last publish\n")
        + Ctl::tr("\n"
                  "Validation and live QA:\n"
                  "  validate [--redis URL] --app KEY [--valid-out F] [--invalid-out F] [--metrics-out F] [FILE|-]\n"
                  "                                check NDJSON events against the plan (from --db or --redis)\n"
                  "  replay FILE --redis URL --app KEY --session S [--rate N]\n"
                  "                                append a capture to the QA stream tp:{app}:debug:{session}\n");
}

} // namespace

Cli::Cli() : out(stdout), err(stderr), m_tty(::isatty(STDERR_FILENO) != 0) {}

std::unique_ptr<Store> Cli::openStore()
{
    auto store = Store::open(dbUrl);
    if (!store) {
        fail(store.error());
        return nullptr;
    }
    return std::move(*store);
}

int Cli::fail(const Error& e)
{
    endProgress();
    int code = ExitFindings;
    switch (e.code) {
    case Error::Code::Connection:
    case Error::Code::Sql:
    case Error::Code::Io:
        code = ExitStore;
        break;
    case Error::Code::Permission:
        code = ExitPermission;
        break;
    default:
        break;
    }
    if (json) {
        QJsonObject o{{QStringLiteral("error"), e.message}, {QStringLiteral("exit_code"), code}};
        if (!e.file.isEmpty() || e.line > 0) {
            o.insert(QStringLiteral("file"), e.file);
            o.insert(QStringLiteral("line"), e.line);
            o.insert(QStringLiteral("column"), e.column);
        }
        printJson(o);
    }
    err << Ctl::tr("trackplanctl: %1").arg(e.toString()) << Qt::endl;
    return code;
}

int Cli::usage(const QString& message)
{
    err << Ctl::tr("trackplanctl: %1").arg(message) << Qt::endl << Ctl::tr("Try 'trackplanctl --help'.") << Qt::endl;
    return ExitUsage;
}

bool Cli::progress(int percent, const QString& stage)
{
    if (cancelled && cancelled->load()) {
        return false;
    }
    if (m_tty) {
        err << QStringLiteral("\r\x1b[K[%1%] %2").arg(percent, 3).arg(stage) << Qt::flush;
    } else if (percent / 10 != m_lastPercent / 10 || m_lastPercent < 0 || stage != m_lastStage) {
        err << QStringLiteral("[%1%] %2").arg(percent, 3).arg(stage) << Qt::endl;
    }
    m_lastPercent = percent;
    m_lastStage = stage;
    return true;
}

void Cli::endProgress()
{
    if (m_tty && m_lastPercent >= 0) {
        err << QStringLiteral("\r\x1b[K") << Qt::flush;
    }
    m_lastPercent = -1;
    m_lastStage.clear();
}

void Cli::printJson(const QJsonValue& v)
{
    const QByteArray text = v.isObject() ? QJsonDocument(v.toObject()).toJson(QJsonDocument::Indented)
                                         : QJsonDocument(v.toArray()).toJson(QJsonDocument::Indented);
    out << QString::fromUtf8(text) << Qt::flush;
}

int run(const QStringList& arguments, std::atomic<bool>* cancelled)
{
    Cli cli;
    cli.cancelled = cancelled;
    QString db = qEnvironmentVariable("TRACKPLAN_DB");
    int i = 0;
    for (; i < arguments.size(); ++i) {
        const QString& a = arguments.at(i);
        if (a == QLatin1String("--db")) {
            if (i + 1 >= arguments.size()) {
                return cli.usage(Ctl::tr("--db needs a URL."));
            }
            db = arguments.at(++i);
        } else if (a.startsWith(QLatin1String("--db="))) {
            db = a.mid(5);
        } else if (a == QLatin1String("--json")) {
            cli.json = true;
        } else if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            cli.out << globalHelp() << Qt::flush;
            return ExitOk;
        } else if (a == QLatin1String("--version")) {
            cli.out << QCoreApplication::applicationVersion() << Qt::endl;
            return ExitOk;
        } else if (a == QLatin1String("--print-default-db")) {
            cli.out << defaultStorePath() << Qt::endl;
            return ExitOk;
        } else if (a.startsWith(QLatin1Char('-'))) {
            return cli.usage(Ctl::tr("Unknown option %1.").arg(a));
        } else {
            break;
        }
    }
    if (i >= arguments.size()) {
        cli.err << globalHelp() << Qt::flush;
        return ExitUsage;
    }
    cli.dbUrl = db.isEmpty() ? defaultStorePath() : db;
    static const QMap<QString, Command> commands{
        {QStringLiteral("init"), cmdInit},       {QStringLiteral("demo"), cmdDemo},
        {QStringLiteral("export"), cmdExport},   {QStringLiteral("import"), cmdImport},
        {QStringLiteral("lint"), cmdLint},       {QStringLiteral("diff"), cmdDiff},
        {QStringLiteral("demand"), cmdDemand},   {QStringLiteral("version"), cmdVersion},
        {QStringLiteral("app"), cmdApp},         {QStringLiteral("publish"), cmdPublish},
        {QStringLiteral("rollback"), cmdRollback},   {QStringLiteral("validate"), cmdValidate},
        {QStringLiteral("replay"), cmdReplay},   {QStringLiteral("admin"), cmdAdmin},
        {QStringLiteral("whoami"), cmdWhoami},   {QStringLiteral("audit"), cmdAudit},
        {QStringLiteral("governance"), cmdGovernance},
    };
    const QStringList rest = arguments.mid(i);
    const auto it = commands.constFind(rest.first());
    if (it == commands.constEnd()) {
        return cli.usage(Ctl::tr("Unknown command \"%1\".").arg(rest.first()));
    }
    return (*it)(cli, rest);
}

} // namespace tp::cli
