#pragma once

#include "error.h"
#include "storeurl.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include <functional>
#include <initializer_list>
#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace tp {

/// One result row of Database::forEachRow(), valid during the callback.
class RowView {
public:
    virtual ~RowView() = default;
    [[nodiscard]] virtual qint64 int64(int column) const = 0;
    [[nodiscard]] virtual QString text(int column) const = 0;
    /// The text as stored, UTF-8 (JSON to parse, without a round trip through UTF-16).
    [[nodiscard]] virtual QByteArray utf8(int column) const { return text(column).toUtf8(); }
};

/// One named connection to a store, with a cache of prepared statements, transactions
/// and the mapping of QSqlError to tp::Error. Not thread-safe: one Database per thread.
///
/// Writes that return no rows (change(), insert()) run on SQLite straight through the
/// sqlite3 C API on the driver's own connection: the same transaction, without the
/// QSqlQuery machinery per execution, which cost more than SQLite itself in bulk loads.
class Database {
public:
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Opens (creating the SQLite file and its folder if needed). Does not migrate.
    [[nodiscard]] static Result<std::unique_ptr<Database>> open(const StoreUrl& url);

    [[nodiscard]] StoreUrl::Backend backend() const { return m_url.backend; }
    [[nodiscard]] bool isPostgres() const { return m_url.backend == StoreUrl::Backend::Postgres; }
    [[nodiscard]] const StoreUrl& url() const { return m_url; }
    [[nodiscard]] QSqlDatabase& connection() { return m_db; }

    /// Runs a prepared (cached) statement with positional values. The returned query is
    /// positioned before the first row and stays valid until the same SQL runs again.
    [[nodiscard]] Result<QSqlQuery*> run(const QString& sql, std::initializer_list<QVariant> args = {});
    [[nodiscard]] Result<QSqlQuery*> run(const QString& sql, const QVariantList& args);
    /// Runs a statement and returns how many rows it changed.
    [[nodiscard]] Result<int> change(const QString& sql, std::initializer_list<QVariant> args);
    [[nodiscard]] Result<int> change(const QString& sql, const QVariantList& args);
    /// First column of the first row, or NotFound.
    /// Runs a query and calls `row` for each result row. On SQLite the statement is stepped
    /// through the C API (values read from SQLite's buffers, no QVariant per value): loading a
    /// plan reads half a million binding rows.
    [[nodiscard]] Status forEachRow(const QString& sql, const QVariantList& args,
                                    const std::function<void(const RowView&)>& row);
    [[nodiscard]] Result<QVariant> scalar(const QString& sql, std::initializer_list<QVariant> args = {});
    /// Unprepared statement(s) text, e.g. DDL of a migration (split on ';' at line ends).
    [[nodiscard]] Status script(const QString& sql);
    /// Inserts and returns the new id (RETURNING on PostgreSQL, lastInsertId on SQLite).
    [[nodiscard]] Result<qint64> insert(const QString& sql, std::initializer_list<QVariant> args);
    [[nodiscard]] Result<qint64> insert(const QString& sql, const QVariantList& args);

    /// BEGIN (IMMEDIATE on SQLite) / COMMIT / ROLLBACK. Nested calls are flattened.
    [[nodiscard]] Status begin();
    [[nodiscard]] Status commit();
    void rollback();
    [[nodiscard]] bool inTransaction() const { return m_depth > 0; }

    /// Runs fn in a transaction; commits if it returns ok, rolls back otherwise.
    template <typename T> Result<T> transact(const std::function<Result<T>()>& fn)
    {
        if (auto b = begin(); !b) {
            return b.error();
        }
        Result<T> r = fn();
        if (!r) {
            rollback();
            return r;
        }
        if (auto c = commit(); !c) {
            return c.error();
        }
        return r;
    }

    /// " FOR UPDATE" on PostgreSQL (row locks), empty on SQLite (BEGIN IMMEDIATE locks).
    [[nodiscard]] QString forUpdate() const;

    /// Maps a driver error to our error type (unique violation → Conflict, etc.).
    [[nodiscard]] Error mapError(const QSqlError& e, const QString& context) const;

    /// Drops the cached statements (before DDL or when the schema changed).
    void clearStatementCache();

private:
    /// After a failed statement outside a transaction: when the PostgreSQL connection is
    /// gone (server restarted, network down), opens it again. True if the statement may be
    /// sent again.
    [[nodiscard]] bool reconnectIfLost(const Error& error);
    explicit Database(StoreUrl url);
    QSqlQuery* prepared(const QString& sql, Error* error);
    /// change()/insert() on SQLite: rows changed, or the new rowid when wantId.
    Result<qint64> nativeWrite(const QString& sql, const QVariantList& args, bool wantId);
    Error nativeError(int code, const QString& context) const;
    /// The cached sqlite3 statement of `sql`, prepared on first use; nullptr and `error` if it fails.
    sqlite3_stmt* nativeStatement(const QString& sql, Error* error);
    void finalizeNative();

    StoreUrl m_url;
    QString m_name;
    QSqlDatabase m_db;
    QHash<QString, QSqlQuery*> m_cache;
    sqlite3* m_sqlite = nullptr; ///< the QSQLITE driver's handle (not owned)
    QHash<QString, sqlite3_stmt*> m_native;
    int m_depth = 0;
    bool m_failed = false;
};

} // namespace tp
