#include "jsonreader.h"

#include <QBuffer>
#include <QCborValue>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using tp::JsonReader;
using tp::PositionMap;
using tp::RawValue;
using tp::TextPosition;
using Token = JsonReader::Token;

namespace {

QByteArray b(const char* s)
{
    return QByteArray(s);
}

/// Reads the whole input token by token; returns false on error.
bool drain(JsonReader& r)
{
    for (;;) {
        const Token t = r.next();
        if (t == Token::End) {
            return true;
        }
        if (t == Token::Invalid) {
            return false;
        }
    }
}

} // namespace

class TestJsonReader : public QObject {
    Q_OBJECT

private slots:
    void malformed_data();
    void malformed();
    void tokens();
    void positions();
    void strings_data();
    void strings();
    void numbers_data();
    void numbers();
    void readValueMatchesQt_data();
    void readValueMatchesQt();
    void skipAndPeek();
    void multipleDocuments();
    void lazyPositions();
    void largeChunkedInput();
    void errorAsTpError();
};

void TestJsonReader::malformed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message"); // a fragment of the error text

    auto row = [](const char* name, const QByteArray& in, int line, int col, const char* msg) {
        QTest::newRow(name) << in << line << col << QString::fromUtf8(msg);
    };
    row("empty", b(""), 1, 1, "end of input");
    row("only spaces", b("   "), 1, 4, "end of input");
    row("open object", b("{"), 1, 2, "end of input");
    row("open array after newline", b("[\n"), 2, 1, "end of input");
    row("key without value", b("{\"a\":"), 1, 6, "end of input");
    row("trailing comma array", b("[1,]"), 1, 4, "Trailing comma");
    row("trailing comma object", b("{\"a\":1,}"), 1, 8, "Trailing comma");
    row("missing colon", b("{\"a\" 1}"), 1, 6, "Expected ':'");
    row("unquoted key", b("{a:1}"), 1, 2, "string key");
    row("key after comma not string", b("{\"a\":1,2:3}"), 1, 8, "string key");
    row("missing comma array", b("[1 2]"), 1, 4, "Expected ',' or ']'");
    row("missing comma object", b("{\"a\":1 \"b\":2}"), 1, 8, "Expected ',' or '}'");
    row("double comma", b("[1,,2]"), 1, 4, "Unexpected character ','");
    row("leading zero", b("01"), 1, 2, "Leading zeros");
    row("leading zero negative", b("[-012]"), 1, 4, "Leading zeros");
    row("minus alone", b("-"), 1, 2, "end of input");
    row("minus letter", b("[-a]"), 1, 3, "expected a digit");
    row("dot at end", b("1."), 1, 3, "end of input");
    row("dot letter", b("[1.x]"), 1, 4, "after '.'");
    row("exponent empty", b("[1e]"), 1, 4, "exponent");
    row("exponent sign only", b("[1e+]"), 1, 5, "exponent");
    row("leading dot", b(".5"), 1, 1, "Unexpected character '.'");
    row("plus sign", b("+1"), 1, 1, "Unexpected character '+'");
    row("out of range", b("[1, 1e400]"), 1, 5, "out of range");
    row("truncated true", b("tru"), 1, 4, "end of input");
    row("bad true", b("[trux]"), 1, 5, "expected \"true\"");
    row("bad null", b("[nil]"), 1, 3, "expected \"null\"");
    row("capital True", b("True"), 1, 1, "Unexpected character 'T'");
    row("single quotes", b("['a']"), 1, 2, "Unexpected character '''");
    row("unterminated string", b("[1, \"abc"), 1, 5, "Unterminated string");
    row("unterminated after escape", b("\"ab\\"), 1, 1, "Unterminated string");
    row("unterminated in \\u", b("\"\\u12"), 1, 1, "Unterminated string");
    row("newline in string", b("[\"a\nb\"]"), 1, 4, "Control character U+000a");
    row("tab in string", b("\"a\tb\""), 1, 3, "Control character U+0009");
    row("NUL in string", QByteArray("\"a\0b\"", 5), 1, 3, "Control character U+0000");
    row("NUL outside", QByteArray("[1,\0]", 5), 1, 4, "0x00");
    row("NUL after value", QByteArray("[1]\0", 4), 1, 4, "after the JSON value");
    row("bad escape", b("\"\\x\""), 1, 2, "Invalid escape sequence \\'x'");
    row("bad unicode escape", b("\"\\u12G4\""), 1, 2, "\\u escape");
    row("invalid utf8 byte", b("\"a\xff\""), 1, 3, "UTF-8");
    row("utf8 continuation alone", b("\"a\x80\""), 1, 3, "UTF-8");
    row("utf8 overlong", b("\"\xc0\xaf\""), 1, 2, "UTF-8");
    row("utf8 overlong 3 byte", b("\"\xe0\x80\xaf\""), 1, 2, "UTF-8");
    row("utf8 surrogate", b("\"\xed\xa0\x80\""), 1, 2, "UTF-8");
    row("utf8 above U+10FFFF", b("\"\xf4\x90\x80\x80\""), 1, 2, "UTF-8");
    row("utf8 truncated", b("\"\xe4\xb8\""), 1, 2, "UTF-8");
    row("utf8 truncated at end", b("\"\xe4\xb8"), 1, 2, "UTF-8");
    row("utf8 after chinese", b("\"\xe4\xb8\xad\xff\""), 1, 3, "UTF-8");
    row("trailing garbage", b("{\"a\":1} x"), 1, 9, "after the JSON value");
    row("second root", b("[1]\n[2]"), 2, 1, "after the JSON value");
    row("extra bracket", b("[1]]"), 1, 4, "after the JSON value");
    row("line comment", b("// c\n1"), 1, 1, "Comments");
    row("block comment in array", b("[1, /* c */ 2]"), 1, 5, "Comments");
    row("duplicate key", b("{\"a\":1,\"a\":2}"), 1, 8, "Duplicate key \"a\"");
    row("duplicate key by escape", b("{\"a\":1,\"\\u0061\":2}"), 1, 8, "Duplicate key \"a\"");
    row("duplicate nested", b("{\"x\":{\"k\":1},\"y\":{\"k\":1,\"k\":2}}"), 1, 25, "Duplicate key \"k\"");
    row("non-ASCII outside string", b("[1\xef\xbc\x8c 2]"), 1, 3, "'\xef\xbc\x8c'");
    row("multi-line", b("{\n  \"a\": [1,\n    2,,\n  ]\n}"), 3, 7, "Unexpected character ','");
    row("CRLF lines", b("[1,\r\n2,\r\n]"), 3, 1, "Trailing comma");
    row("lone CR lines", b("[1,\r2,\rx]"), 3, 1, "Unexpected character 'x'");
    row("CR LF CR", b("[\r\n\r1 x]"), 3, 3, "Expected ','");
    row("chinese counts as one column", b("{\"\xe5\x90\x8d\xe5\xad\x97\": 1 2}"), 1, 10, "Expected ',' or '}'");
    row("emoji counts as one column", b("[\"\xf0\x9f\x98\x80\", x]"), 1, 7, "Unexpected character 'x'");
    row("BOM not counted", b("\xef\xbb\xbf[x]"), 1, 2, "Unexpected character 'x'");
    row("too deep", QByteArray(600, '['), 1, 513, "Nesting deeper than 512");
}

