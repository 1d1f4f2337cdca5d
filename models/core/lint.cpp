#include "lint.h"

#include "enums.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>
#include <numeric>
#include <span>
#include <vector>

namespace tp {
namespace {

using Severity = Finding::Severity;

/// Messages must not depend on the order of the input.
QStringList sortedList(QStringList list)
{
    list.sort();
    return list;
}

Finding finding(Severity severity, const char* rule, EntityKind kind, const QString& key, QString field,
                QString message)
{
    return Finding{severity, QString::fromLatin1(rule), kind, key, std::move(field), std::move(message)};
}

/// The plan with every binding resolved to its attribute once, so that the entity checks and
/// the plan-wide passes read compact arrays instead of hashing keys again.
struct ResolvedPlan {
    const Plan& plan;
    QHash<QString, const Attribute*> byKey;    ///< first attribute with that key
    std::vector<const Attribute*> attributeOf; ///< all bindings, event by event; nullptr = unknown
    std::vector<char> required;                ///< parallel to attributeOf
    std::vector<qsizetype> firstBinding;       ///< event i: [firstBinding[i], firstBinding[i + 1])

    explicit ResolvedPlan(const Plan& p)
        : plan(p)
    {
        byKey.reserve(p.attributes.size());
        for (const Attribute& a : p.attributes) {
            if (!byKey.contains(a.key)) {
                byKey.insert(a.key, &a);
            }
        }
        std::size_t total = 0;
        for (const Event& e : p.events) {
            total += static_cast<std::size_t>(e.bindings.size());
        }
        attributeOf.reserve(total);
        required.reserve(total);
        firstBinding.reserve(static_cast<std::size_t>(p.events.size()) + 1);
        for (const Event& e : p.events) {
            firstBinding.push_back(static_cast<qsizetype>(attributeOf.size()));
            for (const Binding& b : e.bindings) {
                attributeOf.push_back(byKey.value(b.attributeKey, nullptr));
                required.push_back(b.required ? 1 : 0);
            }
        }
        firstBinding.push_back(static_cast<qsizetype>(attributeOf.size()));
    }
    [[nodiscard]] std::span<const Attribute* const> bindingsOf(qsizetype event) const
    {
        return {attributeOf.data() + firstBinding[event], attributeOf.data() + firstBinding[event + 1]};
    }
    /// Index in plan.attributes, -1 for unknown.
    [[nodiscard]] qsizetype indexOf(const Attribute* a) const { return a ? a - plan.attributes.constData() : -1; }
};

/// Findings bucketed by entity (index in the plan's lists). The final order then comes from one
/// walk over the key-sorted plan plus small per-entity sorts instead of sorting all findings.
struct Collector {
    std::vector<QList<Finding>> events;
    std::vector<QList<Finding>> attributes;

