#pragma once

// The QA checklist of a release: what a tester checks in a test build, from the differences
// between two versions of an app's plan.

#include "plandiff.h"
#include "types.h"

#include <QByteArray>

namespace tp {

/// One row per event added, changed (its fields or its bindings) or removed from `from` to
/// `to`, sorted by event key, with what changed and the attributes to check (required ones
/// marked *), and an empty "Checked" column to fill in. `toPlan` is the plan of `to` (for
/// display names and bindings). CSV per RFC 4180 (CRLF, fields quoted where needed), UTF-8
/// with a byte order mark so that spreadsheet programs read Chinese text right.
[[nodiscard]] QByteArray qaChecklistCsv(const QString& appKey, const QString& from, const QString& to,
                                        const PlanDiff& diff, const Plan& toPlan);

} // namespace tp
