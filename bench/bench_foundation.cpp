// Foundation benchmark (issue 2): runs the real `trackplanctl` as child processes and prints
//   - demo --events N time and peak memory,
//   - export time and peak memory (and file size),
//   - import time and peak memory, against the sqlite3 command-line tool's .import of the
//     same number of rows into a plain table, measured in the same run, as a ratio.
// Usage: bench_foundation [--events N] [--trackplanctl PATH] [--keep DIR]
// Figures only: it asserts nothing; compare them with the targets in README.md.

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace {

struct Run {
    int exitCode = -1;
    double seconds = 0;
    long peakKiB = 0;
    QByteArray out;
};

/// Runs a program with stdout to a file and stdin from a file (optional), measuring wall time
/// and the child's peak resident set size (wait4 rusage).
Run run(const QStringList& argv, const QString& stdoutFile = {}, const QString& stdinFile = {})
{
    Run r;
    std::vector<QByteArray> storage;
    std::vector<char*> args;
    for (const QString& a : argv) {
        storage.push_back(a.toLocal8Bit());
    }
    for (QByteArray& a : storage) {
        args.push_back(a.data());
    }
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const QString outPath = stdoutFile.isEmpty() ? QDir::temp().filePath(QStringLiteral("bench-stdout.txt")) : stdoutFile;
    const QByteArray outLocal = outPath.toLocal8Bit();
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outLocal.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const QByteArray inLocal = stdinFile.toLocal8Bit();
    if (!stdinFile.isEmpty()) {
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, inLocal.constData(), O_RDONLY, 0);
    }
    QElapsedTimer t;
    t.start();
    pid_t pid = 0;
    if (posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ) != 0) {
        posix_spawn_file_actions_destroy(&actions);
        std::fprintf(stderr, "cannot start %s\n", args[0]);
        return r;
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    r.seconds = double(t.nsecsElapsed()) / 1e9;
    posix_spawn_file_actions_destroy(&actions);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.peakKiB = usage.ru_maxrss;
    if (stdoutFile.isEmpty()) {
        QFile f(outPath);
        if (f.open(QIODevice::ReadOnly)) {
            r.out = f.readAll();
        }
    }
    return r;
}

void report(const char* what, const Run& r)
{
    std::printf("%-34s %8.2f s   peak %7.1f MB   exit %d\n", what, r.seconds, double(r.peakKiB) / 1024.0, r.exitCode);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({QStringLiteral("events"), QStringLiteral("Demo size."), QStringLiteral("N"), QStringLiteral("100000")});
    p.addOption({QStringLiteral("trackplanctl"), QStringLiteral("Path of trackplanctl."), QStringLiteral("PATH"),
                 QCoreApplication::applicationDirPath() + QStringLiteral("/../app/trackplanctl/trackplanctl")});
    p.addOption({QStringLiteral("keep"), QStringLiteral("Work in DIR and keep the files."), QStringLiteral("DIR")});
    p.process(app);

    const QString ctl = QFileInfo(p.value(QStringLiteral("trackplanctl"))).canonicalFilePath();
    const QString sqlite3 = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    if (ctl.isEmpty() || sqlite3.isEmpty()) {
        std::fprintf(stderr, "need trackplanctl (%s) and sqlite3 on PATH\n", qPrintable(p.value(QStringLiteral("trackplanctl"))));
        return 2;
    }
    QTemporaryDir tmp;
    const QString dir = p.isSet(QStringLiteral("keep")) ? p.value(QStringLiteral("keep")) : tmp.path();
    QDir().mkpath(dir);
    const QString events = p.value(QStringLiteral("events"));
    const QString src = dir + QStringLiteral("/source.sqlite");
    const QString dst = dir + QStringLiteral("/imported.sqlite");
    const QString json = dir + QStringLiteral("/export.json");
    for (const QString& f : {src, dst, json}) {
        QFile::remove(f);
        QFile::remove(f + QStringLiteral("-wal"));
        QFile::remove(f + QStringLiteral("-shm"));
    }
    std::printf("TrackPlan foundation benchmark: demo --events %s, %d cores\n", qPrintable(events),
                int(sysconf(_SC_NPROCESSORS_ONLN)));

    const Run demo = run({ctl, QStringLiteral("--db"), src, QStringLiteral("--json"), QStringLiteral("demo"),
                          QStringLiteral("--events"), events});
    report("demo", demo);
    const QJsonObject summary = QJsonDocument::fromJson(demo.out).object();
    std::printf("  %d events, %d attributes, %d bindings, %d demands, %d versions\n",
                summary.value(QLatin1String("events")).toInt(), summary.value(QLatin1String("attributes")).toInt(),
                summary.value(QLatin1String("bindings")).toInt(), summary.value(QLatin1String("demands")).toInt(),
                summary.value(QLatin1String("versions")).toInt());

    const Run exp = run({ctl, QStringLiteral("--db"), src, QStringLiteral("export"), QStringLiteral("-o"), json});
    report("export", exp);
    std::printf("  export file: %.1f MB\n", double(QFileInfo(json).size()) / 1e6);

    const Run imp = run({ctl, QStringLiteral("--db"), dst, QStringLiteral("--json"), QStringLiteral("import"), json});
    report("import", imp);
    const qint64 rows = QJsonDocument::fromJson(imp.out).object().value(QLatin1String("rows")).toInteger();

    // The same number of rows through sqlite3's own CSV import into a plain table. The rows
    // are about as wide as an average row of ours: 5 columns, ~80 bytes.
    const QString csv = dir + QStringLiteral("/rows.csv");
    {
        QFile f(csv);
        if (!f.open(QIODevice::WriteOnly)) {
            return 3;
        }
        QByteArray line;
        for (qint64 i = 0; i < rows; ++i) {
            // The JSON column is quoted (its commas and quotes escaped as CSV wants), so that
            // every line is exactly five fields and sqlite3 imports it without a complaint.
            line = QByteArray::number(i) + ",user-app,event_key_" + QByteArray::number(i) +
                   ",some display name text,\"{\"\"required\"\":true,\"\"note\"\":\"\"\"\"}\"\n";
            f.write(line);
        }
    }
    const QString plain = dir + QStringLiteral("/plain.sqlite");
    QFile::remove(plain);
    const QString script = dir + QStringLiteral("/import.sql");
    {
        QFile f(script);
        if (!f.open(QIODevice::WriteOnly)) {
            return 3;
        }
        QTextStream(&f) << "CREATE TABLE t (id INTEGER, app TEXT, key TEXT, name TEXT, state TEXT);\n"
                        << ".mode csv\n.import " << csv << " t\n";
    }
    const Run base = run({sqlite3, plain}, {}, script);
    report("sqlite3 .import (same rows)", base);
    const Run count = run({sqlite3, plain, QStringLiteral("SELECT count(*) FROM t")});
    std::printf("  rows imported: %lld by trackplanctl, %s by sqlite3\n", static_cast<long long>(rows),
                count.out.trimmed().constData());
    if (base.seconds > 0) {
        std::printf("import / sqlite3 .import ratio:    %.2fx  (target <= 3x)\n", imp.seconds / base.seconds);
    }
    std::printf("export time:                       %.2f s  (target <= 5 s)\n", exp.seconds);
    const long peak = std::max({demo.peakKiB, exp.peakKiB, imp.peakKiB});
    std::printf("peak memory (max of the three):    %.1f MB (target <= 500 MB)\n", double(peak) / 1024.0);
    return (demo.exitCode | exp.exitCode | imp.exitCode) == 0 ? 0 : 1;
}
