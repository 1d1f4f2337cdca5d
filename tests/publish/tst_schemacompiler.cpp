// JSON Schema compilation: canonical text (stable key order, equal schemas hash equal), the
// mapping of attribute types and constraints, routing from the governance policy, Redis URLs
// and the snapshot checksum of the contract.
#include "entityjson.h"
#include "rediskeys.h"
#include "redisurl.h"
#include "routing.h"
#include "schemacompiler.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>

using namespace tp;

namespace {

QString S(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

Attribute attr(const QString& key, AttrType type)
{
    Attribute a;
    a.key = key;
    a.displayName = S("属性 ") + key;
    a.type = type;
    return a;
}

/// A plan with order_id (string, pattern), amount (number 0..1e6), city_id (common integer),
/// pay_type (enum) and order_submit binding the first three.
Plan samplePlan()
{
    Plan p;
    p.appKey = QStringLiteral("user-app");
    Attribute amount = attr(QStringLiteral("amount"), AttrType::Number);
    amount.minValue = 0;
    amount.maxValue = 1e6;
    Attribute city = attr(QStringLiteral("city_id"), AttrType::Integer);
    city.common = true;
    Attribute order = attr(QStringLiteral("order_id"), AttrType::String);
    order.pattern = QStringLiteral("^O[0-9]+$");
    order.maxLength = 32;
    order.privacy = Privacy::Pseudonymous;
    Attribute pay = attr(QStringLiteral("pay_type"), AttrType::Enum);
    pay.enumValues = {{QStringLiteral("cash"), S("现金")}, {QStringLiteral("card"), S("银行卡")}};
    p.attributes = {amount, city, order, pay};
    Event e;
    e.key = QStringLiteral("order_submit");
    e.displayName = S("提交订单");
    e.level = Level::D;
    e.schemaVersion = {1, 2, 3};
    e.bindings = {{QStringLiteral("order_id"), true, {}},
                  {QStringLiteral("amount"), false, {}},
                  {QStringLiteral("pay_type"), true, {}}};
    p.events = {e};
    return p;
}

QByteArray canonicalOf(const QByteArray& text)
{
    QJsonParseError error{};
    const QJsonDocument d = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !d.isObject()) {
        return "not JSON: " + error.errorString().toUtf8();
    }
    return canonicalJson(d.object());
}

} // namespace

class TstSchemaCompiler : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void attributeSchema_data();
    void attributeSchema();
    void eventSchemaGolden();
    void eventSchemaIsCanonical_data();
    void eventSchemaIsCanonical();
    void bindingOrderDoesNotMatter();
    void attributeOrderOfThePlanDoesNotMatter();
    void equalSchemasHashEqual_data();
    void equalSchemasHashEqual();
    void routing_data();
    void routing();
    void routingTableIsCanonical();
    void commonSchema();
    void sha256();
    void redisUrl_data();
    void redisUrl();
    void manifestChecksum();
};

