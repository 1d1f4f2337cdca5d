// validate, replay: events checked against the published plan; captures replayed for live QA.
#include "cli.h"
#include "cmdutil.h"

#include "metricsstore.h"
#include "plansource.h"
#include "redisclient.h"
#include "replay.h"
#include "store.h"
#include "validationrun.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>

namespace tp::cli {
namespace {

/// Opens FILE, or standard input for "-" or no FILE.
bool openInput(QFile& file, const QString& name)
{
    if (name.isEmpty() || name == QLatin1String("-")) {
        return file.open(stdin, QIODevice::ReadOnly);
    }
    file.setFileName(name);
    return file.open(QIODevice::ReadOnly);
}

QJsonObject summaryJson(const ValidationSummary& s, const QString& app, const QString& current, double seconds)
{
    QJsonObject violations;
    for (int t = 0; t < kViolationTypeCount; ++t) {
        violations.insert(toString(ViolationType(t)), s.byViolation[std::size_t(t)]);
    }
    QJsonObject events;
    for (auto it = s.byEvent.cbegin(); it != s.byEvent.cend(); ++it) {
        events.insert(it.key(),
                      QJsonObject{{QStringLiteral("total"), it->total},
                                  {QStringLiteral("valid"), it->valid},
                                  {QStringLiteral("invalid"), it->invalid}});
    }
    QJsonObject unknown;
    for (auto it = s.unknownVersions.cbegin(); it != s.unknownVersions.cend(); ++it) {
        unknown.insert(it.key(), it.value());
    }
    return QJsonObject{{QStringLiteral("app"), app},
                       {QStringLiteral("current"), current},
                       {QStringLiteral("lines"), s.lines},
                       {QStringLiteral("valid"), s.valid},
                       {QStringLiteral("invalid"), s.invalid},
                       {QStringLiteral("malformed"), s.malformed},
                       {QStringLiteral("unknown_version"), s.unknownVersion},
                       {QStringLiteral("unknown_versions"), unknown},
                       {QStringLiteral("violations"), violations},
                       {QStringLiteral("events"), events},
                       {QStringLiteral("seconds"), seconds}};
}

void printSummary(Cli& cli, const ValidationSummary& s, const QString& app, const QString& current, double seconds)
{
    cli.out << Ctl::tr("Validated %n line(s) of %1 in %2 s: %3 valid, %4 invalid, %5 malformed.", nullptr,
                       int(std::min<qint64>(s.lines, INT_MAX)))
                   .arg(app)
                   .arg(seconds, 0, 'f', 2)
                   .arg(s.valid)
                   .arg(s.invalid)
                   .arg(s.malformed)
            << Qt::endl;
    if (s.unknownVersion > 0) {
        QStringList versions;
        for (auto it = s.unknownVersions.cbegin(); it != s.unknownVersions.cend(); ++it) {
            versions << QStringLiteral("%1: %2").arg(it.key().isEmpty() ? Ctl::tr("(none)") : it.key()).arg(it.value());
        }
        cli.out << Ctl::tr("Warning: %1 event(s) of unknown app versions checked against current (%2): %3.")
                       .arg(s.unknownVersion)
                       .arg(current, versions.join(QStringLiteral(", ")))
                << Qt::endl;
    }
    bool header = false;
    for (int t = 0; t < kViolationTypeCount; ++t) {
        if (s.byViolation[std::size_t(t)] == 0) {
            continue;
        }
        if (!header) {
            cli.out << Ctl::tr("Violations by type:") << Qt::endl;
            header = true;
        }
        cli.out << QStringLiteral("  %1 %2").arg(toString(ViolationType(t)), -20).arg(s.byViolation[std::size_t(t)])
                << Qt::endl;
    }
    // The events with the most invalid ones (all of them are in --json).
    QList<std::pair<QString, EventCounts>> events;
    for (auto it = s.byEvent.cbegin(); it != s.byEvent.cend(); ++it) {
        events.append({it.key(), it.value()});
    }
    std::stable_sort(events.begin(), events.end(),
                     [](const auto& a, const auto& b) { return a.second.invalid > b.second.invalid; });
    constexpr int kShown = 20;
    cli.out << Ctl::tr("By event (total, valid, invalid):") << Qt::endl;
    for (qsizetype i = 0; i < std::min<qsizetype>(events.size(), kShown); ++i) {
        cli.out << QStringLiteral("  %1 %2 %3 %4")
                       .arg(events[i].first, -32)
                       .arg(events[i].second.total, 8)
                       .arg(events[i].second.valid, 8)
                       .arg(events[i].second.invalid, 8)
                << Qt::endl;
    }
    if (events.size() > kShown) {
        cli.out << Ctl::tr("  … and %n more event(s) (--json lists all).", nullptr, int(events.size() - kShown))
                << Qt::endl;
    }
}

bool writeFile(Cli& cli, const QString& name, const QByteArray& data)
{
    QFile f(name);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(data) != data.size()) {
        cli.fail(makeError(Error::Code::Io, Ctl::tr("Cannot write %1: %2").arg(name, f.errorString())));
        return false;
    }
    return true;
}

} // namespace

