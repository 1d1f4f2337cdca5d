#pragma once

// Internal to the native import: strict typed access to one JSON record, with the source
// position of every field worked out when an error needs it, so that errors name line and
// column.

#include "entityjson.h"
#include "jsonreader.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

namespace tp {

/// A Parse error at file:line:column.
[[nodiscard]] inline Error parseErrorAt(const QString& file, const TextPosition& p, const QString& message)
{
    Error e = makeError(Error::Code::Parse, message);
    e.file = file;
    e.line = p.line;
    e.column = p.column;
    return e;
}

/// Where the values of the record being imported are. The map is built from the record's
/// source text on first use, i.e. only when something is wrong with the record.
class RecordPositions {
public:
    void reset(RawValue raw)
    {
        m_raw = std::move(raw);
        m_map.reset();
    }
    [[nodiscard]] TextPosition start() const { return m_raw.start; }
    /// Where the record is in the input and how long it is (to read it again, see reload()).
    [[nodiscard]] qint64 offset() const { return m_raw.offset; }
    [[nodiscard]] qint64 size() const { return m_raw.text.size(); }
    /// Reads a record seen earlier back from a seekable input; false if it cannot.
    bool reload(QIODevice& in, TextPosition start, qint64 offset, qint64 size);
    /// The position of path ("changes[2].state.key"), else of its nearest enclosing value.
    [[nodiscard]] TextPosition at(QString path) const;

private:
    RawValue m_raw;
    mutable std::optional<PositionMap> m_map;
};

class ImportFields {
public:
    /// Fields of the record `context` ("events[12]"), or of the object at `path` inside it
    /// ("changes[3]"; its context is then "events[12].changes[3]").
    ImportFields(QJsonObject object, const RecordPositions& positions, QString context, QString path = {})
        : m_o(std::move(object)), m_pos(positions), m_context(std::move(context)), m_path(std::move(path))
    {
        if (!m_path.isEmpty()) {
            m_context += QLatin1Char('.') + m_path;
        }
    }

    /// Whether the record has the field (for fields added to the format later).
    [[nodiscard]] bool has(const char* key) const { return m_o.contains(QLatin1String(key)); }
    [[nodiscard]] QString string(const char* key);
    [[nodiscard]] std::optional<QString> stringOrNull(const char* key);
    [[nodiscard]] qint64 integer(const char* key);
    /// integer(), or `fallback` when the field is absent: for fields added to the format later,
    /// which older exports lack.
    [[nodiscard]] qint64 integerOr(const char* key, qint64 fallback);
    /// A string in the store's time format (ISO 8601, e.g. 2026-03-01T08:00:00.000Z), as is.
    [[nodiscard]] QString time(const char* key);
    /// A string that must be one of `allowed`.
    [[nodiscard]] QString oneOf(const char* key, const QStringList& allowed);
    [[nodiscard]] QJsonObject object(const char* key);
    [[nodiscard]] std::optional<QJsonObject> objectOrNull(const char* key);
    [[nodiscard]] QJsonArray array(const char* key);
    [[nodiscard]] QStringList stringList(const char* key);
    /// The record without `keys`, all of it counted as read (an entity parser checks it).
    [[nodiscard]] QJsonObject rest(std::initializer_list<const char*> keys);
    /// Counts every field as read (the record was checked elsewhere, see PreparedRecord).
    void readAll();
    /// Reports an entity parser's error at its field.
    void fail(const JsonFieldError& e) { fail(e.path, e.message); }
    void fail(const QString& path, const QString& message);
    /// After reading: any field not read is unknown. Returns false (and fails) if so.
    bool finish();

    [[nodiscard]] bool failed() const { return !m_error.isEmpty(); }
    [[nodiscard]] QString errorMessage() const { return m_error; }
    [[nodiscard]] TextPosition errorPosition() const { return m_errorPos; }
    [[nodiscard]] TextPosition position() const { return m_pos.at(m_path); }
    [[nodiscard]] TextPosition position(const QString& path) const;
    [[nodiscard]] const QString& context() const { return m_context; }

private:
    QJsonValue take(const char* key, QJsonValue::Type type, bool nullable);
    QJsonObject m_o;
    const RecordPositions& m_pos;
    QString m_context;
    QString m_path; ///< of this object inside the record, "" for the record itself
    QSet<QString> m_read;
    QString m_error;
    TextPosition m_errorPos;
};

} // namespace tp
