#pragma once

// The names of the keys of the Redis contract (docs/redis-contract.md), and the checksum and
// id of a published snapshot. Shared by the publisher, its tests and the validator.

#include <QByteArray>
#include <QList>
#include <QString>

#include <array>
#include <utility>
#include <vector>

namespace tp {

/// Keys per snapshot in RedisKeys::snapKeys().
inline constexpr std::size_t kSnapKeyCount = 5;

/// The keys of one app: tp:{app}:…
class RedisKeys {
public:
    explicit RedisKeys(const QString& appKey)
        : m_prefix("tp:" + appKey.toUtf8() + ':')
    {
    }
    [[nodiscard]] QByteArray schema(QByteArrayView sha256) const { return join("schema:", sha256); }
    [[nodiscard]] QByteArray snapEvents(QByteArrayView id) const { return snap(id) + ":events"; }
    [[nodiscard]] QByteArray snapCommon(QByteArrayView id) const { return snap(id) + ":common"; }
    [[nodiscard]] QByteArray snapMeta(QByteArrayView id) const { return snap(id) + ":meta"; }
    /// Publisher-internal: what the snapshot's schemas were compiled from (snapshotsummary.h).
    [[nodiscard]] QByteArray snapSummary(QByteArrayView id) const { return snap(id) + ":summary"; }
    /// Publisher-internal, legacy: event key → stamp, written by publishers before the summary.
    /// No longer written or read; kept expiring and persisting with its snapshot.
    [[nodiscard]] QByteArray snapStamps(QByteArrayView id) const { return snap(id) + ":stamps"; }
    /// The keys of one snapshot: events, common, meta, summary, stamps (legacy).
    [[nodiscard]] std::array<QByteArray, kSnapKeyCount> snapKeys(QByteArrayView id) const
    {
        return {snapEvents(id), snapCommon(id), snapMeta(id), snapSummary(id), snapStamps(id)};
    }
    /// Publisher-internal: a key a publish builds a snapshot's events HASH in before renaming
    /// it into place; it expires by itself if the publish does not get there.
    [[nodiscard]] QByteArray scratch(QByteArrayView token) const { return join("scratch:", token); }
    [[nodiscard]] QByteArray versions() const { return m_prefix + "versions"; }
    [[nodiscard]] QByteArray current() const { return m_prefix + "current"; }
    [[nodiscard]] QByteArray routing() const { return m_prefix + "routing"; }
    [[nodiscard]] QByteArray previous() const { return m_prefix + "previous"; }
    /// The PUBLISH channel.
    [[nodiscard]] QByteArray published() const { return m_prefix + "published"; }

private:
    [[nodiscard]] QByteArray snap(QByteArrayView id) const { return join("snap:", id); }
    [[nodiscard]] QByteArray join(const char* kind, QByteArrayView id) const
    {
        QByteArray key;
        key.reserve(m_prefix.size() + 8 + id.size());
        key += m_prefix;
        key += kind;
        key += id;
        return key;
    }
    QByteArray m_prefix;
};

/// What a snapshot holds in Redis: event key → schema sha256, and the common schema's sha256.
struct SnapshotManifest {
    QByteArray commonSha256;
    QList<std::pair<QByteArray, QByteArray>> events; ///< (key, sha256)

    /// sha256 (hex) over "common\t{commonSha256}\n" followed by "{key}\t{sha256}\n" for each
    /// event in byte order of the UTF-8 keys (sorts `events`). A reader recomputes it from
    /// HGETALL …:events and GET …:common and compares it with the meta's "checksum".
    [[nodiscard]] QByteArray checksum();
    /// The same over views (e.g. into a Redis reply); sorts `events`.
    [[nodiscard]] static QByteArray checksum(QByteArrayView commonSha256,
                                             std::vector<std::pair<QByteArrayView, QByteArrayView>>& events);
};

/// Snapshot id: the first 32 hex digits of sha256("{app}\n{version}\n{checksum}\n{planChecksum}").
/// Equal content published for the same version from the same store snapshot gets the same id.
[[nodiscard]] QByteArray snapshotId(const QString& appKey, const QString& version, QByteArrayView checksum,
                                    const QString& planChecksum);

} // namespace tp
