#pragma once

#include <QIODevice>
#include <QList>
#include <QStringList>

#include <variant>

#include "CliOptions.h"
#include "batch/BatchSpec.h"
#include "engine/RunOptions.h"

namespace salvo::cli {

// `salvo-cli history`: one JSON object per line and run, newest first: run_id, name, state
// (running, finished, cancelled, interrupted), started and finished (ISO 8601 in UTC; finished
// is null while running), rows, results, ok, failed. Returns the exit code: 2 when the history
// cannot be read; a history not made yet lists nothing, with a note.
int printHistory(const CliConfig &config, QIODevice &out, QIODevice &errors);

// What `salvo-cli resume RUN_ID` runs: the rows of the run that have no result yet (rows that
// were cancelled, never reached, or whose results could not be saved), as the run had them.
struct ResumePlan
{
    qint64 runId = 0;
    BatchSpec batch; // the missing rows, with the run's method, headers and body
    QList<int> rowIndices; // batch.rows[i] is row rowIndices[i] of the run
    RunOptions options; // the run's own, with the command line's overrides
    QStringList warnings; // lines for standard error: secret headers that were not stored
};

// Reads what to resume from the history. Instead a CliExit when there is nothing to run: the
// run is unknown, still running elsewhere or the history unreadable (exit 2), or every row has
// its result already (exit 0, with a note; a run left interrupted so is marked finished).
std::variant<ResumePlan, CliExit> planResume(const CliConfig &config);

} // namespace salvo::cli
