#include "entityjson.h"
#include "enums.h"
#include "jsonreader.h"
#include "jsonwriter.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <cmath>
#include <functional>
#include <limits>

using namespace tp;

Q_DECLARE_METATYPE(tp::Event)
Q_DECLARE_METATYPE(tp::Attribute)

namespace {

QString s(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

QJsonObject obj(const char* json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

Event sampleEvent()
{
    Event e;
    e.key = s("order_submit");
    e.displayName = s("提交订单");
    e.description = s("用户点击“提交订单”按钮 — fires once per tap\nsecond line");
    e.trigger = s("点击提交");
    e.category = s("结算页");
    e.tags = {s("order"), s("核心")};
    e.platforms = {s("android"), s("ios"), s("web")};
    e.owner = s("zhang.san");
    e.level = Level::D;
    e.status = EventStatus::Live;
    e.bindings = {{s("order_id"), true, s("订单号")}, {s("amount"), false, QString()}, {s("city_id"), true, s("😀")}};
    e.screenshot = s("https://example.com/shots/order_submit.png");
    e.introducedIn = s("6.3.0");
    e.deprecatedIn = QString();
    e.schemaVersion = SchemaVersion{2, 1, 3};
    return e;
}

Attribute sampleAttribute()
{
    Attribute a;
    a.key = s("pay_method");
    a.displayName = s("支付方式");
    a.description = s("how the user pays");
    a.type = AttrType::Enum;
    a.enumValues = {{s("alipay"), s("支付宝")}, {s("wechat"), s("微信支付")}};
    a.pattern = s("^[a-z]+$");
    a.maxLength = 32;
    a.example = s("alipay");
    a.privacy = Privacy::Pseudonymous;
    a.groups = {s("order")};
    return a;
}

template <typename T> QString errorText(const JsonResult<T>& r)
{
    const auto* e = std::get_if<JsonFieldError>(&r);
    return e ? e->path + QLatin1String(": ") + e->message : QString();
}

/// Text → JsonReader → QJsonObject, as imports do.
QJsonObject viaReader(const QByteArray& text)
{
    JsonReader r(text);
    QJsonValue v;
    if (!r.readValue(v) || r.next() != JsonReader::Token::End) {
        qWarning() << r.errorString();
        return {};
    }
    return v.toObject();
}

} // namespace

class TestEntityJson : public QObject {
    Q_OBJECT

private slots:
    void numbers_data();
    void numbers();
    void strings_data();
    void strings();
    void canonicalExact_data();
    void canonicalExact();
    void eventCanonicalExact();
    void eventRoundTrip_data();
    void eventRoundTrip();
    void attributeRoundTrip_data();
    void attributeRoundTrip();
    void otherRoundTrips();
    void strictErrors_data();
    void strictErrors();
    void writerLayouts_data();
    void writerLayouts();
    void writerLinesForReader();
    void writerSmallBuffer();
    void writerIoError();
};

void TestEntityJson::numbers_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QByteArray>("expected");
    const double two53 = 9007199254740992.0;
    QTest::newRow("zero") << 0.0 << QByteArray("0");
    QTest::newRow("minus zero") << -0.0 << QByteArray("0");
    QTest::newRow("one and a half") << 1.5 << QByteArray("1.5");
    QTest::newRow("negative fraction") << -2.25 << QByteArray("-2.25");
    QTest::newRow("0.1 shortest") << 0.1 << QByteArray("0.1");
    QTest::newRow("0.1+0.2") << (0.1 + 0.2) << QByteArray("0.30000000000000004");
    QTest::newRow("integral") << 42.0 << QByteArray("42");
    QTest::newRow("negative integral") << -7.0 << QByteArray("-7");
    QTest::newRow("2^53-1") << (two53 - 1) << QByteArray("9007199254740991");
    QTest::newRow("-(2^53-1)") << -(two53 - 1) << QByteArray("-9007199254740991");
    QTest::newRow("2^53") << two53 << QByteArray("9007199254740992");
    QTest::newRow("1e16") << 1e16 << QByteArray("1e+16");
    QTest::newRow("1e21") << 1e21 << QByteArray("1e+21");
    QTest::newRow("1e-7") << 1e-7 << QByteArray("1e-07");
    QTest::newRow("smallest subnormal") << 5e-324 << QByteArray("5e-324");
    QTest::newRow("max double") << std::numeric_limits<double>::max() << QByteArray("1.7976931348623157e+308");
    QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << QByteArray("null");
    QTest::newRow("infinity") << -std::numeric_limits<double>::infinity() << QByteArray("null");
}

void TestEntityJson::numbers()
{
    QFETCH(double, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(canonicalJson(QJsonValue(value)), expected);
    if (std::isfinite(value)) {
        // Shortest, and still exact: reading it back gives the same double.
        JsonReader r(expected);
        QCOMPARE(r.next(), JsonReader::Token::Number);
        QCOMPARE(r.doubleValue(), value);
    }
}

void TestEntityJson::strings_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plain") << s("order_submit") << QByteArray(R"("order_submit")");
    QTest::newRow("empty") << QString() << QByteArray(R"("")");
    QTest::newRow("quote and backslash") << s("a\"b\\c") << QByteArray(R"("a\"b\\c")");
    QTest::newRow("short escapes") << s("\b\f\n\r\t") << QByteArray(R"("\b\f\n\r\t")");
    QTest::newRow("other controls") << s("\x01\x1f") << QByteArray(R"("\u0001\u001f")");
    QTest::newRow("NUL") << QString(QChar(0)) << QByteArray(R"("\u0000")");
    QTest::newRow("DEL and slash kept") << s("\x7f/") << QByteArray("\"\x7f/\"");
    QTest::newRow("chinese as UTF-8") << s("提交订单") << QByteArray("\"提交订单\"");
    QTest::newRow("emoji as UTF-8") << s("😀") << QByteArray("\"\xf0\x9f\x98\x80\"");
    QTest::newRow("U+2028 kept") << s("\u2028") << QByteArray("\"\xe2\x80\xa8\"");
    QTest::newRow("lone surrogate escaped")
        << (QString(QChar(0xDC00)) + QLatin1Char('x')) << QByteArray(R"("\udc00x")");
}

void TestEntityJson::strings()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(canonicalJson(QJsonValue(value)), expected);
    JsonReader r(expected);
    QCOMPARE(r.next(), JsonReader::Token::String);
    QCOMPARE(r.stringValue(), value); // lossless, even for the unpaired surrogate
}

