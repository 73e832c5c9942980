#pragma once

// The second half of parseCommandLine, after the options: a run's inputs (its files, --ids,
// --data @FILE, a saved batch, or the sample) read into the CliConfig's batch, and the check
// that -o names none of them.

#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

#include "CliOptions.h"
#include "Expected.h"

namespace salvo::cli {

// What a run's command line names to read, and which of its request and run options were
// given: a saved batch keeps its own for the others.
struct RunInputs
{
    QStringList paths; // the inputs as given; "-" is standard input
    std::optional<QString> idsPath; // --ids
    QString urlTemplate; // --template; empty when not given
    std::optional<QString> data; // --data: the body, or @FILE for a file's contents
    bool methodGiven = false; // -X
    bool maxBodyGiven = false; // --max-body
    bool noFollow = false;
    bool insecure = false;
    QString from; // --from: curl, har; empty: recognised by the content
};

// Fills the config's batch (its rows and body), input, batchName, inputFiles and notices, and
// for a saved batch its run options; the config holds the command line's options already.
// For the sample only the body is read. Every error is a usage error.
Expected<> loadRunInputs(CliConfig &config, const RunInputs &inputs,
                         const std::function<QByteArray()> &standardInput);

// A usage error when the output would be written over what the command reads: an input file,
// or the history file with its journal (an export is renamed over its target, a run's output
// truncated at once).
Expected<> refuseOverwritingInputs(const CliConfig &config);

} // namespace salvo::cli
