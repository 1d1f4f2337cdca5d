#pragma once

#include "error.h"
#include "store.h"

#include <QAbstractTableModel>

#include <functional>

class QIODevice;

namespace tp {

/// The audit log as a table, newest first: when, who, what (action), on what (entity type and
/// key), in which app, and the details readably (auditDetailLines()). The log may hold
/// millions of rows, so the filter runs in SQL and rows are fetched a page at a time
/// (canFetchMore/fetchMore, keyset paging on the sequence number, so rows written meanwhile
/// neither repeat nor shift the pages).
class AuditLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        UserColumn,
        ActionColumn,
        EntityTypeColumn,
        EntityColumn,
        AppColumn,
        DetailsColumn,
        ColumnCount
    };
    enum Roles {
        SeqRole = Qt::UserRole + 1, ///< qint64, the log's sequence number
        ActionRole,                 ///< QString "demand.merge"
        EntityTypeRole,             ///< QString "demand"
        TimeRole,                   ///< QDateTime (UTC)
        DetailLinesRole,            ///< QStringList, one "Label: value" per line
    };
    /// Rows fetched per page.
    static constexpr int kPageSize = 500;

    /// The store must outlive the model.
    explicit AuditLogModel(Store& store, QObject* parent = nullptr);

    /// Shows the rows `filter` selects (its limit, order and paging fields are the model's own):
    /// the first page and how many there are in all.
    [[nodiscard]] Status setFilter(const AuditFilter& filter);
    [[nodiscard]] const AuditFilter& filter() const { return m_filter; }
    /// The same filter again, from the newest row (rows written since show up).
    [[nodiscard]] Status reload() { return setFilter(m_filter); }
    /// How many rows the filter selects (fetched or not).
    [[nodiscard]] qint64 totalCount() const { return m_total; }
    [[nodiscard]] const AuditEntry& entry(int row) const { return m_rows.at(row); }
    /// Everyone who appears in the log as acting user (for a filter's choices).
    [[nodiscard]] Result<QStringList> actors() const { return m_store.auditActors(); }

    /// Called between pages of writeCsv() with the rows written so far; false cancels.
    using Progress = std::function<bool(qint64 written)>;
    /// Writes every row the filter selects, newest first, as CSV (UTF-8 with BOM, a header row,
    /// the columns of the table plus the sequence number and the time in ISO 8601 UTC).
    /// Reads the store a page at a time. Returns how many rows were written, or a Cancelled
    /// error when `progress` said stop.
    [[nodiscard]] Result<qint64> writeCsv(QIODevice& out, const Progress& progress = {}) const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

Q_SIGNALS:
    /// Fetching the next page failed (the store went away); the rows so far stay.
    void fetchFailed(const tp::Error& error);

private:
    /// The page of rows older than `beforeSeq` (0: from the newest).
    [[nodiscard]] Result<QList<AuditEntry>> page(qint64 beforeSeq, int size) const;

    Store& m_store;
    AuditFilter m_filter;
    QList<AuditEntry> m_rows;
    QList<QStringList> m_details; ///< auditDetailLines() of each row, made once
    qint64 m_total = 0;
    bool m_atEnd = true;
};

} // namespace tp
