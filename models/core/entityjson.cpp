#include "entityjson.h"

#include "enums.h"
#include "jsonwriter.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace tp {
namespace {

QLatin1String k(const char* key)
{
    return QLatin1String(key);
}

QString kindOf(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QCoreApplication::translate("tp::json", "null");
    case QJsonValue::Bool:
        return QCoreApplication::translate("tp::json", "a boolean");
    case QJsonValue::Double:
        return QCoreApplication::translate("tp::json", "a number");
    case QJsonValue::String:
        return QCoreApplication::translate("tp::json", "a string");
    case QJsonValue::Array:
        return QCoreApplication::translate("tp::json", "an array");
    case QJsonValue::Object:
        return QCoreApplication::translate("tp::json", "an object");
    case QJsonValue::Undefined:
        break;
    }
    return QCoreApplication::translate("tp::json", "nothing");
}

/// Reads the fields of one JSON object strictly. The first problem is kept; after it every
/// getter returns a default, so callers read all fields and check ok() once at the end.
class FieldReader {
public:
    FieldReader(const QJsonObject& o, QString prefix, std::optional<JsonFieldError>& error)
        : m_o(o)
        , m_prefix(std::move(prefix))
        , m_error(error)
    {
    }
    /// Element `index` of the array field `key` of parent; its path is built only if needed.
    FieldReader(const QJsonObject& o, const FieldReader& parent, const char* key, qsizetype index)
        : m_o(o)
        , m_error(parent.m_error)
        , m_parent(&parent)
        , m_parentKey(key)
        , m_index(index)
    {
    }

    [[nodiscard]] bool ok() const { return !m_error.has_value(); }

    /// The object must hold exactly these keys: unknown ones are reported first (in key order),
    /// then missing ones (in the order given).
    void expectKeys(std::initializer_list<const char*> keys)
    {
        // Both lists are short; compare in place rather than build a QString per key.
        if (m_o.size() == qsizetype(keys.size())) {
            bool all = true;
            for (const char* key : keys) {
                all = all && m_o.contains(k(key));
            }
            if (all) {
                return; // as many keys, none missing: none unknown either
            }
        }
        for (auto it = m_o.begin(); it != m_o.end() && ok(); ++it) {
            const QString name = it.key();
            if (std::none_of(keys.begin(), keys.end(), [&](const char* key) { return name == k(key); })) {
                fail(path(name), QCoreApplication::translate("tp::json", "Unknown field \"%1\"").arg(name));
            }
        }
        for (const char* key : keys) {
            if (ok() && !m_o.contains(k(key))) {
                fail(path(k(key)),
                     QCoreApplication::translate("tp::json", "Missing field \"%1\"").arg(QLatin1String(key)));
            }
        }
    }

    QString string(const char* key)
    {
        const QJsonValue v = m_o.value(k(key));
        return expect(v, v.isString(), key, QT_TRANSLATE_NOOP("tp::json", "a string")) ? v.toString()
                                                                                                 : QString();
    }

    bool boolean(const char* key)
    {
        const QJsonValue v = m_o.value(k(key));
        return expect(v, v.isBool(), key, QT_TRANSLATE_NOOP("tp::json", "a boolean")) && v.toBool();
    }

    double number(const char* key)
    {
        const QJsonValue v = m_o.value(k(key));
        return expect(v, v.isDouble(), key, QT_TRANSLATE_NOOP("tp::json", "a number")) ? v.toDouble() : 0;
    }

    std::optional<double> optionalNumber(const char* key)
    {
        const QJsonValue v = m_o.value(k(key));
        if (v.isNull() || !expect(v, v.isDouble(), key, QT_TRANSLATE_NOOP("tp::json", "a number or null"))) {
            return std::nullopt;
        }
        return v.toDouble();
    }