void TstSchemaCompiler::attributeSchema_data()
{
    QTest::addColumn<Attribute>("attribute");
    QTest::addColumn<QByteArray>("expected");

    const auto with = [](Attribute a, auto change) {
        change(a);
        return a;
    };
    QTest::newRow("string") << attr(QStringLiteral("s"), AttrType::String) << QByteArray(R"({"type":"string"})");
    QTest::newRow("string pattern maxLength") << with(attr(QStringLiteral("s"), AttrType::String), [](Attribute& a) {
        a.pattern = QStringLiteral("^[a-z]+\\d$");
        a.maxLength = 20;
    }) << QByteArray(R"({"maxLength":20,"pattern":"^[a-z]+\\d$","type":"string"})");
    QTest::newRow("integer range") << with(attr(QStringLiteral("i"), AttrType::Integer), [](Attribute& a) {
        a.minValue = 0;
        a.maxValue = 100;
    }) << QByteArray(R"({"maximum":100,"minimum":0,"type":"integer"})");
    QTest::newRow("number fractional range") << with(attr(QStringLiteral("n"), AttrType::Number), [](Attribute& a) {
        a.minValue = -0.5;
        a.maxValue = 99.95;
    }) << QByteArray(R"({"maximum":99.95,"minimum":-0.5,"type":"number"})");
    QTest::newRow("number only max") << with(attr(QStringLiteral("n"), AttrType::Number), [](Attribute& a) {
        a.maxValue = 1e21;
    }) << QByteArray(R"({"maximum":1e+21,"type":"number"})");
    QTest::newRow("boolean") << attr(QStringLiteral("b"), AttrType::Boolean) << QByteArray(R"({"type":"boolean"})");
    QTest::newRow("datetime") << attr(QStringLiteral("t"), AttrType::DateTime)
                              << QByteArray(R"({"format":"date-time","type":"string"})");
    QTest::newRow("enum keeps order, drops labels") << with(
        attr(QStringLiteral("e"), AttrType::Enum), [](Attribute& a) {
            a.enumValues = {{QStringLiteral("van"), S("面包车")}, {QStringLiteral("truck"), S("货车")}};
        }) << QByteArray(R"({"enum":["van","truck"],"type":"string"})");
    QTest::newRow("enum with pattern") << with(attr(QStringLiteral("e"), AttrType::Enum), [](Attribute& a) {
        a.enumValues = {{QStringLiteral("a"), {}}};
        a.pattern = QStringLiteral("^a$");
    }) << QByteArray(R"({"enum":["a"],"pattern":"^a$","type":"string"})");
    QTest::newRow("array<string> item constraints") << with(
        attr(QStringLiteral("tags"), AttrType::ArrayString), [](Attribute& a) {
            a.maxLength = 8;
            a.pattern = QStringLiteral("^#");
        }) << QByteArray(R"({"items":{"maxLength":8,"pattern":"^#","type":"string"},"type":"array"})");
    QTest::newRow("array<integer>") << with(attr(QStringLiteral("ids"), AttrType::ArrayInteger), [](Attribute& a) {
        a.minValue = 1;
    }) << QByteArray(R"({"items":{"minimum":1,"type":"integer"},"type":"array"})");
    QTest::newRow("array<number>") << attr(QStringLiteral("xs"), AttrType::ArrayNumber)
                                   << QByteArray(R"({"items":{"type":"number"},"type":"array"})");
    QTest::newRow("privacy") << with(attr(QStringLiteral("phone"), AttrType::String), [](Attribute& a) {
        a.privacy = Privacy::Sensitive;
    }) << QByteArray(R"({"type":"string","x-privacy":"sensitive"})");
    // Constraints the type cannot carry (lint reports them) are not published.
    QTest::newRow("boolean ignores range and pattern") << with(
        attr(QStringLiteral("b"), AttrType::Boolean), [](Attribute& a) {
            a.minValue = 1;
            a.pattern = QStringLiteral("x");
            a.maxLength = 3;
        }) << QByteArray(R"({"type":"boolean"})");
    QTest::newRow("integer ignores maxLength")
        << with(attr(QStringLiteral("i"), AttrType::Integer), [](Attribute& a) { a.maxLength = 3; })
        << QByteArray(R"({"type":"integer"})");
    QTest::newRow("display text is not part of it") << with(
        attr(QStringLiteral("s"), AttrType::String), [](Attribute& a) {
            a.description = S("说明");
            a.example = QStringLiteral("x");
            a.unit = QStringLiteral("kg");
        }) << QByteArray(R"({"type":"string"})");
}

void TstSchemaCompiler::attributeSchema()
{
    QFETCH(Attribute, attribute);
    QFETCH(QByteArray, expected);
    const QByteArray text = SchemaCompiler::attributeSchemaText(attribute);
    QCOMPARE(text, expected);
    QCOMPARE(canonicalOf(text), text);
}

void TstSchemaCompiler::eventSchemaGolden()
{
    // The published form of one event, byte for byte: part of the Redis contract.
    const Plan plan = samplePlan();
    SchemaCompiler compiler(plan, GovernancePolicy::defaults(plan.appKey));
    const QByteArray expected =
        R"({"$schema":"https://json-schema.org/draft/2020-12/schema","additionalProperties":false,)"
        R"("properties":{"amount":{"maximum":1000000,"minimum":0,"type":"number"},)"
        R"("order_id":{"maxLength":32,"pattern":"^O[0-9]+$","type":"string","x-privacy":"pseudonymous"},)"
        R"("pay_type":{"enum":["cash","card"],"type":"string"}},"required":["order_id","pay_type"],)"
        R"("title":"order_submit","type":"object","x-level":"D",)"
        R"("x-route":["analytics","warehouse_ods","realtime"],"x-schema-version":"1-2-3"})";
    const CompiledSchema s = compiler.eventSchema(plan.events.first());
    QCOMPARE(s.text, expected);
    QCOMPARE(s.sha256, QCryptographicHash::hash(expected, QCryptographicHash::Sha256).toHex());

    SchemaCompiler open(plan, GovernancePolicy::defaults(plan.appKey), SchemaOptions{false});
    QVERIFY(!open.eventSchemaText(plan.events.first()).contains("additionalProperties"));
}

void TstSchemaCompiler::eventSchemaIsCanonical_data()
{
    QTest::addColumn<Event>("event");
    Event base = samplePlan().events.first();
    QTest::newRow("sample") << base;
    Event empty = base;
    empty.bindings.clear();
    QTest::newRow("no bindings") << empty;
    Event deprecated = base;
    deprecated.status = EventStatus::Deprecated;
    QTest::newRow("deprecated") << deprecated;
    Event removed = base;
    removed.status = EventStatus::Removed;
    removed.level = Level::A;
    QTest::newRow("removed, level A") << removed;
    Event odd = base;
    odd.key = S("订单_\"quoted\"\\_\t");
    odd.bindings.append({QStringLiteral("unknown_attr"), true, {}});
    odd.bindings.append({QStringLiteral("amount"), true, {}}); // bound twice
    QTest::newRow("escapes, unknown and repeated bindings") << odd;
}

void TstSchemaCompiler::eventSchemaIsCanonical()
{
    // The hand-assembled text is exactly canonicalJson() of itself parsed: keys in canonical
    // order, no whitespace, canonical numbers and escapes.
    QFETCH(Event, event);
    const Plan plan = samplePlan();
    for (bool closed : {true, false}) {
        SchemaCompiler compiler(plan, GovernancePolicy::defaults(plan.appKey), SchemaOptions{closed});
        const QByteArray text = compiler.eventSchemaText(event);
        QCOMPARE(canonicalOf(text), text);
        const QJsonObject o = QJsonDocument::fromJson(text).object();
        QCOMPARE(o.value(QLatin1String("$schema")).toString(), SchemaCompiler::dialect());
        QCOMPARE(o.value(QLatin1String("title")).toString(), event.key);
        QCOMPARE(o.value(QLatin1String("deprecated")).toBool(),
                 event.status == EventStatus::Deprecated || event.status == EventStatus::Removed);
    }
}

void TstSchemaCompiler::bindingOrderDoesNotMatter()
{
    const Plan plan = samplePlan();
    SchemaCompiler compiler(plan, GovernancePolicy::defaults(plan.appKey));
    Event e = plan.events.first();
    const CompiledSchema before = compiler.eventSchema(e);
    std::reverse(e.bindings.begin(), e.bindings.end());
    const CompiledSchema after = compiler.eventSchema(e);
    QCOMPARE(after.text, before.text);
    QCOMPARE(after.sha256, before.sha256);
}

void TstSchemaCompiler::attributeOrderOfThePlanDoesNotMatter()
{
    Plan plan = samplePlan();
    Attribute os = attr(QStringLiteral("app_os"), AttrType::String);
    os.common = true;
    plan.attributes.prepend(os);
    SchemaCompiler sorted(plan, GovernancePolicy::defaults(plan.appKey));
    Plan reversed = plan;
    std::reverse(reversed.attributes.begin(), reversed.attributes.end());
    SchemaCompiler compiler(reversed, GovernancePolicy::defaults(plan.appKey));
    QCOMPARE(compiler.eventSchemaText(plan.events.first()), sorted.eventSchemaText(plan.events.first()));
    const QByteArray common = compiler.commonSchemaText();
    QCOMPARE(common, sorted.commonSchemaText());
    QCOMPARE(canonicalOf(common), common);
    QVERIFY(common.indexOf("app_os") < common.indexOf("city_id"));
}

void TstSchemaCompiler::equalSchemasHashEqual_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<bool>("sameHash");
    QTest::newRow("nothing") << QStringLiteral("nothing") << true;
    QTest::newRow("display name") << QStringLiteral("display name") << true;
    QTest::newRow("description, trigger, owner, tags") << QStringLiteral("texts") << true;
    QTest::newRow("status live") << QStringLiteral("status live") << true;
    QTest::newRow("attribute label") << QStringLiteral("enum label") << true;
    QTest::newRow("required") << QStringLiteral("required") << false;
    QTest::newRow("level") << QStringLiteral("level") << false;
    QTest::newRow("schema version") << QStringLiteral("schema version") << false;
    QTest::newRow("attribute constraint") << QStringLiteral("constraint") << false;
    QTest::newRow("enum value") << QStringLiteral("enum value") << false;
    QTest::newRow("new binding") << QStringLiteral("binding") << false;
    QTest::newRow("status deprecated") << QStringLiteral("status deprecated") << false;
    QTest::newRow("policy of its level") << QStringLiteral("policy") << false;
}

