#include "jsontext.h"

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

bool isEmptyJsonValue(const QJsonValue& v)
{
    return v.isNull() || v.isUndefined() || (v.isString() && v.toString().isEmpty())
        || (v.isArray() && v.toArray().isEmpty()) || (v.isObject() && v.toObject().isEmpty());
}

} // namespace tp
