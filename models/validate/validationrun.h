#pragma once

// Streams NDJSON through a Validator: reads a device in large chunks, writes valid events
// (tagged) and quarantine records to their devices, reports progress, and can be cancelled.
// Also the metrics CSV.

#include "validator.h"

#include <atomic>
#include <functional>

class QIODevice;

namespace tp {

struct ValidationRunOptions {
    QIODevice* validOut = nullptr;   ///< tagged valid events (NDJSON); null: not written
    QIODevice* invalidOut = nullptr; ///< quarantine records (NDJSON); null: not written
    /// Called about every 4 MB with the bytes read so far; returning false cancels.
    std::function<bool(qint64 bytesRead)> progress;
    const std::atomic<bool>* cancelled = nullptr;
};

/// Validates every line of `in`. Bad lines never stop the run; only a read or write error or
/// a cancel (Error::Code::Cancelled) does.
[[nodiscard]] Status validateStream(Validator& validator, QIODevice& in, const ValidationRunOptions& options = {});

/// "date,event,pv,uv,invalid" and one line per row (dates as YYYY-MM-DD).
[[nodiscard]] QByteArray metricsCsv(const QList<MetricRow>& rows);

} // namespace tp
