#pragma once

#include "governance.h"

#include <QAbstractTableModel>

namespace tp {

/// The governance levels set under an app's submitted demands, as a data steward's queue:
/// event, category, old → new level, once decided the decision with who, when and why, then
/// the demand, who proposed the level and the event's owner. Read-only; GovernanceCatalog fills it.
class LevelRequestModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        EventColumn,
        NameColumn,
        CategoryColumn,
        LevelColumn,
        DecisionColumn, ///< the decision's columns come first: a view may hide them for the pending queue
        DecidedByColumn,
        DecidedAtColumn,
        CommentColumn,
        DemandColumn,
        DemandTitleColumn,
        DemandStatusColumn,
        ProposedByColumn,
        OwnerColumn,
        ColumnCount
    };
    enum Roles {
        EventKeyRole = Qt::UserRole + 1, ///< QString
        DemandKeyRole,                   ///< QString
        DecisionRole,                    ///< int(LevelDecision)
        ToLevelRole,                     ///< int(Level) proposed
        FromLevelRole,                   ///< int(Level) in the plan now, -1 for a new event
        SortRole,                        ///< a value that sorts right (levels by rank, times as QDateTime)
    };

    explicit LevelRequestModel(QObject* parent = nullptr);

    /// Replaces all requests (model reset).
    void setRequests(QList<LevelRequest> requests);
    [[nodiscard]] const QList<LevelRequest>& requests() const { return m_requests; }
    /// How many requests still wait for a decision.
    [[nodiscard]] int pendingCount() const;
    /// Row of the request (demand, event), -1 if there is none.
    [[nodiscard]] int rowOf(const QString& demandKey, const QString& eventKey) const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

private:
    [[nodiscard]] QVariant display(const LevelRequest& r, int column) const;
    QList<LevelRequest> m_requests;
};

} // namespace tp
