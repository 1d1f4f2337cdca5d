// Composing the resolved state of a merge conflict from base / theirs / mine and the choices
// made per field (conflictresolution.h).

#include "conflictresolution.h"
#include "entityjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace tp;

namespace {

QString S(const char* text)
{
    return QString::fromUtf8(text);
}

QJsonObject obj(const char* json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

/// The canonical state of a small event, as a change set stores it.
QJsonObject baseEvent()
{
    Event e;
    e.key = S("order_submit");
    e.displayName = S("提交订单");
    e.description = S("base");
    e.trigger = S("When the order is sent");
    e.category = S("order");
    e.platforms = {S("android"), S("ios")};
    e.owner = S("alice");
    e.level = Level::D;
    e.status = EventStatus::Live;
    e.bindings = {{S("order_id"), true, {}}};
    return toJson(e, false);
}

QJsonObject patched(QJsonObject o, const QJsonObject& patch)
{
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        o.insert(it.key(), it.value());
    }
    return o;
}

/// "field:mine|theirs|both" per conflicting field (which side changed it).
QStringList fieldSummary(const QList<ConflictField>& fields)
{
    QStringList out;
    for (const ConflictField& f : fields) {
        out << QStringLiteral("%1:%2").arg(f.field,
                                           f.bothChanged()       ? S("both")
                                               : f.theirsChanged ? S("theirs")
                                                                 : S("mine"));
    }
    return out;
}

} // namespace

class TestConflictResolution : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void composesFieldByField_data();
    void composesFieldByField();
    void wholeEntity_data();
    void wholeEntity();
    void attributeEnumValuesEdited();
    void validatesTheResult();
    void editText_data();
    void editText();
};

void TestConflictResolution::composesFieldByField_data()
{
    QTest::addColumn<QJsonObject>("theirs"); // patches of the base state
    QTest::addColumn<QJsonObject>("mine");
    QTest::addColumn<QStringList>("choices");  // "field=mine|theirs|JSON value edited"
    QTest::addColumn<QStringList>("fields");   // conflictFields() summary
    QTest::addColumn<QJsonObject>("resolved"); // patch of the base state

    QTest::newRow("only theirs changed: theirs")
        << obj(R"({"description":"T"})") << QJsonObject() << QStringList() << QStringList{S("description:theirs")}
        << obj(R"({"description":"T"})");
    QTest::newRow("only mine changed: mine") << QJsonObject() << obj(R"({"owner":"bob"})") << QStringList()
                                             << QStringList{S("owner:mine")} << obj(R"({"owner":"bob"})");
    QTest::newRow("both changed: mine unless told")
        << obj(R"({"description":"T"})") << obj(R"({"description":"M"})") << QStringList()
        << QStringList{S("description:both")} << obj(R"({"description":"M"})");
    QTest::newRow("agreeing sides are no conflict")
        << obj(R"({"description":"X","trigger":"T"})") << obj(R"({"description":"X"})") << QStringList()
        << QStringList{S("trigger:theirs")} << obj(R"({"description":"X","trigger":"T"})");
    QTest::newRow("one mine, one theirs, one edited")
        << obj(R"({"description":"T","trigger":"Tt","level":"C"})")
        << obj(R"({"description":"M","trigger":"Mt","level":"B"})")
        << QStringList{S("description=mine"), S("trigger=theirs"), S(R"(level="A")")}
        << QStringList{S("description:both"), S("level:both"), S("trigger:both")}
        << obj(R"({"description":"M","trigger":"Tt","level":"A"})");
    QTest::newRow("a suggestion overridden")
        << obj(R"({"description":"T"})") << QJsonObject() << QStringList{S("description=mine")}
        << QStringList{S("description:theirs")} << obj(R"({"description":"base"})");
    QTest::newRow("bindings edited as JSON")
        << obj(R"({"bindings":[{"attribute":"order_id","required":true,"note":"theirs"}]})")
        << obj(R"({"bindings":[{"attribute":"order_id","required":false,"note":""}]})")
        << QStringList{S(R"(bindings=[{"attribute":"order_id","required":true,"note":"both"}])")}
        << QStringList{S("bindings:both")}
        << obj(R"({"bindings":[{"attribute":"order_id","required":true,"note":"both"}]})");
    QTest::newRow("store-managed fields left out")
        << obj(R"({"schema_version":"2-0-0","tags":["x"]})") << QJsonObject() << QStringList()
        << QStringList{S("tags:theirs")} << obj(R"({"tags":["x"]})");
}

