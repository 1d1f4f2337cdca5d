// Publish benchmark (issue 5): publishes the current plans of a demo store to a redis-server it
// starts itself and prints
//   - the time to load the plans from the store (not part of the publish figures),
//   - the full publish (every schema new): time, Redis commands/s and writes/s (a write is a key
//     SET, one key of an MSET, or a hash field set), against `redis-benchmark -P 64 -c 1 -t hset
//     -n 300000` on the same server in the same run (ratio, target >= 0.5x),
//   - a republish after 1% of the events changed (each gets a new schema version and revision,
//     as a merge in the store gives it): time and ratio to the full publish (target <= 10%),
//   - the peak RSS of this process and the server's peak memory,
//   - with --ceiling, the same writes sent with no client work to a fresh server: what any
//     client could reach against this server.
// TP_BENCH_TRACE=1 prints the stages and the server's time per command (INFO commandstats).
// Usage: bench_publish [--db STORE | --events N] [--trackplanctl PATH] [--percent P] [--ceiling]
// Figures only: it asserts nothing.

#include "publisher.h"
#include "redisclient.h"
#include "rediskeys.h"
#include "schemacompiler.h"
#include "store.h"

#include "support/redisserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>
#include <functional>
#include <sys/resource.h>

using namespace tp;

namespace {

struct AppPlan {
    QString app;
    Plan plan;
    GovernancePolicy policy;
    QString checksum; ///< the store keeps it with each snapshot: computed outside the timings
};

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Round {
    double seconds = 0;
    double cpu = 0; ///< of this process: the client's share (the rest is the server and waiting)
    qint64 commands = 0;
    qint64 writes = 0;
    int schemasWritten = 0;
    int events = 0;
};

/// Publishes each app's plan as version "bench" (the same code path as trackplanctl publish,
/// without the store reads, which are timed apart).
Round publishAll(RedisClient& redis, const QList<AppPlan>& plans)
{
    Round round;
    QElapsedTimer t;
    t.start();
    const double cpu = cpuSeconds();
    Publisher publisher(redis);
    for (const AppPlan& a : plans) {
        const Plan* plan = &a.plan;
        PublishRequest request{
            a.app,
            {PublishVersion{QStringLiteral("bench"), a.checksum, [plan]() -> Result<Plan> { return *plan; }}},
            a.policy,
            {}};
        PublishOptions options;
        options.actor = QStringLiteral("bench");
        if (qEnvironmentVariableIsSet("TP_BENCH_TRACE")) {
            // Where the time goes: the stages as the progress callback sees them.
            options.progress = [&t, last = QString()](int percent, const QString& stage) mutable {
                const QString kind = stage.section(QLatin1Char('('), 0, 0);
                if (kind != last) {
                    std::fprintf(stderr, "  %7.3f s [%3d%%] %s\n", double(t.nsecsElapsed()) / 1e9, percent,
                                 qPrintable(stage));
                    last = kind;
                }
                return true;
            };
        }
        auto r = publisher.publish(request, options);
        if (!r) {
            std::fprintf(stderr, "publish of %s failed: %s\n", qPrintable(a.app), qPrintable(r.error().message));
            std::exit(1);
        }
        round.commands += r->commands;
        round.schemasWritten += r->schemasWritten;
        round.events += r->eventsCompiled;
        // SET per new schema, hash fields set or deleted in new snapshots, meta and pointers.
        round.writes += r->schemasWritten + r->fieldsWritten + 8 + 4 + 2;
    }
    round.seconds = double(t.nsecsElapsed()) / 1e9;
    round.cpu = cpuSeconds() - cpu;
    return round;
}

/// CPU seconds the redis-server has used so far (INFO cpu): its share of a round.
double serverCpuSeconds(RedisClient& redis)
{
    auto info = redis.command({"INFO", "cpu"});
    if (!info) {
        return 0;
    }
    const QString text = QString::fromUtf8(info->string);
    double total = 0;
    for (const char* field : {"used_cpu_sys", "used_cpu_user"}) {
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("%1:([0-9.]+)").arg(QLatin1String(field))).match(text);
        total += m.hasMatch() ? m.captured(1).toDouble() : 0.0;
    }
    return total;
}