void TstSchemaCompiler::equalSchemasHashEqual()
{
    QFETCH(QString, change);
    QFETCH(bool, sameHash);
    const Plan plan = samplePlan();
    const GovernancePolicy policy = GovernancePolicy::defaults(plan.appKey);
    const QByteArray before = SchemaCompiler(plan, policy).eventSchema(plan.events.first()).sha256;

    Plan other = samplePlan(); // built anew: equal values, other objects
    GovernancePolicy otherPolicy = policy;
    Event& e = other.events.first();
    Attribute& pay = other.attributes[3];
    if (change == QLatin1String("display name")) {
        e.displayName = S("下单");
    } else if (change == QLatin1String("texts")) {
        e.description = S("新的说明");
        e.trigger = QStringLiteral("tap");
        e.owner = QStringLiteral("bob");
        e.tags = {QStringLiteral("x")};
    } else if (change == QLatin1String("status live")) {
        e.status = EventStatus::Live;
    } else if (change == QLatin1String("enum label")) {
        pay.enumValues[0].label = S("现钞");
    } else if (change == QLatin1String("required")) {
        e.bindings[1].required = true;
    } else if (change == QLatin1String("level")) {
        e.level = Level::C;
    } else if (change == QLatin1String("schema version")) {
        e.schemaVersion.addition = 4;
    } else if (change == QLatin1String("constraint")) {
        other.attributes[0].maxValue = 2e6;
    } else if (change == QLatin1String("enum value")) {
        pay.enumValues.append({QStringLiteral("wallet"), {}});
    } else if (change == QLatin1String("binding")) {
        e.bindings.append({QStringLiteral("city_id"), false, {}});
    } else if (change == QLatin1String("status deprecated")) {
        e.status = EventStatus::Deprecated;
    } else if (change == QLatin1String("policy")) {
        otherPolicy.levels[int(Level::D)].realtime = false;
    }
    const QByteArray after = SchemaCompiler(other, otherPolicy).eventSchema(e).sha256;
    QCOMPARE(after == before, sameHash);
}