void TestJsonReader::malformed()
{
    QFETCH(QByteArray, input);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);

    // In memory, and from a device in chunks of 1 and 7 bytes so every token and every
    // UTF-8 sequence gets split across reads somewhere.
    for (const int chunk : {0, 1, 7}) {
        QBuffer buffer(&input);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        JsonReader r = chunk == 0 ? JsonReader(input) : JsonReader(&buffer, chunk);
        QVERIFY2(!drain(r), qPrintable(QStringLiteral("chunk %1: no error").arg(chunk)));
        QVERIFY(r.hasError());
        QCOMPARE(r.next(), Token::Invalid); // stays failed
        QVERIFY2(r.errorString().contains(message),
                 qPrintable(QStringLiteral("chunk %1: %2").arg(chunk).arg(r.errorString())));
        QCOMPARE(r.errorPosition().line, line);
        QCOMPARE(r.errorPosition().column, column);
    }
}

void TestJsonReader::tokens()
{
    // Every token type with its start position; "中" is one column.
    const QByteArray doc = b("{\"k\": [true, false,\n null, -1.5e3, \"\xe4\xb8\xad\", {}]}");
    struct Expected {
        Token type;
        int line;
        int column;
    };
    const QList<Expected> expected{
        {Token::BeginObject, 1, 1},  {Token::Key, 1, 2},        {Token::BeginArray, 1, 7}, {Token::Bool, 1, 8},
        {Token::Bool, 1, 14},        {Token::Null, 2, 2},       {Token::Number, 2, 8},     {Token::String, 2, 16},
        {Token::BeginObject, 2, 21}, {Token::EndObject, 2, 22}, {Token::EndArray, 2, 23},  {Token::EndObject, 2, 24},
        {Token::End, 2, 25},
    };
    JsonReader r(doc);
    QCOMPARE(r.token(), Token::None);
    for (const Expected& e : expected) {
        QCOMPARE(r.next(), e.type);
        QCOMPARE(r.position(), (TextPosition{e.line, e.column}));
        if (e.type == Token::Key) {
            QCOMPARE(r.stringValue(), QStringLiteral("k"));
        }
    }
    QVERIFY(!r.hasError());
    QCOMPARE(r.next(), Token::End); // stays at the end
    QCOMPARE(r.bytesConsumed(), doc.size());
}

