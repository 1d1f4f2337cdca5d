#include "enums.h"

#include <array>
#include <utility>

namespace tp {
namespace {

// One table per enum: index = enum value.
template <typename E> struct Names;
template <> struct Names<Level> { static constexpr std::array v{"A", "B", "C", "D"}; };
template <> struct Names<EventStatus> {
    static constexpr std::array v{"planned", "implementing", "testing", "live", "deprecated", "removed"};
};
template <> struct Names<AttrType> {
    static constexpr std::array v{"string", "integer", "number", "boolean", "datetime", "enum",
                                  "array<string>", "array<integer>", "array<number>"};
};
template <> struct Names<Privacy> { static constexpr std::array v{"none", "pseudonymous", "personal", "sensitive"}; };
template <> struct Names<DemandStatus> {
    static constexpr std::array v{"draft", "in_review", "approved", "merged", "rejected", "cancelled"};
};
template <> struct Names<Priority> { static constexpr std::array v{"P0", "P1", "P2", "P3"}; };
template <> struct Names<VersionStatus> { static constexpr std::array v{"planning", "frozen", "released"}; };
template <> struct Names<Role> {
    static constexpr std::array v{"product_owner", "data_steward", "analyst", "admin"};
};
template <> struct Names<ChangeOp> { static constexpr std::array v{"create", "update", "delete"}; };
template <> struct Names<EntityKind> { static constexpr std::array v{"event", "attribute"}; };

template <typename E> QString name(E e)
{
    return QString::fromLatin1(Names<E>::v.at(static_cast<std::size_t>(e)));
}

template <typename E> std::optional<E> parse(const QString& s)
{
    for (std::size_t i = 0; i < Names<E>::v.size(); ++i) {
        if (s == QLatin1String(Names<E>::v[i])) {
            return static_cast<E>(i);
        }
    }
    return std::nullopt;
}

template <typename E> QStringList spellings()
{
    QStringList out;
    for (const char* n : Names<E>::v) {
        out << QString::fromLatin1(n);
    }
    return out;
}

} // namespace

#define TP_ENUM_STRINGS(E)                                                                                        \
    QString toString(E v) { return name(v); }                                                                     \
    template <> std::optional<E> fromString<E>(const QString& s) { return parse<E>(s); }                          \
    template <> QStringList allSpellings<E>() { return spellings<E>(); }

TP_ENUM_STRINGS(Level)
TP_ENUM_STRINGS(EventStatus)
TP_ENUM_STRINGS(AttrType)
TP_ENUM_STRINGS(Privacy)
TP_ENUM_STRINGS(DemandStatus)
TP_ENUM_STRINGS(Priority)
TP_ENUM_STRINGS(VersionStatus)
TP_ENUM_STRINGS(Role)
TP_ENUM_STRINGS(ChangeOp)
TP_ENUM_STRINGS(EntityKind)
#undef TP_ENUM_STRINGS

bool isNumeric(AttrType t)
{
    return t == AttrType::Integer || t == AttrType::Number;
}

bool isArray(AttrType t)
{
    return t == AttrType::ArrayString || t == AttrType::ArrayInteger || t == AttrType::ArrayNumber;
}

bool isStringLike(AttrType t)
{
    return t == AttrType::String || t == AttrType::DateTime || t == AttrType::Enum || t == AttrType::ArrayString;
}

} // namespace tp
