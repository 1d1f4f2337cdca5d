#pragma once

// Pieces of the rich text the detail panes render (event, attribute, demand).

#include "rules.h"

#include <QPalette>
#include <QString>

namespace tp::richtext {

[[nodiscard]] QString esc(const QString& text);
/// `text` in a monospace span.
[[nodiscard]] QString code(const QString& text);
/// One "label: value" row of a field table; an empty value is shown as a dash.
[[nodiscard]] QString fieldRow(const QString& label, const QString& valueHtml);
/// The style sheet of the panes. Rich text has no palette() in CSS: the colours are taken
/// from the widget's palette.
[[nodiscard]] QString style(const QPalette& palette);

/// Findings as lines: errors in red with ✖, warnings in amber with ⚠ (for the editors).
[[nodiscard]] QString findingsHtml(const QList<Finding>& findings);

} // namespace tp::richtext
