#pragma once

// Internal to the native import: strict typed access to one JSON record with the source
// position of every field, so that errors name line and column.

#include "entityjson.h"
#include "jsonreader.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

namespace tp {

class ImportFields {
public:
    ImportFields(QJsonObject object, const PositionMap& positions, QString context)
        : m_o(std::move(object)), m_pos(positions), m_context(std::move(context))
    {
    }

    [[nodiscard]] QString string(const char* key);
    [[nodiscard]] std::optional<QString> stringOrNull(const char* key);
    [[nodiscard]] qint64 integer(const char* key);
    [[nodiscard]] QJsonObject object(const char* key);
    [[nodiscard]] std::optional<QJsonObject> objectOrNull(const char* key);
    [[nodiscard]] QJsonArray array(const char* key);
    [[nodiscard]] QStringList stringList(const char* key);
    /// The record without `keys`, all of it counted as read (an entity parser checks it).
    [[nodiscard]] QJsonObject rest(std::initializer_list<const char*> keys);
    /// Reports an entity parser's error at its field.
    void fail(const JsonFieldError& e) { fail(e.path, e.message); }
    void fail(const QString& path, const QString& message);
    /// After reading: any field not read is unknown. Returns false (and fails) if so.
    bool finish();

    [[nodiscard]] bool failed() const { return !m_error.isEmpty(); }
    [[nodiscard]] QString errorMessage() const { return m_error; }
    [[nodiscard]] TextPosition errorPosition() const { return m_errorPos; }
    [[nodiscard]] TextPosition position() const { return m_pos.value(QString()); }
    [[nodiscard]] TextPosition position(const QString& path) const { return m_pos.value(path, position()); }
    [[nodiscard]] const QString& context() const { return m_context; }

private:
    QJsonValue take(const char* key, QJsonValue::Type type, bool nullable);
    QJsonObject m_o;
    const PositionMap& m_pos;
    QString m_context;
    QSet<QString> m_read;
    QString m_error;
    TextPosition m_errorPos;
};

} // namespace tp
