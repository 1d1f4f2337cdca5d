#include "rules.h"
#include "rules_p.h"

#include "enums.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace tp {
namespace {

using Severity = Finding::Severity;
using rules_detail::checkDisplayName;
using rules_detail::checkKey;
using rules_detail::finding;
using rules_detail::indexed;

/// Messages must not depend on the order of the input.
QStringList sortedList(QStringList list)
{
    list.sort();
    return list;
}

void checkEnumValues(const Attribute& a, QList<Finding>& out)
{
    const bool isEnum = allowsEnumValues(a.type);
    if (isEnum && a.enumValues.isEmpty()) {
        out << finding(
            Severity::Error, "attribute.enum_values.missing", EntityKind::Attribute, a.key,
            QStringLiteral("enum_values"),
            QCoreApplication::translate("tp::rules", "Enum attribute %1 needs at least one value.").arg(a.key));
    }
    if (!isEnum && !a.enumValues.isEmpty()) {
        out << finding(Severity::Error, "attribute.enum_values.type", EntityKind::Attribute, a.key,
                       QStringLiteral("enum_values"),
                       QCoreApplication::translate("tp::rules", "Attribute %1 of type %2 cannot have enum values.")
                           .arg(a.key, toString(a.type)));
    }
    QSet<QString> seen;
    for (qsizetype i = 0; i < a.enumValues.size(); ++i) {
        const QString& v = a.enumValues.at(i).value;
        if (v.trimmed().isEmpty()) {
            out << finding(
                Severity::Error, "attribute.enum_values.empty", EntityKind::Attribute, a.key, indexed("enum_values", i),
                QCoreApplication::translate("tp::rules", "Enum value %1 of %2 is empty.").arg(i + 1).arg(a.key));
        } else if (seen.contains(v)) {
            out << finding(Severity::Error, "attribute.enum_values.duplicate", EntityKind::Attribute, a.key,
                           indexed("enum_values", i),
                           QCoreApplication::translate("tp::rules", "Enum value \"%1\" of %2 is listed more than once.")
                               .arg(v, a.key));
        } else {
            seen.insert(v);
        }
    }
}

void checkConstraints(const Attribute& a, QList<Finding>& out)
{
    if (!a.pattern.isEmpty()) {
        if (!allowsPattern(a.type)) {
            out << finding(Severity::Error, "attribute.pattern.type", EntityKind::Attribute, a.key,
                           QStringLiteral("pattern"),
                           QCoreApplication::translate("tp::rules", "Attribute %1 of type %2 cannot have a pattern.")
                               .arg(a.key, toString(a.type)));
        }
        const QRegularExpression re(a.pattern);
        if (!re.isValid()) {
            out << finding(Severity::Error, "attribute.pattern.invalid", EntityKind::Attribute, a.key,
                           QStringLiteral("pattern"),
                           QCoreApplication::translate("tp::rules",
                                                       "The pattern of %1 is not a valid regular expression: "
                                                       "%2 at offset %3.")
                               .arg(a.key, re.errorString())
                               .arg(re.patternErrorOffset()));
        }
    }
    const std::pair<const std::optional<double>*, const char*> bounds[] = {{&a.minValue, "min"}, {&a.maxValue, "max"}};
    for (const auto& [bound, field] : bounds) {
        if (!bound->has_value()) {
            continue;
        }
        if (!allowsRange(a.type)) {
            out << finding(Severity::Error, "attribute.range.type", EntityKind::Attribute, a.key,
                           QString::fromLatin1(field),
                           QCoreApplication::translate("tp::rules",
                                                       "Attribute %1 of type %2 cannot have a minimum or "
                                                       "maximum.")
                               .arg(a.key, toString(a.type)));
        }
        if (!std::isfinite(**bound)) {
            out << finding(
                Severity::Error, "attribute.range.finite", EntityKind::Attribute, a.key, QString::fromLatin1(field),
                QCoreApplication::translate("tp::rules", "The bounds of %1 must be finite numbers.").arg(a.key));
        }
    }
    if (a.minValue && a.maxValue && *a.minValue > *a.maxValue) {
        out << finding(
            Severity::Error, "attribute.range.order", EntityKind::Attribute, a.key, QStringLiteral("min"),
            QCoreApplication::translate("tp::rules", "The minimum of %1 (%2) is greater than its maximum (%3).")
                .arg(a.key, QString::number(*a.minValue, 'g', QLocale::FloatingPointShortest),
                     QString::number(*a.maxValue, 'g', QLocale::FloatingPointShortest)));
    }
    if (a.maxLength) {
        if (*a.maxLength <= 0) {
            out << finding(Severity::Error, "attribute.max_length.value", EntityKind::Attribute, a.key,
                           QStringLiteral("max_length"),
                           QCoreApplication::translate("tp::rules", "The maximum length of %1 must be greater than 0.")
                               .arg(a.key));
        }
        if (!allowsMaxLength(a.type)) {
            out << finding(Severity::Error, "attribute.max_length.type", EntityKind::Attribute, a.key,
                           QStringLiteral("max_length"),
                           QCoreApplication::translate("tp::rules",
                                                       "Attribute %1 of type %2 cannot have a maximum "
                                                       "length.")
                               .arg(a.key, toString(a.type)));
        }
    }
}

} // namespace

