// The desktop app's entry point: options, translations and settings; then tp::app::Desktop
// opens the store and shows it. Everything else lives in the libraries.

#include "desktop.h"
#include "keychain.h"
#include "localization.h"
#include "recentstores.h"
#include "settingsdialog.h"
#include "translators.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

#include <cstdio>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("TrackPlan"));
    QCoreApplication::setApplicationName(QStringLiteral("trackplan"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TRACKPLAN_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("TrackPlan"));

    // --lang, else the language chosen in File → Settings, else the system's. It is read ahead
    // of the parser so that the options' help texts below are translated too.
    const tp::DesktopSettings settings = tp::DesktopSettings::load(QSettings());
    const QString langArgument = tp::app::languageArgument(QCoreApplication::arguments());
    const QString lang = langArgument.isNull() ? settings.language : langArgument;
    const QLocale locale = tp::i18n::uiLocale(lang);
    QLocale::setDefault(locale);
    tp::i18n::installTranslators(app, locale);
    tp::app::applyCjkFont(app, locale);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("trackplan", "TrackPlan: manage an app's tracking plan."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        QCoreApplication::translate("trackplan",
                                    "Store: a SQLite file or postgresql://user@host:port/db (default: $TRACKPLAN_DB, "
                                    "else the store chosen in File → Settings: the one used last or the file in "
                                    "the user's data folder). A password in the URL is used, never remembered; "
                                    "without one it comes from the system keychain, ~/.pgpass or PGPASSWORD, "
                                    "else TrackPlan asks."),
        QCoreApplication::translate("trackplan", "URL"));
    const QCommandLineOption langOption(
        QStringLiteral("lang"),
        QCoreApplication::translate("trackplan",
                                    "UI language, e.g. zh_CN or en (default: the one chosen in "
                                    "File → Settings, else the system's)."),
        QCoreApplication::translate("trackplan", "LANG"));
    parser.addOption(dbOption);
    parser.addOption(langOption);
    parser.process(app);

    if (!lang.isEmpty() && !tp::i18n::isKnownLanguage(lang)) {
        std::fprintf(stderr, "trackplan: unknown language \"%s\"; using English\n", qUtf8Printable(lang));
    }

    // --db, else $TRACKPLAN_DB, else per the settings: the store used last or the default file.
    QString url = parser.value(dbOption);
    if (url.isEmpty()) {
        url = qEnvironmentVariable("TRACKPLAN_DB");
    }
    const bool explicitlyChosen = !url.isEmpty();
    if (url.isEmpty()) {
        const QStringList recent = tp::recentStores(QSettings());
        url = settings.startupStore == tp::DesktopSettings::StartupStore::LastUsed && !recent.isEmpty()
            ? recent.first()
            : tp::defaultStorePath();
    }

    tp::secrets::Keychain keychain;
    tp::app::Desktop desktop(keychain);
    if (!desktop.start(url, explicitlyChosen)) {
        return 3;
    }
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &desktop, [&desktop] { desktop.saveLayout(); });
    return QApplication::exec();
}
