// demand list|show|submit|approve|reject|reopen|cancel|merge
#include "cli.h"
#include "cmdutil.h"

#include "enums.h"
#include "plandiff.h"
#include "store.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tp::cli {
namespace {

QJsonObject demandJson(const Demand& d)
{
    return {{QStringLiteral("key"), d.key},
            {QStringLiteral("app"), d.appKey},
            {QStringLiteral("title"), d.title},
            {QStringLiteral("description"), d.description},
            {QStringLiteral("owner"), d.owner},
            {QStringLiteral("priority"), toString(d.priority)},
            {QStringLiteral("status"), toString(d.status)},
            {QStringLiteral("target_versions"), QJsonArray::fromStringList(d.targetVersions)},
            {QStringLiteral("external_link"), d.externalLink},
            {QStringLiteral("created_at"), d.createdAt.toString(Qt::ISODateWithMs)},
            {QStringLiteral("updated_at"), d.updatedAt.toString(Qt::ISODateWithMs)}};
}

QString compact(const QJsonValue& v)
{
    if (v.isUndefined() || v.isNull()) {
        return QStringLiteral("∅");
    }
    if (v.isString()) {
        return v.toString();
    }
    QJsonArray wrap{v};
    const QString text = QString::fromUtf8(QJsonDocument(wrap).toJson(QJsonDocument::Compact));
    return text.mid(1, text.size() - 2);
}

int show(Cli& cli, Store& store, const QString& key)
{
    auto d = store.demands().demand(key);
    if (!d) {
        return cli.fail(d.error());
    }
    auto diff = store.demands().diff(key);
    if (!diff) {
        return cli.fail(diff.error());
    }
    if (cli.json) {
        QJsonArray changes;
        for (const ChangeDiff& c : std::as_const(*diff)) {
            QJsonArray fields;
            for (const FieldChange& f : c.fields) {
                fields.append(QJsonObject{{QStringLiteral("field"), f.field},
                                          {QStringLiteral("before"), f.before},
                                          {QStringLiteral("after"), f.after}});
            }
            changes.append(QJsonObject{{QStringLiteral("kind"), toString(c.change.kind)},
                                       {QStringLiteral("key"), c.change.entityKey},
                                       {QStringLiteral("op"), toString(c.change.op)},
                                       {QStringLiteral("base_revision"), c.change.baseRevision},
                                       {QStringLiteral("author"), c.change.author},
                                       {QStringLiteral("fields"), fields}});
        }
        QJsonObject o = demandJson(*d);
        o.insert(QStringLiteral("changes"), changes);
        cli.printJson(o);
        return ExitOk;
    }
    cli.out << QStringLiteral("%1  %2").arg(d->key, d->title) << Qt::endl
            << Ctl::tr("  app: %1   status: %2   priority: %3   owner: %4")
                   .arg(d->appKey, toString(d->status), toString(d->priority), d->owner)
            << Qt::endl;
    if (!d->targetVersions.isEmpty()) {
        cli.out << Ctl::tr("  target versions: %1").arg(d->targetVersions.join(QStringLiteral(", "))) << Qt::endl;
    }
    if (!d->description.isEmpty()) {
        cli.out << QStringLiteral("  ") << d->description << Qt::endl;
    }
    cli.out << Ctl::tr("  %n change(s):", nullptr, int(diff->size())) << Qt::endl;
    for (const ChangeDiff& c : std::as_const(*diff)) {
        const QChar sign = c.change.op == ChangeOp::Create ? QLatin1Char('+')
                                                           : (c.change.op == ChangeOp::Delete ? QLatin1Char('-')
                                                                                              : QLatin1Char('~'));
        cli.out << QStringLiteral("    %1 %2 %3").arg(sign).arg(toString(c.change.kind), c.change.entityKey) << Qt::endl;
        if (c.change.op == ChangeOp::Update) {
            for (const FieldChange& f : c.fields) {
                cli.out << QStringLiteral("        %1: %2 → %3").arg(f.field, compact(f.before), compact(f.after))
                        << Qt::endl;
            }
        }
    }
    return ExitOk;
}

int merge(Cli& cli, Store& store, const QString& key)
{
    auto outcome = store.demands().merge(key);
    if (!outcome) {
        return cli.fail(outcome.error());
    }
    if (outcome->merged) {
        if (cli.json) {
            cli.printJson(QJsonObject{{QStringLiteral("merged"), true},
                                      {QStringLiteral("revisions"), outcome->revisionsWritten}});
        } else {
            cli.out << Ctl::tr("Merged %1: %2 revision(s) written.").arg(key).arg(outcome->revisionsWritten) << Qt::endl;
        }
        return ExitOk;
    }
    QJsonArray conflicts;
    for (const MergeConflict& c : std::as_const(outcome->conflicts)) {
        if (cli.json) {
            conflicts.append(QJsonObject{{QStringLiteral("kind"), toString(c.kind)},
                                         {QStringLiteral("key"), c.entityKey},
                                         {QStringLiteral("base_revision"), c.baseRevision},
                                         {QStringLiteral("current_revision"), c.currentRevision},
                                         {QStringLiteral("base"), c.base},
                                         {QStringLiteral("theirs"), c.theirs},
                                         {QStringLiteral("mine"), c.mine}});
            continue;
        }
        cli.out << Ctl::tr("Conflict: %1 %2 changed from revision %3 to %4 since this demand edited it.")
                       .arg(toString(c.kind), c.entityKey)
                       .arg(c.baseRevision)
                       .arg(c.currentRevision)
                << Qt::endl;
        QJsonObject theirs = c.theirs;
        theirs.remove(QStringLiteral("schema_version"));
        for (const FieldChange& f : diffObjects(theirs, c.mine)) {
            cli.out << Ctl::tr("    %1: theirs %2 | mine %3").arg(f.field, compact(f.before), compact(f.after)) << Qt::endl;
        }
    }
    if (cli.json) {
        cli.printJson(QJsonObject{{QStringLiteral("merged"), false}, {QStringLiteral("conflicts"), conflicts}});
    } else {
        cli.err << Ctl::tr("Nothing was merged: %n conflict(s).", nullptr,
                                              int(outcome->conflicts.size())) << Qt::endl;
    }
    return ExitFindings;
}

} // namespace

