#pragma once

// Plan-wide lint (DESIGN.md "lint rules"). Rule ids, on top of those of rules.h:
//
//   key.unique                  error    keys unique per app ignoring case and separators, events
//                                        among events, attributes among attributes
//   key.casing                  warning  key is valid but not clean lower_snake_case ("__", trailing
//                                        "_"); keys with capitals or hyphens already fail key.format
//   description.missing         warning  event or attribute without a description
//   attribute.type_conflict     error    attributes whose keys are equal after normalizedKey() but
//                                        whose types differ: data under one name would arrive with
//                                        two types
//   attribute.unused            warning  attribute neither common nor bound by an event that is not
//                                        removed
//   event.platform.not_in_app   warning  event names a (known) platform the app does not have
//   platform.required_missing   warning  see below
//
// platform.required_missing, the heuristic: for each platform P of the app, take the events
// listing P whose status is not "removed". If there are at least 5, every non-common attribute
// bound as required by at least 80% of them (but not all) is treated as a de-facto required
// attribute of P, and each event of P that does not bind it as required (not bound, or bound
// optional) gets one warning, reported on that event (so lists and the UI can jump to it).
// Below 5 events a share says too little; 80% tolerates a few legitimate exceptions while
// catching the event someone forgot.

#include "rules.h"
#include "types.h"

namespace tp {

/// Minimum number of events on a platform before platform.required_missing applies.
inline constexpr int kRequiredHeuristicMinEvents = 5;
/// Share of a platform's events (in percent) that must require an attribute.
inline constexpr int kRequiredHeuristicPercent = 80;

/// All findings of validateAttribute/validateEvent for every entity of the plan plus the
/// plan-wide rules above, sorted with sortFindings(). Runs in time linear in the size of the
/// plan (hash lookups only).
[[nodiscard]] QList<Finding> lintPlan(const Plan& plan, const App& app);

} // namespace tp
