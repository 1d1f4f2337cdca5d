#pragma once

// Streaming pull parser for strict RFC 8259 JSON with exact positions, for files of
// hundreds of MB (native export, lineage NDJSON) that must not be loaded whole.

#include "error.h"

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QString>

#include <memory>

class QIODevice;

namespace tp {

/// 1-based line and column. Lines end at "\n", "\r\n" or a lone "\r"; columns count Unicode
/// code points (so a Chinese character or an emoji is one column), not bytes or UTF-16 units.
/// A leading UTF-8 byte order mark is skipped and not counted.
struct TextPosition {
    int line = 0;
    int column = 0;
    friend bool operator==(const TextPosition&, const TextPosition&) = default;
};

/// Position of every value read by JsonReader::readValue, by path relative to the value
/// read: "" is the value itself, then "bindings", "bindings[2]", "bindings[2].required".
/// Keys are not escaped in paths.
using PositionMap = QHash<QString, TextPosition>;

/// The source text of a value read by JsonReader::readValue(QJsonValue&, RawValue&) and where
/// it starts, kept so that the positions inside it can be worked out later, and only when
/// needed (JsonReader::positionsOf): an importer pays for positions only on an error.
struct RawValue {
    QByteArray text;    ///< the exact bytes of an object or array (empty for a scalar)
    TextPosition start; ///< where its first character is in the whole input
    qint64 offset = 0;  ///< byte offset of its first character in the whole input
};

/// Pull parser over a QIODevice (read in chunks; memory stays about one chunk plus the
/// largest single token, or the text of the value readValue is reading) or an in-memory
/// QByteArray. About 250 MB/s for a token walk over plain ASCII (Release).
///
/// Strict RFC 8259: one value per document (see setMultipleDocuments), no comments, no
/// trailing commas, no leading zeros, valid UTF-8 only (no overlongs, no encoded surrogates),
/// numbers within the range of a double; duplicate keys in one object are errors (also when
/// spelled differently, "a" vs "\u0061"). Escaped unpaired surrogates ("\ud800") are accepted
/// and kept, so any QString survives JsonWriter → JsonReader. After the first error every
/// call returns Token::Invalid and errorString()/errorPosition() say what and where: at the
/// offending character, or at the opening quote for an unterminated string.
///
/// @code
/// JsonReader r(&file);
/// r.next();                                   // BeginObject
/// while (r.next() == JsonReader::Token::Key) {
///     if (r.stringValue() == u"events") {
///         r.next();                           // BeginArray
///         while (r.peek() != JsonReader::Token::EndArray && !r.hasError()) {
///             QJsonValue v; PositionMap pos;
///             r.readValue(v, &pos);
///         }
///         r.next();                           // EndArray
///     } else {
///         r.skipValue();
///     }
/// }
/// @endcode
class JsonReader {
public:
    enum class Token : quint8 {
        None, ///< before the first next()
        BeginObject,
        EndObject,
        BeginArray,
        EndArray,
        Key, ///< member name; stringValue() holds it, the value is the next token
        String,
        Number,
        Bool,
        Null,
        End,     ///< after the document (and trailing whitespace)
        Invalid, ///< an error occurred
    };

    explicit JsonReader(QIODevice* device, qsizetype chunkSize = 256 * 1024);
    explicit JsonReader(QByteArray data);
    ~JsonReader();
    JsonReader(const JsonReader&) = delete;
    JsonReader& operator=(const JsonReader&) = delete;

    /// Accept a sequence of documents separated by whitespace (NDJSON): Token::End only at
    /// the end of the input. Off by default.
    void setMultipleDocuments(bool on);
    /// Maximum nesting of arrays and objects (default 512); deeper input is an error.
    void setMaxDepth(int depth);

    /// Advances to the next token and returns it.
    Token next();
    /// The token next() would return, without consuming it.
    Token peek();
    [[nodiscard]] Token token() const;
    /// Start of the current token.
    [[nodiscard]] TextPosition position() const;

    /// Decoded text of the current Key or String token (empty otherwise).
    [[nodiscard]] QString stringValue() const;
    /// Current Number, represented as QJsonDocument::fromJson does: an integer if the value
    /// is integral and fits in qint64 ("1.0" and "1e2" included), otherwise a double.
    [[nodiscard]] QJsonValue numberValue() const;
    [[nodiscard]] double doubleValue() const;
    [[nodiscard]] bool boolValue() const;

    /// Consumes the next value (after the current token) whole. False on error.
    bool skipValue();
    /// Reads the next value (after the current token) whole into out; with positions
    /// (cleared first), records where each value inside it starts. False on error (out is
    /// then undefined). Afterwards the current token is the value's last one.
    bool readValue(QJsonValue& out, PositionMap* positions = nullptr);
    /// Reads the next value like readValue(out) and keeps its source text in raw.
    bool readValue(QJsonValue& out, RawValue& raw);
    /// Positions of every value inside raw, in the whole input's lines and columns, as
    /// readValue with a PositionMap would have given them. Empty if raw does not parse.
    [[nodiscard]] static PositionMap positionsOf(const RawValue& raw);

    [[nodiscard]] bool hasError() const;
    /// Translated description of the first error.
    [[nodiscard]] QString errorString() const;
    [[nodiscard]] TextPosition errorPosition() const;
    /// The error as Error{Parse, message, fileName, line, column}.
    [[nodiscard]] Error error(const QString& fileName = {}) const;
    /// Bytes of input consumed so far (for progress).
    [[nodiscard]] qint64 bytesConsumed() const;

private:
    struct Private;
    bool readValueImpl(QJsonValue& out, PositionMap* positions, RawValue* raw);
    bool readCurrent(QJsonValue* out, PositionMap* positions, const QString& path);
    bool skipRest(int depth);
    std::unique_ptr<Private> d;
};

} // namespace tp