int cmdValidate(Cli& cli, const QStringList& args)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("redis"),
                 Ctl::tr("Read the published plan from Redis: redis://[user[:password]@]host[:port][/db]. Without "
                         "it, the plan comes from the store (--db)."),
                 QStringLiteral("URL")});
    p.addOption({QStringLiteral("app"), Ctl::tr("The app (required)."), QStringLiteral("KEY")});
    p.addOption({QStringLiteral("valid-out"), Ctl::tr("Write the valid events, tagged with level and route."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("invalid-out"), Ctl::tr("Write the quarantine: invalid events with their violations."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("metrics-out"), Ctl::tr("Write PV, UV and invalid per event per day as CSV."),
                 QStringLiteral("FILE")});
    p.addPositionalArgument(QStringLiteral("FILE"), Ctl::tr("NDJSON events (default or \"-\": standard input)."));
    int code = 0;
    if (!parseCommand(cli, p, args,
                      Ctl::tr("Check events (NDJSON) against the plan of their app version; exit 1 if any is "
                              "invalid."),
                      code)) {
        return code;
    }
    const QString app = p.value(QStringLiteral("app"));
    if (app.isEmpty() || p.positionalArguments().size() > 1) {
        return cli.usage(Ctl::tr("validate needs --app KEY and at most one FILE."));
    }
    QElapsedTimer timer;
    timer.start();
    // The plan: from Redis, as the collectors see it, or from the store.
    std::unique_ptr<Store> store;
    Result<PlanSchemas> schemas = makeError(Error::Code::NotFound, {});
    if (p.isSet(QStringLiteral("redis"))) {
        auto redis = connectRedis(cli, p.value(QStringLiteral("redis")), code);
        if (!redis) {
            return code;
        }
        (void)cli.progress(0, Ctl::tr("Reading the plan of %1 from %2").arg(app, redis->url().displayString()));
        schemas = schemasFromRedis(*redis, app);
    } else {
        store = cli.openStore();
        if (!store) {
            return ExitStore;
        }
        (void)cli.progress(0, Ctl::tr("Loading the plan of %1").arg(app));
        schemas = schemasFromStore(*store, app);
    }
    if (!schemas) {
        return cli.fail(schemas.error());
    }
    auto rules = PlanRules::compile(*schemas);
    if (!rules) {
        return cli.fail(rules.error());
    }
    const QString current = rules->currentVersion;
    Validator validator(std::move(*rules));

    QFile in;
    const QString inputName = p.positionalArguments().value(0);
    if (!openInput(in, inputName)) {
        return cli.fail(makeError(Error::Code::Io, Ctl::tr("Cannot read %1: %2").arg(inputName, in.errorString())));
    }
    QFile validOut(p.value(QStringLiteral("valid-out")));
    QFile invalidOut(p.value(QStringLiteral("invalid-out")));
    for (QFile* f : {&validOut, &invalidOut}) {
        if (!f->fileName().isEmpty() && !f->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            return cli.fail(
                makeError(Error::Code::Io, Ctl::tr("Cannot write %1: %2").arg(f->fileName(), f->errorString())));
        }
    }
    ValidationRunOptions options;
    options.validOut = validOut.isOpen() ? &validOut : nullptr;
    options.invalidOut = invalidOut.isOpen() ? &invalidOut : nullptr;
    options.cancelled = cli.cancelled;
    const qint64 size = in.isSequential() ? 0 : in.size();
    const QString what = inputName.isEmpty() || inputName == QLatin1String("-") ? Ctl::tr("standard input")
                                                                                : QFileInfo(inputName).fileName();
    options.progress = [&](qint64 bytes) {
        const int percent = size > 0 ? int(bytes * 100 / size) : 0;
        return cli.progress(percent, Ctl::tr("Validating %1 (%2 MB)").arg(what).arg(bytes >> 20));
    };
    const Status run = validateStream(validator, in, options);
    cli.endProgress();
    if (!run) {
        return cli.fail(run.error());
    }
    const QList<MetricRow> metrics = validator.metrics();
    if (p.isSet(QStringLiteral("metrics-out"))
        && !writeFile(cli, p.value(QStringLiteral("metrics-out")), metricsCsv(metrics))) {
        return ExitStore;
    }
    if (store) {
        if (auto s = writeMetrics(*store, app, metrics, QStringLiteral("validate")); !s) {
            return cli.fail(s.error());
        }
    }
    const ValidationSummary summary = validator.summary();
    const double seconds = double(timer.elapsed()) / 1000.0;
    if (cli.json) {
        cli.printJson(summaryJson(summary, app, current, seconds));
    } else {
        printSummary(cli, summary, app, current, seconds);
    }
    return summary.invalid + summary.malformed > 0 ? ExitFindings : ExitOk;
}

int cmdReplay(Cli& cli, const QStringList& args)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("redis"),
                 Ctl::tr("The Redis server: redis://[user[:password]@]host[:port][/db] (default: $TRACKPLAN_REDIS)."),
                 QStringLiteral("URL")});
    p.addOption({QStringLiteral("app"), Ctl::tr("The app (required)."), QStringLiteral("KEY")});
    p.addOption({QStringLiteral("session"), Ctl::tr("The QA session (required)."), QStringLiteral("S")});
    p.addOption(
        {QStringLiteral("rate"), Ctl::tr("Events per second (default: as fast as possible)."), QStringLiteral("N")});
    p.addPositionalArgument(QStringLiteral("FILE"), Ctl::tr("The capture: NDJSON events."));
    int code = 0;
    if (!parseCommand(cli, p, args,
                      Ctl::tr("Append a captured NDJSON file to the live QA stream tp:{app}:debug:{session}."), code)) {
        return code;
    }
    const QString app = p.value(QStringLiteral("app"));
    const QString session = p.value(QStringLiteral("session"));
    const QString redisText =
        p.isSet(QStringLiteral("redis")) ? p.value(QStringLiteral("redis")) : qEnvironmentVariable("TRACKPLAN_REDIS");
    if (app.isEmpty() || session.isEmpty() || redisText.isEmpty() || p.positionalArguments().size() != 1) {
        return cli.usage(Ctl::tr("replay needs FILE, --app KEY, --session S and --redis URL (or $TRACKPLAN_REDIS)."));
    }
    ReplayOptions options;
    if (p.isSet(QStringLiteral("rate"))) {
        bool ok = false;
        options.rate = p.value(QStringLiteral("rate")).toDouble(&ok);
        if (!ok || options.rate <= 0) {
            return cli.usage(Ctl::tr("--rate needs a number of events per second above 0."));
        }
    }
    QFile in(p.positionalArguments().first());
    if (!in.open(QIODevice::ReadOnly)) {
        return cli.fail(makeError(Error::Code::Io, Ctl::tr("Cannot read %1: %2").arg(in.fileName(), in.errorString())));
    }
    auto redis = connectRedis(cli, redisText, code);
    if (!redis) {
        return code;
    }
    const QByteArray stream = debugStreamKey(app, session);
    const qint64 size = std::max<qint64>(in.size(), 1);
    options.cancelled = cli.cancelled;
    options.progress = [&](qint64 events, qint64 bytes) {
        return cli.progress(int(bytes * 100 / size),
                            Ctl::tr("Appending to %1: %2 events").arg(QString::fromUtf8(stream)).arg(events));
    };
    QElapsedTimer timer;
    timer.start();
    auto sent = replayCapture(*redis, in, stream, options);
    cli.endProgress();
    if (!sent) {
        return cli.fail(sent.error());
    }
    const double seconds = double(timer.elapsed()) / 1000.0;
    if (cli.json) {
        cli.printJson(QJsonObject{{QStringLiteral("stream"), QString::fromUtf8(stream)},
                                  {QStringLiteral("events"), *sent},
                                  {QStringLiteral("seconds"), seconds}});
    } else {
        cli.out << Ctl::tr("Appended %1 event(s) to %2 at %3 in %4 s.")
                       .arg(*sent)
                       .arg(QString::fromUtf8(stream), redis->url().displayString())
                       .arg(seconds, 0, 'f', 2)
                << Qt::endl;
    }
    return ExitOk;
}

} // namespace tp::cli
