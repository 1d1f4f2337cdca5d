#pragma once

#include "cli.h"

#include <QCommandLineParser>

namespace tp::cli {

/// Parses a command's arguments (args[0] is its name). Handles --help and parse errors:
/// returns false with `exitCode` set when the command should stop there.
bool parseCommand(Cli& cli, QCommandLineParser& parser, const QStringList& args, const QString& description,
                  int& exitCode);

} // namespace tp::cli
