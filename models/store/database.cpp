#include "database.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>

#include <sqlite3.h>

namespace tp {
namespace {

Q_LOGGING_CATEGORY(lcSql, "trackplan.store.sql", QtWarningMsg)

// Text columns are NOT NULL: a null QString means "empty" in our values, never SQL NULL.
// Typed nulls of other types (QMetaType::Double …) stay NULL on purpose.
QVariant bindable(const QVariant& v)
{
    if (v.typeId() == QMetaType::QString && v.toString().isNull()) {
        return QVariant(QStringLiteral(""));
    }
    return v;
}

QString nextConnectionName()
{
    static QAtomicInteger<int> counter;
    return QStringLiteral("trackplan-%1").arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

Database::Database(StoreUrl url)
    : m_url(std::move(url))
    , m_name(nextConnectionName())
{
}

Database::~Database()
{
    finalizeNative();
    qDeleteAll(m_cache);
    m_cache.clear();
    if (m_db.isValid()) {
        m_db.close();
    }
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

Result<std::unique_ptr<Database>> Database::open(const StoreUrl& url)
{
    std::unique_ptr<Database> d(new Database(url));
    if (url.backend == StoreUrl::Backend::Sqlite) {
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE"))) {
            return makeError(
                Error::Code::Connection,
                QCoreApplication::translate("tp::store", "The Qt SQLite driver (QSQLITE) is not installed."));
        }
        const QFileInfo fi(url.path);
        if (!QDir().mkpath(fi.absolutePath())) {
            return makeError(
                Error::Code::Io,
                QCoreApplication::translate("tp::store", "Cannot create the folder %1.").arg(fi.absolutePath()));
        }
        d->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d->m_name);
        d->m_db.setDatabaseName(url.path);
        d->m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    } else {
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
            return makeError(
                Error::Code::Connection,
                QCoreApplication::translate("tp::store", "The Qt PostgreSQL driver (QPSQL) is not installed."));
        }
        d->m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), d->m_name);
        d->m_db.setHostName(url.host);
        d->m_db.setPort(url.port);
        d->m_db.setDatabaseName(url.database);
        d->m_db.setUserName(url.user);
        d->m_db.setPassword(url.password);
        d->m_db.setConnectOptions(QStringLiteral("connect_timeout=10"));
    }
    if (!d->m_db.open()) {
        return makeError(Error::Code::Connection,
                         QCoreApplication::translate("tp::store", "Cannot open the store %1: %2")
                             .arg(url.displayString(), d->m_db.lastError().text()));
    }
    if (url.backend == StoreUrl::Backend::Sqlite) {
        const QString pragmas =
            QStringLiteral("PRAGMA foreign_keys = ON;\nPRAGMA journal_mode = WAL;\nPRAGMA synchronous = NORMAL;\n");
        if (auto s = d->script(pragmas); !s) {
            return s.error();
        }
        const QVariant handle = d->m_db.driver()->handle();
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
            d->m_sqlite = *static_cast<sqlite3* const*>(handle.constData());
        }
    } else {
        if (auto s = d->script(QStringLiteral("SET client_min_messages = warning;\n")); !s) {
            return s.error();
        }
    }
    return d;
}

QSqlQuery* Database::prepared(const QString& sql, Error* error)
{
    if (auto it = m_cache.find(sql); it != m_cache.end()) {
        (*it)->finish();
        return *it;
    }
    auto* q = new QSqlQuery(m_db);
    q->setForwardOnly(true);
    if (!q->prepare(sql)) {
        *error = mapError(q->lastError(), sql);
        delete q;
        return nullptr;
    }
    m_cache.insert(sql, q);
    return q;
}

Result<QSqlQuery*> Database::run(const QString& sql, std::initializer_list<QVariant> args)
{
    return run(sql, QVariantList(args));
}

Result<QSqlQuery*> Database::run(const QString& sql, const QVariantList& args)
{
    for (int attempt = 0;; ++attempt) {
        Error err;
        QSqlQuery* q = prepared(sql, &err);
        if (q) {
            for (int i = 0; i < args.size(); ++i) {
                q->bindValue(i, bindable(args.at(i)));
            }
            if (q->exec()) {
                return q;
            }
            err = mapError(q->lastError(), sql);
        }
        // The server may have come back (restarted, network back): once more, reconnected.
        if (attempt > 0 || !reconnectIfLost(err)) {
            return err;
        }
    }
}

