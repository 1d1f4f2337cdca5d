#include "lint.h"

#include <QTest>

#include <algorithm>
#include <functional>
#include <random>

using namespace tp;

Q_DECLARE_METATYPE(tp::Plan)

namespace {

QString S(const char* text)
{
    return QString::fromUtf8(text);
}

/// "W rule kind:key field", sorted.
QStringList summary(const QList<Finding>& findings)
{
    QStringList out;
    for (const Finding& f : findings) {
        out << QStringLiteral("%1 %2 %3:%4 %5")
                   .arg(f.severity == Finding::Severity::Error ? QLatin1Char('E') : QLatin1Char('W'))
                   .arg(f.rule, f.kind == EntityKind::Event ? S("event") : S("attribute"), f.entityKey, f.field);
    }
    out.sort();
    return out;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

Attribute attribute(const char* key, AttrType type = AttrType::String, bool common = false)
{
    Attribute a;
    a.key = S(key);
    a.displayName = S("属性 ") + a.key;
    a.description = S("what it means");
    a.type = type;
    a.common = common;
    return a;
}

Event makeEvent(const char* key, const QStringList& platforms, const QList<Binding>& bindings)
{
    Event e;
    e.key = S(key);
    e.displayName = S("事件 ") + e.key;
    e.description = S("when and why");
    e.platforms = platforms;
    e.bindings = bindings;
    return e;
}

Binding req(const char* key)
{
    return Binding{S(key), true, {}};
}

Binding opt(const char* key)
{
    return Binding{S(key), false, {}};
}

const QStringList android{S("android")};
const QStringList both{S("android"), S("ios")};

App app()
{
    return App{S("user-app"), S("用户端"), {}, both, 0};
}

void sortPlan(Plan& p)
{
    std::sort(p.attributes.begin(), p.attributes.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
    std::sort(p.events.begin(), p.events.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
}

/// A plan with no findings at all.
Plan basePlan()
{
    Plan p;
    p.appKey = S("user-app");
    p.attributes = {attribute("order_id"), attribute("amount", AttrType::Number),
                    attribute("city_id", AttrType::Integer, true)};
    p.events = {makeEvent("order_submit", both, {req("order_id"), opt("amount")}),
                makeEvent("order_pay", android, {req("order_id")})};
    sortPlan(p);
    return p;
}

/// `n` android events e1..en binding session_id: the first `required` as required, the next
/// `optional` as optional, the rest not at all.
Plan platformPlan(int n, int required, int optional, const char* attr = "session_id", bool common = false)
{
    Plan p;
    p.appKey = S("user-app");
    p.attributes = {attribute("amount", AttrType::Number)};
    if (!common || QLatin1String(attr) != QLatin1String("city_id")) {
        p.attributes << attribute("city_id", AttrType::Integer, true);
    }
    p.attributes << attribute(attr, AttrType::String, common);
    for (int i = 1; i <= n; ++i) {
        QList<Binding> b{opt("amount")};
        if (i <= required) {
            b << req(attr);
        } else if (i <= required + optional) {
            b << opt(attr);
        }
        p.events << makeEvent(QStringLiteral("e%1").arg(i).toUtf8().constData(), android, b);
    }
    sortPlan(p);
    return p;
}

Plan edited(const std::function<void(Plan&)>& edit)
{
    Plan p = basePlan();
    edit(p);
    sortPlan(p);
    return p;
}

} // namespace

class TestLint : public QObject {
    Q_OBJECT

private slots:
    void lintPlan_data()
    {
        QTest::addColumn<Plan>("plan");
        QTest::addColumn<QStringList>("expected");

        QTest::newRow("clean") << basePlan() << QStringList();
        QTest::newRow("entity rules included") << edited([](Plan& p) {
            p.events[0].bindings << opt("nope");
            p.attributes[2].pattern = S("(");
        })
                                               << sorted({S("E event.binding.unknown event:order_pay bindings[1]"),
                                                          S("E attribute.pattern.invalid attribute:order_id pattern")});
        QTest::newRow("event keys unique ignoring separators")
            << edited([](Plan& p) { p.events << makeEvent("ordersubmit", android, {req("order_id")}); })
            << sorted({S("E key.unique event:order_submit key"), S("E key.unique event:ordersubmit key")});
        QTest::newRow("attribute keys unique ignoring separators") << edited([](Plan& p) {
            p.attributes << attribute("orderid");
            p.events[0].bindings << opt("orderid");
        }) << sorted({S("E key.unique attribute:order_id key"), S("E key.unique attribute:orderid key")});
        QTest::newRow("events and attributes do not collide")
            << edited([](Plan& p) { p.events << makeEvent("amount", android, {}); }) << QStringList();
        QTest::newRow("casing") << edited([](Plan& p) {
            p.events << makeEvent("order__cancel", android, {});
            p.attributes << attribute("coupon_", AttrType::String, true);
        }) << sorted({S("W key.casing event:order__cancel key"), S("W key.casing attribute:coupon_ key")});
        QTest::newRow("invalid key is no casing warning")
            << edited([](Plan& p) { p.events << makeEvent("orderCancel", android, {}); })
            << QStringList{S("E key.format event:orderCancel key")};
        QTest::newRow("missing descriptions") << edited([](Plan& p) {
            p.events[0].description = S(" ");
            p.attributes[0].description.clear();
        })
                                              << sorted({S("W description.missing event:order_pay description"),
                                                         S("W description.missing attribute:amount description")});
        QTest::newRow("conflicting types")
            << edited([](Plan& p) {
                   p.attributes << attribute("orderId_", AttrType::Integer);
                   p.events[0].bindings << opt("orderId_");
               })
            << sorted({S("E key.unique attribute:order_id key"), S("E key.unique attribute:orderId_ key"),
                       S("E key.format attribute:orderId_ key"), S("E attribute.type_conflict attribute:order_id type"),
                       S("E attribute.type_conflict attribute:orderId_ type")});
        QTest::newRow("unused attribute") << edited([](Plan& p) { p.attributes << attribute("coupon"); })
                                          << QStringList{S("W attribute.unused attribute:coupon ")};
        QTest::newRow("only used by removed events") << edited([](Plan& p) {
            p.attributes << attribute("coupon");
            Event e = makeEvent("coupon_use", android, {opt("coupon")});
            e.status = EventStatus::Removed;
            e.deprecatedIn = S("6.0.0");
            p.events << e;
        }) << QStringList{S("W attribute.unused attribute:coupon ")};
        QTest::newRow("common attribute is never unused")
            << edited([](Plan& p) { p.attributes << attribute("os", AttrType::String, true); }) << QStringList();
        QTest::newRow("platform not in app")
            << edited([](Plan& p) { p.events[0].platforms << S("web"); })
            << QStringList{S("W event.platform.not_in_app event:order_pay platforms[1]")};
        QTest::newRow("unknown platform only once")
            << edited([](Plan& p) { p.events[0].platforms << S("windows"); })
            << QStringList{S("E event.platform.unknown event:order_pay platforms[1]")};

        const QString missing = S("W platform.required_missing event:%1 bindings");
        QTest::newRow("required on 4 of 5, missing on 1") << platformPlan(5, 4, 0) << QStringList{missing.arg(S("e5"))};
        QTest::newRow("required on 4 of 5, optional on 1")
            << platformPlan(5, 4, 1) << QStringList{missing.arg(S("e5"))};
        QTest::newRow("required on 8 of 10")
            << platformPlan(10, 8, 0) << QStringList{missing.arg(S("e10")), missing.arg(S("e9"))};
        QTest::newRow("required on 7 of 9 (78%)") << platformPlan(9, 7, 0) << QStringList();
        QTest::newRow("required on 3 of 5") << platformPlan(5, 3, 2) << QStringList();
        QTest::newRow("required on 3 of 4: too few events") << platformPlan(4, 3, 0) << QStringList();
        QTest::newRow("required everywhere") << platformPlan(6, 6, 0) << QStringList();
        QTest::newRow("removed events do not count") << [] {
            Plan p = platformPlan(5, 4, 0);
            p.events.last().status = EventStatus::Removed; // e5
            p.events.last().deprecatedIn = S("6.0.0");
            return p;
        }() << QStringList();
        QTest::newRow("other platforms do not count") << [] {
            Plan p = platformPlan(5, 4, 0);
            p.events.last().platforms = {S("ios")}; // e5 is not an android event any more
            return p;
        }() << QStringList();
        QTest::newRow("common attributes are exempt") << platformPlan(5, 4, 0, "city_id", true)
                                                      << sorted({S("W event.binding.common event:e1 bindings[1]"),
                                                                 S("W event.binding.common event:e2 bindings[1]"),
                                                                 S("W event.binding.common event:e3 bindings[1]"),
                                                                 S("W event.binding.common event:e4 bindings[1]")});
    }
    void lintPlan()
    {
        QFETCH(Plan, plan);
        QFETCH(QStringList, expected);
        QCOMPARE(summary(tp::lintPlan(plan, app())), expected);
    }

    void requiredMissingMessages()
    {
        const QList<Finding> notBound = tp::lintPlan(platformPlan(5, 4, 0), app());
        QCOMPARE(notBound.size(), 1);
        QCOMPARE(notBound[0].message,
                 S("Attribute session_id is required on 4 of 5 android events but not bound on e5."));
        const QList<Finding> optional = tp::lintPlan(platformPlan(5, 4, 1), app());
        QCOMPARE(optional.size(), 1);
        QCOMPARE(optional[0].message,
                 S("Attribute session_id is required on 4 of 5 android events but only optional on e5."));
    }

    void eachPlatformOfTheApp()
    {
        // e1..e5 on android and ios, session_id required on e1..e4: one warning per platform.
        Plan p = platformPlan(5, 4, 0);
        for (Event& e : p.events) {
            e.platforms = both;
        }
        const QList<Finding> f = tp::lintPlan(p, app());
        QCOMPARE(summary(f), QStringList(2, S("W platform.required_missing event:e5 bindings")));
        QVERIFY(f[0].message.contains(S("android")) != f[1].message.contains(S("android")));

        App onlyAndroid = app();
        onlyAndroid.platforms = android;
        QCOMPARE(tp::lintPlan(p, onlyAndroid).size(), 1 + 5); // android warning + 5 × ios not in app
    }

    void outputIsSortedAndIndependentOfInputOrder()
    {
        Plan p = platformPlan(10, 8, 1);
        p.attributes << attribute("zeta") << attribute("Alpha") << attribute("alpha");
        p.events << makeEvent("b__x", android, {}) << makeEvent("a__y", both, {opt("ghost")});
        sortPlan(p);
        const QList<Finding> findings = tp::lintPlan(p, app());
        QVERIFY(findings.size() > 8);
        QList<Finding> resorted = findings;
        sortFindings(resorted);
        QCOMPARE(summary(resorted), summary(findings));
        QVERIFY(resorted == findings);

        Plan shuffled = p;
        std::mt19937 rng(42);
        std::shuffle(shuffled.events.begin(), shuffled.events.end(), rng);
        std::shuffle(shuffled.attributes.begin(), shuffled.attributes.end(), rng);
        QVERIFY(tp::lintPlan(shuffled, app()) == findings);
    }
};

QTEST_GUILESS_MAIN(TestLint)
#include "tst_lint.moc"
