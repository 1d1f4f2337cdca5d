// publish, rollback: the plan's metadata in Redis (docs/redis-contract.md).
#include "cli.h"
#include "cmdutil.h"

#include "publisher.h"
#include "redisclient.h"
#include "store.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>

namespace tp::cli {

std::unique_ptr<RedisClient> connectRedis(Cli& cli, const QString& text, int& exitCode)
{
    auto url = RedisUrl::parse(text);
    if (!url) {
        exitCode = cli.usage(url.error().message);
        return nullptr;
    }
    (void)cli.progress(0, Ctl::tr("Connecting to %1").arg(url->displayString()));
    RedisClient::Options options;
    options.cancelled = cli.cancelled; // Ctrl+C ends a wait on a server that does not answer
    auto client = RedisClient::connect(*url, options);
    if (!client) {
        exitCode = cli.fail(client.error());
        return nullptr;
    }
    return std::move(*client);
}

namespace {

/// The command line of publish and rollback: parses it (with --redis, --app, --dry-run added to
/// `p`) and connects to Redis. Null with `code` set when the command should stop there.
std::unique_ptr<RedisClient> parseAndConnect(Cli& cli, QCommandLineParser& p, const QStringList& args,
                                             const QString& description, int& code)
{
    p.addOption({QStringLiteral("redis"),
                 Ctl::tr("The Redis server: redis://[user[:password]@]host[:port][/db] (default: $TRACKPLAN_REDIS)."),
                 QStringLiteral("URL")});
    p.addOption({QStringLiteral("app"), Ctl::tr("The app (required)."), QStringLiteral("KEY")});
    p.addOption(
        {QStringLiteral("dry-run"), Ctl::tr("Only list the keys that would be added or changed; write nothing.")});
    if (!parseCommand(cli, p, args, description, code)) {
        return nullptr;
    }
    // $TRACKPLAN_REDIS keeps a password off the command line (and out of `ps`).
    const QString text =
        p.isSet(QStringLiteral("redis")) ? p.value(QStringLiteral("redis")) : qEnvironmentVariable("TRACKPLAN_REDIS");
    if (p.value(QStringLiteral("app")).isEmpty() || text.isEmpty()) {
        code = cli.usage(Ctl::tr("%1 needs --app KEY and --redis URL (or $TRACKPLAN_REDIS).").arg(args.first()));
        return nullptr;
    }
    return connectRedis(cli, text, code);
}

QJsonObject mapJson(const QMap<QString, QString>& map)
{
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        o.insert(it.key(), it.value());
    }
    return o;
}

QString mapText(const QMap<QString, QString>& map)
{
    QStringList parts;
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        parts << QStringLiteral("%1 → %2").arg(it.key(), it.value());
    }
    return parts.join(QStringLiteral(", "));
}

void printChanges(Cli& cli, const PublishReport& r)
{
    for (const KeyChange& c : r.changes) {
        cli.out << QStringLiteral("%1\t%2\t%3").arg(toString(c.action), c.type, QString::fromUtf8(c.key));
        if (!c.detail.isEmpty()) {
            cli.out << QLatin1Char('\t') << c.detail;
        }
        cli.out << Qt::endl;
    }
}

QJsonObject reportJson(const PublishReport& r, double seconds)
{
    QJsonObject o{{QStringLiteral("app"), r.appKey},
                  {QStringLiteral("dry_run"), r.dryRun},
                  {QStringLiteral("published"), mapJson(r.published)},
                  {QStringLiteral("versions"), mapJson(r.versions)},
                  {QStringLiteral("current"), r.current},
                  {QStringLiteral("pointers_moved"), r.pointersMoved},
                  {QStringLiteral("schemas_written"), r.schemasWritten},
                  {QStringLiteral("schemas_existing"), r.schemasExisting},
                  {QStringLiteral("snapshots_written"), r.snapshotsWritten},
                  {QStringLiteral("snapshots_reused"), r.snapshotsReused},
                  {QStringLiteral("commands"), r.commands},
                  {QStringLiteral("seconds"), seconds}};
    if (r.dryRun) {
        QJsonArray changes;
        for (const KeyChange& c : r.changes) {
            changes.append(QJsonObject{{QStringLiteral("action"), toString(c.action)},
                                       {QStringLiteral("key"), QString::fromUtf8(c.key)},
                                       {QStringLiteral("type"), c.type},
                                       {QStringLiteral("detail"), c.detail}});
        }
        o.insert(QStringLiteral("changes"), changes);
    }
    return o;
}

