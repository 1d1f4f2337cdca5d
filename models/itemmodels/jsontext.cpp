#include "jsontext.h"

#include "enumlabels.h"
#include "enums.h"

#include <QCoreApplication>
#include <QHash>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace tp {

QString jsonValueText(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Undefined:
    case QJsonValue::Null:
        return QStringLiteral("—");
    case QJsonValue::String:
        return v.toString().isEmpty() ? QStringLiteral("“”") : v.toString();
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(v.toDouble());
    case QJsonValue::Array: {
        QStringList parts;
        for (const QJsonValue& item : v.toArray()) {
            const QJsonObject o = item.toObject();
            if (item.isObject() && o.contains(QLatin1String("attribute"))) {
                parts << o.value(QLatin1String("attribute")).toString()
                        + (o.value(QLatin1String("required")).toBool() ? QStringLiteral("*") : QString());
            } else if (item.isObject() && o.contains(QLatin1String("value"))) {
                parts << o.value(QLatin1String("value")).toString();
            } else {
                parts << jsonValueText(item);
            }
        }
        return parts.isEmpty() ? QStringLiteral("[]") : parts.join(QLatin1String(", "));
    }
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

QString fieldLabel(const QString& field)
{
    // The English names are the translation sources; one table keeps them in one place.
    static const QHash<QString, const char*> labels{
        {QStringLiteral("key"), QT_TRANSLATE_NOOP("tp::fields", "Key")},
        {QStringLiteral("display_name"), QT_TRANSLATE_NOOP("tp::fields", "Display name")},
        {QStringLiteral("description"), QT_TRANSLATE_NOOP("tp::fields", "Description")},
        {QStringLiteral("trigger"), QT_TRANSLATE_NOOP("tp::fields", "Trigger")},
        {QStringLiteral("category"), QT_TRANSLATE_NOOP("tp::fields", "Category")},
        {QStringLiteral("level"), QT_TRANSLATE_NOOP("tp::fields", "Level")},
        {QStringLiteral("status"), QT_TRANSLATE_NOOP("tp::fields", "Status")},
        {QStringLiteral("owner"), QT_TRANSLATE_NOOP("tp::fields", "Owner")},
        {QStringLiteral("platforms"), QT_TRANSLATE_NOOP("tp::fields", "Platforms")},
        {QStringLiteral("tags"), QT_TRANSLATE_NOOP("tp::fields", "Tags")},
        {QStringLiteral("introduced_in"), QT_TRANSLATE_NOOP("tp::fields", "Introduced in")},
        {QStringLiteral("deprecated_in"), QT_TRANSLATE_NOOP("tp::fields", "Deprecated in")},
        {QStringLiteral("schema_version"), QT_TRANSLATE_NOOP("tp::fields", "Schema version")},
        {QStringLiteral("screenshot"), QT_TRANSLATE_NOOP("tp::fields", "Screenshot")},
        {QStringLiteral("bindings"), QT_TRANSLATE_NOOP("tp::fields", "Attributes")},
        {QStringLiteral("type"), QT_TRANSLATE_NOOP("tp::fields", "Type")},
        {QStringLiteral("enum_values"), QT_TRANSLATE_NOOP("tp::fields", "Enum values")},
        {QStringLiteral("pattern"), QT_TRANSLATE_NOOP("tp::fields", "Pattern")},
        {QStringLiteral("min"), QT_TRANSLATE_NOOP("tp::fields", "Minimum")},
        {QStringLiteral("max"), QT_TRANSLATE_NOOP("tp::fields", "Maximum")},
        {QStringLiteral("max_length"), QT_TRANSLATE_NOOP("tp::fields", "Max length")},
        {QStringLiteral("unit"), QT_TRANSLATE_NOOP("tp::fields", "Unit")},
        {QStringLiteral("example"), QT_TRANSLATE_NOOP("tp::fields", "Example")},
        {QStringLiteral("privacy"), QT_TRANSLATE_NOOP("tp::fields", "Privacy")},
        {QStringLiteral("groups"), QT_TRANSLATE_NOOP("tp::fields", "Groups")},
        {QStringLiteral("common"), QT_TRANSLATE_NOOP("tp::fields", "Common")},
        {QStringLiteral("position"), QT_TRANSLATE_NOOP("tp::fields", "Position")},
        {QStringLiteral("required"), QT_TRANSLATE_NOOP("tp::fields", "Required")},
        {QStringLiteral("note"), QT_TRANSLATE_NOOP("tp::fields", "Note")},
    };
    const auto it = labels.constFind(field);
    return it == labels.constEnd() ? field : QCoreApplication::translate("tp::fields", it.value());
}

QString fieldValueText(const QString& field, const QJsonValue& v)
{
    if (v.isBool()) {
        return v.toBool() ? QCoreApplication::translate("tp::fields", "yes")
                          : QCoreApplication::translate("tp::fields", "no");
    }
    if (v.isString()) {
        const QString text = v.toString();
        if (field == QLatin1String("level")) {
            if (const auto level = fromString<Level>(text)) {
                return levelLabel(*level);
            }
        } else if (field == QLatin1String("status")) {
            if (const auto status = fromString<EventStatus>(text)) {
                return statusLabel(*status);
            }
        } else if (field == QLatin1String("privacy")) {
            if (const auto privacy = fromString<Privacy>(text)) {
                return privacyLabel(*privacy);
            }
        }
    }
    return jsonValueText(v);
}

bool isEmptyJsonValue(const QJsonValue& v)
{
    return v.isNull() || v.isUndefined() || (v.isString() && v.toString().isEmpty())
        || (v.isArray() && v.toArray().isEmpty()) || (v.isObject() && v.toObject().isEmpty());
}

} // namespace tp
