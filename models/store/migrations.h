#pragma once

#include "database.h"

namespace tp {

/// Numbered SQL migrations from :/trackplan/migrations (NNNN_name.sql), one set for both
/// backends. The table schema_migrations records what was applied.
class Migrations {
public:
    /// Highest migration number shipped with this build.
    [[nodiscard]] static int latest();
    /// Schema version of the store (0 = empty store).
    [[nodiscard]] static Result<int> current(Database& db);
    /// Applies every migration above the current one up to `target` (default: latest),
    /// each in its own transaction.
    [[nodiscard]] static Status upgrade(Database& db, int target = -1);
};

} // namespace tp
