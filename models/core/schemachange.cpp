#include "schemachange.h"

#include "enums.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <tuple>

namespace tp {
namespace {

SchemaChange change(ChangeClass c, const char* rule, const QString& attributeKey, QString message)
{
    return SchemaChange{c, QString::fromLatin1(rule), attributeKey, std::move(message)};
}

QString number(double v)
{
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

/// Compares one optional bound: raising a minimum or lowering a maximum narrows the range.
void compareBound(const QString& key, const std::optional<double>& before, const std::optional<double>& after,
                  bool isMinimum, QList<SchemaChange>& out)
{
    if (before == after) {
        return;
    }
    if (!before) {
        out << (isMinimum ? change(
                    ChangeClass::Revision, "range.min_added", key,
                    QCoreApplication::translate("tp::schemachange", "Minimum %1 added to %2.").arg(number(*after), key))
                          : change(ChangeClass::Revision, "range.max_added", key,
                                   QCoreApplication::translate("tp::schemachange", "Maximum %1 added to %2.")
                                       .arg(number(*after), key)));
        return;
    }
    if (!after) {
        out << (isMinimum ? change(ChangeClass::Addition, "range.min_removed", key,
                                   QCoreApplication::translate("tp::schemachange", "Minimum of %1 removed.").arg(key))
                          : change(ChangeClass::Addition, "range.max_removed", key,
                                   QCoreApplication::translate("tp::schemachange", "Maximum of %1 removed.").arg(key)));
        return;
    }
    const bool raised = *after > *before;
    const QString from = number(*before);
    const QString to = number(*after);
    if (isMinimum) {
        out << (raised ? change(ChangeClass::Revision, "range.min_raised", key,
                                QCoreApplication::translate("tp::schemachange", "Minimum of %1 raised from %2 to %3.")
                                    .arg(key, from, to))
                       : change(ChangeClass::Addition, "range.min_lowered", key,
                                QCoreApplication::translate("tp::schemachange", "Minimum of %1 lowered from %2 to %3.")
                                    .arg(key, from, to)));
    } else {
        out << (raised ? change(ChangeClass::Addition, "range.max_raised", key,
                                QCoreApplication::translate("tp::schemachange", "Maximum of %1 raised from %2 to %3.")
                                    .arg(key, from, to))
                       : change(ChangeClass::Revision, "range.max_lowered", key,
                                QCoreApplication::translate("tp::schemachange", "Maximum of %1 lowered from %2 to %3.")
                                    .arg(key, from, to)));
    }
}

void compareEnumValues(const QString& key, const Attribute& before, const Attribute& after, QList<SchemaChange>& out)
{
    const auto sameValues = [](const EnumValue& x, const EnumValue& y) { return x.value == y.value; };
    if (std::equal(before.enumValues.begin(), before.enumValues.end(), after.enumValues.begin(), after.enumValues.end(),
                   sameValues)) {
        return; // the common case: nothing or only labels changed
    }
    QSet<QString> beforeValues, afterValues;
    for (const EnumValue& v : before.enumValues) {
        beforeValues.insert(v.value);
    }
    for (const EnumValue& v : after.enumValues) {
        afterValues.insert(v.value);
    }
    QStringList removed, added;
    for (const EnumValue& v : before.enumValues) {
        if (!afterValues.contains(v.value) && !removed.contains(v.value)) {
            removed << v.value;
        }
    }
    for (const EnumValue& v : after.enumValues) {
        if (!beforeValues.contains(v.value) && !added.contains(v.value)) {
            added << v.value;
        }
    }
    if (!removed.isEmpty()) {
        out << change(ChangeClass::Revision, "enum.values_removed", key,
                      QCoreApplication::translate("tp::schemachange", "Enum values of %1 removed: %2.")
                          .arg(key, removed.join(QLatin1String(", "))));
    }
    if (!added.isEmpty()) {
        out << change(ChangeClass::Addition, "enum.values_added", key,
                      QCoreApplication::translate("tp::schemachange", "Enum values of %1 added: %2.")
                          .arg(key, added.join(QLatin1String(", "))));
    }
}

void comparePattern(const QString& key, const QString& before, const QString& after, QList<SchemaChange>& out)
{
    if (before == after) {
        return;
    }
    if (before.isEmpty()) {
        out << change(ChangeClass::Revision, "pattern.added", key,
                      QCoreApplication::translate("tp::schemachange", "Pattern %1 added to %2.").arg(after, key));
    } else if (after.isEmpty()) {
        out << change(ChangeClass::Addition, "pattern.removed", key,
                      QCoreApplication::translate("tp::schemachange", "Pattern of %1 removed.").arg(key));
    } else {
        // Whether one regex accepts a superset of another is undecidable in practice: assume it may not.
        out << change(ChangeClass::Revision, "pattern.changed", key,
                      QCoreApplication::translate("tp::schemachange", "Pattern of %1 changed from %2 to %3.")
                          .arg(key, before, after));
    }
}

void compareMaxLength(const QString& key, const std::optional<int>& before, const std::optional<int>& after,
                      QList<SchemaChange>& out)
{
    if (before == after) {
        return;
    }
    if (!before) {
        out << change(
            ChangeClass::Revision, "max_length.added", key,
            QCoreApplication::translate("tp::schemachange", "Maximum length %1 added to %2.").arg(*after).arg(key));
    } else if (!after) {
        out << change(ChangeClass::Addition, "max_length.removed", key,
                      QCoreApplication::translate("tp::schemachange", "Maximum length of %1 removed.").arg(key));
    } else if (*after < *before) {
        out << change(ChangeClass::Revision, "max_length.lowered", key,
                      QCoreApplication::translate("tp::schemachange", "Maximum length of %1 lowered from %2 to %3.")
                          .arg(key)
                          .arg(*before)
                          .arg(*after));
    } else {
        out << change(ChangeClass::Addition, "max_length.raised", key,
                      QCoreApplication::translate("tp::schemachange", "Maximum length of %1 raised from %2 to %3.")
                          .arg(key)
                          .arg(*before)
                          .arg(*after));
    }
}

QHash<QString, const Binding*> bindingsByKey(const Event& e)
{
    QHash<QString, const Binding*> out;
    out.reserve(e.bindings.size());
    for (const Binding& b : e.bindings) {
        if (!out.contains(b.attributeKey)) { // a duplicate binding is a validation error; first wins
            out.insert(b.attributeKey, &b);
        }
    }
    return out;
}

void compareBinding(const Binding& before, const AttributeLookup& attrsBefore, const Binding& after,
                    const AttributeLookup& attrsAfter, QList<SchemaChange>& out)
{
    const QString& key = after.attributeKey;
    if (!before.required && after.required) {
        out << change(ChangeClass::Revision, "binding.made_required", key,
                      QCoreApplication::translate("tp::schemachange", "Attribute %1 became required.").arg(key));
    } else if (before.required && !after.required) {
        out << change(ChangeClass::Addition, "binding.made_optional", key,
                      QCoreApplication::translate("tp::schemachange", "Attribute %1 became optional.").arg(key));
    }
    const Attribute* a = attrsBefore ? attrsBefore(key) : nullptr;
    const Attribute* b = attrsAfter ? attrsAfter(key) : nullptr;
    if (a && b) {
        if (a != b) { // the same definition on both sides cannot differ
            out << explainAttributeChange(*a, *b);
        }
    } else if (a || b) {
        // Cannot tell what the attribute looks like on one side: assume the worst.
        out << change(ChangeClass::Model, "attribute.definition_missing", key,
                      QCoreApplication::translate("tp::schemachange",
                                                  "The definition of attribute %1 is missing on "
                                                  "one side of the change.")
                          .arg(key));
    }
}

} // namespace

QString toString(ChangeClass c)
{
    switch (c) {
    case ChangeClass::None:
        return QStringLiteral("none");
    case ChangeClass::Addition:
        return QStringLiteral("addition");
    case ChangeClass::Revision:
        return QStringLiteral("revision");
    case ChangeClass::Model:
        return QStringLiteral("model");
    }
    return {};
}

QList<SchemaChange> explainAttributeChange(const Attribute& before, const Attribute& after)
{
    QList<SchemaChange> out;
    const QString& key = after.key;
    if (before.type != after.type) {
        // Constraints of different types are not comparable; the type change says it all.
        out << change(ChangeClass::Model, "attribute.type_changed", key,
                      QCoreApplication::translate("tp::schemachange", "Type of %1 changed from %2 to %3.")
                          .arg(key, toString(before.type), toString(after.type)));
        return out;
    }
    // Only constraints the type allows are enforced (misplaced ones fail validation), so only
    // those are compared.
    const AttrType t = after.type;
    if (allowsEnumValues(t)) {
        compareEnumValues(key, before, after, out);
    }
    if (allowsRange(t)) {
        compareBound(key, before.minValue, after.minValue, true, out);
        compareBound(key, before.maxValue, after.maxValue, false, out);
    }
    if (allowsPattern(t)) {
        comparePattern(key, before.pattern, after.pattern, out);
    }
    if (allowsMaxLength(t)) {
        compareMaxLength(key, before.maxLength, after.maxLength, out);
    }
    return out;
}

QList<SchemaChange> explainEventChange(const Event& before, const AttributeLookup& attrsBefore, const Event& after,
                                       const AttributeLookup& attrsAfter)
{
    QList<SchemaChange> out;
    if (before.key != after.key) {
        out << change(ChangeClass::Model, "event.key_changed", QString(),
                      QCoreApplication::translate("tp::schemachange", "Event key changed from %1 to %2.")
                          .arg(before.key, after.key));
    }
    const QHash<QString, const Binding*> was = bindingsByKey(before);
    const QHash<QString, const Binding*> is = bindingsByKey(after);
    for (const Binding& b : before.bindings) {
        if (!is.contains(b.attributeKey) && was.value(b.attributeKey) == &b) {
            out << change(ChangeClass::Model, "attribute.removed", b.attributeKey,
                          QCoreApplication::translate("tp::schemachange", "Attribute %1 was removed from the event.")
                              .arg(b.attributeKey));
        }
    }
    for (const Binding& b : after.bindings) {
        if (is.value(b.attributeKey) != &b) {
            continue;
        }
        const Binding* old = was.value(b.attributeKey);
        if (old) {
            compareBinding(*old, attrsBefore, b, attrsAfter, out);
        } else if (b.required) {
            out << change(ChangeClass::Revision, "attribute.added_required", b.attributeKey,
                          QCoreApplication::translate("tp::schemachange", "Required attribute %1 was added.")
                              .arg(b.attributeKey));
        } else {
            out << change(ChangeClass::Addition, "attribute.added_optional", b.attributeKey,
                          QCoreApplication::translate("tp::schemachange", "Optional attribute %1 was added.")
                              .arg(b.attributeKey));
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const SchemaChange& a, const SchemaChange& b) {
        return std::tuple(-static_cast<int>(a.changeClass), std::cref(a.attributeKey), std::cref(a.rule))
            < std::tuple(-static_cast<int>(b.changeClass), std::cref(b.attributeKey), std::cref(b.rule));
    });
    return out;
}

ChangeClass classifyEventChange(const Event& before, const AttributeLookup& attrsBefore, const Event& after,
                                const AttributeLookup& attrsAfter)
{
    return highestClass(explainEventChange(before, attrsBefore, after, attrsAfter));
}

ChangeClass highestClass(const QList<SchemaChange>& changes)
{
    ChangeClass c = ChangeClass::None;
    for (const SchemaChange& s : changes) {
        c = std::max(c, s.changeClass);
    }
    return c;
}

SchemaVersion bump(SchemaVersion v, ChangeClass c)
{
    switch (c) {
    case ChangeClass::None:
        return v;
    case ChangeClass::Addition:
        return {v.model, v.revision, v.addition + 1};
    case ChangeClass::Revision:
        return {v.model, v.revision + 1, 0};
    case ChangeClass::Model:
        return {v.model + 1, 0, 0};
    }
    return v;
}

} // namespace tp
