#pragma once

// Mapping between the plan tables (events, attributes, bindings) and the value types.
// Internal to tp_store.

#include "database.h"
#include "types.h"

#include <QHash>

namespace tp::rows {

[[nodiscard]] QString listText(const QStringList& list);
[[nodiscard]] QStringList listFromText(const QString& text);

/// Current attributes / events (with bindings) of an app, sorted by key.
[[nodiscard]] Result<QList<Attribute>> loadAttributes(Database& db, qint64 appId, const QString& onlyKey = {});
[[nodiscard]] Result<QList<Event>> loadEvents(Database& db, qint64 appId, const QString& onlyKey = {});

/// Key -> id of the app's attributes.
[[nodiscard]] Result<QHash<QString, qint64>> attributeIds(Database& db, qint64 appId);

/// Writes the current state of an entity (insert when it does not exist, update otherwise).
/// `revision` and (for events) `schemaVersion` are taken from the value as given.
[[nodiscard]] Status upsertAttribute(Database& db, qint64 appId, const Attribute& a, const QString& normKey);
[[nodiscard]] Status upsertEvent(Database& db, qint64 appId, const Event& e, const QString& normKey,
                                 const QHash<QString, qint64>& attributeIds);
/// Plain inserts (the entity must not exist yet); insertAttribute returns the new id.
[[nodiscard]] Result<qint64> insertAttribute(Database& db, qint64 appId, const Attribute& a, const QString& normKey);
[[nodiscard]] Status insertEvent(Database& db, qint64 appId, const Event& e, const QString& normKey,
                                 const QHash<QString, qint64>& attributeIds);
[[nodiscard]] Status deleteEntity(Database& db, qint64 appId, EntityKind kind, const QString& key);

} // namespace tp::rows
