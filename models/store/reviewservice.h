#pragma once

#include "governance.h"
#include "storecontext.h"

#include <QHash>

#include <memory>
#include <optional>

namespace tp {

/// Where a demand stands in its review: the approvals its changes need under the app's
/// rules, the levels it sets, and the discussion.
struct ReviewState {
    Demand demand;
    int round = 0; ///< current review round (0: never submitted)
    QList<Requirement> requirements;
    QList<LevelRequest> levels; ///< levels this demand sets or changes
    QList<Review> reviews;      ///< every round, oldest first
    /// Every requirement met and every level approved.
    [[nodiscard]] bool approvalsComplete() const;
    /// What is still missing, one translated sentence each (empty when complete).
    [[nodiscard]] QStringList missing() const;
};

/// Review before merge: comments, sign-offs, the approvals a demand still needs, and the data
/// stewards' decisions on governance levels. Demand status moves (submit, approve, request
/// changes, merge) stay in DemandService, which asks this service before merging.
class ReviewService {
public:
    explicit ReviewService(StoreContext& ctx)
        : m_ctx(ctx)
    {
    }

    /// A comment on the demand, or on one of its changes when `kind` is set.
    [[nodiscard]] Result<Review> comment(const QString& demandKey, const QString& body,
                                         std::optional<EntityKind> kind = {}, const QString& entityKey = {});
    /// The acting user approves as the owner of events in the demand (in review or approved).
    /// Refused when no rule asks for the user's approval.
    [[nodiscard]] Result<Review> signOff(const QString& demandKey, const QString& comment = {});
    [[nodiscard]] Result<QList<Review>> reviews(const QString& demandKey);
    [[nodiscard]] Result<ReviewState> state(const QString& demandKey);

    /// Levels set under the app's submitted demands (in review or approved), pending first.
    /// An empty appKey means every app.
    [[nodiscard]] Result<QList<LevelRequest>> levelRequests(const QString& appKey, bool pendingOnly);
    /// Approves or rejects the levels the demands propose for these events, in one transaction
    /// with one audit row. Each pair is (demand key, event key); the level decided is the one
    /// proposed now. Returns how many were decided.
    [[nodiscard]] Result<int> decideLevels(const QList<std::pair<QString, QString>>& items, bool approve,
                                           const QString& comment);

    /// decideLevels() for every level of one demand still pending.
    [[nodiscard]] Result<int> decideAllLevels(const QString& demandKey, bool approve, const QString& comment);

    /// Internal to the store: records a verdict in the demand's current round.
    [[nodiscard]] Status addReview(qint64 demandId, int round, ReviewVerdict verdict, const QString& body);

private:
    /// Up to this many changed events a review reads them (and their levels) one by one; beyond,
    /// the whole plan at once.
    static constexpr qsizetype kFewEvents = 200;

    struct DemandRef {
        qint64 id = 0;
        qint64 appId = 0;
        int round = 0;
        Demand demand;
        /// The change set, read once for all that looks at it (it may hold thousands).
        mutable std::shared_ptr<QList<Change>> changes;
    };
    Result<std::shared_ptr<QList<Change>>> changesOf(const DemandRef& d);
    /// The levels of one demand by event, for deciding them.
    struct DemandLevels {
        qint64 id = 0;
        QString appKey;
        QHash<QString, LevelRequest> byEvent;
    };
    Result<DemandLevels> levelsToDecide(const QString& demandKey);
    Result<int> decide(const QList<std::pair<QString, QString>>& items, bool approve, const QString& comment,
                       QHash<QString, DemandLevels> known);
    Result<DemandRef> load(const QString& key);
    Result<QList<LevelRequest>> levelsOf(const QList<DemandRef>& demands);
    Result<QList<ReviewedChange>> analyse(const DemandRef& d);
    Result<QList<GivenApproval>> approvals(const DemandRef& d);
    Result<Role> roleOf(const QString& user);
    StoreContext& m_ctx;
};

} // namespace tp