void TestJsonReader::positions()
{
    const QByteArray doc = b("{\n"
                             "  \"key\": \"order_submit\",\n"
                             "  \"display_name\": \"\xe6\x8f\x90\xe4\xba\xa4\xe8\xae\xa2\xe5\x8d\x95\", \"n\": 1,\n"
                             "  \"bindings\": [\n"
                             "    {\"attribute\": \"order_id\", \"required\": true},\n"
                             "    {\"attribute\": \"amount\",\n"
                             "     \"required\": false}\n"
                             "  ],\n"
                             "  \"empty\": {}, \"list\": [[1, [2]]]\n"
                             "}\n");
    for (const int chunk : {0, 3}) {
        QByteArray copy = doc;
        QBuffer buffer(&copy);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        JsonReader r = chunk == 0 ? JsonReader(doc) : JsonReader(&buffer, chunk);
        QJsonValue v;
        PositionMap pos;
        QVERIFY2(r.readValue(v, &pos), qPrintable(r.errorString()));
        QCOMPARE(v, QJsonDocument::fromJson(doc).object());
        QCOMPARE(pos.value(QString()), (TextPosition{1, 1}));
        QCOMPARE(pos.value(QStringLiteral("key")), (TextPosition{2, 10}));
        QCOMPARE(pos.value(QStringLiteral("display_name")), (TextPosition{3, 19}));
        QCOMPARE(pos.value(QStringLiteral("n")), (TextPosition{3, 32})); // after four CJK characters
        QCOMPARE(pos.value(QStringLiteral("bindings")), (TextPosition{4, 15}));
        QCOMPARE(pos.value(QStringLiteral("bindings[0]")), (TextPosition{5, 5}));
        QCOMPARE(pos.value(QStringLiteral("bindings[0].attribute")), (TextPosition{5, 19}));
        QCOMPARE(pos.value(QStringLiteral("bindings[0].required")), (TextPosition{5, 43}));
        QCOMPARE(pos.value(QStringLiteral("bindings[1].required")), (TextPosition{7, 18}));
        QCOMPARE(pos.value(QStringLiteral("empty")), (TextPosition{9, 12}));
        QCOMPARE(pos.value(QStringLiteral("list[0][1][0]")), (TextPosition{9, 30}));
        QCOMPARE(pos.size(), 17);
        QCOMPARE(r.next(), Token::End);
    }
}

