#include "rules.h"

#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <limits>
#include <optional>

using namespace tp;

Q_DECLARE_METATYPE(tp::Attribute)
Q_DECLARE_METATYPE(tp::Event)
Q_DECLARE_METATYPE(tp::AttrType)

namespace {

/// "E rule field" / "W rule field", sorted: what a test row expects.
QStringList summary(const QList<Finding>& findings)
{
    QStringList out;
    for (const Finding& f : findings) {
        out << QStringLiteral("%1 %2 %3")
                   .arg(f.severity == Finding::Severity::Error ? QLatin1Char('E') : QLatin1Char('W'))
                   .arg(f.rule, f.field);
    }
    out.sort();
    return out;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

void checkMessages(const QList<Finding>& findings, EntityKind kind, const QString& key)
{
    static const QRegularExpression placeholder(QStringLiteral("%[0-9n]"));
    for (const Finding& f : findings) {
        QCOMPARE(f.kind, kind);
        QCOMPARE(f.entityKey, key);
        QVERIFY2(!f.message.isEmpty() && !placeholder.match(f.message).hasMatch(), qPrintable(f.message));
    }
}

Attribute attr(AttrType type, const QString& key = QStringLiteral("order_id"))
{
    Attribute a;
    a.key = key;
    a.displayName = QStringLiteral("订单ID");
    a.type = type;
    if (type == AttrType::Enum) {
        a.enumValues = {{QStringLiteral("cash"), QStringLiteral("现金")},
                        {QStringLiteral("card"), QStringLiteral("卡")}};
    }
    return a;
}

Event makeEvent(const QString& key = QStringLiteral("order_submit"))
{
    Event e;
    e.key = key;
    e.displayName = QStringLiteral("提交订单");
    e.platforms = {QStringLiteral("android"), QStringLiteral("ios")};
    e.bindings = {{QStringLiteral("order_id"), true, {}}, {QStringLiteral("amount"), false, {}}};
    return e;
}

} // namespace

class TestRules : public QObject {
    Q_OBJECT

private:
    QList<Attribute> m_catalog;

private slots:
    void initTestCase()
    {
        m_catalog << attr(AttrType::String, QStringLiteral("order_id"))
                  << attr(AttrType::Number, QStringLiteral("amount"));
        Attribute city = attr(AttrType::Integer, QStringLiteral("city_id"));
        city.common = true;
        m_catalog << city;
        for (int i = 0; i < 20; ++i) {
            m_catalog << attr(AttrType::String, QStringLiteral("a%1").arg(i));
        }
    }

    void isValidKey_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("valid");
        QTest::newRow("one letter") << QStringLiteral("a") << true;
        QTest::newRow("snake") << QStringLiteral("order_submit_2") << true;
        QTest::newRow("trailing underscore") << QStringLiteral("order_") << true;
        QTest::newRow("64 chars") << QStringLiteral("a").repeated(64) << true;
        QTest::newRow("65 chars") << QStringLiteral("a").repeated(65) << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("capital") << QStringLiteral("Order") << false;
        QTest::newRow("camel") << QStringLiteral("orderSubmit") << false;
        QTest::newRow("leading underscore") << QStringLiteral("_order") << false;
        QTest::newRow("leading digit") << QStringLiteral("1order") << false;
        QTest::newRow("hyphen") << QStringLiteral("order-submit") << false;
        QTest::newRow("space") << QStringLiteral("order submit") << false;
        QTest::newRow("trailing newline") << QStringLiteral("order\n") << false;
        QTest::newRow("non-ascii") << QStringLiteral("ördér") << false;
    }
    void isValidKey()
    {
        QFETCH(QString, key);
        QFETCH(bool, valid);
        QCOMPARE(tp::isValidKey(key), valid);
    }

