// Playing single demands of the demo script through the public store API, as the people of
// the script would: the owner opens and edits, the steward reviews and merges.

#include "demorunner.h"

namespace tp::demo {

Result<QString> Runner::openDemand(const AppState& app, const QString& owner, const QString& version,
                                   const QString& title, const QString& description, Priority priority)
{
    as(owner);
    Demand d;
    d.appKey = app.spec.app.key;
    d.title = title;
    d.description = description;
    d.owner = owner;
    d.priority = priority;
    d.externalLink = QStringLiteral("https://jira.example.com/browse/TRACK-%1").arg(m_random.between(1000, 9999));
    d.targetVersions = {version}; // a product owner targets the version; assigning is the steward's
    tick();
    auto created = m_store.demands().create(d);
    if (!created) {
        return created.error();
    }
    tick();
    return created->key;
}

Status Runner::conclude(const AppState& app, const QString& key, const QString& owner, DemandStatus outcome,
                        const QString& comment)
{
    DemandService& demands = m_store.demands();
    if (outcome == DemandStatus::Draft) {
        return Ok{};
    }
    as(owner);
    tick();
    if (outcome == DemandStatus::Cancelled) {
        return toStatus(demands.cancel(key, comment));
    }
    if (auto r = demands.submit(key); !r) {
        return r.error();
    }
    if (outcome == DemandStatus::InReview) {
        return Ok{};
    }
    as(app.spec.steward);
    tick();
    if (outcome == DemandStatus::Rejected) {
        return toStatus(demands.reject(key, comment));
    }
    if (auto r = demands.approve(key, comment); !r) {
        return r.error();
    }
    // The steward decides the levels the demand sets; owners of core events sign off.
    if (auto r = m_store.reviews().decideAllLevels(key, true, {}); !r) {
        return r.error();
    }
    if (outcome == DemandStatus::Approved) {
        return Ok{};
    }
    auto review = m_store.reviews().state(key);
    if (!review) {
        return review.error();
    }
    for (const Requirement& r : std::as_const(review->requirements)) {
        if (!r.satisfied && r.approver == Approver::EventOwner && !r.user.isEmpty()) {
            as(r.user);
            if (auto s = m_store.reviews().signOff(key); !s) {
                return s.error();
            }
        }
    }
    as(app.spec.steward);
    tick();
    auto merged = demands.merge(key);
    if (!merged) {
        return merged.error();
    }
    if (!merged->merged) {
        // The script never edits what another open demand edits; a conflict is a bug in it.
        return makeError(
            Error::Code::Conflict,
            QStringLiteral("demo demand %1 conflicts on %2").arg(key, merged->conflicts.first().entityKey));
    }
    return Ok{};
}

Event Runner::makeEvent(const AppState& app, const EventSpec& spec, const QString& version, EventStatus status)
{
    Event e;
    e.key = spec.key;
    e.displayName = spec.name;
    e.description = spec.description;
    e.trigger = spec.trigger;
    e.category = spec.category;
    e.tags = splitList(spec.tags);
    e.platforms = spec.platforms.isEmpty() ? app.spec.app.platforms : splitList(spec.platforms);
    e.owner = m_random.pick(app.spec.owners);
    e.level = spec.level;
    e.status = status;
    e.bindings = parseBindings(spec.bindings);
    e.introducedIn = version;
    return e;
}

Status Runner::playDemand(AppState& app, const DemandSpec& spec, int versionIndex)
{
    const QString& appKey = app.spec.app.key;
    auto key = openDemand(app, spec.owner, spec.version, spec.title, spec.description, spec.priority);
    if (!key) {
        return key.error();
    }
    // Events of a merged first version document tracking that is already live; later ones are
    // being implemented when their demand merges; those of open demands are only planned.
    EventStatus createdStatus = EventStatus::Planned;
    if (spec.outcome == DemandStatus::Merged) {
        createdStatus = versionIndex == 0 ? EventStatus::Live : EventStatus::Implementing;
    }
    QList<Attribute> attributes;
    QSet<QString> inDemand;
    QList<Event> events;
    QHash<QString, qsizetype> eventAt;
    QStringList createdEvents;
    auto addAttribute = [&](const Attribute& a) {
        if (!inDemand.contains(a.key)) {
            inDemand.insert(a.key);
            attributes.append(a);
        }
    };
    auto putEvent = [&](const Event& e) {
        if (const auto it = eventAt.constFind(e.key); it != eventAt.constEnd()) {
            events[*it] = e;
        } else {
            eventAt.insert(e.key, events.size());
            events.append(e);
        }
    };
    auto currentEvent = [&](const QString& k) -> Result<Event> {
        if (const auto it = eventAt.constFind(k); it != eventAt.constEnd()) {
            return events.at(*it);
        }
        return m_store.plan().event(appKey, k);
    };

    if (spec.commonAttributes) {
        for (const Attribute& a : std::as_const(app.spec.attributes)) {
            if (a.common && !app.created.contains(a.key)) {
                addAttribute(prepared(a));
            }
        }
    }
    if (!spec.batch.isEmpty()) {
        for (const EventSpec& e : std::as_const(app.spec.events)) {
            if (e.batch == spec.batch) {
                putEvent(makeEvent(app, e, spec.version, createdStatus));
                createdEvents << e.key;
            }
        }
    }
    for (const auto& [eventKey, edit] : spec.eventEdits) {
        auto e = currentEvent(eventKey);
        if (!e) {
            return e.error();
        }
        edit(*e);
        putEvent(*e);
    }
    QStringList removedAttributes = spec.removeAttributes;
    for (const auto& [oldKey, newKey] : spec.replaceAttributes) {
        auto users = m_store.plan().eventsUsing(appKey, oldKey);
        if (!users) {
            return users.error();
        }
        for (const QString& k : std::as_const(*users)) {
            auto e = currentEvent(k);
            if (!e) {
                return e.error();
            }
            for (Binding& b : e->bindings) {
                if (b.attributeKey == oldKey) {
                    b.attributeKey = newKey;
                }
            }
            putEvent(*e);
        }
        removedAttributes << oldKey;
    }
    for (const auto& [attributeKey, edit] : spec.attributeEdits) {
        auto a = m_store.plan().attribute(appKey, attributeKey);
        if (!a) {
            return a.error();
        }
        edit(*a);
        addAttribute(*a);
    }
    // Attributes the events bind that the plan does not have yet come with the demand.
    for (const Event& e : std::as_const(events)) {
        for (const Binding& b : e.bindings) {
            if (app.created.contains(b.attributeKey) || inDemand.contains(b.attributeKey)) {
                continue;
            }
            const auto it = app.catalogue.constFind(b.attributeKey);
            if (it == app.catalogue.constEnd()) {
                return makeError(
                    Error::Code::Validation,
                    QStringLiteral("demo event %1 binds %2, which is not in the catalogue").arg(e.key, b.attributeKey));
            }
            addAttribute(prepared(*it));
        }
    }
    if (!attributes.isEmpty() || !events.isEmpty()) {
        tick();
        if (auto n = m_store.demands().saveBatch(*key, attributes, events); !n) {
            return n.error();
        }
    }
    for (const QString& k : spec.removeEvents) {
        tick();
        if (auto c = m_store.demands().remove(*key, EntityKind::Event, k); !c) {
            return c.error();
        }
    }
    for (const QString& k : std::as_const(removedAttributes)) {
        tick();
        if (auto c = m_store.demands().remove(*key, EntityKind::Attribute, k); !c) {
            return c.error();
        }
    }
    if (auto s = conclude(app, *key, spec.owner, spec.outcome, spec.comment); !s) {
        return s;
    }
    if (spec.outcome == DemandStatus::Merged) {
        for (const Attribute& a : std::as_const(attributes)) {
            app.created.insert(a.key);
        }
        for (const QString& k : std::as_const(removedAttributes)) {
            app.created.remove(k);
        }
        for (const QString& k : std::as_const(createdEvents)) {
            app.introduced.append({k, spec.version});
        }
        app.introduced.removeIf(
            [&spec](const QPair<QString, QString>& p) { return spec.removeEvents.contains(p.first); });
    }
    return Ok{};
}

Status Runner::settle(AppState& app, int releasedIndex, int targetIndex, EventStatus status)
{
    const QString& appKey = app.spec.app.key;
    const QString& released = app.spec.versions.at(releasedIndex).name;
    QList<Event> events;
    for (const auto& [eventKey, version] : std::as_const(app.introduced)) {
        if (version != released) {
            continue;
        }
        auto e = m_store.plan().event(appKey, eventKey);
        if (!e) {
            return e.error();
        }
        if (e->status == EventStatus::Planned || e->status == EventStatus::Implementing
            || (e->status == EventStatus::Testing && status == EventStatus::Live)) {
            e->status = status;
            events.append(*e);
        }
    }
    if (events.isEmpty()) {
        return Ok{};
    }
    const bool live = status == EventStatus::Live;
    const QString owner = app.spec.owners.first();
    auto key = openDemand(app, owner, app.spec.versions.at(targetIndex).name,
                          live ? QStringLiteral("%1 上线验收：埋点状态更新为已上线").arg(released)
                               : QStringLiteral("%1 提测：埋点状态更新为测试中").arg(released),
                          live ? QStringLiteral("%1 已全量发布，QA验收通过的埋点标记为已上线").arg(released)
                               : QStringLiteral("%1 已冻结提测，相关埋点进入测试").arg(released),
                          Priority::P2);
    if (!key) {
        return key.error();
    }
    tick();
    if (auto n = m_store.demands().saveBatch(*key, {}, events); !n) {
        return n.error();
    }
    return conclude(app, *key, owner, DemandStatus::Merged, QStringLiteral("验收通过"));
}

Status Runner::playGenerated(AppState& app, int versionIndex)
{
    const int count = app.generated.value(versionIndex);
    if (count <= 0) {
        return Ok{};
    }
    const VersionSpec& version = app.spec.versions.at(versionIndex);
    EventStatus status = EventStatus::Implementing;
    if (version.finalStatus == VersionStatus::Released) {
        status = EventStatus::Live;
    } else if (version.finalStatus == VersionStatus::Frozen) {
        status = EventStatus::Testing;
    }
    const QString& appKey = app.spec.app.key;
    const int batches = (count + kEventsPerDemand - 1) / kEventsPerDemand;
    for (int b = 0; b < batches; ++b) {
        const int n = count / batches + (b < count % batches ? 1 : 0);
        const GeneratedBatch batch = app.generator->next(n, version.name, status);
        const QString owner = m_random.pick(app.spec.owners);
        const QString title = versionIndex == 0
            ? QStringLiteral("历史埋点迁移（第%1批，共%2批）").arg(b + 1).arg(batches)
            : QStringLiteral("%1 新增埋点（第%2批，共%3批）").arg(version.name).arg(b + 1).arg(batches);
        auto key = openDemand(app, owner, version.name, title,
                              QStringLiteral("批量录入%1个事件、%2个新属性").arg(n).arg(batch.attributes.size()),
                              Priority::P2);
        if (!key) {
            return key.error();
        }
        const QString stage = QCoreApplication::translate("tp::demo", "%1 %2: saving %3 generated events (%4)")
                                  .arg(appKey, version.name)
                                  .arg(n)
                                  .arg(*key);
        const qint64 base = m_meter.done();
        tick();
        auto saved = m_store.demands().saveBatch(
            *key, batch.attributes, batch.events,
            [this, base, &stage](qsizetype done, qsizetype) { return m_meter.at(base + done, stage); });
        if (!saved) {
            return saved.error();
        }
        if (!m_meter.at(base + batch.attributes.size() + n,
                        QCoreApplication::translate("tp::demo", "%1 %2: merging %3").arg(appKey, version.name, *key))) {
            return cancelledError();
        }
        if (auto s = conclude(app, *key, owner, DemandStatus::Merged, QStringLiteral("批量录入，抽检通过")); !s) {
            return s;
        }
        if (!m_meter.advance(
                n, QCoreApplication::translate("tp::demo", "%1 %2: merged %3").arg(appKey, version.name, *key))) {
            return cancelledError();
        }
    }
    return Ok{};
}

} // namespace tp::demo
