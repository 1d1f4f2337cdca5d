#pragma once

// Routing rules compiled from an app's governance policy (DESIGN.md "Governance levels").
// The policy itself — tp::GovernancePolicy, whose defaults() are the table of DESIGN.md and
// which the store keeps per app (PlanRepository::policy) — is the input; this file only
// says how it is published: the route of each level (the "x-route" of an event's schema) and
// the rule text of tp:{app}:routing.

#include "types.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QStringList>

namespace tp {

/// Destinations of a level, in this fixed order: "quarantine", "analytics", "warehouse_ods",
/// "realtime". A rejected level goes to "quarantine" only (or nowhere without quarantine).
[[nodiscard]] QStringList routeOf(const LevelPolicy& policy);

/// The policy of `level` in `policy`, or the default of that level when the policy lacks it.
[[nodiscard]] LevelPolicy levelPolicy(const GovernancePolicy& policy, Level level);

/// The rule of one level as published: the policy's fields (toJson(LevelPolicy)) plus "route".
[[nodiscard]] QJsonObject routingRule(const LevelPolicy& policy);

/// tp:{app}:routing as field → canonical JSON text, for the four levels "A".."D".
[[nodiscard]] QMap<QByteArray, QByteArray> routingTable(const GovernancePolicy& policy);

} // namespace tp