void TestEntityJson::canonicalExact_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("nested, sorted, compact")
        << QJsonValue(obj(R"({"b": 1, "a": [true, null, "x", 2.5], "c": {"z": 1.5, "y": {}, "x": []}})"))
        << QByteArray(R"({"a":[true,null,"x",2.5],"b":1,"c":{"x":[],"y":{},"z":1.5}})");
    // UTF-16 code unit order: U+1F600 (D83D DE00) sorts before U+FF01.
    QTest::newRow("key order by UTF-16")
        << QJsonValue(QJsonObject{{s("！"), 1}, {s("😀"), 2}, {s("é"), 3}, {s("a"), 4}, {s("Z"), 5}, {s("aa"), 6}})
        << QByteArray("{\"Z\":5,\"a\":4,\"aa\":6,\"\xc3\xa9\":3,\"\xf0\x9f\x98\x80\":2,\"\xef\xbc\x81\":1}");
    QTest::newRow("integer value") << QJsonValue(qint64(-123456789012)) << QByteArray("-123456789012");
    QTest::newRow("empty object") << QJsonValue(QJsonObject()) << QByteArray("{}");
    QTest::newRow("escaped key") << QJsonValue(QJsonObject{{s("a\"b"), s("\n")}}) << QByteArray(R"({"a\"b":"\n"})");
}

void TestEntityJson::canonicalExact()
{
    QFETCH(QJsonValue, value);
    QFETCH(QByteArray, expected);
    const QByteArray text = canonicalJson(value);
    QCOMPARE(text, expected);
    if (value.isObject()) {
        QCOMPARE(canonicalJson(value.toObject()), expected);
        QCOMPARE(canonicalJson(viaReader(text)), expected); // a fixed point
    }
}

