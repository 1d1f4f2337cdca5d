#include "pgserver.h"

#include "serverprocess.h"

#include <QAtomicInteger>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QUrl>
#include <QVersionNumber>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <pwd.h>
#include <unistd.h>

namespace tp::test {

namespace {

constexpr int InitdbTimeoutMs = 60'000;
constexpr int ReadyTimeoutMs = 30'000;
constexpr int PollIntervalMs = 20;
constexpr int PortAttempts = 5;
constexpr qint64 MinShmBytes = qint64(1) << 30;

QString quoteIdentifier(const QString& name)
{
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

// initdb options; part of the template cache key below.
QStringList initdbOptions()
{
    return {QStringLiteral("-A"), QStringLiteral("trust"), QStringLiteral("-U"), QStringLiteral("postgres"),
            QStringLiteral("--encoding=UTF8"), QStringLiteral("--locale=C"),
            // no fsync: the cluster is thrown away
            QStringLiteral("--no-sync"), QStringLiteral("--no-instructions")};
}

bool runQuietly(const QString& program, const QStringList& args)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardOutputFile(QProcess::nullDevice());
    process.start(program, args);
    return process.waitForFinished(60'000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

// Where clusters live: tmpfs when there is a roomy one, since a cluster is ~1,000 files
// (40 MB) written once and thrown away (measured on an ext4 VM disk: initdb 1.7 s in /tmp,
// 0.65 s in /dev/shm). Containers often have a 64 MB /dev/shm: too small. As root, a place the
// postgres user can reach (not root's own TMPDIR). Paths stay short: the Unix socket lives
// there too, and socket paths are limited to ~100 bytes.
QString scratchBase(bool root)
{
    const QFileInfo shm(QStringLiteral("/dev/shm"));
    if (shm.isDir() && shm.isWritable() && QStorageInfo(shm.filePath()).bytesAvailable() >= MinShmBytes)
        return shm.filePath();
    return root ? QStringLiteral("/tmp") : QDir::tempPath();
}

// initdb takes most of a server's start-up. Its result depends only on the binaries and the
// options, so the first server on a machine keeps a copy of its fresh cluster and later servers
// (other test processes too) copy that: ~0.1 s instead of ~0.7 s on tmpfs. The key changes with the
// initdb binary, its options and our user; a half-written copy is never seen because it is
// renamed into place.
QString templateCacheDir(const QString& base, const QString& bin)
{
    const QFileInfo initdb(bin + QLatin1String("/initdb"));
    QCryptographicHash key(QCryptographicHash::Sha1);
    key.addData(initdb.canonicalFilePath().toUtf8());
    key.addData(QByteArray::number(initdb.size()));
    key.addData(QByteArray::number(initdb.lastModified().toMSecsSinceEpoch()));
    key.addData(initdbOptions().join(QLatin1Char(' ')).toUtf8());
    return QStringLiteral("%1/trackplan-pgtemplate-%2-%3")
        .arg(base)
        .arg(::geteuid())
        .arg(QString::fromLatin1(key.result().toHex().left(16)));
}

// Only a template that we wrote ourselves, that no one else may change.
bool templateUsable(const QString& cacheDir)
{
    const QFileInfo info(cacheDir);
    return info.isDir() && !info.isSymLink() && info.ownerId() == ::geteuid()
        && !(info.permissions() & (QFile::WriteGroup | QFile::WriteOther))
        && QFileInfo::exists(cacheDir + QLatin1String("/data/PG_VERSION"));
}

void storeTemplate(const QString& dataDir, const QString& cacheDir)
{
    QTemporaryDir staging(cacheDir + QLatin1String(".tmp-XXXXXX")); // 0700, ours
    if (!staging.isValid()
        || !runQuietly(QStringLiteral("cp"), {QStringLiteral("-a"), dataDir, staging.filePath(QStringLiteral("data"))}))
        return;
    // Fails if another process stored one meanwhile: then `staging` is removed and theirs is used.
    if (::rename(QFile::encodeName(staging.path()).constData(), QFile::encodeName(cacheDir).constData()) == 0)
        staging.setAutoRemove(false);
}

// A test process that crashed leaves its cluster directory behind (40 MB, in RAM on tmpfs).
// Each directory names the process that made it; remove those whose process is gone.
void removeAbandonedClusters(const QString& base)
{
    const QDir dir(base);
    const QStringList names = dir.entryList({QStringLiteral("tp-pg-*")}, QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& name : names) {
        QFile owner(dir.filePath(name + QLatin1String("/owner.pid")));
        if (!owner.open(QIODevice::ReadOnly))
            continue;
        bool ok = false;
        const qint64 pid = owner.readAll().trimmed().toLongLong(&ok);
        if (ok && pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
            QDir(dir.filePath(name)).removeRecursively();
    }
}

// postmaster.pid line 8 holds the server status; "ready" once it accepts connections
// (the same check `pg_ctl -w start` makes).
bool postmasterReady(const QString& dataDir)
{
    QFile pidFile(dataDir + QLatin1String("/postmaster.pid"));
    if (!pidFile.open(QIODevice::ReadOnly))
        return false;
    const QList<QByteArray> lines = pidFile.readAll().split('\n');
    return lines.size() > 7 && lines.at(7).trimmed() == "ready";
}

} // namespace

PgServer::PgServer() = default;

PgServer::~PgServer()
{
    stop();
}

QString PgServer::binDir()
{
    const QString fromEnv = qEnvironmentVariable("TRACKPLAN_PG_BINDIR");
    if (!fromEnv.isEmpty())
        return fromEnv;

    const QDir versions(QStringLiteral("/usr/lib/postgresql"));
    QStringList names = versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(names.begin(), names.end(), [](const QString& a, const QString& b) {
        return QVersionNumber::fromString(a) > QVersionNumber::fromString(b);
    });
    for (const QString& name : std::as_const(names)) {
        const QString bin = versions.filePath(name + QLatin1String("/bin"));
        if (QFileInfo(bin + QLatin1String("/initdb")).isExecutable())
            return bin;
    }
    const QString initdb = QStandardPaths::findExecutable(QStringLiteral("initdb"));
    if (!initdb.isEmpty())
        return QFileInfo(QFileInfo(initdb).canonicalFilePath()).absolutePath();
    return versions.filePath(QStringLiteral("15/bin")); // so the error names the expected place
}

QString PgServer::url(const QString& db, const QString& user) const
{
    return QStringLiteral("postgresql://%1@%2:%3/%4")
        .arg(QString::fromLatin1(QUrl::toPercentEncoding(user)), host())
        .arg(m_port)
        .arg(QString::fromLatin1(QUrl::toPercentEncoding(db)));
}

QString PgServer::dataDir() const
{
    return m_dir ? m_dir->filePath(QStringLiteral("data")) : QString();
}

QString PgServer::logFile() const
{
    return m_dir ? m_dir->filePath(QStringLiteral("postgres.log")) : QString();
}

bool PgServer::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

bool PgServer::start(QString* error)
{
    if (isRunning())
        return true;
    QString err;
    const auto fail = [&](const QString& message) {
        stop();
        if (error)
            *error = message;
        return false;
    };

    const QString bin = m_binDir.isEmpty() ? binDir() : m_binDir;
    for (const char* tool : {"initdb", "postgres"}) {
        if (!QFileInfo(bin + QLatin1Char('/') + QLatin1String(tool)).isExecutable())
            return fail(QStringLiteral("PostgreSQL server program %1/%2 not found or not executable; install the "
                                       "Debian package 'postgresql' (scripts/dev.sh test does) or set "
                                       "TRACKPLAN_PG_BINDIR")
                            .arg(bin, QLatin1String(tool)));
    }

    // PostgreSQL refuses to run as root: then the cluster belongs to the `postgres` user.
    const bool root = ::geteuid() == 0;
    const QString tempBase = scratchBase(root);
    if (root) {
        const passwd* pw = ::getpwnam("postgres");
        if (!pw)
            return fail(QStringLiteral("running as root, but there is no 'postgres' system user to run PostgreSQL "
                                       "as; install the Debian package 'postgresql' or run the tests as non-root"));
        m_uid = static_cast<int>(pw->pw_uid);
        m_gid = static_cast<int>(pw->pw_gid);
    }
    removeAbandonedClusters(tempBase);
    m_dir = std::make_unique<QTemporaryDir>(tempBase + QLatin1String("/tp-pg-XXXXXX"));
    if (!m_dir->isValid())
        return fail(
            QStringLiteral("cannot create a temporary directory in %1: %2").arg(tempBase, m_dir->errorString()));
    {
        QFile owner(m_dir->filePath(QStringLiteral("owner.pid")));
        if (!owner.open(QIODevice::WriteOnly) || owner.write(QByteArray::number(::getpid())) < 0)
            return fail(QStringLiteral("cannot write %1: %2").arg(owner.fileName(), owner.errorString()));
    }
    if (m_uid >= 0
        && ::chown(QFile::encodeName(m_dir->path()).constData(), static_cast<uid_t>(m_uid), static_cast<gid_t>(m_gid))
            != 0)
        return fail(QStringLiteral("cannot hand %1 to the postgres user").arg(m_dir->path()));

    // `cp -a` keeps the template's owner (postgres when we are root).
    const bool useTemplate = qEnvironmentVariableIsEmpty("TRACKPLAN_PG_NO_TEMPLATE");
    const QString cacheDir = templateCacheDir(tempBase, bin);
    const bool copied = useTemplate && templateUsable(cacheDir)
        && runQuietly(QStringLiteral("cp"), {QStringLiteral("-a"), cacheDir + QLatin1String("/data"), dataDir()});
    if (!copied) {
        QDir(dataDir()).removeRecursively(); // a partial copy
        if (!initCluster(bin, &err))
            return fail(err);
        if (useTemplate)
            storeTemplate(dataDir(), cacheDir);
    }

    for (int attempt = 1; attempt <= PortAttempts; ++attempt) {
        const int port = detail::freeLoopbackPort(&err);
        if (port == 0)
            return fail(err);
        bool portTaken = false;
        if (launch(bin, port, &portTaken, &err)) {
            m_port = port;
            return true;
        }
        if (!portTaken)
            return fail(err);
    }
    return fail(err);
}

bool PgServer::initCluster(const QString& bin, QString* error)
{
    const QString log = m_dir->filePath(QStringLiteral("initdb.log"));
    QProcess initdb;
    initdb.setProgram(bin + QLatin1String("/initdb"));
    initdb.setArguments(QStringList{QStringLiteral("-D"), dataDir()} + initdbOptions());
    initdb.setWorkingDirectory(m_dir->path());
    initdb.setProcessChannelMode(QProcess::MergedChannels);
    initdb.setStandardOutputFile(log);
    detail::setChildSetup(initdb, SIGKILL, m_uid, m_gid);
    initdb.start();
    if (!initdb.waitForStarted()) {
        *error = QStringLiteral("cannot run %1: %2").arg(initdb.program(), initdb.errorString());
        return false;
    }
    if (!initdb.waitForFinished(InitdbTimeoutMs)) {
        initdb.kill();
        initdb.waitForFinished();
        *error = QStringLiteral("initdb did not finish within %1 s:\n%2")
                     .arg(InitdbTimeoutMs / 1000)
                     .arg(detail::logTail(log));
        return false;
    }
    if (initdb.exitStatus() != QProcess::NormalExit || initdb.exitCode() != 0) {
        *error =
            QStringLiteral("initdb failed (exit code %1%2):\n%3")
                .arg(initdb.exitCode())
                .arg(initdb.exitCode() == 126 ? QStringLiteral(", could not switch to the postgres user") : QString())
                .arg(detail::logTail(log));
        return false;
    }
    return true;
}

bool PgServer::launch(const QString& bin, int port, bool* portTaken, QString* error)
{
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(bin + QLatin1String("/postgres"));
    QStringList args{QStringLiteral("-D"), dataDir(),    QStringLiteral("-p"), QString::number(port),
                     QStringLiteral("-k"), m_dir->path()};
    for (const char* setting :
         {"listen_addresses=127.0.0.1", "fsync=off", "full_page_writes=off", "synchronous_commit=off"})
        args << QStringLiteral("-c") << QLatin1String(setting);
    m_process->setArguments(args);
    m_process->setWorkingDirectory(m_dir->path());
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    // To a file, not a pipe: nobody reads a pipe while the test runs, and a full one blocks the server.
    m_process->setStandardOutputFile(logFile(), QIODevice::Append);
    // SIGQUIT is PostgreSQL's immediate shutdown: the postmaster takes its backends down with it.
    detail::setChildSetup(*m_process, SIGQUIT, m_uid, m_gid);
    m_process->start();
    if (!m_process->waitForStarted()) {
        *error = QStringLiteral("cannot run %1: %2").arg(m_process->program(), m_process->errorString());
        return false;
    }

    const QDeadlineTimer deadline(ReadyTimeoutMs);
    while (!deadline.hasExpired()) {
        if (postmasterReady(dataDir()))
            return true;
        // Doubles as the poll interval and notices a server that exits during start-up.
        if (m_process->waitForFinished(PollIntervalMs) || m_process->state() == QProcess::NotRunning) {
            const QString tail = detail::logTail(logFile());
            *portTaken = tail.contains(QLatin1String("Address already in use"));
            *error = QStringLiteral("postgres exited during start-up on port %1 (exit code %2):\n%3")
                         .arg(port)
                         .arg(m_process->exitCode())
                         .arg(tail);
            m_process.reset();
            return false;
        }
    }
    *error = QStringLiteral("postgres did not become ready within %1 s on port %2:\n%3")
                 .arg(ReadyTimeoutMs / 1000)
                 .arg(port)
                 .arg(detail::logTail(logFile()));
    return false;
}

bool PgServer::restart(QString* error)
{
    if (!m_process || !m_dir) {
        return start(error);
    }
    halt();
    return resume(error);
}

void PgServer::halt()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        // SIGINT is the fast shutdown: clients are disconnected, committed data is kept (an
        // immediate shutdown would lose recent commits, since synchronous_commit is off).
        ::kill(static_cast<pid_t>(m_process->processId()), SIGINT);
        if (!m_process->waitForFinished(20'000)) {
            m_process->kill();
            m_process->waitForFinished();
        }
    }
    m_process.reset();
}

bool PgServer::resume(QString* error)
{
    if (!m_dir || m_port == 0) {
        return start(error);
    }
    const QString bin = m_binDir.isEmpty() ? binDir() : m_binDir;
    QString err;
    bool portTaken = false;
    if (!launch(bin, m_port, &portTaken, &err)) {
        if (error)
            *error = err;
        return false;
    }
    return true;
}

void PgServer::stop()
{
    if (m_process) {
        if (m_process->state() != QProcess::NotRunning) {
            ::kill(static_cast<pid_t>(m_process->processId()), SIGQUIT);
            if (!m_process->waitForFinished(10'000)) {
                m_process->kill();
                m_process->waitForFinished();
            }
        }
        m_process.reset();
    }
    m_dir.reset(); // removes the cluster
    m_port = 0;
}

bool PgServer::createDatabase(const QString& name, QString* error)
{
    static QAtomicInteger<int> counter;
    const QString connection = QStringLiteral("tp_pgserver_%1_%2").arg(m_port).arg(counter.fetchAndAddRelaxed(1));
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        if (!db.isValid()) {
            if (error)
                *error = QStringLiteral("the Qt PostgreSQL driver QPSQL is missing; install the Debian package "
                                        "'libqt6sql6-psql'");
        } else {
            db.setHostName(host());
            db.setPort(m_port);
            db.setUserName(QStringLiteral("postgres"));
            db.setDatabaseName(QStringLiteral("postgres"));
            if (!db.open()) {
                if (error)
                    *error = QStringLiteral("cannot connect to %1: %2").arg(url(), db.lastError().text());
            } else {
                QSqlQuery query(db);
                ok = query.exec(QLatin1String("CREATE DATABASE ") + quoteIdentifier(name));
                if (!ok && error)
                    *error = QStringLiteral("CREATE DATABASE %1 failed: %2").arg(name, query.lastError().text());
            }
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

} // namespace tp::test
