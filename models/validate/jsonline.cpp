#include "jsonline.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <string>

namespace tp {
namespace {

constexpr int kMaxDepth = 64;

/// Length of the valid UTF-8 sequence starting at p (lead byte >= 0x80), or 0.
int utf8Sequence(const unsigned char* p, const unsigned char* end)
{
    const unsigned char c = p[0];
    int n = 0;
    unsigned int cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (end - p < n) {
        return 0;
    }
    for (int i = 1; i < n; ++i) {
        if ((p[i] & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    // No overlongs, no encoded surrogates, nothing above U+10FFFF.
    if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
        return 0;
    }
    return n;
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

void appendUtf8(std::string& out, unsigned int cp)
{
    if (cp < 0x80) {
        out.push_back(char(cp));
    } else if (cp < 0x800) {
        out.push_back(char(0xC0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(char(0xE0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(char(0xF0 | (cp >> 18)));
        out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    }
}

} // namespace

bool JsonLine::fail(const char* what)
{
    if (!m_error) {
        m_error = what;
        m_errorAt = m_p - m_begin;
    }
    return false;
}

void JsonLine::skipSpace()
{
    while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\r' || *m_p == '\n')) {
        ++m_p;
    }
}

bool JsonLine::parse(QByteArrayView line)
{
    m_begin = line.data();
    m_p = m_begin;
    m_end = m_begin + line.size();
    m_nodes.clear();
    m_error = nullptr;
    m_errorAt = 0;
    if (m_decoded.capacity() < std::size_t(line.size())) {
        m_decoded.reserve(std::size_t(line.size()) * 2);
    }
    m_decoded.clear(); // keeps the capacity
    skipSpace();
    if (!value(0, {})) {
        return false;
    }
    skipSpace();
    if (m_p != m_end) {
        return fail("text after the JSON value");
    }
    return true;
}

bool JsonLine::value(int depth, QByteArrayView key)
{
    if (m_p >= m_end) {
        return fail("unexpected end of line");
    }
    const int index = int(m_nodes.size());
    m_nodes.emplace_back();
    m_nodes.back().key = key;
    const char c = *m_p;
    switch (c) {
    case '{':
    case '[': {
        if (depth >= kMaxDepth) {
            return fail("nesting too deep");
        }
        const bool object = c == '{';
        m_nodes[std::size_t(index)].kind = object ? Kind::Object : Kind::Array;
        const char close = object ? '}' : ']';
        ++m_p;
        skipSpace();
        if (m_p < m_end && *m_p == close) {
            ++m_p;
        } else {
            for (;;) {
                QByteArrayView memberKey;
                if (object) {
                    if (m_p >= m_end || *m_p != '"') {
                        return fail("expected a member name");
                    }
                    if (!string(memberKey, nullptr)) {
                        return false;
                    }
                    skipSpace();
                    if (m_p >= m_end || *m_p != ':') {
                        return fail("expected ':'");
                    }
                    ++m_p;
                    skipSpace();
                }
                if (!value(depth + 1, memberKey)) {
                    return false;
                }
                skipSpace();
                if (m_p < m_end && *m_p == ',') {
                    ++m_p;
                    skipSpace();
                    continue;
                }
                if (m_p < m_end && *m_p == close) {
                    ++m_p;
                    break;
                }
                return fail(object ? "expected ',' or '}'" : "expected ',' or ']'");
            }
        }
        break;
    }
    case '"': {
        QByteArrayView text;
        int cps = 0;
        if (!string(text, &cps)) {
            return false;
        }
        Node& n = m_nodes[std::size_t(index)];
        n.kind = Kind::String;
        n.text = text;
        n.codePoints = cps;
        break;
    }
    case 't':
    case 'f':
    case 'n': {
        const char* word = c == 't' ? "true" : (c == 'f' ? "false" : "null");
        const auto len = std::strlen(word);
        if (m_end - m_p < qsizetype(len) || std::memcmp(m_p, word, len) != 0) {
            return fail("invalid literal");
        }
        Node& n = m_nodes[std::size_t(index)];
        n.kind = c == 'n' ? Kind::Null : Kind::Bool;
        n.boolean = c == 't';
        n.text = QByteArrayView(m_p, qsizetype(len));
        m_p += len;
        break;
    }
    default:
        if (!number(m_nodes[std::size_t(index)])) {
            return false;
        }
    }
    m_nodes[std::size_t(index)].end = int(m_nodes.size());
    return true;
}

bool JsonLine::number(Node& n)
{
    const char* start = m_p;
    const char* p = m_p;
    if (p < m_end && *p == '-') {
        ++p;
    }
    if (p >= m_end || *p < '0' || *p > '9') {
        return fail("invalid value");
    }
    if (*p == '0') {
        ++p;
    } else {
        while (p < m_end && *p >= '0' && *p <= '9') {
            ++p;
        }
    }
    bool plainInteger = true;
    if (p < m_end && *p == '.') {
        plainInteger = false;
        ++p;
        if (p >= m_end || *p < '0' || *p > '9') {
            m_p = p;
            return fail("invalid number");
        }
        while (p < m_end && *p >= '0' && *p <= '9') {
            ++p;
        }
    }
    if (p < m_end && (*p == 'e' || *p == 'E')) {
        plainInteger = false;
        ++p;
        if (p < m_end && (*p == '+' || *p == '-')) {
            ++p;
        }
        if (p >= m_end || *p < '0' || *p > '9') {
            m_p = p;
            return fail("invalid number");
        }
        while (p < m_end && *p >= '0' && *p <= '9') {
            ++p;
        }
    }
    n.kind = Kind::Number;
    n.text = QByteArrayView(start, p - start);
    if (plainInteger && p - start <= 18) {
        // The common case, exactly and quickly.
        long long v = 0;
        std::from_chars(start, p, v);
        n.number = double(v);
        n.integral = true;
    } else {
        double v = 0;
        const auto r = std::from_chars(start, p, v);
        if (r.ec != std::errc() || !std::isfinite(v)) {
            m_p = start;
            return fail("number out of range");
        }
        n.number = v;
        n.integral = std::floor(v) == v;
    }
    m_p = p;
    return true;
}

bool JsonLine::string(QByteArrayView& out, int* codePoints)
{
    ++m_p; // the opening quote
    const char* start = m_p;
    int cps = 0;
    // Fast scan: no escapes.
    while (m_p < m_end) {
        const auto c = static_cast<unsigned char>(*m_p);
        if (c == '"') {
            out = QByteArrayView(start, m_p - start);
            ++m_p;
            if (codePoints) {
                *codePoints = cps;
            }
            return true;
        }
        if (c == '\\') {
            break;
        }
        if (c < 0x20) {
            return fail("control character in a string");
        }
        if (c >= 0x80) {
            const int n = utf8Sequence(reinterpret_cast<const unsigned char*>(m_p),
                                       reinterpret_cast<const unsigned char*>(m_end));
            if (n == 0) {
                return fail("invalid UTF-8");
            }
            m_p += n;
        } else {
            ++m_p;
        }
        ++cps;
    }
    if (m_p >= m_end) {
        return fail("unterminated string");
    }
    // Escapes: decode into m_decoded (reserved: views into it stay valid).
    const std::size_t from = m_decoded.size();
    m_decoded.append(start, std::size_t(m_p - start));
    while (m_p < m_end) {
        const auto c = static_cast<unsigned char>(*m_p);
        if (c == '"') {
            ++m_p;
            out = QByteArrayView(m_decoded.data() + from, qsizetype(m_decoded.size() - from));
            if (codePoints) {
                *codePoints = cps;
            }
            return true;
        }
        if (c < 0x20) {
            return fail("control character in a string");
        }
        if (c == '\\') {
            if (m_end - m_p < 2) {
                return fail("unterminated string");
            }
            const char e = m_p[1];
            m_p += 2;
            switch (e) {
            case '"':
                m_decoded.push_back('"');
                break;
            case '\\':
                m_decoded.push_back('\\');
                break;
            case '/':
                m_decoded.push_back('/');
                break;
            case 'b':
                m_decoded.push_back('\b');
                break;
            case 'f':
                m_decoded.push_back('\f');
                break;
            case 'n':
                m_decoded.push_back('\n');
                break;
            case 'r':
                m_decoded.push_back('\r');
                break;
            case 't':
                m_decoded.push_back('\t');
                break;
            case 'u': {
                const auto hex4 = [this](unsigned int& v) {
                    if (m_end - m_p < 4) {
                        return false;
                    }
                    v = 0;
                    for (int i = 0; i < 4; ++i) {
                        const int d = hexDigit(m_p[i]);
                        if (d < 0) {
                            return false;
                        }
                        v = v * 16 + unsigned(d);
                    }
                    m_p += 4;
                    return true;
                };
                unsigned int cp = 0;
                if (!hex4(cp)) {
                    return fail("invalid \\u escape");
                }
                if (cp >= 0xD800 && cp <= 0xDBFF && m_end - m_p >= 6 && m_p[0] == '\\' && m_p[1] == 'u') {
                    const char* save = m_p;
                    m_p += 2;
                    unsigned int low = 0;
                    if (hex4(low) && low >= 0xDC00 && low <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    } else {
                        m_p = save;
                    }
                }
                if (cp >= 0xD800 && cp <= 0xDFFF) {
                    cp = 0xFFFD; // an unpaired surrogate cannot be UTF-8
                }
                appendUtf8(m_decoded, cp);
                break;
            }
            default:
                m_p -= 1;
                return fail("invalid escape");
            }
            ++cps;
            continue;
        }
        if (c >= 0x80) {
            const int n = utf8Sequence(reinterpret_cast<const unsigned char*>(m_p),
                                       reinterpret_cast<const unsigned char*>(m_end));
            if (n == 0) {
                return fail("invalid UTF-8");
            }
            m_decoded.append(m_p, std::size_t(n));
            m_p += n;
        } else {
            m_decoded.push_back(char(c));
            ++m_p;
        }
        ++cps;
    }
    return fail("unterminated string");
}

int JsonLine::member(int object, QByteArrayView key) const
{
    const Node& o = m_nodes[std::size_t(object)];
    if (o.kind != Kind::Object) {
        return -1;
    }
    for (int i = object + 1; i < o.end; i = m_nodes[std::size_t(i)].end) {
        if (m_nodes[std::size_t(i)].key == key) {
            return i;
        }
    }
    return -1;
}

} // namespace tp
