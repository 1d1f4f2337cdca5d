// The validator over plans compiled in memory: every violation type with its path, malformed
// lines with their numbers, the tagged and quarantine records, and the counts per day.
#include "validatefixture.h"
#include "validationrun.h"

#include <QBuffer>
#include <QJsonArray>
#include <QTest>

using namespace tp;
using namespace tp::test;

class TstValidator : public QObject {
    Q_OBJECT

private:
    static Validator make()
    {
        auto rules = PlanRules::compile(shopSchemas());
        if (!rules) {
            qFatal("compile: %s", qPrintable(rules.error().message));
        }
        return Validator(std::move(*rules));
    }
    static QString violationsText(const Validator::Outcome& o)
    {
        QStringList out;
        for (const Violation& v : o.violations) {
            out << toString(v.type) + QLatin1Char(' ') + QString::fromUtf8(v.path);
        }
        return out.join(QLatin1Char(';'));
    }

private Q_SLOTS:
    void violations_data();
    void violations();
    void taggedAndQuarantineRecords();
    void malformedLinesKeepTheirNumbers();
    void countsPerDay();
    void unknownVersionFallsBackToCurrent();
    void rfc3339_data();
    void rfc3339();
};

void TstValidator::violations_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("expected"); ///< "type path;…", empty: valid

    const auto with = [](const QJsonObject& extra, const QStringList& remove = {}) {
        QJsonObject o = validOrder();
        for (auto it = extra.constBegin(); it != extra.constEnd(); ++it) {
            o.insert(it.key(), it.value());
        }
        for (const QString& r : remove) {
            o.remove(r);
        }
        return eventLine(QStringLiteral("order_submit"), o);
    };
    const auto S = [](const char* s) { return QString::fromLatin1(s); };
    QTest::newRow("valid") << with({}) << QString();
    QTest::newRow("valid, every attribute") << with({{S("count"), 3},
                                                     {S("pay_type"), S("card")},
                                                     {S("paid"), true},
                                                     {S("tags"), QJsonArray{S("new"), S("vip")}},
                                                     {S("ts"), S("2026-11-20T08:00:00.5+08:00")},
                                                     {S("nickname"), QStringLiteral("小王子们")},
                                                     {S("city_id"), 310000}})
                                            << QString();
    QTest::newRow("unplanned_event") << eventLine(S("nope"), validOrder()) << S("unplanned_event event");
    QTest::newRow("unplanned_event: not yet in 1.0.0")
        << eventLine(S("coupon_use"), validOrder()) << S("unplanned_event event");
    QTest::newRow("blocked_event") << eventLine(S("debug_ping"), {}) << S("blocked_event event");
    QTest::newRow("missing_required") << with({}, {S("amount")}) << S("missing_required properties.amount");
    QTest::newRow("missing_required: no properties")
        << QByteArray(R"({"event":"order_submit","app_version":"1.0.0","time":"2026-11-20T08:00:00Z"})")
        << S("missing_required properties.amount;missing_required properties.order_id"); // "required" is sorted
    QTest::newRow("type_mismatch: string for number")
        << with({{S("amount"), S("12")}}) << S("type_mismatch properties.amount");
    QTest::newRow("type_mismatch: fraction for integer")
        << with({{S("count"), 1.5}}) << S("type_mismatch properties.count");
    QTest::newRow("type_mismatch: null") << with({{S("paid"), QJsonValue::Null}}) << S("type_mismatch properties.paid");
    QTest::newRow("type_mismatch: array item")
        << with({{S("tags"), QJsonArray{S("ok"), 7}}}) << S("type_mismatch properties.tags[1]");
    QTest::newRow("type_mismatch: common attribute")
        << with({{S("city_id"), S("sh")}}) << S("type_mismatch properties.city_id");
    QTest::newRow("enum_violation") << with({{S("pay_type"), S("bitcoin")}}) << S("enum_violation properties.pay_type");
    QTest::newRow("pattern_violation") << with({{S("order_id"), S("X1234567")}})
                                       << S("pattern_violation properties.order_id");
    QTest::newRow("pattern_violation: array item")
        << with({{S("tags"), QJsonArray{S("ok"), S("fine"), S("BAD")}}}) << S("pattern_violation properties.tags[2]");
    QTest::newRow("pattern_violation: date-time")
        << with({{S("ts"), S("2026-02-30T08:00:00Z")}}) << S("pattern_violation properties.ts");
    QTest::newRow("range_violation: maximum")
        << with({{S("amount"), 1000.5}}) << S("range_violation properties.amount");
    QTest::newRow("range_violation: minimum") << with({{S("count"), 0}}) << S("range_violation properties.count");
    QTest::newRow("range_violation: common minimum")
        << with({{S("city_id"), 99}}) << S("range_violation properties.city_id");
    QTest::newRow("range_violation: maxLength in code points")
        << with({{S("nickname"), QStringLiteral("小王子们啊")}}) << S("range_violation properties.nickname");
    QTest::newRow("unplanned_attribute") << with({{S("coupon"), 1}}) << S("unplanned_attribute properties.coupon");
    QTest::newRow("several at once")
        << with({{S("amount"), -1}, {S("pay_type"), 3}, {S("x"), true}}, {S("order_id")})
        << S("range_violation properties.amount;type_mismatch properties.pay_type;unplanned_attribute properties.x;"
             "missing_required properties.order_id");
    QTest::newRow("escaped key and value")
        << QByteArray(R"({"event":"order_submit","app_version":"1.0.0","time":"2026-11-20T08:00:00Z",)"
                      R"("properties":{"order_\u0069d":"O1234567","amount":1,"pay_type":"c\u0061sh"}})")
        << QString();
}