bool Database::reconnectIfLost(const Error& error)
{
    // Only a PostgreSQL connection is lost this way, and only outside a transaction may a
    // statement be sent again: inside one, the work done so far is gone with the connection.
    if (!isPostgres() || m_depth > 0 || (error.code != Error::Code::Connection && error.code != Error::Code::Sql)) {
        return false;
    }
    if (QSqlQuery probe(m_db); m_db.isOpen() && probe.exec(QStringLiteral("SELECT 1"))) {
        return false; // the connection works: the statement itself failed
    }
    clearStatementCache();
    m_db.close();
    if (!m_db.open()) {
        qCDebug(lcSql, "reconnect failed: %s", qPrintable(m_db.lastError().text()));
        return false;
    }
    qCDebug(lcSql, "reconnected to %s", qPrintable(m_url.displayString()));
    return true;
}

Result<int> Database::change(const QString& sql, std::initializer_list<QVariant> args)
{
    return change(sql, QVariantList(args));
}

Result<int> Database::change(const QString& sql, const QVariantList& args)
{
    if (m_sqlite) {
        auto n = nativeWrite(sql, args, false);
        if (!n) {
            return n.error();
        }
        return int(*n);
    }
    auto q = run(sql, args);
    if (!q) {
        return q.error();
    }
    const int n = (*q)->numRowsAffected();
    (*q)->finish();
    return n;
}

Result<QVariant> Database::scalar(const QString& sql, std::initializer_list<QVariant> args)
{
    auto q = run(sql, args);
    if (!q) {
        return q.error();
    }
    if (!(*q)->next()) {
        return makeError(Error::Code::NotFound, QCoreApplication::translate("tp::store", "No row."));
    }
    QVariant v = (*q)->value(0);
    (*q)->finish();
    return v;
}

Result<qint64> Database::insert(const QString& sql, std::initializer_list<QVariant> args)
{
    return insert(sql, QVariantList(args));
}

Result<qint64> Database::insert(const QString& sql, const QVariantList& args)
{
    if (isPostgres()) {
        auto q = run(sql + QStringLiteral(" RETURNING id"), args);
        if (!q) {
            return q.error();
        }
        if (!(*q)->next()) {
            return makeError(Error::Code::Sql, QCoreApplication::translate("tp::store", "Insert returned no id."));
        }
        const qint64 id = (*q)->value(0).toLongLong();
        (*q)->finish();
        return id;
    }
    if (m_sqlite) {
        return nativeWrite(sql, args, true);
    }
    auto q = run(sql, args);
    if (!q) {
        return q.error();
    }
    const qint64 id = (*q)->lastInsertId().toLongLong();
    (*q)->finish();
    return id;
}

sqlite3_stmt* Database::nativeStatement(const QString& sql, Error* error)
{
    sqlite3_stmt* st = m_native.value(sql, nullptr);
    if (!st) {
        const int rc = sqlite3_prepare16_v3(m_sqlite, sql.utf16(), int(sql.size() * sizeof(char16_t)),
                                            SQLITE_PREPARE_PERSISTENT, &st, nullptr);
        if (rc != SQLITE_OK) {
            sqlite3_finalize(st);
            *error = nativeError(rc, sql);
            return nullptr;
        }
        m_native.insert(sql, st);
    }
    return st;
}