void TestJsonReader::strings_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << b("\"order_submit\"") << QStringLiteral("order_submit");
    QTest::newRow("empty") << b("\"\"") << QString();
    QTest::newRow("short escapes") << b("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"")
                                   << QStringLiteral("\" \\ / \b \f \n \r \t");
    QTest::newRow("unicode escape") << b("\"\\u00e9\\u4E2D\"") << QStringLiteral("\u00e9\u4e2d");
    QTest::newRow("utf8 chinese") << b("\"\xe6\x8f\x90\xe4\xba\xa4\xe8\xae\xa2\xe5\x8d\x95\"")
                                  << QStringLiteral("提交订单");
    QTest::newRow("utf8 emoji") << b("\"a\xf0\x9f\x98\x80z\"") << QString::fromUtf8("a\xf0\x9f\x98\x80z");
    QTest::newRow("escaped surrogate pair") << b("\"\\ud83d\\ude00\"") << QString::fromUtf8("\xf0\x9f\x98\x80");
    QTest::newRow("lone surrogate kept") << b("\"\\ud800x\"") << QString(QChar(0xd800)) + QLatin1Char('x');
    QTest::newRow("mixed escape and utf8") << b("\"\xe4\xb8\xad\\n\xc3\xa9\"") << QStringLiteral("中\n\u00e9");
    QTest::newRow("leading U+FEFF kept") << b("\"\xef\xbb\xbf\xc3\xa9\"") << QString(QChar(0xFEFF)) + QChar(0xE9);
    QTest::newRow("escaped NUL") << b("\"a\\u0000b\"") << QString(QStringLiteral("a") + QChar(0) + QStringLiteral("b"));
    QTest::newRow("long ascii") << (b("\"") + QByteArray(100000, 'x') + b("\"")) << QString(100000, QLatin1Char('x'));
}

void TestJsonReader::strings()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    for (const int chunk : {0, 1, 5}) {
        QBuffer buffer(&json);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        JsonReader r = chunk == 0 ? JsonReader(json) : JsonReader(&buffer, chunk);
        QCOMPARE(r.next(), Token::String);
        QCOMPARE(r.stringValue(), expected);
        QCOMPARE(r.peek(), Token::End);
        QCOMPARE(r.stringValue(), expected); // still valid after peeking
        QCOMPARE(r.next(), Token::End);
    }
    // Inside a container readValue builds it through QJsonDocument (or its own fallback).
    JsonReader r(b("{\"k\": [") + json + b("]}"));
    QJsonValue v;
    QVERIFY(r.readValue(v));
    QCOMPARE(v.toObject().value(QStringLiteral("k")).toArray().at(0).toString(), expected);
}

void TestJsonReader::numbers_data()
{
    // "integer": stored as an integer, as QJsonDocument::fromJson stores it.
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QJsonValue>("expected");
    QTest::addColumn<bool>("integer");

    QTest::newRow("zero") << b("0") << QJsonValue(0) << true;
    QTest::newRow("minus zero") << b("-0") << QJsonValue(0) << true;
    QTest::newRow("minus zero double") << b("-0.0") << QJsonValue(0) << true;
    QTest::newRow("integer") << b("42") << QJsonValue(42) << true;
    QTest::newRow("negative") << b("-7") << QJsonValue(-7) << true;
    QTest::newRow("integral fraction") << b("1.0") << QJsonValue(1) << true;
    QTest::newRow("fraction") << b("1.5") << QJsonValue(1.5) << false;
    QTest::newRow("exponent") << b("1e2") << QJsonValue(100) << true;
    QTest::newRow("exponent upper signed") << b("2.5E-3") << QJsonValue(0.0025) << false;
    QTest::newRow("qint64 max") << b("9223372036854775807") << QJsonValue(std::numeric_limits<qint64>::max()) << true;
    QTest::newRow("qint64 min") << b("-9223372036854775808") << QJsonValue(std::numeric_limits<qint64>::min()) << true;
    QTest::newRow("beyond qint64") << b("9223372036854775808") << QJsonValue(9223372036854775808.0) << false;
    QTest::newRow("shortest 0.1") << b("0.1") << QJsonValue(0.1) << false;
    QTest::newRow("large") << b("1e21") << QJsonValue(1e21) << false;
    QTest::newRow("tiny") << b("5e-324") << QJsonValue(5e-324) << false;
}

