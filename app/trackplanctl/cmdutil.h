#pragma once

#include "cli.h"

#include <QCommandLineParser>

#include <memory>

namespace tp {
class RedisClient;
}

namespace tp::cli {

/// Parses a command's arguments (args[0] is its name). Handles --help and parse errors:
/// returns false with `exitCode` set when the command should stop there.
bool parseCommand(Cli& cli, QCommandLineParser& parser, const QStringList& args, const QString& description,
                  int& exitCode);

/// Connects to the Redis server of a redis:// URL, saying so as progress; null with `exitCode`
/// set (usage for a bad URL, the connection error otherwise) when it fails.
std::unique_ptr<RedisClient> connectRedis(Cli& cli, const QString& url, int& exitCode);

} // namespace tp::cli
