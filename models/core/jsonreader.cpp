#include "jsonreader.h"
#include "jsonscanner_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tp {

using detail::JsonScanner;

struct JsonReader::Private : JsonScanner {
    using JsonScanner::JsonScanner;
};

JsonReader::JsonReader(QIODevice* device, qsizetype chunkSize)
    : d(std::make_unique<Private>(device, chunkSize))
{
}

JsonReader::JsonReader(QByteArray data)
    : d(std::make_unique<Private>(std::move(data)))
{
}

JsonReader::~JsonReader() = default;

void JsonReader::setMultipleDocuments(bool on)
{
    d->multi = on;
}

void JsonReader::setMaxDepth(int depth)
{
    d->maxDepth = std::max(1, depth);
}

JsonReader::Token JsonReader::next()
{
    if (d->hasAhead) {
        d->hasAhead = false;
        d->cur = std::move(d->ahead);
    } else {
        d->cur.start = -1; // its text may be dropped while scanning on
        d->scan(d->cur);
    }
    return d->cur.type;
}

JsonReader::Token JsonReader::peek()
{
    if (!d->hasAhead) {
        d->scan(d->ahead);
        d->hasAhead = true;
    }
    return d->ahead.type;
}

JsonReader::Token JsonReader::token() const
{
    return d->cur.type;
}

TextPosition JsonReader::position() const
{
    return d->cur.pos;
}

QString JsonReader::stringValue() const
{
    if (d->cur.type == Token::Key || d->cur.type == Token::String) {
        return d->decodeString(d->cur);
    }
    return {};
}

QJsonValue JsonReader::numberValue() const
{
    return d->cur.type == Token::Number ? d->decodeNumber(d->cur) : QJsonValue();
}

double JsonReader::doubleValue() const
{
    return numberValue().toDouble();
}

bool JsonReader::boolValue() const
{
    return d->cur.type == Token::Bool && d->cur.boolValue;
}

static bool isValueStart(JsonReader::Token t)
{
    using T = JsonReader::Token;
    return t == T::BeginObject || t == T::BeginArray || t == T::String || t == T::Number || t == T::Bool
        || t == T::Null;
}

bool JsonReader::skipValue()
{
    const Token t = next();
    if (!isValueStart(t)) {
        d->failExpectedValue();
        return false;
    }
    return t == Token::BeginObject || t == Token::BeginArray ? skipRest(1) : true;
}

bool JsonReader::skipRest(int depth)
{
    while (depth > 0) {
        switch (next()) {
        case Token::BeginObject:
        case Token::BeginArray:
            ++depth;
            break;
        case Token::EndObject:
        case Token::EndArray:
            --depth;
            break;
        case Token::Invalid:
            return false;
        default:
            break;
        }
    }
    return true;
}

bool JsonReader::readValue(QJsonValue& out, PositionMap* positions)
{
    return readValueImpl(out, positions, nullptr);
}

bool JsonReader::readValue(QJsonValue& out, RawValue& raw)
{
    return readValueImpl(out, nullptr, &raw);
}

PositionMap JsonReader::positionsOf(const RawValue& raw)
{
    PositionMap positions;
    if (raw.text.isEmpty()) {
        positions.insert(QString(), raw.start);
        return positions;
    }
    JsonReader again(raw.text);
    QJsonValue ignored;
    if (!again.readValue(ignored, &positions)) {
        return {};
    }
    for (TextPosition& p : positions) {
        if (p.line == 1) {
            p.column += raw.start.column - 1;
        }
        p.line += raw.start.line - 1;
    }
    return positions;
}

bool JsonReader::readValueImpl(QJsonValue& out, PositionMap* positions, RawValue* raw)
{
    const Token t = next();
    if (!isValueStart(t)) {
        d->failExpectedValue();
        return false;
    }
    if (positions) {
        positions->clear();
    }
    if (raw) {
        raw->start = d->cur.pos;
        raw->offset = d->base + d->cur.start;
    }
    if (t != Token::BeginObject && t != Token::BeginArray) {
        if (raw) {
            raw->text.clear(); // a scalar has no positions inside it
        }
        return readCurrent(&out, positions, QString());
    }
    // Containers: our scanner checks the text strictly and records positions; then Qt's own
    // parser builds the value from the same bytes, about three times faster than building
    // it with QJsonObject::insert (it fills its containers directly). Its few differences
    // (it drops a leading U+FEFF from strings) fall back to building it here.
    d->pin = d->cur.start;
    d->sawBomString = false;
    const bool ok = positions ? readCurrent(nullptr, positions, QString()) : skipRest(1);
    const QByteArray text(d->data() + d->pin, d->pos - d->pin);
    d->pin = -1;
    if (!ok) {
        return false;
    }
    if (raw) {
        raw->text = text;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error == QJsonParseError::NoError && !d->sawBomString) {
        out = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
        return true;
    }
    JsonReader again(text);
    again.next();
    return again.readCurrent(&out, nullptr, QString());
}

bool JsonReader::readCurrent(QJsonValue* out, PositionMap* positions, const QString& path)
{
    // With out == nullptr only positions are collected.
    if (positions) {
        positions->insert(path, d->cur.pos);
    }
    QJsonValue item;
    QJsonValue* const child = out ? &item : nullptr;
    switch (d->cur.type) {
    case Token::BeginObject: {
        QJsonObject obj;
        Token t;
        while ((t = next()) == Token::Key) {
            const QString key = d->decodeString(d->cur);
            next();
            if (!readCurrent(child, positions,
                             positions ? (path.isEmpty() ? key : path + QLatin1Char('.') + key) : path)) {
                return false;
            }
            if (out) {
                obj.insert(key, item);
            }
        }
        if (t != Token::EndObject) {
            return false;
        }
        if (out) {
            *out = obj;
        }
        return true;
    }
    case Token::BeginArray: {
        QJsonArray arr;
        for (qsizetype i = 0;; ++i) {
            const Token t = next();
            if (t == Token::EndArray) {
                break;
            }
            if (t == Token::Invalid) {
                return false;
            }
            const QString childPath =
                positions ? path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']') : QString();
            if (!readCurrent(child, positions, childPath)) {
                return false;
            }
            if (out) {
                arr.append(item);
            }
        }
        if (out) {
            *out = arr;
        }
        return true;
    }
    case Token::String:
        if (out) {
            *out = d->decodeString(d->cur);
        }
        return true;
    case Token::Number:
        if (out) {
            *out = d->decodeNumber(d->cur);
        }
        return true;
    case Token::Bool:
        if (out) {
            *out = d->cur.boolValue;
        }
        return true;
    case Token::Null:
        if (out) {
            *out = QJsonValue(QJsonValue::Null);
        }
        return true;
    default:
        return false;
    }
}

bool JsonReader::hasError() const
{
    return !d->errorString.isEmpty();
}

QString JsonReader::errorString() const
{
    return d->errorString;
}

TextPosition JsonReader::errorPosition() const
{
    return d->errorPos;
}

Error JsonReader::error(const QString& fileName) const
{
    return Error{Error::Code::Parse, d->errorString, fileName, d->errorPos.line, d->errorPos.column};
}

qint64 JsonReader::bytesConsumed() const
{
    return d->base + d->pos;
}

} // namespace tp
