#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QThread>
#include <QTimer>

#include <deque>
#include <memory>

#include "Progress.h"
#include "RunOptions.h"
#include "batch/BatchSpec.h"
#include "result/Result.h"

namespace salvo {

class CookieJar;
class Dispatcher;
class EngineWorker;

// Runs one batch: every row of the spec yields exactly one Result, delivered in the order
// rows finish, in batches at most every 100 ms. Rows that cannot be requested (invalid
// address, other scheme) come first, without touching the network. Lives in the thread
// that creates it (the GUI or the CLI's main thread) and runs the requests on engine
// threads of its own; nothing here blocks.
class BatchRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchRun)

public:
    enum class State { Ready, Running, Paused, Cancelling, Finished };
    Q_ENUM(State)

    BatchRun(BatchSpec spec, const RunOptions &options, QObject *parent = nullptr);
    ~BatchRun() override;

    void start();
    // Starts no new rows until resume(); rows in flight finish, their retries included.
    void pause();
    void resume();
    // Aborts what is in flight and marks every row not yet finished as cancelled, at once.
    void cancel();

    State state() const { return m_state; }
    Progress progress() const;
    int rowCount() const { return m_total; }
    const RunOptions &options() const { return m_options; }

    static constexpr int deliveryIntervalMs = 100;

signals:
    void resultsReady(const salvo::ResultBatch &results);
    void progressChanged(const salvo::Progress &progress);
    void stateChanged(salvo::BatchRun::State state);
    void finished();

private:
    void handleResultsProduced(const salvo::ResultBatch &results);
    void deliver();
    // Answers the next share of the rows a cancel found not reached.
    void takeNotReached();
    void setState(State state);

    std::shared_ptr<const BatchSpec> m_spec;
    RunOptions m_options;
    std::shared_ptr<Dispatcher> m_dispatcher;
    std::shared_ptr<CookieJar> m_cookies; // when the run keeps cookies
    QList<QThread *> m_threads;
    QList<EngineWorker *> m_workers;

    ResultBatch m_undelivered;
    // Rows a cancel found not reached, answered notReachedPerDelivery at a time.
    static constexpr qsizetype notReachedPerDelivery = 20'000;
    QList<int> m_notReached;
    qsizetype m_notReachedTaken = 0;
    QTimer m_deliveryTimer;
    QElapsedTimer m_sinceDelivery;
    QElapsedTimer m_sinceStart;
    std::deque<std::pair<qint64, int>> m_rateSamples; // (ms since start, done)

    State m_state = State::Ready;
    int m_total = 0;
    int m_received = 0;
    int m_done = 0;
    int m_ok = 0;
    int m_notSent = 0;
};

} // namespace salvo
