#pragma once

// Canonical JSON form of the domain values: snake_case keys, every field present
// (unset optionals as null), used for change-set states, revisions, snapshots and the
// native export. Parsing is strict: unknown fields and wrong types are errors that name
// the JSON path relative to the object (e.g. "bindings[2].required").

#include "error.h"
#include "types.h"

#include <QJsonObject>

namespace tp {

/// Where parsing failed inside an object: relative JSON path + message.
struct JsonFieldError {
    QString path;
    QString message;
};

template <typename T> using JsonResult = std::variant<T, JsonFieldError>;

/// withManaged: include store-managed fields (schema_version for events, nothing extra for
/// attributes); change-set states leave them out, revisions and snapshots keep them.
[[nodiscard]] QJsonObject toJson(const Event& e, bool withManaged);
[[nodiscard]] QJsonObject toJson(const Attribute& a);
[[nodiscard]] QJsonObject toJson(const App& a);
[[nodiscard]] QJsonObject toJson(const User& u);
[[nodiscard]] QJsonObject toJson(const LevelPolicy& p);

[[nodiscard]] JsonResult<Event> eventFromJson(const QJsonObject& o, bool withManaged);
[[nodiscard]] JsonResult<Attribute> attributeFromJson(const QJsonObject& o);
[[nodiscard]] JsonResult<App> appFromJson(const QJsonObject& o);
[[nodiscard]] JsonResult<User> userFromJson(const QJsonObject& o);
[[nodiscard]] JsonResult<LevelPolicy> levelPolicyFromJson(const QJsonObject& o);

/// Canonical compact text of a JSON value: keys sorted, no whitespace, shortest
/// round-trip numbers. Equal values give equal bytes.
[[nodiscard]] QByteArray canonicalJson(const QJsonObject& o);
[[nodiscard]] QByteArray canonicalJson(const QJsonValue& v);

} // namespace tp
