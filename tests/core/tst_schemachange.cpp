#include "schemachange.h"

#include <QTest>

#include <functional>

using namespace tp;

Q_DECLARE_METATYPE(tp::Attribute)
Q_DECLARE_METATYPE(tp::Event)
Q_DECLARE_METATYPE(tp::SchemaVersion)
Q_DECLARE_METATYPE(tp::ChangeClass)

namespace {

QString S(const char* text)
{
    return QString::fromUtf8(text);
}

Attribute attribute(const char* key, AttrType type = AttrType::String)
{
    Attribute a;
    a.key = S(key);
    a.displayName = S("属性");
    a.type = type;
    return a;
}

/// The event before any edit: x required, y optional.
Event baseEvent()
{
    Event e;
    e.key = S("order_submit");
    e.displayName = S("提交订单");
    e.platforms = {S("android")};
    e.bindings = {{S("x"), true, {}}, {S("y"), false, {}}};
    e.schemaVersion = {2, 3, 4};
    return e;
}

/// "class rule attribute", in the order returned.
QStringList summary(const QList<SchemaChange>& changes)
{
    QStringList out;
    for (const SchemaChange& c : changes) {
        out << QStringLiteral("%1 %2 %3").arg(toString(c.changeClass), c.rule, c.attributeKey);
    }
    return out;
}

using AttrEdit = std::function<void(Attribute&)>;
using EventEdit = std::function<void(Event&)>;

/// One row: x of type `type`, edited by `before`/`after`; the event edited by `editEvent`.
void row(const char* name, AttrType type, const AttrEdit& before, const AttrEdit& after, const EventEdit& editEvent,
         const QString& expectedClass, const QStringList& expected)
{
    Attribute a = attribute("x", type);
    Attribute b = a;
    if (before) {
        before(a);
    }
    if (after) {
        after(b);
    }
    Event e = baseEvent();
    if (editEvent) {
        editEvent(e);
    }
    QTest::newRow(name) << a << b << e << expectedClass << expected;
}

void attrRow(const char* name, AttrType type, const AttrEdit& before, const AttrEdit& after, const char* cls,
             const char* rule)
{
    row(name, type, before, after, {}, S(cls), {QStringLiteral("%1 %2 x").arg(S(cls), S(rule))});
}

void eventRow(const char* name, const EventEdit& edit, const char* cls, const QStringList& expected)
{
    row(name, AttrType::String, {}, {}, edit, S(cls), expected);
}

EnumValue ev(const char* v, const char* label = "")
{
    return EnumValue{S(v), S(label)};
}

} // namespace

