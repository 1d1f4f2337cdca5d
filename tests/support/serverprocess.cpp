#include "serverprocess.h"

#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QStringList>
#include <QTcpServer>

#include <grp.h>
#include <unistd.h>
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

namespace tp::test::detail {

int freeLoopbackPort(QString* error)
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0)) {
        if (error)
            *error = QStringLiteral("cannot find a free loopback port: %1").arg(probe.errorString());
        return 0;
    }
    return probe.serverPort();
}

void setChildSetup(QProcess& process, int signal, int uid, int gid)
{
    // Runs in the forked child before exec: only async-signal-safe calls here.
    const pid_t parent = ::getpid();
    process.setChildProcessModifier([signal, uid, gid, parent] {
        if (uid >= 0) {
            const gid_t g = static_cast<gid_t>(gid);
            if (::setgroups(1, &g) != 0 || ::setgid(g) != 0 || ::setuid(static_cast<uid_t>(uid)) != 0)
                ::_exit(126);
        }
#ifdef Q_OS_LINUX
        // After setuid: a credential change clears the parent-death signal.
        ::prctl(PR_SET_PDEATHSIG, signal);
        if (::getppid() != parent) // the test process died between fork and prctl
            ::_exit(126);
#else
        Q_UNUSED(signal);
        Q_UNUSED(parent);
#endif
    });
}

QString logTail(const QString& path, int maxLines)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList lines = QString::fromLocal8Bit(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (lines.size() > maxLines)
        lines = lines.mid(lines.size() - maxLines);
    return lines.join(QLatin1Char('\n'));
}

} // namespace tp::test::detail
