#pragma once

// Internal to tp_publish: one publish or rollback in progress (publisher.cpp drives it).

#include "publisher.h"
#include "rediskeys.h"

#include <QHash>
#include <QSet>

#include <optional>

namespace tp::detail {

/// tp:{app}:versions, :current and :routing as read or to be written.
struct Pointers {
    QMap<QString, QString> versions;
    QString current;
    QMap<QByteArray, QByteArray> routing; ///< level → canonical rule JSON
    [[nodiscard]] bool isEmpty() const { return current.isEmpty() && versions.isEmpty() && routing.isEmpty(); }
    [[nodiscard]] QSet<QString> snapshotIds() const;
    friend bool operator==(const Pointers&, const Pointers&) = default;
};

/// What Redis holds about one snapshot id.
struct SnapshotState {
    /// Of RedisKeys::snapKeys() — events, common, meta, stamps: -2 missing, -1 no expiry, else seconds.
    qint64 ttl[4] = {-2, -2, -2, -2};
    QMap<QByteArray, QByteArray> meta;
    /// All keys there (a snapshot without events has no events HASH: Redis keeps no empty hash).
    [[nodiscard]] bool complete() const
    {
        return ttl[1] != -2 && ttl[2] != -2 && (ttl[0] != -2 || meta.value("event_count") == "0");
    }
    [[nodiscard]] bool expiring() const { return ttl[0] >= 0 || ttl[1] >= 0 || ttl[2] >= 0 || ttl[3] >= 0; }
};

/// A published snapshot that a new one of the same app may take schemas from, event by event
/// (same stamp, same rules), and whose hashes it starts from (COPY) instead of writing them all.
/// Its fields are views into two arenas, loaded once: no allocation per field.
struct BaseSnapshot {
    struct Entry {
        QByteArrayView sha;   ///< null: the key is not in …:events
        QByteArrayView stamp; ///< null: the key is not in …:stamps
    };
    QByteArray id;
    QByteArray eventsArena;               ///< keys and values of …:events (the views point into it)
    QByteArray stampsArena;               ///< of …:stamps
    QHash<QByteArrayView, Entry> entries; ///< event key → its fields
    qsizetype eventCount = 0;
    qsizetype stampCount = 0;
};

class PublishRun {
public:
    PublishRun(RedisClient& redis, const QString& appKey, const PublishOptions& options);

    /// Reads the pointers and the previous ones; WATCHes them unless this is a dry run, so that
    /// the final MULTI/EXEC fails when another client moved them meanwhile.
    [[nodiscard]] Status readPointers();
    /// Compiles, writes and verifies one version's snapshot; its id.
    [[nodiscard]] Result<QString> publishVersion(const PublishRequest& request, const PublishVersion& version,
                                                 const QByteArray& rulesKey, int percentFrom, int percentTo);
    /// Moves the pointers to `next` in one MULTI/EXEC with the notification; the old pointers
    /// go to tp:{app}:previous (keepPrevious) or tp:{app}:previous is cleared (a rollback).
    [[nodiscard]] Status movePointers(const Pointers& next, const QStringList& notifyVersions, bool keepPrevious);

    /// False when the run is to stop: the progress callback or the flag said so.
    [[nodiscard]] bool progress(int percent, const QString& stage);
    [[nodiscard]] Error cancelledError() const;

    [[nodiscard]] const Pointers& pointers() const { return m_pointers; }
    [[nodiscard]] const Pointers& previous() const { return m_previous; }
    [[nodiscard]] bool hasPrevious() const { return m_hasPrevious; }
    [[nodiscard]] const RedisKeys& keys() const { return m_keys; }
    [[nodiscard]] Result<SnapshotState> snapshotState(const QString& id);

    PublishReport report;

private:
    struct Compiled;
    /// The snapshot the version is mapped to, else the one published last in this run, else
    /// current — the first of them published under `rulesKey` with stamps.
    Result<std::optional<BaseSnapshot>> loadBase(const QString& versionName, const QByteArray& rulesKey);
    Result<Compiled> compile(const PublishRequest& request, const PublishVersion& version,
                             const std::optional<BaseSnapshot>& base, int percentFrom, int percentTo);
    Status writeSchemas(QList<std::pair<QByteArray, QByteArray>>& candidates);
    Status writeSnapshot(const QByteArray& id, const Compiled& c, const PublishVersion& version,
                         const QByteArray& rulesKey, const SnapshotState& before, const BaseSnapshot* base);
    /// Queues the writes that make `key` hold `set` minus `removed`: HSET (and HDEL) in
    /// batches of fields. The key holds a COPY of the base already, or nothing.
    void appendHash(const QByteArray& key, const QList<std::pair<QByteArray, QByteArray>>& set,
                    const QList<QByteArray>& removed);
    /// Reads the whole snapshot back and recomputes its checksum.
    Status verifySnapshot(const QByteArray& id, const Compiled& c);
    /// For a snapshot written as a COPY of its base plus differences: reads back what this run
    /// wrote (common, meta checksum, every field set or deleted) and the hashes' lengths.
    Status verifyDifferences(const QByteArray& id, const Compiled& c);
    void addChange(KeyChange::Action action, const QByteArray& key, const QString& type, const QString& detail = {});
    /// Result of a pipeline whose failure should carry what was being done.
    Status finish(const QString& during);

    RedisClient& m_redis;
    RedisKeys m_keys;
    QString m_appKey;
    const PublishOptions& m_options;
    Pointers m_pointers;
    Pointers m_previous;
    bool m_hasPrevious = false;
    QSet<QByteArray> m_knownSchemas; ///< written or found in this run
    QHash<QString, SnapshotState> m_snapshotStates;
    QSet<QString> m_writtenIds; ///< snapshots this run wrote (their keys are "add" changes)
    QString m_lastPublished;    ///< the snapshot of the version this run published last
};

/// One version's compiled snapshot.
struct PublishRun::Compiled {
    SnapshotManifest manifest;                       ///< events sorted by key once checksum is set
    QList<std::pair<QByteArray, QByteArray>> stamps; ///< (event key, stamp), sorted by key
    QByteArray commonText;
    QByteArray checksum;
    /// Written as a COPY of the base's hashes plus these differences (else every field).
    bool fromBase = false;
    QList<std::pair<QByteArray, QByteArray>> eventsSet;
    QList<std::pair<QByteArray, QByteArray>> stampsSet;
    QList<QByteArray> eventsRemoved;
    QList<QByteArray> stampsRemoved;
};

/// Canonical JSON of a version → id map, as kept in tp:{app}:previous.
[[nodiscard]] QByteArray versionsJson(const QMap<QString, QString>& versions);

} // namespace tp::detail
