#pragma once

// Publishes the plan of an app's versions to Redis as the contract of docs/redis-contract.md
// says, and rolls a publish back. Collection services read what this writes.
//
// Order of a publish: read the pointers (WATCHed) → per version: compile the schemas, write
// the schemas that are not there yet, write the snapshot (events, common, meta), re-read it and
// verify its checksum and schemas → move versions/current/routing (keeping the old ones in
// tp:{app}:previous) and PUBLISH the notification in one MULTI/EXEC. A reader therefore sees a
// whole old snapshot or a whole new one. Any failure or a cancel before EXEC leaves the pointers
// as they were; what was written by then is unreferenced (schemas are immutable and shared;
// unfinished snapshots expire).

#include "error.h"
#include "schemacompiler.h"
#include "types.h"

#include <QDateTime>
#include <QMap>
#include <QStringList>

#include <atomic>
#include <functional>

namespace tp {

class RedisClient;
class Store;

/// One app version to publish.
struct PublishVersion {
    QString name;         ///< e.g. 6.3.0
    QString planChecksum; ///< the store's checksum of the version's plan (SnapshotInfo::checksum)
    /// Loads the version's plan. Called only when the version's snapshot must be compiled: a
    /// version that is already published from the same plan under the same rules is not loaded.
    /// Events and attributes with a revision (> 0) must be the store's: an event whose revision
    /// and bound attributes' revisions equal those of a published snapshot takes its schema from
    /// there instead of being compiled again. Plans built in memory leave revisions at 0.
    std::function<Result<Plan>()> loadPlan;
};

struct PublishRequest {
    QString appKey;
    QList<PublishVersion> versions; ///< at least one
    GovernancePolicy policy;        ///< compiled into x-route and tp:{app}:routing
    SchemaOptions schema;
};

struct PublishOptions {
    bool dryRun = false; ///< read only: report what would be written
    QString actor;       ///< "by" of the snapshot meta and of tp:{app}:previous
    QDateTime now;       ///< null: the current time
    /// Snapshots that no reader can reach any more (neither the pointers nor the previous
    /// ones name them), and those of a publish that did not finish, expire after this long.
    int orphanTtlSeconds = 24 * 3600;
    /// Called with 0..100 and a translated stage; returning false cancels.
    std::function<bool(int percent, const QString& stage)> progress;
    /// Set from another thread (or a signal handler) to cancel: also a wait on a server that
    /// does not answer ends within ~50 ms. Not once the pointer move is sent (it is atomic).
    const std::atomic<bool>* cancelled = nullptr;
};

/// A key that a publish adds or changes (or, in a dry run, would).
struct KeyChange {
    enum class Action {
        Add,     ///< a new key
        Change,  ///< a new value
        Expire,  ///< no longer referenced: set to expire after PublishOptions::orphanTtlSeconds
        Persist, ///< referenced again: its expiry removed
    };
    Action action = Action::Add;
    QByteArray key;
    QString type;   ///< STRING or HASH
    QString detail; ///< e.g. "6.3.0: 1f2e… → 9a8b…"
};

[[nodiscard]] QString toString(KeyChange::Action action); ///< add, change, expire, persist

struct PublishReport {
    QString appKey;
    bool dryRun = false;
    QMap<QString, QString> published; ///< version → snapshot id, for the versions of the request
    QMap<QString, QString> versions;  ///< tp:{app}:versions after the publish
    QString current;                  ///< tp:{app}:current after the publish
    bool pointersMoved = false;       ///< false: everything was published already
    QList<KeyChange> changes;         ///< every key added or changed, in the order written
    int schemasWritten = 0;           ///< new schemas (would be written, in a dry run)
    int schemasExisting = 0;
    int snapshotsWritten = 0;
    int snapshotsReused = 0;  ///< already in Redis (verified), not written again
    int eventsCompiled = 0;   ///< events whose schema was compiled
    int eventsReused = 0;     ///< events whose schema came from a published snapshot (same stamp)
    qint64 fieldsWritten = 0; ///< hash fields set or deleted in new snapshots
    qint64 commands = 0;      ///< Redis commands sent
};

class Publisher {
public:
    explicit Publisher(RedisClient& redis)
        : m_redis(redis)
    {
    }

    [[nodiscard]] Result<PublishReport> publish(const PublishRequest& request, const PublishOptions& options = {});
    /// Restores the pointers kept in tp:{app}:previous (one step) and notifies; the pointers
    /// rolled away from are not kept, so a second rollback fails with InvalidState.
    [[nodiscard]] Result<PublishReport> rollback(const QString& appKey, const PublishOptions& options = {});

private:
    Result<PublishReport> publishVersions(const PublishRequest& request, const PublishOptions& options);

    RedisClient& m_redis;
};

/// A request for `versions` of an app in a store (empty: every released version), with the
/// app's governance policy. Versions must be frozen or released (they have a snapshot).
[[nodiscard]] Result<PublishRequest> publishRequest(Store& store, const QString& appKey, const QStringList& versions);

} // namespace tp
