#pragma once

// Translated, human-readable labels of domain enums for messages, item models and views. The stable
// machine spellings (SQL, JSON, command line) stay in enums.h.

#include "types.h"

#include <QString>

namespace tp {

/// "D · Core" — the level letter and its short name.
[[nodiscard]] QString levelLabel(Level level);
/// One sentence on what the level means ("Business-critical: …").
[[nodiscard]] QString levelDescription(Level level);
/// "Live", "Deprecated" …
[[nodiscard]] QString statusLabel(EventStatus status);
/// "Draft", "In review" …
[[nodiscard]] QString demandStatusLabel(DemandStatus status);
/// "P0 · Blocker" …
[[nodiscard]] QString priorityLabel(Priority priority);
/// "Personal", "Sensitive" …
[[nodiscard]] QString privacyLabel(Privacy privacy);
/// What separates the items of a list in running text: "; " (Chinese: "；").
[[nodiscard]] QString listSeparator();

} // namespace tp
