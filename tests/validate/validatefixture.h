#pragma once

// A small plan for the validator tests: every attribute type and constraint, a blocked
// (level A) event and two versions, compiled with SchemaCompiler as a publish would.

#include "schemacompiler.h"
#include "validator.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace tp::test {

inline const QString kShop = QStringLiteral("shop-app");

inline Attribute attribute(const char* key, AttrType type)
{
    Attribute a;
    a.key = QLatin1String(key);
    a.displayName = a.key;
    a.type = type;
    return a;
}

/// Version 1.0.0: order_submit (D), debug_ping (A); 1.1.0 adds coupon_use (C).
inline Plan shopPlan(bool withCoupon)
{
    Plan p;
    p.appKey = kShop;
    Attribute orderId = attribute("order_id", AttrType::String);
    orderId.pattern = QStringLiteral("^O[0-9]{6,}$");
    orderId.maxLength = 12;
    Attribute amount = attribute("amount", AttrType::Number);
    amount.minValue = 0;
    amount.maxValue = 1000;
    Attribute count = attribute("count", AttrType::Integer);
    count.minValue = 1;
    count.maxValue = 10;
    Attribute pay = attribute("pay_type", AttrType::Enum);
    pay.enumValues = {{QStringLiteral("cash"), {}}, {QStringLiteral("card"), {}}};
    Attribute tags = attribute("tags", AttrType::ArrayString);
    tags.pattern = QStringLiteral("^[a-z]+$");
    Attribute city = attribute("city_id", AttrType::Integer);
    city.common = true;
    city.minValue = 100000;
    Attribute name = attribute("nickname", AttrType::String);
    name.maxLength = 4;
    p.attributes = {amount,  city, count, attribute("paid", AttrType::Boolean), name,
                    orderId, pay,  tags,  attribute("ts", AttrType::DateTime)};
    Event order;
    order.key = QStringLiteral("order_submit");
    order.level = Level::D;
    order.bindings = {{QStringLiteral("order_id"), true, {}}, {QStringLiteral("amount"), true, {}},
                      {QStringLiteral("count"), false, {}},   {QStringLiteral("pay_type"), false, {}},
                      {QStringLiteral("paid"), false, {}},    {QStringLiteral("tags"), false, {}},
                      {QStringLiteral("ts"), false, {}},      {QStringLiteral("nickname"), false, {}}};
    Event ping;
    ping.key = QStringLiteral("debug_ping");
    ping.level = Level::A;
    p.events = {ping, order};
    if (withCoupon) {
        Event coupon;
        coupon.key = QStringLiteral("coupon_use");
        coupon.level = Level::C;
        coupon.bindings = {{QStringLiteral("order_id"), true, {}}};
        p.events.insert(1, coupon);
    }
    return p;
}

inline SnapshotSchemas schemasOf(const Plan& plan, const QString& id)
{
    SchemaCompiler compiler(plan, GovernancePolicy::defaults(plan.appKey));
    SnapshotSchemas s;
    s.id = id.toUtf8();
    s.common = compiler.commonSchemaText();
    for (const Event& e : plan.events) {
        s.events.append({e.key.toUtf8(), compiler.eventSchemaText(e)});
    }
    return s;
}

/// 1.0.0 without coupon_use, 1.1.0 (current) with it.
inline PlanSchemas shopSchemas()
{
    PlanSchemas s;
    s.appKey = kShop;
    s.versions.insert(QStringLiteral("1.0.0"), schemasOf(shopPlan(false), QStringLiteral("1.0.0")));
    s.versions.insert(QStringLiteral("1.1.0"), schemasOf(shopPlan(true), QStringLiteral("1.1.0")));
    s.current = QStringLiteral("1.1.0");
    s.currentSnapshot = s.versions.value(s.current);
    return s;
}

/// One event line: the envelope with `properties`.
inline QByteArray eventLine(const QString& event, const QJsonObject& properties,
                            const QString& version = QStringLiteral("1.0.0"),
                            const QString& time = QStringLiteral("2026-11-20T08:00:00Z"),
                            const QString& user = QStringLiteral("u-1"),
                            const QString& anonymous = QStringLiteral("a-1"))
{
    QJsonObject o{{QStringLiteral("event"), event},
                  {QStringLiteral("app"), kShop},
                  {QStringLiteral("platform"), QStringLiteral("android")},
                  {QStringLiteral("time"), time},
                  {QStringLiteral("properties"), properties}};
    if (!version.isNull()) {
        o.insert(QStringLiteral("app_version"), version);
    }
    if (!user.isEmpty()) {
        o.insert(QStringLiteral("user_id"), user);
    }
    if (!anonymous.isEmpty()) {
        o.insert(QStringLiteral("anonymous_id"), anonymous);
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

inline QJsonObject validOrder()
{
    return QJsonObject{{QStringLiteral("order_id"), QStringLiteral("O1234567")}, {QStringLiteral("amount"), 12.5}};
}

} // namespace tp::test
