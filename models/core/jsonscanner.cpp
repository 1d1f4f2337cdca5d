#include "jsonscanner_p.h"

#include <QCoreApplication>
#include <QIODevice>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace tp::detail {

JsonScanner::JsonScanner(QIODevice* device, qsizetype chunkSize)
    : m_device(device)
    , m_chunk(std::max<qsizetype>(chunkSize, 1))
{
    m_buf.resize(m_chunk + 1);
    m_buf.data()[0] = '\0';
    m_data = m_buf.constData();
}

JsonScanner::JsonScanner(QByteArray data)
    : m_buf(std::move(data))
    , m_eof(true)
{
    if (!m_buf.data_ptr().isMutable()) {
        m_buf = QByteArray(m_buf.constData(), m_buf.size()); // raw data has no NUL after it
    }
    m_data = m_buf.constData();
    m_end = m_buf.size();
}

bool JsonScanner::fill(qsizetype need)
{
    while (m_end - pos < need) {
        if (!m_device || m_eof) {
            return false;
        }
        // Drop what no token needs any more; keep the token being scanned and, while
        // peeking, the current one.
        qsizetype keep = std::min(pos, m_scanStart);
        if (cur.start >= 0) {
            keep = std::min(keep, cur.start);
        }
        if (pin >= 0) {
            keep = std::min(keep, pin);
        }
        if (keep > 0) {
            std::memmove(m_buf.data(), m_data + keep, size_t(m_end - keep));
            pos -= keep;
            m_scanStart -= keep;
            m_end -= keep;
            base += keep;
            if (cur.start >= 0) {
                cur.start -= keep;
            }
            if (pin >= 0) {
                pin -= keep;
            }
        }
        if (m_buf.size() - m_end - 1 < std::max<qsizetype>(1, m_chunk / 2)) {
            m_buf.resize(std::max(m_buf.size() * 2, m_end + 1 + m_chunk));
        }
        char* w = m_buf.data();
        const qint64 n = m_device->read(w + m_end, m_buf.size() - m_end - 1);
        if (n < 0) {
            m_eof = true;
            w[m_end] = '\0';
            m_data = w;
            fail(m_end, QCoreApplication::translate("tp::json", "Cannot read JSON: %1").arg(m_device->errorString()));
            return false;
        }
        if (n == 0 && !(m_device->isSequential() && m_device->waitForReadyRead(-1))) {
            m_eof = true;
        }
        m_end += n;
        w[m_end] = '\0';
        m_data = w;
    }
    return true;
}

void JsonScanner::fail(qsizetype off, const QString& message)
{
    failAt(posAt(off), message);
}

void JsonScanner::failAt(TextPosition at, const QString& message)
{
    if (errorString.isEmpty()) {
        errorString = message;
        errorPos = at;
    }
}

void JsonScanner::failExpectedValue()
{
    Tok& t = hasAhead ? ahead : cur;
    if (errorString.isEmpty()) {
        failAt(t.pos, QCoreApplication::translate("tp::json", "Expected a value"));
    }
    t.type = Token::Invalid;
}

void JsonScanner::failFound(qsizetype off, const QString& message)
{
    const TextPosition at = posAt(off); // before describeChar() may read on and move the buffer
    failAt(at, message.arg(describeChar(off)));
}

QString JsonScanner::describeChar(qsizetype off)
{
    const auto b = uchar(m_data[off]);
    if (b >= 0x20 && b < 0x7F) {
        return QStringLiteral("'%1'").arg(QLatin1Char(char(b)));
    }
    const int n = utf8Length(b);
    if (n > 0 && more(off, n) && validUtf8(reinterpret_cast<const uchar*>(m_data + off), n)) {
        return QStringLiteral("'%1'").arg(QString::fromUtf8(m_data + off, n));
    }
    return QStringLiteral("0x%1").arg(b, 2, 16, QLatin1Char('0'));
}

