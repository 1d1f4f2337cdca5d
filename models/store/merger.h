#pragma once

// Internal to tp_store: applies an approved demand's change set to the plan atomically.

#include "demandservice.h"

namespace tp {

class Merger {
public:
    Merger(StoreContext& ctx, qint64 demandId, qint64 appId, Demand demand)
        : m_ctx(ctx), m_demandId(demandId), m_appId(appId), m_demand(std::move(demand))
    {
    }
    /// Checks every change's base revision, then writes entities, schema versions,
    /// revisions and the audit row in one transaction. Conflicts → nothing written.
    [[nodiscard]] Result<MergeOutcome> run();

private:
    Result<QList<MergeConflict>> findConflicts(const QList<Change>& changes);
    Status applyAttribute(const Change& c);
    Status applyEvent(const Change& c, const Event* before);
    Status bumpDependentEvents(const QSet<QString>& changedAttributes, const QSet<QString>& changedEvents);
    Status writeRevision(EntityKind kind, const QString& key, int revision, ChangeOp op, const QJsonObject& state);
    Result<int> nextRevision(EntityKind kind, const QString& key);

    StoreContext& m_ctx;
    qint64 m_demandId;
    qint64 m_appId;
    Demand m_demand;
    qint64 m_planSeq = 0;
    int m_revisions = 0;
    QHash<QString, Attribute> m_attrsBefore;
    QHash<QString, Attribute> m_attrsAfter;
    QHash<QString, qint64> m_attrIds;
};

} // namespace tp
