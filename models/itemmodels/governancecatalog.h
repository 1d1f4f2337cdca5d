#pragma once

#include "error.h"
#include "governance.h"
#include "types.h"

#include <QObject>

#include <utility>

namespace tp {

class ApprovalRulesModel;
class GovernanceHistoryModel;
class LevelDistributionModel;
class LevelRequestModel;
class PolicyTableModel;
class Store;

/// The governance side of one app for the desktop: the data stewards' queue of level changes
/// (LevelRequestModel), the level distribution, the policy and the approval rules being edited,
/// and their history, loaded into the item models it owns; and the steward's actions on them.
/// It shows nothing itself; callers show the errors it returns.
///
/// Saving the policy or the rules never overwrites a change someone else made since they were
/// loaded: the store answers Conflict, and the catalog reloads what is stored now (the edits are
/// dropped) before it returns that error.
class GovernanceCatalog : public QObject {
    Q_OBJECT
public:
    /// The store must outlive the catalog.
    explicit GovernanceCatalog(Store& store, QObject* parent = nullptr);

    [[nodiscard]] LevelRequestModel* requestModel() const { return m_requests; }
    [[nodiscard]] LevelDistributionModel* distributionModel() const { return m_distribution; }
    [[nodiscard]] PolicyTableModel* policyModel() const { return m_policy; }
    [[nodiscard]] ApprovalRulesModel* rulesModel() const { return m_rules; }
    [[nodiscard]] GovernanceHistoryModel* historyModel() const { return m_history; }

    /// The app shown, empty if none.
    [[nodiscard]] QString appKey() const { return m_appKey; }
    /// Loads everything of an app (empty: clears the models). Stops at the first failure.
    [[nodiscard]] Status load(const QString& appKey);
    /// The queue: only levels still waiting for a decision (default), or every decision too.
    [[nodiscard]] bool pendingOnly() const { return m_pendingOnly; }
    [[nodiscard]] Status setPendingOnly(bool pendingOnly);
    [[nodiscard]] Status reloadRequests();
    [[nodiscard]] Status reloadDistribution();
    /// The policy, the rules and their history as stored now; edits are dropped.
    [[nodiscard]] Status reloadPolicy();

    /// Approves or rejects the levels these (demand key, event key) pairs propose, as the
    /// acting user, then reloads the queue. Returns how many were decided.
    [[nodiscard]] Result<int> decideLevels(const QList<std::pair<QString, QString>>& items, bool approve,
                                           const QString& comment);
    /// Writes the edited policy with a comment, then reloads it and the history.
    [[nodiscard]] Result<GovernancePolicy> savePolicy(const QString& comment);
    /// Writes the edited approval rules with a comment, then reloads them and the history.
    [[nodiscard]] Result<ApprovalRules> saveRules(const QString& comment);

Q_SIGNALS:
    /// Levels of these demands were decided (their review state changed).
    void levelsDecided(const QStringList& demandKeys);

private:
    Status reloadHistory();

    Store& m_store;
    LevelRequestModel* m_requests;
    LevelDistributionModel* m_distribution;
    PolicyTableModel* m_policy;
    ApprovalRulesModel* m_rules;
    GovernanceHistoryModel* m_history;
    QString m_appKey;
    bool m_pendingOnly = true;
};

} // namespace tp
