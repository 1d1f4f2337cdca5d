// Example values of attributes: do they fit the attribute's type and constraints?
//
// Syntax (the value as it would appear in an event's JSON, without JSON string quotes):
//   string, enum   any text; enum: exactly one of the enum values (not a label)
//   integer        JSON integer: -?(0|[1-9][0-9]*), fitting in 64 bits ("1.0", "+1", " 1" are not)
//   number         JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, finite
//   boolean        true | false
//   datetime       RFC 3339 date-time, the JSON Schema "date-time" format:
//                  YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)
//   array<…>       either a JSON array (text starting with "[") whose items have the JSON type of
//                  the element (strings / integral numbers / numbers), or a comma-separated list
//                  whose items, trimmed, follow the scalar syntax above. Items of a list cannot
//                  contain commas (use the JSON form) and cannot be empty; "[]" is an empty array.
// Constraints apply to each item: pattern (unanchored search, like JSON Schema "pattern"),
// min/max (inclusive), max_length (in Unicode code points, like JSON Schema "maxLength").

#include "enums.h"
#include "rules.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QTime>

#include <cmath>
#include <optional>

namespace tp {
namespace {

using Severity = Finding::Severity;

struct Element {
    QString text;      ///< as text, for enum / pattern / max_length
    double number = 0; ///< numeric types, for min / max
};

AttrType elementType(AttrType t)
{
    switch (t) {
    case AttrType::ArrayString:
        return AttrType::String;
    case AttrType::ArrayInteger:
        return AttrType::Integer;
    case AttrType::ArrayNumber:
        return AttrType::Number;
    default:
        return t;
    }
}

bool isRfc3339DateTime(const QString& s)
{
    static const QRegularExpression re(
        QRegularExpression::anchoredPattern(QStringLiteral("([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):("
                                                           "[0-9]{2})(\\.[0-9]+)?([Zz]|[+-]([0-9]{2}):([0-9]{2}))")));
    const QRegularExpressionMatch m = re.match(s);
    if (!m.hasMatch()) {
        return false;
    }
    const auto n = [&m](int i) { return m.captured(i).toInt(); };
    const bool offsetOk = m.captured(9).isEmpty() || (n(9) <= 23 && n(10) <= 59);
    return QDate(n(1), n(2), n(3)).isValid() && QTime(n(4), n(5), n(6)).isValid() && offsetOk;
}

std::optional<Element> parseScalar(AttrType t, const QString& s)
{
    static const QRegularExpression integer(QRegularExpression::anchoredPattern(QStringLiteral("-?(0|[1-9][0-9]*)")));
    static const QRegularExpression number(
        QRegularExpression::anchoredPattern(QStringLiteral("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")));
    bool ok = false;
    switch (t) {
    case AttrType::String:
    case AttrType::Enum:
        return Element{s, 0};
    case AttrType::Integer: {
        const qint64 v = integer.match(s).hasMatch() ? s.toLongLong(&ok) : 0;
        return ok ? std::optional(Element{s, static_cast<double>(v)}) : std::nullopt;
    }
    case AttrType::Number: {
        const double v = number.match(s).hasMatch() ? s.toDouble(&ok) : 0;
        return ok && std::isfinite(v) ? std::optional(Element{s, v}) : std::nullopt;
    }
    case AttrType::Boolean:
        return s == QLatin1String("true") || s == QLatin1String("false") ? std::optional(Element{s, 0}) : std::nullopt;
    case AttrType::DateTime:
        return isRfc3339DateTime(s) ? std::optional(Element{s, 0}) : std::nullopt;
    case AttrType::ArrayString:
    case AttrType::ArrayInteger:
    case AttrType::ArrayNumber:
        break;
    }
    return std::nullopt;
}

std::optional<Element> parseJsonItem(AttrType t, const QJsonValue& v)
{
    constexpr double maxExactInteger = 9007199254740992.0; // 2^53
    if (t == AttrType::String && v.isString()) {
        return Element{v.toString(), 0};
    }
    if (!v.isDouble()) {
        return std::nullopt;
    }
    const double d = v.toDouble();
    if (!std::isfinite(d)) {
        return std::nullopt;
    }
    if (t == AttrType::Number) {
        return Element{QString::number(d, 'g', 17), d};
    }
    if (t == AttrType::Integer && d == std::trunc(d) && std::fabs(d) <= maxExactInteger) {
        return Element{QString::number(static_cast<qint64>(d)), d};
    }
    return std::nullopt;
}

/// Items of the example, or the 1-based number of the first bad item (0: not an array at all).
struct Parsed {
    QList<Element> items;
    std::optional<qsizetype> badItem;
};

Parsed parseExample(AttrType type, const QString& text)
{
    Parsed p;
    if (!isArray(type)) {
        if (auto e = parseScalar(type, text)) {
            p.items << *e;
        } else {
            p.badItem = 1;
        }
        return p;
    }
    const AttrType item = elementType(type);
    const QString trimmed = text.trimmed();
    if (trimmed.startsWith(QLatin1Char('['))) {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(trimmed.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isArray()) {
            p.badItem = 0;
            return p;
        }
        const QJsonArray array = doc.array();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const auto e = parseJsonItem(item, array.at(i));
            if (!e) {
                p.badItem = i + 1;
                return p;
            }
            p.items << *e;
        }
        return p;
    }
    const QStringList parts = text.split(QLatin1Char(','));
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString part = parts.at(i).trimmed();
        const auto e = part.isEmpty() ? std::nullopt : parseScalar(item, part);
        if (!e) {
            p.badItem = i + 1;
            return p;
        }
        p.items << *e;
    }
    return p;
}

