#pragma once

#include <QLocale>
#include <QString>

class QApplication;

namespace tp::app {

/// The UI locale: `lang` ("zh_CN", "en" …) if given, else the system locale. An unknown
/// name gives the C locale (English); see isKnownLanguage().
[[nodiscard]] QLocale uiLocale(const QString& lang);
/// True if `lang` names a language QLocale knows (not the C fallback).
[[nodiscard]] bool isKnownLanguage(const QString& lang);

/// Installs Qt's own translations and TrackPlan's (embedded under :/i18n) for `locale`,
/// parented to `app`. Returns false if TrackPlan has no translation for it; English is
/// installed then.
bool installTranslators(QApplication& app, const QLocale& locale);

/// Adds "Noto Sans CJK SC" to the application font so that Chinese text (display names are
/// often Chinese even in an English UI) renders with Simplified Chinese glyphs; for a Chinese
/// UI it becomes the primary family so that mixed text shares one set of metrics.
void applyCjkFont(QApplication& app, const QLocale& locale);

} // namespace tp::app
