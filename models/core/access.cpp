#include "access.h"

#include <QCoreApplication>

namespace tp {

const QList<Permission>& allPermissions()
{
    static const QList<Permission> all{Permission::Read,           Permission::EditDemands,   Permission::Comment,
                                       Permission::ReviewDemands,  Permission::ApproveLevels, Permission::Merge,
                                       Permission::ManageVersions, Permission::Publish,       Permission::EditPolicy,
                                       Permission::WriteMetrics,   Permission::ManageApps,    Permission::ManageUsers,
                                       Permission::LoadStore};
    return all;
}

const QList<Role>& allRoles()
{
    static const QList<Role> all{Role::ProductOwner, Role::DataSteward, Role::Analyst, Role::Admin};
    return all;
}

bool roleMay(Role role, Permission permission)
{
    switch (role) {
    case Role::Admin:
        return true;
    case Role::Analyst:
        return permission == Permission::Read;
    case Role::ProductOwner:
        return permission == Permission::Read || permission == Permission::EditDemands
            || permission == Permission::Comment;
    case Role::DataSteward:
        return permission != Permission::ManageApps && permission != Permission::ManageUsers
            && permission != Permission::LoadStore;
    }
    return false;
}

QString toString(Permission permission)
{
    switch (permission) {
    case Permission::Read:
        return QStringLiteral("read");
    case Permission::EditDemands:
        return QStringLiteral("edit_demands");
    case Permission::Comment:
        return QStringLiteral("comment");
    case Permission::ReviewDemands:
        return QStringLiteral("review_demands");
    case Permission::ApproveLevels:
        return QStringLiteral("approve_levels");
    case Permission::Merge:
        return QStringLiteral("merge");
    case Permission::ManageVersions:
        return QStringLiteral("manage_versions");
    case Permission::Publish:
        return QStringLiteral("publish");
    case Permission::EditPolicy:
        return QStringLiteral("edit_policy");
    case Permission::WriteMetrics:
        return QStringLiteral("write_metrics");
    case Permission::ManageApps:
        return QStringLiteral("manage_apps");
    case Permission::ManageUsers:
        return QStringLiteral("manage_users");
    case Permission::LoadStore:
        return QStringLiteral("load_store");
    }
    return {};
}

QString permissionLabel(Permission permission)
{
    switch (permission) {
    case Permission::Read:
        return QCoreApplication::translate("tp::access", "read the plan");
    case Permission::EditDemands:
        return QCoreApplication::translate("tp::access", "create or edit demands and their changes");
    case Permission::Comment:
        return QCoreApplication::translate("tp::access", "comment on demands");
    case Permission::ReviewDemands:
        return QCoreApplication::translate("tp::access", "approve, reject or send back demands");
    case Permission::ApproveLevels:
        return QCoreApplication::translate("tp::access", "approve governance levels");
    case Permission::Merge:
        return QCoreApplication::translate("tp::access", "merge demands");
    case Permission::ManageVersions:
        return QCoreApplication::translate("tp::access", "create, freeze or release versions");
    case Permission::Publish:
        return QCoreApplication::translate("tp::access", "publish to Redis");
    case Permission::EditPolicy:
        return QCoreApplication::translate("tp::access", "change the governance policy or approval rules");
    case Permission::WriteMetrics:
        return QCoreApplication::translate("tp::access", "load metrics into the store");
    case Permission::ManageApps:
        return QCoreApplication::translate("tp::access", "create or edit apps");
    case Permission::ManageUsers:
        return QCoreApplication::translate("tp::access", "manage users and roles");
    case Permission::LoadStore:
        return QCoreApplication::translate("tp::access", "import into the store");
    }
    return {};
}

QString roleLabel(Role role)
{
    switch (role) {
    case Role::ProductOwner:
        return QCoreApplication::translate("tp::access", "Product owner");
    case Role::DataSteward:
        return QCoreApplication::translate("tp::access", "Data steward");
    case Role::Analyst:
        return QCoreApplication::translate("tp::access", "Analyst");
    case Role::Admin:
        return QCoreApplication::translate("tp::access", "Admin");
    }
    return {};
}

QString permissionDenied(const QString& user, Role role, Permission permission)
{
    return QCoreApplication::translate("tp::access", "%1 (%2) may not %3.")
        .arg(user, roleLabel(role), permissionLabel(permission));
}

} // namespace tp
