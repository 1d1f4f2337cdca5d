#pragma once

#include <QJsonValue>
#include <QString>

namespace tp {

/// A field value of an event or attribute for people: text as it is ("“”" when empty), lists
/// joined with ", ", bindings as their attribute keys (required ones marked *), enum values as
/// their values, a missing value as "—", anything else as compact JSON.
[[nodiscard]] QString jsonValueText(const QJsonValue& v);

/// The name people read for a field of an event, attribute or binding in the canonical JSON
/// ("display_name" → "Display name", translated); an unknown field as it is.
[[nodiscard]] QString fieldLabel(const QString& field);

/// A field's value for people: enum spellings as their labels ("implementing" → "Implementing",
/// "D" → "D · Core", translated), booleans as yes/no, everything else as jsonValueText().
[[nodiscard]] QString fieldValueText(const QString& field, const QJsonValue& v);

/// True for null/missing, "", [] and {}.
[[nodiscard]] bool isEmptyJsonValue(const QJsonValue& v);

} // namespace tp
