#pragma once

#include <QLocale>

class QApplication;

namespace tp::app {

/// Adds "Noto Sans CJK SC" to the application font so that Chinese text (display names are
/// often Chinese even in an English UI) renders with Simplified Chinese glyphs; for a Chinese
/// UI it becomes the primary family so that mixed text shares one set of metrics.
void applyCjkFont(QApplication& app, const QLocale& locale);

} // namespace tp::app
