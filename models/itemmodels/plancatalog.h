#pragma once

#include "demandservice.h"
#include "reviewservice.h"
#include "storecontext.h"
#include "error.h"
#include "plandiff.h"
#include "types.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QThread;
class QTimer;

namespace tp {

class Store;
class AppListModel;
class EventTableModel;
class AttributeTableModel;
class DemandListModel;
class VersionListModel;
struct ChangeDiff;

/// Read side of the desktop app: loads the apps of a store, and the plan and the demands of
/// the selected app, into the item models the views show. It never shows errors itself; the caller does.
///
/// Loading a plan of 100 000 events takes seconds. With a store opener set, requestApp()
/// loads on a worker thread over a store connection of its own (a Store is per thread) and
/// fills the models on the catalog's thread when done; a newer request supersedes an older one.
class PlanCatalog : public QObject {
    Q_OBJECT
public:
    /// Opens another connection to the same store, for a worker thread.
    using StoreOpener = std::function<Result<std::unique_ptr<Store>>()>;

    /// The store and the models must outlive the catalog.
    PlanCatalog(Store& store, AppListModel* apps, EventTableModel* events, AttributeTableModel* attributes,
                QObject* parent = nullptr);
    /// Waits for loads still running.
    ~PlanCatalog() override;

    /// Enables background loading in requestApp(). Without it requestApp() loads in place.
    void setStoreOpener(StoreOpener opener) { m_opener = std::move(opener); }

    [[nodiscard]] AppListModel* appModel() const { return m_apps; }
    [[nodiscard]] EventTableModel* eventModel() const { return m_events; }
    [[nodiscard]] AttributeTableModel* attributeModel() const { return m_attributes; }
    /// The demands of the current app (owned by the catalog), loaded with its plan.
    [[nodiscard]] DemandListModel* demandModel() const { return m_demands; }
    /// A demand's change set as field-level diffs against the states it was based on.
    [[nodiscard]] Result<QList<ChangeDiff>> demandChanges(const QString& demandKey) const;
    /// Reloads the demands of the current app (after a change of theirs).
    [[nodiscard]] Status reloadDemands();
    /// Creates a draft demand (for the current app when demand.appKey is empty) and reloads
    /// the demands.
    [[nodiscard]] Result<Demand> createDemand(Demand demand);
    /// Moves a demand through the workflow (not Merge, see mergeDemand) and reloads the demands.
    [[nodiscard]] Result<Demand> runDemandAction(const QString& key, DemandAction action, const QString& comment = {});
    /// Merges an approved demand. Merged: the demands, versions and the plan are reloaded (the
    /// plan as requestApp() does). With conflicts nothing changed and they are returned.
    [[nodiscard]] Result<MergeOutcome> mergeDemand(const QString& key);
    /// Where a demand stands in its review: the approvals it needs and has, the levels it sets,
    /// the comments and verdicts of every round.
    [[nodiscard]] Result<ReviewState> reviewState(const QString& demandKey) const;
    /// A comment on a demand, or on one of its changes when `kind` is set. Emits reviewChanged().
    [[nodiscard]] Result<Review> commentDemand(const QString& demandKey, const QString& body,
                                               std::optional<EntityKind> kind = {}, const QString& entityKey = {});
    /// The acting user approves a demand as the owner of events in it. Emits reviewChanged().
    [[nodiscard]] Result<Review> signOffDemand(const QString& demandKey, const QString& comment = {});
    /// Settles one merge conflict of an approved demand with the resolved state (empty: the
    /// removal), based on the revision the conflict showed as theirs. Emits reviewChanged().
    [[nodiscard]] Result<Change> resolveConflict(const QString& demandKey, EntityKind kind, const QString& entityKey,
                                                 const QJsonObject& resolved, int theirsRevision);

    /// The draft demand of the current app that edits go into, empty if none. It ends when
    /// another app is chosen or the demand leaves the draft status.
    [[nodiscard]] QString activeDemand() const { return m_activeDemand; }
    /// Starts working under a draft demand of the current app; an empty key stops.
    [[nodiscard]] Status setActiveDemand(const QString& key);
    /// Saves the proposed state of an event (new or changed) into the active demand's change
    /// set; the store validates it first.
    [[nodiscard]] Result<Change> saveEvent(const Event& event);
    /// Saves the proposed state of an attribute into the active demand's change set.
    [[nodiscard]] Result<Change> saveAttribute(const Attribute& attribute);
    /// The active demand's pending state of an attribute, else the merged one; nullopt if none.
    [[nodiscard]] std::optional<Attribute> proposedAttribute(const QString& key) const;
    /// Normalized keys (rules.h) of the app's events (pending new ones included) or attributes,
    /// except `except`: what a new key must not collide with.
    [[nodiscard]] QSet<QString> takenKeys(EntityKind kind, const QString& except) const;
    /// Every merged revision of an event or attribute of the current app, oldest first.
    [[nodiscard]] Result<QList<Revision>> history(EntityKind kind, const QString& key) const;
    /// Drops the active demand's pending change of an event (undo of a first edit).
    [[nodiscard]] Status discardEvent(const QString& key) { return discardChange(EntityKind::Event, key); }
    [[nodiscard]] Status discardChange(EntityKind kind, const QString& key);
    /// saveEvent / saveAttribute by type (for generic undo commands).
    [[nodiscard]] Result<Change> saveChange(const Event& event) { return saveEvent(event); }
    [[nodiscard]] Result<Change> saveChange(const Attribute& attribute) { return saveAttribute(attribute); }
    /// The active demand's pending state of an attribute, nullopt if it has no change of it.
    [[nodiscard]] std::optional<Attribute> pendingAttribute(const QString& key) const;
    /// The event as the active demand proposes it (its pending state), else as merged; nullopt
    /// if neither has it.
    [[nodiscard]] std::optional<Event> proposedEvent(const QString& key) const;
    /// The active demand's pending state of an event, nullopt if it has no change of it.
    [[nodiscard]] std::optional<Event> pendingEvent(const QString& key) const;