class TestSchemaChange : public QObject {
    Q_OBJECT

private slots:
    void classify_data()
    {
        QTest::addColumn<Attribute>("attrBefore");
        QTest::addColumn<Attribute>("attrAfter");
        QTest::addColumn<Event>("after");
        QTest::addColumn<QString>("expectedClass");
        QTest::addColumn<QStringList>("expected");
        const QStringList none;
        using T = AttrType;

        // None: documentation only.
        eventRow("unchanged", {}, "none", none);
        eventRow(
            "display name", [](Event& e) { e.displayName = S("下单"); }, "none", none);
        eventRow(
            "description", [](Event& e) { e.description = S("d"); }, "none", none);
        eventRow(
            "trigger", [](Event& e) { e.trigger = S("on tap"); }, "none", none);
        eventRow(
            "category", [](Event& e) { e.category = S("checkout"); }, "none", none);
        eventRow(
            "tags", [](Event& e) { e.tags = {S("t")}; }, "none", none);
        eventRow(
            "owner", [](Event& e) { e.owner = S("li"); }, "none", none);
        eventRow(
            "screenshot", [](Event& e) { e.screenshot = S("a.png"); }, "none", none);
        eventRow(
            "status", [](Event& e) { e.status = EventStatus::Deprecated; }, "none", none);
        eventRow(
            "level", [](Event& e) { e.level = Level::D; }, "none", none);
        eventRow(
            "platforms", [](Event& e) { e.platforms << S("ios"); }, "none", none);
        eventRow(
            "versions", [](Event& e) { e.introducedIn = S("6.3.0"); }, "none", none);
        eventRow(
            "binding note", [](Event& e) { e.bindings[0].note = S("n"); }, "none", none);
        eventRow(
            "binding order", [](Event& e) { std::swap(e.bindings[0], e.bindings[1]); }, "none", none);
        const auto docRow = [none](const char* name, const AttrEdit& edit) {
            row(
                name, AttrType::Enum,
                [](Attribute& a) {
                    a.enumValues = {ev("a", "A"), ev("b", "B")};
                },
                [edit](Attribute& a) {
                    a.enumValues = {ev("a", "A"), ev("b", "B")};
                    edit(a);
                },
                {}, S("none"), none);
        };
        docRow("attribute display name", [](Attribute& a) { a.displayName = S("x2"); });
        docRow("attribute description", [](Attribute& a) { a.description = S("d"); });
        docRow("enum label", [](Attribute& a) { a.enumValues[0].label = S("甲"); });
        docRow("enum order", [](Attribute& a) { std::swap(a.enumValues[0], a.enumValues[1]); });
        docRow("unit", [](Attribute& a) { a.unit = S("yuan"); });
        docRow("example", [](Attribute& a) { a.example = S("a"); });
        docRow("privacy", [](Attribute& a) { a.privacy = Privacy::Sensitive; });
        docRow("groups", [](Attribute& a) { a.groups = {S("order")}; });
        docRow("common flag", [](Attribute& a) { a.common = true; });
        // Constraints a type does not allow fail validation and are not enforced: no schema change.
        row(
            "range on string", T::String, {}, [](Attribute& a) { a.minValue = 3; }, {}, S("none"), none);
        row(
            "pattern on integer", T::Integer, {}, [](Attribute& a) { a.pattern = S("^1"); }, {}, S("none"), none);

        // Model: breaking.
        eventRow("required attribute removed", [](Event& e) { e.bindings.removeFirst(); }, "model",
                 {S("model attribute.removed x")});
        eventRow("optional attribute removed", [](Event& e) { e.bindings.removeLast(); }, "model",
                 {S("model attribute.removed y")});
        eventRow("event key changed", [](Event& e) { e.key = S("order_create"); }, "model",
                 {S("model event.key_changed ")});
        attrRow(
            "type changed", T::String, {}, [](Attribute& a) { a.type = AttrType::Integer; }, "model",
            "attribute.type_changed");
        attrRow(
            "integer to number", T::Integer, {}, [](Attribute& a) { a.type = AttrType::Number; }, "model",
            "attribute.type_changed");
        attrRow(
            "type change hides constraints", T::String, [](Attribute& a) { a.maxLength = 5; },
            [](Attribute& a) {
                a.type = AttrType::Enum;
                a.enumValues = {ev("a")};
            },
            "model", "attribute.type_changed");

        // Revision: possibly breaking.
        eventRow("required attribute added",
                 [](Event& e) {
                     e.bindings << Binding{S("z"), true, {}};
                 },
                 "revision", {S("revision attribute.added_required z")});
        eventRow("optional became required", [](Event& e) { e.bindings[1].required = true; }, "revision",
                 {S("revision binding.made_required y")});
        const AttrEdit ab = [](Attribute& a) { a.enumValues = {ev("a"), ev("b")}; };
        attrRow(
            "enum value removed", T::Enum, ab, [](Attribute& a) { a.enumValues = {ev("a")}; }, "revision",
            "enum.values_removed");
        attrRow(
            "min added", T::Integer, {}, [](Attribute& a) { a.minValue = 0; }, "revision", "range.min_added");
        attrRow(
            "min raised", T::Number, [](Attribute& a) { a.minValue = 0; }, [](Attribute& a) { a.minValue = 0.5; },
            "revision", "range.min_raised");
        attrRow(
            "max added", T::ArrayInteger, {}, [](Attribute& a) { a.maxValue = 9; }, "revision", "range.max_added");
        attrRow(
            "max lowered", T::Integer, [](Attribute& a) { a.maxValue = 9; }, [](Attribute& a) { a.maxValue = 8; },
            "revision", "range.max_lowered");
        attrRow(
            "pattern added", T::String, {}, [](Attribute& a) { a.pattern = S("^a"); }, "revision", "pattern.added");
        attrRow(
            "pattern changed", T::String, [](Attribute& a) { a.pattern = S("^a"); },
            [](Attribute& a) { a.pattern = S("^[ab]"); }, "revision", "pattern.changed");
        attrRow(
            "max_length added", T::String, {}, [](Attribute& a) { a.maxLength = 9; }, "revision", "max_length.added");
        attrRow(
            "max_length lowered", T::ArrayString, [](Attribute& a) { a.maxLength = 9; },
            [](Attribute& a) { a.maxLength = 8; }, "revision", "max_length.lowered");

        // Addition: compatible.
        eventRow("optional attribute added",
                 [](Event& e) {
                     e.bindings << Binding{S("z"), false, {}};
                 },
                 "addition", {S("addition attribute.added_optional z")});
        eventRow("required became optional", [](Event& e) { e.bindings[0].required = false; }, "addition",
                 {S("addition binding.made_optional x")});
        attrRow(
            "enum value added", T::Enum, ab,
            [](Attribute& a) {
                a.enumValues = {ev("a"), ev("b"), ev("c")};
            },
            "addition", "enum.values_added");
        attrRow(
            "min lowered", T::Integer, [](Attribute& a) { a.minValue = 1; }, [](Attribute& a) { a.minValue = 0; },
            "addition", "range.min_lowered");
        attrRow(
            "min removed", T::ArrayNumber, [](Attribute& a) { a.minValue = 1; },
            [](Attribute& a) { a.minValue.reset(); }, "addition", "range.min_removed");
        attrRow(
            "max raised", T::Number, [](Attribute& a) { a.maxValue = 1; }, [](Attribute& a) { a.maxValue = 2; },
            "addition", "range.max_raised");
        attrRow(
            "max removed", T::Integer, [](Attribute& a) { a.maxValue = 1; }, [](Attribute& a) { a.maxValue.reset(); },
            "addition", "range.max_removed");
        attrRow(
            "pattern removed", T::DateTime, [](Attribute& a) { a.pattern = S("Z$"); },
            [](Attribute& a) { a.pattern.clear(); }, "addition", "pattern.removed");
        attrRow(
            "max_length raised", T::String, [](Attribute& a) { a.maxLength = 8; },
            [](Attribute& a) { a.maxLength = 9; }, "addition", "max_length.raised");
        attrRow(
            "max_length removed", T::String, [](Attribute& a) { a.maxLength = 8; },
            [](Attribute& a) { a.maxLength.reset(); }, "addition", "max_length.removed");

        // The highest class wins; reasons come most severe first.
        row("enum values swapped", T::Enum, ab,
            [](Attribute& a) {
                a.enumValues = {ev("a"), ev("c")};
            },
            {}, S("revision"), {S("revision enum.values_removed x"), S("addition enum.values_added x")});
        row(
            "mixed", T::Integer, [](Attribute& a) { a.maxValue = 5; }, [](Attribute& a) { a.maxValue = 6; },
            [](Event& e) {
                e.bindings.removeLast();
                e.bindings << Binding{S("z"), false, {}} << Binding{S("w"), true, {}};
            },
            S("model"),
            {S("model attribute.removed y"), S("revision attribute.added_required w"), S("addition range.max_raised x"),
             S("addition attribute.added_optional z")});
    }
    void classify()
    {
        QFETCH(Attribute, attrBefore);
        QFETCH(Attribute, attrAfter);
        QFETCH(Event, after);
        QFETCH(QString, expectedClass);
        QFETCH(QStringList, expected);
        const Attribute y = attribute("y");
        const Attribute z = attribute("z", AttrType::Boolean);
        const auto lookup = [&](const Attribute& x) {
            return [&x, &y, &z](const QString& key) -> const Attribute* {
                return key == x.key ? &x : key == y.key ? &y : (key == z.key || key == S("w")) ? &z : nullptr;
            };
        };
        const Event before = baseEvent();
        const QList<SchemaChange> changes = explainEventChange(before, lookup(attrBefore), after, lookup(attrAfter));
        QCOMPARE(summary(changes), expected);
        for (const SchemaChange& c : changes) {
            QVERIFY2(!c.message.isEmpty() && !c.message.contains(QLatin1Char('%')), qPrintable(c.message));
        }
        QCOMPARE(toString(classifyEventChange(before, lookup(attrBefore), after, lookup(attrAfter))), expectedClass);
        QCOMPARE(toString(highestClass(changes)), expectedClass);
    }