void TestEntityJson::eventCanonicalExact()
{
    Event e;
    e.key = s("app_start");
    e.displayName = s("启动");
    e.tags = {s("core")};
    e.level = Level::C;
    e.bindings = {{s("os"), true, QString()}};
    e.schemaVersion = SchemaVersion{1, 0, 2};
    e.revision = 7; // store-managed column, not JSON
    const QByteArray base = R"({"bindings":[{"attribute":"os","note":"","required":true}],"category":"",)"
                            R"("deprecated_in":"","description":"","display_name":"启动","introduced_in":"",)"
                            R"("key":"app_start","level":"C","owner":"","platforms":[],)";
    QCOMPARE(canonicalJson(toJson(e, false)),
             base + R"("screenshot":"","status":"planned","tags":["core"],"trigger":""})");
    QCOMPARE(canonicalJson(toJson(e, true)),
             base + R"("schema_version":"1-0-2","screenshot":"","status":"planned","tags":["core"],"trigger":""})");

    Attribute a;
    a.key = s("amount");
    a.type = AttrType::ArrayNumber;
    a.minValue = 0;
    a.maxValue = 99.5;
    QCOMPARE(canonicalJson(toJson(a)),
             QByteArray(R"({"common":false,"description":"","display_name":"","enum_values":[],"example":"",)"
                        R"("groups":[],"key":"amount","max":99.5,"max_length":null,"min":0,"pattern":"",)"
                        R"("privacy":"none","type":"array<number>","unit":""})"));
}

void TestEntityJson::eventRoundTrip_data()
{
    QTest::addColumn<Event>("event");
    QTest::addColumn<bool>("withManaged");
    for (const bool managed : {false, true}) {
        const char* m = managed ? " +managed" : "";
        QTest::addRow("defaults%s", m) << Event{} << managed;
        QTest::addRow("chinese, all fields set%s", m) << sampleEvent() << managed;
        // Every level and every status at least once.
        for (int i = 0; i < 6; ++i) {
            Event e = sampleEvent();
            e.status = EventStatus(i);
            e.level = Level(i % 4);
            e.deprecatedIn = i >= 4 ? s("7.0.0") : QString();
            e.bindings.clear();
            e.tags.clear();
            QTest::addRow("%s/%s%s", qPrintable(toString(e.status)), qPrintable(toString(e.level)), m) << e << managed;
        }
    }
}

void TestEntityJson::eventRoundTrip()
{
    QFETCH(Event, event);
    QFETCH(bool, withManaged);
    Event expected = event;
    if (!withManaged) {
        expected.schemaVersion = SchemaVersion{};
    }
    event.revision = 5; // in a column, not in the JSON
    const QByteArray text = canonicalJson(toJson(event, withManaged));
    QCOMPARE(QJsonDocument::fromJson(text).object(), toJson(event, withManaged));
    const QJsonObject parsed = viaReader(text);
    const JsonResult<Event> back = eventFromJson(parsed, withManaged);
    QVERIFY2(std::holds_alternative<Event>(back), qPrintable(errorText(back)));
    QCOMPARE(std::get<Event>(back), expected);
    QCOMPARE(canonicalJson(toJson(std::get<Event>(back), withManaged)), text);
}

void TestEntityJson::attributeRoundTrip_data()
{
    QTest::addColumn<Attribute>("attribute");
    QTest::newRow("defaults") << Attribute{};
    QTest::newRow("chinese enum") << sampleAttribute();
    for (int t = 0; t < 9; ++t) {
        Attribute a = sampleAttribute();
        a.type = AttrType(t);
        a.privacy = Privacy(t % 4);
        a.common = t % 2 == 0;
        if (isNumeric(a.type) || t == int(AttrType::ArrayNumber)) {
            a.minValue = t == int(AttrType::Integer) ? -100.0 : 0.25;
            a.maxValue = t == int(AttrType::Integer) ? std::optional<double>() : 1e300;
            a.maxLength = std::nullopt;
            a.enumValues.clear();
        }
        if (t == int(AttrType::String)) {
            a.maxLength = 0;
        }
        QTest::addRow("%s/%s", qPrintable(toString(a.type)), qPrintable(toString(a.privacy))) << a;
    }
}

void TestEntityJson::attributeRoundTrip()
{
    QFETCH(Attribute, attribute);
    attribute.revision = 0;
    const QByteArray text = canonicalJson(toJson(attribute));
    const JsonResult<Attribute> back = attributeFromJson(viaReader(text));
    QVERIFY2(std::holds_alternative<Attribute>(back), qPrintable(errorText(back)));
    QCOMPARE(std::get<Attribute>(back), attribute);
    QCOMPARE(canonicalJson(toJson(std::get<Attribute>(back))), text);
}