void TstValidator::violations()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, expected);
    Validator v = make();
    const Validator::Outcome& o = v.check(line, 1);
    QCOMPARE(violationsText(o), expected);
    QCOMPARE(o.status, expected.isEmpty() ? Validator::Status::Valid : Validator::Status::Invalid);
}

void TstValidator::taggedAndQuarantineRecords()
{
    Validator v = make();
    const QByteArray good = eventLine(QStringLiteral("order_submit"), validOrder());
    const Validator::Outcome& o = v.check(good, 1);
    QCOMPARE(o.status, Validator::Status::Valid);
    const QJsonObject tagged = QJsonDocument::fromJson(Validator::taggedRecord(good, *o.rule)).object();
    QCOMPARE(tagged.value(QLatin1String("tp_level")).toString(), QStringLiteral("D"));
    QCOMPARE(tagged.value(QLatin1String("tp_route")).toArray(),
             (QJsonArray{QStringLiteral("analytics"), QStringLiteral("warehouse_ods"), QStringLiteral("realtime")}));
    QCOMPARE(tagged.value(QLatin1String("properties")).toObject(), validOrder());

    QJsonObject bad = validOrder();
    bad.insert(QStringLiteral("amount"), QStringLiteral("a lot"));
    const QByteArray line = eventLine(QStringLiteral("order_submit"), bad);
    const QJsonObject q = QJsonDocument::fromJson(Validator::quarantineRecord(line, 7, v.check(line, 7))).object();
    QCOMPARE(q.value(QLatin1String("line")).toInt(), 7);
    QCOMPARE(q.value(QLatin1String("event")).toString(), QStringLiteral("order_submit"));
    const QJsonObject first = q.value(QLatin1String("violations")).toArray().first().toObject();
    QCOMPARE(first.value(QLatin1String("type")).toString(), QStringLiteral("type_mismatch"));
    QCOMPARE(first.value(QLatin1String("path")).toString(), QStringLiteral("properties.amount"));
    QCOMPARE(q.value(QLatin1String("record")).toObject().value(QLatin1String("properties")).toObject(), bad);
}

