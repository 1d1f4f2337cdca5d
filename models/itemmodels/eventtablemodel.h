#pragma once

#include "types.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

namespace tp {

/// The events of one app as a read-only table. All events are held in memory; rows are
/// exposed to views in batches (canFetchMore/fetchMore) so that a plan of 100 000 events
/// shows at once. Callers that need every row (filtering, sorting) call fetchAll() first.
class EventTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns {
        KeyColumn,
        DisplayNameColumn,
        CategoryColumn,
        LevelColumn,
        StatusColumn,
        OwnerColumn,
        SchemaVersionColumn,
        BindingsColumn,
        ColumnCount
    };
    /// Semantic roles, the same for every column of a row (SortRole excepted).
    enum Roles {
        KeyRole = Qt::UserRole + 1, ///< QString
        DisplayNameRole,            ///< QString
        LevelRole,                  ///< int, static_cast<int>(tp::Level)
        StatusRole,                 ///< int, static_cast<int>(tp::EventStatus)
        CategoryRole,               ///< QString
        OwnerRole,                  ///< QString
        SchemaVersionRole,          ///< QString "1-0-2"
        BindingCountRole,           ///< int
        PlatformsRole,              ///< QStringList
        SortRole,                   ///< per column: a value that sorts naturally (numbers as numbers)
        PendingRole,                ///< bool: the active demand has a change of this event
        DescriptionRole,            ///< QString
        TagsRole,                   ///< QStringList
    };
    static constexpr int DefaultBatchSize = 1000;

    explicit EventTableModel(QObject* parent = nullptr);

    /// Replaces all events (model reset); the first batch is exposed at once.
    void setEvents(QList<Event> events);
    void clear();
    /// Keys of the events with a pending change in the active demand (PendingRole).
    void setPendingKeys(QSet<QString> keys);
    /// Events the active demand creates: shown first, before the merged ones, until merged.
    void setPendingNew(QList<Event> events);
    /// Rows exposed per fetchMore().
    void setBatchSize(int rows);
    [[nodiscard]] int batchSize() const { return m_batchSize; }

    /// Every event held, fetched or not (pending new ones first).
    [[nodiscard]] const QList<Event>& events() const { return m_events; }
    /// The different values of CategoryRole, OwnerRole, PlatformsRole or TagsRole over every
    /// event held, sorted, without the empty one (for filters).
    [[nodiscard]] QStringList distinctValues(int role) const;
    /// Keys of the first `limit` events (in row order) that bind an attribute.
    [[nodiscard]] QStringList keysBinding(const QString& attributeKey, qsizetype limit) const;
    /// Number of events held, fetched or not.
    [[nodiscard]] int totalCount() const { return int(m_events.size()); }
    /// Exposes every remaining row in one insertion.
    void fetchAll();
    /// Exposes rows until `row` is one of them.
    void fetchUpTo(int row);
    /// The event of a (fetched) row, nullptr outside 0..rowCount()-1.
    [[nodiscard]] const Event* eventAt(int row) const;
    /// Position of an event among all held events (possibly not fetched yet), -1 if absent.
    [[nodiscard]] int rowOf(const QString& key) const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

private:
    void exposeUpTo(int count);
    [[nodiscard]] QVariant displayText(const Event& e, int column) const;
    [[nodiscard]] QVariant sortKey(const Event& e, int column) const;

    void rebuild(); ///< m_events = pending new + merged, in a model reset
    QList<Event> m_events;
    QList<Event> m_merged;
    QList<Event> m_new;
    QHash<QString, int> m_rowByKey;
    QSet<QString> m_pending;
    int m_fetched = 0;
    int m_batchSize = DefaultBatchSize;
};

} // namespace tp