    std::optional<int> optionalInt(const char* key)
    {
        const std::optional<double> d = optionalNumber(key);
        if (!d) {
            return std::nullopt;
        }
        constexpr double lo = std::numeric_limits<int>::min();
        constexpr double hi = std::numeric_limits<int>::max();
        if (*d != std::trunc(*d) || *d < lo || *d > hi) {
            fail(path(k(key)),
                 QCoreApplication::translate("tp::json", "Expected an integer between %1 and %2")
                     .arg(qint64(lo))
                     .arg(qint64(hi)));
            return std::nullopt;
        }
        return int(*d);
    }

    QJsonArray array(const char* key)
    {
        const QJsonValue v = m_o.value(k(key));
        return expect(v, v.isArray(), key, QT_TRANSLATE_NOOP("tp::json", "an array")) ? v.toArray()
                                                                                                : QJsonArray();
    }

    QStringList stringList(const char* key)
    {
        const QJsonArray a = array(key);
        QStringList out;
        out.reserve(a.size());
        for (qsizetype i = 0; i < a.size() && ok(); ++i) {
            const QJsonValue v = a.at(i);
            if (!v.isString()) {
                wrongType(elementPath(key, i), v, QCoreApplication::translate("tp::json", "a string"));
            }
            out << v.toString();
        }
        return out;
    }

    template <typename E> E enumValue(const char* key, E fallback)
    {
        const QString s = string(key);
        if (!ok()) {
            return fallback;
        }
        const std::optional<E> e = fromString<E>(s);
        if (!e) {
            fail(path(k(key)),
                 QCoreApplication::translate("tp::json", "Unknown value \"%1\"; expected one of: %2")
                     .arg(s, allSpellings<E>().join(QLatin1String(", "))));
            return fallback;
        }
        return *e;
    }

    /// Object elements of an array field, each read by a nested FieldReader.
    template <typename Fn> void objects(const char* key, Fn&& readOne)
    {
        const QJsonArray a = array(key);
        for (qsizetype i = 0; i < a.size() && ok(); ++i) {
            const QJsonValue v = a.at(i);
            if (!v.isObject()) {
                wrongType(elementPath(key, i), v, QCoreApplication::translate("tp::json", "an object"));
                return;
            }
            const QJsonObject obj = v.toObject();
            FieldReader nested(obj, *this, key, i);
            readOne(nested);
        }
    }

    void fail(const QString& path, const QString& message)
    {
        if (!m_error) {
            m_error = JsonFieldError{path, message};
        }
    }

    [[nodiscard]] QString path(const QString& key) const
    {
        const QString prefix = m_parent ? m_parent->elementPath(m_parentKey, m_index) : m_prefix;
        return prefix.isEmpty() ? key : prefix + QLatin1Char('.') + key;
    }
    [[nodiscard]] QString path(QLatin1String key) const { return path(QString(key)); }

private:
    [[nodiscard]] QString elementPath(const char* key, qsizetype i) const
    {
        return path(k(key)) + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
    }

    /// `wanted` is translated only when it is needed, on a failure.
    bool expect(const QJsonValue& v, bool good, const char* key, const char* wanted)
    {
        if (!ok()) {
            return false;
        }
        if (!good) {
            wrongType(path(k(key)), v, QCoreApplication::translate("tp::json", wanted));
        }
        return good;
    }

    void wrongType(const QString& at, const QJsonValue& v, const QString& wanted)
    {
        fail(at, QCoreApplication::translate("tp::json", "Expected %1 but found %2").arg(wanted, kindOf(v)));
    }

    const QJsonObject& m_o;
    QString m_prefix;
    std::optional<JsonFieldError>& m_error;
    const FieldReader* m_parent = nullptr;
    const char* m_parentKey = nullptr;
    qsizetype m_index = 0;
};

template <typename T> JsonResult<T> result(T value, const std::optional<JsonFieldError>& error)
{
    if (error) {
        return *error;
    }
    return value;
}

