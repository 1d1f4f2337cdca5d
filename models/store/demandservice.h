#pragma once

#include "governance.h"
#include "storecontext.h"

#include <QJsonObject>

#include <functional>
#include <optional>

namespace tp {

struct FieldChange;

/// One side-by-side conflict found at merge: the entity moved since the change was made.
struct MergeConflict {
    EntityKind kind = EntityKind::Event;
    QString entityKey;
    ChangeOp op = ChangeOp::Update;
    int baseRevision = 0;    ///< revision the change started from
    int currentRevision = 0; ///< revision in the plan now (0 = does not exist)
    QJsonObject base;        ///< state at baseRevision (empty if none)
    QJsonObject theirs;      ///< state in the plan now (empty if deleted)
    QJsonObject mine;        ///< the demand's proposed state (empty for delete)
};

struct MergeOutcome {
    bool merged = false;
    QList<MergeConflict> conflicts; ///< non-empty iff !merged
    int revisionsWritten = 0;
    qint64 planSeq = 0;
};

/// One change of a demand as a field-level diff against the state it was based on.
struct ChangeDiff {
    Change change;
    QJsonObject before; ///< state at the base revision (empty for create)
    QList<FieldChange> fields;
};

struct DemandFilter {
    QString appKey; ///< empty = all apps
    std::optional<DemandStatus> status;
};

/// Demands, their change sets and the workflow draft → in_review → approved → merged.
class DemandService {
public:
    explicit DemandService(StoreContext& ctx)
        : m_ctx(ctx)
    {
    }

    /// Creates a draft; an empty key gets the next DEM-NNNN. targetVersions must exist.
    [[nodiscard]] Result<Demand> create(const Demand& demand);
    /// Updates title, description, owner, priority, link (Conflict if rowVersion is stale).
    [[nodiscard]] Result<Demand> update(const Demand& demand);
    [[nodiscard]] Result<Demand> demand(const QString& key);
    [[nodiscard]] Result<QList<Demand>> list(const DemandFilter& filter = {});

    /// Records the proposed state of an event/attribute in a draft demand's change set
    /// (create or update, decided by whether it exists in the plan). Validated first.
    [[nodiscard]] Result<Change> saveEvent(const QString& demandKey, const Event& proposed);
    [[nodiscard]] Result<Change> saveAttribute(const QString& demandKey, const Attribute& proposed);
    /// Saves many proposed states in one transaction with one audit row (bulk edits, CSV
    /// import, demo data). progress(done, total) returning false cancels; nothing is saved then.
    [[nodiscard]] Result<int> saveBatch(const QString& demandKey, const QList<Attribute>& attributes,
                                        const QList<Event>& events,
                                        const std::function<bool(qsizetype, qsizetype)>& progress = {});
    /// Records the removal of an event/attribute.
    [[nodiscard]] Result<Change> remove(const QString& demandKey, EntityKind kind, const QString& key);
    /// Drops a pending change from a draft demand.
    [[nodiscard]] Status discard(const QString& demandKey, EntityKind kind, const QString& key);
    [[nodiscard]] Result<QList<Change>> changes(const QString& demandKey);
    [[nodiscard]] Result<QList<ChangeDiff>> diff(const QString& demandKey);

    /// Sends a draft for review; each submit starts a new review round (earlier approvals no
    /// longer count). A comment goes to the demand's discussion.
    [[nodiscard]] Result<Demand> submit(const QString& key, const QString& comment = {});
    [[nodiscard]] Result<Demand> approve(const QString& key, const QString& comment = {});
    [[nodiscard]] Result<Demand> reject(const QString& key, const QString& comment = {});
    [[nodiscard]] Result<Demand> reopen(const QString& key, const QString& comment = {}); ///< back to draft
    /// A reviewer sends the demand back to its owner (to draft), saying what to change.
    [[nodiscard]] Result<Demand> requestChanges(const QString& key, const QString& comment);
    [[nodiscard]] Result<Demand> cancel(const QString& key, const QString& comment = {});
    /// Applies all changes atomically. With conflicts nothing is merged and they are returned.
    /// Refused (InvalidState, naming what is missing) until every approval the app's rules ask
    /// for and every level the demand sets are approved (ReviewService::state).
    [[nodiscard]] Result<MergeOutcome> merge(const QString& key);
    /// Resolves a merge conflict of an approved demand: `resolved` becomes the change's state
    /// (empty for a removal), based on revision `theirsRevision` — the one the conflict showed
    /// as theirs (Conflict if the plan moved again). Data stewards and admins.
    [[nodiscard]] Result<Change> resolveConflict(const QString& demandKey, EntityKind kind, const QString& entityKey,
                                                 const QJsonObject& resolved, int theirsRevision);

private:
    struct DemandRow {
        qint64 id = 0;
        qint64 appId = 0;
        Demand demand;
    };
    Result<DemandRow> load(const QString& key);
    Result<Change> saveState(const QString& demandKey, EntityKind kind, const QString& entityKey,
                             const QJsonObject& state, bool remove);
    Result<Demand> transition(const QString& key, const QList<DemandStatus>& from, DemandStatus to,
                              const QString& action, const QString& comment,
                              std::optional<ReviewVerdict> verdict);
    StoreContext& m_ctx;
};

} // namespace tp