int cmdDemand(Cli& cli, const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("ACTION"),
                            Ctl::tr("list | show KEY | submit KEY | approve KEY | reject KEY | reopen KEY | cancel KEY | "
                               "merge KEY"));
    p.addOption({QStringLiteral("app"), Ctl::tr("list: only demands of this app."), QStringLiteral("KEY")});
    p.addOption({QStringLiteral("status"), Ctl::tr("list: only demands in this status."), QStringLiteral("STATUS")});
    p.addOption({QStringLiteral("comment"), Ctl::tr("A comment recorded with the status change."), QStringLiteral("TEXT")});
    int code = 0;
    if (!parseCommand(cli, p, args, Ctl::tr("Demands (change sets) and their workflow."), code)) {
        return code;
    }
    const QStringList pos = p.positionalArguments();
    if (pos.isEmpty()) {
        return cli.usage(Ctl::tr("demand needs an action (list, show, submit, approve, reject, reopen, cancel, merge)."));
    }
    const QString action = pos.first();
    if (action != QLatin1String("list") && pos.size() != 2) {
        return cli.usage(Ctl::tr("demand %1 needs exactly one demand KEY.").arg(action));
    }
    DemandFilter filter;
    filter.appKey = p.value(QStringLiteral("app"));
    if (p.isSet(QStringLiteral("status"))) {
        filter.status = fromString<DemandStatus>(p.value(QStringLiteral("status")));
        if (!filter.status) {
            return cli.usage(Ctl::tr("Unknown status \"%1\"; use one of %2.")
                                 .arg(p.value(QStringLiteral("status")),
                                      allSpellings<DemandStatus>().join(QStringLiteral(", "))));
        }
    }
    static const QStringList actions{QStringLiteral("list"),   QStringLiteral("show"),   QStringLiteral("submit"),
                                     QStringLiteral("approve"), QStringLiteral("reject"), QStringLiteral("reopen"),
                                     QStringLiteral("cancel"), QStringLiteral("merge")};
    if (!actions.contains(action)) {
        return cli.usage(Ctl::tr("Unknown demand action \"%1\".").arg(action));
    }
    auto store = cli.openStore();
    if (!store) {
        return ExitStore;
    }
    if (action == QLatin1String("list")) {
        auto list = store->demands().list(filter);
        if (!list) {
            return cli.fail(list.error());
        }
        QJsonArray arr;
        for (const Demand& d : std::as_const(*list)) {
            if (cli.json) {
                arr.append(demandJson(d));
            } else {
                cli.out << QStringLiteral("%1\t%2\t%3\t%4\t%5")
                               .arg(d.key, d.appKey, toString(d.status), toString(d.priority), d.title)
                        << Qt::endl;
            }
        }
        if (cli.json) {
            cli.printJson(arr);
        }
        return ExitOk;
    }
    const QString key = pos.at(1);
    if (action == QLatin1String("show")) {
        return show(cli, *store, key);
    }
    if (action == QLatin1String("merge")) {
        return merge(cli, *store, key);
    }
    const QString comment = p.value(QStringLiteral("comment"));
    DemandService& ds = store->demands();
    Result<Demand> r = action == QLatin1String("submit")    ? ds.submit(key, comment)
                       : action == QLatin1String("approve") ? ds.approve(key, comment)
                       : action == QLatin1String("reject")  ? ds.reject(key, comment)
                       : action == QLatin1String("reopen")  ? ds.reopen(key, comment)
                                                            : ds.cancel(key, comment);
    if (!r) {
        return cli.fail(r.error());
    }
    if (cli.json) {
        cli.printJson(demandJson(*r));
    } else {
        cli.out << Ctl::tr("%1 is now %2.").arg(key, toString(r->status)) << Qt::endl;
    }
    return ExitOk;
}

} // namespace tp::cli
