// The desktop app's composition root: options, translations, the store, the models and the
// main window. Everything else lives in the libraries.

#include "localization.h"
#include "translators.h"

#include "applistmodel.h"
#include "attributetablemodel.h"
#include "eventtablemodel.h"
#include "mainwindow.h"
#include "plancatalog.h"
#include "store.h"
#include "storeurl.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QSettings>
#include <QTimer>

#include <cstdio>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("TrackPlan"));
    QCoreApplication::setApplicationName(QStringLiteral("trackplan"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TRACKPLAN_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("TrackPlan"));

    // Options are parsed before translators exist (the language is one of them); their help
    // text is therefore English, like trackplanctl's.
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("TrackPlan: manage an app's tracking plan."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        QStringLiteral("Store: a SQLite file or postgresql://user@host:port/db (default: $TRACKPLAN_DB, "
                       "else the file in the user's data folder)."),
        QStringLiteral("URL"));
    const QCommandLineOption langOption(QStringLiteral("lang"),
                                        QStringLiteral("UI language, e.g. zh_CN or en (default: the system's)."),
                                        QStringLiteral("LANG"));
    parser.addOption(dbOption);
    parser.addOption(langOption);
    parser.process(app);

    // --lang, else the language chosen in File → Language, else the system's.
    const QString lang = parser.isSet(langOption)
        ? parser.value(langOption)
        : QSettings().value(QString::fromLatin1(tp::MainWindow::kLanguageSetting)).toString();
    if (!lang.isEmpty() && !tp::i18n::isKnownLanguage(lang)) {
        std::fprintf(stderr, "trackplan: unknown language \"%s\"; using English\n", qUtf8Printable(lang));
    }
    const QLocale locale = tp::i18n::uiLocale(lang);
    QLocale::setDefault(locale);
    tp::i18n::installTranslators(app, locale);
    tp::app::applyCjkFont(app, locale);

    QString url = parser.value(dbOption);
    if (url.isEmpty()) {
        url = qEnvironmentVariable("TRACKPLAN_DB");
    }
    if (url.isEmpty()) {
        url = tp::defaultStorePath();
    }
    auto store = tp::Store::open(url);
    if (!store) {
        const auto parsed = tp::StoreUrl::parse(url);
        const QString where = parsed ? parsed->displayString() : QString();
        QMessageBox::critical(nullptr, QCoreApplication::translate("trackplan", "TrackPlan"),
                              QCoreApplication::translate("trackplan", "Cannot open the store %1.\n\n%2")
                                  .arg(where, store.error().toString()));
        return 3;
    }

    tp::AppListModel apps;
    tp::EventTableModel events;
    tp::AttributeTableModel attributes;
    tp::PlanCatalog catalog(**store, &apps, &events, &attributes);
    // Plans load on a worker thread over a connection of its own (a Store is per thread).
    catalog.setStoreOpener([url] { return tp::Store::open(url); });
    // Changes made by others (another window, another client) show up within seconds.
    catalog.watchForChanges(3000);
    tp::MainWindow window(&catalog);
    {
        const QSettings settings;
        window.restoreLayout(settings);
    }
    window.show();
    // Load after the window is up so that a large plan shows a busy cursor, not nothing.
    QTimer::singleShot(0, &window, &tp::MainWindow::reload);
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &window, [&window] {
        QSettings settings;
        window.saveLayout(settings);
    });
    return QApplication::exec();
}
