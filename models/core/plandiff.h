#pragma once

// Differences between two plans of one app (e.g. two released versions): the incremental
// tracking list QA tests for a release. Entities are compared through their canonical JSON
// (entityjson.h), so every field the JSON carries is covered and field names are the JSON ones.

#include "types.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace tp {

/// One field that differs. A field missing on one side is QJsonValue::Undefined there.
struct FieldChange {
    QString field;
    QJsonValue before;
    QJsonValue after;
    friend bool operator==(const FieldChange&, const FieldChange&) = default;
};

/// Field-by-field differences of two objects, sorted by field name. Values (arrays and nested
/// objects included) are compared as whole values.
[[nodiscard]] QList<FieldChange> diffObjects(const QJsonObject& before, const QJsonObject& after);

/// One event or attribute that was added, changed or removed. `fields` lists every field for
/// Added (before Undefined) and Removed (after Undefined), the differing ones for Changed.
/// Events carry schema_version; their bindings are reported as BindingDiffs instead.
struct EntityDiff {
    enum class Kind { Added, Changed, Removed };
    Kind kind = Kind::Changed;
    EntityKind entity = EntityKind::Event;
    QString key;
    QList<FieldChange> fields;
    friend bool operator==(const EntityDiff&, const EntityDiff&) = default;
};

/// One binding of an event that was added, changed or removed. Fields: "required", "note",
/// "position" (0-based index in the event's bindings). A position is only reported as changed
/// for bindings that really moved relative to the others: inserting or removing a binding does
/// not make all those after it "moved" (minimal set of moves, via a longest increasing
/// subsequence).
struct BindingDiff {
    using Kind = EntityDiff::Kind;
    Kind kind = Kind::Changed;
    QString eventKey;
    QString attributeKey;
    QList<FieldChange> fields;
    friend bool operator==(const BindingDiff&, const BindingDiff&) = default;
};

/// Differences between two plans. Events and attributes are sorted by key, bindings by event
/// key and then attribute key.
struct PlanDiff {
    QList<EntityDiff> events;
    QList<EntityDiff> attributes;
    QList<BindingDiff> bindings;
    [[nodiscard]] bool isEmpty() const;
};

/// "added", "changed", "removed" (not translated; for machine output).
[[nodiscard]] QString toString(EntityDiff::Kind kind);

/// Differences from `from` to `to`. Linear in the size of the plans when their lists are sorted
/// by key (as Plan keeps them; unsorted input is sorted first). Entities whose values are equal
/// are not converted to JSON at all.
[[nodiscard]] PlanDiff diffPlans(const Plan& from, const Plan& to);

} // namespace tp
