#pragma once

#include <QIODevice>
#include <QList>
#include <QStringList>

#include "CliOptions.h"
#include "Expected.h"
#include "batch/BatchSpec.h"
#include "engine/RunOptions.h"
#include "store/ResumePlan.h"

namespace salvo::cli {

// `salvo-cli history`: one JSON object per line and run, newest first: run_id, name, state
// (running, finished, cancelled, interrupted), started and finished (ISO 8601 in UTC; finished
// is null while running), rows, results, ok, failed, and rerun_of (the run a re-run of some
// of its rows came from; null for any other run). Returns the exit code: 2 when the history
// cannot be read; a history not made yet lists nothing, with a note.
int printHistory(const CliConfig &config, QIODevice &out, QIODevice &errors);

// What `salvo-cli resume RUN_ID` runs, with the command line's -H and pace options laid over
// the run's, and lines for standard error (secret headers that were not stored nor given).
struct CliResume
{
    ResumePlan plan;
    QStringList warnings;

    // Every row has its result already: nothing to run, which is no error (exit 0, with
    // nothingToResumeText). A run left interrupted so is marked finished.
    bool nothingToRun() const { return plan.isComplete(); }
};

// Reads what to resume from the history. An error when the run is unknown, still running
// elsewhere, or the history cannot be read (exit 2).
Expected<CliResume> planCliResume(const CliConfig &config);

// What salvo-cli says on standard error when a resume has nothing to run.
QString nothingToResumeText(qint64 runId);

} // namespace salvo::cli
