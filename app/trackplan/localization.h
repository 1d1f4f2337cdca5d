#pragma once

#include <QLocale>
#include <QStringList>

class QApplication;

namespace tp::app {

/// Adds "Noto Sans CJK SC" to the application font so that Chinese text (display names are
/// often Chinese even in an English UI) renders with Simplified Chinese glyphs; for a Chinese
/// UI it becomes the primary family so that mixed text shares one set of metrics.
void applyCjkFont(QApplication& app, const QLocale& locale);

/// The value of --lang in `arguments` ("--lang zh_CN" or "--lang=zh_CN"), null if absent. Read
/// before the options are parsed: their help texts are translated, so the translators must
/// be installed before the parser is built.
[[nodiscard]] QString languageArgument(const QStringList& arguments);

} // namespace tp::app