static int bindNative(sqlite3_stmt* st, const QVariantList& args)
{
    int rc = SQLITE_OK;
    for (int i = 0; i < args.size() && rc == SQLITE_OK; ++i) {
        const QVariant& v = args.at(i);
        switch (v.typeId()) {
        case QMetaType::QString: {
            const QString& text = *static_cast<const QString*>(v.constData());
            // Text columns are NOT NULL: a null QString is "", as in bindable().
            rc = sqlite3_bind_text16(st, i + 1, text.isNull() ? static_cast<const void*>(u"") : text.utf16(),
                                     int(text.size() * sizeof(char16_t)), SQLITE_TRANSIENT);
            break;
        }
        case QMetaType::Bool:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
            rc = v.isNull() ? sqlite3_bind_null(st, i + 1) : sqlite3_bind_int64(st, i + 1, v.toLongLong());
            break;
        case QMetaType::Double:
            rc = v.isNull() ? sqlite3_bind_null(st, i + 1) : sqlite3_bind_double(st, i + 1, v.toDouble());
            break;
        case QMetaType::UnknownType:
        case QMetaType::Nullptr:
            rc = sqlite3_bind_null(st, i + 1);
            break;
        default: {
            const QString text = v.toString();
            rc = sqlite3_bind_text16(st, i + 1, text.utf16(), int(text.size() * sizeof(char16_t)), SQLITE_TRANSIENT);
            break;
        }
        }
    }
    return rc;
}

Result<qint64> Database::nativeWrite(const QString& sql, const QVariantList& args, bool wantId)
{
    Error error;
    sqlite3_stmt* st = nativeStatement(sql, &error);
    if (!st) {
        return error;
    }
    int rc = bindNative(st, args);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        if (m_depth > 0 && sqlite3_get_autocommit(m_sqlite)) {
            m_failed = true; // SQLite rolled the transaction back itself (e.g. SQLITE_FULL)
        }
        return nativeError(rc, sql);
    }
    return wantId ? qint64(sqlite3_last_insert_rowid(m_sqlite)) : qint64(sqlite3_changes(m_sqlite));
}

namespace {

/// A row of a QSqlQuery.
class QueryRow final : public RowView {
public:
    explicit QueryRow(const QSqlQuery& q)
        : m_q(q)
    {
    }
    [[nodiscard]] qint64 int64(int column) const override { return m_q.value(column).toLongLong(); }
    [[nodiscard]] QString text(int column) const override { return m_q.value(column).toString(); }

private:
    const QSqlQuery& m_q;
};

/// A row of a stepped sqlite3 statement: values read straight from SQLite's buffers.
class NativeRow final : public RowView {
public:
    explicit NativeRow(sqlite3_stmt* st)
        : m_st(st)
    {
    }
    [[nodiscard]] qint64 int64(int column) const override { return sqlite3_column_int64(m_st, column); }
    [[nodiscard]] QString text(int column) const override
    {
        const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_st, column));
        return data ? QString::fromUtf8(data, sqlite3_column_bytes(m_st, column)) : QString();
    }
    [[nodiscard]] QByteArray utf8(int column) const override
    {
        const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_st, column));
        return data ? QByteArray(data, sqlite3_column_bytes(m_st, column)) : QByteArray();
    }

private:
    sqlite3_stmt* m_st;
};

} // namespace

Status Database::forEachRow(const QString& sql, const QVariantList& args,
                            const std::function<void(const RowView&)>& row)
{
    if (!m_sqlite) {
        auto q = run(sql, args);
        if (!q) {
            return q.error();
        }
        const QueryRow view(**q);
        while ((*q)->next()) {
            row(view);
        }
        (*q)->finish();
        return Ok{};
    }
    Error error;
    sqlite3_stmt* st = nativeStatement(sql, &error);
    if (!st) {
        return error;
    }
    int rc = bindNative(st, args);
    const NativeRow view(st);
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            row(view);
        }
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE) {
        return nativeError(rc, sql);
    }
    return Ok{};
}

Error Database::nativeError(int code, const QString& context) const
{
    const int extended = sqlite3_extended_errcode(m_sqlite);
    QSqlError e(QString(), QString::fromUtf8(sqlite3_errmsg(m_sqlite)), QSqlError::StatementError,
                QString::number(extended != 0 ? extended : code));
    return mapError(e, context);
}

void Database::finalizeNative()
{
    for (sqlite3_stmt* st : std::as_const(m_native)) {
        sqlite3_finalize(st);
    }
    m_native.clear();
}

