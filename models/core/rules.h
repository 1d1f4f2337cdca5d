#pragma once

// Validation rules of single entities, as pure functions. Plan-wide rules (uniqueness across
// the plan, unused attributes, platform heuristics) are in lint.h.
//
// Every finding carries a stable rule id ("key.format", "attribute.example.type" …) that tools
// and tests can rely on, and a translated message for people. `field` names the offending
// field with the spelling of the canonical JSON (entityjson.h), e.g. "enum_values[2]".
//
// Rule ids (E = error, blocks a merge; W = warning):
//   both kinds   E key.required, key.format, display_name.required, key.unique
//   attributes   E attribute.enum_values.{missing,type,empty,duplicate}, attribute.pattern.{type,invalid},
//                  attribute.range.{type,finite,order}, attribute.max_length.{value,type},
//                  attribute.example.{type,enum,pattern,range,max_length}
//   events       E event.platform.unknown, event.binding.{unknown,duplicate}, event.deprecated_in.{status,order}
//                W event.platform.{missing,duplicate}, event.binding.common, event.deprecated_in.missing

#include "types.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <span>

namespace tp {

/// One problem found in a plan.
struct Finding {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    QString rule; ///< stable id, e.g. "key.format"
    EntityKind kind = EntityKind::Event;
    QString entityKey;
    QString field;   ///< JSON field name of the entity, may be empty
    QString message; ///< translated, for people
    friend bool operator==(const Finding&, const Finding&) = default;
};

/// Resolves an attribute key to its definition, or nullptr when there is none.
using AttributeLookup = std::function<const Attribute*(const QString&)>;

/// "error" / "warning" (not translated; for machine output).
[[nodiscard]] QString toString(Finding::Severity severity);

/// True if any finding is an error (warnings do not block a merge).
[[nodiscard]] bool hasErrors(const QList<Finding>& findings);

/// Sorts findings deterministically: events before attributes, then entity key, rule id,
/// field, message and severity.
void sortFindings(QList<Finding>& findings);

/// A key is `^[a-z][a-z0-9_]{0,63}$`.
[[nodiscard]] bool isValidKey(const QString& key);

/// A key is lower_snake_case in the strict sense: valid, no "__", no trailing "_".
[[nodiscard]] bool isSnakeCase(const QString& key);

/// Lower-cased key without the separators `_ - .` and spaces, so that "Order_Submit",
/// "order-submit" and "ordersubmit" compare equal.
[[nodiscard]] QString normalizedKey(const QString& key);

/// Length of a text in Unicode code points (what max_length counts).
[[nodiscard]] qsizetype codePointLength(const QString& text);

/// Which constraints a type accepts (editors enable their fields accordingly).
/// enum_values: enum. pattern: string-like (string, datetime, enum, array<string>; per element
/// for arrays). min/max: integer, number and their arrays (per element). max_length: string,
/// array<string> (per element).
[[nodiscard]] bool allowsEnumValues(AttrType type);
[[nodiscard]] bool allowsPattern(AttrType type);
[[nodiscard]] bool allowsRange(AttrType type);
[[nodiscard]] bool allowsMaxLength(AttrType type);

/// Checks one attribute on its own: key, display name, type/constraint consistency, and that
/// its example fits type and constraints (validateExample).
[[nodiscard]] QList<Finding> validateAttribute(const Attribute& attribute);

/// Checks one value written as text (as in `Attribute::example`) against the attribute's type
/// and constraints. Findings have rule ids "attribute.example.{type,enum,pattern,range,
/// max_length}" and field "example". The syntax is the value as it appears in an event's JSON:
///   string, enum  any text; enum: exactly one of the values (not a label)
///   integer       -?(0|[1-9][0-9]*) within 64 bits ("1.0", "+1", " 1" are not integers)
///   number        a JSON number, finite
///   boolean       true | false
///   datetime      RFC 3339 / JSON Schema "date-time": YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)
///   array<…>      a JSON array ("[…]": items of the element's JSON type), or a comma-separated
///                 list of items in the scalar syntax (trimmed; no empty items, no commas inside)
/// Constraints apply to every item: pattern is an unanchored search (as JSON Schema "pattern"),
/// min/max are inclusive, max_length counts Unicode code points (as JSON Schema "maxLength").
[[nodiscard]] QList<Finding> validateExample(const Attribute& attribute, const QString& example);

/// Checks one event on its own: key, display name, platforms, bindings (resolved through
/// `lookup`; an empty lookup skips the existence checks), lifecycle fields.
[[nodiscard]] QList<Finding> validateEvent(const Event& event, const AttributeLookup& lookup);

/// Same, with the bindings already resolved: `resolved[i]` is the attribute bound by
/// `event.bindings[i]`, nullptr if it does not exist. Lets plan-wide lint resolve each binding
/// once.
[[nodiscard]] QList<Finding> validateEventResolved(const Event& event, std::span<const Attribute* const> resolved);

/// Keys of one kind must be unique per app ignoring case and separators (normalizedKey).
/// Returns one "key.unique" error per key that collides with another, naming the others.
/// Linear in the number of keys.
[[nodiscard]] QList<Finding> validateUniqueKeys(EntityKind kind, const QStringList& keys);

} // namespace tp