void TestEntityJson::otherRoundTrips()
{
    const App app{s("user-app"), s("用户端"), s("乘客 App"), {s("android"), s("ios")}, 0};
    const auto appBack = appFromJson(viaReader(canonicalJson(toJson(app))));
    QVERIFY(std::holds_alternative<App>(appBack));
    QCOMPARE(std::get<App>(appBack), app);
    QCOMPARE(
        canonicalJson(toJson(app)),
        QByteArray(R"({"description":"乘客 App","key":"user-app","name":"用户端","platforms":["android","ios"]})"));

    for (const QString& role : allSpellings<Role>()) {
        const User u{s("li.si"), s("李四"), *fromString<Role>(role), 0};
        const auto back = userFromJson(viaReader(canonicalJson(toJson(u))));
        QVERIFY(std::holds_alternative<User>(back));
        QCOMPARE(std::get<User>(back), u);
    }

    QList<LevelPolicy> policies = GovernancePolicy::defaults(s("user-app")).levels;
    policies[1].samplingRate = 0.125;
    for (const LevelPolicy& p : policies) {
        const auto back = levelPolicyFromJson(viaReader(canonicalJson(toJson(p))));
        QVERIFY(std::holds_alternative<LevelPolicy>(back));
        QCOMPARE(std::get<LevelPolicy>(back), p);
    }
    QCOMPARE(canonicalJson(toJson(policies[1])),
             QByteArray(R"({"analytics":true,"health_alerts":false,"level":"B","quarantine":false,"realtime":false,)"
                        R"("reject":false,"sampling_rate":0.125,"warehouse_ods":false})"));
}

void TestEntityJson::strictErrors_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<bool>("withManaged");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");

    const QJsonObject ev = toJson(sampleEvent(), false);
    const QJsonObject evm = toJson(sampleEvent(), true);
    const QJsonObject at = toJson(sampleAttribute());
    auto with = [](QJsonObject o, const char* key, const QJsonValue& v) {
        o.insert(QLatin1String(key), v);
        return o;
    };
    auto without = [](QJsonObject o, const char* key) {
        o.remove(QLatin1String(key));
        return o;
    };
    // Replaces element i of array `key` with f(element).
    auto inArray = [](QJsonObject o, const char* key, int i, const std::function<QJsonValue(QJsonValue)>& f) {
        QJsonArray a = o.value(QLatin1String(key)).toArray();
        a[i] = f(a.at(i));
        o.insert(QLatin1String(key), a);
        return o;
    };
    auto row = [](const char* name, const char* kind, const QJsonObject& o, bool managed, const char* path,
                  const char* msg) { QTest::newRow(name) << s(kind) << o << managed << s(path) << s(msg); };

    row("event unknown field", "event", with(ev, "colour", s("red")), false, "colour", "Unknown field \"colour\"");
    row("event missing field", "event", without(ev, "trigger"), false, "trigger", "Missing field \"trigger\"");
    row("event null key", "event", with(ev, "key", QJsonValue()), false, "key", "Expected a string but found null");
    row("event tags not array", "event", with(ev, "tags", s("core")), false, "tags",
        "Expected an array but found a string");
    row("event tag not string", "event", inArray(ev, "tags", 1, [](QJsonValue) { return QJsonValue(3); }), false,
        "tags[1]", "Expected a string but found a number");
    row("event bad level", "event", with(ev, "level", s("E")), false, "level",
        "Unknown value \"E\"; expected one of: A, B, C, D");
    row("event level lower case", "event", with(ev, "level", s("d")), false, "level", "Unknown value \"d\"");
    row("event bad status", "event", with(ev, "status", s("alive")), false, "status", "Unknown value \"alive\"");
    row("binding required wrong type", "event",
        inArray(ev, "bindings", 2, [&with](QJsonValue b) { return with(b.toObject(), "required", s("yes")); }), false,
        "bindings[2].required", "Expected a boolean but found a string");
    row("binding unknown field", "event",
        inArray(ev, "bindings", 1, [&with](QJsonValue b) { return with(b.toObject(), "optional", true); }), false,
        "bindings[1].optional", "Unknown field \"optional\"");
    row("binding missing note", "event",
        inArray(ev, "bindings", 0, [&without](QJsonValue b) { return without(b.toObject(), "note"); }), false,
        "bindings[0].note", "Missing field \"note\"");
    row("binding not object", "event", inArray(ev, "bindings", 1, [](QJsonValue) { return QJsonValue(s("x")); }), false,
        "bindings[1]", "Expected an object but found a string");
    row("managed field in change state", "event", evm, false, "schema_version", "Unknown field \"schema_version\"");
    row("schema version missing", "event", ev, true, "schema_version", "Missing field \"schema_version\"");
    row("schema version malformed", "event", with(evm, "schema_version", s("1.0.0")), true, "schema_version",
        "Invalid schema version \"1.0.0\"");
    row("schema version number", "event", with(evm, "schema_version", 1), true, "schema_version",
        "Expected a string but found a number");
    row("attribute bad type", "attribute", with(at, "type", s("array<str>")), false, "type",
        "Unknown value \"array<str>\"");
    row("attribute min string", "attribute", with(at, "min", s("5")), false, "min",
        "Expected a number or null but found a string");
    row("attribute max_length fraction", "attribute", with(at, "max_length", 2.5), false, "max_length",
        "Expected an integer");
    row("attribute max_length too big", "attribute", with(at, "max_length", 1e10), false, "max_length",
        "Expected an integer");
    row("attribute enum label missing", "attribute",
        inArray(at, "enum_values", 1, [&without](QJsonValue v) { return without(v.toObject(), "label"); }), false,
        "enum_values[1].label", "Missing field \"label\"");
    row("attribute bad privacy", "attribute", with(at, "privacy", s("secret")), false, "privacy",
        "Unknown value \"secret\"");
    row("attribute common as string", "attribute", with(at, "common", s("true")), false, "common",
        "Expected a boolean but found a string");
    row("attribute groups object", "attribute", with(at, "groups", QJsonObject()), false, "groups",
        "Expected an array but found an object");
    row("app platform number", "app", obj(R"({"key":"a","name":"A","description":"","platforms":[1]})"), false,
        "platforms[0]", "Expected a string but found a number");
    row("app extra field", "app", obj(R"({"key":"a","name":"A","description":"","platforms":[],"id":1})"), false, "id",
        "Unknown field \"id\"");
    row("user bad role", "user", obj(R"({"name":"u","display_name":"U","role":"owner"})"), false, "role",
        "Unknown value \"owner\"; expected one of: product_owner, data_steward, analyst, admin");
    row("policy sampling rate as string", "policy", with(toJson(LevelPolicy{}), "sampling_rate", s("1")), false,
        "sampling_rate", "Expected a number but found a string");
    row("policy bad level", "policy", with(toJson(LevelPolicy{}), "level", s("X")), false, "level",
        "Unknown value \"X\"");
}