Status Database::script(const QString& sql)
{
    // Statements end with ';' at the end of a line; comments start with "--". A function body
    // between $$ … $$ (PostgreSQL) is part of its statement whatever its lines end with.
    QString current;
    bool inBody = false;
    const QStringList lines = sql.split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QLatin1String("--")) || trimmed.isEmpty()) {
            continue;
        }
        current += line + QLatin1Char('\n');
        if (line.count(QLatin1String("$$")) % 2 == 1) {
            inBody = !inBody;
        }
        if (!inBody && trimmed.endsWith(QLatin1Char(';'))) {
            QSqlQuery q(m_db);
            if (!q.exec(current)) {
                return mapError(q.lastError(), current);
            }
            current.clear();
        }
    }
    return Ok{};
}

Status Database::begin()
{
    if (m_depth++ > 0) {
        return Ok{};
    }
    m_failed = false;
    const QString sql = isPostgres() ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE");
    if (QSqlQuery q(m_db); !q.exec(sql)) {
        m_depth = 0;
        const Error error = mapError(q.lastError(), sql);
        if (!reconnectIfLost(error)) {
            return error;
        }
        if (QSqlQuery again(m_db); !again.exec(sql)) {
            return mapError(again.lastError(), sql);
        }
        m_depth = 1;
    }
    return Ok{};
}

Status Database::commit()
{
    if (m_depth == 0) {
        return makeError(Error::Code::Sql, QCoreApplication::translate("tp::store", "Commit without a transaction."));
    }
    if (--m_depth > 0) {
        return Ok{};
    }
    for (QSqlQuery* q : std::as_const(m_cache)) {
        q->finish();
    }
    QSqlQuery q(m_db);
    if (m_failed) {
        q.exec(QStringLiteral("ROLLBACK"));
        return makeError(
            Error::Code::Sql,
            QCoreApplication::translate("tp::store", "The transaction was rolled back by an inner failure."));
    }
    if (!q.exec(QStringLiteral("COMMIT"))) {
        const Error e = mapError(q.lastError(), QStringLiteral("COMMIT"));
        QSqlQuery r(m_db);
        r.exec(QStringLiteral("ROLLBACK"));
        return e;
    }
    return Ok{};
}

void Database::rollback()
{
    if (m_depth == 0) {
        return;
    }
    if (--m_depth > 0) {
        m_failed = true; // the outermost commit turns into a rollback
        return;
    }
    for (QSqlQuery* q : std::as_const(m_cache)) {
        q->finish();
    }
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK"));
}

QString Database::forUpdate() const
{
    return isPostgres() ? QStringLiteral(" FOR UPDATE") : QString();
}

void Database::clearStatementCache()
{
    finalizeNative();
    qDeleteAll(m_cache);
    m_cache.clear();
}

Error Database::mapError(const QSqlError& e, const QString& context) const
{
    const QString code = e.nativeErrorCode();
    const QString text = e.text();
    Error::Code c = Error::Code::Sql;
    if (isPostgres()) {
        if (code == QLatin1String("23505") || code == QLatin1String("40001") || code == QLatin1String("40P01")) {
            c = Error::Code::Conflict;
        } else if (code == QLatin1String("42501")) {
            c = Error::Code::Permission;
        } else if (code.startsWith(QLatin1String("08")) || e.type() == QSqlError::ConnectionError || (!m_db.isOpen())) {
            c = Error::Code::Connection;
        }
    } else {
        // SQLITE_CONSTRAINT_UNIQUE 2067, _PRIMARYKEY 1555, SQLITE_BUSY 5
        if (code == QLatin1String("2067") || code == QLatin1String("1555")) {
            c = Error::Code::Conflict;
        } else if (code == QLatin1String("5") || code == QLatin1String("6")) {
            c = Error::Code::Conflict;
        } else if (e.type() == QSqlError::ConnectionError) {
            c = Error::Code::Connection;
        }
    }
    // Expected failures (conflicts) end here too: log quietly, the caller reports.
    qCDebug(lcSql, "SQL error %s in: %s", qPrintable(text), qPrintable(context.left(200)));
    return makeError(c, QCoreApplication::translate("tp::store", "Database error: %1").arg(text));
}

} // namespace tp
