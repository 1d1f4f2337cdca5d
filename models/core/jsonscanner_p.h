#pragma once

// Internal to JsonReader: the tokenizer and its buffer. Not installed, not API.

#include "jsonreader.h"

#include <QMultiHash>

#include <vector>

namespace tp::detail {

inline bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

inline int hexValue(char c)
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

/// Length of the UTF-8 sequence a lead byte announces; 0 if it cannot start one.
inline int utf8Length(uchar b)
{
    if (b >= 0xC2 && b <= 0xDF) {
        return 2;
    }
    if (b >= 0xE0 && b <= 0xEF) {
        return 3;
    }
    if (b >= 0xF0 && b <= 0xF4) {
        return 4;
    }
    return 0;
}

/// Whether s[0..n) is a well-formed UTF-8 sequence (no overlongs, surrogates or > U+10FFFF).
/// Stops at the first bad byte, so it never reads past a NUL sentinel.
inline bool validUtf8(const uchar* s, int n)
{
    uchar lo = 0x80;
    uchar hi = 0xBF;
    switch (s[0]) {
    case 0xE0:
        lo = 0xA0;
        break;
    case 0xED:
        hi = 0x9F;
        break;
    case 0xF0:
        lo = 0x90;
        break;
    case 0xF4:
        hi = 0x8F;
        break;
    default:
        break;
    }
    if (s[1] < lo || s[1] > hi) {
        return false;
    }
    for (int i = 2; i < n; ++i) {
        if (s[i] < 0x80 || s[i] > 0xBF) {
            return false;
        }
    }
    return true;
}

/// Tokenizer state behind JsonReader. The buffer always holds a NUL byte after its last
/// byte of input, so the hot loops stop there without a bounds check and only then ask
/// whether the input really ended or the next chunk must be read.
class JsonScanner {
public:
    using Token = JsonReader::Token;

    struct Tok {
        Token type = Token::None;
        qsizetype start = -1; ///< buffer offset of the raw text (strings: after the quote); -1 once dropped
        qsizetype len = 0;
        TextPosition pos;
        bool escaped = false; ///< string contains backslash escapes
        bool ascii = true;    ///< string is plain ASCII
        bool boolValue = false;
    };

    JsonScanner(QIODevice* device, qsizetype chunkSize);
    explicit JsonScanner(QByteArray data);

    /// Scans the next token into t (an Invalid token after an error).
    void scan(Tok& t);
    [[nodiscard]] QString decodeString(const Tok& t) const;
    [[nodiscard]] QJsonValue decodeNumber(const Tok& t) const;
    /// For readValue/skipValue called where no value follows.
    void failExpectedValue();

    // Read by JsonReader.
    bool multi = false;
    int maxDepth = 512;
    Tok cur;
    Tok ahead;
    bool hasAhead = false;
    QString errorString;
    TextPosition errorPos;
    qint64 base = 0;           ///< input offset of buffer[0]
    qsizetype pin = -1;        ///< buffer offset kept across reads while readValue collects a subtree's text
    bool sawBomString = false; ///< a string began with U+FEFF (which QJsonDocument drops)
    [[nodiscard]] const char* data() const { return m_data; }
    qsizetype pos = 0; ///< scan cursor in the buffer

private:
    enum class Expect { RootValue, RootEnd, FirstKeyOrEnd, ColonValue, FirstValueOrEnd, CommaOrEnd };
    /// One key seen in an object: its UTF-8 text lies in Frame::keyText.
    struct KeyRef {
        size_t hash;
        qsizetype offset;
        qsizetype length;
    };
    /// An open object or array. Frames are reused, so their buffers stop allocating once
    /// the document's shape has been seen.
    struct Frame {
        bool object = false;
        QByteArray keyText; ///< the object's keys, concatenated
        std::vector<KeyRef> keys;
        QMultiHash<size_t, qsizetype> index; ///< hash -> keys[i], built once an object has many keys
    };

    [[nodiscard]] TextPosition posAt(qsizetype off) const
    {
        return {m_line, int(base + off - m_lineStart - m_lineCont + 1)};
    }
    bool fill(qsizetype need);
    bool more(qsizetype& p, qsizetype need)
    {
        pos = p;
        const bool ok = fill(need);
        p = pos;
        return ok;
    }
    void fail(qsizetype off, const QString& message);
    void failAt(TextPosition at, const QString& message);
    void skipWhitespace();
    void scanValue(Tok& t);
    void scanString(Tok& t);
    void scanNumber(Tok& t);
    void scanLiteral(Tok& t, const char* word, Token type, bool value);
    void scanKey(Tok& t);
    bool addKey(Frame& f, QByteArrayView key);
    void push(bool object, Tok& t);
    void pop(Tok& t);
    void afterValue();
    /// Fails at off with message's %1 naming the character found there.
    void failFound(qsizetype off, const QString& message);
    /// The character at off for a message: 'x', '，' or a byte as 0xff. May read on.
    [[nodiscard]] QString describeChar(qsizetype off);

    QIODevice* m_device = nullptr;
    QByteArray m_buf;
    const char* m_data = nullptr;
    qsizetype m_end = 0;
    qsizetype m_chunk = 0;
    qsizetype m_scanStart = 0;
    bool m_eof = false;
    int m_line = 1;
    qint64 m_lineStart = 0; ///< input offset of the current line's first byte
    qint64 m_lineCont = 0;  ///< UTF-8 continuation bytes seen on the current line
    bool m_crPending = false;
    Expect m_expect = Expect::RootValue;
    std::vector<Frame> m_frames;
    int m_depth = 0;
};

} // namespace tp::detail