    /// The versions of the current app (owned by the catalog), loaded with its plan.
    [[nodiscard]] VersionListModel* versionModel() const { return m_versions; }
    [[nodiscard]] Status reloadVersions();
    /// Creates a version in planning of the current app and reloads the versions.
    [[nodiscard]] Result<Version> createVersion(const QString& name, const QString& description);
    /// Makes `demandKeys` the demands assigned to a version in planning (all or nothing) and
    /// reloads the versions and the demands (whose target versions change with it).
    [[nodiscard]] Status setVersionDemands(const QString& name, const QStringList& demandKeys);
    /// Freezes a version in planning: takes the snapshot of the plan as merged now. The store
    /// refuses while a demand assigned to it is still open. Reloads the versions.
    [[nodiscard]] Result<Version> freezeVersion(const QString& name);
    /// Releases a frozen version and reloads the versions.
    [[nodiscard]] Result<Version> releaseVersion(const QString& name);
    /// The differences of the current app's plan between two versions ("current" = as merged
    /// now), and the plan of `to`.
    struct Comparison;
    [[nodiscard]] Result<Comparison> compareVersions(const QString& from, const QString& to) const;

    /// Where the store lives, for display (never contains a password).
    [[nodiscard]] QString storeDisplayName() const;
    /// The acting user of the store.
    [[nodiscard]] QString actor() const;
    /// The acting user and their role (Analyst if the store cannot say).
    [[nodiscard]] Identity identity() const;
    /// Empty if the acting user may do what `permission` stands for, else the translated reason
    /// why not (for a disabled button's tooltip).
    [[nodiscard]] QString deniedReason(Permission permission) const;
    /// Acts as `user` from now on (the role is looked up again); emits identityChanged().
    void setActor(const QString& user);
    /// Key of the app whose plan is loaded, empty if none.
    [[nodiscard]] QString currentAppKey() const { return m_currentApp; }
    /// False while the store does not answer (see reachabilityChanged()).
    [[nodiscard]] bool isReachable() const { return m_reachable; }
    /// True while a background load runs.
    [[nodiscard]] bool isLoading() const { return m_pendingGeneration != 0; }
    /// Worker threads whose result has not been handled yet, superseded ones included.
    [[nodiscard]] int activeWorkers() const { return int(m_threads.size()); }

    /// Looks every `intervalMs` for changes made by others (another window, another client on
    /// PostgreSQL) and reloads what changed; 0 stops.
    void watchForChanges(int intervalMs);
    /// One such look, now: when the store changed since the models were loaded, reloads the
    /// current app (requestApp) or, if the apps changed, emits appsChanged(). True if so.
    /// A look that fails (the server is down, the network gone) emits reachabilityChanged(false)
    /// once; the first one that succeeds again emits reachabilityChanged(true) and reloads.
    bool checkForChanges();

    /// Reloads the list of apps. If the current app is gone its plan is cleared.
    [[nodiscard]] Status reloadApps();
    /// Loads the merged plan of an app into the event and attribute models now; an empty key
    /// clears them. On failure the models are cleared and the error returned.
    [[nodiscard]] Status selectApp(const QString& appKey);
    /// Like selectApp(), in the background when a store opener is set. Ends with planLoaded()
    /// or loadFailed().
    void requestApp(const QString& appKey);

Q_SIGNALS:
    /// The plan of `appKey` (empty: none) is now in the models.
    void planLoaded(const QString& appKey);
    /// requestApp(appKey) failed; the models are cleared.
    void loadFailed(const QString& appKey, const tp::Error& error);
    /// Apps were added, removed or changed by someone else (see checkForChanges()).
    void appsChanged();
    /// Edits now go into this demand (empty: editing stopped).
    void activeDemandChanged(const QString& key);
    /// The acting user (and so what they may do) changed.
    void identityChanged();
    /// A demand's review moved on without a change of its status (a comment, a sign-off, a
    /// resolved conflict).
    void reviewChanged(const QString& demandKey);
    /// The store stopped answering (with the error's message) or answers again.
    void reachabilityChanged(bool reachable, const QString& message);
    /// A background load started (true) or ended (false).
    void loadingChanged(bool loading);

private:
    struct Job;
    void applyPlan(const QString& appKey, Plan plan);
    void finishJob(const std::shared_ptr<Job>& job);
    void clearPlan();
    void refreshActiveDemand(); ///< ends it if it is no longer a draft of the current app; pending keys
    void refreshStamp();        ///< our own writes are shown already: no reload for them

    Store& m_store;
    AppListModel* m_apps;
    EventTableModel* m_events;
    AttributeTableModel* m_attributes;
    DemandListModel* m_demands;
    QString m_activeDemand;
    QHash<QString, Event> m_pendingEvents; ///< proposed states in the active demand
    QHash<QString, Attribute> m_pendingAttributes;
    QString m_stamp;         ///< changeStamp() of what the models show
    bool m_reachable = true; ///< the last look for changes succeeded
    QTimer* m_watch = nullptr;
    VersionListModel* m_versions;
    QString m_currentApp;
    StoreOpener m_opener;
    QList<QPointer<QThread>> m_threads;
    quint64 m_lastGeneration = 0;
    quint64 m_pendingGeneration = 0; ///< generation whose result is awaited, 0 = none
};

struct PlanCatalog::Comparison {
    PlanDiff diff;
    Plan to;
};

} // namespace tp
