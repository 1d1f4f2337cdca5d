#include "snapshotrules.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tp {
namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("tp::validate", text);
}

Error schemaError(const QString& where, const QString& what)
{
    return makeError(Error::Code::Validation, tr("Schema %1: %2").arg(where, what));
}

QByteArray compactJson(const QJsonArray& a)
{
    return QJsonDocument(a).toJson(QJsonDocument::Compact);
}

} // namespace

Result<std::shared_ptr<const QRegularExpression>> RuleCompiler::regex(const QString& pattern, const QString& where)
{
    if (auto it = m_regexes.constFind(pattern); it != m_regexes.cend()) {
        return *it;
    }
    // JSON Schema patterns are ECMA-262 and unanchored; PCRE2 (QRegularExpression) reads the
    // patterns a plan uses ([0-9]{18}, ^u[0-9]+$, \d, classes, alternations) the same way.
    auto re = std::make_shared<QRegularExpression>(pattern, QRegularExpression::UseUnicodePropertiesOption);
    if (!re->isValid()) {
        return schemaError(where, tr("invalid pattern %1: %2").arg(pattern, re->errorString()));
    }
    re->optimize(); // JIT-compiled now, not on the first match in the hot loop
    m_regexes.insert(pattern, re);
    return std::shared_ptr<const QRegularExpression>(re);
}

Result<PropertyRule> RuleCompiler::propertyRule(const QJsonObject& schema, const QString& where)
{
    PropertyRule r;
    const QString type = schema.value(QLatin1String("type")).toString();
    if (type == QLatin1String("string")) {
        r.type = PropertyRule::Type::String;
    } else if (type == QLatin1String("integer")) {
        r.type = PropertyRule::Type::Integer;
    } else if (type == QLatin1String("number")) {
        r.type = PropertyRule::Type::Number;
    } else if (type == QLatin1String("boolean")) {
        r.type = PropertyRule::Type::Boolean;
    } else if (type == QLatin1String("array")) {
        r.type = PropertyRule::Type::Array;
        auto items = propertyRule(schema.value(QLatin1String("items")).toObject(), where + QLatin1String("[]"));
        if (!items) {
            return items.error();
        }
        r.items = std::make_shared<const PropertyRule>(std::move(*items));
    } else {
        return schemaError(where, tr("unsupported type \"%1\"").arg(type));
    }
    r.dateTime = schema.value(QLatin1String("format")).toString() == QLatin1String("date-time");
    if (const QJsonValue v = schema.value(QLatin1String("minimum")); v.isDouble()) {
        r.hasMinimum = true;
        r.minimum = v.toDouble();
    }
    if (const QJsonValue v = schema.value(QLatin1String("maximum")); v.isDouble()) {
        r.hasMaximum = true;
        r.maximum = v.toDouble();
    }
    if (const QJsonValue v = schema.value(QLatin1String("maxLength")); v.isDouble()) {
        r.maxLength = v.toInt();
    }
    if (const QJsonValue v = schema.value(QLatin1String("pattern")); v.isString()) {
        auto re = regex(v.toString(), where);
        if (!re) {
            return re.error();
        }
        r.pattern = *re;
    }
    if (const QJsonValue v = schema.value(QLatin1String("enum")); v.isArray()) {
        const QJsonArray values = v.toArray();
        for (const QJsonValue& e : values) {
            r.enumValues.insert(e.toString().toUtf8());
        }
        r.enumText = compactJson(values);
    }
    return r;
}

Result<std::shared_ptr<const EventRule>> RuleCompiler::eventRule(const QByteArray& key, const QByteArray& text)
{
    if (auto it = m_events.constFind(text); it != m_events.cend()) {
        return *it;
    }
    const QString where = QString::fromUtf8(key);
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (!doc.isObject()) {
        return schemaError(where, error.errorString());
    }
    const QJsonObject o = doc.object();
    auto rule = std::make_shared<EventRule>();
    rule->key = key;
    const QString level = o.value(QLatin1String("x-level")).toString();
    rule->level = level.size() == 1 ? char(level.at(0).toLatin1()) : 'B';
    const QJsonArray route = o.value(QLatin1String("x-route")).toArray();
    rule->routeJson = compactJson(route);
    rule->blocked = route.isEmpty() || (route.size() == 1 && route.at(0).toString() == QLatin1String("quarantine"));
    rule->closed = o.value(QLatin1String("additionalProperties")) == QJsonValue(false);
    rule->deprecated = o.value(QLatin1String("deprecated")).toBool();
    const QJsonObject properties = o.value(QLatin1String("properties")).toObject();
    for (auto it = properties.constBegin(); it != properties.constEnd(); ++it) {
        auto p = propertyRule(it.value().toObject(), where + QLatin1Char('.') + it.key());
        if (!p) {
            return p.error();
        }
        rule->index.insert(it.key().toUtf8(), int(rule->properties.size()));
        rule->propertyKeys.push_back(it.key().toUtf8());
        rule->properties.push_back(std::move(*p));
    }
    const QJsonArray required = o.value(QLatin1String("required")).toArray();
    for (const QJsonValue& r : required) {
        const auto it = rule->index.constFind(r.toString().toUtf8());
        if (it == rule->index.cend()) {
            return schemaError(where, tr("required \"%1\" is not a property").arg(r.toString()));
        }
        rule->required.push_back(*it);
    }
    std::shared_ptr<const EventRule> shared = std::move(rule);
    m_events.insert(text, shared);
    return shared;
}

Result<std::shared_ptr<const SnapshotRules>> RuleCompiler::compile(const SnapshotSchemas& schemas)
{
    if (!schemas.id.isEmpty()) {
        if (auto it = m_snapshots.constFind(schemas.id); it != m_snapshots.cend()) {
            return *it;
        }
    }
    auto rules = std::make_shared<SnapshotRules>();
    rules->id = schemas.id;
    QJsonParseError error{};
    const QJsonDocument common = QJsonDocument::fromJson(schemas.common, &error);
    if (!common.isObject()) {
        return schemaError(QStringLiteral("common"), error.errorString());
    }
    const QJsonObject properties = common.object().value(QLatin1String("properties")).toObject();
    for (auto it = properties.constBegin(); it != properties.constEnd(); ++it) {
        auto p = propertyRule(it.value().toObject(), QLatin1String("common.") + it.key());
        if (!p) {
            return p.error();
        }
        rules->commonIndex.insert(it.key().toUtf8(), int(rules->common.size()));
        rules->common.push_back(std::move(*p));
    }
    rules->events.reserve(schemas.events.size());
    for (const auto& [key, text] : schemas.events) {
        auto e = eventRule(key, text);
        if (!e) {
            return e.error();
        }
        rules->events.insert(key, *e);
    }
    std::shared_ptr<const SnapshotRules> shared = std::move(rules);
    if (!schemas.id.isEmpty()) {
        m_snapshots.insert(schemas.id, shared);
    }
    return shared;
}

} // namespace tp
