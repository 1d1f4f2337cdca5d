#include "redisserver.h"

#include "serverprocess.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <csignal>

namespace tp::test {

namespace {

constexpr int ReadyTimeoutMs = 15'000;
constexpr int StopTimeoutMs = 10'000;
constexpr int PortAttempts = 5;

// True once the server answers a command. With a password or an ACL that disables the default
// user it answers -NOAUTH (or -NOPERM), which still proves it is serving; -LOADING does not.
bool answersPing(int port)
{
    QTcpSocket socket;
    socket.connectToHost(RedisServer::host(), static_cast<quint16>(port));
    if (!socket.waitForConnected(200))
        return false;
    socket.write("PING\r\n");
    if (!socket.waitForBytesWritten(500))
        return false;
    QByteArray reply;
    while (!reply.contains('\n') && socket.waitForReadyRead(500))
        reply += socket.readAll();
    return reply.startsWith("+PONG") || reply.startsWith("-NOAUTH") || reply.startsWith("-NOPERM");
}

} // namespace

RedisServer::RedisServer(const QStringList& extraArgs)
    : m_extraArgs(extraArgs)
{
}

RedisServer::~RedisServer()
{
    terminate(SIGKILL); // nothing to keep: no need for a graceful shutdown
}

QString RedisServer::executable()
{
    const QString fromEnv = qEnvironmentVariable("TRACKPLAN_REDIS_SERVER");
    if (!fromEnv.isEmpty())
        return fromEnv;
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("redis-server"));
    if (!onPath.isEmpty())
        return onPath;
    return QStandardPaths::findExecutable(QStringLiteral("redis-server"), {QStringLiteral("/usr/bin")});
}

QString RedisServer::url() const
{
    return QStringLiteral("redis://%1:%2/0").arg(host()).arg(m_port);
}

QString RedisServer::logFile() const
{
    return m_dir ? m_dir->filePath(QStringLiteral("redis.log")) : QString();
}

bool RedisServer::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

bool RedisServer::start(QString* error)
{
    if (isRunning())
        return true;
    QString err;
    const auto fail = [&](const QString& message) {
        terminate(SIGKILL);
        if (error)
            *error = message;
        return false;
    };

    const QString program = m_executable.isEmpty() ? executable() : m_executable;
    if (program.isEmpty() || !QFileInfo(program).isExecutable())
        return fail(QStringLiteral("redis-server %1not found or not executable; install the Debian package "
                                   "'redis-server' (scripts/dev.sh test does) or set TRACKPLAN_REDIS_SERVER")
                        .arg(program.isEmpty() ? QString() : program + QLatin1Char(' ')));
    m_executable = program;

    if (!m_dir) {
        m_dir = std::make_unique<QTemporaryDir>();
        if (!m_dir->isValid()) {
            const QString message = QStringLiteral("cannot create a temporary directory: %1").arg(m_dir->errorString());
            m_dir.reset();
            return fail(message);
        }
    }
    if (!m_aclLines.isEmpty()) {
        QFile acl(m_dir->filePath(QStringLiteral("users.acl")));
        if (!acl.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return fail(QStringLiteral("cannot write %1: %2").arg(acl.fileName(), acl.errorString()));
        acl.write(m_aclLines.join(QLatin1Char('\n')).toUtf8() + '\n');
    }

    if (m_port != 0) { // a restart: the same port or nothing
        bool portTaken = false;
        return launch(m_port, &portTaken, &err) || fail(err);
    }
    for (int attempt = 1; attempt <= PortAttempts; ++attempt) {
        const int port = detail::freeLoopbackPort(&err);
        if (port == 0)
            return fail(err);
        bool portTaken = false;
        if (launch(port, &portTaken, &err)) {
            m_port = port;
            return true;
        }
        if (!portTaken)
            return fail(err);
    }
    return fail(err);
}

bool RedisServer::launch(int port, bool* portTaken, QString* error)
{
    QStringList args{QStringLiteral("--port"),       QString::number(port),
                     QStringLiteral("--bind"),       host(),
                     QStringLiteral("--save"),       QString(),
                     QStringLiteral("--appendonly"), QStringLiteral("no"),
                     QStringLiteral("--daemonize"),  QStringLiteral("no"),
                     QStringLiteral("--dir"),        m_dir->path()};
    if (!m_password.isEmpty())
        args << QStringLiteral("--requirepass") << m_password;
    if (!m_aclLines.isEmpty())
        args << QStringLiteral("--aclfile") << m_dir->filePath(QStringLiteral("users.acl"));
    args << m_extraArgs;

    m_process = std::make_unique<QProcess>();
    m_process->setProgram(m_executable);
    m_process->setArguments(args);
    m_process->setWorkingDirectory(m_dir->path());
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    // To a file, not a pipe: nobody reads a pipe while the test runs, and a full one blocks the server.
    m_process->setStandardOutputFile(logFile(), QIODevice::Append);
    detail::setChildSetup(*m_process, SIGTERM);
    m_process->start();
    if (!m_process->waitForStarted()) {
        *error = QStringLiteral("cannot run %1: %2").arg(m_executable, m_process->errorString());
        m_process.reset();
        return false;
    }

    const QDeadlineTimer deadline(ReadyTimeoutMs);
    while (!deadline.hasExpired()) {
        // A refused connection returns at once, so also wait on the process: that is the poll
        // interval and notices a server that exits during start-up.
        if (answersPing(port))
            return true;
        if (m_process->waitForFinished(10) || m_process->state() == QProcess::NotRunning) {
            const QString tail = detail::logTail(logFile());
            *portTaken = tail.contains(QLatin1String("Address already in use"));
            *error = QStringLiteral("redis-server exited during start-up on port %1 (exit code %2):\n%3")
                         .arg(port)
                         .arg(m_process->exitCode())
                         .arg(tail);
            m_process.reset();
            return false;
        }
    }
    *error = QStringLiteral("redis-server did not answer PING within %1 s on port %2:\n%3")
                 .arg(ReadyTimeoutMs / 1000)
                 .arg(port)
                 .arg(detail::logTail(logFile()));
    terminate(SIGKILL);
    return false;
}

void RedisServer::terminate(int signal)
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        ::kill(static_cast<pid_t>(m_process->processId()), signal);
        if (!m_process->waitForFinished(StopTimeoutMs)) {
            m_process->kill();
            m_process->waitForFinished();
        }
    }
    m_process.reset();
}

void RedisServer::stop()
{
    terminate(SIGTERM);
}

void RedisServer::kill()
{
    terminate(SIGKILL);
}

bool RedisServer::restart(QString* error)
{
    stop();
    return start(error);
}

} // namespace tp::test
