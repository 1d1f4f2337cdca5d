#pragma once

// Helpers shared by the server fixtures (PgServer, RedisServer). Internal to tp_testsupport.

#include <QString>

class QProcess;

namespace tp::test::detail {

// A TCP port on 127.0.0.1 that was free a moment ago. Another process may take it before the
// server binds it, so callers retry with a new port when the server reports "address in use".
[[nodiscard]] int freeLoopbackPort(QString* error);

// Makes the child die with `signal` when the test process dies (Linux PR_SET_PDEATHSIG), so a
// crashed or timed-out test does not leave servers behind. When `uid` >= 0 the child also drops
// to that user and group first (the server refuses to run as root). Call before start().
void setChildSetup(QProcess& process, int signal, int uid = -1, int gid = -1);

// The last `maxLines` lines of a log file, for error messages.
[[nodiscard]] QString logTail(const QString& path, int maxLines = 15);

} // namespace tp::test::detail
