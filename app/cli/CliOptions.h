#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

#include "batch/BatchSpec.h"
#include "engine/RunOptions.h"
#include "result/ResultWriter.h"

namespace salvo::cli {

// Everything salvo-cli was asked to do, read from its arguments and input files.
struct CliConfig
{
    BatchSpec batch;
    RunOptions run;
    ResultFormat format = ResultFormat::JsonLines;
    QString outputPath; // empty: standard output
    bool includeBodies = false;
    bool quiet = false;
    bool sample = false; // run the built-in sample batch against the built-in sample API
};

// What to do instead of running: print this text and exit with this code (--help,
// --version, or a usage error with a message for the person at the terminal).
struct CliExit
{
    QString text;
    int exitCode = 0;
};

inline constexpr int exitAllOk = 0;
inline constexpr int exitSomeFailed = 1;
inline constexpr int exitUsage = 2;

// Parses arguments (argv[0] first) and reads the input files they name. `standardInput`
// is read only when an input is "-".
std::variant<CliConfig, CliExit> parseCommandLine(const QStringList &arguments,
                                                  const std::function<QByteArray()> &standardInput);

} // namespace salvo::cli