void TestConflictResolution::composesFieldByField()
{
    QFETCH(QJsonObject, theirs);
    QFETCH(QJsonObject, mine);
    QFETCH(QStringList, choices);
    QFETCH(QStringList, fields);
    QFETCH(QJsonObject, resolved);

    ConflictSides sides;
    sides.kind = EntityKind::Event;
    sides.base = patched(baseEvent(), {{S("schema_version"), S("1-0-0")}}); // a revision carries it
    sides.theirs = patched(sides.base, theirs);
    sides.mine = patched(baseEvent(), mine);
    QVERIFY(!isWholeEntityConflict(sides));
    QCOMPARE(fieldSummary(conflictFields(sides)), fields);

    QHash<QString, FieldResolution> chosen;
    for (const QString& c : std::as_const(choices)) {
        const QString field = c.section(QLatin1Char('='), 0, 0);
        const QString value = c.section(QLatin1Char('='), 1);
        FieldResolution r;
        if (value == S("mine")) {
            r.choice = ConflictChoice::Mine;
        } else if (value == S("theirs")) {
            r.choice = ConflictChoice::Theirs;
        } else {
            r.choice = ConflictChoice::Edited;
            QString error;
            const auto edited = valueFromEditText(value, false, &error);
            QVERIFY2(edited, qPrintable(error));
            r.edited = *edited;
        }
        chosen.insert(field, r);
    }
    const QJsonObject state = resolveConflictState(sides, chosen);
    const QJsonObject expected = patched(baseEvent(), resolved);
    QCOMPARE(QString::fromUtf8(canonicalJson(state)), QString::fromUtf8(canonicalJson(expected)));
    QCOMPARE(resolvedStateError(EntityKind::Event, state), QString());
}

void TestConflictResolution::wholeEntity_data()
{
    QTest::addColumn<bool>("theirsRemoved"); // else the demand removes it
    QTest::addColumn<int>("whole");
    QTest::addColumn<QString>("expected"); // "empty", "mine", "theirs"

    QTest::newRow("plan removed it, keep mine") << true << int(ConflictChoice::Mine) << S("mine");
    QTest::newRow("plan removed it, take theirs") << true << int(ConflictChoice::Theirs) << S("empty");
    QTest::newRow("demand removes it, keep mine") << false << int(ConflictChoice::Mine) << S("empty");
    QTest::newRow("demand removes it, take theirs") << false << int(ConflictChoice::Theirs) << S("theirs");
    QTest::newRow("edited counts as mine") << false << int(ConflictChoice::Edited) << S("empty");
}

void TestConflictResolution::wholeEntity()
{
    QFETCH(bool, theirsRemoved);
    QFETCH(int, whole);
    QFETCH(QString, expected);

    ConflictSides sides;
    sides.base = patched(baseEvent(), {{S("schema_version"), S("1-0-0")}});
    const QJsonObject changed = patched(baseEvent(), {{S("description"), S("changed")}});
    if (theirsRemoved) {
        sides.mine = changed;
    } else {
        sides.theirs = patched(changed, {{S("schema_version"), S("1-0-1")}});
    }
    QVERIFY(isWholeEntityConflict(sides));
    QVERIFY(conflictFields(sides).isEmpty());
    const QJsonObject state = resolveConflictState(sides, {}, static_cast<ConflictChoice>(whole));
    QCOMPARE(state, expected == S("empty") ? QJsonObject() : changed); // without schema_version
    QCOMPARE(resolvedStateError(EntityKind::Event, state), QString());
}

