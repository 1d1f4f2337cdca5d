#pragma once

// Review before merge and governance approvals as plain values, and the pure function that
// decides which approvals a demand still needs (the store feeds it; tests call it directly).
//
// A demand's approval rules (per app) say, for changes matching a condition, who must approve:
// a data steward, the owner of each event concerned, or an admin. Approvals count in the
// demand's current review round only (each submit starts one). Separately, every event whose
// governance level a demand sets or changes needs a data steward's decision on that level.

#include "schemachange.h"
#include "types.h"

#include <QJsonArray>
#include <QList>
#include <QString>

#include <optional>

namespace tp {

enum class ReviewVerdict { Comment, Approve, RequestChanges, Reject };
enum class ApprovalCondition { AnyChange, CoreEvent, BreakingChange, LevelChange, Removal, SensitiveAttribute };
enum class Approver { DataSteward, EventOwner, Admin };
enum class LevelDecision { Pending, Approved, Rejected };

struct ApprovalRule {
    ApprovalCondition when = ApprovalCondition::AnyChange;
    QList<Approver> approvers; ///< all of them must approve
    friend bool operator==(const ApprovalRule&, const ApprovalRule&) = default;
};

struct ApprovalRules {
    QString appKey;
    QList<ApprovalRule> rules;
    qint64 rowVersion = 0;
};

/// Every demand: a steward; core (D) events and breaking schema changes: a steward and the owner.
[[nodiscard]] QList<ApprovalRule> defaultApprovalRules();
[[nodiscard]] QJsonArray toJson(const QList<ApprovalRule>& rules);
/// Parses the stored form; nullopt (and `error`) if anything is unknown.
[[nodiscard]] std::optional<QList<ApprovalRule>> approvalRulesFromJson(const QJsonArray& array, QString* error);

[[nodiscard]] QString toString(ReviewVerdict v);
[[nodiscard]] QString toString(ApprovalCondition v);
[[nodiscard]] QString toString(Approver v);
[[nodiscard]] QString toString(LevelDecision v);
[[nodiscard]] std::optional<ReviewVerdict> reviewVerdictFromString(const QString& s);
[[nodiscard]] std::optional<ApprovalCondition> approvalConditionFromString(const QString& s);
[[nodiscard]] std::optional<Approver> approverFromString(const QString& s);
[[nodiscard]] const QList<ApprovalCondition>& allApprovalConditions();
[[nodiscard]] const QList<Approver>& allApprovers();

/// Translated: "Every change", "Core (D) events" …
[[nodiscard]] QString conditionLabel(ApprovalCondition c);
/// Translated: "Data steward", "Event owner", "Admin".
[[nodiscard]] QString approverLabel(Approver a);
/// Translated: "Comment", "Approved", "Changes requested", "Rejected".
[[nodiscard]] QString verdictLabel(ReviewVerdict v);
/// Translated: "Pending", "Approved", "Rejected".
[[nodiscard]] QString levelDecisionLabel(LevelDecision d);
/// Translated one-line rule: "Core (D) events → Data steward + Event owner".
[[nodiscard]] QString ruleText(const ApprovalRule& rule);

/// A comment or verdict on a demand (entityKey empty) or on one of its changes.
struct Review {
    qint64 id = 0;
    QString demandKey;
    int round = 0;
    std::optional<EntityKind> kind; ///< set for a comment on one change
    QString entityKey;
    QString author;
    ReviewVerdict verdict = ReviewVerdict::Comment;
    QString body;
    QDateTime at;
};

/// One governance level set under a demand: the steward's queue.
struct LevelRequest {
    QString appKey;
    QString demandKey;
    QString demandTitle;
    DemandStatus demandStatus = DemandStatus::Draft;
    QString eventKey;
    QString eventName;
    QString category;
    QString owner;             ///< the event's owner as proposed
    QString proposedBy;        ///< author of the change
    std::optional<Level> from; ///< level in the plan now (none: a new event)
    Level to = Level::B;
    LevelDecision decision = LevelDecision::Pending;
    QString decidedBy;
    QDateTime decidedAt;
    QString comment;
};

/// One change of a demand as the approval rules see it.
struct ReviewedChange {
    EntityKind kind = EntityKind::Event;
    QString key;
    ChangeOp op = ChangeOp::Update;
    std::optional<Level> levelBefore; ///< events: the level in the plan now
    std::optional<Level> levelAfter;  ///< events: the proposed level (none for a removal)
    ChangeClass schemaClass = ChangeClass::None;
    bool sensitive = false; ///< a personal or sensitive attribute is added, changed or bound
    QStringList owners;     ///< event: its owner; attribute: owners of the events using it
};

/// Who approved in the current round, with their role at the time of evaluation.
struct GivenApproval {
    QString user;
    Role role = Role::Analyst;
};

/// Why an approval is needed: a rule's condition met by one change.
struct RequirementReason {
    ApprovalCondition condition = ApprovalCondition::AnyChange;
    EntityKind kind = EntityKind::Event;
    QString entityKey;
    friend bool operator==(const RequirementReason&, const RequirementReason&) = default;
};

/// One approval a demand needs.
struct Requirement {
    Approver approver = Approver::DataSteward;
    QString user; ///< EventOwner: the owner who must approve (empty: no owner, a steward signs)
    QList<RequirementReason> reasons;
    bool satisfied = false;
    QString satisfiedBy;
    bool byAuthor = false; ///< an owner's approval given by sending the demand themselves
};

/// The approvals `changes` need under `rules`, and which of them `given` satisfies. A data
/// steward requirement is met by a steward or admin; an owner's by that user, or when that user
/// owns the demand (they sent it); an event without owner falls to a steward. Sorted: stewards,
/// owners by name, admins.
[[nodiscard]] QList<Requirement> evaluateRequirements(const QList<ApprovalRule>& rules,
                                                      const QList<ReviewedChange>& changes,
                                                      const QList<GivenApproval>& given, const QString& demandOwner);

/// Translated, e.g. "Event owner zhang.wei — core event order_submit; breaking change of order_submit".
[[nodiscard]] QString requirementText(const Requirement& requirement);

/// Events per category and level (index 0..3 = A..D), for the governance page.
struct LevelCount {
    QString category; ///< empty category shown as such
    int counts[4] = {0, 0, 0, 0};
    [[nodiscard]] int total() const { return counts[0] + counts[1] + counts[2] + counts[3]; }
};

} // namespace tp
