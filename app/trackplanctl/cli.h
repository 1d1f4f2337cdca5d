#pragma once

// trackplanctl: the command line of TrackPlan. Each command is a function over a Cli;
// the store work itself lives in models/ — this layer parses, prints and maps exit codes.

#include "error.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QStringList>
#include <QTextStream>

#include <atomic>
#include <functional>
#include <memory>

namespace tp {
class Store;
}

namespace tp::cli {

enum Exit { ExitOk = 0, ExitFindings = 1, ExitUsage = 2, ExitStore = 3, ExitPermission = 4 };

/// The translation context of trackplanctl's own texts: Ctl::tr("…").
class Ctl {
    Q_DECLARE_TR_FUNCTIONS(trackplanctl)
};

class Cli {
public:
    Cli();
    QTextStream out;
    QTextStream err;
    bool json = false;
    QString dbUrl;           ///< resolved: --db, TRACKPLAN_DB, or the default file
    std::atomic<bool>* cancelled = nullptr;

    /// Opens (and migrates) the store; prints the error and returns null on failure.
    std::unique_ptr<Store> openStore();
    /// Prints an error and returns the exit code that belongs to it.
    int fail(const Error& e);
    int usage(const QString& message);
    /// Progress on stderr (a line per step when stderr is not a terminal); returns false
    /// once the user pressed Ctrl+C.
    bool progress(int percent, const QString& stage);
    void endProgress();
    /// Prints a JSON value (for --json) followed by a newline.
    void printJson(const QJsonValue& v);

private:
    int m_lastPercent = -1;
    QString m_lastStage;
    bool m_tty = false;
};

using Command = std::function<int(Cli&, const QStringList& args)>;

int run(const QStringList& arguments, std::atomic<bool>* cancelled);

// Commands (args[0] is the command name).
int cmdInit(Cli& cli, const QStringList& args);
int cmdDemo(Cli& cli, const QStringList& args);
int cmdExport(Cli& cli, const QStringList& args);
int cmdImport(Cli& cli, const QStringList& args);
int cmdLint(Cli& cli, const QStringList& args);
int cmdDiff(Cli& cli, const QStringList& args);
int cmdDemand(Cli& cli, const QStringList& args);
int cmdVersion(Cli& cli, const QStringList& args);
int cmdApp(Cli& cli, const QStringList& args);
int cmdPublish(Cli& cli, const QStringList& args);
int cmdRollback(Cli& cli, const QStringList& args);
int cmdValidate(Cli& cli, const QStringList& args);
int cmdReplay(Cli& cli, const QStringList& args);
int cmdAdmin(Cli& cli, const QStringList& args);
int cmdWhoami(Cli& cli, const QStringList& args);
int cmdAudit(Cli& cli, const QStringList& args);
int cmdGovernance(Cli& cli, const QStringList& args);

} // namespace tp::cli
