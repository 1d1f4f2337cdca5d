#pragma once

// A small plan written through the store's public workflow (demand → save → submit →
// approve → merge), shared by the view tests.

#include "store.h"
#include "support/review.h"

#include <QByteArray>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace tp::test {

/// The error of a failed result for a test message; empty on success (QVERIFY2 evaluates
/// its message even when the check passes).
template <typename T> inline QByteArray errorText(const Result<T>& r)
{
    return r.ok() ? QByteArray() : r.error().toString().toUtf8();
}

inline Attribute makeAttribute(const QString& key, const QString& name, AttrType type, bool common = false)
{
    Attribute a;
    a.key = key;
    a.displayName = name;
    a.description = QStringLiteral("Test attribute %1.").arg(key);
    a.type = type;
    a.common = common;
    return a;
}

inline Event makeEvent(const QString& key, const QString& name, Level level, const QList<Binding>& bindings = {})
{
    Event e;
    e.key = key;
    e.displayName = name;
    e.description = QStringLiteral("Test event %1.").arg(key);
    e.trigger = QStringLiteral("When the test says so");
    e.category = QStringLiteral("order");
    e.platforms = {QStringLiteral("android"), QStringLiteral("ios")};
    e.owner = QStringLiteral("alice");
    e.level = level;
    e.status = EventStatus::Live;
    e.bindings = bindings;
    return e;
}

/// Creates an app and merges one demand with the given attributes and events into it.
inline Status addApp(Store& store, const QString& appKey, const QString& name, const QList<Attribute>& attributes,
                     const QList<Event>& events)
{
    App app;
    app.key = appKey;
    app.name = name;
    app.description = QStringLiteral("Test app %1.").arg(appKey);
    app.platforms = {QStringLiteral("android"), QStringLiteral("ios")};
    if (auto created = store.plan().createApp(app); !created) {
        return created.error();
    }
    if (attributes.isEmpty() && events.isEmpty()) {
        return Ok{};
    }
    Demand d;
    d.appKey = appKey;
    d.title = QStringLiteral("Initial plan of %1").arg(appKey);
    d.description = QStringLiteral("Fixture");
    d.owner = QStringLiteral("alice");
    d.externalLink = QStringLiteral("https://example.com/fixture");
    auto demand = store.demands().create(d);
    if (!demand) {
        return demand.error();
    }
    if (auto saved = store.demands().saveBatch(demand->key, attributes, events); !saved) {
        return saved.error();
    }
    for (auto step : {&DemandService::submit, &DemandService::approve}) {
        if (auto r = (store.demands().*step)(demand->key, QString()); !r) {
            return r.error();
        }
    }
    if (auto levels = tp::test::completeReview(store, demand->key); !levels) {
        return levels.error();
    }
    auto merged = store.demands().merge(demand->key);
    if (!merged) {
        return merged.error();
    }
    if (!merged->merged) {
        return makeError(Error::Code::Conflict, QStringLiteral("fixture merge had conflicts"));
    }
    return Ok{};
}

/// user-app: 5 attributes (city_id common), 5 events; driver-app: no plan yet.
inline Status fillSmallPlan(Store& store)
{
    const QList<Attribute> attributes{
        makeAttribute(QStringLiteral("city_id"), QStringLiteral("城市"), AttrType::Integer, true),
        makeAttribute(QStringLiteral("order_amount"), QStringLiteral("订单金额"), AttrType::Number),
        makeAttribute(QStringLiteral("order_id"), QStringLiteral("订单号"), AttrType::String),
        makeAttribute(QStringLiteral("pay_method"), QStringLiteral("支付方式"), AttrType::String),
        makeAttribute(QStringLiteral("search_word"), QStringLiteral("搜索词"), AttrType::String),
    };
    const QList<Event> events{
        makeEvent(QStringLiteral("banner_click"), QStringLiteral("横幅点击"), Level::A),
        makeEvent(QStringLiteral("home_view"), QStringLiteral("首页浏览"), Level::B),
        makeEvent(QStringLiteral("order_pay"), QStringLiteral("支付订单"), Level::C,
                  {{QStringLiteral("order_id"), true, {}}, {QStringLiteral("pay_method"), false, {}}}),
        makeEvent(QStringLiteral("order_submit"), QStringLiteral("提交订单"), Level::D,
                  {{QStringLiteral("order_id"), true, QStringLiteral("from the order service")},
                   {QStringLiteral("order_amount"), true, {}},
                   {QStringLiteral("pay_method"), false, {}}}),
        makeEvent(QStringLiteral("search_submit"), QStringLiteral("搜索提交"), Level::B,
                  {{QStringLiteral("search_word"), false, {}}}),
    };
    if (Status s = addApp(store, QStringLiteral("user-app"), QStringLiteral("User app"), attributes, events); !s) {
        return s;
    }
    return addApp(store, QStringLiteral("driver-app"), QStringLiteral("Driver app"), {}, {});
}

/// An app with `count` events evt_00000 … (for lazy fetching), bound to one attribute.
inline Status fillLargeApp(Store& store, const QString& appKey, int count)
{
    QList<Event> events;
    events.reserve(count);
    for (int i = 0; i < count; ++i) {
        events << makeEvent(QStringLiteral("evt_%1").arg(i, 5, 10, QLatin1Char('0')), QStringLiteral("事件 %1").arg(i),
                            static_cast<Level>(i % 4), {{QStringLiteral("order_id"), true, {}}});
    }
    return addApp(store, appKey, QStringLiteral("Large app"),
                  {makeAttribute(QStringLiteral("order_id"), QStringLiteral("订单号"), AttrType::String)}, events);
}

/// A store of its own with the small plan, for a test that changes it: a SQLite file in a
/// temporary folder, or the store at `url` (e.g. a database on a PostgreSQL test server).
struct SmallStore {
    QTemporaryDir dir;
    std::unique_ptr<Store> store;
    QString error;
    explicit SmallStore(const QString& url = {})
    {
        auto opened = Store::open(url.isEmpty() ? dir.filePath(QStringLiteral("plan.sqlite")) : url);
        if (!opened) {
            error = opened.error().toString();
            return;
        }
        store = std::move(*opened);
        if (const Status s = fillSmallPlan(*store); !s) {
            error = s.error().toString();
        }
    }
    /// A draft demand of user-app.
    [[nodiscard]] Result<Demand> draft(const QString& title) const
    {
        Demand d;
        d.appKey = QStringLiteral("user-app");
        d.title = title;
        return store->demands().create(d);
    }
    /// A version of user-app, moved on to `status`.
    [[nodiscard]] Result<Version> version(const QString& name, VersionStatus status) const
    {
        const QString app = QStringLiteral("user-app");
        Version v;
        v.appKey = app;
        v.name = name;
        auto created = store->versions().create(v);
        if (created && status != VersionStatus::Planning) {
            created = store->versions().freeze(app, name);
        }
        if (created && status == VersionStatus::Released) {
            created = store->versions().release(app, name);
        }
        return created;
    }
};

} // namespace tp::test
