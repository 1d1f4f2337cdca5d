#pragma once

// Classifies changes of an event's effective schema (its bindings resolved to attribute
// definitions) into the MODEL-REVISION-ADDITION scheme of docs/schema-versioning.md:
//
//   Model     breaking: data or consumers written against the old schema break
//             (attribute removed from the event, attribute type changed, event key changed,
//             a bound attribute's definition disappeared)
//   Revision  possibly breaking: some historical data may no longer validate (new required
//             attribute, optional -> required, enum value removed, range narrowed, pattern added
//             or changed, max_length added or lowered)
//   Addition  compatible: all historical data still validates (new optional attribute,
//             required -> optional, enum value added, range widened, pattern removed,
//             max_length raised or removed)
//   None      documentation only: names, descriptions, trigger, category, tags, owner,
//             screenshot, notes, binding order, status, level, platforms, enum labels, unit,
//             example, privacy, groups.
//
// Common attributes belong to the app's common schema, not to an event's, unless an event binds
// one explicitly. The highest class of all reasons wins.

#include "rules.h"
#include "types.h"

#include <QList>
#include <QString>

namespace tp {

enum class ChangeClass { None, Addition, Revision, Model };

/// One reason why a schema changed, with the class it causes.
struct SchemaChange {
    ChangeClass changeClass = ChangeClass::None;
    QString rule;         ///< stable id, e.g. "attribute.type_changed"
    QString attributeKey; ///< empty for reasons about the event itself
    QString message;      ///< translated, for people
    friend bool operator==(const SchemaChange&, const SchemaChange&) = default;
};

/// "none", "addition", "revision", "model" (not translated; for machine output).
[[nodiscard]] QString toString(ChangeClass changeClass);

/// Schema-relevant differences of two definitions of one attribute (type and constraints),
/// independent of the events binding it. Empty if the change is documentation only.
[[nodiscard]] QList<SchemaChange> explainAttributeChange(const Attribute& before, const Attribute& after);

/// All schema-relevant differences between two states of one event, most severe first
/// (then by attribute key and rule id). Bindings are resolved with the lookup of their side;
/// an empty lookup resolves nothing (only binding presence and required flags are compared).
[[nodiscard]] QList<SchemaChange> explainEventChange(const Event& before, const AttributeLookup& attrsBefore,
                                                     const Event& after, const AttributeLookup& attrsAfter);

/// The highest class of explainEventChange(), None if nothing schema-relevant changed.
[[nodiscard]] ChangeClass classifyEventChange(const Event& before, const AttributeLookup& attrsBefore,
                                              const Event& after, const AttributeLookup& attrsAfter);

/// The highest class among the reasons (None for an empty list).
[[nodiscard]] ChangeClass highestClass(const QList<SchemaChange>& changes);

/// The next schema version: Model m+1-0-0, Revision m-r+1-0, Addition m-r-a+1, None unchanged.
[[nodiscard]] SchemaVersion bump(SchemaVersion version, ChangeClass changeClass);

} // namespace tp