/// With TP_BENCH_TRACE: where the server's time went, per command (INFO commandstats), since
/// the last call.
void traceServer(RedisClient& redis, const char* round)
{
    if (!qEnvironmentVariableIsSet("TP_BENCH_TRACE")) {
        return;
    }
    auto info = redis.command({"INFO", "commandstats"});
    if (info) {
        std::fprintf(stderr, "  redis-server, %s:\n", round);
        static const QRegularExpression line(QStringLiteral("cmdstat_(\\w+):calls=(\\d+),usec=(\\d+)"));
        for (const QString& l : QString::fromUtf8(info->string).split(QStringLiteral("\r\n"))) {
            const QRegularExpressionMatch m = line.match(l);
            if (m.hasMatch() && m.captured(1) != QLatin1String("config") && m.captured(1) != QLatin1String("info")) {
                std::fprintf(stderr, "    %-10s %7s calls %8.1f ms\n", qPrintable(m.captured(1)), qPrintable(m.captured(2)),
                             m.captured(3).toDouble() / 1000);
            }
        }
    }
    (void)redis.command({"CONFIG", "RESETSTAT"});
}

double peakRssMb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0;
}

/// What the server alone allows: the writes of a full publish (the schemas in 256-key MSETs, the
/// events in 1000-field HSETs, a summary-sized string per app) formatted beforehand and sent over
/// one connection to a fresh server, the client doing nothing else; redis-benchmark against the
/// same server before and after. No client publishes faster than the server stores.
void storeCeiling(const QList<AppPlan>& plans, const std::function<double(int port)>& hsetRate)
{
    struct App {
        std::vector<QByteArray> keys, texts, names, shas;
    };
    std::vector<App> apps;
    qint64 writes = 0;
    for (const AppPlan& a : plans) {
        App& out = apps.emplace_back();
        SchemaCompiler compiler(a.plan, a.policy);
        const RedisKeys k(a.app);
        for (const Event& e : a.plan.events) {
            CompiledSchema s = compiler.eventSchema(e);
            out.keys.push_back(k.schema(s.sha256));
            out.texts.push_back(std::move(s.text));
            out.names.push_back(e.key.toUtf8());
            out.shas.push_back(std::move(s.sha256));
        }
        writes += 2 * qint64(out.keys.size()) + 1;
    }
    tp::test::RedisServer server;
    QString error;
    if (!server.start(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return;
    }
    auto redis = RedisClient::connect(*RedisUrl::parse(server.url()));
    if (!redis) {
        return;
    }
    const double before = hsetRate(server.port());
    (void)(*redis)->command({"DEL", "myhash"});
    QElapsedTimer t;
    t.start();
    std::vector<QByteArrayView> argv;
    for (std::size_t a = 0; a < apps.size(); ++a) {
        const App& app = apps[a];
        for (std::size_t from = 0; from < app.keys.size(); from += 256) {
            argv.assign(1, QByteArrayView("MSET"));
            for (std::size_t i = from; i < std::min(app.keys.size(), from + 256); ++i) {
                argv.push_back(app.keys[i]);
                argv.push_back(app.texts[i]);
            }
            (*redis)->append(argv);
        }
        const QByteArray hash = "ceiling:events:" + QByteArray::number(qsizetype(a));
        for (std::size_t from = 0; from < app.names.size(); from += 1000) {
            argv.assign({QByteArrayView("HSET"), QByteArrayView(hash)});
            for (std::size_t i = from; i < std::min(app.names.size(), from + 1000); ++i) {
                argv.push_back(app.names[i]);
                argv.push_back(app.shas[i]);
            }
            (*redis)->append(argv);
        }
        (*redis)->append({"SET", "ceiling:summary:" + QByteArray::number(qsizetype(a)),
                          QByteArray(95 * qsizetype(app.names.size()), 'x')});
    }
    const bool ok = bool((*redis)->finish());
    const double seconds = double(t.nsecsElapsed()) / 1e9;
    const double after = hsetRate(server.port());
    std::printf("storing alone (--ceiling, fresh server%s): %lld writes in %.2f s = %.0f writes/s; redis-benchmark "
                "%.0f before, %.0f after: %.2fx\n",
                ok ? "" : ", FAILED", static_cast<long long>(writes), seconds, double(writes) / seconds, before, after,
                double(writes) / seconds / ((before + after) / 2));
}

QString makeDemo(const QString& ctl, const QString& dir, const QString& events)
{
    const QString db = dir + QStringLiteral("/demo.sqlite");
    std::printf("generating the demo store (%s events) with %s …\n", qPrintable(events), qPrintable(ctl));
    std::fflush(stdout);
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start(ctl, {QStringLiteral("--db"), db, QStringLiteral("demo"), QStringLiteral("--events"), events});
    if (!p.waitForFinished(-1) || p.exitCode() != 0) {
        std::fprintf(stderr, "trackplanctl demo failed\n");
        std::exit(1);
    }
    return db;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({QStringLiteral("db"), QStringLiteral("An existing store (skips generating the demo)."),
                 QStringLiteral("STORE")});
    p.addOption({QStringLiteral("events"), QStringLiteral("Demo size when generating."), QStringLiteral("N"),
                 QStringLiteral("100000")});
    p.addOption({QStringLiteral("trackplanctl"), QStringLiteral("Path of trackplanctl (to generate the demo)."),
                 QStringLiteral("PATH"),
                 QCoreApplication::applicationDirPath() + QStringLiteral("/../app/trackplanctl/trackplanctl")});
    p.addOption({QStringLiteral("percent"), QStringLiteral("Share of events changed before the republish."),
                 QStringLiteral("P"), QStringLiteral("1")});
    p.addOption({QStringLiteral("ceiling"),
                 QStringLiteral("Also time storing the same writes with no client work (a fresh server).")});
    p.process(app);

    QTemporaryDir tmp;
    const QString db = p.isSet(QStringLiteral("db"))
        ? p.value(QStringLiteral("db"))
        : makeDemo(QFileInfo(p.value(QStringLiteral("trackplanctl"))).absoluteFilePath(), tmp.path(),
                   p.value(QStringLiteral("events")));
    const QString redisBenchmark = QStandardPaths::findExecutable(QStringLiteral("redis-benchmark"));
    if (redisBenchmark.isEmpty()) {
        std::fprintf(stderr, "need redis-benchmark on PATH (Debian package redis-tools)\n");
        return 2;
    }

    // 1. The plans, from the store.
    QElapsedTimer t;
    t.start();
    auto store = Store::open(db);
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(store.error().message));
        return 3;
    }
    QList<AppPlan> plans;
    auto apps = (*store)->plan().apps();
    if (!apps) {
        std::fprintf(stderr, "%s\n", qPrintable(apps.error().message));
        return 3;
    }
    for (const App& a : std::as_const(*apps)) {
        auto plan = (*store)->versions().planAt(a.key, VersionService::currentName());
        auto policy = (*store)->plan().policy(a.key);
        if (!plan || !policy) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(a.key));
            return 3;
        }
        plans.append({a.key, std::move(*plan), *policy, {}});
    }
    store->reset();
    qint64 events = 0;
    for (AppPlan& a : plans) {
        events += a.plan.events.size();
        a.checksum = planChecksum(a.plan);
    }
    std::printf("TrackPlan publish benchmark: %lld events in %d apps (%s)\n", static_cast<long long>(events),
                int(plans.size()), qPrintable(db));
    std::printf("store load (current plans)            %8.2f s   (not in the publish figures)\n",
                double(t.nsecsElapsed()) / 1e9);

    // Compilation alone, for the breakdown.
    t.restart();
    qint64 bytes = 0;
    for (const AppPlan& a : plans) {
        SchemaCompiler compiler(a.plan, a.policy);
        for (const Event& e : a.plan.events) {
            bytes += compiler.eventSchema(e).text.size();
        }
    }
    std::printf("compile only (schemas + sha256)       %8.2f s   (%.1f MB of schema text)\n",
                double(t.nsecsElapsed()) / 1e9, double(bytes) / 1e6);

    // 2. The server.
    tp::test::RedisServer server;
    QString error;
    if (!server.start(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 3;
    }
    auto url = RedisUrl::parse(server.url());
    auto redis = RedisClient::connect(*url);
    if (!redis) {
        std::fprintf(stderr, "%s\n", qPrintable(redis.error().message));
        return 3;
    }

    // 3. Full publish, every schema new, between two runs of redis-benchmark on the same server
    //    (the mean of both is the reference: load from other processes on this machine shifts
    //    both figures alike).
    const auto hsetRateAt = [&](int port, qint64 requests) {
        QProcess bench;
        bench.start(redisBenchmark,
                    {QStringLiteral("-P"), QStringLiteral("64"), QStringLiteral("-c"), QStringLiteral("1"),
                     QStringLiteral("-t"), QStringLiteral("hset"), QStringLiteral("-n"), QString::number(requests),
                     QStringLiteral("-p"), QString::number(port), QStringLiteral("-q")});
        bench.waitForFinished(-1);
        const QString out = QString::fromUtf8(bench.readAllStandardOutput());
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("HSET: ([0-9.]+) requests per second")).match(out);
        return m.hasMatch() ? m.captured(1).toDouble() : 0.0;
    };
    const auto hsetRate = [&](qint64 requests) { return hsetRateAt(server.port(), requests); };
    // 300 000 requests: as many as a full publish issued writes before the :stamps hash gave way
    // to the summary (200 000 now). The number only sets the length of the run; it is kept as
    // README documents the reference.
    const double hsetBefore = hsetRate(300000);
    (void)(*redis)->command({"DEL", "myhash"});
    double serverCpu = serverCpuSeconds(**redis);
    traceServer(**redis, "before");
    const Round full = publishAll(**redis, plans);
    traceServer(**redis, "full publish");
    std::printf("full publish                          %8.2f s   (CPU: client %.2f s, redis-server %.2f s), %d "
                "schemas\n",
                full.seconds, full.cpu, serverCpuSeconds(**redis) - serverCpu, full.schemasWritten);
    std::printf("  Redis commands issued               %8lld   %10.0f commands/s\n",
                static_cast<long long>(full.commands), double(full.commands) / full.seconds);
    std::printf("  writes (a SET or one key of an MSET, or one field of an HSET/HDEL; up to 256 keys per MSET, 1000 "
                "fields per HSET)\n"
                "                                      %8lld   %10.0f writes/s\n",
                static_cast<long long>(full.writes), double(full.writes) / full.seconds);

    // 4. redis-benchmark again, after the publish.
    const double hsetAfter = hsetRate(300000);
    (void)(*redis)->command({"DEL", "myhash"});
    const double hsetPerSecond = (hsetBefore + hsetAfter) / 2;
    std::printf("redis-benchmark -P 64 -c 1 -t hset -n 300000, same server: %.0f requests/s before the publish, "
                "%.0f after, mean %.0f\n",
                hsetBefore, hsetAfter, hsetPerSecond);
    if (hsetPerSecond > 0) {
        std::printf("publish writes/s / redis-benchmark:   %8.2fx  (target >= 0.5x; one HSET request of "
                    "redis-benchmark is one write)\n",
                    double(full.writes) / full.seconds / hsetPerSecond);
        std::printf("publish commands/s / redis-benchmark: %8.2fx  (plain commands: a 1000-field HSET counts 1)\n",
                    double(full.commands) / full.seconds / hsetPerSecond);
    }

    // 5. Republish after P% of the events changed (a new schema version each).
    const double percent = p.value(QStringLiteral("percent")).toDouble();
    const int every = std::max(1, int(100.0 / std::max(percent, 0.01)));
    int changed = 0;
    for (AppPlan& a : plans) {
        for (qsizetype i = 0; i < a.plan.events.size(); i += every) {
            // As a merge in the store does: a new state of the event is a new revision.
            ++a.plan.events[i].schemaVersion.addition;
            ++a.plan.events[i].revision;
            ++changed;
        }
        a.checksum = planChecksum(a.plan);
    }
    serverCpu = serverCpuSeconds(**redis);
    traceServer(**redis, "before");
    const Round again = publishAll(**redis, plans);
    traceServer(**redis, "republish");
    std::printf("republish, %d events changed (%.1f%%) %8.2f s   (CPU: client %.2f s, redis-server %.2f s) %lld "
                "commands, %d new schemas\n",
                changed, 100.0 * changed / double(std::max<qint64>(events, 1)), again.seconds, again.cpu,
                serverCpuSeconds(**redis) - serverCpu, static_cast<long long>(again.commands), again.schemasWritten);
    std::printf("republish / full publish:             %8.1f%%  (target <= 10%%)\n",
                100.0 * again.seconds / full.seconds);

    auto info = (*redis)->command({"INFO", "memory"});
    const QRegularExpressionMatch peak = QRegularExpression(QStringLiteral("used_memory_peak_human:(\\S+)"))
                                             .match(info ? QString::fromUtf8(info->string) : QString());
    std::printf("peak RSS of this process:             %8.1f MB (plans of %lld events held in memory)\n", peakRssMb(),
                static_cast<long long>(events));
    std::printf("redis-server peak memory:             %8s\n", qPrintable(peak.captured(1)));
    if (p.isSet(QStringLiteral("ceiling"))) {
        storeCeiling(plans, [&](int port) { return hsetRateAt(port, 300000); });
    }
    return 0;
}
