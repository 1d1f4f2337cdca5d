#pragma once

#include "storecontext.h"

namespace tp {

/// Apps, users, governance policy and the merged plan (read side) of a store.
class PlanRepository {
public:
    explicit PlanRepository(StoreContext& ctx) : m_ctx(ctx) {}

    // Apps. createApp also writes the default governance policy.
    [[nodiscard]] Result<App> createApp(const App& app);
    [[nodiscard]] Result<App> updateApp(const App& app); ///< Conflict if app.rowVersion is stale
    [[nodiscard]] Result<QList<App>> apps();
    [[nodiscard]] Result<App> app(const QString& key);

    // Users.
    /// A user without database login (AccessService::addUser for logins and roles).
    [[nodiscard]] Result<User> createUser(const User& user);
    [[nodiscard]] Result<QList<User>> users();
    [[nodiscard]] Result<User> user(const QString& name);

    // Governance policy of an app (levels A..D).
    [[nodiscard]] Result<GovernancePolicy> policy(const QString& appKey);
    /// Conflict if stale. Data stewards and admins; kept in the governance history with `comment`.
    [[nodiscard]] Result<GovernancePolicy> setPolicy(const GovernancePolicy& policy, const QString& comment = {});

    // The plan as merged now.
    [[nodiscard]] Result<Plan> plan(const QString& appKey);
    [[nodiscard]] Result<Event> event(const QString& appKey, const QString& key);
    [[nodiscard]] Result<Attribute> attribute(const QString& appKey, const QString& key);
    /// Every revision of one entity, oldest first.
    [[nodiscard]] Result<QList<Revision>> history(EntityKind kind, const QString& appKey, const QString& key);
    /// Events binding an attribute ("used by"), sorted.
    [[nodiscard]] Result<QStringList> eventsUsing(const QString& appKey, const QString& attributeKey);

private:
    Status writePolicyRows(qint64 appId, const GovernancePolicy& policy);
    StoreContext& m_ctx;
};

} // namespace tp
