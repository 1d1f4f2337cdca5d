// demand list|show|review|submit|approve|request-changes|reject|reopen|cancel|merge|comment|sign-off
#include "cli.h"
#include "cmdutil.h"

#include "enumlabels.h"
#include "enums.h"
#include "governance.h"
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
        const QChar sign = c.change.op == ChangeOp::Create
            ? QLatin1Char('+')
            : (c.change.op == ChangeOp::Delete ? QLatin1Char('-') : QLatin1Char('~'));
        cli.out << QStringLiteral("    %1 %2 %3").arg(sign).arg(toString(c.change.kind), c.change.entityKey)
                << Qt::endl;
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
            cli.out << Ctl::tr("Merged %1: %2 revision(s) written.").arg(key).arg(outcome->revisionsWritten)
                    << Qt::endl;
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
            cli.out << Ctl::tr("    %1: theirs %2 | mine %3").arg(f.field, compact(f.before), compact(f.after))
                    << Qt::endl;
        }
    }
    if (cli.json) {
        cli.printJson(QJsonObject{{QStringLiteral("merged"), false}, {QStringLiteral("conflicts"), conflicts}});
    } else {
        cli.err << Ctl::tr("Nothing was merged: %n conflict(s).", nullptr, int(outcome->conflicts.size())) << Qt::endl;
    }
    return ExitFindings;
}

/// Where the demand stands in review: the approvals it still needs, its levels, the discussion.
int review(Cli& cli, Store& store, const QString& key)
{
    auto st = store.reviews().state(key);
    if (!st) {
        return cli.fail(st.error());
    }
    if (cli.json) {
        QJsonArray requirements;
        for (const Requirement& r : std::as_const(st->requirements)) {
            QJsonArray reasons;
            for (const RequirementReason& why : r.reasons) {
                reasons.append(QJsonObject{{QStringLiteral("condition"), toString(why.condition)},
                                           {QStringLiteral("kind"), toString(why.kind)},
                                           {QStringLiteral("key"), why.entityKey}});
            }
            requirements.append(QJsonObject{{QStringLiteral("approver"), toString(r.approver)},
                                            {QStringLiteral("user"), r.user},
                                            {QStringLiteral("satisfied"), r.satisfied},
                                            {QStringLiteral("satisfied_by"), r.satisfiedBy},
                                            {QStringLiteral("by_author"), r.byAuthor},
                                            {QStringLiteral("reasons"), reasons}});
        }
        QJsonArray levels;
        for (const LevelRequest& l : std::as_const(st->levels)) {
            levels.append(QJsonObject{{QStringLiteral("event"), l.eventKey},
                                      {QStringLiteral("from"), l.from ? toString(*l.from) : QString()},
                                      {QStringLiteral("to"), toString(l.to)},
                                      {QStringLiteral("decision"), toString(l.decision)},
                                      {QStringLiteral("decided_by"), l.decidedBy}});
        }
        QJsonArray reviews;
        for (const Review& r : std::as_const(st->reviews)) {
            QJsonObject o{{QStringLiteral("round"), r.round},
                          {QStringLiteral("author"), r.author},
                          {QStringLiteral("verdict"), toString(r.verdict)},
                          {QStringLiteral("body"), r.body},
                          {QStringLiteral("at"), r.at.toString(Qt::ISODateWithMs)}};
            if (r.kind) {
                o.insert(QStringLiteral("on"), QStringLiteral("%1:%2").arg(toString(*r.kind), r.entityKey));
            }
            reviews.append(o);
        }
        cli.printJson(QJsonObject{{QStringLiteral("key"), key},
                                  {QStringLiteral("status"), toString(st->demand.status)},
                                  {QStringLiteral("round"), st->round},
                                  {QStringLiteral("mergeable"), st->approvalsComplete()},
                                  {QStringLiteral("missing"), QJsonArray::fromStringList(st->missing())},
                                  {QStringLiteral("requirements"), requirements},
                                  {QStringLiteral("levels"), levels},
                                  {QStringLiteral("reviews"), reviews}});
        return ExitOk;
    }
    cli.out << Ctl::tr("%1  %2 — round %3").arg(key, toString(st->demand.status)).arg(st->round) << Qt::endl;
    cli.out << Ctl::tr("Approvals:") << Qt::endl;
    for (const Requirement& r : std::as_const(st->requirements)) {
        cli.out << QStringLiteral("  [%1] %2")
                       .arg(r.satisfied ? QStringLiteral("x") : QStringLiteral(" "), requirementText(r));
        if (r.satisfied) {
            cli.out << (r.byAuthor ? Ctl::tr(" (%1 sent the demand)") : Ctl::tr(" (by %1)")).arg(r.satisfiedBy);
        }
        cli.out << Qt::endl;
    }
    if (!st->levels.isEmpty()) {
        cli.out << Ctl::tr("Levels:") << Qt::endl;
        for (const LevelRequest& l : std::as_const(st->levels)) {
            cli.out << QStringLiteral("  %1 %2 → %3: %4")
                           .arg(l.eventKey, l.from ? toString(*l.from) : QStringLiteral("-"), toString(l.to),
                                toString(l.decision))
                    << Qt::endl;
        }
    }
    if (!st->reviews.isEmpty()) {
        cli.out << Ctl::tr("Discussion:") << Qt::endl;
        for (const Review& r : std::as_const(st->reviews)) {
            const QString on = r.kind ? QStringLiteral(" [%1 %2]").arg(toString(*r.kind), r.entityKey) : QString();
            cli.out << QStringLiteral("  #%1 %2 %3 %4%5: %6")
                           .arg(r.round)
                           .arg(r.at.toString(Qt::ISODate), r.author, toString(r.verdict), on, r.body)
                    << Qt::endl;
        }
    }
    const QStringList missing = st->missing();
    cli.out << (missing.isEmpty() ? Ctl::tr("Nothing missing for the merge.")
                                  : Ctl::tr("Missing for the merge: %1").arg(missing.join(QStringLiteral("; "))))
            << Qt::endl;
    return ExitOk;
}

