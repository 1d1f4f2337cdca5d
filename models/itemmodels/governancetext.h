#pragma once

// Governance policy and approval rules for people: the labels of the policy's settings, their
// values, and what one change of the policy or the rules did, field by field. The governance
// page's history and the audit page's details share them.

#include "governanceservice.h"

#include <QJsonObject>
#include <QStringList>

namespace tp {

/// The settings of a level's policy in the order the editor shows them ("reject" …
/// "health_alerts", the keys of toJson(LevelPolicy)).
[[nodiscard]] const QStringList& policyFields();
/// Translated: "sampling_rate" → "Sampling rate"; an unknown key as it is.
[[nodiscard]] QString policyFieldLabel(const QString& field);
/// Translated one-line explanation of a setting, for tooltips.
[[nodiscard]] QString policyFieldHelp(const QString& field);
/// A setting's value: booleans as yes/no, the sampling rate as a percentage ("25 %").
[[nodiscard]] QString policyValueText(const QString& field, const QJsonValue& value);
/// A sampling rate 0..1 as people read it: "100 %", "12.5 %".
[[nodiscard]] QString samplingText(double rate);
/// What a level's policy does, in short: "Analytics, sampling 10 %" (translated).
[[nodiscard]] QString levelPolicySummary(const QJsonObject& levelPolicy);

/// What one history entry changed, one translated line per difference:
/// "D · Core — Sampling rate: 100 % → 50 %" for the policy, "Added: Removals → Data steward" /
/// "Removed: …" for the rules. "No setting changed." when before and after are equal.
[[nodiscard]] QStringList governanceChangeLines(const GovernanceChange& change);
/// "Policy" or "Approval rules" (translated) for GovernanceChange::kind.
[[nodiscard]] QString governanceKindLabel(const QString& kind);

} // namespace tp