QJsonArray strings(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

QJsonValue optional(const std::optional<double>& v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonObject toJson(const Event& e, bool withManaged)
{
    QJsonArray bindings;
    for (const Binding& b : e.bindings) {
        bindings.append(
            QJsonObject{{k("attribute"), b.attributeKey}, {k("required"), b.required}, {k("note"), b.note}});
    }
    QJsonObject o{
        {k("key"), e.key},
        {k("display_name"), e.displayName},
        {k("description"), e.description},
        {k("trigger"), e.trigger},
        {k("category"), e.category},
        {k("tags"), strings(e.tags)},
        {k("platforms"), strings(e.platforms)},
        {k("owner"), e.owner},
        {k("level"), toString(e.level)},
        {k("status"), toString(e.status)},
        {k("bindings"), bindings},
        {k("screenshot"), e.screenshot},
        {k("introduced_in"), e.introducedIn},
        {k("deprecated_in"), e.deprecatedIn},
    };
    if (withManaged) {
        o.insert(k("schema_version"), e.schemaVersion.toString());
    }
    return o;
}

QJsonObject toJson(const Attribute& a)
{
    QJsonArray values;
    for (const EnumValue& v : a.enumValues) {
        values.append(QJsonObject{{k("value"), v.value}, {k("label"), v.label}});
    }
    return QJsonObject{
        {k("key"), a.key},
        {k("display_name"), a.displayName},
        {k("description"), a.description},
        {k("type"), toString(a.type)},
        {k("enum_values"), values},
        {k("pattern"), a.pattern},
        {k("min"), optional(a.minValue)},
        {k("max"), optional(a.maxValue)},
        {k("max_length"), a.maxLength ? QJsonValue(*a.maxLength) : QJsonValue(QJsonValue::Null)},
        {k("unit"), a.unit},
        {k("example"), a.example},
        {k("privacy"), toString(a.privacy)},
        {k("groups"), strings(a.groups)},
        {k("common"), a.common},
    };
}

QJsonObject toJson(const App& a)
{
    return QJsonObject{{k("key"), a.key},
                       {k("name"), a.name},
                       {k("description"), a.description},
                       {k("platforms"), strings(a.platforms)}};
}

QJsonObject toJson(const User& u)
{
    return QJsonObject{{k("name"), u.name}, {k("display_name"), u.displayName}, {k("role"), toString(u.role)}};
}

QJsonObject toJson(const LevelPolicy& p)
{
    return QJsonObject{
        {k("level"), toString(p.level)},      {k("reject"), p.reject},
        {k("quarantine"), p.quarantine},      {k("analytics"), p.analytics},
        {k("sampling_rate"), p.samplingRate}, {k("warehouse_ods"), p.warehouseOds},
        {k("realtime"), p.realtime},          {k("health_alerts"), p.healthAlerts},
    };
}

JsonResult<Event> eventFromJson(const QJsonObject& o, bool withManaged)
{
    std::optional<JsonFieldError> error;
    FieldReader r(o, QString(), error);
    if (withManaged) {
        r.expectKeys({"key", "display_name", "description", "trigger", "category", "tags", "platforms", "owner",
                      "level", "status", "bindings", "screenshot", "introduced_in", "deprecated_in", "schema_version"});
    } else {
        r.expectKeys({"key", "display_name", "description", "trigger", "category", "tags", "platforms", "owner",
                      "level", "status", "bindings", "screenshot", "introduced_in", "deprecated_in"});
    }
    Event e;
    e.key = r.string("key");
    e.displayName = r.string("display_name");
    e.description = r.string("description");
    e.trigger = r.string("trigger");
    e.category = r.string("category");
    e.tags = r.stringList("tags");
    e.platforms = r.stringList("platforms");
    e.owner = r.string("owner");
    e.level = r.enumValue("level", Level::B);
    e.status = r.enumValue("status", EventStatus::Planned);
    r.objects("bindings", [&e](FieldReader& b) {
        b.expectKeys({"attribute", "required", "note"});
        Binding binding;
        binding.attributeKey = b.string("attribute");
        binding.required = b.boolean("required");
        binding.note = b.string("note");
        e.bindings << binding;
    });
    e.screenshot = r.string("screenshot");
    e.introducedIn = r.string("introduced_in");
    e.deprecatedIn = r.string("deprecated_in");
    if (withManaged) {
        const QString text = r.string("schema_version");
        const std::optional<SchemaVersion> v = SchemaVersion::parse(text);
        if (r.ok() && !v) {
            r.fail(QStringLiteral("schema_version"),
                   QCoreApplication::translate(
                       "tp::json", "Invalid schema version \"%1\"; expected MODEL-REVISION-ADDITION such as 1-0-0")
                       .arg(text));
        }
        e.schemaVersion = v.value_or(SchemaVersion{});
    }
    return result(e, error);
}

JsonResult<Attribute> attributeFromJson(const QJsonObject& o)
{
    std::optional<JsonFieldError> error;
    FieldReader r(o, QString(), error);
    r.expectKeys({"key", "display_name", "description", "type", "enum_values", "pattern", "min", "max", "max_length",
                  "unit", "example", "privacy", "groups", "common"});
    Attribute a;
    a.key = r.string("key");
    a.displayName = r.string("display_name");
    a.description = r.string("description");
    a.type = r.enumValue("type", AttrType::String);
    r.objects("enum_values", [&a](FieldReader& v) {
        v.expectKeys({"value", "label"});
        EnumValue ev;
        ev.value = v.string("value");
        ev.label = v.string("label");
        a.enumValues << ev;
    });
    a.pattern = r.string("pattern");
    a.minValue = r.optionalNumber("min");
    a.maxValue = r.optionalNumber("max");
    a.maxLength = r.optionalInt("max_length");
    a.unit = r.string("unit");
    a.example = r.string("example");
    a.privacy = r.enumValue("privacy", Privacy::None);
    a.groups = r.stringList("groups");
    a.common = r.boolean("common");
    return result(a, error);
}

JsonResult<App> appFromJson(const QJsonObject& o)
{
    std::optional<JsonFieldError> error;
    FieldReader r(o, QString(), error);
    r.expectKeys({"key", "name", "description", "platforms"});
    App a;
    a.key = r.string("key");
    a.name = r.string("name");
    a.description = r.string("description");
    a.platforms = r.stringList("platforms");
    return result(a, error);
}

JsonResult<User> userFromJson(const QJsonObject& o)
{
    std::optional<JsonFieldError> error;
    FieldReader r(o, QString(), error);
    r.expectKeys({"name", "display_name", "role"});
    User u;
    u.name = r.string("name");
    u.displayName = r.string("display_name");
    u.role = r.enumValue("role", Role::Analyst);
    return result(u, error);
}

JsonResult<LevelPolicy> levelPolicyFromJson(const QJsonObject& o)
{
    std::optional<JsonFieldError> error;
    FieldReader r(o, QString(), error);
    r.expectKeys(
        {"level", "reject", "quarantine", "analytics", "sampling_rate", "warehouse_ods", "realtime", "health_alerts"});
    LevelPolicy p;
    p.level = r.enumValue("level", Level::B);
    p.reject = r.boolean("reject");
    p.quarantine = r.boolean("quarantine");
    p.analytics = r.boolean("analytics");
    p.samplingRate = r.number("sampling_rate");
    p.warehouseOds = r.boolean("warehouse_ods");
    p.realtime = r.boolean("realtime");
    p.healthAlerts = r.boolean("health_alerts");
    return result(p, error);
}

QByteArray canonicalJson(const QJsonObject& o)
{
    QByteArray out;
    out.reserve(256);
    json::appendCanonical(out, o);
    return out;
}

QByteArray canonicalJson(const QJsonValue& v)
{
    QByteArray out;
    out.reserve(64);
    json::appendCanonical(out, v);
    return out;
}

} // namespace tp
