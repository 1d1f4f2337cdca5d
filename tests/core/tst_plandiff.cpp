#include "plandiff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>
#include <functional>

using namespace tp;

Q_DECLARE_METATYPE(tp::Plan)

namespace {

QString S(const char* text)
{
    return QString::fromUtf8(text);
}

QString text(const QJsonValue& v)
{
    if (v.isUndefined()) {
        return S("undefined");
    }
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

/// "field: before -> after" per change.
QStringList fieldSummary(const QList<FieldChange>& changes)
{
    QStringList out;
    for (const FieldChange& c : changes) {
        out << QStringLiteral("%1: %2 -> %3").arg(c.field, text(c.before), text(c.after));
    }
    return out;
}

QString fieldNames(const QList<FieldChange>& changes)
{
    QStringList names;
    for (const FieldChange& c : changes) {
        names << c.field;
    }
    return names.join(QLatin1Char(','));
}

/// "event|attribute|binding kind key fields", in the order returned; added/removed entities
/// show "*" instead of their (complete) field list.
QStringList summary(const PlanDiff& d)
{
    QStringList out;
    const auto entity = [&out](const char* what, const EntityDiff& e) {
        const bool changed = e.kind == EntityDiff::Kind::Changed;
        out << QStringLiteral("%1 %2 %3 %4")
                   .arg(S(what), toString(e.kind), e.key, changed ? fieldNames(e.fields) : S("*"));
    };
    for (const EntityDiff& e : d.events) {
        entity("event", e);
    }
    for (const EntityDiff& a : d.attributes) {
        entity("attribute", a);
    }
    for (const BindingDiff& b : d.bindings) {
        out << QStringLiteral("binding %1 %2/%3 %4")
                   .arg(toString(b.kind), b.eventKey, b.attributeKey, fieldNames(b.fields));
    }
    return out;
}

Attribute attribute(const char* key, AttrType type = AttrType::String)
{
    Attribute a;
    a.key = S(key);
    a.displayName = a.key;
    a.type = type;
    a.revision = 1;
    return a;
}

Event makeEvent(const char* key, const QStringList& bindings)
{
    Event e;
    e.key = S(key);
    e.displayName = e.key;
    e.platforms = {S("android")};
    for (const QString& b : bindings) {
        e.bindings << Binding{b, true, {}};
    }
    e.revision = 1;
    return e;
}

Plan basePlan()
{
    Plan p;
    p.appKey = S("user-app");
    p.attributes = {attribute("a"), attribute("b"), attribute("c"), attribute("d", AttrType::Enum)};
    p.events = {makeEvent("order_pay", {S("a")}), makeEvent("order_submit", {S("a"), S("b"), S("c")})};
    return p;
}

Plan edited(const std::function<void(Plan&)>& edit)
{
    Plan p = basePlan();
    edit(p);
    std::sort(p.attributes.begin(), p.attributes.end(), [](const auto& x, const auto& y) { return x.key < y.key; });
    std::sort(p.events.begin(), p.events.end(), [](const auto& x, const auto& y) { return x.key < y.key; });
    return p;
}

Event& submit(Plan& p)
{
    return p.events[1];
}

} // namespace

class TestPlanDiff : public QObject {
    Q_OBJECT

private slots:
    void diffObjects_data()
    {
        QTest::addColumn<QJsonObject>("before");
        QTest::addColumn<QJsonObject>("after");
        QTest::addColumn<QStringList>("expected");
        const QJsonObject base{{S("key"), S("k")}, {S("n"), 1}, {S("list"), QJsonArray{1, 2}}};
        const auto with = [&base](const char* field, const QJsonValue& v) {
            QJsonObject o = base;
            o.insert(S(field), v);
            return o;
        };
        QTest::newRow("equal") << base << base << QStringList();
        QTest::newRow("scalar") << base << with("n", 2) << QStringList{S("n: 1 -> 2")};
        QTest::newRow("type") << base << with("n", S("1")) << QStringList{S("n: 1 -> \"1\"")};
        QTest::newRow("added") << base << with("z", true) << QStringList{S("z: undefined -> true")};
        QTest::newRow("removed") << with("z", true) << base << QStringList{S("z: true -> undefined")};
        QTest::newRow("null is not missing")
            << with("z", QJsonValue::Null) << base << QStringList{S("z: null -> undefined")};
        QTest::newRow("array as a whole")
            << base << with("list", QJsonArray{1, 3}) << QStringList{S("list: [1,2] -> [1,3]")};
        QTest::newRow("object as a whole") << with("o", QJsonObject{{S("a"), 1}}) << with("o", QJsonObject{{S("a"), 2}})
                                           << QStringList{S("o: {\"a\":1} -> {\"a\":2}")};
        QTest::newRow("sorted by field") << QJsonObject{{S("b"), 1}, {S("a"), 1}, {S("c"), 1}}
                                         << QJsonObject{{S("c"), 2}, {S("b"), 2}, {S("a"), 2}}
                                         << QStringList{S("a: 1 -> 2"), S("b: 1 -> 2"), S("c: 1 -> 2")};
        QTest::newRow("from empty") << QJsonObject() << QJsonObject{{S("b"), 1}, {S("a"), 2}}
                                    << QStringList{S("a: undefined -> 2"), S("b: undefined -> 1")};
    }
    void diffObjects()
    {
        QFETCH(QJsonObject, before);
        QFETCH(QJsonObject, after);
        QFETCH(QStringList, expected);
        QCOMPARE(fieldSummary(tp::diffObjects(before, after)), expected);
    }

