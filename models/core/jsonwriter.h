#pragma once

// Canonical JSON text: the one serialisation of TrackPlan's JSON (change-set states,
// revisions, snapshots, the native export). Equal values give equal bytes:
//  - object keys in UTF-16 code unit order, no whitespace (except the layout below);
//  - a number that is integral with |x| < 2^53 is written as an integer ("-0" as "0");
//    any other finite double in the shortest form that reads back to the same double
//    (std::to_chars, e.g. "0.1", "1e+21"); NaN and infinities, which JSON cannot hold,
//    are written as null (as QJsonDocument does);
//  - strings as UTF-8; '"' and '\' escaped, \b \f \n \r \t as such, other control
//    characters and unpaired surrogates as lower-case \u00xx / \udxxx.

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <vector>

class QIODevice;

namespace tp {

namespace json {
/// Appends the canonical text of a value / string / number to out.
void appendCanonical(QByteArray& out, const QJsonValue& v);
void appendCanonical(QByteArray& out, const QJsonObject& o);
void appendCanonical(QByteArray& out, const QJsonArray& a);
void appendString(QByteArray& out, QStringView s);
void appendNumber(QByteArray& out, double d);
void appendInteger(QByteArray& out, qint64 i);
} // namespace json

/// Streaming canonical JSON writer into a QIODevice, for documents too large to build
/// as a QJsonDocument. Output is buffered and written in blocks of bufferSize bytes.
///
/// The caller writes keys of each object in canonical (UTF-16 code unit) order; debug
/// builds assert it, and every build asserts the structure (key only inside objects,
/// one value per key).
///
/// Layout::Sections puts each top-level section on its own lines so parse errors name a
/// useful line: the root container and every array that is a member of a root object
/// ("section") put each member / element on a line of its own and their closing bracket
/// on a line of its own; everything else is compact; the document ends with '\n'.
/// Empty containers stay "{}" / "[]". Example:
/// @code
/// {
/// "events":[
/// {"key":"a"},
/// {"key":"b"}
/// ],
/// "format":"trackplan"
/// }
/// @endcode
class JsonWriter {
public:
    enum class Layout { Compact, Sections };

    explicit JsonWriter(QIODevice* device, Layout layout = Layout::Compact, qsizetype bufferSize = 1 << 20);
    /// Flushes what is buffered; check flush() first when the result matters.
    ~JsonWriter();
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    /// Next member's key (inside an object, before its value).
    void key(QStringView k);
    void key(QLatin1String k);

    void value(const QString& s) { value(QStringView(s)); }
    void value(QStringView s);
    void value(QLatin1String s);
    void value(int i) { value(qint64(i)); }
    void value(qint64 i);
    void value(double d);
    void value(bool b);
    void value(std::nullptr_t) { nullValue(); }
    void value(const char*) = delete; // would silently pick value(bool)
    void nullValue();
    /// A whole value, written canonically.
    void value(const QJsonValue& v);
    void value(const QJsonObject& o);
    void value(const QJsonArray& a);
    /// A value already in canonical form (e.g. a stored canonicalJson()); not checked.
    void rawValue(const QByteArray& canonical);

    /// Writes the buffer to the device. False once any write failed.
    bool flush();
    [[nodiscard]] bool hasError() const { return !m_errorString.isEmpty(); }
    /// The device's error text of the first failed write.
    [[nodiscard]] QString errorString() const { return m_errorString; }
    /// Bytes handed to the device or still buffered.
    [[nodiscard]] qint64 bytesWritten() const { return m_flushed + m_buf.size(); }

private:
    struct Frame {
        bool object = false;
        bool sections = false; ///< one member per line
        bool empty = true;
        bool keyPending = false; ///< key written, value not yet
#ifndef QT_NO_DEBUG
        QString lastKey;
#endif
    };
    void beforeValue();
    void beforeKey(QStringView k);
    void beginContainer(bool object, char open);
    void endContainer(bool object, char close);
    void afterScalar();
    void afterWrite()
    {
        if (m_buf.size() >= m_bufferSize) {
            flush();
        }
    }

    QIODevice* m_device;
    Layout m_layout;
    qsizetype m_bufferSize;
    QByteArray m_buf;
    qint64 m_flushed = 0;
    QString m_errorString;
    std::vector<Frame> m_stack;
    bool m_rootDone = false;
};

} // namespace tp