void TestJsonReader::numbers()
{
    QFETCH(QByteArray, json);
    QFETCH(QJsonValue, expected);
    QFETCH(bool, integer);
    JsonReader r(json);
    QCOMPARE(r.next(), Token::Number);
    const QJsonValue v = r.numberValue();
    QCOMPARE(v, expected);
    QCOMPARE(QCborValue::fromJsonValue(v).isInteger(), integer);
    QCOMPARE(v.toInteger(-1), expected.toInteger(-1));
    QCOMPARE(r.doubleValue(), expected.toDouble());
    QCOMPARE(r.next(), Token::End);
    // Same value and representation as Qt's own parser: containers compare equal.
    QCOMPARE(QJsonArray{v}, QJsonDocument::fromJson(b("[") + json + b("]")).array());
}

void TestJsonReader::readValueMatchesQt_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("scalar") << b(" 12 ");
    QTest::newRow("empty containers") << b("[{}, [], {\"a\": []}]");
    QTest::newRow("mixed") << b("{\"b\": [1, 2.5, -3e-2, true, false, null], \"a\": {\"x\": \"\\u4e2d\xe6\x96\x87\"}, "
                                "\"c\": \"\", \"\xe9\x94\xae\": {\"z\": {\"y\": [[[]]]}}}");
    QTest::newRow("many keys") << [] {
        QByteArray s = "{";
        for (int i = 0; i < 200; ++i) {
            s += (i ? ",\"k" : "\"k") + QByteArray::number(i) + "\":" + QByteArray::number(i);
        }
        return s + "}";
    }();
}

void TestJsonReader::readValueMatchesQt()
{
    QFETCH(QByteArray, json);
    const QJsonValue expected = QJsonDocument::fromJson(b("[") + json + b("]")).array().at(0);
    QVERIFY(!expected.isUndefined());
    JsonReader r(json);
    QJsonValue v;
    QVERIFY2(r.readValue(v), qPrintable(r.errorString()));
    QCOMPARE(v, expected);
    QCOMPARE(r.next(), Token::End);
}

void TestJsonReader::skipAndPeek()
{
    JsonReader r(b("{\"skip\": {\"a\": [1, {\"b\": 2}]}, \"keep\": [10, 20], \"s\": \"x\"}"));
    QCOMPARE(r.next(), Token::BeginObject);
    QCOMPARE(r.peek(), Token::Key);
    QCOMPARE(r.peek(), Token::Key); // peek twice: same token
    QCOMPARE(r.next(), Token::Key);
    QCOMPARE(r.stringValue(), QStringLiteral("skip"));
    QVERIFY(r.skipValue());
    QCOMPARE(r.token(), Token::EndObject);
    QCOMPARE(r.next(), Token::Key);
    QCOMPARE(r.stringValue(), QStringLiteral("keep"));
    QCOMPARE(r.next(), Token::BeginArray);
    QList<qint64> seen;
    while (r.peek() != Token::EndArray) {
        QJsonValue v;
        QVERIFY(r.readValue(v));
        seen << v.toInteger();
    }
    QCOMPARE(seen, (QList<qint64>{10, 20}));
    QCOMPARE(r.next(), Token::EndArray);
    QCOMPARE(r.next(), Token::Key);
    QVERIFY(r.skipValue()); // a scalar
    QCOMPARE(r.token(), Token::String);
    QCOMPARE(r.stringValue(), QStringLiteral("x"));
    // No value left: skipValue fails with a position.
    QVERIFY(!r.skipValue());
    QVERIFY(r.hasError());
    QCOMPARE(r.errorPosition(), (TextPosition{1, 58}));
}

void TestJsonReader::multipleDocuments()
{
    JsonReader r(b("{\"event\":\"a\"}\n{\"event\":\"b\"}\r\n\n[1]\n"));
    r.setMultipleDocuments(true);
    QList<int> lines;
    QJsonValue v;
    while (r.peek() != Token::End && !r.hasError()) {
        PositionMap pos;
        QVERIFY(r.readValue(v, &pos));
        lines << pos.value(QString()).line;
    }
    QCOMPARE(lines, (QList<int>{1, 2, 4}));
    QCOMPARE(v, QJsonValue(QJsonArray{1}));

    JsonReader empty(QByteArray{});
    empty.setMultipleDocuments(true);
    QCOMPARE(empty.next(), Token::End);

    JsonReader bad(b("{\"a\":1}\n{\"a\":}\n"));
    bad.setMultipleDocuments(true);
    QVERIFY(!drain(bad));
    QCOMPARE(bad.errorPosition(), (TextPosition{2, 6}));
}

