#include "schemacompiler.h"

#include "entityjson.h"
#include "enums.h"
#include "jsonwriter.h"
#include "routing.h"
#include "rules.h"

#include <QCryptographicHash>
#include <QJsonArray>

#include <algorithm>

namespace tp {
namespace {

QString jsonType(AttrType t)
{
    switch (t) {
    case AttrType::Integer:
    case AttrType::ArrayInteger:
        return QStringLiteral("integer");
    case AttrType::Number:
    case AttrType::ArrayNumber:
        return QStringLiteral("number");
    case AttrType::Boolean:
        return QStringLiteral("boolean");
    default:
        return QStringLiteral("string");
    }
}

bool isArrayType(AttrType t)
{
    return t == AttrType::ArrayString || t == AttrType::ArrayInteger || t == AttrType::ArrayNumber;
}

/// The constraints of one value (the attribute itself, or an item of an array attribute).
QJsonObject valueSchema(const Attribute& a)
{
    QJsonObject o{{QStringLiteral("type"), jsonType(a.type)}};
    if (a.type == AttrType::DateTime) {
        o.insert(QStringLiteral("format"), QStringLiteral("date-time"));
    }
    if (allowsEnumValues(a.type) && !a.enumValues.isEmpty()) {
        QJsonArray values;
        for (const EnumValue& v : a.enumValues) {
            values.append(v.value);
        }
        o.insert(QStringLiteral("enum"), values);
    }
    if (allowsPattern(a.type) && !a.pattern.isEmpty()) {
        o.insert(QStringLiteral("pattern"), a.pattern);
    }
    if (allowsRange(a.type)) {
        if (a.minValue) {
            o.insert(QStringLiteral("minimum"), *a.minValue);
        }
        if (a.maxValue) {
            o.insert(QStringLiteral("maximum"), *a.maxValue);
        }
    }
    if (allowsMaxLength(a.type) && a.maxLength) {
        o.insert(QStringLiteral("maxLength"), *a.maxLength);
    }
    return o;
}

void appendKey(QByteArray& out, QStringView key)
{
    json::appendString(out, key);
    out += ':';
}

} // namespace

SchemaCompiler::SchemaCompiler(const Plan& plan, const GovernancePolicy& policy, SchemaOptions options)
    : m_plan(plan)
    , m_options(options)
{
    for (Level level : {Level::A, Level::B, Level::C, Level::D}) {
        QByteArray& tail = m_levelTail[int(level)];
        tail += ",\"x-level\":";
        json::appendString(tail, toString(level));
        tail += ",\"x-route\":";
        json::appendCanonical(tail, QJsonArray::fromStringList(routeOf(levelPolicy(policy, level))));
    }
}

QJsonObject SchemaCompiler::attributeSchema(const Attribute& a)
{
    QJsonObject o;
    if (isArrayType(a.type)) {
        o.insert(QStringLiteral("type"), QStringLiteral("array"));
        o.insert(QStringLiteral("items"), valueSchema(a));
    } else {
        o = valueSchema(a);
    }
    if (a.privacy != Privacy::None) {
        o.insert(QStringLiteral("x-privacy"), toString(a.privacy));
    }
    return o;
}

QByteArray SchemaCompiler::sha256Hex(QByteArrayView text)
{
    return QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex();
}

const QByteArray& SchemaCompiler::fragment(const QString& attributeKey)
{
    auto it = m_fragments.constFind(attributeKey);
    if (it == m_fragments.constEnd()) {
        const Attribute* a = m_plan.findAttribute(attributeKey);
        // A binding to an attribute the plan lacks (lint reports it) constrains nothing.
        it = m_fragments.insert(attributeKey, a ? canonicalJson(attributeSchema(*a)) : QByteArray("{}"));
    }
    return *it;
}

QByteArray SchemaCompiler::eventSchemaText(const Event& e)
{
    // Assembled by hand in canonical key order — "$schema" < "additionalProperties" <
    // "deprecated" < "properties" < "required" < "title" < "type" < "x-level" < "x-route" <
    // "x-schema-version" — from canonical fragments; tst_schemacompiler checks it against
    // canonicalJson() of the parsed text.
    QList<const Binding*> bindings;
    bindings.reserve(e.bindings.size());
    for (const Binding& b : e.bindings) {
        bindings.append(&b);
    }
    std::sort(bindings.begin(), bindings.end(),
              [](const Binding* a, const Binding* b) { return a->attributeKey < b->attributeKey; });
    bindings.erase(std::unique(bindings.begin(), bindings.end(),
                               [](const Binding* a, const Binding* b) { return a->attributeKey == b->attributeKey; }),
                   bindings.end());

    QByteArray out;
    out.reserve(256 + 96 * bindings.size());
    out += "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\"";
    if (m_options.closed) {
        out += ",\"additionalProperties\":false";
    }
    if (e.status == EventStatus::Deprecated || e.status == EventStatus::Removed) {
        out += ",\"deprecated\":true";
    }
    out += ",\"properties\":{";
    for (qsizetype i = 0; i < bindings.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        appendKey(out, bindings[i]->attributeKey);
        out += fragment(bindings[i]->attributeKey);
    }
    out += "},\"required\":[";
    bool first = true;
    for (const Binding* b : std::as_const(bindings)) {
        if (b->required) {
            if (!first) {
                out += ',';
            }
            first = false;
            json::appendString(out, b->attributeKey);
        }
    }
    out += "],\"title\":";
    json::appendString(out, e.key);
    out += ",\"type\":\"object\"";
    out += m_levelTail[int(e.level)];
    out += ",\"x-schema-version\":";
    json::appendString(out, e.schemaVersion.toString());
    out += '}';
    return out;
}

CompiledSchema SchemaCompiler::eventSchema(const Event& e)
{
    CompiledSchema s;
    s.text = eventSchemaText(e);
    s.sha256 = sha256Hex(s.text);
    return s;
}

QByteArray SchemaCompiler::commonSchemaText()
{
    QJsonObject properties;
    for (const Attribute& a : m_plan.attributes) {
        if (a.common) {
            properties.insert(a.key, attributeSchema(a));
        }
    }
    return canonicalJson(QJsonObject{{QStringLiteral("$schema"), dialect()},
                                     {QStringLiteral("properties"), properties},
                                     {QStringLiteral("required"), QJsonArray()},
                                     {QStringLiteral("title"), QStringLiteral("common")},
                                     {QStringLiteral("type"), QStringLiteral("object")}});
}

} // namespace tp