void JsonScanner::skipWhitespace()
{
    for (;;) {
        const char c = m_data[pos];
        if (c == ' ' || c == '\t') {
            ++pos;
            m_crPending = false;
        } else if (c == '\n') {
            if (!m_crPending) {
                ++m_line;
            }
            m_crPending = false;
            m_lineStart = base + ++pos;
            m_lineCont = 0;
        } else if (c == '\r') {
            ++m_line;
            m_crPending = true;
            m_lineStart = base + ++pos;
            m_lineCont = 0;
        } else if (c == '\0' && pos == m_end) {
            m_scanStart = pos;
            if (!fill(1)) {
                return;
            }
        } else {
            m_crPending = false;
            return;
        }
    }
}

void JsonScanner::scan(Tok& t)
{
    t.type = Token::Invalid;
    if (!errorString.isEmpty()) {
        return;
    }
    if (base + pos == 0 && m_expect == Expect::RootValue) {
        qsizetype p = 0;
        if (more(p, 3) && std::memcmp(m_data, "\xEF\xBB\xBF", 3) == 0) {
            pos = 3; // byte order mark: skipped, not counted as a column
            m_lineStart = 3;
        }
    }
    skipWhitespace();
    if (!errorString.isEmpty()) {
        return;
    }
    m_scanStart = pos;
    t.start = -1;
    t.pos = posAt(pos);
    const bool atEnd = pos == m_end;
    if (atEnd && !(m_expect == Expect::RootEnd || (m_expect == Expect::RootValue && multi))) {
        fail(pos, QCoreApplication::translate("tp::json", "Unexpected end of input"));
        return;
    }
    const char c = m_data[pos];
    switch (m_expect) {
    case Expect::RootValue:
        if (atEnd) {
            t.type = Token::End;
            return;
        }
        scanValue(t);
        return;
    case Expect::RootEnd:
        if (atEnd) {
            t.type = Token::End;
        } else if (multi) {
            scanValue(t);
        } else {
            fail(pos, QCoreApplication::translate("tp::json", "Unexpected data after the JSON value"));
        }
        return;
    case Expect::FirstKeyOrEnd:
        if (c == '}') {
            ++pos;
            pop(t);
        } else if (c == '"') {
            scanKey(t);
        } else {
            failFound(pos, QCoreApplication::translate("tp::json", "Expected a string key or '}' but found %1"));
        }
        return;
    case Expect::ColonValue:
        if (c != ':') {
            failFound(pos, QCoreApplication::translate("tp::json", "Expected ':' after the key but found %1"));
            return;
        }
        ++pos;
        skipWhitespace();
        m_scanStart = pos;
        t.pos = posAt(pos);
        if (pos == m_end) {
            fail(pos, QCoreApplication::translate("tp::json", "Unexpected end of input"));
            return;
        }
        scanValue(t);
        return;
    case Expect::FirstValueOrEnd:
        if (c == ']') {
            ++pos;
            pop(t);
        } else {
            scanValue(t);
        }
        return;
    case Expect::CommaOrEnd: {
        const bool object = m_frames[size_t(m_depth - 1)].object;
        const char close = object ? '}' : ']';
        if (c == close) {
            ++pos;
            pop(t);
            return;
        }
        if (c != ',') {
            failFound(pos,
                      object ? QCoreApplication::translate("tp::json", "Expected ',' or '}' but found %1")
                             : QCoreApplication::translate("tp::json", "Expected ',' or ']' but found %1"));
            return;
        }
        ++pos;
        skipWhitespace();
        m_scanStart = pos;
        t.pos = posAt(pos);
        if (pos == m_end) {
            fail(pos, QCoreApplication::translate("tp::json", "Unexpected end of input"));
        } else if (m_data[pos] == close) {
            fail(pos, QCoreApplication::translate("tp::json", "Trailing comma before '%1'").arg(QLatin1Char(close)));
        } else if (!object) {
            scanValue(t);
        } else if (m_data[pos] == '"') {
            scanKey(t);
        } else {
            failFound(pos, QCoreApplication::translate("tp::json", "Expected a string key but found %1"));
        }
        return;
    }
    }
}