    void diffPlans_data()
    {
        QTest::addColumn<Plan>("to");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("identical") << basePlan() << QStringList();
        QTest::newRow("store revision only") << edited([](Plan& p) {
            submit(p).revision = 7;
            p.attributes[0].revision = 7;
        }) << QStringList();
        QTest::newRow("event added") << edited([](Plan& p) {
            p.events << makeEvent("app_open", {S("b"), S("a")});
        })
                                     << QStringList{S("event added app_open *"),
                                                    S("binding added app_open/a note,position,required"),
                                                    S("binding added app_open/b note,position,required")};
        QTest::newRow("event removed") << edited([](Plan& p) {
            p.events.removeFirst();
        }) << QStringList{S("event removed order_pay *"), S("binding removed order_pay/a note,position,required")};
        QTest::newRow("event fields") << edited([](Plan& p) {
            submit(p).description = S("new");
            submit(p).tags = {S("t")};
        }) << QStringList{S("event changed order_submit description,tags")};
        QTest::newRow("schema version") << edited([](Plan& p) {
            submit(p).schemaVersion = {1, 1, 0};
        }) << QStringList{S("event changed order_submit schema_version")};
        QTest::newRow("binding added") << edited([](Plan& p) {
            submit(p).bindings << Binding{S("d"), false, {}};
        }) << QStringList{S("binding added order_submit/d note,position,required")};
        QTest::newRow("binding removed") << edited([](Plan& p) { submit(p).bindings.removeAt(1); })
                                         << QStringList{S("binding removed order_submit/b note,position,required")};
        QTest::newRow("binding required") << edited([](Plan& p) { submit(p).bindings[1].required = false; })
                                          << QStringList{S("binding changed order_submit/b required")};
        QTest::newRow("binding note") << edited([](Plan& p) { submit(p).bindings[2].note = S("n"); })
                                      << QStringList{S("binding changed order_submit/c note")};
        QTest::newRow("insert in front is no move") << edited([](Plan& p) {
            submit(p).bindings.prepend(Binding{S("d"), true, {}});
        }) << QStringList{S("binding added order_submit/d note,position,required")};
        QTest::newRow("one binding moved") << edited([](Plan& p) { submit(p).bindings.move(0, 2); })
                                           << QStringList{S("binding changed order_submit/a position")};
        QTest::newRow("moved and edited") << edited([](Plan& p) {
            submit(p).bindings.move(2, 0);
            submit(p).bindings[0].required = false;
        }) << QStringList{S("binding changed order_submit/c position,required")};
        QTest::newRow("attribute added") << edited([](Plan& p) { p.attributes << attribute("e"); })
                                         << QStringList{S("attribute added e *")};
        QTest::newRow("attribute removed")
            << edited([](Plan& p) { p.attributes.removeLast(); }) << QStringList{S("attribute removed d *")};
        QTest::newRow("attribute fields") << edited([](Plan& p) {
            p.attributes[3].enumValues = {EnumValue{S("x"), S("X")}};
            p.attributes[3].maxLength = 3;
        }) << QStringList{S("attribute changed d enum_values,max_length")};
        QTest::newRow("sorted output") << edited([](Plan& p) {
            p.events << makeEvent("zz", {S("b")}) << makeEvent("aa", {S("c")});
            p.attributes << attribute("zz") << attribute("aa");
            submit(p).bindings.removeFirst();
        })
                                       << QStringList{S("event added aa *"),
                                                      S("event added zz *"),
                                                      S("attribute added aa *"),
                                                      S("attribute added zz *"),
                                                      S("binding added aa/c note,position,required"),
                                                      S("binding removed order_submit/a note,position,required"),
                                                      S("binding added zz/b note,position,required")};
    }
    void diffPlans()
    {
        QFETCH(Plan, to);
        QFETCH(QStringList, expected);
        const PlanDiff d = tp::diffPlans(basePlan(), to);
        QCOMPARE(summary(d), expected);
        QCOMPARE(d.isEmpty(), expected.isEmpty());
        for (const EntityDiff& e : d.events) {
            QVERIFY(std::none_of(e.fields.begin(), e.fields.end(),
                                 [](const FieldChange& f) { return f.field == S("bindings"); }));
        }
    }

