#pragma once

#include <QString>
#include <QStringList>

#include <memory>

class QProcess;
class QTemporaryDir;

namespace tp::test {

// A throwaway redis-server for one test, on a free 127.0.0.1 port, without persistence.
// The port is chosen at the first start() and kept for the object's lifetime, so restart()
// (and start() after stop() or kill()) bring the server back where clients expect it.
// The server is a child of the test process and gets SIGTERM if the test process dies.
// A missing redis-server makes start() fail with a message; callers QFAIL/qFatal with it.
class RedisServer {
public:
    explicit RedisServer(const QStringList& extraArgs = {});
    ~RedisServer();
    RedisServer(const RedisServer&) = delete;
    RedisServer& operator=(const RedisServer&) = delete;

    // Configuration, read by the next start().
    void setExtraArgs(const QStringList& args) { m_extraArgs = args; }   // e.g. {"--maxclients", "10"}
    void setPassword(const QString& password) { m_password = password; } // --requirepass
    // ACL rules such as "user alice on >secret ~* +@all", written to an aclfile (--aclfile).
    void setAclLines(const QStringList& lines) { m_aclLines = lines; }
    void setExecutable(const QString& path) { m_executable = path; }

    [[nodiscard]] bool start(QString* error);
    void stop(); // graceful: SIGTERM, as an administrator would
    void kill(); // abrupt: SIGKILL, as a crash would
    [[nodiscard]] bool restart(QString* error);
    [[nodiscard]] bool isRunning() const;

    [[nodiscard]] int port() const { return m_port; }
    [[nodiscard]] static QString host() { return QStringLiteral("127.0.0.1"); }
    [[nodiscard]] QString url() const; // redis://127.0.0.1:PORT/0
    [[nodiscard]] QString logFile() const;

    // $TRACKPLAN_REDIS_SERVER, else redis-server on PATH (or in /usr/bin).
    [[nodiscard]] static QString executable();

private:
    bool launch(int port, bool* portTaken, QString* error);
    void terminate(int signal);

    QStringList m_extraArgs;
    QString m_password;
    QStringList m_aclLines;
    QString m_executable;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    int m_port = 0;
};

} // namespace tp::test
