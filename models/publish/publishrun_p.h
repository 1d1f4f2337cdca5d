#pragma once

// Internal to tp_publish: one publish or rollback in progress (publisher.cpp drives it).

#include "publisher.h"
#include "rediskeys.h"
#include "redisclient.h"
#include "snapshotsummary.h"

#include <QHash>
#include <QSet>

#include <array>
#include <memory>
#include <optional>
#include <unordered_set>

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
    /// Of RedisKeys::snapKeys() — events, common, meta, summary, stamps (legacy): -2 missing,
    /// -1 no expiry, else seconds.
    std::array<qint64, kSnapKeyCount> ttl = {-2, -2, -2, -2, -2};
    QMap<QByteArray, QByteArray> meta;
    /// All keys there (a snapshot without events has no events HASH: Redis keeps no empty hash).
    [[nodiscard]] bool complete() const
    {
        return ttl[1] != -2 && ttl[2] != -2 && (ttl[0] != -2 || meta.value("event_count") == "0");
    }
    [[nodiscard]] bool expiring() const
    {
        return std::any_of(ttl.cbegin(), ttl.cend(), [](qint64 t) { return t >= 0; });
    }
};

/// A published snapshot that a new one of the same app may take schemas from, event by event
/// (same revisions, same rules), and whose events HASH it starts from (COPY) instead of
/// writing it whole: its summary, read with one GET.
struct BaseSnapshot {
    QByteArray id;
    SnapshotSummary summary;
};

/// Hex sha256 of a schema, as a hash set key.
struct ShaKey {
    std::array<char, 64> hex;
    friend bool operator==(const ShaKey&, const ShaKey&) = default;
};
struct ShaKeyHash {
    std::size_t operator()(const ShaKey& k) const noexcept;
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
    struct SchemaBatch;
    /// The snapshot the version is mapped to, else the one published last in this run, else
    /// current — the first of them published under `rulesKey` with a summary that verifies.
    Result<std::unique_ptr<BaseSnapshot>> loadBase(const QString& versionName, const QByteArray& rulesKey);
    Result<std::unique_ptr<Compiled>> compile(const PublishRequest& request, const PublishVersion& version,
                                              std::unique_ptr<BaseSnapshot> base, int percentFrom, int percentTo);
    /// Queues EXISTS for the new schemas of a batch (send only: the reply is read later).
    void askSchemas(SchemaBatch& batch);
    /// Reads the EXISTS replies of `batch` and queues SETs of the schemas Redis lacks.
    Status writeSchemas(SchemaBatch& batch);
    Status writeSnapshot(const QByteArray& id, const Compiled& c, const PublishVersion& version,
                         const QByteArray& rulesKey, const SnapshotState& before);
    /// Queues HSET (and HDEL) of `key` in batches of fields; `creates`: the first HSET creates
    /// the key and gives it the orphan expiry in the same transaction.
    void appendHash(const QByteArray& key, const std::vector<std::pair<QByteArrayView, QByteArrayView>>& set,
                    const std::vector<QByteArrayView>& removed, bool creates);
    /// Reads the snapshot back and recomputes its checksum; with `summaryBytes` >= 0 also the
    /// length of its summary (-1: not checked, for a snapshot found in Redis).
    Status verifySnapshot(const QByteArray& id, const QByteArray& checksum, qsizetype summaryBytes);
    /// For a snapshot written as a COPY of its base plus differences: reads back what this run
    /// wrote (common, meta checksum, every field set or deleted) and the lengths.
    Status verifyDifferences(const QByteArray& id, const Compiled& c);
    void addChange(KeyChange::Action action, const QByteArray& key, const QString& type, const QString& detail = {});
    /// Result of a pipeline whose failure should carry what was being done.
    Status finish(const QString& during);
    /// The same, with the kept replies.
    Result<std::vector<RedisReply>> replies(const QString& during);

    RedisClient& m_redis;
    RedisKeys m_keys;
    QString m_appKey;
    const PublishOptions& m_options;
    Pointers m_pointers;
    Pointers m_previous;
    bool m_hasPrevious = false;
    std::unordered_set<ShaKey, ShaKeyHash> m_knownSchemas; ///< written or found in this run
    QHash<QString, SnapshotState> m_snapshotStates;
    QSet<QString> m_writtenIds; ///< snapshots this run wrote (their keys are "add" changes)
    QString m_lastPublished;    ///< the snapshot of the version this run published last
    QByteArray m_lastSummary;   ///< its summary, when this run wrote it
};

/// A block of compiled schemas on its way to Redis.
struct PublishRun::SchemaBatch {
    std::size_t first = 0;       ///< index of its first event in the todo list
    QByteArray texts;            ///< the schemas, one after another (capacity reused)
    std::vector<qsizetype> ends; ///< end of each schema in `texts`
    const char* shas = nullptr;  ///< their sha256s (64 hex digits each)
    std::vector<std::size_t> fresh; ///< schemas (indexes into `ends`) not seen before in this run
    QByteArray keys;                ///< their Redis keys, one after another
    std::vector<qsizetype> keyEnds;
    std::size_t chunks = 0; ///< EXISTS commands sent for them (0: none; their replies are due)
    [[nodiscard]] QByteArrayView text(std::size_t i) const
    {
        const qsizetype from = i == 0 ? 0 : ends[i - 1];
        return QByteArrayView(texts).sliced(from, ends[i] - from);
    }
    [[nodiscard]] QByteArrayView key(std::size_t f) const
    {
        const qsizetype from = f == 0 ? 0 : keyEnds[f - 1];
        return QByteArrayView(keys).sliced(from, keyEnds[f] - from);
    }
};

/// One version's compiled snapshot. Views point into `keys`, `shas` and the base's summary.
struct PublishRun::Compiled {
    struct Entry {
        QByteArrayView key;
        QByteArrayView sha;      ///< the schema's sha256
        QByteArrayView baseLine; ///< the base's "{key}\t{sha}\n" when taken from it, else null
        QByteArrayView baseSha;  ///< the base's sha256 for this key, null if the base lacks it
        int revision = 0;
    };
    std::unique_ptr<BaseSnapshot> base; ///< null: written field by field
    QByteArray keys;                    ///< the events' keys in UTF-8, one after another
    QByteArray shas;                    ///< sha256 of the compiled schemas, 64 hex digits each
    std::vector<Entry> events;          ///< sorted by key
    QByteArray commonText;
    QByteArray commonSha;
    QByteArray checksumText; ///< common line + "{key}\t{sha}\n" per event: its sha256 is the checksum
    QByteArray checksum;
    QByteArray summary; ///< empty: none is written (no event has a revision)
    QByteArray scratch; ///< the key the base's events HASH was copied to (renamed into place)
    // With a base: the events HASH fields that differ from it.
    std::vector<std::pair<QByteArrayView, QByteArrayView>> eventsSet;
    std::vector<QByteArrayView> eventsRemoved;
    /// The last block of schemas: its EXISTS is on the wire, its SETs not yet queued
    /// (writeSchemas() does both once the checksum is computed, while the server works).
    std::unique_ptr<SchemaBatch> pending;
};

/// Canonical JSON of a version → id map, as kept in tp:{app}:previous.
[[nodiscard]] QByteArray versionsJson(const QMap<QString, QString>& versions);

} // namespace tp::detail
