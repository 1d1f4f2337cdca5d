#pragma once

// Live QA: a captured NDJSON file appended to the Redis stream tp:{app}:debug:{session}, one
// entry per event (field "event" = the JSON line), as a test device would send them.

#include "error.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <functional>

class QIODevice;

namespace tp {

class RedisClient;

/// tp:{app}:debug:{session}
[[nodiscard]] QByteArray debugStreamKey(const QString& appKey, const QString& session);

struct ReplayOptions {
    double rate = 0; ///< events per second; 0: as fast as the pipeline goes
    /// Called about every 1000 events (and at the end) with the events sent and bytes read;
    /// returning false cancels.
    std::function<bool(qint64 events, qint64 bytesRead)> progress;
    const std::atomic<bool>* cancelled = nullptr;
};

/// XADDs every non-empty line of `in`, in order. Returns the number of entries appended.
/// A cancel returns Error::Code::Cancelled; what was sent before stays in the stream.
[[nodiscard]] Result<qint64> replayCapture(RedisClient& redis, QIODevice& in, const QByteArray& stream,
                                           const ReplayOptions& options = {});

} // namespace tp
