// The source store of tst_nativejson, built through the public API (nativesource.h).
#include "nativesource.h"

#include "governanceservice.h"
#include "publishhistory.h"
#include "support/review.h"
#include "versionservice.h"

#include <memory>

namespace tp::test {
namespace {

QString S(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

/// Turns a failed Result into a message naming the step; empty when it succeeded.
template <typename T> QString failure(const Result<T>& r, const char* step)
{
    return r ? QString() : QStringLiteral("%1: %2").arg(QLatin1String(step), r.error().toString());
}

#define TP_STEP(expr)                                                                                                  \
    do {                                                                                                               \
        const auto result_ = (expr);                                                                                   \
        if (const QString f_ = failure(result_, #expr); !f_.isEmpty()) {                                               \
            return f_;                                                                                                 \
        }                                                                                                              \
    } while (false)

Binding bind(const char* key, bool required, const char* note = "")
{
    return Binding{QLatin1String(key), required, S(note)};
}

Event event(const char* key, const char* displayName, QList<Binding> bindings)
{
    Event e;
    e.key = QLatin1String(key);
    e.displayName = S(displayName);
    e.description = S("Fires for ") + e.key;
    e.trigger = S("用户操作后");
    e.category = QStringLiteral("checkout");
    e.platforms = {QStringLiteral("android"), QStringLiteral("ios")};
    e.owner = QStringLiteral("alice");
    e.bindings = std::move(bindings);
    return e;
}

/// Submits, approves and merges; the merge must not conflict.
QString mergeDemand(Store& s, const QString& key)
{
    TP_STEP(s.demands().submit(key, QStringLiteral("ready")));
    TP_STEP(s.demands().approve(key, S("看过了")));
    TP_STEP(tp::test::completeReview(s, key));
    auto m = s.demands().merge(key);
    if (!m) {
        return QStringLiteral("merge %1: %2").arg(key, m.error().toString());
    }
    if (!m->merged) {
        return QStringLiteral("merge %1 conflicted").arg(key);
    }
    return {};
}

/// Governance and operations after the plan: ops-web's approval rules and policy changed (with
/// history), metrics rows as `trackplanctl validate --db` writes them (tp_validate is another
/// library: written here with the store's Database), a publish and a failed rollback.
QString addOperations(Store& s)
{
    s.setActor(QStringLiteral("bob"));
    auto rules = s.governance().approvalRules(QStringLiteral("ops-web"));
    TP_STEP(rules);
    ApprovalRules changed = *rules;
    changed.rules = {ApprovalRule{ApprovalCondition::AnyChange, {Approver::DataSteward}},
                     ApprovalRule{ApprovalCondition::SensitiveAttribute, {Approver::DataSteward, Approver::Admin}}};
    TP_STEP(s.governance().setApprovalRules(changed, S("敏感属性需要管理员")));
    auto policy = s.plan().policy(QStringLiteral("ops-web"));
    TP_STEP(policy);
    GovernancePolicy p = *policy;
    p.levels[3].samplingRate = 0.5;
    TP_STEP(s.plan().setPolicy(p, S("实时采样减半")));

    struct Metric {
        const char* app;
        const char* day;
        const char* event;
        qint64 pv, uv, invalid;
    };
    // Events as sent: unplanned ones too, with case and non-ASCII text (sorted the same on both backends).
    const Metric metrics[] = {
        {"shop-app", "2026-03-02", "order_submit", 9007199254740, 120, 3},
        {"shop-app", "2026-03-01", "order_submit", 1200, 300, 0},
        {"shop-app", "2026-03-01", "Order_Submit", 7, 2, 7},
        {"shop-app", "2026-03-01", "页面_浏览", 5, 5, 5},
        {"shop-app", "2026-03-01", "page_view", 4000, 1500, 12},
        {"ops-web", "2026-03-01", "report_export", 3, 1, 0},
    };
    for (const Metric& m : metrics) {
        auto appId = s.context().appId(QLatin1String(m.app));
        TP_STEP(appId);
        TP_STEP(s.db().change(QStringLiteral("INSERT INTO metrics (app_id, day, event, pv, uv, invalid, source, "
                                             "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                              {*appId, QLatin1String(m.day), S(m.event), m.pv, m.uv, m.invalid,
                               QStringLiteral("validate"), s.context().nowText()}));
    }

    PublishRecord publish;
    publish.appKey = QStringLiteral("shop-app");
    publish.redisTarget = QStringLiteral("redis://127.0.0.1:6390/0");
    publish.snapshotId = QStringLiteral("s-0002");
    publish.versions = {{QStringLiteral("1.0.0"), QStringLiteral("s-0001")},
                        {QStringLiteral("1.1.0"), QStringLiteral("s-0002")}};
    publish.details = QStringLiteral("{\"schemas\":5}");
    TP_STEP(PublishHistory(s.context()).record(publish));
    PublishRecord rollback;
    rollback.appKey = QStringLiteral("shop-app");
    rollback.action = PublishRecord::Action::Rollback;
    rollback.redisTarget = QStringLiteral("redis://127.0.0.1:6390/0");
    rollback.ok = false;
    rollback.details = S("连接被拒绝 \"refused\"");
    TP_STEP(PublishHistory(s.context()).record(rollback));
    return {};
}

} // namespace

Attribute attribute(const char* key, const char* displayName, AttrType type)
{
    Attribute a;
    a.key = QLatin1String(key);
    a.displayName = S(displayName);
    a.description = S("Description of ") + a.key;
    a.type = type;
    return a;
}

Demand demand(const char* app, const char* title, QStringList targets)
{
    Demand d;
    d.appKey = QLatin1String(app);
    d.title = S(title);
    d.description = S("Why: ") + d.title;
    d.priority = Priority::P1;
    d.externalLink = QStringLiteral("https://jira.example.com/browse/TP-1");
    d.targetVersions = std::move(targets);
    return d;
}

/// A small but complete store: two apps, users, a policy edit, attributes of most types
/// (enum with Chinese labels, regex, min/max), events with ordered bindings, demands in every
/// status with pending create/update/delete changes, merged demands with revisions, frozen and
/// released versions with snapshots and a planning version with assigned demands.
/// A fake clock makes it the same on both backends. Returns an error text, empty on success.
QString buildSource(Store& s)
{
    auto tick = std::make_shared<qint64>(0);
    s.setClock([tick] { return QDateTime(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC).addMSecs(1500 * ++*tick); });
    s.setActor(QStringLiteral("alice"));

    TP_STEP(s.plan().createUser(User{QStringLiteral("alice"), S("王爱丽"), Role::Admin, 0}));
    TP_STEP(s.plan().createUser(User{QStringLiteral("bob"), S("Bob \"the steward\""), Role::DataSteward, 0}));
    TP_STEP(s.plan().createUser(User{QStringLiteral("carol"), S("Carol"), Role::DataSteward, 0}));
    TP_STEP(s.plan().createUser(User{QStringLiteral("dora"), S("Dora"), Role::Analyst, 0}));

    TP_STEP(s.plan().createApp(App{QStringLiteral("shop-app"),
                                   S("商城 App"),
                                   S("Customer app\nwith two lines"),
                                   {QStringLiteral("android"), QStringLiteral("ios"), QStringLiteral("web")},
                                   0}));
    TP_STEP(s.plan().createApp(App{QStringLiteral("ops-web"), S("运营后台"), QString(), {QStringLiteral("web")}, 0}));
    auto ops = s.plan().app(QStringLiteral("ops-web"));
    TP_STEP(ops);
    App opsEdited = *ops;
    opsEdited.description = S("Back office, edited once");
    TP_STEP(s.plan().updateApp(opsEdited));

    auto policy = s.plan().policy(QStringLiteral("shop-app"));
    TP_STEP(policy);
    GovernancePolicy p = *policy;
    p.levels[2].samplingRate = 0.25;
    p.levels[1].realtime = true;
    TP_STEP(s.plan().setPolicy(p));

    // DEM-0001: the first plan of shop-app.
    auto d1 = s.demands().create(demand("shop-app", "下单埋点 first plan"));
    TP_STEP(d1);
    Attribute orderId = attribute("order_id", "订单号", AttrType::String);
    orderId.pattern = QStringLiteral("^[A-Z]{2}[0-9]{6}$");
    orderId.maxLength = 8;
    orderId.example = QStringLiteral("AB123456");
    orderId.privacy = Privacy::Pseudonymous;
    orderId.groups = {QStringLiteral("order")};
    Attribute payMethod = attribute("pay_method", "支付方式", AttrType::Enum);
    payMethod.enumValues = {{QStringLiteral("alipay"), S("支付宝")},
                            {QStringLiteral("wechat"), S("微信支付")},
                            {QStringLiteral("card"), S("银行卡 💳")}};
    payMethod.example = QStringLiteral("alipay");
    Attribute amount = attribute("amount", "金额", AttrType::Number);
    amount.minValue = 0;
    amount.maxValue = 100000.5;
    amount.unit = QStringLiteral("CNY");
    amount.example = QStringLiteral("12.5");
    amount.groups = {QStringLiteral("order"), QStringLiteral("money")};
    Attribute quantity = attribute("quantity", "数量", AttrType::Integer);
    quantity.minValue = 1;
    quantity.maxValue = 99;
    Attribute firstOrder = attribute("is_first_order", "首单", AttrType::Boolean);
    firstOrder.example = QStringLiteral("true");
    Attribute itemIds = attribute("item_ids", "商品 ID 列表", AttrType::ArrayString);
    itemIds.maxLength = 32;
    Attribute clientTs = attribute("client_ts", "客户端时间", AttrType::DateTime);
    clientTs.common = true;
    Attribute temperature = attribute("temperature", "温度", AttrType::Number); // numbers that must not drift
    temperature.minValue = -273.15;
    temperature.maxValue = 1e21;
    temperature.example = QStringLiteral("36.6");
    Attribute coupon = attribute("coupon_code", "优惠码", AttrType::String);
    coupon.privacy = Privacy::Personal;
    for (const Attribute& a :
         {orderId, payMethod, amount, quantity, firstOrder, itemIds, clientTs, temperature, coupon}) {
        TP_STEP(s.demands().saveAttribute(d1->key, a));
    }
    Event submit = event("order_submit", "提交订单",
                         {bind("order_id", true), bind("amount", true), bind("pay_method", false, "选填"),
                          bind("quantity", true), bind("coupon_code", false)});
    submit.level = Level::A;
    submit.status = EventStatus::Live;
    submit.tags = {QStringLiteral("order"), QStringLiteral("core")};
    submit.introducedIn = QStringLiteral("1.0.0");
    Event pageView = event("page_view", "页面浏览", {bind("item_ids", false)});
    pageView.level = Level::C;
    pageView.platforms << QStringLiteral("web");
    Event cartAdd = event("cart_add", "加入购物车", {bind("item_ids", true), bind("quantity", true)});
    for (const Event& e : {submit, pageView, cartAdd}) {
        TP_STEP(s.demands().saveEvent(d1->key, e));
    }
    if (QString f = mergeDemand(s, d1->key); !f.isEmpty()) {
        return f;
    }

    // 1.0.0 released; 1.1.0 gets DEM-0002, which updates, creates and deletes.
    TP_STEP(s.versions().create(Version{QStringLiteral("shop-app"),
                                        QStringLiteral("1.0.0"),
                                        VersionStatus::Planning,
                                        S("首个版本"),
                                        {},
                                        {},
                                        {},
                                        {},
                                        0}));
    TP_STEP(s.versions().freeze(QStringLiteral("shop-app"), QStringLiteral("1.0.0")));
    TP_STEP(s.versions().release(QStringLiteral("shop-app"), QStringLiteral("1.0.0")));
    TP_STEP(s.versions().create(Version{
        QStringLiteral("shop-app"), QStringLiteral("1.1.0"), VersionStatus::Planning, QString(), {}, {}, {}, {}, 0}));
    auto d2 = s.demands().create(demand("shop-app", "Refunds; tidy the order event", {QStringLiteral("1.1.0")}));
    TP_STEP(d2);
    Attribute amount2 = amount;
    amount2.maxValue = 50000;
    TP_STEP(s.demands().saveAttribute(d2->key, amount2));
    auto current = s.plan().event(QStringLiteral("shop-app"), QStringLiteral("order_submit"));
    TP_STEP(current);
    Event submit2 = *current;
    submit2.description = S("Fires once the order is accepted by the server (改)");
    submit2.bindings = {bind("amount", true), bind("order_id", true), bind("is_first_order", false, "新增"),
                        bind("pay_method", false, "选填"), bind("quantity", true)};
    TP_STEP(s.demands().saveEvent(d2->key, submit2));
    auto cart = s.plan().event(QStringLiteral("shop-app"), QStringLiteral("cart_add"));
    TP_STEP(cart);
    Event cart2 = *cart; // released in 1.0.0: retired, not deleted
    cart2.status = EventStatus::Deprecated;
    cart2.deprecatedIn = QStringLiteral("1.1.0");
    TP_STEP(s.demands().saveEvent(d2->key, cart2));
    Event refund = event("refund_apply", "申请退款", {bind("order_id", true), bind("amount", false)});
    refund.level = Level::B;
    TP_STEP(s.demands().saveEvent(d2->key, refund));
    TP_STEP(s.demands().saveAttribute(d2->key, attribute("debug_token", "调试", AttrType::String)));
    Event debugPing = event("debug_ping", "调试", {bind("debug_token", true)});
    debugPing.level = Level::D;
    TP_STEP(s.demands().saveEvent(d2->key, debugPing));
    if (QString f = mergeDemand(s, d2->key); !f.isEmpty()) {
        return f;
    }
    // DEM-0003: merged deletions of what was never released.
    auto d3 = s.demands().create(demand("shop-app", "Remove the debug event", {QStringLiteral("1.1.0")}));
    TP_STEP(d3);
    TP_STEP(s.demands().remove(d3->key, EntityKind::Event, QStringLiteral("debug_ping")));
    TP_STEP(s.demands().remove(d3->key, EntityKind::Attribute, QStringLiteral("debug_token")));
    if (QString f = mergeDemand(s, d3->key); !f.isEmpty()) {
        return f;
    }
    TP_STEP(s.versions().freeze(QStringLiteral("shop-app"), QStringLiteral("1.1.0")));
    TP_STEP(s.versions().release(QStringLiteral("shop-app"), QStringLiteral("1.1.0")));

    // 1.2.0 in planning: a merged demand, a draft (pending create/update/delete), one in review.
    TP_STEP(s.versions().create(Version{QStringLiteral("shop-app"),
                                        QStringLiteral("1.2.0"),
                                        VersionStatus::Planning,
                                        S("下一个版本"),
                                        {},
                                        {},
                                        {},
                                        {},
                                        0}));
    s.setActor(QStringLiteral("bob"));
    auto d4 = s.demands().create(demand("shop-app", "Share button", {QStringLiteral("1.2.0")}));
    TP_STEP(d4);
    TP_STEP(s.demands().saveEvent(d4->key, event("share_click", "分享", {bind("item_ids", false)})));
    if (QString f = mergeDemand(s, d4->key); !f.isEmpty()) {
        return f;
    }
    auto d5 = s.demands().create(demand("shop-app", "Refund reasons (draft)", {QStringLiteral("1.2.0")}));
    TP_STEP(d5);
    Attribute reason = attribute("refund_reason", "退款原因", AttrType::Enum);
    reason.enumValues = {{QStringLiteral("damaged"), S("商品损坏")}, {QStringLiteral("late"), S("配送太慢")}};
    TP_STEP(s.demands().saveAttribute(d5->key, reason));
    auto pv = s.plan().event(QStringLiteral("shop-app"), QStringLiteral("page_view"));
    TP_STEP(pv);
    Event pageView2 = *pv;
    pageView2.level = Level::B;
    pageView2.tags = {QStringLiteral("traffic")};
    TP_STEP(s.demands().saveEvent(d5->key, pageView2));
    TP_STEP(s.demands().remove(d5->key, EntityKind::Event, QStringLiteral("share_click")));
    auto d6 = s.demands().create(demand("shop-app", "In review: quantity limit", {QStringLiteral("1.2.0")}));
    TP_STEP(d6);
    Attribute quantity2 = quantity;
    quantity2.maxValue = 999;
    TP_STEP(s.demands().saveAttribute(d6->key, quantity2));
    // Its review: comments on the demand and on one change, a request for changes, a second
    // round, the levels decided (one rejected) and an owner's sign-off with a comment.
    Event couponApply = event("coupon_apply", "使用优惠券", {bind("coupon_code", true)});
    couponApply.level = Level::C;
    Event wishlist = event("wishlist_add", "加入心愿单", {bind("item_ids", true)});
    wishlist.level = Level::D;
    TP_STEP(s.demands().saveEvent(d6->key, couponApply));
    TP_STEP(s.demands().saveEvent(d6->key, wishlist));
    TP_STEP(s.demands().submit(d6->key));
    TP_STEP(s.reviews().comment(d6->key, S("上限为什么是 999？")));
    TP_STEP(s.reviews().comment(d6->key, S("请写明单位\n（件）"), EntityKind::Attribute, QStringLiteral("quantity")));
    TP_STEP(s.demands().requestChanges(d6->key, S("请补充说明")));
    TP_STEP(s.demands().submit(d6->key, QStringLiteral("explained in the description")));
    TP_STEP(s.reviews().decideLevels({{d6->key, QStringLiteral("coupon_apply")}}, true, S("同意 C 级")));
    TP_STEP(s.reviews().decideLevels({{d6->key, QStringLiteral("wishlist_add")}}, false, S("D 级需要更多理由")));
    s.setActor(QStringLiteral("alice"));
    TP_STEP(s.reviews().signOff(d6->key, S("负责人同意")));
    s.setActor(QStringLiteral("bob"));

    // Rejected, cancelled and approved-but-not-merged demands.
    auto d7 = s.demands().create(demand("shop-app", "Rejected idea"));
    TP_STEP(d7);
    TP_STEP(s.demands().saveAttribute(d7->key, attribute("mood", "心情", AttrType::String)));
    TP_STEP(s.demands().submit(d7->key));
    TP_STEP(s.demands().reject(d7->key, S("不需要")));
    auto d8 = s.demands().create(demand("shop-app", "Cancelled idea"));
    TP_STEP(d8);
    TP_STEP(s.demands().cancel(d8->key));
    auto d9 = s.demands().create(demand("shop-app", "Approved, waiting"));
    TP_STEP(d9);
    Attribute itemIds2 = itemIds;
    itemIds2.description = S("Approved but not merged yet");
    TP_STEP(s.demands().saveAttribute(d9->key, itemIds2));
    TP_STEP(s.demands().submit(d9->key));
    TP_STEP(s.demands().approve(d9->key));

    // ops-web: one merged demand and a frozen (not released) version.
    s.setActor(QStringLiteral("carol"));
    auto d10 = s.demands().create(demand("ops-web", "Back office export"));
    TP_STEP(d10);
    Attribute operatorId = attribute("operator_id", "操作员", AttrType::String);
    operatorId.privacy = Privacy::Sensitive;
    TP_STEP(s.demands().saveAttribute(d10->key, operatorId));
    Event exportEvent = event("report_export", "导出报表", {bind("operator_id", true, "who")});
    exportEvent.platforms = {QStringLiteral("web")};
    TP_STEP(s.demands().saveEvent(d10->key, exportEvent));
    if (QString f = mergeDemand(s, d10->key); !f.isEmpty()) {
        return f;
    }
    TP_STEP(s.versions().create(Version{
        QStringLiteral("ops-web"), QStringLiteral("0.9.0"), VersionStatus::Planning, QString(), {}, {}, {}, {}, 0}));
    TP_STEP(s.versions().freeze(QStringLiteral("ops-web"), QStringLiteral("0.9.0")));
    return addOperations(s);
}

#undef TP_STEP
#undef TP_STEP

} // namespace tp::test
