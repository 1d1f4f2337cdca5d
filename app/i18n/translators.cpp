#include "translators.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace tp::i18n {

QLocale uiLocale(const QString& lang)
{
    return lang.isEmpty() ? QLocale::system() : QLocale(lang);
}

bool isKnownLanguage(const QString& lang)
{
    return QLocale(lang).language() != QLocale::C;
}

bool installTranslators(QCoreApplication& app, const QLocale& locale)
{
    // Qt's own strings (standard buttons, About Qt) when the qt6-translations package is there.
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
    } else {
        delete qt;
    }
    // Without a translation for the locale, English still comes from trackplan_en.qm, which
    // holds the plural forms ("1 event", "2 events") of the %n strings.
    auto* own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("trackplan"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(own);
        return true;
    }
    if (own->load(QStringLiteral("trackplan_en"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(own);
    } else {
        delete own;
    }
    return false;
}

} // namespace tp::i18n