void TestEntityJson::strictErrors()
{
    QFETCH(QString, kind);
    QFETCH(QJsonObject, input);
    QFETCH(bool, withManaged);
    QFETCH(QString, path);
    QFETCH(QString, message);

    std::optional<JsonFieldError> error;
    auto take = [&error](const auto& result) {
        if (const auto* e = std::get_if<JsonFieldError>(&result)) {
            error = *e;
        }
    };
    if (kind == u"event") {
        take(eventFromJson(input, withManaged));
    } else if (kind == u"attribute") {
        take(attributeFromJson(input));
    } else if (kind == u"app") {
        take(appFromJson(input));
    } else if (kind == u"user") {
        take(userFromJson(input));
    } else {
        take(levelPolicyFromJson(input));
    }
    QVERIFY2(error.has_value(), "parsed without error");
    QCOMPARE(error->path, path);
    QVERIFY2(error->message.contains(message), qPrintable(error->message));
}

namespace {
void writeSample(JsonWriter& w)
{
    w.beginObject();
    w.key(QLatin1String("apps"));
    w.beginArray();
    w.value(QJsonObject{{s("key"), s("a")}});
    w.value(QJsonObject{{s("key"), s("中")}});
    w.endArray();
    w.key(QLatin1String("empty"));
    w.beginArray();
    w.endArray();
    w.key(QLatin1String("format"));
    w.value(s("trackplan"));
    w.key(QLatin1String("meta"));
    w.beginObject();
    w.key(QLatin1String("n"));
    w.value(3);
    w.key(QLatin1String("x"));
    w.beginArray();
    w.value(1.5);
    w.value(true);
    w.nullValue();
    w.value(qint64(-2));
    w.rawValue(QByteArray(R"({"r":1})"));
    w.value(QJsonValue(0.1));
    w.endArray();
    w.endObject();
    w.endObject();
}
} // namespace