void TstSchemaCompiler::routing_data()
{
    QTest::addColumn<LevelPolicy>("policy");
    QTest::addColumn<QStringList>("route");
    const GovernancePolicy d = GovernancePolicy::defaults(QStringLiteral("x"));
    QTest::newRow("A default: quarantine") << d.levels[0] << QStringList{QStringLiteral("quarantine")};
    QTest::newRow("B default: analytics") << d.levels[1] << QStringList{QStringLiteral("analytics")};
    QTest::newRow("C default: + ODS") << d.levels[2]
                                      << QStringList{QStringLiteral("analytics"), QStringLiteral("warehouse_ods")};
    QTest::newRow("D default: + real time")
        << d.levels[3]
        << QStringList{QStringLiteral("analytics"), QStringLiteral("warehouse_ods"), QStringLiteral("realtime")};
    LevelPolicy dropped = d.levels[0];
    dropped.quarantine = false;
    QTest::newRow("rejected without quarantine: nowhere") << dropped << QStringList{};
    LevelPolicy odsOnly = d.levels[2];
    odsOnly.analytics = false;
    QTest::newRow("ODS only") << odsOnly << QStringList{QStringLiteral("warehouse_ods")};
}

void TstSchemaCompiler::routing()
{
    QFETCH(LevelPolicy, policy);
    QFETCH(QStringList, route);
    QCOMPARE(routeOf(policy), route);
    const QJsonObject rule = routingRule(policy);
    QCOMPARE(rule.value(QLatin1String("route")).toVariant().toStringList(), route);
    QCOMPARE(rule.value(QLatin1String("sampling_rate")).toDouble(), policy.samplingRate);
    QCOMPARE(rule.value(QLatin1String("health_alerts")).toBool(), policy.healthAlerts);
}

void TstSchemaCompiler::routingTableIsCanonical()
{
    GovernancePolicy p = GovernancePolicy::defaults(QStringLiteral("x"));
    p.levels[1].samplingRate = 0.25;
    p.levels.removeLast(); // a policy without D falls back to D's default
    const QMap<QByteArray, QByteArray> table = routingTable(p);
    QCOMPARE(table.keys(), (QList<QByteArray>{"A", "B", "C", "D"}));
    QCOMPARE(table.value("B"),
             QByteArray(R"({"analytics":true,"health_alerts":false,"level":"B","quarantine":false,)"
                        R"("realtime":false,"reject":false,"route":["analytics"],)"
                        R"("sampling_rate":0.25,"warehouse_ods":false})"));
    for (const QByteArray& rule : table) {
        QCOMPARE(canonicalOf(rule), rule);
    }
    QVERIFY(table.value("D").contains(R"("route":["analytics","warehouse_ods","realtime"])"));
}