void TstValidator::malformedLinesKeepTheirNumbers()
{
    Validator v = make();
    const QByteArray good = eventLine(QStringLiteral("order_submit"), validOrder());
    QByteArray input;
    input += good + '\n';                                                                          // 1
    input += "{\"event\":\"order_submit\",\n";                                                     // 2 not JSON
    input += "\n";                                                                                 // 3 empty: skipped
    input += "[1,2]\n";                                                                            // 4 not an object
    input += "{\"event\":42,\"time\":\"2026-11-20T08:00:00Z\"}\n";                                 // 5 no event string
    input += "{\"event\":\"order_submit\",\"properties\":{}}\r\n";                                 // 6 no time
    input += "{\"event\":\"order_submit\",\"time\":\"2026-11-20T08:00:00Z\",\"properties\":[]}\n"; // 7
    input += "\xff\xfe garbage\n";                                                                 // 8
    input += good; // 9, no final newline
    QBuffer in(&input);
    QVERIFY(in.open(QIODevice::ReadOnly));
    QByteArray validText;
    QByteArray invalidText;
    QBuffer validOut(&validText);
    QBuffer invalidOut(&invalidText);
    QVERIFY(validOut.open(QIODevice::WriteOnly));
    QVERIFY(invalidOut.open(QIODevice::WriteOnly));
    ValidationRunOptions options;
    options.validOut = &validOut;
    options.invalidOut = &invalidOut;
    QVERIFY(validateStream(v, in, options));
    const ValidationSummary s = v.summary();
    QCOMPARE(s.lines, 8);
    QCOMPARE(s.valid, 2);
    QCOMPARE(s.malformed, 6);
    QCOMPARE(s.invalid, 0);
    QCOMPARE(s.byViolation[int(ViolationType::Malformed)], 6);
    QCOMPARE(validText.count('\n'), 2);
    QList<int> lines;
    for (const QByteArray& l : invalidText.split('\n')) {
        if (l.isEmpty()) {
            continue;
        }
        const QJsonObject o = QJsonDocument::fromJson(l).object();
        QVERIFY2(!o.isEmpty(), l.constData());
        QCOMPARE(o.value(QLatin1String("violations")).toArray().first().toObject().value(QLatin1String("type")),
                 QJsonValue(QStringLiteral("malformed")));
        QVERIFY(o.contains(QLatin1String("raw")));
        lines << o.value(QLatin1String("line")).toInt();
    }
    QCOMPARE(lines, (QList<int>{2, 4, 5, 6, 7, 8}));
}

void TstValidator::countsPerDay()
{
    Validator v = make();
    const QString d1 = QStringLiteral("2026-11-20T08:00:00Z");
    const QString d1Late = QStringLiteral("2026-11-21T07:30:00+08:00"); // 23:30 UTC on the 20th
    const QString d2 = QStringLiteral("2026-11-21T00:00:01Z");
    QJsonObject bad = validOrder();
    bad.remove(QStringLiteral("amount"));
    const QString order = QStringLiteral("order_submit");
    const QString v10 = QStringLiteral("1.0.0");
    const QList<QByteArray> lines{
        eventLine(order, validOrder(), v10, d1, QStringLiteral("u-1"), QStringLiteral("a-1")),
        eventLine(order, validOrder(), v10, d1Late, QStringLiteral("u-1"), QStringLiteral("a-2")), // same user
        eventLine(order, bad, v10, d1, {}, QStringLiteral("a-3")),                                 // anonymous, invalid
        eventLine(order, validOrder(), v10, d1, {}, QStringLiteral("u-1")), // anonymous "u-1" ≠ user u-1
        eventLine(order, validOrder(), v10, d1, {}, {}),                    // nobody: PV only
        eventLine(order, bad, v10, d2, QStringLiteral("u-2"), {}),          // day 2
        eventLine(QStringLiteral("debug_ping"), {}, v10, d2, QStringLiteral("u-2"), {}),
        "not json",
    };
    for (qsizetype i = 0; i < lines.size(); ++i) {
        (void)v.check(lines[i], i + 1);
    }
    const QList<MetricRow> rows = v.metrics();
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows[0].day, QDate(2026, 11, 20));
    QCOMPARE(rows[0].event, order);
    QCOMPARE(rows[0].pv, 5);
    QCOMPARE(rows[0].uv, 3); // u-1, a-3, anonymous u-1
    QCOMPARE(rows[0].invalid, 1);
    QCOMPARE(rows[1].day, QDate(2026, 11, 21));
    QCOMPARE(rows[1].event, QStringLiteral("debug_ping"));
    QCOMPARE(rows[1].pv, 1);
    QCOMPARE(rows[1].uv, 1);
    QCOMPARE(rows[1].invalid, 1); // blocked
    QCOMPARE(rows[2].event, order);
    QCOMPARE(rows[2].pv, 1);
    QCOMPARE(rows[2].invalid, 1);
    const ValidationSummary s = v.summary();
    QCOMPARE(s.lines, 8);
    QCOMPARE(s.valid, 4);
    QCOMPARE(s.invalid, 3);
    QCOMPARE(s.malformed, 1);
    QCOMPARE(s.byEvent.value(order).total, 6);
    QCOMPARE(s.byEvent.value(order).invalid, 2);
    QCOMPARE(s.byViolation[int(ViolationType::MissingRequired)], 2);
    QCOMPARE(s.byViolation[int(ViolationType::BlockedEvent)], 1);
    QCOMPARE(metricsCsv(rows),
             QByteArray("date,event,pv,uv,invalid\n2026-11-20,order_submit,5,3,1\n"
                        "2026-11-21,debug_ping,1,1,1\n2026-11-21,order_submit,1,1,1\n"));
}

