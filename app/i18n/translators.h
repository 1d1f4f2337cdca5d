#pragma once

// Installing TrackPlan's translations (embedded under :/i18n) in the desktop app and in
// trackplanctl.

#include <QLocale>
#include <QString>

class QCoreApplication;

namespace tp::i18n {

/// The UI locale: `lang` ("zh_CN", "en" …) if given, else the system locale. An unknown
/// name gives the C locale (English); see isKnownLanguage().
[[nodiscard]] QLocale uiLocale(const QString& lang);
/// True if `lang` names a language QLocale knows (not the C fallback).
[[nodiscard]] bool isKnownLanguage(const QString& lang);

/// Installs Qt's own translations and TrackPlan's for `locale`, parented to `app`. Returns
/// false if TrackPlan has no translation for it; English is installed then.
bool installTranslators(QCoreApplication& app, const QLocale& locale);

} // namespace tp::i18n
