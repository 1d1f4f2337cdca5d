#include "plancatalog.h"

#include "applistmodel.h"
#include "attributetablemodel.h"
#include "demandlistmodel.h"
#include "entityjson.h"
#include "enumlabels.h"
#include "eventtablemodel.h"
#include "plandiff.h"
#include "rules.h"
#include "store.h"
#include "versionlistmodel.h"

#include <QThread>
#include <QTimer>

#include <algorithm>
#include <optional>

namespace tp {

/// One background load; written by the worker, read on the catalog's thread after the
/// worker thread has finished.
struct PlanCatalog::Job {
    quint64 generation = 0;
    QString appKey;
    std::optional<Result<Plan>> result;
};

PlanCatalog::PlanCatalog(Store& store, AppListModel* apps, EventTableModel* events, AttributeTableModel* attributes,
                         QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_apps(apps)
    , m_events(events)
    , m_attributes(attributes)
    , m_demands(new DemandListModel(this))
    , m_versions(new VersionListModel(this))
{
}

PlanCatalog::~PlanCatalog()
{
    // A worker only touches its own job and store, never this object: waiting suffices.
    for (const QPointer<QThread>& thread : std::as_const(m_threads)) {
        if (thread) {
            thread->wait();
        }
    }
}

QString PlanCatalog::storeDisplayName() const
{
    return m_store.url().displayString();
}

QString PlanCatalog::actor() const
{
    return m_store.actor();
}

Identity PlanCatalog::identity() const
{
    auto id = m_store.identity();
    return id ? *id : Identity{m_store.actor(), Role::Analyst, Identity::Source::NoRole};
}

QString PlanCatalog::deniedReason(Permission permission) const
{
    auto allowed = m_store.require(permission);
    return allowed ? QString() : allowed.error().message;
}

void PlanCatalog::watchForChanges(int intervalMs)
{
    if (intervalMs <= 0) {
        delete m_watch;
        m_watch = nullptr;
        return;
    }
    if (!m_watch) {
        m_watch = new QTimer(this);
        connect(m_watch, &QTimer::timeout, this, [this] { checkForChanges(); });
    }
    m_watch->start(intervalMs);
}

bool PlanCatalog::checkForChanges()
{
    if (isLoading()) {
        return false; // the load in progress brings the news
    }
    auto stamp = m_store.changeStamp(m_currentApp);
    if (!stamp) {
        if (m_reachable) {
            m_reachable = false;
            Q_EMIT reachabilityChanged(false, stamp.error().message);
        }
        return false;
    }
    if (!m_reachable) {
        // Back after an outage: whatever changed meanwhile is loaded again.
        m_reachable = true;
        m_stamp.clear();
        Q_EMIT reachabilityChanged(true, {});
    }
    if (*stamp == m_stamp) {
        return false;
    }
    // The first two parts of the stamp are about the apps themselves.
    const bool appsMoved = stamp->section(QLatin1Char(':'), 0, 1) != m_stamp.section(QLatin1Char(':'), 0, 1);
    m_stamp = *stamp;
    if (appsMoved) {
        Q_EMIT appsChanged(); // the window reloads the list and keeps the app shown
    } else {
        requestApp(m_currentApp);
    }
    return true;
}

Status PlanCatalog::reloadApps()
{
    auto apps = m_store.plan().apps();
    if (!apps) {
        m_apps->setApps({});
        clearPlan();
        return apps.error();
    }
    m_apps->setApps(std::move(*apps));
    if (!m_currentApp.isEmpty() && m_apps->rowOf(m_currentApp) < 0) {
        clearPlan();
    }
    return Ok{};
}

Status PlanCatalog::selectApp(const QString& appKey)
{
    if (isLoading()) {
        m_pendingGeneration = 0; // supersedes the background load still running
        Q_EMIT loadingChanged(false);
    }
    if (appKey.isEmpty()) {
        clearPlan();
        return Ok{};
    }
    auto plan = m_store.plan().plan(appKey);
    if (!plan) {
        clearPlan();
        return plan.error();
    }
    applyPlan(appKey, std::move(*plan));
    return Ok{};
}

void PlanCatalog::requestApp(const QString& appKey)
{
    if (!m_opener || appKey.isEmpty()) {
        const Status s = selectApp(appKey);
        if (!s) {
            Q_EMIT loadFailed(appKey, s.error());
        }
        return;
    }
    auto job = std::make_shared<Job>();
    job->generation = ++m_lastGeneration;
    job->appKey = appKey;
    QThread* thread = QThread::create([opener = m_opener, job] {
        auto store = opener();
        if (!store) {
            job->result = Result<Plan>(store.error());
            return;
        }
        job->result = (*store)->plan().plan(job->appKey);
    });
    // finished is emitted by the worker thread; the connection queues it to this thread.
    connect(thread, &QThread::finished, this, [this, thread, job] {
        m_threads.removeAll(thread);
        thread->deleteLater();
        finishJob(job);
    });
    m_threads.removeAll(nullptr);
    m_threads.append(thread);
    const bool wasLoading = isLoading();
    m_pendingGeneration = job->generation;
    thread->start();
    if (!wasLoading) {
        Q_EMIT loadingChanged(true);
    }
}

void PlanCatalog::finishJob(const std::shared_ptr<Job>& job)
{
    if (job->generation != m_pendingGeneration) {
        return; // superseded by a newer request
    }
    m_pendingGeneration = 0;
    Q_EMIT loadingChanged(false);
    if (!job->result || !job->result->ok()) {
        clearPlan();
        Q_EMIT loadFailed(job->appKey,
                          job->result ? job->result->error() : makeError(Error::Code::Cancelled, QString()));
        return;
    }
    applyPlan(job->appKey, std::move(job->result->value()));
}

void PlanCatalog::applyPlan(const QString& appKey, Plan plan)
{
    // Attributes first: the event count per attribute reads the events before they move.
    m_attributes->setAttributes(std::move(plan.attributes), plan.events);
    m_events->setEvents(std::move(plan.events));
    m_currentApp = appKey;
    // An app has tens to hundreds of demands: read on this thread, with the plan's arrival.
    if (const Status s = reloadDemands(); !s) {
        Q_EMIT loadFailed(appKey, s.error());
    } else if (const Status v = reloadVersions(); !v) {
        Q_EMIT loadFailed(appKey, v.error());
    }
    Q_EMIT planLoaded(m_currentApp);
}

Status PlanCatalog::setActiveDemand(const QString& key)
{
    if (!key.isEmpty()) {
        auto demand = m_store.demands().demand(key);
        if (!demand) {
            return demand.error();
        }
        if (demand->appKey != m_currentApp || demand->status != DemandStatus::Draft) {
            return makeError(Error::Code::InvalidState,
                             tr("Only a draft demand of the app shown can take edits; %1 is %2.")
                                 .arg(key, demandStatusLabel(demand->status)));
        }
    }
    if (key != m_activeDemand) {
        m_activeDemand = key;
        Q_EMIT activeDemandChanged(m_activeDemand);
    }
    refreshActiveDemand();
    return Ok{};
}

Result<Change> PlanCatalog::saveEvent(const Event& event)
{
    if (m_activeDemand.isEmpty()) {
        return makeError(Error::Code::InvalidState, tr("Choose a draft demand to work under first."));
    }
    auto saved = m_store.demands().saveEvent(m_activeDemand, event);
    refreshActiveDemand();
    return saved;
}

Result<Change> PlanCatalog::saveAttribute(const Attribute& attribute)
{
    if (m_activeDemand.isEmpty()) {
        return makeError(Error::Code::InvalidState, tr("Choose a draft demand to work under first."));
    }
    auto saved = m_store.demands().saveAttribute(m_activeDemand, attribute);
    refreshActiveDemand();
    return saved;
}

std::optional<Attribute> PlanCatalog::pendingAttribute(const QString& key) const
{
    const auto it = m_pendingAttributes.constFind(key);
    return it == m_pendingAttributes.constEnd() ? std::nullopt : std::optional<Attribute>(*it);
}

std::optional<Attribute> PlanCatalog::proposedAttribute(const QString& key) const
{
    if (auto pending = pendingAttribute(key)) {
        return pending;
    }
    if (const Attribute* a = m_attributes->findAttribute(key)) {
        return *a;
    }
    return std::nullopt;
}

QSet<QString> PlanCatalog::takenKeys(EntityKind kind, const QString& except) const
{
    QSet<QString> taken;
    auto add = [&taken, &except](const QString& key) {
        if (key != except) {
            taken.insert(normalizedKey(key));
        }
    };
    if (kind == EntityKind::Event) {
        for (const Event& e : m_events->events()) {
            add(e.key);
        }
    } else {
        for (const Attribute& a : m_attributes->attributes()) {
            add(a.key);
        }
    }
    return taken;
}

Result<QList<Revision>> PlanCatalog::history(EntityKind kind, const QString& key) const
{
    return m_store.plan().history(kind, m_currentApp, key);
}

Status PlanCatalog::discardChange(EntityKind kind, const QString& key)
{
    if (m_activeDemand.isEmpty()) {
        return makeError(Error::Code::InvalidState, tr("Choose a draft demand to work under first."));
    }
    const Status s = m_store.demands().discard(m_activeDemand, kind, key);
    refreshActiveDemand();
    return s;
}

std::optional<Event> PlanCatalog::pendingEvent(const QString& key) const
{
    const auto it = m_pendingEvents.constFind(key);
    return it == m_pendingEvents.constEnd() ? std::nullopt : std::optional<Event>(*it);
}

std::optional<Event> PlanCatalog::proposedEvent(const QString& key) const
{
    if (auto pending = pendingEvent(key)) {
        return pending;
    }
    const int row = m_events->rowOf(key);
    if (row < 0) {
        return std::nullopt;
    }
    return m_events->events().at(row);
}

void PlanCatalog::refreshActiveDemand()
{
    // The active demand's change set, read once per change of it: the tables' marks, the
    // pending new rows and the proposed states the editors and the detail pane start from.
    QSet<QString> pending;
    QSet<QString> pendingAttributes;
    QList<Event> created;
    m_pendingEvents.clear();
    m_pendingAttributes.clear();
    if (!m_activeDemand.isEmpty()) {
        auto demand = m_store.demands().demand(m_activeDemand);
        auto changes = demand && demand->status == DemandStatus::Draft && demand->appKey == m_currentApp
            ? m_store.demands().changes(m_activeDemand)
            : Result<QList<Change>>(makeError(Error::Code::InvalidState, QString()));
        if (!changes) {
            m_activeDemand.clear(); // submitted, cancelled, gone or another app: editing ends
            Q_EMIT activeDemandChanged(m_activeDemand);
        } else {
            for (const Change& c : std::as_const(*changes)) {
                if (c.kind == EntityKind::Attribute) {
                    pendingAttributes.insert(c.entityKey);
                    if (c.op == ChangeOp::Delete) {
                        continue;
                    }
                    const auto parsed = attributeFromJson(c.state);
                    if (const Attribute* a = std::get_if<Attribute>(&parsed)) {
                        m_pendingAttributes.insert(c.entityKey, *a);
                    }
                    continue;
                }
                pending.insert(c.entityKey);
                if (c.op == ChangeOp::Delete) {
                    continue;
                }
                const auto parsed = eventFromJson(c.state, false);
                if (const Event* e = std::get_if<Event>(&parsed)) {
                    m_pendingEvents.insert(c.entityKey, *e);
                    if (c.op == ChangeOp::Create) {
                        created.append(*e);
                    }
                }
            }
        }
    }
    std::sort(created.begin(), created.end(), [](const Event& a, const Event& b) { return a.key < b.key; });
    m_events->setPendingNew(std::move(created));
    m_events->setPendingKeys(std::move(pending));
    m_attributes->setPendingKeys(std::move(pendingAttributes));
    refreshStamp();
}

void PlanCatalog::refreshStamp()
{
    // What the models show now, our own writes included (they need no reload).
    if (auto stamp = m_store.changeStamp(m_currentApp)) {
        m_stamp = *stamp;
    }
}

Status PlanCatalog::reloadDemands()
{
    if (m_currentApp.isEmpty()) {
        m_demands->setDemands({});
        refreshActiveDemand();
        return Ok{};
    }
    DemandFilter filter;
    filter.appKey = m_currentApp;
    auto demands = m_store.demands().list(filter);
    if (!demands) {
        m_demands->setDemands({});
        return demands.error();
    }
    m_demands->setDemands(std::move(*demands));
    refreshActiveDemand();
    return Ok{};
}

Result<Demand> PlanCatalog::createDemand(Demand demand)
{
    if (demand.appKey.isEmpty()) {
        demand.appKey = m_currentApp;
    }
    auto created = m_store.demands().create(demand);
    if (created) {
        static_cast<void>(reloadDemands()); // the demand is made; a failed refresh shows on the next one
    }
    return created;
}

Result<Demand> PlanCatalog::runDemandAction(const QString& key, DemandAction action, const QString& comment)
{
    DemandService& demands = m_store.demands();
    Result<Demand> r = makeError(Error::Code::InvalidState, QString());
    switch (action) {
    case DemandAction::Submit:
        r = demands.submit(key, comment);
        break;
    case DemandAction::Approve:
        r = demands.approve(key, comment);
        break;
    case DemandAction::Reject:
        r = demands.reject(key, comment);
        break;
    case DemandAction::Reopen:
        r = demands.reopen(key, comment);
        break;
    case DemandAction::Cancel:
        r = demands.cancel(key, comment);
        break;
    case DemandAction::RequestChanges:
        r = demands.requestChanges(key, comment);
        break;
    case DemandAction::Merge:
        return makeError(Error::Code::InvalidState, QStringLiteral("runDemandAction: use mergeDemand()"));
    }
    static_cast<void>(reloadDemands()); // also after a failure: someone else may have moved it
    return r;
}

Result<MergeOutcome> PlanCatalog::mergeDemand(const QString& key)
{
    auto outcome = m_store.demands().merge(key);
    if (outcome && outcome->merged) {
        requestApp(m_currentApp); // the plan, its demands and versions
    } else {
        static_cast<void>(reloadDemands());
    }
    return outcome;
}

Status PlanCatalog::reloadVersions()
{
    if (m_currentApp.isEmpty()) {
        m_versions->setVersions({}, {});
        return Ok{};
    }
    auto versions = m_store.versions().list(m_currentApp);
    auto snapshots =
        versions ? m_store.versions().snapshots(m_currentApp) : Result<QList<SnapshotInfo>>(versions.error());
    if (!snapshots) {
        m_versions->setVersions({}, {});
        return snapshots.error();
    }
    m_versions->setVersions(*versions, *snapshots);
    return Ok{};
}

Result<Version> PlanCatalog::createVersion(const QString& name, const QString& description)
{
    Version v;
    v.appKey = m_currentApp;
    v.name = name;
    v.description = description;
    auto created = m_store.versions().create(v);
    // Also after a failure: the name may have been taken by someone else meanwhile.
    static_cast<void>(reloadVersions());
    refreshStamp();
    return created;
}

Status PlanCatalog::setVersionDemands(const QString& name, const QStringList& demandKeys)
{
    const Status s = m_store.versions().setDemands(m_currentApp, name, demandKeys);
    // Also after a failure: someone else may have moved the version or the demands.
    static_cast<void>(reloadVersions());
    static_cast<void>(reloadDemands()); // and the stamp
    return s;
}

Result<Version> PlanCatalog::freezeVersion(const QString& name)
{
    auto frozen = m_store.versions().freeze(m_currentApp, name);
    static_cast<void>(reloadVersions());
    refreshStamp();
    return frozen;
}

Result<Version> PlanCatalog::releaseVersion(const QString& name)
{
    auto released = m_store.versions().release(m_currentApp, name);
    static_cast<void>(reloadVersions());
    refreshStamp();
    return released;
}

Result<PlanCatalog::Comparison> PlanCatalog::compareVersions(const QString& from, const QString& to) const
{
    auto diff = m_store.versions().diff(m_currentApp, from, to);
    if (!diff) {
        return diff.error();
    }
    auto plan = m_store.versions().planAt(m_currentApp, to);
    if (!plan) {
        return plan.error();
    }
    return Comparison{std::move(*diff), std::move(*plan)};
}

Result<QList<ChangeDiff>> PlanCatalog::demandChanges(const QString& demandKey) const
{
    return m_store.demands().diff(demandKey);
}

void PlanCatalog::clearPlan()
{
    m_events->clear();
    m_attributes->clear();
    m_demands->setDemands({});
    m_versions->setVersions({}, {});
    m_currentApp.clear();
    refreshActiveDemand();
    Q_EMIT planLoaded(m_currentApp);
}

} // namespace tp
