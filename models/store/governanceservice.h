#pragma once

#include "governance.h"
#include "storecontext.h"

#include <QJsonValue>

namespace tp {

/// One change of an app's governance policy or approval rules, both states kept.
struct GovernanceChange {
    qint64 id = 0;
    QString appKey;
    QString kind; ///< "policy" or "rules"
    QDateTime at;
    QString by;
    QJsonValue before;
    QJsonValue after;
    QString comment;
};

/// Per-app governance besides the policy itself (PlanRepository::policy/setPolicy): the
/// approval rules, the history of both, and the level distribution.
class GovernanceService {
public:
    explicit GovernanceService(StoreContext& ctx)
        : m_ctx(ctx)
    {
    }

    [[nodiscard]] Result<ApprovalRules> approvalRules(const QString& appKey);
    /// Replaces the app's rules (Conflict if rules.rowVersion is stale). Data stewards and admins.
    [[nodiscard]] Result<ApprovalRules> setApprovalRules(const ApprovalRules& rules, const QString& comment = {});
    /// Newest first.
    [[nodiscard]] Result<QList<GovernanceChange>> history(const QString& appKey);
    /// Events of the merged plan per category and level.
    [[nodiscard]] Result<QList<LevelCount>> levelDistribution(const QString& appKey);

    /// Internal to the store: one history row, inside the caller's transaction.
    [[nodiscard]] Status recordHistory(qint64 appId, const QString& kind, const QJsonValue& before,
                                       const QJsonValue& after, const QString& comment);
    /// Internal to the store: the default rules of a new app.
    [[nodiscard]] Status writeDefaultRules(qint64 appId);

private:
    StoreContext& m_ctx;
};

} // namespace tp