void TestJsonReader::lazyPositions()
{
    // Records inside an array, one not at a line start and one spanning lines, some CJK text
    // before them on their first line: positionsOf(raw) must equal the eagerly collected map.
    const QByteArray doc = b("{\"events\": [ {\"k\": \"\xe6\x8f\x90\", \"b\": [1, {\"x\": null}]},\n"
                             "  {\"k\": \"a\",\n   \"n\": [true]}, 7, \"s\"]}");
    JsonReader eager(doc);
    JsonReader lazy(doc);
    for (JsonReader* r : {&eager, &lazy}) {
        QCOMPARE(r->next(), Token::BeginObject);
        QCOMPARE(r->next(), Token::Key);
        QCOMPARE(r->next(), Token::BeginArray);
    }
    int records = 0;
    while (eager.peek() != Token::EndArray) {
        QJsonValue a;
        QJsonValue b;
        PositionMap expected;
        RawValue raw;
        QVERIFY(eager.readValue(a, &expected));
        QVERIFY(lazy.readValue(b, raw));
        QCOMPARE(b, a);
        QCOMPARE(raw.start, expected.value(QString()));
        QCOMPARE(JsonReader::positionsOf(raw), expected);
        ++records;
    }
    QCOMPARE(records, 4);
    QCOMPARE(lazy.next(), Token::EndArray);
    QCOMPARE(JsonReader::positionsOf(RawValue{b("{\"a\":"), {3, 4}}), PositionMap{}); // does not parse
}

void TestJsonReader::largeChunkedInput()
{
    // ~3 MB with long strings, CJK text and many lines, read in small chunks.
    QByteArray doc = "{\"events\":[\n";
    for (int i = 0; i < 20000; ++i) {
        doc += "{\"key\":\"event_" + QByteArray::number(i) + "\",\"name\":\"\xe4\xba\x8b\xe4\xbb\xb6 "
            + QByteArray::number(i) + "\",\"n\":" + QByteArray::number(i * 1.25, 'f', 2) + ",\"pad\":\""
            + QByteArray(i % 97, 'p') + "\"}" + (i < 19999 ? ",\n" : "\n");
    }
    doc += "], \"broken\": x}";
    QBuffer buffer(&doc);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    JsonReader r(&buffer, 4096);
    QCOMPARE(r.next(), Token::BeginObject);
    QCOMPARE(r.next(), Token::Key);
    QCOMPARE(r.next(), Token::BeginArray);
    int count = 0;
    while (r.peek() == Token::BeginObject) {
        QJsonValue v;
        PositionMap pos;
        QVERIFY2(r.readValue(v, &pos), qPrintable(r.errorString()));
        QCOMPARE(v.toObject().value(QStringLiteral("key")).toString(), QStringLiteral("event_%1").arg(count));
        QCOMPARE(v.toObject().value(QStringLiteral("n")).toDouble(), count * 1.25);
        QCOMPARE(pos.value(QStringLiteral("n")).line, count + 2);
        ++count;
    }
    QCOMPARE(count, 20000);
    QCOMPARE(r.next(), Token::EndArray);
    QCOMPARE(r.next(), Token::Key);
    QCOMPARE(r.next(), Token::Invalid);
    QCOMPARE(r.errorPosition(), (TextPosition{20002, 14}));
}

void TestJsonReader::errorAsTpError()
{
    JsonReader r(b("[1,\n  ]"));
    QVERIFY(!drain(r));
    const tp::Error e = r.error(QStringLiteral("plan.json"));
    QCOMPARE(e.code, tp::Error::Code::Parse);
    QCOMPARE(e.line, 2);
    QCOMPARE(e.column, 3);
    QVERIFY(e.toString().startsWith(QStringLiteral("plan.json:2:3: ")));
}

QTEST_GUILESS_MAIN(TestJsonReader)
#include "tst_jsonreader.moc"
