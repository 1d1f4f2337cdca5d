#include "governance.h"

#include "access.h"
#include "enumlabels.h"
#include "enums.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QMap>
#include <QSet>

#include <algorithm>
#include <array>

namespace tp {
namespace {

template <typename E, std::size_t N> std::optional<E> lookup(const std::array<const char*, N>& names, const QString& s)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (s == QLatin1String(names[i])) {
            return E(i);
        }
    }
    return std::nullopt;
}

constexpr std::array kVerdicts{"comment", "approve", "request_changes", "reject"};
constexpr std::array kConditions{"any_change",   "core_event", "breaking_change",
                                 "level_change", "removal",    "sensitive_attribute"};
constexpr std::array kApprovers{"data_steward", "event_owner", "admin"};
constexpr std::array kDecisions{"pending", "approved", "rejected"};

} // namespace

QString toString(ReviewVerdict v)
{
    return QLatin1String(kVerdicts.at(std::size_t(v)));
}
QString toString(ApprovalCondition v)
{
    return QLatin1String(kConditions.at(std::size_t(v)));
}
QString toString(Approver v)
{
    return QLatin1String(kApprovers.at(std::size_t(v)));
}
QString toString(LevelDecision v)
{
    return QLatin1String(kDecisions.at(std::size_t(v)));
}
std::optional<ReviewVerdict> reviewVerdictFromString(const QString& s)
{
    return lookup<ReviewVerdict>(kVerdicts, s);
}
std::optional<ApprovalCondition> approvalConditionFromString(const QString& s)
{
    return lookup<ApprovalCondition>(kConditions, s);
}
std::optional<Approver> approverFromString(const QString& s)
{
    return lookup<Approver>(kApprovers, s);
}

const QList<ApprovalCondition>& allApprovalConditions()
{
    static const QList<ApprovalCondition> all{ApprovalCondition::AnyChange,      ApprovalCondition::CoreEvent,
                                              ApprovalCondition::BreakingChange, ApprovalCondition::LevelChange,
                                              ApprovalCondition::Removal,        ApprovalCondition::SensitiveAttribute};
    return all;
}

const QList<Approver>& allApprovers()
{
    static const QList<Approver> all{Approver::DataSteward, Approver::EventOwner, Approver::Admin};
    return all;
}

QList<ApprovalRule> defaultApprovalRules()
{
    return {{ApprovalCondition::AnyChange, {Approver::DataSteward}},
            {ApprovalCondition::CoreEvent, {Approver::DataSteward, Approver::EventOwner}},
            {ApprovalCondition::BreakingChange, {Approver::DataSteward, Approver::EventOwner}}};
}

QJsonArray toJson(const QList<ApprovalRule>& rules)
{
    QJsonArray out;
    for (const ApprovalRule& r : rules) {
        QJsonArray approvers;
        for (Approver a : r.approvers) {
            approvers.append(toString(a));
        }
        out.append(QJsonObject{{QStringLiteral("when"), toString(r.when)}, {QStringLiteral("approvers"), approvers}});
    }
    return out;
}

std::optional<QList<ApprovalRule>> approvalRulesFromJson(const QJsonArray& array, QString* error)
{
    QList<ApprovalRule> out;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject o = array.at(i).toObject();
        const auto when = approvalConditionFromString(o.value(QStringLiteral("when")).toString());
        if (!when) {
            *error = QCoreApplication::translate("tp::governance", "Rule %1: unknown condition \"%2\".")
                         .arg(i + 1)
                         .arg(o.value(QStringLiteral("when")).toString());
            return std::nullopt;
        }
        ApprovalRule rule{*when, {}};
        const QJsonArray approvers = o.value(QStringLiteral("approvers")).toArray();
        for (const QJsonValue& v : approvers) {
            const auto a = approverFromString(v.toString());
            if (!a) {
                *error = QCoreApplication::translate("tp::governance", "Rule %1: unknown approver \"%2\".")
                             .arg(i + 1)
                             .arg(v.toString());
                return std::nullopt;
            }
            if (!rule.approvers.contains(*a)) {
                rule.approvers.append(*a);
            }
        }
        if (rule.approvers.isEmpty()) {
            *error = QCoreApplication::translate("tp::governance", "Rule %1 names no approver.").arg(i + 1);
            return std::nullopt;
        }
        out.append(rule);
    }
    return out;
}