QString shortest(double v)
{
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

Finding exampleFinding(const char* rule, const Attribute& a, QString message)
{
    return Finding{Severity::Error, QString::fromLatin1(rule), EntityKind::Attribute,
                   a.key,           QStringLiteral("example"), std::move(message)};
}

QString typeError(const Attribute& a, const QString& example, qsizetype badItem)
{
    if (!isArray(a.type)) {
        return QCoreApplication::translate("tp::rules", "Example \"%1\" of %2 is not a valid %3.")
            .arg(example, a.key, toString(a.type));
    }
    if (badItem == 0) {
        return QCoreApplication::translate("tp::rules", "Example \"%1\" of %2 is not a valid JSON array.")
            .arg(example, a.key);
    }
    return QCoreApplication::translate("tp::rules", "Item %1 of example \"%2\" of %3 is not a valid %4.")
        .arg(badItem)
        .arg(example, a.key, toString(elementType(a.type)));
}

} // namespace

QList<Finding> validateExample(const Attribute& a, const QString& example)
{
    QList<Finding> out;
    const Parsed parsed = parseExample(a.type, example);
    if (parsed.badItem) {
        out << exampleFinding("attribute.example.type", a, typeError(a, example, *parsed.badItem));
        return out;
    }
    // Only constraints the type allows are checked: a misplaced one is reported on its own.
    const QRegularExpression re(allowsPattern(a.type) ? a.pattern : QString());
    const bool checkPattern = !re.pattern().isEmpty() && re.isValid();
    const bool checkLength = allowsMaxLength(a.type) && a.maxLength && *a.maxLength > 0;
    const bool checkRange = allowsRange(a.type);
    QStringList enumValues;
    for (const EnumValue& v : a.enumValues) {
        enumValues << v.value;
    }
    bool enumBad = false, patternBad = false, rangeBad = false, lengthBad = false;
    for (const Element& e : parsed.items) {
        if (a.type == AttrType::Enum && !enumBad && !enumValues.contains(e.text)) {
            enumBad = true;
            out << exampleFinding("attribute.example.enum", a,
                                  QCoreApplication::translate("tp::rules",
                                                              "Example \"%1\" is not one of the values of "
                                                              "%2: %3.")
                                      .arg(e.text, a.key, enumValues.join(QLatin1String(", "))));
        }
        if (checkPattern && !patternBad && !re.match(e.text).hasMatch()) {
            patternBad = true;
            out << exampleFinding("attribute.example.pattern", a,
                                  QCoreApplication::translate("tp::rules",
                                                              "Example \"%1\" does not match the pattern "
                                                              "%2 of %3.")
                                      .arg(e.text, a.pattern, a.key));
        }
        if (checkRange && !rangeBad
            && ((a.minValue && e.number < *a.minValue) || (a.maxValue && e.number > *a.maxValue))) {
            rangeBad = true;
            const bool below = a.minValue && e.number < *a.minValue;
            out << exampleFinding("attribute.example.range", a,
                                  below ? QCoreApplication::translate("tp::rules",
                                                                      "Example value %1 of %2 is below "
                                                                      "the minimum %3.")
                                              .arg(e.text, a.key, shortest(*a.minValue))
                                        : QCoreApplication::translate("tp::rules",
                                                                      "Example value %1 of %2 is above "
                                                                      "the maximum %3.")
                                              .arg(e.text, a.key, shortest(*a.maxValue)));
        }
        if (checkLength && !lengthBad && codePointLength(e.text) > *a.maxLength) {
            lengthBad = true;
            out << exampleFinding("attribute.example.max_length", a,
                                  QCoreApplication::translate("tp::rules",
                                                              "Example \"%1\" of %2 is longer than %n "
                                                              "character(s).",
                                                              nullptr, *a.maxLength)
                                      .arg(e.text, a.key));
        }
    }
    return out;
}

} // namespace tp
