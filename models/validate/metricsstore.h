#pragma once

// The store's metrics table (migration 0004): PV / UV / invalid per app, day and event, which
// the monitoring charts read.

#include "validator.h"

namespace tp {

class Store;

/// Writes `rows` for `appKey` in one transaction. A row replaces the stored row of the same
/// (app, day, event): counts of one run are not added to earlier ones, because distinct users
/// cannot be added up — validating the same events again gives the same table. `source` says
/// where they came from (e.g. "validate").
[[nodiscard]] Status writeMetrics(Store& store, const QString& appKey, const QList<MetricRow>& rows,
                                  const QString& source);

/// The stored rows of an app, by day then event (for tests and the charts).
[[nodiscard]] Result<QList<MetricRow>> readMetrics(Store& store, const QString& appKey);

} // namespace tp