QString conditionLabel(ApprovalCondition c)
{
    switch (c) {
    case ApprovalCondition::AnyChange:
        return QCoreApplication::translate("tp::governance", "Every change");
    case ApprovalCondition::CoreEvent:
        return QCoreApplication::translate("tp::governance", "Core (D) events");
    case ApprovalCondition::BreakingChange:
        return QCoreApplication::translate("tp::governance", "Breaking schema changes");
    case ApprovalCondition::LevelChange:
        return QCoreApplication::translate("tp::governance", "Level changes");
    case ApprovalCondition::Removal:
        return QCoreApplication::translate("tp::governance", "Removals");
    case ApprovalCondition::SensitiveAttribute:
        return QCoreApplication::translate("tp::governance", "Personal or sensitive attributes");
    }
    return {};
}

QString approverLabel(Approver a)
{
    switch (a) {
    case Approver::DataSteward:
        return QCoreApplication::translate("tp::governance", "Data steward");
    case Approver::EventOwner:
        return QCoreApplication::translate("tp::governance", "Event owner");
    case Approver::Admin:
        return QCoreApplication::translate("tp::governance", "Admin");
    }
    return {};
}

QString verdictLabel(ReviewVerdict v)
{
    switch (v) {
    case ReviewVerdict::Comment:
        return QCoreApplication::translate("tp::governance", "Comment");
    case ReviewVerdict::Approve:
        return QCoreApplication::translate("tp::governance", "Approved");
    case ReviewVerdict::RequestChanges:
        return QCoreApplication::translate("tp::governance", "Changes requested");
    case ReviewVerdict::Reject:
        return QCoreApplication::translate("tp::governance", "Rejected");
    }
    return {};
}

QString levelDecisionLabel(LevelDecision d)
{
    switch (d) {
    case LevelDecision::Pending:
        return QCoreApplication::translate("tp::governance", "Pending");
    case LevelDecision::Approved:
        return QCoreApplication::translate("tp::governance", "Approved");
    case LevelDecision::Rejected:
        return QCoreApplication::translate("tp::governance", "Rejected");
    }
    return {};
}

QString ruleText(const ApprovalRule& rule)
{
    QStringList who;
    for (Approver a : rule.approvers) {
        who << approverLabel(a);
    }
    return QCoreApplication::translate("tp::governance", "%1 → %2")
        .arg(conditionLabel(rule.when), who.join(QStringLiteral(" + ")));
}

namespace {

bool matches(ApprovalCondition c, const ReviewedChange& ch)
{
    switch (c) {
    case ApprovalCondition::AnyChange:
        return true;
    case ApprovalCondition::CoreEvent:
        return ch.kind == EntityKind::Event && (ch.levelBefore == Level::D || ch.levelAfter == Level::D);
    case ApprovalCondition::BreakingChange:
        return ch.schemaClass == ChangeClass::Model;
    case ApprovalCondition::LevelChange:
        return ch.kind == EntityKind::Event && ch.levelAfter && ch.levelBefore != ch.levelAfter;
    case ApprovalCondition::Removal:
        return ch.op == ChangeOp::Delete;
    case ApprovalCondition::SensitiveAttribute:
        return ch.sensitive;
    }
    return false;
}

bool isSteward(Role r)
{
    return r == Role::DataSteward || r == Role::Admin;
}

} // namespace

