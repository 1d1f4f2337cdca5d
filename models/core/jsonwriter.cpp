#include "jsonwriter.h"

#include <QCoreApplication>
#include <QIODevice>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace tp {
namespace json {
namespace {

// Grows out by `extra` bytes (capacity doubling, so appending stays amortised O(1)) and
// returns where they start. Callers write, then cut back with finish().
char* extend(QByteArray& out, qsizetype extra)
{
    const qsizetype old = out.size();
    const qsizetype need = old + extra;
    if (need > out.capacity()) {
        out.reserve(std::max(need, out.capacity() * 2));
    }
    out.resize(need);
    return out.data() + old;
}

void finish(QByteArray& out, const char* end)
{
    out.resize(end - out.constData());
}

constexpr char kHex[] = "0123456789abcdef";

char* writeU16Escape(char* w, char16_t c)
{
    *w++ = '\\';
    *w++ = 'u';
    *w++ = kHex[(c >> 12) & 0xF];
    *w++ = kHex[(c >> 8) & 0xF];
    *w++ = kHex[(c >> 4) & 0xF];
    *w++ = kHex[c & 0xF];
    return w;
}

} // namespace

void appendString(QByteArray& out, QStringView s)
{
    // Worst case per UTF-16 unit: 6 bytes (\u001f); a surrogate pair gives 4 bytes for 2.
    char* w = extend(out, s.size() * 6 + 2);
    const char16_t* p = s.utf16();
    const char16_t* const end = p + s.size();
    *w++ = '"';
    while (p < end) {
        const char16_t c = *p++;
        if (c < 0x80) {
            if (c >= 0x20 && c != u'"' && c != u'\\') {
                *w++ = char(c);
                continue;
            }
            *w++ = '\\';
            switch (c) {
            case u'"':
                *w++ = '"';
                break;
            case u'\\':
                *w++ = '\\';
                break;
            case u'\b':
                *w++ = 'b';
                break;
            case u'\f':
                *w++ = 'f';
                break;
            case u'\n':
                *w++ = 'n';
                break;
            case u'\r':
                *w++ = 'r';
                break;
            case u'\t':
                *w++ = 't';
                break;
            default:
                w = writeU16Escape(w - 1, c);
                break;
            }
        } else if (c < 0x800) {
            *w++ = char(0xC0 | (c >> 6));
            *w++ = char(0x80 | (c & 0x3F));
        } else if (QChar::isHighSurrogate(c) && p < end && QChar::isLowSurrogate(*p)) {
            const char32_t u = QChar::surrogateToUcs4(c, *p++);
            *w++ = char(0xF0 | (u >> 18));
            *w++ = char(0x80 | ((u >> 12) & 0x3F));
            *w++ = char(0x80 | ((u >> 6) & 0x3F));
            *w++ = char(0x80 | (u & 0x3F));
        } else if (QChar::isSurrogate(c)) {
            w = writeU16Escape(w, c); // unpaired: not encodable as UTF-8
        } else {
            *w++ = char(0xE0 | (c >> 12));
            *w++ = char(0x80 | ((c >> 6) & 0x3F));
            *w++ = char(0x80 | (c & 0x3F));
        }
    }
    *w++ = '"';
    finish(out, w);
}

void appendInteger(QByteArray& out, qint64 i)
{
    char* w = extend(out, 24);
    const auto r = std::to_chars(w, w + 24, i);
    finish(out, r.ptr);
}

void appendNumber(QByteArray& out, double d)
{
    if (!std::isfinite(d)) {
        out.append("null", 4);
        return;
    }
    constexpr double kTwo53 = 9007199254740992.0;
    if (std::fabs(d) < kTwo53 && d == std::trunc(d)) {
        appendInteger(out, qint64(d));
        return;
    }
    char* w = extend(out, 32);
    const auto r = std::to_chars(w, w + 32, d); // shortest round-trip form
    finish(out, r.ptr);
}

void appendCanonical(QByteArray& out, const QJsonObject& o)
{
    // QJsonObject iterates its keys sorted by UTF-16 code units, which is canonical order;
    // the check costs one string compare per key and guards the contract should a Qt
    // version ever order differently.
    const qsizetype start = out.size();
    out.append('{');
    QString prev;
    bool sorted = true;
    for (auto it = o.begin(), end = o.end(); it != end; ++it) {
        QString k = it.key();
        if (it != o.begin()) {
            if (!(prev < k)) {
                sorted = false;
                break;
            }
            out.append(',');
        }
        appendString(out, k);
        out.append(':');
        appendCanonical(out, it.value());
        prev = std::move(k);
    }
    if (!sorted) {
        out.truncate(start + 1);
        QStringList keys = o.keys();
        std::sort(keys.begin(), keys.end());
        for (qsizetype i = 0; i < keys.size(); ++i) {
            if (i > 0) {
                out.append(',');
            }
            appendString(out, keys.at(i));
            out.append(':');
            appendCanonical(out, o.value(keys.at(i)));
        }
    }
    out.append('}');
}

void appendCanonical(QByteArray& out, const QJsonArray& a)
{
    out.append('[');
    bool first = true;
    for (const QJsonValue& v : a) {
        if (!first) {
            out.append(',');
        }
        first = false;
        appendCanonical(out, v);
    }
    out.append(']');
}

void appendCanonical(QByteArray& out, const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        v.toBool() ? out.append("true", 4) : out.append("false", 5);
        break;
    case QJsonValue::Double:
        appendNumber(out, v.toDouble());
        break;
    case QJsonValue::String:
        appendString(out, v.toString());
        break;
    case QJsonValue::Array:
        appendCanonical(out, v.toArray());
        break;
    case QJsonValue::Object:
        appendCanonical(out, v.toObject());
        break;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out.append("null", 4);
        break;
    }
}

} // namespace json

