#include "importfields.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QIODevice>

namespace tp {
namespace {
QString typeName(QJsonValue::Type t)
{
    switch (t) {
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Null:
        return QStringLiteral("null");
    default:
        return QStringLiteral("nothing");
    }
}
} // namespace

TextPosition RecordPositions::at(QString path) const
{
    if (!m_map) {
        m_map = JsonReader::positionsOf(m_raw);
    }
    for (;;) {
        if (const auto it = m_map->constFind(path); it != m_map->constEnd()) {
            return *it;
        }
        const qsizetype cut = std::max(path.lastIndexOf(QLatin1Char('.')), path.lastIndexOf(QLatin1Char('[')));
        if (cut <= 0) {
            return m_raw.start;
        }
        path.truncate(cut);
    }
}

bool RecordPositions::reload(QIODevice& in, TextPosition start, qint64 offset, qint64 size)
{
    if (in.isSequential() || !in.seek(offset)) {
        return false;
    }
    RawValue raw{in.read(size), start, offset};
    if (raw.text.size() != size) {
        return false;
    }
    reset(std::move(raw));
    return true;
}

TextPosition ImportFields::position(const QString& path) const
{
    if (path.isEmpty()) {
        return position();
    }
    return m_pos.at(m_path.isEmpty() ? path : m_path + QLatin1Char('.') + path);
}

void ImportFields::fail(const QString& path, const QString& message)
{
    if (failed()) {
        return; // the first error is the one to fix
    }
    m_error = QStringLiteral("%1%2: %3").arg(m_context, path.isEmpty() ? QString() : QLatin1Char('.') + path, message);
    m_errorPos = position(path);
}

QJsonValue ImportFields::take(const char* key, QJsonValue::Type type, bool nullable)
{
    const QString k = QString::fromLatin1(key);
    m_read.insert(k);
    const auto it = m_o.constFind(k);
    if (it == m_o.constEnd()) {
        fail(QString(), QCoreApplication::translate("tp::json", "missing field \"%1\"").arg(k));
        return {};
    }
    const QJsonValue v = *it;
    if (v.type() == type || (nullable && v.isNull())) {
        return v;
    }
    fail(k, QCoreApplication::translate("tp::json", "expected %1, found %2").arg(typeName(type), typeName(v.type())));
    return {};
}

QString ImportFields::string(const char* key)
{
    return take(key, QJsonValue::String, false).toString();
}

std::optional<QString> ImportFields::stringOrNull(const char* key)
{
    const QJsonValue v = take(key, QJsonValue::String, true);
    return v.isString() ? std::optional<QString>(v.toString()) : std::nullopt;
}

qint64 ImportFields::integer(const char* key)
{
    const QJsonValue v = take(key, QJsonValue::Double, false);
    const double d = v.toDouble();
    if (v.isDouble() && (d != double(qint64(d)) || d < 0)) {
        fail(QString::fromLatin1(key), QCoreApplication::translate("tp::json", "expected a non-negative integer"));
    }
    return qint64(d);
}

qint64 ImportFields::integerOr(const char* key, qint64 fallback)
{
    if (!m_o.contains(QLatin1String(key))) {
        return fallback;
    }
    return integer(key);
}

QString ImportFields::time(const char* key)
{
    const QString s = string(key);
    if (!failed() && !QDateTime::fromString(s, Qt::ISODateWithMs).isValid()) {
        fail(QString::fromLatin1(key),
             QCoreApplication::translate("tp::json",
                                         "expected a time such as "
                                         "2026-03-01T08:00:00.000Z, found \"%1\"")
                 .arg(s));
    }
    return s;
}

QString ImportFields::oneOf(const char* key, const QStringList& allowed)
{
    const QString s = string(key);
    if (!failed() && !allowed.contains(s)) {
        fail(QString::fromLatin1(key),
             QCoreApplication::translate("tp::store", "unknown value \"%1\"; expected one of %2")
                 .arg(s, allowed.join(QStringLiteral(", "))));
    }
    return s;
}

QJsonObject ImportFields::object(const char* key)
{
    return take(key, QJsonValue::Object, false).toObject();
}

std::optional<QJsonObject> ImportFields::objectOrNull(const char* key)
{
    const QJsonValue v = take(key, QJsonValue::Object, true);
    return v.isObject() ? std::optional<QJsonObject>(v.toObject()) : std::nullopt;
}

QJsonArray ImportFields::array(const char* key)
{
    return take(key, QJsonValue::Array, false).toArray();
}

QStringList ImportFields::stringList(const char* key)
{
    const QJsonArray a = array(key);
    QStringList out;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!a.at(i).isString()) {
            fail(QStringLiteral("%1[%2]").arg(QLatin1String(key)).arg(i),
                 QCoreApplication::translate("tp::json", "expected string"));
            return out;
        }
        out.append(a.at(i).toString());
    }
    return out;
}

QJsonObject ImportFields::rest(std::initializer_list<const char*> keys)
{
    QJsonObject r = m_o;
    for (const char* k : keys) {
        r.remove(QString::fromLatin1(k));
    }
    readAll();
    return r;
}

void ImportFields::readAll()
{
    for (auto it = m_o.constBegin(); it != m_o.constEnd(); ++it) {
        m_read.insert(it.key());
    }
}

bool ImportFields::finish()
{
    if (failed()) {
        return false;
    }
    for (auto it = m_o.constBegin(); it != m_o.constEnd(); ++it) {
        if (!m_read.contains(it.key())) {
            fail(it.key(), QCoreApplication::translate("tp::json", "unknown field \"%1\"").arg(it.key()));
            return false;
        }
    }
    return true;
}

} // namespace tp
