#include "governancetext.h"

#include "enumlabels.h"
#include "enums.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QLocale>

namespace tp {
namespace {

/// The translation context of these texts (lupdate reads Text::tr calls).
class Text {
    Q_DECLARE_TR_FUNCTIONS(tp::governance)
};

QString approversText(const QList<Approver>& approvers)
{
    QStringList names;
    for (Approver a : approvers) {
        names << approverLabel(a);
    }
    return names.join(QStringLiteral(" + "));
}

/// The rules of a history state; an unreadable state as no rules.
QList<ApprovalRule> rulesOf(const QJsonValue& state)
{
    QString error;
    return approvalRulesFromJson(state.toArray(), &error).value_or(QList<ApprovalRule>{});
}

/// The level policies of a history state by level letter.
QHash<QString, QJsonObject> levelsOf(const QJsonValue& state)
{
    QHash<QString, QJsonObject> out;
    for (const QJsonValue& v : state.toArray()) {
        const QJsonObject o = v.toObject();
        out.insert(o.value(QLatin1String("level")).toString(), o);
    }
    return out;
}

QString levelName(const QString& letter)
{
    const auto level = fromString<Level>(letter);
    return level ? levelLabel(*level) : letter;
}

QStringList policyLines(const GovernanceChange& change)
{
    const QHash<QString, QJsonObject> before = levelsOf(change.before);
    const QHash<QString, QJsonObject> after = levelsOf(change.after);
    QStringList lines;
    for (const char* letter : {"A", "B", "C", "D"}) {
        const QString l = QString::fromLatin1(letter);
        const QJsonObject b = before.value(l);
        const QJsonObject a = after.value(l);
        for (const QString& field : policyFields()) {
            const QJsonValue bv = b.value(field);
            const QJsonValue av = a.value(field);
            if (bv == av) {
                continue;
            }
            lines << Text::tr("%1 — %2: %3 → %4")
                         .arg(levelName(l), policyFieldLabel(field), policyValueText(field, bv),
                              policyValueText(field, av));
        }
    }
    return lines;
}

QStringList ruleLines(const GovernanceChange& change)
{
    QList<ApprovalRule> before = rulesOf(change.before);
    QList<ApprovalRule> after = rulesOf(change.after);
    // Rules in both stay unmentioned.
    for (qsizetype i = before.size() - 1; i >= 0; --i) {
        if (const qsizetype j = after.indexOf(before.at(i)); j >= 0) {
            before.removeAt(i);
            after.removeAt(j);
        }
    }
    QStringList lines;
    // One rule of a condition on each side: its approvers changed.
    const auto count = [](const QList<ApprovalRule>& rules, ApprovalCondition c) {
        return std::count_if(rules.cbegin(), rules.cend(), [c](const ApprovalRule& r) { return r.when == c; });
    };
    for (qsizetype i = before.size() - 1; i >= 0; --i) {
        const ApprovalCondition c = before.at(i).when;
        if (count(before, c) != 1 || count(after, c) != 1) {
            continue;
        }
        const auto j = std::find_if(after.cbegin(), after.cend(), [c](const ApprovalRule& r) { return r.when == c; });
        lines.prepend(Text::tr("%1: %2 → %3")
                          .arg(conditionLabel(c), approversText(before.at(i).approvers), approversText(j->approvers)));
        after.erase(j);
        before.removeAt(i);
    }
    for (const ApprovalRule& r : std::as_const(before)) {
        lines << Text::tr("Removed: %1").arg(ruleText(r));
    }
    for (const ApprovalRule& r : std::as_const(after)) {
        lines << Text::tr("Added: %1").arg(ruleText(r));
    }
    return lines;
}

} // namespace

const QStringList& policyFields()
{
    static const QStringList fields{QStringLiteral("reject"),        QStringLiteral("quarantine"),
                                    QStringLiteral("analytics"),     QStringLiteral("sampling_rate"),
                                    QStringLiteral("warehouse_ods"), QStringLiteral("realtime"),
                                    QStringLiteral("health_alerts")};
    return fields;
}

QString policyFieldLabel(const QString& field)
{
    static const QHash<QString, const char*> labels{
        {QStringLiteral("reject"), QT_TRANSLATE_NOOP("tp::governance", "Reject")},
        {QStringLiteral("quarantine"), QT_TRANSLATE_NOOP("tp::governance", "Quarantine")},
        {QStringLiteral("analytics"), QT_TRANSLATE_NOOP("tp::governance", "Analytics")},
        {QStringLiteral("sampling_rate"), QT_TRANSLATE_NOOP("tp::governance", "Sampling rate")},
        {QStringLiteral("warehouse_ods"), QT_TRANSLATE_NOOP("tp::governance", "Warehouse ODS")},
        {QStringLiteral("realtime"), QT_TRANSLATE_NOOP("tp::governance", "Real-time")},
        {QStringLiteral("health_alerts"), QT_TRANSLATE_NOOP("tp::governance", "Health alerts")},
    };
    const char* label = labels.value(field);
    return label ? Text::tr(label) : field;
}

QString policyFieldHelp(const QString& field)
{
    static const QHash<QString, const char*> help{
        {QStringLiteral("reject"), QT_TRANSLATE_NOOP("tp::governance", "Refuse events of this level at collection")},
        {QStringLiteral("quarantine"),
         QT_TRANSLATE_NOOP("tp::governance", "Route events of this level to the quarantine topic")},
        {QStringLiteral("analytics"),
         QT_TRANSLATE_NOOP("tp::governance", "Send events of this level to the analytics tool")},
        {QStringLiteral("sampling_rate"),
         QT_TRANSLATE_NOOP("tp::governance", "Share of the events of this level that is kept (0–100 %)")},
        {QStringLiteral("warehouse_ods"),
         QT_TRANSLATE_NOOP("tp::governance", "Load events of this level into the warehouse ODS layer")},
        {QStringLiteral("realtime"),
         QT_TRANSLATE_NOOP("tp::governance", "Send events of this level to the real-time stream")},
        {QStringLiteral("health_alerts"),
         QT_TRANSLATE_NOOP("tp::governance", "Watch the health of events of this level and alert on problems")},
    };
    const char* text = help.value(field);
    return text ? Text::tr(text) : QString();
}

QString samplingText(double rate)
{
    return Text::tr("%1 %").arg(QLocale().toString(rate * 100.0, 'g', 4));
}

QString policyValueText(const QString& field, const QJsonValue& value)
{
    if (value.isUndefined() || value.isNull()) {
        return QStringLiteral("—");
    }
    if (field == QLatin1String("sampling_rate")) {
        return samplingText(value.toDouble());
    }
    if (value.isBool()) {
        return value.toBool() ? Text::tr("yes") : Text::tr("no");
    }
    return value.toVariant().toString();
}

QString levelPolicySummary(const QJsonObject& levelPolicy)
{
    QStringList parts;
    for (const QString& field : policyFields()) {
        const QJsonValue v = levelPolicy.value(field);
        if (field == QLatin1String("sampling_rate")) {
            if (!v.isUndefined() && v.toDouble() < 1.0 && levelPolicy.value(QLatin1String("analytics")).toBool()) {
                parts << Text::tr("sampling %1").arg(samplingText(v.toDouble()));
            }
        } else if (v.toBool()) {
            parts << policyFieldLabel(field);
        }
    }
    return parts.isEmpty() ? Text::tr("nothing") : parts.join(QStringLiteral(", "));
}

QStringList governanceChangeLines(const GovernanceChange& change)
{
    const QStringList lines = change.kind == QLatin1String("rules") ? ruleLines(change) : policyLines(change);
    return lines.isEmpty() ? QStringList{Text::tr("No setting changed.")} : lines;
}

QString governanceKindLabel(const QString& kind)
{
    if (kind == QLatin1String("policy")) {
        return Text::tr("Policy");
    }
    if (kind == QLatin1String("rules")) {
        return Text::tr("Approval rules");
    }
    return kind;
}

} // namespace tp