/// demand comment KEY --comment TEXT [--on event:KEY]
int comment(Cli& cli, Store& store, const QString& key, const QString& text, const QString& on)
{
    std::optional<EntityKind> kind;
    QString entity;
    if (!on.isEmpty()) {
        const qsizetype colon = on.indexOf(QLatin1Char(':'));
        kind = colon > 0 ? fromString<EntityKind>(on.left(colon)) : std::nullopt;
        if (!kind) {
            return cli.usage(Ctl::tr("--on \"%1\": write event:KEY or attribute:KEY.").arg(on));
        }
        entity = on.mid(colon + 1);
    }
    auto r = store.reviews().comment(key, text, kind, entity);
    if (!r) {
        return cli.fail(r.error());
    }
    if (cli.json) {
        cli.printJson(QJsonObject{{QStringLiteral("demand"), key}, {QStringLiteral("round"), r->round}});
    } else {
        cli.out << Ctl::tr("Comment added to %1.").arg(key) << Qt::endl;
    }
    return ExitOk;
}

} // namespace

int cmdDemand(Cli& cli, const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("ACTION"),
                            Ctl::tr("list | show KEY | review KEY | submit KEY | approve KEY | request-changes KEY | "
                                    "reject KEY | reopen KEY | cancel KEY | merge KEY | comment KEY | sign-off KEY"));
    p.addOption({QStringLiteral("app"), Ctl::tr("list: only demands of this app."), QStringLiteral("KEY")});
    p.addOption({QStringLiteral("status"), Ctl::tr("list: only demands in this status."), QStringLiteral("STATUS")});
    p.addOption({QStringLiteral("comment"), Ctl::tr("A comment recorded with the status change (comment: the text)."),
                 QStringLiteral("TEXT")});
    p.addOption({QStringLiteral("on"), Ctl::tr("comment: on one change of the demand, event:KEY or attribute:KEY."),
                 QStringLiteral("KIND:KEY")});
    int code = 0;
    if (!parseCommand(cli, p, args, Ctl::tr("Demands (change sets) and their workflow."), code)) {
        return code;
    }
    const QStringList pos = p.positionalArguments();
    if (pos.isEmpty()) {
        return cli.usage(
            Ctl::tr("demand needs an action (list, show, review, submit, approve, request-changes, reject, "
                    "reopen, cancel, merge, comment, sign-off)."));
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
            return cli.usage(
                Ctl::tr("Unknown status \"%1\"; use one of %2.")
                    .arg(p.value(QStringLiteral("status")), allSpellings<DemandStatus>().join(QStringLiteral(", "))));
        }
    }
    static const QStringList actions{
        QStringLiteral("list"),   QStringLiteral("show"),    QStringLiteral("review"),
        QStringLiteral("submit"), QStringLiteral("approve"), QStringLiteral("request-changes"),
        QStringLiteral("reject"), QStringLiteral("reopen"),  QStringLiteral("cancel"),
        QStringLiteral("merge"),  QStringLiteral("comment"), QStringLiteral("sign-off")};
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
    if (action == QLatin1String("review")) {
        return review(cli, *store, key);
    }
    const QString text = p.value(QStringLiteral("comment"));
    if (action == QLatin1String("comment")) {
        if (text.trimmed().isEmpty()) {
            return cli.usage(Ctl::tr("demand comment needs --comment TEXT."));
        }
        return comment(cli, *store, key, text, p.value(QStringLiteral("on")));
    }
    if (action == QLatin1String("sign-off")) {
        auto signedOff = store->reviews().signOff(key, text);
        if (!signedOff) {
            return cli.fail(signedOff.error());
        }
        if (cli.json) {
            cli.printJson(
                QJsonObject{{QStringLiteral("demand"), key}, {QStringLiteral("signed_off_by"), signedOff->author}});
        } else {
            cli.out << Ctl::tr("%1 signed off %2.").arg(signedOff->author, key) << Qt::endl;
        }
        return ExitOk;
    }
    DemandService& ds = store->demands();
    Result<Demand> r = action == QLatin1String("submit") ? ds.submit(key, text)
        : action == QLatin1String("approve")             ? ds.approve(key, text)
        : action == QLatin1String("request-changes")     ? ds.requestChanges(key, text)
        : action == QLatin1String("reject")              ? ds.reject(key, text)
        : action == QLatin1String("reopen")              ? ds.reopen(key, text)
                                                         : ds.cancel(key, text);
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
