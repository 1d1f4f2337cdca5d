#pragma once

// The native JSON form of a whole store (docs/native-json.md): apps with their policy and
// approval rules, users, attributes and events as merged now, demands with their change sets,
// reviews and level decisions, versions with their snapshots, the revision history, the audit
// log, the governance and publish histories and the metrics. Canonical: keys sorted, one entity
// per line, so that export → import → export is byte-identical on SQLite and PostgreSQL.

#include "error.h"

#include <QString>

#include <functional>

class QIODevice;

namespace tp {

class Store;

/// percent 0..100 and a stage text; return false to cancel.
using ProgressFn = std::function<bool(int percent, const QString& stage)>;

struct ImportSummary {
    qint64 rows = 0; ///< rows written to the store
    int apps = 0;
    int events = 0;
    int attributes = 0;
    int demands = 0;
    int versions = 0;
    int revisions = 0;
};

/// Writes the whole store to `out`.
[[nodiscard]] Status exportStore(Store& store, QIODevice& out, const ProgressFn& progress = {});

/// Loads a native JSON export into an empty store, all or nothing: any error (malformed
/// JSON, unknown field, wrong type, dangling reference, duplicate key) rolls everything back
/// and is reported with file, line and column.
[[nodiscard]] Result<ImportSummary> importStore(Store& store, QIODevice& in, const QString& fileName,
                                                const ProgressFn& progress = {});

} // namespace tp
