// lint, diff, app: read-only plan commands.
#include "cli.h"
#include "cmdutil.h"

#include "entityjson.h"
#include "enums.h"
#include "lint.h"
#include "plandiff.h"
#include "store.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tp::cli {
namespace {
using DiffKind = EntityDiff::Kind;

QString valueText(const QJsonValue& v)
{
    if (v.isString()) {
        return v.toString();
    }
    if (v.isNull() || v.isUndefined()) {
        return QStringLiteral("∅");
    }
    if (v.isArray()) {
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    }
    if (v.isObject()) {
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    }
    return QString::fromUtf8(canonicalJson(v));
}

QJsonArray fieldsJson(const QList<FieldChange>& fields)
{
    QJsonArray out;
    for (const FieldChange& f : fields) {
        out.append(QJsonObject{{QStringLiteral("field"), f.field},
                               {QStringLiteral("before"), f.before},
                               {QStringLiteral("after"), f.after}});
    }
    return out;
}

QString kindWord(DiffKind k)
{
    switch (k) {
    case DiffKind::Added:
        return QStringLiteral("added");
    case DiffKind::Changed:
        return QStringLiteral("changed");
    case DiffKind::Removed:
        return QStringLiteral("removed");
    }
    return {};
}

QChar kindSign(DiffKind k)
{
    return k == DiffKind::Added ? QLatin1Char('+') : (k == DiffKind::Removed ? QLatin1Char('-') : QLatin1Char('~'));
}

} // namespace

bool parseCommand(Cli& cli, QCommandLineParser& parser, const QStringList& args, const QString& description,
                  int& exitCode)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, Ctl::tr("Show this help."));
    parser.addOption(help);
    // Global options are accepted after the command too (trackplanctl demand list --json).
    const QCommandLineOption json(QStringLiteral("json"), Ctl::tr("Machine-readable output."));
    const QCommandLineOption db(QStringLiteral("db"), Ctl::tr("The store URL."), QStringLiteral("URL"));
    parser.addOption(json);
    parser.addOption(db);
    if (!parser.parse(args)) {
        exitCode = cli.usage(parser.errorText());
        return false;
    }
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        // First line is "Usage: <program path> [options] …": name the command instead.
        const qsizetype options = text.indexOf(QLatin1String(" [options]"));
        if (text.startsWith(QLatin1String("Usage: ")) && options > 0) {
            text = QStringLiteral("Usage: trackplanctl %1").arg(args.first()) + text.mid(options);
        }
        cli.out << text << Qt::flush;
        exitCode = ExitOk;
        return false;
    }
    if (parser.isSet(json)) {
        cli.json = true;
    }
    if (parser.isSet(db)) {
        cli.dbUrl = parser.value(db);
    }
    return true;
}

int cmdLint(Cli& cli, const QStringList& args)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("app"), Ctl::tr("Lint only this app."), QStringLiteral("KEY")});
    int code = 0;
    if (!parseCommand(cli, p, args, Ctl::tr("Check the merged plan against the lint rules. Exit 1 on errors."), code)) {
        return code;
    }
    auto store = cli.openStore();
    if (!store) {
        return ExitStore;
    }
    auto apps = store->plan().apps();
    if (!apps) {
        return cli.fail(apps.error());
    }
    const QString only = p.value(QStringLiteral("app"));
    int errors = 0;
    int warnings = 0;
    bool found = only.isEmpty();
    QJsonArray all;
    for (const App& app : std::as_const(*apps)) {
        if (!only.isEmpty() && app.key != only) {
            continue;
        }
        found = true;
        auto plan = store->plan().plan(app.key);
        if (!plan) {
            return cli.fail(plan.error());
        }
        const QList<Finding> findings = lintPlan(*plan, app);
        for (const Finding& f : findings) {
            (f.severity == Finding::Severity::Error ? errors : warnings)++;
            if (cli.json) {
                all.append(QJsonObject{{QStringLiteral("app"), app.key},
                                       {QStringLiteral("severity"), toString(f.severity)},
                                       {QStringLiteral("rule"), f.rule},
                                       {QStringLiteral("kind"), toString(f.kind)},
                                       {QStringLiteral("key"), f.entityKey},
                                       {QStringLiteral("field"), f.field},
                                       {QStringLiteral("message"), f.message}});
            } else {
                cli.out << QStringLiteral("%1: %2 %3/%4%5 [%6] %7")
                               .arg(app.key, toString(f.severity), toString(f.kind), f.entityKey,
                                    f.field.isEmpty() ? QString() : QLatin1Char('.') + f.field, f.rule, f.message)
                        << Qt::endl;
            }
        }
    }
    if (!found) {
        return cli.fail(makeError(Error::Code::NotFound, Ctl::tr("No app with key \"%1\".").arg(only)));
    }
    if (cli.json) {
        cli.printJson(QJsonObject{{QStringLiteral("errors"), errors},
                                  {QStringLiteral("warnings"), warnings},
                                  {QStringLiteral("findings"), all}});
    } else {
        cli.out << Ctl::tr("%1 error(s), %2 warning(s).").arg(errors).arg(warnings) << Qt::endl;
    }
    return errors > 0 ? ExitFindings : ExitOk;
}