namespace rules_detail {

void checkKey(const QString& key, EntityKind kind, QList<Finding>& out)
{
    if (key.isEmpty()) {
        out << finding(Finding::Severity::Error, "key.required", kind, key, QStringLiteral("key"),
                       QCoreApplication::translate("tp::rules", "The key is required."));
    } else if (!isValidKey(key)) {
        out << finding(
            Finding::Severity::Error, "key.format", kind, key, QStringLiteral("key"),
            QCoreApplication::translate("tp::rules",
                                        "Key \"%1\" must start with a lower-case letter and contain only "
                                        "lower-case letters, digits and underscores (at most 64 characters).")
                .arg(key));
    }
}

void checkDisplayName(const QString& key, const QString& displayName, EntityKind kind, QList<Finding>& out)
{
    if (displayName.trimmed().isEmpty()) {
        out << finding(Finding::Severity::Error, "display_name.required", kind, key, QStringLiteral("display_name"),
                       QCoreApplication::translate("tp::rules", "%1 has no display name.").arg(key));
    }
}

} // namespace rules_detail

QString toString(Finding::Severity severity)
{
    return severity == Severity::Error ? QStringLiteral("error") : QStringLiteral("warning");
}

bool hasErrors(const QList<Finding>& findings)
{
    return std::any_of(findings.begin(), findings.end(),
                       [](const Finding& f) { return f.severity == Severity::Error; });
}

void sortFindings(QList<Finding>& findings)
{
    std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        return std::tie(a.kind, a.entityKey, a.rule, a.field, a.message, a.severity)
            < std::tie(b.kind, b.entityKey, b.rule, b.field, b.message, b.severity);
    });
}

bool isValidKey(const QString& key)
{
    // anchoredPattern uses \A…\z: a plain "$" would also accept a trailing newline.
    static const QRegularExpression re(QRegularExpression::anchoredPattern(QStringLiteral("[a-z][a-z0-9_]{0,63}")));
    return re.match(key).hasMatch();
}

bool isSnakeCase(const QString& key)
{
    return isValidKey(key) && !key.contains(QLatin1String("__")) && !key.endsWith(QLatin1Char('_'));
}

QString normalizedKey(const QString& key)
{
    // One pass into a preallocated buffer: this runs for every key of a large plan.
    QString out(key.size(), Qt::Uninitialized);
    QChar* d = out.data();
    qsizetype n = 0;
    for (const QChar c : key) {
        const char16_t u = c.unicode();
        if (u == u'_' || u == u'-' || u == u'.' || c.isSpace()) {
            continue;
        }
        d[n++] = (u >= u'A' && u <= u'Z') ? QChar(u + (u'a' - u'A')) : (u < 0x80 ? c : c.toLower());
    }
    out.truncate(n);
    return out;
}

bool allowsEnumValues(AttrType t)
{
    return t == AttrType::Enum;
}

bool allowsPattern(AttrType t)
{
    return isStringLike(t);
}

bool allowsRange(AttrType t)
{
    return isNumeric(t) || t == AttrType::ArrayInteger || t == AttrType::ArrayNumber;
}

bool allowsMaxLength(AttrType t)
{
    return t == AttrType::String || t == AttrType::ArrayString;
}

qsizetype codePointLength(const QString& text)
{
    qsizetype n = 0;
    for (const QChar c : text) {
        if (!c.isLowSurrogate()) {
            ++n;
        }
    }
    return n;
}

QList<Finding> validateAttribute(const Attribute& a)
{
    QList<Finding> out;
    checkKey(a.key, EntityKind::Attribute, out);
    checkDisplayName(a.key, a.displayName, EntityKind::Attribute, out);
    checkEnumValues(a, out);
    checkConstraints(a, out);
    if (!a.example.isEmpty()) {
        out << validateExample(a, a.example);
    }
    return out;
}

QList<Finding> validateUniqueKeys(EntityKind kind, const QStringList& keys)
{
    // Count first; index lists are only built for the (rare) normalized keys that collide.
    QList<QString> normalized;
    normalized.reserve(keys.size());
    QHash<QString, qsizetype> counts;
    counts.reserve(keys.size());
    bool anyCollision = false;
    for (const QString& key : keys) {
        normalized << normalizedKey(key);
        anyCollision = ++counts[normalized.constLast()] > 1 || anyCollision;
    }
    if (!anyCollision) {
        return {};
    }
    QHash<QString, QList<qsizetype>> groups;
    for (qsizetype i = 0; i < keys.size(); ++i) {
        if (counts.value(normalized.at(i)) > 1) {
            groups[normalized.at(i)].append(i);
        }
    }
    QList<Finding> out;
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const QList<qsizetype>& group = groups.value(normalized.at(i));
        if (group.size() < 2) {
            continue;
        }
        const QString& key = keys.at(i);
        QStringList others;
        bool exactDuplicate = false;
        for (const qsizetype j : group) {
            if (j == i) {
                continue;
            }
            exactDuplicate = exactDuplicate || keys.at(j) == key;
            if (keys.at(j) != key && !others.contains(keys.at(j))) {
                others << keys.at(j);
            }
        }
        const QString message = exactDuplicate && others.isEmpty()
            ? QCoreApplication::translate("tp::rules", "Key %1 is used more than once.").arg(key)
            : QCoreApplication::translate("tp::rules",
                                          "Key %1 collides with %2: keys must be unique ignoring case "
                                          "and separators.")
                  .arg(key, sortedList(others).join(QLatin1String(", ")));
        out << finding(Severity::Error, "key.unique", kind, key, QStringLiteral("key"), message);
    }
    return out;
}

} // namespace tp
