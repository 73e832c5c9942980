#pragma once

// app/cli's option code (the salvo_cli_options library, which salvo-cli and its tests link):
// what a command line asks salvo-cli to do, read into a CliConfig with its input files.

#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

#include "Expected.h"
#include "batch/BatchInput.h"
#include "batch/BatchSpec.h"
#include "batch/Shard.h"
#include "engine/RunOptions.h"
#include "jobs/ExportWriter.h"
#include "network/NetworkAccess.h"
#include "result/ResultWriter.h"

namespace salvo::cli {

// `salvo-cli [run] INPUT...`, `salvo-cli history`, `salvo-cli resume RUN_ID`, `salvo-cli
// export RUN_ID`, `salvo-cli import FILE...`; ShowText is --help and --version: print
// CliConfig::text, exit 0.
enum class CliCommand { Run, History, Resume, Export, Import, ShowText };

// The run options a command line set, for a resume to lay over the ones the run was saved
// with. Only those about pace and patience: what a row's result means (redirects, body cap,
// TLS checks) stays as the run had it, so its old and new results compare.
struct RunOverrides
{
    std::optional<int> concurrency;
    std::optional<int> perHostConcurrency;
    std::optional<int> engineThreads;
    std::optional<Milliseconds> deadline;
    std::optional<Milliseconds> inactivity;
    std::optional<int> retries;

    RunOptions over(RunOptions stored) const;
};

// Everything salvo-cli was asked to do, read from its arguments and input files. An option
// not given keeps the default here (RunOptions{} for the run).
struct CliConfig
{
    CliCommand command = CliCommand::Run;
    QString text; // ShowText: the help or the version, for standard output
    BatchSpec batch; // for resume: only the -H headers, laid over the stored ones
    RunOptions run;
    ResultFormat format = ResultFormat::JsonLines;
    QString outputPath; // empty: standard output
    QString notifyUrl; // run and resume: where to POST the summary once the run ends
    bool includeBodies = false;
    bool quiet = false;
    bool sample = false; // run the built-in sample batch against the built-in sample API

    // The history file; empty: no history (--no-history, or --sample without --db).
    QString historyPath;
    // What the history keeps of a run's input, for display and opening it again: the input
    // as given, or for several files the first one's kind and all of them one after the
    // other. And the run's name there: its input files' names (empty for standard input).
    std::optional<BatchInput> input;
    QString batchName;

    int historyLimit = -1; // history: at most this many runs; -1: all
    qint64 resumeRunId = 0; // resume: the run to complete
    qint64 exportRunId = 0; // export: the run to write out
    ExportFormat exportFormat = ExportFormat::JsonLines;
    // run: request only this slice of the input, each row under its number in the whole input.
    std::optional<Shard> shard;
    // import: salvo-cli's JSON Lines outputs to put into one run. The batch they ran, when
    // given (--batch, --ids), is in `batch` and `input` as a run's is.
    QStringList importFiles;
    RunOverrides overrides; // resume and .salvo inputs: run options from the command line

    // run and resume: how the rows reach their endpoints (-x, --cacert, --cert, -u, ...), with
    // its secrets; prepared into batch.access.
    NetworkAccess access;
    // run: --env's variables, filled into the addresses, headers and body.
    Environment environment;

    // run: the --expect-* and --extract options; null when none was given.
    std::shared_ptr<const InspectionPlan> inspection;

    // Every file the run reads (its inputs, --ids, --data @FILE): -o must name none of them.
    QStringList inputFiles;

    // Said on standard error before the run, such as a saved batch's secret headers that
    // need a value.
    QStringList notices;
};

inline constexpr int exitAllOk = 0;
inline constexpr int exitSomeFailed = 1;
inline constexpr int exitUsage = 2; // also every error that stops salvo-cli before a run

// A command line salvo-cli cannot follow, in words for the person at the terminal.
inline Error usageError(QString message)
{
    return Error{ErrorCode::Usage, std::move(message)};
}

// What salvo-cli prints on standard error for an error that stops it: its sentence, and for a
// usage error where to read how to write the command line.
QString errorText(const Error &error);

// Parses arguments (argv[0] first) and reads the input files they name. `standardInput`
// is read only when an input is "-". The first argument that is not an option names the
// command when it is run, history, resume, export or import; otherwise the command is run and every
// such argument is an input (a file called "history" is ./history or `run history`). An
// output (-o) that is an input file or the history, by whatever path or link, is a usage
// error: nothing is written over it. Every error is a usage error (an unreadable input too).
Expected<CliConfig> parseCommandLine(const QStringList &arguments,
                                     const std::function<QByteArray()> &standardInput);

} // namespace salvo::cli