int cmdDiff(Cli& cli, const QStringList& args)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("app"), Ctl::tr("The app whose versions to compare."), QStringLiteral("KEY")});
    p.addPositionalArgument(QStringLiteral("FROM"), Ctl::tr("Version name, or \"current\" for the plan as merged now."));
    p.addPositionalArgument(QStringLiteral("TO"), Ctl::tr("Version name, or \"current\"."));
    int code = 0;
    if (!parseCommand(cli, p, args, Ctl::tr("Show events, attributes and bindings added, changed or removed between two "
                                       "versions."),
                      code)) {
        return code;
    }
    if (!p.isSet(QStringLiteral("app")) || p.positionalArguments().size() != 2) {
        return cli.usage(Ctl::tr("diff needs --app KEY FROM TO."));
    }
    auto store = cli.openStore();
    if (!store) {
        return ExitStore;
    }
    const QString app = p.value(QStringLiteral("app"));
    auto d = store->versions().diff(app, p.positionalArguments().at(0), p.positionalArguments().at(1));
    if (!d) {
        return cli.fail(d.error());
    }
    if (cli.json) {
        QJsonArray entities;
        auto addEntities = [&](const QList<EntityDiff>& list) {
            for (const EntityDiff& e : list) {
                entities.append(QJsonObject{{QStringLiteral("entity"), toString(e.entity)},
                                            {QStringLiteral("key"), e.key},
                                            {QStringLiteral("change"), kindWord(e.kind)},
                                            {QStringLiteral("fields"), fieldsJson(e.fields)}});
            }
        };
        addEntities(d->attributes);
        addEntities(d->events);
        QJsonArray bindings;
        for (const BindingDiff& b : d->bindings) {
            bindings.append(QJsonObject{{QStringLiteral("event"), b.eventKey},
                                        {QStringLiteral("attribute"), b.attributeKey},
                                        {QStringLiteral("change"), kindWord(b.kind)},
                                        {QStringLiteral("fields"), fieldsJson(b.fields)}});
        }
        cli.printJson(QJsonObject{{QStringLiteral("entities"), entities}, {QStringLiteral("bindings"), bindings}});
        return ExitOk;
    }
    auto printEntities = [&](const QString& title, const QList<EntityDiff>& list) {
        if (list.isEmpty()) {
            return;
        }
        cli.out << title << Qt::endl;
        for (const EntityDiff& e : list) {
            cli.out << QStringLiteral("  %1 %2").arg(kindSign(e.kind)).arg(e.key) << Qt::endl;
            if (e.kind != DiffKind::Changed) {
                continue; // added or removed whole: the key says it
            }
            for (const FieldChange& f : e.fields) {
                cli.out << QStringLiteral("      %1: %2 → %3").arg(f.field, valueText(f.before), valueText(f.after))
                        << Qt::endl;
            }
        }
    };
    printEntities(Ctl::tr("Attributes:"), d->attributes);
    printEntities(Ctl::tr("Events:"), d->events);
    if (!d->bindings.isEmpty()) {
        cli.out << Ctl::tr("Bindings:") << Qt::endl;
        for (const BindingDiff& b : d->bindings) {
            cli.out << QStringLiteral("  %1 %2.%3").arg(kindSign(b.kind)).arg(b.eventKey, b.attributeKey) << Qt::endl;
            for (const FieldChange& f : b.fields) {
                cli.out << QStringLiteral("      %1: %2 → %3").arg(f.field, valueText(f.before), valueText(f.after))
                        << Qt::endl;
            }
        }
    }
    if (d->isEmpty()) {
        cli.out << Ctl::tr("No differences.") << Qt::endl;
    }
    return ExitOk;
}

int cmdApp(Cli& cli, const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("list"), Ctl::tr("List the apps of the store."));
    int code = 0;
    if (!parseCommand(cli, p, args, Ctl::tr("Apps of the store."), code)) {
        return code;
    }
    if (p.positionalArguments() != QStringList{QStringLiteral("list")}) {
        return cli.usage(Ctl::tr("Usage: trackplanctl app list"));
    }
    auto store = cli.openStore();
    if (!store) {
        return ExitStore;
    }
    auto apps = store->plan().apps();
    if (!apps) {
        return cli.fail(apps.error());
    }
    QJsonArray arr;
    for (const App& a : std::as_const(*apps)) {
        if (cli.json) {
            arr.append(toJson(a));
        } else {
            cli.out << QStringLiteral("%1\t%2\t%3").arg(a.key, a.name, a.platforms.join(QLatin1Char(',')))
                    << Qt::endl;
        }
    }
    if (cli.json) {
        cli.printJson(arr);
    }
    return ExitOk;
}

} // namespace tp::cli
