#include "PastRun.h"

#include "store/RunHistory.h"

namespace salvo::ui {

namespace {

// Pages after the last row read: each page is an index seek, not an ever longer skip. The GUI
// thread takes one at a time, so they are small enough to stay well under a visible stall.
constexpr int shownPageRows = 5'000;

} // namespace

void readPastRunPages(QPromise<PastRunPage> &promise, const QString &historyPath, qint64 runId)
{
    RunHistory history(historyPath);
    if (const StoreResult<> opened = history.open(); !opened) {
        promise.addResult(PastRunPage{runId, {}, opened.error().message});
        return;
    }
    // A run that is not there says so, rather than showing as empty.
    const StoreResult<RunSummary> run = history.run(runId);
    if (!run) {
        promise.addResult(PastRunPage{runId, {}, run.error().message});
        return;
    }
    bool reported = false;
    for (int after = -1; !promise.isCanceled();) {
        StoreResult<QList<Result>> page = history.resultsAfter(runId, after, shownPageRows);
        if (!page) {
            promise.addResult(PastRunPage{runId, {}, page.error().message});
            return;
        }
        if (page->isEmpty() && reported)
            return;
        after = page->isEmpty() ? after : page->constLast().index;
        const bool last = page->size() < shownPageRows;
        promise.addResult(PastRunPage{runId, std::move(*page), {}, run->resultCount});
        reported = true;
        if (last)
            return;
    }
}

PastResponse loadPastResponse(const QString &historyPath, qint64 runId, int rowIndex)
{
    PastResponse response;
    RunHistory history(historyPath);
    if (const StoreResult<> opened = history.open(); !opened) {
        response.error = opened.error().message;
        return response;
    }
    const StoreResult<HeaderList> headers = history.responseHeaders(runId, rowIndex);
    const StoreResult<std::optional<QByteArray>> body = history.body(runId, rowIndex);
    if (!headers || !body) {
        response.error = !headers ? headers.error().message : body.error().message;
        return response;
    }
    response.headers = *headers;
    response.body = body->value_or(QByteArray());
    return response;
}

PastRunToResume loadRunToResume(const QString &historyPath, qint64 runId)
{
    StoreResult<ResumePlan> plan = planResume(historyPath, runId);
    if (!plan)
        return {std::nullopt, plan.error().message};
    return {std::move(*plan), {}};
}

} // namespace salvo::ui