    explicit Collector(const Plan& p)
        : events(static_cast<std::size_t>(p.events.size()))
        , attributes(static_cast<std::size_t>(p.attributes.size()))
    {
    }
    QList<Finding>& event(qsizetype i) { return events[static_cast<std::size_t>(i)]; }
    QList<Finding>& attribute(qsizetype i) { return attributes[static_cast<std::size_t>(i)]; }
};

/// Distributes findings of validateUniqueKeys(keys) to their entities. They come in key order,
/// one per colliding key, so a single forward scan finds each one's index.
void distribute(const QList<Finding>& findings, const QStringList& keys, std::vector<QList<Finding>>& buckets)
{
    qsizetype j = 0;
    for (const Finding& f : findings) {
        while (j < keys.size() && keys.at(j) != f.entityKey) {
            ++j;
        }
        if (j < keys.size()) {
            buckets[static_cast<std::size_t>(j)] << f;
            ++j;
        }
    }
}

/// Appends the buckets in the order sortFindings() defines: by key (entities sharing a key
/// merged), each group sorted on its own.
template <typename T>
void appendInKeyOrder(const QList<T>& entities, std::vector<QList<Finding>>& buckets, QList<Finding>& out)
{
    std::vector<qsizetype> order(buckets.size());
    std::iota(order.begin(), order.end(), qsizetype(0));
    const auto less = [&entities](qsizetype a, qsizetype b) { return entities.at(a).key < entities.at(b).key; };
    if (!std::is_sorted(order.begin(), order.end(), less)) {
        std::stable_sort(order.begin(), order.end(), less);
    }
    for (std::size_t k = 0; k < order.size();) {
        QList<Finding> group = std::move(buckets[static_cast<std::size_t>(order[k])]);
        std::size_t end = k + 1;
        for (; end < order.size() && entities.at(order[end]).key == entities.at(order[k]).key; ++end) {
            group.append(std::move(buckets[static_cast<std::size_t>(order[end])]));
        }
        if (!group.isEmpty()) {
            sortFindings(group);
            out.append(std::move(group));
        }
        k = end;
    }
}

void lintCommon(EntityKind kind, const QString& key, const QString& description, QList<Finding>& out)
{
    if (description.trimmed().isEmpty()) {
        out << finding(Severity::Warning, "description.missing", kind, key, QStringLiteral("description"),
                       QCoreApplication::translate("tp::lint", "%1 has no description.").arg(key));
    }
    // Cheap test first: the regex only runs for keys with "__" or a trailing "_".
    if ((key.contains(QLatin1String("__")) || key.endsWith(QLatin1Char('_'))) && isValidKey(key)) {
        out << finding(Severity::Warning, "key.casing", kind, key, QStringLiteral("key"),
                       QCoreApplication::translate("tp::lint",
                                                   "Key %1 is not lower_snake_case: words are separated "
                                                   "by single underscores.")
                           .arg(key));
    }
}

void lintAppPlatforms(const Event& e, const App& app, QList<Finding>& out)
{
    if (app.platforms.isEmpty()) {
        return;
    }
    for (qsizetype i = 0; i < e.platforms.size(); ++i) {
        const QString& p = e.platforms.at(i);
        if (knownPlatforms().contains(p) && !app.platforms.contains(p)) {
            out << finding(Severity::Warning, "event.platform.not_in_app", EntityKind::Event, e.key,
                           QStringLiteral("platforms[%1]").arg(i),
                           QCoreApplication::translate("tp::lint", "App %1 has no platform %2.").arg(app.key, p));
        }
    }
}

void lintTypeConflicts(const Plan& plan, Collector& out)
{
    const QList<Attribute>& attributes = plan.attributes;
    QList<QString> normalized;
    normalized.reserve(attributes.size());
    QHash<QString, QList<qsizetype>> groups;
    groups.reserve(attributes.size());
    for (qsizetype i = 0; i < attributes.size(); ++i) {
        normalized << normalizedKey(attributes.at(i).key);
        groups[normalized.constLast()].append(i);
    }
    for (qsizetype i = 0; i < attributes.size(); ++i) {
        const QList<qsizetype>& group = groups.value(normalized.at(i));
        if (group.size() < 2) {
            continue;
        }
        const Attribute& a = attributes.at(i);
        QStringList others;
        for (const qsizetype j : group) {
            const Attribute& other = attributes.at(j);
            if (other.type != a.type) {
                others << QStringLiteral("%1 (%2)").arg(other.key, toString(other.type));
            }
        }
        if (!others.isEmpty()) {
            out.attribute(i) << finding(
                Severity::Error, "attribute.type_conflict", EntityKind::Attribute, a.key, QStringLiteral("type"),
                QCoreApplication::translate("tp::lint",
                                            "Attribute %1 (%2) conflicts with %3: the same "
                                            "name with different types.")
                    .arg(a.key, toString(a.type), sortedList(others).join(QLatin1String(", "))));
        }
    }
}

void lintUnused(const ResolvedPlan& r, Collector& out)
{
    const Plan& plan = r.plan;
    std::vector<char> used(static_cast<std::size_t>(plan.attributes.size()), 0);
    std::vector<char> usedByRemoved(used.size(), 0);
    for (qsizetype e = 0; e < plan.events.size(); ++e) {
        std::vector<char>& mark = plan.events.at(e).status == EventStatus::Removed ? usedByRemoved : used;
        for (const Attribute* a : r.bindingsOf(e)) {
            if (a) {
                mark[static_cast<std::size_t>(r.indexOf(a))] = 1;
            }
        }
    }
    for (qsizetype i = 0; i < plan.attributes.size(); ++i) {
        const Attribute& a = plan.attributes.at(i);
        if (a.common || used[i] || r.byKey.value(a.key) != &a) {
            continue; // a duplicate key is reported by key.unique, not as unused
        }
        out.attribute(i) << finding(
            Severity::Warning, "attribute.unused", EntityKind::Attribute, a.key, QString(),
            usedByRemoved[i]
                ? QCoreApplication::translate("tp::lint", "Attribute %1 is only bound by removed events.").arg(a.key)
                : QCoreApplication::translate("tp::lint", "Attribute %1 is not bound by any event.").arg(a.key));
    }
}

/// Events (not removed) per platform of the app, in one pass over the plan.
std::vector<std::vector<qsizetype>> eventsByPlatform(const Plan& plan, const QStringList& platforms)
{
    std::vector<std::vector<qsizetype>> out(static_cast<std::size_t>(platforms.size()));
    for (qsizetype e = 0; e < plan.events.size(); ++e) {
        const Event& ev = plan.events.at(e);
        if (ev.status == EventStatus::Removed) {
            continue;
        }
        for (qsizetype p = 0; p < platforms.size(); ++p) {
            if (ev.platforms.contains(platforms.at(p))) {
                out[static_cast<std::size_t>(p)].push_back(e);
            }
        }
    }
    return out;
}

void lintRequiredOnPlatform(const ResolvedPlan& r, const QString& platform, const std::vector<qsizetype>& events,
                            Collector& out)
{
    const Plan& plan = r.plan;
    const auto n = static_cast<qsizetype>(events.size());
    if (n < kRequiredHeuristicMinEvents) {
        return;
    }
    // requiredBy[a]: events of the platform that bind a as required, each event counted once.
    std::vector<qsizetype> requiredBy(static_cast<std::size_t>(plan.attributes.size()), 0);
    std::vector<qsizetype> lastEvent(requiredBy.size(), -1);
    for (const qsizetype e : events) {
        for (auto b = r.firstBinding[e]; b < r.firstBinding[e + 1]; ++b) {
            const qsizetype a = r.indexOf(r.attributeOf[b]);
            if (a >= 0 && r.required[b] && lastEvent[a] != e) {
                lastEvent[a] = e;
                ++requiredBy[a];
            }
        }
    }
    std::vector<qsizetype> expected;
    for (qsizetype a = 0; a < plan.attributes.size(); ++a) {
        const qsizetype count = requiredBy[a];
        if (!plan.attributes.at(a).common && count < n && count * 100 >= n * kRequiredHeuristicPercent) {
            expected.push_back(a);
        }
    }
    if (expected.empty()) {
        return;
    }
    // 0 = not bound, 1 = bound optional, 2 = bound required; reset per event via `stamp`.
    std::vector<char> state(requiredBy.size(), 0);
    std::vector<qsizetype> stamp(requiredBy.size(), -1);
    for (const qsizetype e : events) {
        for (auto b = r.firstBinding[e]; b < r.firstBinding[e + 1]; ++b) {
            const qsizetype a = r.indexOf(r.attributeOf[b]);
            if (a < 0) {
                continue;
            }
            const char s = r.required[b] ? 2 : 1;
            state[a] = stamp[a] == e ? std::max(state[a], s) : s;
            stamp[a] = e;
        }
        for (const qsizetype a : expected) {
            const char s = stamp[a] == e ? state[a] : 0;
            if (s == 2) {
                continue;
            }
            const QString& attribute = plan.attributes.at(a).key;
            const QString message = s == 1
                ? QCoreApplication::translate("tp::lint",
                                              "Attribute %1 is required on %2 of %3 %4 events but only "
                                              "optional on %5.")
                : QCoreApplication::translate("tp::lint",
                                              "Attribute %1 is required on %2 of %3 %4 events but not "
                                              "bound on %5.");
            const Event& ev = plan.events.at(e);
            out.event(e) << finding(Severity::Warning, "platform.required_missing", EntityKind::Event, ev.key,
                                    QStringLiteral("bindings"),
                                    message.arg(attribute).arg(requiredBy[a]).arg(n).arg(platform, ev.key));
        }
    }
}

} // namespace

QList<Finding> lintPlan(const Plan& plan, const App& app)
{
    const ResolvedPlan resolved(plan);
    Collector found(plan);

    QStringList attributeKeys;
    attributeKeys.reserve(plan.attributes.size());
    for (qsizetype i = 0; i < plan.attributes.size(); ++i) {
        const Attribute& a = plan.attributes.at(i);
        QList<Finding>& bucket = found.attribute(i);
        bucket = validateAttribute(a);
        lintCommon(EntityKind::Attribute, a.key, a.description, bucket);
        attributeKeys << a.key;
    }
    QStringList eventKeys;
    eventKeys.reserve(plan.events.size());
    for (qsizetype i = 0; i < plan.events.size(); ++i) {
        const Event& e = plan.events.at(i);
        QList<Finding>& bucket = found.event(i);
        bucket = validateEventResolved(e, resolved.bindingsOf(i));
        lintCommon(EntityKind::Event, e.key, e.description, bucket);
        lintAppPlatforms(e, app, bucket);
        eventKeys << e.key;
    }
    distribute(validateUniqueKeys(EntityKind::Attribute, attributeKeys), attributeKeys, found.attributes);
    distribute(validateUniqueKeys(EntityKind::Event, eventKeys), eventKeys, found.events);
    lintTypeConflicts(plan, found);
    lintUnused(resolved, found);

    QStringList platforms = app.platforms;
    platforms.removeDuplicates();
    const std::vector<std::vector<qsizetype>> byPlatform = eventsByPlatform(plan, platforms);
    for (qsizetype p = 0; p < platforms.size(); ++p) {
        lintRequiredOnPlatform(resolved, platforms.at(p), byPlatform[static_cast<std::size_t>(p)], found);
    }

    QList<Finding> out;
    appendInKeyOrder(plan.events, found.events, out); // EntityKind::Event sorts first
    appendInKeyOrder(plan.attributes, found.attributes, out);
    return out;
}

} // namespace tp