    void isSnakeCase_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("snake");
        QTest::newRow("snake") << QStringLiteral("order_submit") << true;
        QTest::newRow("digits") << QStringLiteral("step_2_done") << true;
        QTest::newRow("double underscore") << QStringLiteral("order__submit") << false;
        QTest::newRow("trailing underscore") << QStringLiteral("order_") << false;
        QTest::newRow("invalid key") << QStringLiteral("OrderSubmit") << false;
    }
    void isSnakeCase()
    {
        QFETCH(QString, key);
        QFETCH(bool, snake);
        QCOMPARE(tp::isSnakeCase(key), snake);
    }

    void normalizedKey_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("normalized");
        QTest::newRow("underscore+case") << QStringLiteral("Order_Submit") << QStringLiteral("ordersubmit");
        QTest::newRow("hyphen") << QStringLiteral("order-submit") << QStringLiteral("ordersubmit");
        QTest::newRow("plain") << QStringLiteral("ordersubmit") << QStringLiteral("ordersubmit");
        QTest::newRow("dot and space") << QStringLiteral("order.sub mit") << QStringLiteral("ordersubmit");
        QTest::newRow("digits kept") << QStringLiteral("Step_2") << QStringLiteral("step2");
        QTest::newRow("other punctuation kept") << QStringLiteral("a/b") << QStringLiteral("a/b");
    }
    void normalizedKey()
    {
        QFETCH(QString, key);
        QFETCH(QString, normalized);
        QCOMPARE(tp::normalizedKey(key), normalized);
    }

    void codePointLength_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qsizetype>("length");
        QTest::newRow("ascii") << QStringLiteral("abc") << qsizetype(3);
        QTest::newRow("cjk") << QStringLiteral("订单号") << qsizetype(3);
        QTest::newRow("surrogate pairs") << QStringLiteral("😀😀") << qsizetype(2);
        QTest::newRow("empty") << QString() << qsizetype(0);
    }
    void codePointLength()
    {
        QFETCH(QString, text);
        QFETCH(qsizetype, length);
        QCOMPARE(tp::codePointLength(text), length);
    }

    void validateAttribute_data()
    {
        QTest::addColumn<Attribute>("attribute");
        QTest::addColumn<QStringList>("expected");
        const auto with = [](AttrType t, const std::function<void(Attribute&)>& edit) {
            Attribute a = attr(t);
            edit(a);
            return a;
        };
        QTest::newRow("valid string") << attr(AttrType::String) << QStringList();
        QTest::newRow("valid enum") << attr(AttrType::Enum) << QStringList();
        QTest::newRow("key empty") << with(AttrType::String, [](Attribute& a) { a.key.clear(); })
                                   << QStringList{QStringLiteral("E key.required key")};
        QTest::newRow("key capital") << with(AttrType::String, [](Attribute& a) { a.key = QStringLiteral("Order_id"); })
                                     << QStringList{QStringLiteral("E key.format key")};
        QTest::newRow("display name blank")
            << with(AttrType::String, [](Attribute& a) { a.displayName = QStringLiteral("  "); })
            << QStringList{QStringLiteral("E display_name.required display_name")};
        QTest::newRow("enum without values")
            << with(AttrType::Enum, [](Attribute& a) { a.enumValues.clear(); })
            << QStringList{QStringLiteral("E attribute.enum_values.missing enum_values")};
        QTest::newRow("enum values on string") << with(AttrType::String, [](Attribute& a) {
            a.enumValues = {{QStringLiteral("x"), {}}};
        }) << QStringList{QStringLiteral("E attribute.enum_values.type enum_values")};
        QTest::newRow("enum value duplicate") << with(AttrType::Enum, [](Attribute& a) {
            a.enumValues << EnumValue{QStringLiteral("cash"), {}};
        }) << QStringList{QStringLiteral("E attribute.enum_values.duplicate enum_values[2]")};
        QTest::newRow("enum value empty")
            << with(AttrType::Enum, [](Attribute& a) { a.enumValues[0].value = QStringLiteral(" "); })
            << QStringList{QStringLiteral("E attribute.enum_values.empty enum_values[0]")};
        QTest::newRow("pattern invalid") << with(AttrType::String, [](Attribute& a) {
            a.pattern = QStringLiteral("(ab");
        }) << QStringList{QStringLiteral("E attribute.pattern.invalid pattern")};
        QTest::newRow("pattern on integer")
            << with(AttrType::Integer, [](Attribute& a) { a.pattern = QStringLiteral("^1"); })
            << QStringList{QStringLiteral("E attribute.pattern.type pattern")};
        QTest::newRow("pattern on datetime")
            << with(AttrType::DateTime, [](Attribute& a) { a.pattern = QStringLiteral("Z$"); }) << QStringList();
        QTest::newRow("pattern on array<string>")
            << with(AttrType::ArrayString, [](Attribute& a) { a.pattern = QStringLiteral("^x"); }) << QStringList();
        QTest::newRow("min > max") << with(AttrType::Integer, [](Attribute& a) {
            a.minValue = 5;
            a.maxValue = 1;
        }) << QStringList{QStringLiteral("E attribute.range.order min")};
        QTest::newRow("min == max") << with(AttrType::Number, [](Attribute& a) {
            a.minValue = 1;
            a.maxValue = 1;
        }) << QStringList();
        QTest::newRow("min on string") << with(AttrType::String, [](Attribute& a) { a.minValue = 0; })
                                       << QStringList{QStringLiteral("E attribute.range.type min")};
        QTest::newRow("max on boolean") << with(AttrType::Boolean, [](Attribute& a) { a.maxValue = 1; })
                                        << QStringList{QStringLiteral("E attribute.range.type max")};
        QTest::newRow("range on array<number>") << with(AttrType::ArrayNumber, [](Attribute& a) {
            a.minValue = 0;
            a.maxValue = 9;
        }) << QStringList();
        QTest::newRow("min not finite") << with(AttrType::Number, [](Attribute& a) {
            a.minValue = std::numeric_limits<double>::quiet_NaN();
        }) << QStringList{QStringLiteral("E attribute.range.finite min")};
        QTest::newRow("max_length 0") << with(AttrType::String, [](Attribute& a) { a.maxLength = 0; })
                                      << QStringList{QStringLiteral("E attribute.max_length.value max_length")};
        QTest::newRow("max_length on integer") << with(AttrType::Integer, [](Attribute& a) { a.maxLength = 3; })
                                               << QStringList{QStringLiteral("E attribute.max_length.type max_length")};
        QTest::newRow("max_length on enum") << with(AttrType::Enum, [](Attribute& a) { a.maxLength = 3; })
                                            << QStringList{QStringLiteral("E attribute.max_length.type max_length")};
        QTest::newRow("max_length on array<string>")
            << with(AttrType::ArrayString, [](Attribute& a) { a.maxLength = 3; }) << QStringList();
        QTest::newRow("example checked") << with(AttrType::Integer, [](Attribute& a) {
            a.example = QStringLiteral("12a");
        }) << QStringList{QStringLiteral("E attribute.example.type example")};
        QTest::newRow("several at once") << with(AttrType::Boolean,
                                                 [](Attribute& a) {
                                                     a.key = QStringLiteral("x-y");
                                                     a.displayName.clear();
                                                     a.maxLength = -1;
                                                 })
                                         << sorted({QStringLiteral("E key.format key"),
                                                    QStringLiteral("E display_name.required display_name"),
                                                    QStringLiteral("E attribute.max_length.value max_length"),
                                                    QStringLiteral("E attribute.max_length.type max_length")});
    }
    void validateAttribute()
    {
        QFETCH(Attribute, attribute);
        QFETCH(QStringList, expected);
        const QList<Finding> findings = tp::validateAttribute(attribute);
        QCOMPARE(summary(findings), expected);
        checkMessages(findings, EntityKind::Attribute, attribute.key);
    }

    void validateExample_data();
    void validateExample();

    void validateEvent_data()
    {
        QTest::addColumn<Event>("event");
        QTest::addColumn<QStringList>("expected");
        const auto with = [](const std::function<void(Event&)>& edit) {
            Event e = makeEvent();
            edit(e);
            return e;
        };
        QTest::newRow("valid") << makeEvent() << QStringList();
        QTest::newRow("key empty") << with([](Event& e) { e.key.clear(); })
                                   << QStringList{QStringLiteral("E key.required key")};
        QTest::newRow("key camel") << with([](Event& e) { e.key = QStringLiteral("orderSubmit"); })
                                   << QStringList{QStringLiteral("E key.format key")};
        QTest::newRow("display name empty") << with([](Event& e) { e.displayName.clear(); })
                                            << QStringList{QStringLiteral("E display_name.required display_name")};
        QTest::newRow("no platform") << with([](Event& e) { e.platforms.clear(); })
                                     << QStringList{QStringLiteral("W event.platform.missing platforms")};
        QTest::newRow("unknown platform") << with([](Event& e) { e.platforms << QStringLiteral("windows"); })
                                          << QStringList{QStringLiteral("E event.platform.unknown platforms[2]")};
        QTest::newRow("platform twice") << with([](Event& e) { e.platforms << QStringLiteral("android"); })
                                        << QStringList{QStringLiteral("W event.platform.duplicate platforms[2]")};
        QTest::newRow("unknown attribute") << with([](Event& e) {
            e.bindings << Binding{QStringLiteral("nope"), false, {}};
        }) << QStringList{QStringLiteral("E event.binding.unknown bindings[2]")};
        QTest::newRow("binding without key") << with([](Event& e) { e.bindings[0].attributeKey.clear(); })
                                             << QStringList{QStringLiteral("E event.binding.unknown bindings[0]")};
        QTest::newRow("bound twice") << with([](Event& e) {
            e.bindings << Binding{QStringLiteral("order_id"), false, {}};
        }) << QStringList{QStringLiteral("E event.binding.duplicate bindings[2]")};
        QTest::newRow("bound twice, many bindings") << with([](Event& e) {
            e.bindings.clear();
            for (int i = 0; i < 20; ++i) {
                e.bindings << Binding{QStringLiteral("a%1").arg(i), false, {}};
            }
            e.bindings << Binding{QStringLiteral("a3"), true, {}};
        }) << QStringList{QStringLiteral("E event.binding.duplicate bindings[20]")};
        QTest::newRow("common bound") << with([](Event& e) {
            e.bindings.prepend(Binding{QStringLiteral("city_id"), true, {}});
        }) << QStringList{QStringLiteral("W event.binding.common bindings[0]")};
        QTest::newRow("deprecated_in while live") << with([](Event& e) {
            e.status = EventStatus::Live;
            e.deprecatedIn = QStringLiteral("6.3.0");
        }) << QStringList{QStringLiteral("E event.deprecated_in.status deprecated_in")};
        QTest::newRow("deprecated with version") << with([](Event& e) {
            e.status = EventStatus::Deprecated;
            e.deprecatedIn = QStringLiteral("6.3.0");
        }) << QStringList();
        QTest::newRow("removed with version") << with([](Event& e) {
            e.status = EventStatus::Removed;
            e.deprecatedIn = QStringLiteral("6.3.0");
        }) << QStringList();
        QTest::newRow("deprecated without version")
            << with([](Event& e) { e.status = EventStatus::Deprecated; })
            << QStringList{QStringLiteral("W event.deprecated_in.missing deprecated_in")};
        QTest::newRow("deprecated before introduced") << with([](Event& e) {
            e.status = EventStatus::Deprecated;
            e.introducedIn = QStringLiteral("6.3.0");
            e.deprecatedIn = QStringLiteral("6.2.9");
        }) << QStringList{QStringLiteral("E event.deprecated_in.order deprecated_in")};
        QTest::newRow("versions compare numerically") << with([](Event& e) {
            e.status = EventStatus::Deprecated;
            e.introducedIn = QStringLiteral("6.9.0");
            e.deprecatedIn = QStringLiteral("6.10.0");
        }) << QStringList();
    }
    void validateEvent()
    {
        QFETCH(Event, event);
        QFETCH(QStringList, expected);
        const auto lookup = [this](const QString& key) -> const Attribute* {
            for (const Attribute& a : m_catalog) {
                if (a.key == key) {
                    return &a;
                }
            }
            return nullptr;
        };
        const QList<Finding> findings = tp::validateEvent(event, lookup);
        QCOMPARE(summary(findings), expected);
        checkMessages(findings, EntityKind::Event, event.key);

        // The pre-resolved variant (used by lint) agrees.
        std::vector<const Attribute*> resolved;
        for (const Binding& b : event.bindings) {
            resolved.push_back(lookup(b.attributeKey));
        }
        QVERIFY(tp::validateEventResolved(event, resolved) == findings);
    }

    void validateEventShortResolvedList()
    {
        const Event e = makeEvent(); // order_id, amount
        const std::vector<const Attribute*> resolved{&m_catalog.at(0)};
        QCOMPARE(summary(tp::validateEventResolved(e, resolved)),
                 QStringList{QStringLiteral("E event.binding.unknown bindings[1]")});
    }

    void validateEventWithoutLookup()
    {
        Event e = makeEvent();
        e.bindings << Binding{QStringLiteral("nope"), false, {}};
        QCOMPARE(summary(tp::validateEvent(e, {})), QStringList());
    }

    void validateUniqueKeys_data()
    {
        QTest::addColumn<QStringList>("keys");
        QTest::addColumn<QStringList>("flagged");
        QTest::newRow("distinct") << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("ab_c")}
                                  << QStringList();
        QTest::newRow("separators and case")
            << QStringList{QStringLiteral("order_submit"), QStringLiteral("Order_Submit"),
                           QStringLiteral("order-submit"), QStringLiteral("ordersubmit"),
                           QStringLiteral("order.submit"), QStringLiteral("pay")}
            << QStringList{QStringLiteral("order_submit"), QStringLiteral("Order_Submit"),
                           QStringLiteral("order-submit"), QStringLiteral("ordersubmit"),
                           QStringLiteral("order.submit")};
        QTest::newRow("prefix is no collision")
            << QStringList{QStringLiteral("a_b"), QStringLiteral("ab"), QStringLiteral("abc")}
            << QStringList{QStringLiteral("a_b"), QStringLiteral("ab")};
        QTest::newRow("exact duplicate") << QStringList{QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("x")}
                                         << QStringList{QStringLiteral("x"), QStringLiteral("x")};
    }
    void validateUniqueKeys()
    {
        QFETCH(QStringList, keys);
        QFETCH(QStringList, flagged);
        const QList<Finding> findings = tp::validateUniqueKeys(EntityKind::Attribute, keys);
        QStringList got;
        for (const Finding& f : findings) {
            QCOMPARE(f.rule, QStringLiteral("key.unique"));
            QCOMPARE(toString(f.severity), QStringLiteral("error"));
            QCOMPARE(f.kind, EntityKind::Attribute);
            got << f.entityKey;
        }
        QCOMPARE(got, flagged);
    }

    void uniqueKeyMessageNamesTheOthers()
    {
        const QList<Finding> f = tp::validateUniqueKeys(
            EntityKind::Event,
            {QStringLiteral("order_submit"), QStringLiteral("ordersubmit"), QStringLiteral("order-submit")});
        QCOMPARE(f.size(), 3);
        QVERIFY2(f[0].message.contains(QLatin1String("ordersubmit"))
                     && f[0].message.contains(QLatin1String("order-submit")),
                 qPrintable(f[0].message));
        QVERIFY(!f[1].message.contains(QLatin1String("ordersubmit,")));
    }

    void sortAndErrors()
    {
        const auto f = [](Finding::Severity s, EntityKind k, const char* key, const char* rule) {
            return Finding{s, QString::fromLatin1(rule), k, QString::fromLatin1(key), {}, QStringLiteral("m")};
        };
        QList<Finding> list{f(Finding::Severity::Warning, EntityKind::Attribute, "a", "x"),
                            f(Finding::Severity::Warning, EntityKind::Event, "b", "y"),
                            f(Finding::Severity::Warning, EntityKind::Event, "b", "a"),
                            f(Finding::Severity::Warning, EntityKind::Event, "a", "z")};
        QVERIFY(!hasErrors(list));
        sortFindings(list);
        QStringList order;
        for (const Finding& x : list) {
            order << x.entityKey + QLatin1Char('/') + x.rule;
        }
        QCOMPARE(
            order,
            (QStringList{QStringLiteral("a/z"), QStringLiteral("b/a"), QStringLiteral("b/y"), QStringLiteral("a/x")}));
        list << f(Finding::Severity::Error, EntityKind::Event, "c", "e");
        QVERIFY(hasErrors(list));
        QCOMPARE(toString(Finding::Severity::Error), QStringLiteral("error"));
        QCOMPARE(toString(Finding::Severity::Warning), QStringLiteral("warning"));
    }
};

