#pragma once

#include <QPromise>
#include <QString>

#include <optional>

#include "result/Result.h"
#include "batch/BatchInput.h"
#include "store/ResumePlan.h"
#include "store/StoreTypes.h"

namespace salvo {

// One result's answer, read when its row is selected.
struct PastResponse
{
    HeaderList headers;
    QByteArray body;
};

// One page of a run being read for the results table: the window shows each as it comes, so
// the first rows of a million are on screen at once and the GUI thread never takes them all in
// one go.
struct PastRunPage
{
    qint64 runId = 0;
    ResultBatch results;
    int runResultCount = 0; // how many results the whole run holds, for reserving room
    RunSummary run; // the run: what it checked and read, the names of its columns
};

// These run on a worker: each opens its own connection to the history file (Qt SQL
// connections belong to one thread) and closes it before returning.
// A run's results in row order, without bodies (a past run of a million rows fits in memory
// that way), a page at a time: at least one page (an empty run gives one empty page), and no
// more once the future is cancelled. A page with an error is the last.
void readPastRunPages(QPromise<Expected<PastRunPage>> &promise, const QString &historyPath,
                      qint64 runId);
Expected<PastResponse> loadPastResponse(const QString &historyPath, qint64 runId, int rowIndex);
// One row's whole result as the history keeps it, its answer included (headers, body, the
// error's detail, the redirect chain): what the inspector shows of a selected row. nullopt
// when the history holds no result for the row (not written yet, or never: a cancelled row).
Expected<std::optional<Result>> loadPastAnswer(const QString &historyPath, qint64 runId,
                                               int rowIndex);
// What a past run ran, to say which batch the table holds and to put it back in the editor.
// `input` is an error for a run the history keeps no input for (rows re-run from another run).
struct PastBatch
{
    RunSummary run;
    Expected<BatchInput> input = BatchInput();
    QList<QByteArray> withheldHeaders;
};
Expected<PastBatch> loadPastBatch(const QString &historyPath, qint64 runId);

// A run to resume: the rows still to send, or why it cannot be resumed (the run is unknown,
// still running, unreadable).
Expected<ResumePlan> loadRunToResume(const QString &historyPath, qint64 runId);

} // namespace salvo