void JsonScanner::scanValue(Tok& t)
{
    switch (m_data[pos]) {
    case '{':
        ++pos;
        push(true, t);
        return;
    case '[':
        ++pos;
        push(false, t);
        return;
    case '"':
        scanString(t);
        if (t.type == Token::String) {
            afterValue();
        }
        return;
    case 't':
        scanLiteral(t, "true", Token::Bool, true);
        return;
    case 'f':
        scanLiteral(t, "false", Token::Bool, false);
        return;
    case 'n':
        scanLiteral(t, "null", Token::Null, false);
        return;
    case '/':
        fail(pos, QCoreApplication::translate("tp::json", "Comments are not allowed in JSON"));
        return;
    default:
        if (m_data[pos] == '-' || isDigit(m_data[pos])) {
            scanNumber(t);
            return;
        }
        failFound(pos, QCoreApplication::translate("tp::json", "Unexpected character %1"));
    }
}

void JsonScanner::push(bool object, Tok& t)
{
    if (m_depth >= maxDepth) {
        fail(pos - 1, QCoreApplication::translate("tp::json", "Nesting deeper than %1 levels").arg(maxDepth));
        return;
    }
    if (size_t(m_depth) == m_frames.size()) {
        m_frames.emplace_back();
    }
    Frame& f = m_frames[size_t(m_depth++)];
    f.object = object;
    f.keys.clear();
    f.keyText.resize(0); // keeps the capacity
    if (!f.index.isEmpty()) {
        f.index.clear();
    }
    t.type = object ? Token::BeginObject : Token::BeginArray;
    t.start = pos - 1;
    t.len = 1;
    m_expect = object ? Expect::FirstKeyOrEnd : Expect::FirstValueOrEnd;
}

void JsonScanner::pop(Tok& t)
{
    t.type = m_frames[size_t(--m_depth)].object ? Token::EndObject : Token::EndArray;
    afterValue();
}

void JsonScanner::afterValue()
{
    m_expect = m_depth == 0 ? Expect::RootEnd : Expect::CommaOrEnd;
}

void JsonScanner::scanKey(Tok& t)
{
    scanString(t);
    if (t.type != Token::String) {
        return;
    }
    Frame& f = m_frames[size_t(m_depth - 1)];
    bool fresh;
    if (!t.escaped) {
        fresh = addKey(f, QByteArrayView(m_data + t.start, t.len)); // validated UTF-8: the key's own form
    } else {
        // Compare escaped keys by their UTF-8 too, so "a" and "\u0061" collide. Unpaired
        // surrogates have no UTF-8: those keys are compared as UTF-16 behind a 0xFF byte,
        // which valid UTF-8 never contains.
        const QString key = decodeString(t);
        QByteArray form = key.toUtf8();
        if (QString::fromUtf8(form) != key) {
            form = QByteArray(1, '\xFF')
                + QByteArray(reinterpret_cast<const char*>(key.utf16()), key.size() * qsizetype(sizeof(char16_t)));
        }
        fresh = addKey(f, form);
    }
    if (!fresh) {
        failAt(t.pos, QCoreApplication::translate("tp::json", "Duplicate key \"%1\"").arg(decodeString(t)));
        t.type = Token::Invalid;
        return;
    }
    t.type = Token::Key;
    m_expect = Expect::ColonValue;
}

bool JsonScanner::addKey(Frame& f, QByteArrayView key)
{
    // Exact check without a heap allocation per key: the text goes into the frame's reused
    // buffer; small objects compare hashes linearly, large ones use an index.
    constexpr size_t kLinear = 16;
    const size_t h = qHash(key, 0);
    const auto same = [&](qsizetype i) {
        const KeyRef& k = f.keys[size_t(i)];
        return k.hash == h && QByteArrayView(f.keyText.constData() + k.offset, k.length) == key;
    };
    if (f.keys.size() < kLinear) {
        for (size_t i = 0; i < f.keys.size(); ++i) {
            if (same(qsizetype(i))) {
                return false;
            }
        }
    } else {
        if (f.index.isEmpty()) {
            for (size_t i = 0; i < f.keys.size(); ++i) {
                f.index.insert(f.keys[i].hash, qsizetype(i));
            }
        }
        const auto [first, last] = f.index.equal_range(h);
        for (auto it = first; it != last; ++it) {
            if (same(it.value())) {
                return false;
            }
        }
        f.index.insert(h, qsizetype(f.keys.size()));
    }
    f.keys.push_back(KeyRef{h, f.keyText.size(), key.size()});
    f.keyText.append(key.data(), key.size());
    return true;
}

} // namespace tp::detail
