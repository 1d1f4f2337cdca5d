#pragma once

#include "database.h"

namespace tp {

/// Numbered SQL migrations from :/trackplan/migrations (NNNN_name.sql), one set for both
/// backends. The table schema_migrations records what was applied.
///
/// Numbers may have gaps, and a lower number may ship after a higher one (two features
/// developed side by side): every shipped migration that a store has not recorded is applied,
/// in ascending order, not only those above the highest one applied. Migrations that can ship
/// in either order must therefore not depend on each other.
class Migrations {
public:
    /// Highest migration number shipped with this build.
    [[nodiscard]] static int latest();
    /// Numbers of the migrations shipped with this build, ascending.
    [[nodiscard]] static QList<int> shipped();
    /// Schema version of the store: its highest applied migration (0 = empty store).
    [[nodiscard]] static Result<int> current(Database& db);
    /// Numbers of the migrations applied to the store, ascending.
    [[nodiscard]] static Result<QList<int>> applied(Database& db);
    /// Applies every shipped migration up to `target` (default: latest) that the store has not
    /// recorded, ascending, each in its own transaction.
    [[nodiscard]] static Status upgrade(Database& db, int target = -1);
};

} // namespace tp
