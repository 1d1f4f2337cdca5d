#pragma once

// String spellings of the domain enums, shared by SQL, JSON and the command line.
// fromString returns std::nullopt for unknown spellings.

#include "types.h"

#include <optional>

namespace tp {

[[nodiscard]] QString toString(Level v);
[[nodiscard]] QString toString(EventStatus v);
[[nodiscard]] QString toString(AttrType v);
[[nodiscard]] QString toString(Privacy v);
[[nodiscard]] QString toString(DemandStatus v);
[[nodiscard]] QString toString(Priority v);
[[nodiscard]] QString toString(VersionStatus v);
[[nodiscard]] QString toString(Role v);
[[nodiscard]] QString toString(ChangeOp v);
[[nodiscard]] QString toString(EntityKind v);

template <typename E> [[nodiscard]] std::optional<E> fromString(const QString& s);
template <> std::optional<Level> fromString<Level>(const QString& s);
template <> std::optional<EventStatus> fromString<EventStatus>(const QString& s);
template <> std::optional<AttrType> fromString<AttrType>(const QString& s);
template <> std::optional<Privacy> fromString<Privacy>(const QString& s);
template <> std::optional<DemandStatus> fromString<DemandStatus>(const QString& s);
template <> std::optional<Priority> fromString<Priority>(const QString& s);
template <> std::optional<VersionStatus> fromString<VersionStatus>(const QString& s);
template <> std::optional<Role> fromString<Role>(const QString& s);
template <> std::optional<ChangeOp> fromString<ChangeOp>(const QString& s);
template <> std::optional<EntityKind> fromString<EntityKind>(const QString& s);

/// All spellings of an enum, in declaration order (for help texts and validation messages).
template <typename E> [[nodiscard]] QStringList allSpellings();

[[nodiscard]] bool isNumeric(AttrType t);
[[nodiscard]] bool isArray(AttrType t);
[[nodiscard]] bool isStringLike(AttrType t); ///< string, datetime, enum, array<string>

} // namespace tp
