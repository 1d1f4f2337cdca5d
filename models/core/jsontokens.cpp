#include "jsonscanner_p.h"

#include <QCoreApplication>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

// Token scanning and decoding of JsonScanner (structure and buffering: jsonscanner.cpp).

namespace tp::detail {
namespace {

// Bytes that end the fast run inside a string: '"', '\\', control characters (the NUL
// sentinel included) and non-ASCII (UTF-8 to validate).
struct StringStops {
    bool v[256] = {};
    constexpr StringStops()
    {
        for (int c = 0; c < 0x20; ++c) {
            v[c] = true;
        }
        for (int c = 0x80; c < 0x100; ++c) {
            v[c] = true;
        }
        v[int('"')] = true;
        v[int('\\')] = true;
    }
};
constexpr StringStops kStops;

/// Index of the first stop byte at or after p: eight bytes at a time while they lie
/// before the end, then bytewise up to the NUL sentinel.
qsizetype skipPlain(const char* data, qsizetype p, qsizetype end)
{
    constexpr quint64 ones = 0x0101010101010101ULL;
    constexpr quint64 highs = 0x8080808080808080ULL;
    while (p + 8 <= end) {
        quint64 v;
        std::memcpy(&v, data + p, 8);
        const quint64 quote = v ^ (ones * '"');
        const quint64 slash = v ^ (ones * '\\');
        // A byte is zero in x exactly when (x - 1) & ~x sets its high bit (for bytes < 0x80;
        // bytes >= 0x80 are caught by v & highs anyway).
        const quint64 hit = ((quote - ones) & ~quote) | ((slash - ones) & ~slash) | (v - ones * 0x20) | v;
        if (hit & highs) {
            break;
        }
        p += 8;
    }
    while (!kStops.v[uchar(data[p])]) {
        ++p;
    }
    return p;
}

} // namespace

void JsonScanner::scanString(Tok& t)
{
    const TextPosition quote = t.pos;
    t.escaped = false;
    t.ascii = true;
    qsizetype p = pos + 1;
    for (;;) {
        p = skipPlain(m_data, p, m_end);
        const auto c = uchar(m_data[p]);
        if (c == '"') {
            t.start = m_scanStart + 1;
            t.len = p - t.start;
            t.type = Token::String;
            pos = p + 1;
            if (!t.ascii && t.len >= 3 && std::memcmp(m_data + t.start, "\xEF\xBB\xBF", 3) == 0) {
                sawBomString = true;
            }
            return;
        }
        if (c == '\\') {
            t.escaped = true;
            if (!more(p, 2)) {
                failAt(quote, QCoreApplication::translate("tp::json", "Unterminated string"));
                return;
            }
            const char e = m_data[p + 1];
            if (e == 'u') {
                const bool complete = more(p, 6);
                for (int i = 2; i < 6; ++i) {
                    if (hexValue(m_data[p + i]) < 0) {
                        if (!complete && p + i == m_end) {
                            failAt(quote, QCoreApplication::translate("tp::json", "Unterminated string"));
                        } else {
                            fail(p,
                                 QCoreApplication::translate("tp::json",
                                                             "Invalid \\u escape: expected four hexadecimal digits"));
                        }
                        return;
                    }
                }
                p += 6;
            } else if (e != '\0' && std::strchr("\"\\/bfnrt", e)) {
                p += 2;
            } else {
                const TextPosition at = posAt(p);
                failAt(
                    at,
                    QCoreApplication::translate("tp::json", "Invalid escape sequence \\%1").arg(describeChar(p + 1)));
                return;
            }
        } else if (c >= 0x80) {
            t.ascii = false;
            const int n = utf8Length(c);
            if (n > 0 && m_end - p < n) {
                more(p, n); // at the end of input the sentinel fails the check below
            }
            if (n == 0 || !validUtf8(reinterpret_cast<const uchar*>(m_data + p), n)) {
                fail(p, QCoreApplication::translate("tp::json", "Invalid UTF-8 byte sequence"));
                return;
            }
            m_lineCont += n - 1;
            p += n;
        } else if (c == 0 && p == m_end) {
            if (!more(p, 1)) {
                failAt(quote, QCoreApplication::translate("tp::json", "Unterminated string"));
                return;
            }
        } else {
            fail(p,
                 QCoreApplication::translate("tp::json",
                                             "Control character U+%1 in a string; write it as an escape such as \\n")
                     .arg(int(c), 4, 16, QLatin1Char('0')));
            return;
        }
    }
}

void JsonScanner::scanNumber(Tok& t)
{
    qsizetype p = pos;
    const auto at = [this](qsizetype& q) {
        if (q == m_end) {
            more(q, 1);
        }
        return m_data[q];
    };
    const auto bad = [this](qsizetype q, const QString& what) {
        fail(q, q == m_end ? QCoreApplication::translate("tp::json", "Unexpected end of input") : what);
    };
    if (at(p) == '-') {
        ++p;
    }
    const char first = at(p);
    if (first == '0') {
        ++p;
        if (isDigit(at(p))) {
            fail(p, QCoreApplication::translate("tp::json", "Leading zeros are not allowed in numbers"));
            return;
        }
    } else if (first >= '1' && first <= '9') {
        do {
            ++p;
        } while (isDigit(at(p)));
    } else {
        bad(p, QCoreApplication::translate("tp::json", "Invalid number: expected a digit"));
        return;
    }
    if (at(p) == '.') {
        ++p;
        if (!isDigit(at(p))) {
            bad(p, QCoreApplication::translate("tp::json", "Invalid number: expected a digit after '.'"));
            return;
        }
        do {
            ++p;
        } while (isDigit(at(p)));
    }
    bool exponent = false;
    if (at(p) == 'e' || m_data[p] == 'E') {
        exponent = true;
        ++p;
        if (at(p) == '+' || m_data[p] == '-') {
            ++p;
        }
        if (!isDigit(at(p))) {
            bad(p, QCoreApplication::translate("tp::json", "Invalid number: expected a digit in the exponent"));
            return;
        }
        do {
            ++p;
        } while (isDigit(at(p)));
    }
    t.start = m_scanStart;
    t.len = p - m_scanStart;
    pos = p;
    if (exponent || t.len > 300) {
        // Only these can leave the range of a double.
        double d = 0;
        const auto r = std::from_chars(m_data + t.start, m_data + p, d);
        if (r.ec == std::errc::result_out_of_range) {
            fail(t.start, QCoreApplication::translate("tp::json", "Number out of range"));
            return;
        }
    }
    t.type = Token::Number;
    afterValue();
}

void JsonScanner::scanLiteral(Tok& t, const char* word, Token type, bool value)
{
    qsizetype p = pos;
    const auto n = qsizetype(std::strlen(word));
    more(p, n);
    for (qsizetype i = 0; i < n; ++i) {
        if (m_data[p + i] != word[i]) {
            // The NUL after the input never matches, so this stops at the end at the latest.
            fail(p + i,
                 p + i == m_end ? QCoreApplication::translate("tp::json", "Unexpected end of input")
                                : QCoreApplication::translate("tp::json", "Invalid literal; expected \"%1\"")
                                      .arg(QLatin1String(word)));
            return;
        }
    }
    pos = p + n;
    t.type = type;
    t.boolValue = value;
    afterValue();
}

QString JsonScanner::decodeString(const Tok& t) const
{
    const char* s = m_data + t.start;
    if (!t.escaped) {
        if (t.ascii) {
            return QString::fromLatin1(s, t.len);
        }
        // QString::fromUtf8 would drop a leading U+FEFF as a byte order mark.
        if (t.len < 3 || std::memcmp(s, "\xEF\xBB\xBF", 3) != 0) {
            return QString::fromUtf8(s, t.len);
        }
    }
    // Already validated by scanString: decode without checks. Never more UTF-16 units than bytes.
    QString out(t.len, Qt::Uninitialized);
    auto* w = reinterpret_cast<char16_t*>(out.data());
    auto* const begin = w;
    const char* const e = s + t.len;
    while (s < e) {
        const auto c = uchar(*s);
        if (c == '\\') {
            const char x = s[1];
            s += 2;
            switch (x) {
            case 'b':
                *w++ = u'\b';
                break;
            case 'f':
                *w++ = u'\f';
                break;
            case 'n':
                *w++ = u'\n';
                break;
            case 'r':
                *w++ = u'\r';
                break;
            case 't':
                *w++ = u'\t';
                break;
            case 'u':
                // Surrogate pairs arrive as two escapes and land as two UTF-16 units.
                *w++ =
                    char16_t((hexValue(s[0]) << 12) | (hexValue(s[1]) << 8) | (hexValue(s[2]) << 4) | hexValue(s[3]));
                s += 4;
                break;
            default:
                *w++ = char16_t(x);
                break; // " \\ /
            }
        } else if (c < 0x80) {
            *w++ = c;
            ++s;
        } else if (c < 0xE0) {
            *w++ = char16_t(((c & 0x1F) << 6) | (uchar(s[1]) & 0x3F));
            s += 2;
        } else if (c < 0xF0) {
            *w++ = char16_t(((c & 0x0F) << 12) | ((uchar(s[1]) & 0x3F) << 6) | (uchar(s[2]) & 0x3F));
            s += 3;
        } else {
            const char32_t u =
                ((c & 0x07) << 18) | ((uchar(s[1]) & 0x3F) << 12) | ((uchar(s[2]) & 0x3F) << 6) | (uchar(s[3]) & 0x3F);
            *w++ = QChar::highSurrogate(u);
            *w++ = QChar::lowSurrogate(u);
            s += 4;
        }
    }
    out.truncate(w - begin);
    return out;
}

QJsonValue JsonScanner::decodeNumber(const Tok& t) const
{
    // Same representation as QJsonDocument::fromJson, so QJsonValues from either compare
    // equal as containers: integral values within qint64 are integers, others doubles.
    const char* s = m_data + t.start;
    const char* e = s + t.len;
    if (t.len <= 20 && std::none_of(s, e, [](char c) { return c == '.' || c == 'e' || c == 'E'; })) {
        qint64 i = 0;
        const auto r = std::from_chars(s, e, i);
        if (r.ec == std::errc() && r.ptr == e) {
            return QJsonValue(i);
        }
    }
    double d = 0;
    std::from_chars(s, e, d);
    constexpr double kTwo63 = 9223372036854775808.0;
    if (d == std::trunc(d) && d >= -kTwo63 && d < kTwo63) {
        return QJsonValue(qint64(d));
    }
    return QJsonValue(d);
}

} // namespace tp::detail
