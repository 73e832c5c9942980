#include "BatchRun.h"

#include <algorithm>

#include "CookieJar.h"
#include "Dispatcher.h"
#include "EngineWorker.h"
#include "Logging.h"
#include "network/ThreadTlsState.h"
#include "result/ErrorMessages.h"

namespace salvo {
namespace {

constexpr qint64 rateWindowMs = 5000;

// A row that was never sent, from what its input wrote (its address is not read).
Result unsentResult(const BatchSpec &spec, int index)
{
    const WrittenRow row = spec.rows.written(index);
    Result result;
    result.index = index;
    result.line = row.line;
    result.url = row.text;
    result.method = row.method.isEmpty() ? spec.method : row.method;
    result.columns = row.columns;
    result.error = ErrorKind::Cancelled;
    result.message = describeError(ErrorKind::Cancelled, {});
    return result;
}

} // namespace

BatchRun::BatchRun(BatchSpec spec, const RunOptions &options, QObject *parent)
    : QObject(parent)
    , m_spec(std::make_shared<const BatchSpec>(std::move(spec)))
    , m_options(options.normalized())
    , m_deliveryTimer(this)
    , m_total(int(m_spec->rows.size()))
{
    qRegisterMetaType<salvo::ResultBatch>();
    qRegisterMetaType<salvo::Progress>();
    m_dispatcher
            = std::make_shared<Dispatcher>(m_spec, m_options.perHostConcurrency,
                                           m_options.ratePerSecond, m_options.ratePerHostPerSecond);
    if (m_options.keepCookies)
        m_cookies = std::make_shared<CookieJar>();

    // Re-armed after each delivery, so two deliveries are never closer than the interval.
    m_deliveryTimer.setSingleShot(true);
    m_deliveryTimer.setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5% early
    connect(&m_deliveryTimer, &QTimer::timeout, this, &BatchRun::deliver);
}

BatchRun::~BatchRun()
{
    m_dispatcher->stop();
    for (QThread *thread : std::as_const(m_threads))
        thread->quit(); // each worker cancels what it has as it is deleted in its thread
    for (QThread *thread : std::as_const(m_threads))
        thread->wait();
}

void BatchRun::start()
{
    if (m_state != State::Ready)
        return;
    m_sinceStart.start();
    m_sinceDelivery.start();
    setState(State::Running);

    // Rows are read as the workers take them (Dispatcher): a row that cannot be requested is
    // answered by the worker that reads it, without touching the network.
    const int threadCount = std::min(m_options.engineThreads, std::max(m_total, 1));
    for (int i = 0; m_total > 0 && i < threadCount; ++i) {
        const int slotCount = m_options.concurrency / threadCount
                + (i < m_options.concurrency % threadCount ? 1 : 0);
        auto *thread = new QThread(this);
        thread->setObjectName(QStringLiteral("salvo-engine-%1").arg(i));
        auto *worker = new EngineWorker(m_spec, m_dispatcher, m_options, slotCount, m_cookies);
        worker->moveToThread(thread);
        connect(thread, &QThread::finished, worker, &QObject::deleteLater);
        // QObject's destructor, after the worker's transfers are gone, still in its thread.
        connect(worker, &QObject::destroyed, &releaseThisThreadsTlsState);
        connect(worker, &EngineWorker::resultsProduced, this, &BatchRun::handleResultsProduced);
        m_threads.append(thread);
        m_workers.append(worker);
        thread->start();
        QMetaObject::invokeMethod(worker, &EngineWorker::start, Qt::QueuedConnection);
    }
    qCDebug(lcEngine) << "run started:" << m_total << "rows," << threadCount << "engine threads";

    // An empty batch ends on the next turn; any other delivers its first results then.
    m_deliveryTimer.start(0);
}

void BatchRun::pause()
{
    if (m_state != State::Running)
        return;
    m_dispatcher->setPaused(true);
    setState(State::Paused);
    emit progressChanged(progress());
}

void BatchRun::resume()
{
    if (m_state != State::Paused)
        return;
    m_dispatcher->setPaused(false);
    setState(State::Running);
    for (EngineWorker *worker : std::as_const(m_workers))
        QMetaObject::invokeMethod(worker, &EngineWorker::pullWork, Qt::QueuedConnection);
    emit progressChanged(progress());
}

void BatchRun::cancel()
{
    if (m_state == State::Finished || m_state == State::Cancelling)
        return;
    if (m_state == State::Ready) {
        m_sinceStart.start();
        m_sinceDelivery.start();
    }
    setState(State::Cancelling);
    // Rows not taken yet are not read either: each ends as not sent, as its input wrote it,
    // a share at each delivery (takeNotReached()), so a stop early in a million rows never
    // holds the caller's thread for long.
    m_notReached = m_dispatcher->stop();
    for (EngineWorker *worker : std::as_const(m_workers))
        QMetaObject::invokeMethod(worker, &EngineWorker::cancel, Qt::QueuedConnection);
    deliver();
}

void BatchRun::handleResultsProduced(const ResultBatch &results)
{
    m_received += int(results.size());
    m_undelivered.append(results);
    if (m_received >= m_total)
        deliver(); // the last results: no reason to wait for the next tick
}

void BatchRun::takeNotReached()
{
    const qsizetype end = std::min(m_notReachedTaken + notReachedPerDelivery, m_notReached.size());
    for (; m_notReachedTaken < end; ++m_notReachedTaken) {
        m_undelivered.append(unsentResult(*m_spec, m_notReached.at(m_notReachedTaken)));
        ++m_received;
    }
    if (m_notReachedTaken == m_notReached.size()) {
        m_notReached = {};
        m_notReachedTaken = 0;
    }
}

void BatchRun::deliver()
{
    if (m_state == State::Finished)
        return;
    takeNotReached();
    if (!m_undelivered.isEmpty()) {
        // Progress counts what listeners have been given, so the two always agree.
        m_done += int(m_undelivered.size());
        for (Result &result : m_undelivered) {
            m_ok += result.ok() ? 1 : 0;
            m_notSent += result.error == ErrorKind::Cancelled ? 1 : 0;
            result.certificatesUnchecked = !m_options.verifyTls;
        }
        emit resultsReady(std::exchange(m_undelivered, {}));
        m_sinceDelivery.restart();
        // A listener may have cancelled the run from its slot, which finished it already.
        if (m_state == State::Finished)
            return;
    }

    const qint64 now = m_sinceStart.elapsed();
    m_rateSamples.emplace_back(now, m_done);
    while (m_rateSamples.size() > 2 && now - m_rateSamples.front().first > rateWindowMs)
        m_rateSamples.pop_front();

    if (m_received >= m_total) {
        m_deliveryTimer.stop();
        setState(State::Finished);
        for (QThread *thread : std::as_const(m_threads))
            thread->quit();
        emit progressChanged(progress());
        emit finished();
        return;
    }
    emit progressChanged(progress());
    m_deliveryTimer.start(m_notReached.isEmpty() ? deliveryIntervalMs : 0);
}

Progress BatchRun::progress() const
{
    Progress progress;
    progress.total = m_total;
    progress.done = m_done;
    progress.ok = m_ok;
    progress.failed = m_done - m_ok - m_notSent;
    progress.notSent = m_notSent;
    progress.inFlight = m_state == State::Finished ? 0 : m_dispatcher->inFlight();
    progress.paused = m_state == State::Paused;
    progress.finished = m_state == State::Finished;
    progress.slowedHosts = m_dispatcher->slowedHosts();
    if (m_rateSamples.size() >= 2) {
        const auto &[firstMs, firstDone] = m_rateSamples.front();
        const auto &[lastMs, lastDone] = m_rateSamples.back();
        if (lastMs > firstMs)
            progress.ratePerSecond
                    = double(lastDone - firstDone) * 1000.0 / double(lastMs - firstMs);
    }
    if (progress.ratePerSecond > 0 && !progress.finished)
        progress.etaMs = qint64(double(m_total - m_done) * 1000.0 / progress.ratePerSecond);
    if (progress.finished)
        progress.etaMs = 0;
    return progress;
}

void BatchRun::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace salvo