void TestEntityJson::writerLayouts_data()
{
    QTest::addColumn<int>("layout");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("compact") << int(JsonWriter::Layout::Compact)
                             << QByteArray(R"({"apps":[{"key":"a"},{"key":"中"}],"empty":[],"format":"trackplan",)"
                                           R"("meta":{"n":3,"x":[1.5,true,null,-2,{"r":1},0.1]}})");
    QTest::newRow("sections") << int(JsonWriter::Layout::Sections)
                              << QByteArray("{\n"
                                            "\"apps\":[\n"
                                            "{\"key\":\"a\"},\n"
                                            "{\"key\":\"中\"}\n"
                                            "],\n"
                                            "\"empty\":[],\n"
                                            "\"format\":\"trackplan\",\n"
                                            "\"meta\":{\"n\":3,\"x\":[1.5,true,null,-2,{\"r\":1},0.1]}\n"
                                            "}\n");
}

void TestEntityJson::writerLayouts()
{
    QFETCH(int, layout);
    QFETCH(QByteArray, expected);
    QByteArray out;
    QBuffer buffer(&out);
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    {
        JsonWriter w(&buffer, JsonWriter::Layout(layout));
        writeSample(w);
        QVERIFY(w.flush());
        QCOMPARE(w.bytesWritten(), expected.size());
    }
    QCOMPARE(out, expected);
    QCOMPARE(QJsonDocument::fromJson(out).object(), QJsonDocument::fromJson(expected).object());
}

void TestEntityJson::writerLinesForReader()
{
    // Sections layout: entity i of the first section sits on line i + 3, so a reader's
    // error or position names the entity's line.
    QByteArray out;
    QBuffer buffer(&out);
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    JsonWriter w(&buffer, JsonWriter::Layout::Sections);
    w.beginObject();
    w.key(QLatin1String("events"));
    w.beginArray();
    for (int i = 0; i < 50; ++i) {
        Event e = sampleEvent();
        e.key = QStringLiteral("event_%1").arg(i);
        w.value(toJson(e, true));
    }
    w.endArray();
    w.endObject();
    QVERIFY(w.flush());

    JsonReader r(out);
    QCOMPARE(r.next(), JsonReader::Token::BeginObject);
    QCOMPARE(r.next(), JsonReader::Token::Key);
    QCOMPARE(r.next(), JsonReader::Token::BeginArray);
    for (int i = 0; i < 50; ++i) {
        QJsonValue v;
        PositionMap pos;
        QVERIFY(r.readValue(v, &pos));
        QCOMPARE(pos.value(QString()), (TextPosition{i + 3, 1}));
        const auto e = eventFromJson(v.toObject(), true);
        QVERIFY(std::holds_alternative<Event>(e));
        QCOMPARE(std::get<Event>(e).key, QStringLiteral("event_%1").arg(i));
    }
    QCOMPARE(r.next(), JsonReader::Token::EndArray);
    QCOMPARE(r.next(), JsonReader::Token::EndObject);
    QCOMPARE(r.next(), JsonReader::Token::End);
}

void TestEntityJson::writerSmallBuffer()
{
    QByteArray big;
    QByteArray small;
    QBuffer bigDevice(&big);
    QBuffer smallDevice(&small);
    QVERIFY(bigDevice.open(QIODevice::WriteOnly) && smallDevice.open(QIODevice::WriteOnly));
    JsonWriter a(&bigDevice);
    JsonWriter b(&smallDevice, JsonWriter::Layout::Compact, 64); // flushes many times
    for (JsonWriter* w : {&a, &b}) {
        w->beginArray();
        for (int i = 0; i < 200; ++i) {
            w->value(toJson(sampleAttribute()));
        }
        w->endArray();
    }
    QVERIFY(b.bytesWritten() > 64 && small.size() > 0); // written before the end
    QVERIFY(a.flush() && b.flush());
    QCOMPARE(small, big);
    QCOMPARE(QJsonDocument::fromJson(small).array().size(), 200);
}

void TestEntityJson::writerIoError()
{
    QFile full(QStringLiteral("/dev/full"));
    QVERIFY2(full.open(QIODevice::WriteOnly | QIODevice::Unbuffered), "needs /dev/full");
    JsonWriter w(&full, JsonWriter::Layout::Compact, 64);
    w.beginArray();
    for (int i = 0; i < 100 && !w.hasError(); ++i) {
        w.value(s("some text that fills the buffer"));
    }
    w.endArray();
    QVERIFY(!w.flush());
    QVERIFY(w.hasError());
    QVERIFY2(w.errorString().startsWith(s("Cannot write JSON: ")), qPrintable(w.errorString()));
}

QTEST_GUILESS_MAIN(TestEntityJson)
#include "tst_entityjson.moc"