namespace {

struct Constraints {
    QStringList enumValues = {};
    QString pattern = {};
    std::optional<double> min = {};
    std::optional<double> max = {};
    std::optional<int> maxLength = {};
};

void row(const char* name, AttrType type, const Constraints& c, const QString& example, const QStringList& rules)
{
    Attribute a = attr(type);
    a.enumValues.clear();
    for (const QString& v : c.enumValues) {
        a.enumValues << EnumValue{v, QStringLiteral("label of ") + v};
    }
    a.pattern = c.pattern;
    a.minValue = c.min;
    a.maxValue = c.max;
    a.maxLength = c.maxLength;
    QStringList expected;
    for (const QString& r : rules) {
        expected << QStringLiteral("E attribute.example.%1 example").arg(r);
    }
    QTest::newRow(name) << a << example << sorted(expected);
}

} // namespace

void TestRules::validateExample_data()
{
    QTest::addColumn<Attribute>("attribute");
    QTest::addColumn<QString>("example");
    QTest::addColumn<QStringList>("expected");
    const QStringList type{QStringLiteral("type")};
    const QStringList none;
    using T = AttrType;
    row("string", T::String, {}, QStringLiteral("abc"), none);
    row("string pattern ok", T::String, {.pattern = QStringLiteral("^[0-9]+$")}, QStringLiteral("123"), none);
    row("string pattern bad", T::String, {.pattern = QStringLiteral("^[0-9]+$")}, QStringLiteral("12a"),
        {QStringLiteral("pattern")});
    row("pattern is a search", T::String, {.pattern = QStringLiteral("[0-9]")}, QStringLiteral("a1b"), none);
    row("max_length ok", T::String, {.maxLength = 3}, QStringLiteral("abc"), none);
    row("max_length bad", T::String, {.maxLength = 3}, QStringLiteral("abcd"), {QStringLiteral("max_length")});
    row("max_length cjk", T::String, {.maxLength = 3}, QStringLiteral("订单号"), none);
    row("max_length code points", T::String, {.maxLength = 3}, QStringLiteral("😀😀😀"), none);
    row("pattern and length", T::String, {.pattern = QStringLiteral("^a"), .maxLength = 2}, QStringLiteral("bcd"),
        {QStringLiteral("pattern"), QStringLiteral("max_length")});
    row("integer", T::Integer, {}, QStringLiteral("42"), none);
    row("integer negative", T::Integer, {}, QStringLiteral("-7"), none);
    row("integer zero", T::Integer, {}, QStringLiteral("0"), none);
    row("integer fraction", T::Integer, {}, QStringLiteral("4.2"), type);
    row("integer 1.0", T::Integer, {}, QStringLiteral("1.0"), type);
    row("integer plus", T::Integer, {}, QStringLiteral("+1"), type);
    row("integer leading zero", T::Integer, {}, QStringLiteral("01"), type);
    row("integer space", T::Integer, {}, QStringLiteral(" 1"), type);
    row("integer text", T::Integer, {}, QStringLiteral("abc"), type);
    row("integer overflow", T::Integer, {}, QStringLiteral("99999999999999999999"), type);
    row("integer below min", T::Integer, {.min = 0.0}, QStringLiteral("-1"), {QStringLiteral("range")});
    row("integer above max", T::Integer, {.max = 10.0}, QStringLiteral("11"), {QStringLiteral("range")});
    row("integer min inclusive", T::Integer, {.min = 0.0, .max = 10.0}, QStringLiteral("0"), none);
    row("integer max inclusive", T::Integer, {.min = 0.0, .max = 10.0}, QStringLiteral("10"), none);
    row("integer pattern ignored", T::Integer, {.pattern = QStringLiteral("x")}, QStringLiteral("5"), none);
    row("number", T::Number, {}, QStringLiteral("3.14"), none);
    row("number exponent", T::Number, {}, QStringLiteral("-1.5e3"), none);
    row("number inf", T::Number, {}, QStringLiteral("inf"), type);
    row("number nan", T::Number, {}, QStringLiteral("NaN"), type);
    row("number bare dot", T::Number, {}, QStringLiteral(".5"), type);
    row("number trailing dot", T::Number, {}, QStringLiteral("1."), type);
    row("number comma", T::Number, {}, QStringLiteral("1,5"), type);
    row("number below min", T::Number, {.min = 0.5}, QStringLiteral("0.4"), {QStringLiteral("range")});
    row("boolean true", T::Boolean, {}, QStringLiteral("true"), none);
    row("boolean false", T::Boolean, {}, QStringLiteral("false"), none);
    row("boolean capital", T::Boolean, {}, QStringLiteral("True"), type);
    row("boolean digit", T::Boolean, {}, QStringLiteral("1"), type);
    row("datetime utc", T::DateTime, {}, QStringLiteral("2026-11-20T08:00:00Z"), none);
    row("datetime offset ms", T::DateTime, {}, QStringLiteral("2026-11-20T08:00:00.123+08:00"), none);
    row("datetime date only", T::DateTime, {}, QStringLiteral("2026-11-20"), type);
    row("datetime space", T::DateTime, {}, QStringLiteral("2026-11-20 08:00:00Z"), type);
    row("datetime no offset", T::DateTime, {}, QStringLiteral("2026-11-20T08:00:00"), type);
    row("datetime bad day", T::DateTime, {}, QStringLiteral("2026-02-30T08:00:00Z"), type);
    row("datetime bad hour", T::DateTime, {}, QStringLiteral("2026-11-20T24:00:00Z"), type);
    row("datetime bad offset", T::DateTime, {}, QStringLiteral("2026-11-20T08:00:00+24:00"), type);
    row("datetime pattern", T::DateTime, {.pattern = QStringLiteral("Z$")}, QStringLiteral("2026-11-20T08:00:00+08:00"),
        {QStringLiteral("pattern")});
    const QStringList pay{QStringLiteral("cash"), QStringLiteral("card")};
    row("enum value", T::Enum, {.enumValues = pay}, QStringLiteral("card"), none);
    row("enum unknown", T::Enum, {.enumValues = pay}, QStringLiteral("coin"), {QStringLiteral("enum")});
    row("enum case", T::Enum, {.enumValues = pay}, QStringLiteral("Cash"), {QStringLiteral("enum")});
    row("enum label", T::Enum, {.enumValues = pay}, QStringLiteral("label of cash"), {QStringLiteral("enum")});
    row("array<string> list", T::ArrayString, {}, QStringLiteral("a, b"), none);
    row("array<string> json", T::ArrayString, {}, QStringLiteral("[\"a\",\"b,c\"]"), none);
    row("array<string> empty json", T::ArrayString, {}, QStringLiteral("[]"), none);
    row("array<string> json number", T::ArrayString, {}, QStringLiteral("[\"a\",1]"), type);
    row("array<string> broken json", T::ArrayString, {}, QStringLiteral("[\"a\""), type);
    row("array<string> empty item", T::ArrayString, {}, QStringLiteral("a,,b"), type);
    row("array<string> pattern", T::ArrayString, {.pattern = QStringLiteral("^[a-z]$")}, QStringLiteral("a,bc"),
        {QStringLiteral("pattern")});
    row("array<string> max_length", T::ArrayString, {.maxLength = 1}, QStringLiteral("[\"a\",\"bb\"]"),
        {QStringLiteral("max_length")});
    row("array<integer> list", T::ArrayInteger, {}, QStringLiteral("1,2, 3"), none);
    row("array<integer> json", T::ArrayInteger, {}, QStringLiteral("[1,2,1e2]"), none);
    row("array<integer> fraction", T::ArrayInteger, {}, QStringLiteral("[1.5]"), type);
    row("array<integer> text item", T::ArrayInteger, {}, QStringLiteral("1, x"), type);
    row("array<integer> string item", T::ArrayInteger, {}, QStringLiteral("[\"1\"]"), type);
    row("array<integer> below min", T::ArrayInteger, {.min = 0.0}, QStringLiteral("[1,-2]"), {QStringLiteral("range")});
    row("array<number> list", T::ArrayNumber, {}, QStringLiteral("1.5, 2"), none);
    row("array<number> bool item", T::ArrayNumber, {}, QStringLiteral("[true]"), type);
    row("array<number> above max", T::ArrayNumber, {.max = 2.0}, QStringLiteral("1,3"), {QStringLiteral("range")});
}

void TestRules::validateExample()
{
    QFETCH(Attribute, attribute);
    QFETCH(QString, example);
    QFETCH(QStringList, expected);
    const QList<Finding> findings = tp::validateExample(attribute, example);
    QCOMPARE(summary(findings), expected);
    checkMessages(findings, EntityKind::Attribute, attribute.key);
}

QTEST_GUILESS_MAIN(TestRules)
#include "tst_rules.moc"
