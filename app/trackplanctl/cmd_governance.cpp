// governance levels|approve|reject|policy|rules|history|distribution
#include "cli.h"
#include "cmdutil.h"

#include "entityjson.h"
#include "enumlabels.h"
#include "enums.h"
#include "governance.h"
#include "store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <variant>

namespace tp::cli {
namespace {

QJsonObject levelRequestJson(const LevelRequest& r)
{
    QJsonObject o{{QStringLiteral("app"), r.appKey},
                  {QStringLiteral("demand"), r.demandKey},
                  {QStringLiteral("demand_status"), toString(r.demandStatus)},
                  {QStringLiteral("event"), r.eventKey},
                  {QStringLiteral("from"), r.from ? toString(*r.from) : QString()},
                  {QStringLiteral("to"), toString(r.to)},
                  {QStringLiteral("owner"), r.owner},
                  {QStringLiteral("proposed_by"), r.proposedBy},
                  {QStringLiteral("decision"), toString(r.decision)}};
    if (r.decision != LevelDecision::Pending) {
        o.insert(QStringLiteral("decided_by"), r.decidedBy);
        o.insert(QStringLiteral("decided_at"), r.decidedAt.toString(Qt::ISODateWithMs));
        o.insert(QStringLiteral("comment"), r.comment);
    }
    return o;
}

int levels(Cli& cli, Store& store, const QString& app, bool all)
{
    auto list = store.reviews().levelRequests(app, !all);
    if (!list) {
        return cli.fail(list.error());
    }
    QJsonArray arr;
    for (const LevelRequest& r : std::as_const(*list)) {
        if (cli.json) {
            arr.append(levelRequestJson(r));
            continue;
        }
        cli.out << QStringLiteral("%1\t%2\t%3 → %4\t%5\t%6")
                       .arg(r.demandKey, r.eventKey, r.from ? toString(*r.from) : QStringLiteral("-"), toString(r.to),
                            toString(r.decision), r.proposedBy)
                << Qt::endl;
    }
    if (cli.json) {
        cli.printJson(arr);
    } else if (list->isEmpty()) {
        cli.err << (all ? Ctl::tr("No levels set under submitted demands.") : Ctl::tr("No level awaits a decision."))
                << Qt::endl;
    }
    return ExitOk;
}

int decide(Cli& cli, Store& store, const QStringList& pos, bool approve, const QString& comment)
{
    const QString demand = pos.at(1);
    Result<int> n = 0;
    if (pos.size() == 2) {
        n = store.reviews().decideAllLevels(demand, approve, comment);
    } else {
        QList<std::pair<QString, QString>> items;
        for (const QString& event : pos.mid(2)) {
            items.append({demand, event});
        }
        n = store.reviews().decideLevels(items, approve, comment);
    }
    if (!n) {
        return cli.fail(n.error());
    }
    if (cli.json) {
        cli.printJson(QJsonObject{{QStringLiteral("decided"), *n}, {QStringLiteral("approved"), approve}});
    } else {
        cli.out << (approve ? Ctl::tr("%n level(s) approved.", nullptr, *n)
                            : Ctl::tr("%n level(s) rejected.", nullptr, *n))
                << Qt::endl;
    }
    return ExitOk;
}

int policy(Cli& cli, Store& store, const QString& app, const QStringList& sets, const QString& comment)
{
    auto p = store.plan().policy(app);
    if (!p) {
        return cli.fail(p.error());
    }
    for (const QString& set : sets) {
        // LEVEL.FIELD=VALUE, e.g. B.sampling_rate=0.2 or D.health_alerts=true
        const qsizetype dot = set.indexOf(QLatin1Char('.'));
        const qsizetype eq = set.indexOf(QLatin1Char('='));
        const auto level = dot > 0 ? fromString<Level>(set.left(dot)) : std::nullopt;
        if (!level || eq < dot) {
            return cli.usage(Ctl::tr("--set \"%1\": write LEVEL.FIELD=VALUE, e.g. B.sampling_rate=0.2.").arg(set));
        }
        const QString field = set.mid(dot + 1, eq - dot - 1);
        const QString value = set.mid(eq + 1);
        QJsonObject o = toJson(p->levels[int(*level)]);
        if (!o.contains(field) || field == QLatin1String("level")) {
            return cli.usage(Ctl::tr("--set \"%1\": no policy field \"%2\".").arg(set, field));
        }
        if (o.value(field).isBool()) {
            if (value != QLatin1String("true") && value != QLatin1String("false")) {
                return cli.usage(Ctl::tr("--set \"%1\": %2 is true or false.").arg(set, field));
            }
            o.insert(field, value == QLatin1String("true"));
        } else {
            bool ok = false;
            const double number = value.toDouble(&ok);
            if (!ok) {
                return cli.usage(Ctl::tr("--set \"%1\": %2 is a number.").arg(set, field));
            }
            o.insert(field, number);
        }
        auto parsed = levelPolicyFromJson(o);
        if (!std::holds_alternative<LevelPolicy>(parsed)) {
            return cli.usage(Ctl::tr("--set \"%1\" is not a valid policy value.").arg(set));
        }
        p->levels[int(*level)] = std::get<LevelPolicy>(parsed);
    }
    if (!sets.isEmpty()) {
        auto saved = store.plan().setPolicy(*p, comment);
        if (!saved) {
            return cli.fail(saved.error());
        }
        *p = *saved;
    }
    QJsonArray arr;
    for (const LevelPolicy& l : std::as_const(p->levels)) {
        arr.append(toJson(l));
        if (!cli.json) {
            cli.out << QStringLiteral("%1\treject=%2 quarantine=%3 analytics=%4 sampling_rate=%5 warehouse_ods=%6 "
                                      "realtime=%7 health_alerts=%8")
                           .arg(toString(l.level))
                           .arg(l.reject)
                           .arg(l.quarantine)
                           .arg(l.analytics)
                           .arg(l.samplingRate)
                           .arg(l.warehouseOds)
                           .arg(l.realtime)
                           .arg(l.healthAlerts)
                    << Qt::endl;
        }
    }
    if (cli.json) {
        cli.printJson(QJsonObject{{QStringLiteral("app"), app}, {QStringLiteral("levels"), arr}});
    }
    return ExitOk;
}

int rules(Cli& cli, Store& store, const QString& app, const QString& setJson, const QString& comment)
{
    auto r = store.governance().approvalRules(app);
    if (!r) {
        return cli.fail(r.error());
    }
    if (!setJson.isEmpty()) {
        QJsonParseError pe{};
        const QJsonDocument doc = QJsonDocument::fromJson(setJson.toUtf8(), &pe);
        QString error;
        auto parsed = doc.isArray() ? approvalRulesFromJson(doc.array(), &error) : std::nullopt;
        if (!parsed) {
            return cli.usage(Ctl::tr("--set: a JSON list of rules such as "
                                     "[{\"when\":\"core_event\",\"approvers\":[\"data_steward\",\"event_owner\"]}]. %1")
                                 .arg(error.isEmpty() ? pe.errorString() : error));
        }
        ApprovalRules next = *r;
        next.rules = *parsed;
        auto saved = store.governance().setApprovalRules(next, comment);
        if (!saved) {
            return cli.fail(saved.error());
        }
        *r = *saved;
    }
    if (cli.json) {
        cli.printJson(QJsonObject{{QStringLiteral("app"), app}, {QStringLiteral("rules"), toJson(r->rules)}});
        return ExitOk;
    }
    for (const ApprovalRule& rule : std::as_const(r->rules)) {
        QStringList who;
        for (Approver a : rule.approvers) {
            who << toString(a);
        }
        cli.out << QStringLiteral("%1\t%2").arg(toString(rule.when), who.join(QStringLiteral(" + "))) << Qt::endl;
    }
    return ExitOk;
}

int history(Cli& cli, Store& store, const QString& app)
{
    auto list = store.governance().history(app);
    if (!list) {
        return cli.fail(list.error());
    }
    QJsonArray arr;
    for (const GovernanceChange& c : std::as_const(*list)) {
        const QJsonObject o{
            {QStringLiteral("kind"), c.kind},   {QStringLiteral("at"), c.at.toString(Qt::ISODateWithMs)},
            {QStringLiteral("by"), c.by},       {QStringLiteral("before"), c.before},
            {QStringLiteral("after"), c.after}, {QStringLiteral("comment"), c.comment}};
        if (cli.json) {
            arr.append(o);
        } else {
            cli.out << QStringLiteral("%1\t%2\t%3\t%4").arg(c.at.toString(Qt::ISODateWithMs), c.by, c.kind, c.comment)
                    << Qt::endl;
        }
    }
    if (cli.json) {
        cli.printJson(arr);
    }
    return ExitOk;
}

int distribution(Cli& cli, Store& store, const QString& app)
{
    auto list = store.governance().levelDistribution(app);
    if (!list) {
        return cli.fail(list.error());
    }
    QJsonArray arr;
    for (const LevelCount& c : std::as_const(*list)) {
        if (cli.json) {
            arr.append(QJsonObject{{QStringLiteral("category"), c.category},
                                   {QStringLiteral("A"), c.counts[0]},
                                   {QStringLiteral("B"), c.counts[1]},
                                   {QStringLiteral("C"), c.counts[2]},
                                   {QStringLiteral("D"), c.counts[3]}});
        } else {
            cli.out << QStringLiteral("%1\tA=%2\tB=%3\tC=%4\tD=%5")
                           .arg(c.category)
                           .arg(c.counts[0])
                           .arg(c.counts[1])
                           .arg(c.counts[2])
                           .arg(c.counts[3])
                    << Qt::endl;
        }
    }
    if (cli.json) {
        cli.printJson(arr);
    }
    return ExitOk;
}

} // namespace

int cmdGovernance(Cli& cli, const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("ACTION"),
                            Ctl::tr("levels | approve DEMAND [EVENT…] | reject DEMAND [EVENT…] | policy | rules | "
                                    "history | distribution"));
    p.addOption({QStringLiteral("app"), Ctl::tr("The app (levels: all apps without it)."), QStringLiteral("KEY")});
    p.addOption({QStringLiteral("all"), Ctl::tr("levels: decided ones too.")});
    p.addOption(
        {QStringLiteral("comment"), Ctl::tr("A comment kept with the decision or change."), QStringLiteral("TEXT")});
    p.addOption({QStringLiteral("set"),
                 Ctl::tr("policy: LEVEL.FIELD=VALUE (repeatable); rules: the new rules as JSON."),
                 QStringLiteral("VALUE")});
    int code = 0;
    if (!parseCommand(cli, p, args, Ctl::tr("Governance: level approvals, the policy and the approval rules."), code)) {
        return code;
    }
    const QStringList pos = p.positionalArguments();
    const QString action = pos.value(0);
    static const QStringList actions{
        QStringLiteral("levels"), QStringLiteral("approve"), QStringLiteral("reject"),      QStringLiteral("policy"),
        QStringLiteral("rules"),  QStringLiteral("history"), QStringLiteral("distribution")};
    if (!actions.contains(action)) {
        return cli.usage(Ctl::tr("governance needs an action: %1.").arg(actions.join(QStringLiteral(", "))));
    }
    const QString app = p.value(QStringLiteral("app"));
    const bool decides = action == QLatin1String("approve") || action == QLatin1String("reject");
    if (decides && pos.size() < 2) {
        return cli.usage(Ctl::tr("governance %1 needs a DEMAND key (and optionally EVENT keys).").arg(action));
    }
    if (!decides && pos.size() != 1) {
        return cli.usage(Ctl::tr("governance %1 takes no further arguments.").arg(action));
    }
    if (!decides && action != QLatin1String("levels") && app.isEmpty()) {
        return cli.usage(Ctl::tr("governance %1 needs --app.").arg(action));
    }
    const QString comment = p.value(QStringLiteral("comment"));
    if (action == QLatin1String("reject") && comment.trimmed().isEmpty()) {
        return cli.usage(Ctl::tr("Say why: governance reject needs --comment."));
    }
    auto store = cli.openStore();
    if (!store) {
        return ExitStore;
    }
    if (action == QLatin1String("levels")) {
        return levels(cli, *store, app, p.isSet(QStringLiteral("all")));
    }
    if (decides) {
        return decide(cli, *store, pos, action == QLatin1String("approve"), comment);
    }
    if (action == QLatin1String("policy")) {
        return policy(cli, *store, app, p.values(QStringLiteral("set")), comment);
    }
    if (action == QLatin1String("rules")) {
        return rules(cli, *store, app, p.value(QStringLiteral("set")), comment);
    }
    if (action == QLatin1String("history")) {
        return history(cli, *store, app);
    }
    return distribution(cli, *store, app);
}

} // namespace tp::cli
