#pragma once

// The audit log for people: what the stable spellings the store writes ("demand.merge",
// "policy", {"from": "in_review"}) mean, translated. The audit page's filters list the known
// actions and entity types; a spelling this build does not know shows as it is.

#include <QJsonObject>
#include <QStringList>

namespace tp {

/// Every action the store writes to the audit log, grouped by what it acts on.
[[nodiscard]] const QStringList& auditActions();
/// Translated: "demand.merge" → "Demand merged".
[[nodiscard]] QString auditActionLabel(const QString& action);
/// Every entity type of the audit log ("app", "user", "demand", …).
[[nodiscard]] const QStringList& auditEntityTypes();
/// Translated: "demand" → "Demand".
[[nodiscard]] QString auditEntityTypeLabel(const QString& entityType);
/// An entry's details, one "Label: value" per line, in the order the store wrote them: enum
/// spellings as their labels, a policy as one summary per level, rules as rule lines.
[[nodiscard]] QStringList auditDetailLines(const QJsonObject& details);

} // namespace tp