void TstSchemaCompiler::commonSchema()
{
    const Plan plan = samplePlan();
    SchemaCompiler compiler(plan, GovernancePolicy::defaults(plan.appKey));
    QCOMPARE(
        compiler.commonSchemaText(),
        QByteArray(R"({"$schema":"https://json-schema.org/draft/2020-12/schema",)"
                   R"("properties":{"city_id":{"type":"integer"}},"required":[],"title":"common","type":"object"})"));
}

void TstSchemaCompiler::sha256()
{
    QCOMPARE(SchemaCompiler::sha256Hex("abc"),
             QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

void TstSchemaCompiler::redisUrl_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<int>("db");
    QTest::addColumn<QString>("display");
    QTest::newRow("host only") << QStringLiteral("redis://cache.internal") << true << QStringLiteral("cache.internal")
                               << 6379 << QString() << QString() << 0
                               << QStringLiteral("redis://cache.internal:6379/0");
    QTest::newRow("port and db") << QStringLiteral("redis://127.0.0.1:7000/3") << true << QStringLiteral("127.0.0.1")
                                 << 7000 << QString() << QString() << 3 << QStringLiteral("redis://127.0.0.1:7000/3");
    QTest::newRow("password only") << QStringLiteral("redis://:s3cret@10.0.0.5:6380") << true
                                   << QStringLiteral("10.0.0.5") << 6380 << QString() << QStringLiteral("s3cret") << 0
                                   << QStringLiteral("redis://10.0.0.5:6380/0");
    QTest::newRow("ACL user, encoded password")
        << QStringLiteral("redis://publisher:p%40ss%3Aword@h:1/2") << true << QStringLiteral("h") << 1
        << QStringLiteral("publisher") << QStringLiteral("p@ss:word") << 2 << QStringLiteral("redis://publisher@h:1/2");
    QTest::newRow("IPv6") << QStringLiteral("redis://[::1]:6379") << true << QStringLiteral("::1") << 6379 << QString()
                          << QString() << 0 << QStringLiteral("redis://[::1]:6379/0");
    QTest::newRow("wrong scheme") << QStringLiteral("http://h:1") << false << QString() << 0 << QString() << QString()
                                  << 0 << QString();
    QTest::newRow("tls") << QStringLiteral("rediss://:pw@h:1") << false << QString() << 0 << QString() << QString() << 0
                         << QString();
    QTest::newRow("no host") << QStringLiteral("redis://") << false << QString() << 0 << QString() << QString() << 0
                             << QString();
    QTest::newRow("db not a number") << QStringLiteral("redis://:pw@h/zero") << false << QString() << 0 << QString()
                                     << QString() << 0 << QString();
    QTest::newRow("bare host") << QStringLiteral("localhost:6379") << false << QString() << 0 << QString() << QString()
                               << 0 << QString();
}

void TstSchemaCompiler::redisUrl()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    auto u = RedisUrl::parse(text);
    QCOMPARE(u.ok(), valid);
    if (!valid) {
        QVERIFY(!u.error().message.contains(QLatin1String("pw")));
        QCOMPARE(u.error().code, Error::Code::Validation);
        return;
    }
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(int, db);
    QFETCH(QString, display);
    QCOMPARE(u->host, host);
    QCOMPARE(u->port, port);
    QCOMPARE(u->user, user);
    QCOMPARE(u->password, password);
    QCOMPARE(u->db, db);
    QCOMPARE(u->displayString(), display);
}

void TstSchemaCompiler::manifestChecksum()
{
    SnapshotManifest a;
    a.commonSha256 = "c0";
    a.events = {{"b", "2"}, {"a", "1"}};
    SnapshotManifest b = a;
    std::reverse(b.events.begin(), b.events.end());
    const QByteArray expected =
        QCryptographicHash::hash("common\tc0\na\t1\nb\t2\n", QCryptographicHash::Sha256).toHex();
    QCOMPARE(a.checksum(), expected);
    QCOMPARE(b.checksum(), expected);
    SnapshotManifest c = a;
    c.commonSha256 = "c1";
    QVERIFY(c.checksum() != expected);
    QCOMPARE(snapshotId(QStringLiteral("app"), QStringLiteral("1.0.0"), expected, QStringLiteral("p")).size(), 32);
    QVERIFY(snapshotId(QStringLiteral("app"), QStringLiteral("1.0.0"), expected, QStringLiteral("p"))
            != snapshotId(QStringLiteral("app"), QStringLiteral("1.0.1"), expected, QStringLiteral("p")));
}

QTEST_GUILESS_MAIN(TstSchemaCompiler)
#include "tst_schemacompiler.moc"
