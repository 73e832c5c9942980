#include "PastRun.h"

#include "store/RunHistory.h"

namespace salvo::ui {

PastRun loadPastRun(const QString &historyPath, qint64 runId)
{
    PastRun run{runId, {}, {}};
    RunHistory history(historyPath);
    if (const StoreResult<> opened = history.open(); !opened) {
        run.error = opened.error().message;
        return run;
    }
    // Pages after the last row read: each page is an index seek, not an ever longer skip.
    constexpr int pageRows = 20'000;
    int after = -1;
    for (;;) {
        StoreResult<QList<Result>> page = history.resultsAfter(runId, after, pageRows);
        if (!page) {
            run.error = page.error().message;
            return run;
        }
        if (page->isEmpty())
            return run;
        after = page->constLast().index;
        run.results.append(std::move(page.value()));
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
    PastRunToResume resume;
    // Planned first: a run found complete is marked finished before it is shown.
    StoreResult<ResumePlan> plan = planResume(historyPath, runId);
    if (!plan) {
        resume.error = plan.error().message;
        return resume;
    }
    resume.plan = std::move(*plan);
    resume.shown = loadPastRun(historyPath, runId);
    return resume;
}

} // namespace salvo::ui