void TestConflictResolution::attributeEnumValuesEdited()
{
    Attribute a;
    a.key = S("pay_method");
    a.displayName = S("支付方式");
    a.type = AttrType::Enum;
    a.enumValues = {{S("card"), S("Card")}};
    ConflictSides sides;
    sides.kind = EntityKind::Attribute;
    sides.base = toJson(a);
    a.enumValues.append({S("cash"), S("Cash")});
    sides.theirs = toJson(a);
    a.enumValues = {{S("card"), S("Card")}, {S("wallet"), S("Wallet")}};
    a.description = S("mine");
    sides.mine = toJson(a);
    QCOMPARE(fieldSummary(conflictFields(sides)), (QStringList{S("description:mine"), S("enum_values:both")}));
    const ConflictField values = conflictFields(sides).at(1);
    QVERIFY(!values.editsAsText());
    QVERIFY(conflictFields(sides).at(0).editsAsText());

    // The editor starts from mine; the person adds theirs' value to it.
    QString text = valueEditText(values.mine, false);
    QVERIFY2(text.contains(S("\"wallet\"")), qPrintable(text));
    text.replace(S("\"wallet\""),
                 S("\"wallet\"\n    },\n    {\n        \"label\": \"Cash\",\n        \"value\": \"cash\""));
    QString error;
    const auto edited = valueFromEditText(text, false, &error);
    QVERIFY2(edited, qPrintable(error + S("\n") + text));
    const QJsonObject state =
        resolveConflictState(sides, {{S("enum_values"), FieldResolution{ConflictChoice::Edited, *edited}}});
    QCOMPARE(resolvedStateError(EntityKind::Attribute, state), QString());
    auto parsed = attributeFromJson(state);
    QVERIFY(std::holds_alternative<Attribute>(parsed));
    const Attribute resolved = std::get<Attribute>(parsed);
    QCOMPARE(resolved.description, S("mine"));
    QCOMPARE(resolved.enumValues.size(), 3);
    QCOMPARE(resolved.enumValues.at(2).value, S("cash"));
}

void TestConflictResolution::validatesTheResult()
{
    ConflictSides sides;
    sides.base = baseEvent();
    sides.theirs = patched(baseEvent(), {{S("level"), S("C")}});
    sides.mine = patched(baseEvent(), {{S("level"), S("B")}});
    const QJsonObject bad =
        resolveConflictState(sides, {{S("level"), FieldResolution{ConflictChoice::Edited, QJsonValue(S("E"))}}});
    const QString error = resolvedStateError(EntityKind::Event, bad);
    QVERIFY2(error.startsWith(S("level")), qPrintable(error));
    const QJsonObject wrongType =
        resolveConflictState(sides, {{S("level"), FieldResolution{ConflictChoice::Edited, QJsonValue(3)}}});
    QVERIFY(!resolvedStateError(EntityKind::Event, wrongType).isEmpty());
    QCOMPARE(resolvedStateError(EntityKind::Event, {}), QString()); // a removal
}

void TestConflictResolution::editText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("asText");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QJsonValue>("value");

    QTest::newRow("text as typed") << S(" a \"b\" ") << true << true << QJsonValue(S(" a \"b\" "));
    QTest::newRow("empty text") << QString() << true << true << QJsonValue(QString());
    QTest::newRow("number") << S("12") << false << true << QJsonValue(12);
    QTest::newRow("string") << S("\"x\"") << false << true << QJsonValue(S("x"));
    QTest::newRow("null") << S(" null ") << false << true << QJsonValue(QJsonValue::Null);
    QTest::newRow("boolean") << S("true") << false << true << QJsonValue(true);
    QTest::newRow("array") << S("[\"a\", \"b\"]") << false << true << QJsonValue(QJsonArray{S("a"), S("b")});
    QTest::newRow("object") << S("{\"a\": 1}") << false << true << QJsonValue(QJsonObject{{S("a"), 1}});
    QTest::newRow("unclosed") << S("[\"a\"") << false << false << QJsonValue();
    QTest::newRow("two values") << S("1, 2") << false << false << QJsonValue();
    QTest::newRow("nothing") << S("  ") << false << false << QJsonValue();
    QTest::newRow("bare word") << S("abc") << false << false << QJsonValue();
}

void TestConflictResolution::editText()
{
    QFETCH(QString, text);
    QFETCH(bool, asText);
    QFETCH(bool, ok);
    QFETCH(QJsonValue, value);
    QString error;
    const auto parsed = valueFromEditText(text, asText, &error);
    QCOMPARE(parsed.has_value(), ok);
    QCOMPARE(error.isEmpty(), ok);
    if (ok) {
        QCOMPARE(*parsed, value);
        // What the editor shows parses back to the same value.
        const auto again = valueFromEditText(valueEditText(value, asText), asText, &error);
        QVERIFY2(again && *again == value, qPrintable(error));
    }
}

QTEST_GUILESS_MAIN(TestConflictResolution)
#include "tst_conflictresolution.moc"