QList<Requirement> evaluateRequirements(const QList<ApprovalRule>& rules, const QList<ReviewedChange>& changes,
                                        const QList<GivenApproval>& given, const QString& demandOwner)
{
    // Keyed by (approver, user) so that one approval covers every reason it is needed for.
    QMap<std::pair<int, QString>, Requirement> needed;
    QSet<QString> seen; // a demand may hold thousands of changes: no linear search per reason
    auto need = [&](Approver a, const QString& user, const RequirementReason& why) {
        Requirement& r = needed[{int(a), user}];
        r.approver = a;
        r.user = user;
        const QString id = QStringLiteral("%1|%2|%3|%4|%5")
                               .arg(int(a))
                               .arg(user)
                               .arg(int(why.condition))
                               .arg(int(why.kind))
                               .arg(why.entityKey);
        if (!seen.contains(id)) {
            seen.insert(id);
            r.reasons.append(why);
        }
    };
    for (const ReviewedChange& ch : changes) {
        for (const ApprovalRule& rule : rules) {
            if (!matches(rule.when, ch)) {
                continue;
            }
            // "Every change" is one reason, not one per change.
            const RequirementReason why = rule.when == ApprovalCondition::AnyChange
                ? RequirementReason{rule.when, EntityKind::Event, QString()}
                : RequirementReason{rule.when, ch.kind, ch.key};
            for (Approver a : rule.approvers) {
                if (a != Approver::EventOwner) {
                    need(a, QString(), why);
                } else if (ch.owners.isEmpty()) {
                    need(Approver::EventOwner, QString(), why);
                } else {
                    for (const QString& owner : ch.owners) {
                        need(Approver::EventOwner, owner, why);
                    }
                }
            }
        }
    }
    QList<Requirement> out;
    for (Requirement r : std::as_const(needed)) {
        for (const GivenApproval& g : given) {
            bool ok = false;
            switch (r.approver) {
            case Approver::DataSteward:
                ok = isSteward(g.role);
                break;
            case Approver::Admin:
                ok = g.role == Role::Admin;
                break;
            case Approver::EventOwner:
                ok = r.user.isEmpty() ? isSteward(g.role) : g.user == r.user;
                break;
            }
            if (ok) {
                r.satisfied = true;
                r.satisfiedBy = g.user;
                break;
            }
        }
        if (!r.satisfied && r.approver == Approver::EventOwner && !r.user.isEmpty() && r.user == demandOwner) {
            r.satisfied = true;
            r.satisfiedBy = demandOwner;
            r.byAuthor = true;
        }
        out.append(r);
    }
    return out; // QMap order: stewards, owners by name, admins
}

QString requirementText(const Requirement& r)
{
    QString who;
    switch (r.approver) {
    case Approver::DataSteward:
        who = QCoreApplication::translate("tp::governance", "A data steward");
        break;
    case Approver::Admin:
        who = QCoreApplication::translate("tp::governance", "An admin");
        break;
    case Approver::EventOwner:
        who = r.user.isEmpty()
            ? QCoreApplication::translate("tp::governance", "A data steward for events without owner")
            : QCoreApplication::translate("tp::governance", "Event owner %1").arg(r.user);
        break;
    }
    QStringList why;
    constexpr int kShown = 3;
    for (int i = 0; i < r.reasons.size() && i < kShown; ++i) {
        const RequirementReason& reason = r.reasons.at(i);
        why << (reason.condition == ApprovalCondition::AnyChange
                    ? conditionLabel(reason.condition)
                    : QCoreApplication::translate("tp::governance", "%1: %2")
                          .arg(conditionLabel(reason.condition), reason.entityKey));
    }
    if (r.reasons.size() > kShown) {
        why << QCoreApplication::translate("tp::governance", "and %n more", nullptr, int(r.reasons.size() - kShown));
    }
    return QCoreApplication::translate("tp::governance", "%1 — %2").arg(who, why.join(listSeparator()));
}

} // namespace tp
