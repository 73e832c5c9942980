#pragma once

#include <QObject>
#include <QTimer>

#include <qcoro/qcorotask.h>

#include <memory>

#include "Dispatcher.h"
#include "Fetcher.h"
#include "result/Result.h"

namespace salvo {

// One engine thread's share of a run: up to `slotCount` rows in flight, pulled from the shared
// Dispatcher whenever a slot frees, each fetched by a coroutine. Finished results are
// handed on in batches. Lives in its own QThread; every method runs there.
class EngineWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineWorker)

public:
    // `cookies`: the run's jar when it keeps cookies, else null.
    EngineWorker(std::shared_ptr<const BatchSpec> spec, std::shared_ptr<Dispatcher> dispatcher,
                 const RunOptions &options, int slotCount,
                 std::shared_ptr<CookieJar> cookies = nullptr);
    ~EngineWorker() override;

    // Queued from the run's thread.
    Q_INVOKABLE void start();
    Q_INVOKABLE void pullWork();
    Q_INVOKABLE void cancel();

signals:
    void resultsProduced(const salvo::ResultBatch &results);

private:
    QCoro::Task<> runRow(DispatchedRow row);
    void flushResults();

    std::shared_ptr<Dispatcher> m_dispatcher;
    Fetcher m_fetcher;
    QTimer m_timeoutSweep;
    QTimer m_flushTimer;
    QTimer m_paceTimer; // wakes the worker when a row held back by the rate limit may start
    ResultBatch m_finished;
    int m_slots;
    bool m_yieldToCaller;
    bool m_slowsDownHosts; // retries are off: a 429 or 503 slows its host down instead
    int m_active = 0;
    bool m_pulling = false;
    bool m_cancelled = false;
};

} // namespace salvo
