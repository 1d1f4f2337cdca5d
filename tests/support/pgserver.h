#pragma once

#include <QString>

#include <memory>

class QProcess;
class QTemporaryDir;

namespace tp::test {

// A throwaway PostgreSQL server for one test: `initdb` into a temporary directory, `postgres` on a
// free 127.0.0.1 port with trust authentication and durability off, shut down ("immediate") and
// deleted by the destructor. Run as root, the cluster is created and served as the `postgres`
// system user, since PostgreSQL refuses to run as root.
//
// Clusters live on tmpfs (/dev/shm) when there is one. The first server on a machine keeps a
// copy of its fresh cluster there, so later ones (in any test process) copy it instead of
// running initdb. TRACKPLAN_PG_NO_TEMPLATE=1 turns that off.
//
// The server is a child of the test process and gets SIGQUIT if the test process dies, so a
// crashed or timed-out test leaves nothing running. A missing installation makes start() fail
// with a message naming the package; callers QFAIL/qFatal with it (never skip).
class PgServer {
public:
    PgServer();
    ~PgServer();
    PgServer(const PgServer&) = delete;
    PgServer& operator=(const PgServer&) = delete;

    [[nodiscard]] bool start(QString* error);
    void stop();
    // Stops the server (fast shutdown: every client is disconnected, as when an administrator
    // restarts it) and starts it again on the same port with the same data.
    [[nodiscard]] bool restart(QString* error);
    // The two halves of restart(): the server is down between them, its data and port kept.
    void halt();
    [[nodiscard]] bool resume(QString* error);
    [[nodiscard]] bool isRunning() const;

    [[nodiscard]] int port() const { return m_port; }
    [[nodiscard]] static QString host() { return QStringLiteral("127.0.0.1"); }
    // postgresql://USER@127.0.0.1:PORT/DB
    [[nodiscard]] QString url(const QString& db = QStringLiteral("postgres"),
                              const QString& user = QStringLiteral("postgres")) const;
    [[nodiscard]] bool createDatabase(const QString& name, QString* error);

    [[nodiscard]] QString dataDir() const;
    [[nodiscard]] QString logFile() const;

    // The PostgreSQL bin directory: $TRACKPLAN_PG_BINDIR, else the highest
    // /usr/lib/postgresql/<version>/bin holding initdb, else the directory of `initdb` on PATH.
    [[nodiscard]] static QString binDir();
    // Overrides binDir() for this server (the fixture's own tests use a missing one).
    void setBinDir(const QString& dir) { m_binDir = dir; }

private:
    bool initCluster(const QString& bin, QString* error);
    bool launch(const QString& bin, int port, bool* portTaken, QString* error);

    QString m_binDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    int m_port = 0;
    int m_uid = -1; // user the server runs as when we are root, else -1
    int m_gid = -1;
};

} // namespace tp::test
