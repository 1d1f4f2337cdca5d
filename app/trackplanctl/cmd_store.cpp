// init, demo, export, import: whole-store commands.
#include "cli.h"
#include "cmdutil.h"

#include "demo.h"
#include "migrations.h"
#include "nativejson.h"
#include "store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QSaveFile>

namespace tp::cli {
namespace {
} // namespace

int cmdInit(Cli& cli, const QStringList& args)
{
    QCommandLineParser p;
    int code = 0;
    if (!parseCommand(cli, p, args, Ctl::tr("Create the store, or upgrade its schema to the latest migration."), code)) {
        return code;
    }
    auto store = cli.openStore();
    if (!store) {
        return ExitStore;
    }
    auto version = Migrations::current(store->db());
    if (!version) {
        return cli.fail(version.error());
    }
    if (cli.json) {
        cli.printJson(QJsonObject{{QStringLiteral("store"), store->url().displayString()},
                                  {QStringLiteral("schema_version"), *version}});
    } else {
        cli.out << Ctl::tr("Store %1 is at schema version %2.").arg(store->url().displayString()).arg(*version) << Qt::endl;
    }
    return ExitOk;
}

int cmdDemo(Cli& cli, const QStringList& args)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("events"), Ctl::tr("Scale the plan to about N events (0 = the hand-made demo)."),
                 QStringLiteral("N"), QStringLiteral("0")});
    p.addOption({QStringLiteral("seed"), Ctl::tr("Seed of the generator (same seed, same store)."), QStringLiteral("S"),
                 QStringLiteral("1")});
    int code = 0;
    if (!parseCommand(cli, p, args, Ctl::tr("Fill an empty store with a realistic freight-platform tracking plan."), code)) {
        return code;
    }
    bool okEvents = false;
    bool okSeed = false;
    DemoOptions options;
    options.events = p.value(QStringLiteral("events")).toInt(&okEvents);
    options.seed = p.value(QStringLiteral("seed")).toUInt(&okSeed);
    if (!okEvents || options.events < 0 || !okSeed) { // the range of --events is the generator's to check
        return cli.usage(Ctl::tr("--events and --seed need non-negative numbers."));
    }
    auto store = cli.openStore();
    if (!store) {
        return ExitStore;
    }
    options.progress = [&cli](int percent, const QString& stage) { return cli.progress(percent, stage); };
    QElapsedTimer timer;
    timer.start();
    auto summary = generateDemo(*store, options);
    cli.endProgress();
    if (!summary) {
        return cli.fail(summary.error());
    }
    const double seconds = double(timer.elapsed()) / 1000.0;
    if (cli.json) {
        cli.printJson(QJsonObject{{QStringLiteral("apps"), summary->apps},
                                  {QStringLiteral("events"), summary->events},
                                  {QStringLiteral("attributes"), summary->attributes},
                                  {QStringLiteral("bindings"), summary->bindings},
                                  {QStringLiteral("demands"), summary->demands},
                                  {QStringLiteral("versions"), summary->versions},
                                  {QStringLiteral("seconds"), seconds}});
    } else {
        cli.out << Ctl::tr("Demo plan written to %1: %2 apps, %3 events, %4 attributes, %5 bindings, %6 demands, "
                      "%7 versions (%8 s).")
                       .arg(store->url().displayString())
                       .arg(summary->apps)
                       .arg(summary->events)
                       .arg(summary->attributes)
                       .arg(summary->bindings)
                       .arg(summary->demands)
                       .arg(summary->versions)
                       .arg(seconds, 0, 'f', 1)
                << Qt::endl;
    }
    return ExitOk;
}

int cmdExport(Cli& cli, const QStringList& args)
{
    QCommandLineParser p;
    p.addOption({{QStringLiteral("o"), QStringLiteral("output")}, Ctl::tr("Write to FILE instead of standard output."),
                 QStringLiteral("FILE")});
    int code = 0;
    if (!parseCommand(cli, p, args, Ctl::tr("Write the whole store as canonical native JSON."), code)) {
        return code;
    }
    auto store = cli.openStore();
    if (!store) {
        return ExitStore;
    }
    auto progress = [&cli](int percent, const QString& stage) { return cli.progress(percent, stage); };
    const QString path = p.value(QStringLiteral("output"));
    if (path.isEmpty() || path == QLatin1String("-")) {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly)) {
            return cli.fail(makeError(Error::Code::Io, Ctl::tr("Cannot write to standard output.")));
        }
        cli.out.flush();
        auto s = exportStore(*store, out, progress);
        cli.endProgress();
        return s ? ExitOk : cli.fail(s.error());
    }
    QSaveFile out(path); // nothing half-written is left behind on failure or cancel
    if (!out.open(QIODevice::WriteOnly)) {
        return cli.fail(makeError(Error::Code::Io, Ctl::tr("Cannot write %1: %2").arg(path, out.errorString())));
    }
    auto s = exportStore(*store, out, progress);
    cli.endProgress();
    if (!s) {
        out.cancelWriting();
        return cli.fail(s.error());
    }
    if (!out.commit()) {
        return cli.fail(makeError(Error::Code::Io, Ctl::tr("Cannot write %1: %2").arg(path, out.errorString())));
    }
    return ExitOk;
}

int cmdImport(Cli& cli, const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("FILE"), Ctl::tr("A native JSON export ('-' for standard input)."));
    int code = 0;
    if (!parseCommand(cli, p, args, Ctl::tr("Load a native JSON export into an empty store, all or nothing."), code)) {
        return code;
    }
    if (p.positionalArguments().size() != 1) {
        return cli.usage(Ctl::tr("import needs exactly one FILE."));
    }
    const QString path = p.positionalArguments().first();
    QFile in;
    if (path == QLatin1String("-")) {
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            return cli.fail(makeError(Error::Code::Io, Ctl::tr("Cannot read standard input.")));
        }
    } else {
        in.setFileName(path);
        if (!in.open(QIODevice::ReadOnly)) {
            return cli.fail(makeError(Error::Code::Io, Ctl::tr("Cannot read %1: %2").arg(path, in.errorString())));
        }
    }
    auto store = cli.openStore();
    if (!store) {
        return ExitStore;
    }
    auto summary = importStore(*store, in, path == QLatin1String("-") ? QStringLiteral("<stdin>") : path,
                               [&cli](int percent, const QString& stage) { return cli.progress(percent, stage); });
    cli.endProgress();
    if (!summary) {
        return cli.fail(summary.error());
    }
    if (cli.json) {
        cli.printJson(QJsonObject{{QStringLiteral("rows"), summary->rows},
                                  {QStringLiteral("apps"), summary->apps},
                                  {QStringLiteral("events"), summary->events},
                                  {QStringLiteral("attributes"), summary->attributes},
                                  {QStringLiteral("demands"), summary->demands},
                                  {QStringLiteral("versions"), summary->versions},
                                  {QStringLiteral("revisions"), summary->revisions}});
    } else {
        cli.out << Ctl::tr("Imported %1 rows: %2 apps, %3 events, %4 attributes, %5 demands, %6 versions.")
                       .arg(summary->rows)
                       .arg(summary->apps)
                       .arg(summary->events)
                       .arg(summary->attributes)
                       .arg(summary->demands)
                       .arg(summary->versions)
                << Qt::endl;
    }
    return ExitOk;
}

} // namespace tp::cli