PublishOptions optionsFor(Cli& cli, bool dryRun, const QString& actor)
{
    PublishOptions options;
    options.dryRun = dryRun;
    options.actor = actor;
    options.cancelled = cli.cancelled;
    options.progress = [&cli](int percent, const QString& stage) { return cli.progress(percent, stage); };
    return options;
}

} // namespace

int cmdPublish(Cli& cli, const QStringList& args)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("version"),
                 Ctl::tr("A version to publish (repeatable; frozen or released). Default: every released version; "
                         "the newest becomes current."),
                 QStringLiteral("V")});
    int code = 0;
    auto redis = parseAndConnect(
        cli, p, args,
        Ctl::tr("Publish the plan of an app's versions to Redis for the collection services: schemas, snapshots "
                "and routing rules, then the version pointers in one transaction."),
        code);
    if (!redis) {
        return code;
    }
    const QString app = p.value(QStringLiteral("app"));
    auto store = cli.openStore();
    if (!store) {
        return ExitStore;
    }
    auto request = publishRequest(*store, app, p.values(QStringLiteral("version")));
    if (!request) {
        return cli.fail(request.error());
    }
    QElapsedTimer timer;
    timer.start();
    Publisher publisher(*redis);
    auto report = publisher.publish(*request, optionsFor(cli, p.isSet(QStringLiteral("dry-run")), store->actor()));
    cli.endProgress();
    if (!report) {
        return cli.fail(report.error());
    }
    const double seconds = double(timer.elapsed()) / 1000.0;
    if (cli.json) {
        cli.printJson(reportJson(*report, seconds));
        return ExitOk;
    }
    const QString where = redis->url().displayString();
    if (report->dryRun) {
        printChanges(cli, *report);
        cli.out << Ctl::tr("Dry run, nothing written to %1: %n key(s) would be added or changed (new schemas: %2, "
                           "new snapshots: %3).",
                           nullptr, int(report->changes.size()))
                       .arg(where)
                       .arg(report->schemasWritten)
                       .arg(report->snapshotsWritten)
                << Qt::endl;
    } else if (!report->pointersMoved) {
        cli.out << Ctl::tr("%1 is already published as it is at %2: %3. Nothing changed.")
                       .arg(app, where, mapText(report->published))
                << Qt::endl;
    } else {
        cli.out << Ctl::tr("Published %1 to %2: %3; current %4.")
                       .arg(app, where, mapText(report->published), report->current)
                << Qt::endl
                << Ctl::tr("Schemas: %1 new, %2 there already. Snapshots: %3 new, %4 reused. %5 Redis commands "
                           "in %6 s.")
                       .arg(report->schemasWritten)
                       .arg(report->schemasExisting)
                       .arg(report->snapshotsWritten)
                       .arg(report->snapshotsReused)
                       .arg(report->commands)
                       .arg(seconds, 0, 'f', 2)
                << Qt::endl;
    }
    return ExitOk;
}

int cmdRollback(Cli& cli, const QStringList& args)
{
    QCommandLineParser p;
    int code = 0;
    auto redis = parseAndConnect(cli, p, args,
                                 Ctl::tr("Restore the version pointers of an app in Redis to what they were before "
                                         "the last publish (one step)."),
                                 code);
    if (!redis) {
        return code;
    }
    const QString app = p.value(QStringLiteral("app"));
    QString actor = qEnvironmentVariable("TRACKPLAN_USER");
    if (actor.isEmpty()) {
        actor = qEnvironmentVariable("USER");
    }
    Publisher publisher(*redis);
    QElapsedTimer timer;
    timer.start();
    auto report = publisher.rollback(app, optionsFor(cli, p.isSet(QStringLiteral("dry-run")), actor));
    cli.endProgress();
    if (!report) {
        return cli.fail(report.error());
    }
    if (cli.json) {
        cli.printJson(reportJson(*report, double(timer.elapsed()) / 1000.0));
    } else if (report->dryRun) {
        printChanges(cli, *report);
        cli.out << Ctl::tr("Dry run: a rollback of %1 would restore %2; current %3.")
                       .arg(app, mapText(report->versions), report->current)
                << Qt::endl;
    } else {
        cli.out << Ctl::tr("Rolled %1 back at %2: %3; current %4.")
                       .arg(app, redis->url().displayString(), mapText(report->versions), report->current)
                << Qt::endl;
    }
    return ExitOk;
}

} // namespace tp::cli