JsonWriter::JsonWriter(QIODevice* device, Layout layout, qsizetype bufferSize)
    : m_device(device)
    , m_layout(layout)
    , m_bufferSize(std::max<qsizetype>(bufferSize, 64))
{
    m_buf.reserve(m_bufferSize + m_bufferSize / 4);
    m_stack.reserve(32);
}

JsonWriter::~JsonWriter()
{
    flush();
}

bool JsonWriter::flush()
{
    if (hasError()) {
        return false;
    }
    if (m_buf.isEmpty()) {
        return true;
    }
    const qint64 n = m_device->write(m_buf);
    if (n != m_buf.size()) {
        const QString reason = m_device->errorString();
        m_errorString = QCoreApplication::translate("tp::json", "Cannot write JSON: %1")
                            .arg(reason.isEmpty() ? QCoreApplication::translate("tp::json", "short write") : reason);
        return false;
    }
    m_flushed += n;
    m_buf.resize(0); // keeps the capacity
    return true;
}

void JsonWriter::beforeValue()
{
    if (m_stack.empty()) {
        Q_ASSERT_X(!m_rootDone, "JsonWriter", "a second root value");
        return;
    }
    Frame& f = m_stack.back();
    if (f.object) {
        Q_ASSERT_X(f.keyPending, "JsonWriter", "value in an object without a key");
        f.keyPending = false;
        return;
    }
    if (!f.empty) {
        m_buf.append(',');
    }
    f.empty = false;
    if (f.sections) {
        m_buf.append('\n');
    }
}

void JsonWriter::beforeKey(QStringView k)
{
    Q_ASSERT_X(!m_stack.empty() && m_stack.back().object, "JsonWriter", "key outside an object");
    Frame& f = m_stack.back();
    Q_ASSERT_X(!f.keyPending, "JsonWriter", "two keys in a row");
#ifndef QT_NO_DEBUG
    Q_ASSERT_X(f.empty || f.lastKey < k, "JsonWriter", "keys not in canonical order");
    f.lastKey = k.toString();
#else
    Q_UNUSED(k)
#endif
    if (!f.empty) {
        m_buf.append(',');
    }
    f.empty = false;
    if (f.sections) {
        m_buf.append('\n');
    }
    f.keyPending = true;
}

void JsonWriter::key(QStringView k)
{
    beforeKey(k);
    json::appendString(m_buf, k);
    m_buf.append(':');
}

void JsonWriter::key(QLatin1String k)
{
    key(QStringView(QString(k)));
}

void JsonWriter::beginContainer(bool object, char open)
{
    beforeValue();
    Frame f;
    f.object = object;
    f.sections =
        m_layout == Layout::Sections && (m_stack.empty() || (m_stack.size() == 1 && m_stack.front().object && !object));
    m_stack.push_back(std::move(f));
    m_buf.append(open);
}

void JsonWriter::endContainer(bool object, char close)
{
    Q_ASSERT_X(!m_stack.empty() && m_stack.back().object == object, "JsonWriter", "unbalanced end");
    Q_ASSERT_X(!m_stack.back().keyPending, "JsonWriter", "key without a value");
    Q_UNUSED(object)
    if (m_stack.back().sections && !m_stack.back().empty) {
        m_buf.append('\n');
    }
    m_stack.pop_back();
    m_buf.append(close);
    if (m_stack.empty()) {
        m_rootDone = true;
        if (m_layout == Layout::Sections) {
            m_buf.append('\n');
        }
    }
    afterWrite();
}

void JsonWriter::beginObject()
{
    beginContainer(true, '{');
}

void JsonWriter::endObject()
{
    endContainer(true, '}');
}

void JsonWriter::beginArray()
{
    beginContainer(false, '[');
}

void JsonWriter::endArray()
{
    endContainer(false, ']');
}

void JsonWriter::afterScalar()
{
    if (m_stack.empty()) {
        m_rootDone = true;
        if (m_layout == Layout::Sections) {
            m_buf.append('\n');
        }
    }
    afterWrite();
}

void JsonWriter::value(QStringView s)
{
    beforeValue();
    json::appendString(m_buf, s);
    afterScalar();
}

void JsonWriter::value(QLatin1String s)
{
    value(QStringView(QString(s)));
}

void JsonWriter::value(qint64 i)
{
    beforeValue();
    json::appendInteger(m_buf, i);
    afterScalar();
}

void JsonWriter::value(double d)
{
    beforeValue();
    json::appendNumber(m_buf, d);
    afterScalar();
}

void JsonWriter::value(bool b)
{
    beforeValue();
    b ? m_buf.append("true", 4) : m_buf.append("false", 5);
    afterScalar();
}

void JsonWriter::nullValue()
{
    beforeValue();
    m_buf.append("null", 4);
    afterScalar();
}

void JsonWriter::value(const QJsonValue& v)
{
    beforeValue();
    json::appendCanonical(m_buf, v);
    afterScalar();
}

void JsonWriter::value(const QJsonObject& o)
{
    beforeValue();
    json::appendCanonical(m_buf, o);
    afterScalar();
}

void JsonWriter::value(const QJsonArray& a)
{
    beforeValue();
    json::appendCanonical(m_buf, a);
    afterScalar();
}

void JsonWriter::rawValue(const QByteArray& canonical)
{
    beforeValue();
    m_buf.append(canonical);
    afterScalar();
}

} // namespace tp
