#pragma once

// Small builders for store tests: valid attributes/events and a whole demand round trip.

#include "store.h"
#include "support/review.h"

#include <QTest>

namespace tp::test {

inline Attribute makeAttr(const QString& key, AttrType type = AttrType::String)
{
    Attribute a;
    a.key = key;
    a.displayName = QStringLiteral("属性 ") + key;
    a.description = QStringLiteral("Attribute %1").arg(key);
    a.type = type;
    if (type == AttrType::Enum) {
        a.enumValues = {{QStringLiteral("a"), QStringLiteral("甲")}, {QStringLiteral("b"), QStringLiteral("乙")}};
    }
    return a;
}

inline Event makeEvent(const QString& key, const QList<Binding>& bindings = {})
{
    Event e;
    e.key = key;
    e.displayName = QStringLiteral("事件 ") + key;
    e.description = QStringLiteral("Event %1").arg(key);
    e.trigger = QStringLiteral("when %1 happens").arg(key);
    e.category = QStringLiteral("下单页");
    e.platforms = {QStringLiteral("android"), QStringLiteral("ios")};
    e.owner = QStringLiteral("alice");
    e.bindings = bindings;
    return e;
}

inline App makeApp(const QString& key)
{
    return App{key, QStringLiteral("应用 ") + key, QString(), {QStringLiteral("android"), QStringLiteral("ios")}, 0};
}

/// Creates a demand on `appKey`, saves the given states, submits, approves and merges it.
/// Returns the demand key, or an empty string after QTest failure reporting.
inline QString mergeDemand(Store& store, const QString& appKey, const QList<Attribute>& attrs,
                           const QList<Event>& events, const QString& title = QStringLiteral("demand"))
{
    Demand d;
    d.appKey = appKey;
    d.title = title;
    auto created = store.demands().create(d);
    if (!created) {
        qWarning("create: %s", qPrintable(created.error().message));
        return {};
    }
    const QString key = created->key;
    for (const Attribute& a : attrs) {
        if (auto c = store.demands().saveAttribute(key, a); !c) {
            qWarning("saveAttribute %s: %s", qPrintable(a.key), qPrintable(c.error().message));
            return {};
        }
    }
    for (const Event& e : events) {
        if (auto c = store.demands().saveEvent(key, e); !c) {
            qWarning("saveEvent %s: %s", qPrintable(e.key), qPrintable(c.error().message));
            return {};
        }
    }
    if (auto s = store.demands().submit(key); !s) {
        qWarning("submit: %s", qPrintable(s.error().message));
        return {};
    }
    if (auto s = store.demands().approve(key); !s) {
        qWarning("approve: %s", qPrintable(s.error().message));
        return {};
    }
    if (auto s = tp::test::completeReview(store, key); !s) {
        qWarning("levels: %s", qPrintable(s.error().message));
        return {};
    }
    auto m = store.demands().merge(key);
    if (!m || !m->merged) {
        qWarning("merge failed: %s", m ? "conflicts" : qPrintable(m.error().message));
        return {};
    }
    return key;
}

/// An audit filter by entity type and action prefix (empty: any), `limit` newest rows (0: all).
/// (Aggregate initialisation would have to name every field: -Wmissing-field-initializers.)
inline AuditFilter auditFilter(const QString& entityType, const QString& action, int limit = 0)
{
    AuditFilter f;
    f.entityType = entityType;
    f.action = action;
    f.limit = limit;
    return f;
}

inline std::unique_ptr<Store> openStore(const QString& url)
{
    auto s = Store::open(url);
    if (!s) {
        qFatal("cannot open %s: %s", qPrintable(url), qPrintable(s.error().message));
    }
    return std::move(*s);
}

} // namespace tp::test
