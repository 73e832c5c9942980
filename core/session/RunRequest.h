#pragma once

// core/session owns one run from start to end, for the window and salvo-cli alike: the options
// it goes with, its BatchRun, its recording in the history, the pause while the history
// catches up, and the numbering of its rows.

#include <QList>
#include <QString>

#include <optional>

#include "batch/BatchInput.h"
#include "batch/BatchSpec.h"
#include "engine/RunOptions.h"

namespace salvo {

// What a run is, as far as its options go.
enum class RunKind {
    Batch, // the person's own rows, a re-run of some or the rest of a stored run
    Sample, // the built-in sample batch against the built-in sample API
};

// Who waits on the run's results.
enum class RunHost {
    Window, // a person watches: the engine yields the CPU to the window
    Headless, // salvo-cli: the engine takes all the CPU it can
};

// The options one run goes with, worked out afresh from what the person chose for it (the
// defaults under a saved batch's own, under the run bar or the command line) and from what
// kind of run it is. Nothing a run needs for itself, such as the sample's short timeout,
// is kept for the next one.
RunOptions optionsForRun(RunOptions chosen, RunKind kind, RunHost host);

// How a run is kept in the history.
struct RunRecording
{
    QString historyPath; // empty: not kept
    qint64 resumedRunId = 0; // completes this stored run: its results keep their input rows
    qint64 parentRunId = 0; // re-runs rows of this stored run, as a run of its own
    std::optional<BatchInput> input; // what opening the run again needs; none for some rows
    QString batchName;
};

// Everything a run session is started with.
struct RunRequest
{
    BatchSpec batch;
    RunOptions chosenOptions; // as the person chose them; optionsForRun() makes the run's own
    RunKind kind = RunKind::Batch;
    RunHost host = RunHost::Headless;
    // Row i of the batch is input row inputRows[i] of the batch shown or stored (a re-run of
    // some rows, a resume); empty: each row is its own number.
    QList<int> inputRows;
    RunRecording recording;
};

} // namespace salvo
