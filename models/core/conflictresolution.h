#pragma once

// Settling a merge conflict field by field. A demand's change of an event or attribute was based
// on one revision (base); the plan has moved on since (theirs); the demand proposes its own state
// (mine). For every field where theirs and mine differ the person merging keeps mine, takes
// theirs, or types a value; the functions here compose the resolved state from those choices
// (DemandService::resolveConflict then stores it). Pure functions over canonical JSON
// (entityjson.h), so the window and the tests share them.

#include "types.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace tp {

/// Which value a field takes; for a whole entity one side removed, which side wins.
enum class ConflictChoice { Mine, Theirs, Edited };

/// The three states of one conflicting event or attribute. An empty object means the entity
/// does not exist on that side (base: it was new; theirs: removed in the plan; mine: the demand
/// removes it).
struct ConflictSides {
    EntityKind kind = EntityKind::Event;
    QJsonObject base;
    QJsonObject theirs;
    QJsonObject mine;
};

/// One field whose value in the plan now (theirs) differs from the demand's (mine).
struct ConflictField {
    QString field;
    QJsonValue base; ///< Undefined when the entity did not exist at the base revision
    QJsonValue theirs;
    QJsonValue mine;
    bool theirsChanged = false; ///< theirs differs from base
    bool mineChanged = false;   ///< mine differs from base
    /// True when both sides changed the field since the base: a real conflict.
    [[nodiscard]] bool bothChanged() const { return theirsChanged && mineChanged; }
    /// The side a field takes unless told otherwise: the one that changed it (both: mine).
    [[nodiscard]] ConflictChoice suggested() const;
    /// True when the field is edited as plain text (a string on both sides), false when as JSON.
    [[nodiscard]] bool editsAsText() const;
};

/// What the person merging chose for one field; `edited` only counts with ConflictChoice::Edited.
struct FieldResolution {
    ConflictChoice choice = ConflictChoice::Mine;
    QJsonValue edited;
};

/// True when one side removed the entity: it is settled as a whole (keep mine / take theirs).
[[nodiscard]] bool isWholeEntityConflict(const ConflictSides& sides);

/// The fields of a change's state (store-managed ones such as schema_version left out) whose
/// values differ between theirs and mine, by field name. Empty for a whole-entity conflict.
[[nodiscard]] QList<ConflictField> conflictFields(const ConflictSides& sides);

/// The state the change takes: every field both sides agree on as it is; every differing field
/// as `fields` says (a field not in `fields` takes its suggested side); store-managed fields
/// left out. For a whole-entity conflict `whole` decides (Edited counts as Mine): mine as
/// proposed (empty = the removal), or theirs (empty if the plan removed it).
[[nodiscard]] QJsonObject resolveConflictState(const ConflictSides& sides,
                                               const QHash<QString, FieldResolution>& fields,
                                               ConflictChoice whole = ConflictChoice::Mine);

/// Empty if `state` is a valid change state of its kind (or empty: a removal), else why not,
/// naming the field ("bindings[1].required: …"); translated.
[[nodiscard]] QString resolvedStateError(EntityKind kind, const QJsonObject& state);

/// A value as an editor shows it: a string as it is (asText), anything else as indented JSON.
[[nodiscard]] QString valueEditText(const QJsonValue& value, bool asText);
/// The value typed into an editor: the text itself (asText), or the JSON it holds (any JSON
/// value, scalars included). nullopt and a translated `error` if it is not JSON.
[[nodiscard]] std::optional<QJsonValue> valueFromEditText(const QString& text, bool asText, QString* error);

} // namespace tp
