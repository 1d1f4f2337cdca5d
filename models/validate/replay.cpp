#include "replay.h"

#include "redisclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QIODevice>
#include <QThread>

#include <algorithm>

namespace tp {
namespace {

constexpr int kBatch = 1000;

Error cancelledError()
{
    return makeError(Error::Code::Cancelled, QCoreApplication::translate("tp::validate", "Cancelled."));
}

} // namespace

QByteArray debugStreamKey(const QString& appKey, const QString& session)
{
    return "tp:" + appKey.toUtf8() + ":debug:" + session.toUtf8();
}

Result<qint64> replayCapture(RedisClient& redis, QIODevice& in, const QByteArray& stream, const ReplayOptions& options)
{
    QElapsedTimer clock;
    clock.start();
    qint64 sent = 0;
    qint64 pending = 0;
    qint64 bytes = 0;
    const auto isCancelled = [&]() { return options.cancelled && options.cancelled->load(); };
    const auto flush = [&]() -> Status {
        if (pending == 0) {
            return Ok{};
        }
        pending = 0;
        auto r = redis.finish();
        if (!r) {
            return r.error();
        }
        return Ok{};
    };
    while (!in.atEnd()) {
        QByteArray line = in.readLine();
        bytes += line.size();
        line = line.trimmed();
        if (line.isEmpty()) {
            continue;
        }
        if (options.rate > 0) {
            // Entry i is due at i / rate seconds after the start: wait for it, sending what is
            // queued first so that entries arrive at their time, not in bursts.
            const qint64 dueMs = qint64(double(sent) * 1000.0 / options.rate);
            if (clock.elapsed() < dueMs) {
                if (auto s = flush(); !s) {
                    return s.error();
                }
                while (clock.elapsed() < dueMs) {
                    if (isCancelled()) {
                        return cancelledError();
                    }
                    QThread::msleep(ulong(std::min<qint64>(dueMs - clock.elapsed(), 50)));
                }
            }
        }
        redis.append({"XADD", stream, "*", "event", line});
        ++sent;
        if (++pending >= kBatch) {
            if (auto s = flush(); !s) {
                return s.error();
            }
        }
        if (sent % kBatch == 0) {
            if (isCancelled() || (options.progress && !options.progress(sent, bytes))) {
                (void)flush();
                return cancelledError();
            }
        }
    }
    if (auto s = flush(); !s) {
        return s.error();
    }
    if (options.progress) {
        (void)options.progress(sent, bytes);
    }
    return sent;
}

} // namespace tp
