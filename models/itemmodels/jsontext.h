#pragma once

#include <QJsonValue>
#include <QString>

namespace tp {

/// A field value of an event or attribute for people: text as it is ("“”" when empty), lists
/// joined with ", ", bindings as their attribute keys (required ones marked *), enum values as
/// their values, a missing value as "—", anything else as compact JSON.
[[nodiscard]] QString jsonValueText(const QJsonValue& v);

/// True for null/missing, "", [] and {}.
[[nodiscard]] bool isEmptyJsonValue(const QJsonValue& v);

} // namespace tp
