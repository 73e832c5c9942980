#include "ResumePlan.h"

#include <algorithm>

#include "Database.h"
#include "RunHistory.h"
#include "RunStore.h"

namespace salvo {
namespace {

// Every row has its result, yet the run's process died before saying it had finished.
void markFinished(const QString &path, qint64 runId)
{
    RunStore store({.path = path});
    store.finishRun(store.resumeRun(runId), RunState::Finished);
} // the destructor waits for both

Expected<ResumePlan> planRows(RunHistory &history, qint64 runId, const QList<int> &rowIndices)
{
    Expected<BatchSpec> batch = history.runBatch(runId, rowIndices);
    if (!batch)
        return batch.error();
    Expected<QList<QByteArray>> withheld = history.withheldHeaders(runId);
    if (!withheld)
        return withheld.error();
    Expected<RunOptions> options = history.runOptions(runId);
    if (!options)
        return options.error();
    ResumePlan plan;
    plan.runId = runId;
    plan.batch = std::move(*batch);
    plan.rowIndices = rowIndices;
    plan.options = *options;
    plan.withheldHeaders = std::move(*withheld);
    return plan;
}

} // namespace

Expected<ResumePlan> planResume(const QString &historyPath, qint64 runId)
{
    RunHistory history(historyPath);
    if (Expected<> opened = history.open(); !opened)
        return opened.error();
    const Expected<RunSummary> run = history.run(runId);
    if (!run)
        return run.error();
    if (run->state == RunState::Running) {
        return Error{ErrorCode::StillRunning,
                     storeTr("Run %1 is still running in another salvo-cli or window; resume "
                             "it once that has ended.")
                             .arg(runId)};
    }
    const Expected<QList<int>> missing = history.missingRows(runId);
    if (!missing)
        return missing.error();
    ResumePlan plan;
    plan.runId = runId;
    if (missing->isEmpty()) {
        if (run->state == RunState::Interrupted)
            markFinished(historyPath, runId);
        return plan;
    }

    return planRows(history, runId, *missing);
}

Expected<ResumePlan> planRowsAgain(const QString &historyPath, qint64 runId,
                                   const QList<int> &rowIndices)
{
    RunHistory history(historyPath);
    if (Expected<> opened = history.open(); !opened)
        return opened.error();
    return planRows(history, runId, rowIndices);
}

} // namespace salvo
