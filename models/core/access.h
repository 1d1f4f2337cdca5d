#pragma once

// Who may do what: the role × permission matrix of DESIGN.md ("Roles and access"), in one place.
// The application checks it on both backends (StoreContext::require); on PostgreSQL the database
// enforces the same matrix itself (resources/migrations/0006_governance.pg.sql), so that a login
// cannot get around it with raw SQL. docs/access.md shows it as a table; tst_access holds the
// three to each other.

#include "types.h"

#include <QList>
#include <QString>

namespace tp {

enum class Permission {
    Read,           ///< browse the plan, demands, versions, history, audit, metrics
    EditDemands,    ///< create and edit demands and their change sets; submit, reopen, cancel
    Comment,        ///< comment on a demand or one of its changes; sign off as an event's owner
    ReviewDemands,  ///< approve, reject or request changes on a demand in review
    ApproveLevels,  ///< approve or reject the governance level an event is given under a demand
    Merge,          ///< merge an approved demand; resolve its conflicts
    ManageVersions, ///< create versions, assign demands, freeze, release
    Publish,        ///< publish to Redis, roll back
    EditPolicy,     ///< the governance policy and the approval rules of an app
    WriteMetrics,   ///< load PV/UV/invalid counts into the store (validator runs)
    ManageApps,     ///< create and edit apps
    ManageUsers,    ///< add users, change their roles
    LoadStore,      ///< import a native JSON export or the demo plan into an empty store
};

/// Every permission, in declaration order.
[[nodiscard]] const QList<Permission>& allPermissions();
/// Every role, in the order of the docs table.
[[nodiscard]] const QList<Role>& allRoles();

/// True if `role` may do what `permission` stands for.
[[nodiscard]] bool roleMay(Role role, Permission permission);

/// Stable spelling (docs, `trackplanctl --json`): "review_demands".
[[nodiscard]] QString toString(Permission permission);
/// Translated phrase that completes "… may not %1": "approve or reject demands".
[[nodiscard]] QString permissionLabel(Permission permission);
/// Translated role name: "Data steward".
[[nodiscard]] QString roleLabel(Role role);

/// The translated reason why `user` (of `role`) may not do it — for errors and tooltips.
[[nodiscard]] QString permissionDenied(const QString& user, Role role, Permission permission);

} // namespace tp
