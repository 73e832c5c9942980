#include "PastRun.h"

#include "store/RunHistory.h"

namespace salvo {

namespace {

// Pages after the last row read: each page is an index seek, not an ever longer skip. The GUI
// thread takes one at a time, so they are small enough to stay well under a visible stall.
constexpr int shownPageRows = 5'000;

} // namespace

void readPastRunPages(QPromise<Expected<PastRunPage>> &promise, const QString &historyPath,
                      qint64 runId)
{
    RunHistory history(historyPath);
    if (const Expected<> opened = history.open(); !opened) {
        promise.addResult(opened.error());
        return;
    }
    // A run that is not there says so, rather than showing as empty.
    const Expected<RunSummary> run = history.run(runId);
    if (!run) {
        promise.addResult(run.error());
        return;
    }
    bool reported = false;
    for (int after = -1; !promise.isCanceled();) {
        Expected<QList<Result>> page = history.resultsAfter(runId, after, shownPageRows);
        if (!page) {
            promise.addResult(page.error());
            return;
        }
        if (page->isEmpty() && reported)
            return;
        after = page->isEmpty() ? after : page->constLast().index;
        const bool last = page->size() < shownPageRows;
        promise.addResult(PastRunPage{runId, std::move(*page), run->resultCount, *run});
        reported = true;
        if (last)
            return;
    }
}

Expected<PastResponse> loadPastResponse(const QString &historyPath, qint64 runId, int rowIndex)
{
    RunHistory history(historyPath);
    if (Expected<> opened = history.open(); !opened)
        return opened.error();
    Expected<HeaderList> headers = history.responseHeaders(runId, rowIndex);
    if (!headers)
        return headers.error();
    const Expected<std::optional<QByteArray>> body = history.body(runId, rowIndex);
    if (!body)
        return body.error();
    return PastResponse{std::move(*headers), body->value_or(QByteArray())};
}

Expected<std::optional<Result>> loadPastAnswer(const QString &historyPath, qint64 runId,
                                               int rowIndex)
{
    RunHistory history(historyPath);
    if (Expected<> opened = history.open(); !opened)
        return opened.error();
    Expected<QList<Result>> answers = history.answersOf(runId, {rowIndex});
    if (!answers)
        return answers.error();
    if (answers->isEmpty())
        return std::optional<Result>();
    return std::optional<Result>(std::move(answers->first()));
}

Expected<PastBatch> loadPastBatch(const QString &historyPath, qint64 runId)
{
    RunHistory history(historyPath);
    if (const Expected<> opened = history.open(); !opened)
        return opened.error();
    Expected<RunSummary> run = history.run(runId);
    if (!run)
        return run.error();
    PastBatch batch{.run = std::move(*run), .input = history.batchInput(runId)};
    if (Expected<QList<QByteArray>> withheld = history.withheldHeaders(runId))
        batch.withheldHeaders = std::move(*withheld);
    return batch;
}

Expected<ResumePlan> loadRunToResume(const QString &historyPath, qint64 runId)
{
    return planResume(historyPath, runId);
}

} // namespace salvo