    void missingDefinitionIsBreaking()
    {
        const Attribute x = attribute("x");
        const AttributeLookup known = [&x](const QString& key) { return key == x.key ? &x : nullptr; };
        const AttributeLookup unknown = [](const QString&) -> const Attribute* { return nullptr; };
        const Event e = baseEvent();
        QCOMPARE(summary(explainEventChange(e, known, e, unknown)),
                 QStringList{S("model attribute.definition_missing x")});
        QCOMPARE(summary(explainEventChange(e, unknown, e, known)),
                 QStringList{S("model attribute.definition_missing x")});
        QCOMPARE(summary(explainEventChange(e, unknown, e, unknown)), QStringList());
        QCOMPARE(summary(explainEventChange(e, {}, e, {})), QStringList());
    }

    void messagesSayWhy()
    {
        Attribute a = attribute("amount", AttrType::Number);
        a.minValue = 0.1;
        Attribute b = a;
        b.minValue = 2.5;
        const QList<SchemaChange> c = explainAttributeChange(a, b);
        QCOMPARE(c.size(), 1);
        QCOMPARE(c[0].message, S("Minimum of amount raised from 0.1 to 2.5."));
    }

    void bump_data()
    {
        QTest::addColumn<SchemaVersion>("from");
        QTest::addColumn<ChangeClass>("change");
        QTest::addColumn<QString>("to");
        const SchemaVersion v{2, 3, 4};
        QTest::newRow("none") << v << ChangeClass::None << S("2-3-4");
        QTest::newRow("addition") << v << ChangeClass::Addition << S("2-3-5");
        QTest::newRow("revision") << v << ChangeClass::Revision << S("2-4-0");
        QTest::newRow("model") << v << ChangeClass::Model << S("3-0-0");
        QTest::newRow("first addition") << SchemaVersion{} << ChangeClass::Addition << S("1-0-1");
    }
    void bump()
    {
        QFETCH(SchemaVersion, from);
        QFETCH(ChangeClass, change);
        QFETCH(QString, to);
        QCOMPARE(tp::bump(from, change).toString(), to);
    }

    void spellings()
    {
        QCOMPARE(toString(ChangeClass::None), S("none"));
        QCOMPARE(toString(ChangeClass::Addition), S("addition"));
        QCOMPARE(toString(ChangeClass::Revision), S("revision"));
        QCOMPARE(toString(ChangeClass::Model), S("model"));
    }
};

QTEST_GUILESS_MAIN(TestSchemaChange)
#include "tst_schemachange.moc"
