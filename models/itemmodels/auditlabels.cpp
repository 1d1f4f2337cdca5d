#include "auditlabels.h"

#include "access.h"
#include "enumlabels.h"
#include "enums.h"
#include "governance.h"
#include "governancetext.h"
#include "jsontext.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <utility>

namespace tp {
namespace {

/// The translation context of these texts (lupdate reads Text::tr calls).
class Text {
    Q_DECLARE_TR_FUNCTIONS(tp::audit)
};

/// Action spellings and their labels, in the order the filter lists them.
const QList<std::pair<QString, const char*>>& actionTable()
{
    static const QList<std::pair<QString, const char*>> table{
        {QStringLiteral("app.create"), QT_TRANSLATE_NOOP("tp::audit", "App created")},
        {QStringLiteral("app.update"), QT_TRANSLATE_NOOP("tp::audit", "App changed")},
        {QStringLiteral("user.create"), QT_TRANSLATE_NOOP("tp::audit", "User added")},
        {QStringLiteral("user.set_role"), QT_TRANSLATE_NOOP("tp::audit", "Role changed")},
        {QStringLiteral("demand.create"), QT_TRANSLATE_NOOP("tp::audit", "Demand created")},
        {QStringLiteral("demand.update"), QT_TRANSLATE_NOOP("tp::audit", "Demand edited")},
        {QStringLiteral("demand.submit"), QT_TRANSLATE_NOOP("tp::audit", "Demand submitted")},
        {QStringLiteral("demand.comment"), QT_TRANSLATE_NOOP("tp::audit", "Demand commented")},
        {QStringLiteral("demand.sign_off"), QT_TRANSLATE_NOOP("tp::audit", "Signed off as event owner")},
        {QStringLiteral("demand.approve"), QT_TRANSLATE_NOOP("tp::audit", "Demand approved")},
        {QStringLiteral("demand.request_changes"), QT_TRANSLATE_NOOP("tp::audit", "Changes requested")},
        {QStringLiteral("demand.reject"), QT_TRANSLATE_NOOP("tp::audit", "Demand rejected")},
        {QStringLiteral("demand.reopen"), QT_TRANSLATE_NOOP("tp::audit", "Demand reopened")},
        {QStringLiteral("demand.cancel"), QT_TRANSLATE_NOOP("tp::audit", "Demand cancelled")},
        {QStringLiteral("demand.merge"), QT_TRANSLATE_NOOP("tp::audit", "Demand merged")},
        {QStringLiteral("change.save"), QT_TRANSLATE_NOOP("tp::audit", "Change saved")},
        {QStringLiteral("change.save_batch"), QT_TRANSLATE_NOOP("tp::audit", "Changes saved in bulk")},
        {QStringLiteral("change.discard"), QT_TRANSLATE_NOOP("tp::audit", "Change discarded")},
        {QStringLiteral("change.resolve"), QT_TRANSLATE_NOOP("tp::audit", "Conflict resolved")},
        {QStringLiteral("level.approve"), QT_TRANSLATE_NOOP("tp::audit", "Level approved")},
        {QStringLiteral("level.reject"), QT_TRANSLATE_NOOP("tp::audit", "Level rejected")},
        {QStringLiteral("version.create"), QT_TRANSLATE_NOOP("tp::audit", "Version created")},
        {QStringLiteral("version.assign_demand"), QT_TRANSLATE_NOOP("tp::audit", "Demand assigned to version")},
        {QStringLiteral("version.unassign_demand"), QT_TRANSLATE_NOOP("tp::audit", "Demand taken off version")},
        {QStringLiteral("version.freeze"), QT_TRANSLATE_NOOP("tp::audit", "Version frozen")},
        {QStringLiteral("version.release"), QT_TRANSLATE_NOOP("tp::audit", "Version released")},
        {QStringLiteral("policy.update"), QT_TRANSLATE_NOOP("tp::audit", "Policy changed")},
        {QStringLiteral("rules.update"), QT_TRANSLATE_NOOP("tp::audit", "Approval rules changed")},
        {QStringLiteral("publish.publish"), QT_TRANSLATE_NOOP("tp::audit", "Published to Redis")},
        {QStringLiteral("publish.rollback"), QT_TRANSLATE_NOOP("tp::audit", "Rolled back in Redis")},
        {QStringLiteral("metrics.write"), QT_TRANSLATE_NOOP("tp::audit", "Metrics loaded")},
    };
    return table;
}

const QList<std::pair<QString, const char*>>& entityTable()
{
    static const QList<std::pair<QString, const char*>> table{
        {QStringLiteral("app"), QT_TRANSLATE_NOOP("tp::audit", "App")},
        {QStringLiteral("user"), QT_TRANSLATE_NOOP("tp::audit", "User")},
        {QStringLiteral("demand"), QT_TRANSLATE_NOOP("tp::audit", "Demand")},
        {QStringLiteral("demands"), QT_TRANSLATE_NOOP("tp::audit", "Demands")},
        {QStringLiteral("change"), QT_TRANSLATE_NOOP("tp::audit", "Change")},
        {QStringLiteral("version"), QT_TRANSLATE_NOOP("tp::audit", "Version")},
        {QStringLiteral("policy"), QT_TRANSLATE_NOOP("tp::audit", "Policy")},
        {QStringLiteral("rules"), QT_TRANSLATE_NOOP("tp::audit", "Approval rules")},
        {QStringLiteral("publish"), QT_TRANSLATE_NOOP("tp::audit", "Publication")},
        {QStringLiteral("metrics"), QT_TRANSLATE_NOOP("tp::audit", "Metrics")},
    };
    return table;
}

QString lookup(const QList<std::pair<QString, const char*>>& table, const QString& key)
{
    for (const auto& [spelling, label] : table) {
        if (spelling == key) {
            return Text::tr(label);
        }
    }
    return key;
}

QString detailLabel(const QString& key)
{
    static const QHash<QString, const char*> labels{
        {QStringLiteral("demand"), QT_TRANSLATE_NOOP("tp::audit", "Demand")},
        {QStringLiteral("demands"), QT_TRANSLATE_NOOP("tp::audit", "Demands")},
        {QStringLiteral("kind"), QT_TRANSLATE_NOOP("tp::audit", "Kind")},
        {QStringLiteral("op"), QT_TRANSLATE_NOOP("tp::audit", "Operation")},
        {QStringLiteral("from"), QT_TRANSLATE_NOOP("tp::audit", "From")},
        {QStringLiteral("to"), QT_TRANSLATE_NOOP("tp::audit", "To")},
        {QStringLiteral("comment"), QT_TRANSLATE_NOOP("tp::audit", "Comment")},
        {QStringLiteral("body"), QT_TRANSLATE_NOOP("tp::audit", "Comment")},
        {QStringLiteral("round"), QT_TRANSLATE_NOOP("tp::audit", "Review round")},
        {QStringLiteral("on"), QT_TRANSLATE_NOOP("tp::audit", "On")},
        {QStringLiteral("levels"), QT_TRANSLATE_NOOP("tp::audit", "Levels")},
        {QStringLiteral("count"), QT_TRANSLATE_NOOP("tp::audit", "Count")},
        {QStringLiteral("as"), QT_TRANSLATE_NOOP("tp::audit", "As")},
        {QStringLiteral("rules"), QT_TRANSLATE_NOOP("tp::audit", "Rules")},
        {QStringLiteral("title"), QT_TRANSLATE_NOOP("tp::audit", "Title")},
        {QStringLiteral("priority"), QT_TRANSLATE_NOOP("tp::audit", "Priority")},
        {QStringLiteral("role"), QT_TRANSLATE_NOOP("tp::audit", "Role")},
        {QStringLiteral("login"), QT_TRANSLATE_NOOP("tp::audit", "Database login")},
        {QStringLiteral("changes"), QT_TRANSLATE_NOOP("tp::audit", "Changes")},
        {QStringLiteral("revisions"), QT_TRANSLATE_NOOP("tp::audit", "Revisions written")},
        {QStringLiteral("plan_seq"), QT_TRANSLATE_NOOP("tp::audit", "Plan sequence")},
        {QStringLiteral("attributes"), QT_TRANSLATE_NOOP("tp::audit", "Attributes")},
        {QStringLiteral("events"), QT_TRANSLATE_NOOP("tp::audit", "Events")},
        {QStringLiteral("redis"), QT_TRANSLATE_NOOP("tp::audit", "Redis")},
        {QStringLiteral("snapshot"), QT_TRANSLATE_NOOP("tp::audit", "Snapshot")},
        {QStringLiteral("versions"), QT_TRANSLATE_NOOP("tp::audit", "Versions")},
        {QStringLiteral("ok"), QT_TRANSLATE_NOOP("tp::audit", "Succeeded")},
        {QStringLiteral("rows"), QT_TRANSLATE_NOOP("tp::audit", "Rows")},
        {QStringLiteral("source"), QT_TRANSLATE_NOOP("tp::audit", "Source")},
        {QStringLiteral("first_day"), QT_TRANSLATE_NOOP("tp::audit", "First day")},
        {QStringLiteral("last_day"), QT_TRANSLATE_NOOP("tp::audit", "Last day")},
        {QStringLiteral("based_on"), QT_TRANSLATE_NOOP("tp::audit", "Based on revision")},
        {QStringLiteral("outcome"), QT_TRANSLATE_NOOP("tp::audit", "Outcome")},
    };
    const char* label = labels.value(key);
    return label ? Text::tr(label) : fieldLabel(key);
}

/// An enum spelling as its label where the key says which enum it is; else the value as text.
QString detailValue(const QString& key, const QJsonValue& value)
{
    const QString s = value.toString();
    if (value.isString()) {
        if (key == QLatin1String("from") || key == QLatin1String("to") || key == QLatin1String("status")) {
            if (const auto status = fromString<DemandStatus>(s)) {
                return demandStatusLabel(*status);
            }
            if (const auto role = fromString<Role>(s)) {
                return roleLabel(*role);
            }
        }
        if (key == QLatin1String("priority")) {
            if (const auto p = fromString<Priority>(s)) {
                return priorityLabel(*p);
            }
        }
        if (key == QLatin1String("kind") || key == QLatin1String("op") || key == QLatin1String("outcome")) {
            static const QHash<QString, const char*> words{
                {QStringLiteral("event"), QT_TRANSLATE_NOOP("tp::audit", "event")},
                {QStringLiteral("attribute"), QT_TRANSLATE_NOOP("tp::audit", "attribute")},
                {QStringLiteral("create"), QT_TRANSLATE_NOOP("tp::audit", "new")},
                {QStringLiteral("update"), QT_TRANSLATE_NOOP("tp::audit", "change")},
                {QStringLiteral("delete"), QT_TRANSLATE_NOOP("tp::audit", "removal")},
            };
            if (const char* word = words.value(s)) {
                return Text::tr(word);
            }
        }
    }
    if (value.isBool()) {
        return value.toBool() ? Text::tr("yes") : Text::tr("no");
    }
    if (key == QLatin1String("rules") && value.isArray()) {
        QString error;
        if (const auto rules = approvalRulesFromJson(value.toArray(), &error)) {
            QStringList lines;
            for (const ApprovalRule& r : *rules) {
                lines << ruleText(r);
            }
            return lines.join(listSeparator());
        }
    }
    if (key == QLatin1String("levels") && value.isArray()) {
        QStringList lines;
        for (const QJsonValue& v : value.toArray()) {
            if (v.isObject()) { // a policy: one summary per level
                const QJsonObject o = v.toObject();
                const auto level = fromString<Level>(o.value(QLatin1String("level")).toString());
                lines << Text::tr("%1: %2").arg(level ? levelLabel(*level) : QStringLiteral("?"),
                                                levelPolicySummary(o));
            } else {
                lines << jsonValueText(v); // level decisions: "DEM-0001 order_pay B→D"
            }
        }
        return lines.join(listSeparator());
    }
    return jsonValueText(value);
}

} // namespace

const QStringList& auditActions()
{
    static const QStringList actions = [] {
        QStringList out;
        for (const auto& entry : actionTable()) {
            out << entry.first;
        }
        return out;
    }();
    return actions;
}

QString auditActionLabel(const QString& action)
{
    return lookup(actionTable(), action);
}

const QStringList& auditEntityTypes()
{
    static const QStringList types = [] {
        QStringList out;
        for (const auto& entry : entityTable()) {
            out << entry.first;
        }
        return out;
    }();
    return types;
}

QString auditEntityTypeLabel(const QString& entityType)
{
    return lookup(entityTable(), entityType);
}

QStringList auditDetailLines(const QJsonObject& details)
{
    QStringList lines;
    // QJsonObject iterates by key; the store's keys read well in that order too.
    for (auto it = details.constBegin(); it != details.constEnd(); ++it) {
        lines << Text::tr("%1: %2").arg(detailLabel(it.key()), detailValue(it.key(), it.value()));
    }
    return lines;
}

} // namespace tp
