#include "cli.h"
#include "translators.h"

#include <QCoreApplication>

#include <csignal>

namespace {
std::atomic<bool> g_cancelled{false};

extern "C" void onInterrupt(int)
{
    // A second Ctrl+C ends the process the hard way.
    if (g_cancelled.exchange(true)) {
        std::_Exit(130);
    }
}
} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("TrackPlan"));
    QCoreApplication::setApplicationName(QStringLiteral("trackplan"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TRACKPLAN_VERSION));
    // Messages in the user's language (LANGUAGE/LC_ALL/LC_MESSAGES/LANG), English otherwise.
    tp::i18n::installTranslators(app, QLocale::system());
    std::signal(SIGINT, onInterrupt);
    return tp::cli::run(QCoreApplication::arguments().mid(1), &g_cancelled);
}
