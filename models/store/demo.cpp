#include "demo.h"

#include "demorunner.h"
#include "enums.h"

namespace tp {
namespace demo {
namespace {

constexpr int kMaxEvents = 100000;
constexpr int kCycleDays = 14;          ///< two-week release train
constexpr int kShares[] = {50, 35, 15}; ///< generated events per app, in percent, in demoApps() order

QDateTime demoEpoch()
{
    return QDateTime(QDate(2026, 1, 5), QTime(9, 0), Qt::UTC);
}

Error withContext(Error e, const QString& what)
{
    if (e.code != Error::Code::Cancelled) {
        e.message = QStringLiteral("%1: %2").arg(what, e.message);
    }
    return e;
}

int handMadeEvents(const QList<AppSpec>& apps)
{
    int n = 0;
    for (const AppSpec& app : apps) {
        for (const DemandSpec& d : app.demands) {
            if (d.outcome != DemandStatus::Merged) {
                continue;
            }
            if (!d.batch.isEmpty()) {
                n += int(std::count_if(app.events.begin(), app.events.end(),
                                       [&d](const EventSpec& e) { return e.batch == d.batch; }));
            }
            n -= int(d.removeEvents.size());
        }
    }
    return n;
}

} // namespace

Runner::Runner(Store& store, const DemoOptions& options)
    : m_store(store)
    , m_options(options)
    , m_random(options.seed)
    , m_meter(options.progress)
    , m_now(std::make_shared<QDateTime>(demoEpoch()))
{
}

Result<DemoSummary> Runner::run()
{
    if (m_options.events < 0 || m_options.events > kMaxEvents) {
        return makeError(Error::Code::Validation,
                         QCoreApplication::translate("tp::demo", "The demo can have between 0 and %1 events, not %2.")
                             .arg(kMaxEvents)
                             .arg(m_options.events));
    }
    if (auto allowed = m_store.require(Permission::LoadStore); !allowed) {
        return allowed.error();
    }
    auto empty = m_store.isEmpty();
    if (!empty) {
        return empty.error();
    }
    if (!*empty) {
        return makeError(
            Error::Code::InvalidState,
            QCoreApplication::translate(
                "tp::demo", "The store already holds data; demo data can only be generated into an empty store."));
    }
    m_store.setClock([now = m_now] { return *now; });

    const QList<AppSpec> specs = demoApps();
    Q_ASSERT(specs.size() == qsizetype(std::size(kShares)));
    const int generated = std::max(0, m_options.events - handMadeEvents(specs));
    qint64 units = 0;
    int shared = 0;
    for (qsizetype i = 0; i < specs.size(); ++i) {
        AppState app;
        app.spec = specs.at(i);
        for (const Attribute& a : std::as_const(app.spec.attributes)) {
            app.catalogue.insert(a.key, a);
        }
        const int count = i + 1 == specs.size() ? generated - shared : generated * kShares[i] / 100;
        shared += count;
        app.generator = std::make_unique<EventGenerator>(app.spec, count, m_random);
        // Generated events arrive evenly with the versions (the first version's share stands for
        // tracking that existed before the platform), so every diff grows with N. Evenly rather
        // than front-loaded also keeps the sum of snapshot sizes, which freezing costs, low.
        const int versions = int(app.spec.versions.size());
        for (int v = 0; v < versions; ++v) {
            app.generated.append(count / versions + (v < count % versions ? 1 : 0));
        }
        // Units: hand-made demands and versions count one each; generated events count twice
        // (saved, merged) and their attributes once.
        units += app.spec.demands.size() + 2 * app.spec.versions.size() + 2 * count + app.generator->poolSize();
        m_apps.push_back(std::move(app));
    }
    m_meter.setTotal(units);

    if (auto s = setUp(); !s) {
        return s.error();
    }
    int lastCycle = 0;
    for (const AppState& app : m_apps) {
        for (const VersionSpec& v : app.spec.versions) {
            lastCycle = std::max(lastCycle, v.cycle);
        }
    }
    for (int cycle = 0; cycle <= lastCycle; ++cycle) {
        *m_now = std::max(*m_now, demoEpoch().addDays(qint64(kCycleDays) * cycle));
        for (AppState& app : m_apps) {
            for (int i = 0; i < app.spec.versions.size(); ++i) {
                if (app.spec.versions.at(i).cycle == cycle) {
                    if (auto s = playVersion(app, i); !s) {
                        return s.error();
                    }
                }
            }
        }
    }
    auto summary = summarize();
    if (summary && !m_meter.finish(QCoreApplication::translate("tp::demo", "Demo data complete"))) {
        return cancelledError();
    }
    return summary;
}

Status Runner::setUp()
{
    if (!m_meter.at(0, QCoreApplication::translate("tp::demo", "Creating users and apps"))) {
        return cancelledError();
    }
    as(QStringLiteral("admin"));
    for (const User& u : demoUsers()) {
        tick();
        if (auto r = m_store.plan().createUser(u); !r) {
            return r.error();
        }
    }
    for (const AppState& app : m_apps) {
        tick();
        if (auto r = m_store.plan().createApp(app.spec.app); !r) {
            return r.error();
        }
    }
    // The customer app samples its B-level events: the analytics tool is billed by volume.
    const AppState& user = m_apps.front();
    as(user.spec.steward);
    auto policy = m_store.plan().policy(user.spec.app.key);
    if (!policy) {
        return policy.error();
    }
    for (LevelPolicy& l : policy->levels) {
        if (l.level == Level::B) {
            l.samplingRate = 0.2;
        }
    }
    tick();
    return toStatus(m_store.plan().setPolicy(*policy));
}

Status Runner::playVersion(AppState& app, int index)
{
    const VersionSpec& spec = app.spec.versions.at(index);
    const QString& appKey = app.spec.app.key;
    if (!m_meter.advance(1,
                         QCoreApplication::translate("tp::demo", "%1 %2: hand-made demands").arg(appKey, spec.name))) {
        return cancelledError();
    }
    as(app.spec.steward);
    tick();
    Version v;
    v.appKey = appKey;
    v.name = spec.name;
    v.description = spec.description;
    if (auto r = m_store.versions().create(v); !r) {
        return r.error();
    }
    if (index > 0) {
        const VersionStatus previous = app.spec.versions.at(index - 1).finalStatus;
        if (previous != VersionStatus::Planning) {
            const EventStatus status = previous == VersionStatus::Released ? EventStatus::Live : EventStatus::Testing;
            if (auto s = settle(app, index - 1, index, status); !s) {
                return s;
            }
        }
    }
    for (const DemandSpec& d : std::as_const(app.spec.demands)) {
        if (d.version != spec.name) {
            continue;
        }
        if (auto s = playDemand(app, d, index); !s) {
            return withContext(s.error(), QStringLiteral("%1 \"%2\"").arg(appKey, d.title));
        }
        if (!m_meter.advance(
                1, QCoreApplication::translate("tp::demo", "%1 %2: hand-made demands").arg(appKey, spec.name))) {
            return cancelledError();
        }
    }
    if (auto s = playGenerated(app, index); !s) {
        return s;
    }
    if (spec.finalStatus == VersionStatus::Planning) {
        return Ok{};
    }
    as(app.spec.steward);
    tick();
    if (auto r = m_store.versions().freeze(appKey, spec.name); !r) {
        return withContext(r.error(), QStringLiteral("%1 %2").arg(appKey, spec.name));
    }
    if (spec.finalStatus == VersionStatus::Released) {
        tick();
        if (auto r = m_store.versions().release(appKey, spec.name); !r) {
            return r.error();
        }
    }
    return m_meter.advance(1, QCoreApplication::translate("tp::demo", "%1 %2: snapshot taken").arg(appKey, spec.name))
        ? Status(Ok{})
        : Status(cancelledError());
}

Result<DemoSummary> Runner::summarize()
{
    // Counted from what the script merged rather than by loading the plans: at 100 000 events
    // loading a million bindings again would cost seconds. tst_demo checks both agree.
    DemoSummary s;
    auto users = m_store.plan().users();
    auto demands = m_store.demands().list();
    if (!users || !demands) {
        return !users ? users.error() : demands.error();
    }
    s.apps = int(m_apps.size());
    s.users = int(users->size());
    s.demands = int(demands->size());
    for (const AppState& app : m_apps) {
        auto versions = m_store.versions().list(app.spec.app.key);
        if (!versions) {
            return versions.error();
        }
        s.versions += int(versions->size());
        s.events += int(app.introduced.size()) + app.generator->eventCount();
        s.attributes += int(app.created.size()) + app.generator->attributeCount();
        s.bindings += int(app.generator->bindingCount());
        for (const auto& [eventKey, version] : app.introduced) {
            auto e = m_store.plan().event(app.spec.app.key, eventKey);
            if (!e) {
                return e.error();
            }
            s.bindings += int(e->bindings.size());
        }
    }
    return s;
}

} // namespace demo

int demoHandMadeEventCount()
{
    return demo::handMadeEvents(demo::demoApps());
}

Result<DemoSummary> generateDemo(Store& store, const DemoOptions& options)
{
    // The demo acts as the people of its script on a clock of its own: the caller's user and
    // clock come back afterwards.
    const QString actor = store.actor();
    auto result = demo::Runner(store, options).run();
    store.setActor(actor);
    store.setClock({});
    return result;
}

} // namespace tp
