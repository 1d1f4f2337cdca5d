#pragma once

// Internal to tp_store: validates proposed entity states and writes them into a demand's
// change set. One writer per call (or per batch); it caches look-ups for that span only.

#include "storecontext.h"

#include <QHash>

#include <functional>
#include <optional>

namespace tp {

class ChangeWriter {
public:
    explicit ChangeWriter(StoreContext& ctx) : m_ctx(ctx) {}

    /// Runs `stage` for one entity inside a transaction on a draft demand, audits it once.
    [[nodiscard]] Result<Change> saveOne(const QString& demandKey, EntityKind kind, const QString& key,
                                         const std::function<Status()>& stage);
    /// Stages many entities (attributes first) in one transaction with one audit row.
    /// progress(done, total) may return false to cancel (nothing is saved then).
    [[nodiscard]] Result<int> saveBatch(const QString& demandKey, const QList<Attribute>& attributes,
                                        const QList<Event>& events,
                                        const std::function<bool(qsizetype, qsizetype)>& progress = {});

    [[nodiscard]] Status stageEvent(const Event& e);
    [[nodiscard]] Status stageAttribute(const Attribute& a);
    [[nodiscard]] Status stageRemoval(EntityKind kind, const QString& key);
    [[nodiscard]] Status discard(const QString& demandKey, EntityKind kind, const QString& key);

    [[nodiscard]] static Result<QList<Change>> changesOf(Database& db, qint64 demandId, const QString& demandKey);
    /// State of an entity at one revision, from the history.
    [[nodiscard]] static Result<QJsonObject> stateAt(Database& db, qint64 appId, EntityKind kind, const QString& key,
                                                     int revision);

private:
    struct Pending {
        qint64 id = 0;
        ChangeOp op = ChangeOp::Update;
        int baseRevision = 0;
    };
    Status openDemand(const QString& demandKey);
    Status writeChange(EntityKind kind, const QString& key, const QJsonObject& state, bool removal);
    Status checkKeyUnique(EntityKind kind, const QString& key);
    Result<int> currentRevision(EntityKind kind, const QString& key);
    Result<std::optional<Pending>> pending(EntityKind kind, const QString& key);
    const Attribute* lookupAttribute(const QString& key);
    Status loadPendingAttributes();

    StoreContext& m_ctx;
    qint64 m_demandId = 0;
    qint64 m_appId = 0;
    QString m_demandKey;
    QString m_appKey;
    QString m_lastAction;
    ChangeOp m_lastOp = ChangeOp::Update;
    int m_lastBase = 0;
    bool m_pendingAttributesLoaded = false;
    QHash<QString, std::optional<Attribute>> m_attributes; ///< key -> state seen by this demand
    QHash<QString, QString> m_pendingNorms[2];             ///< per EntityKind: norm key -> key
};

} // namespace tp