void TstValidator::unknownVersionFallsBackToCurrent()
{
    Validator v = make();
    const QString coupon = QStringLiteral("coupon_use");
    const QJsonObject props{{QStringLiteral("order_id"), QStringLiteral("O1234567")}};
    // coupon_use is planned from 1.1.0 (current) on.
    QCOMPARE(v.check(eventLine(coupon, props, QStringLiteral("1.0.0")), 1).status, Validator::Status::Invalid);
    QCOMPARE(v.check(eventLine(coupon, props, QStringLiteral("1.1.0")), 2).status, Validator::Status::Valid);
    QCOMPARE(v.check(eventLine(coupon, props, QStringLiteral("9.9.9")), 3).status, Validator::Status::Valid);
    QCOMPARE(v.check(eventLine(coupon, props, QString()), 4).status, Validator::Status::Valid); // no app_version
    QCOMPARE(v.check(eventLine(coupon, props, QStringLiteral("9.9.9")), 5).status, Validator::Status::Valid);
    const ValidationSummary s = v.summary();
    QCOMPARE(s.unknownVersion, 3);
    QCOMPARE(s.unknownVersions.value(QStringLiteral("9.9.9")), 2);
    QCOMPARE(s.unknownVersions.value(QString()), 1);
}

void TstValidator::rfc3339_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QDate>("utcDay");
    QTest::newRow("Z") << QByteArray("2026-11-20T08:00:00Z") << true << QDate(2026, 11, 20);
    QTest::newRow("fraction, offset") << QByteArray("2026-11-21T07:30:00.123+08:00") << true << QDate(2026, 11, 20);
    QTest::newRow("negative offset") << QByteArray("2026-11-20T23:30:00-01:00") << true << QDate(2026, 11, 21);
    QTest::newRow("leap day") << QByteArray("2024-02-29T00:00:00z") << true << QDate(2024, 2, 29);
    QTest::newRow("no leap day") << QByteArray("2026-02-29T00:00:00Z") << false << QDate();
    QTest::newRow("no zone") << QByteArray("2026-11-20T08:00:00") << false << QDate();
    QTest::newRow("hour 24") << QByteArray("2026-11-20T24:00:00Z") << false << QDate();
    QTest::newRow("date only") << QByteArray("2026-11-20") << false << QDate();
}

void TstValidator::rfc3339()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(QDate, utcDay);
    qint64 day = 0;
    QCOMPARE(parseRfc3339(text, &day), valid);
    if (valid) {
        QCOMPARE(QDate::fromJulianDay(day), utcDay);
    }
}

QTEST_GUILESS_MAIN(TstValidator)
#include "tst_validator.moc"