    void addedAndRemovedCarryAllFields()
    {
        Plan to = basePlan();
        to.events.removeFirst();
        to.attributes.append(attribute("e", AttrType::Integer));
        const PlanDiff d = tp::diffPlans(basePlan(), to);
        QCOMPARE(d.events.size(), 1);
        const QList<FieldChange>& removed = d.events[0].fields;
        QVERIFY(
            std::all_of(removed.begin(), removed.end(), [](const FieldChange& f) { return f.after.isUndefined(); }));
        QVERIFY(std::any_of(removed.begin(), removed.end(), [](const FieldChange& f) {
            return f.field == S("key") && f.before == QJsonValue(S("order_pay"));
        }));
        QVERIFY(std::any_of(removed.begin(), removed.end(),
                            [](const FieldChange& f) { return f.field == S("schema_version"); }));
        QCOMPARE(d.attributes.size(), 1);
        const QList<FieldChange>& added = d.attributes[0].fields;
        QVERIFY(std::all_of(added.begin(), added.end(), [](const FieldChange& f) { return f.before.isUndefined(); }));
        QVERIFY(std::any_of(added.begin(), added.end(), [](const FieldChange& f) {
            return f.field == S("type") && f.after == QJsonValue(S("integer"));
        }));
    }

    void fieldValues()
    {
        const PlanDiff d = tp::diffPlans(basePlan(), edited([](Plan& p) {
                                             submit(p).description = S("新");
                                             submit(p).bindings.move(0, 2); // a: 0 -> 2
                                             submit(p).bindings << Binding{S("d"), false, S("why")};
                                         }));
        QCOMPARE(d.events.size(), 1);
        QCOMPARE(fieldSummary(d.events[0].fields), QStringList{S("description: \"\" -> \"新\"")});
        QCOMPARE(d.bindings.size(), 2);
        QCOMPARE(fieldSummary(d.bindings[0].fields), QStringList{S("position: 0 -> 2")});
        QCOMPARE(fieldSummary(d.bindings[1].fields),
                 (QStringList{S("note: undefined -> \"why\""), S("position: undefined -> 3"),
                              S("required: undefined -> false")}));
    }

    void swapReportsOneMove()
    {
        const PlanDiff d = tp::diffPlans(basePlan(), edited([](Plan& p) { submit(p).bindings.swapItemsAt(0, 1); }));
        QCOMPARE(d.bindings.size(), 1);
        QCOMPARE(toString(d.bindings[0].kind), S("changed"));
        QCOMPARE(fieldNames(d.bindings[0].fields), S("position"));
    }

    void unsortedInputGivesTheSameDiff()
    {
        Plan to = edited([](Plan& p) {
            p.events << makeEvent("aa", {S("c")});
            submit(p).description = S("x");
            p.attributes.removeFirst();
        });
        const PlanDiff expected = tp::diffPlans(basePlan(), to);
        Plan from = basePlan();
        std::reverse(from.events.begin(), from.events.end());
        std::reverse(from.attributes.begin(), from.attributes.end());
        std::reverse(to.events.begin(), to.events.end());
        const PlanDiff d = tp::diffPlans(from, to);
        QCOMPARE(summary(d), summary(expected));
        QVERIFY(d.events == expected.events);
    }
};

QTEST_GUILESS_MAIN(TestPlanDiff)
#include "tst_plandiff.moc"
