#pragma once

#include "storecontext.h"

namespace tp {

struct PlanDiff;

/// Identity of an immutable snapshot: every entity's latest revision with plan_seq ≤ planSeq.
struct SnapshotInfo {
    QString appKey;
    QString versionName;
    qint64 planSeq = 0;
    QDateTime createdAt;
    int eventCount = 0;
    int attributeCount = 0;
    QString checksum; ///< sha256 (hex) of the snapshot's canonical plan JSON
};

/// Orders version names numerically ("6.10.0" after "6.9.1").
[[nodiscard]] bool versionLess(const QString& a, const QString& b);

/// True for a name the store accepts for a version: numbers separated by dots, optionally
/// followed by a pre-release or build suffix ("6.3.0", "6.4", "7.0.0-rc.1").
[[nodiscard]] bool isVersionName(const QString& name);

/// sha256 (hex) over the canonical JSON of a plan's attributes and events.
[[nodiscard]] QString planChecksum(const Plan& plan);

/// Versions of an app: planning → frozen (snapshot taken) → released.
class VersionService {
public:
    explicit VersionService(StoreContext& ctx)
        : m_ctx(ctx)
    {
    }

    /// The name that stands for the plan as merged now in planAt()/diff().
    static QString currentName() { return QStringLiteral("current"); }

    [[nodiscard]] Result<Version> create(const Version& version);
    [[nodiscard]] Result<QList<Version>> list(const QString& appKey); ///< oldest version first
    [[nodiscard]] Result<Version> version(const QString& appKey, const QString& name);
    /// The frozen and released versions (those with a snapshot), in version-number order.
    [[nodiscard]] Result<QList<Version>> snapshotted(const QString& appKey);
    /// Targets a demand of the same app at a version in planning.
    [[nodiscard]] Status assignDemand(const QString& appKey, const QString& name, const QString& demandKey);
    [[nodiscard]] Status unassignDemand(const QString& appKey, const QString& name, const QString& demandKey);
    /// Makes `demandKeys` the demands of a version in planning, in one transaction: assigns
    /// the missing ones and unassigns the others, or changes nothing if one of them fails.
    [[nodiscard]] Status setDemands(const QString& appKey, const QString& name, const QStringList& demandKeys);
    /// Takes the snapshot; every assigned demand must be merged, rejected or cancelled.
    [[nodiscard]] Result<Version> freeze(const QString& appKey, const QString& name);
    [[nodiscard]] Result<Version> release(const QString& appKey, const QString& name);

    [[nodiscard]] Result<SnapshotInfo> snapshot(const QString& appKey, const QString& name);
    [[nodiscard]] Result<QList<SnapshotInfo>> snapshots(const QString& appKey);
    /// The plan of a frozen/released version, or of "current".
    [[nodiscard]] Result<Plan> planAt(const QString& appKey, const QString& name);
    /// The plan as of a plan sequence number (for snapshots and their verification).
    [[nodiscard]] Result<Plan> planAtSeq(const QString& appKey, qint64 planSeq);
    [[nodiscard]] Result<PlanDiff> diff(const QString& appKey, const QString& from, const QString& to);

private:
    /// The version, or InvalidState unless it is in planning (demands are assigned only then).
    Result<Version> planningVersion(const QString& appKey, const QString& name);
    Result<Version> transition(const QString& appKey, const QString& name, VersionStatus from, VersionStatus to);
    StoreContext& m_ctx;
};

} // namespace tp
