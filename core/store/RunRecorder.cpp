#include "RunRecorder.h"

#include "Logging.h"

namespace salvo {

RunRecorder::RunRecorder(const QString &path, QObject *parent)
    : RunRecorder(StoreConfig{.path = path}, parent)
{ }

RunRecorder::RunRecorder(StoreConfig config, QObject *parent)
    : QObject(parent)
    , m_store(std::make_unique<RunStore>(std::move(config)))
{
    // One channel, in the store's order: it answers every begin or resume with runBegun or
    // runRefused before it reports the writes that follow, and flushed comes after all of them.
    connect(m_store.get(), &RunStore::runBegun, this, &RunRecorder::handleRunBegun);
    connect(m_store.get(), &RunStore::runRefused, this, &RunRecorder::handleRunRefused);
    connect(m_store.get(), &RunStore::writeFailed, this, &RunRecorder::handleWriteFailed);
    connect(m_store.get(), &RunStore::backlogChanged, this, &RunRecorder::handleBacklogChanged);
    connect(m_store.get(), &RunStore::flushed, this, &RunRecorder::handleFlushed);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &RunRecorder::handleFlushTimeout);
}

RunRecorder::~RunRecorder()
{
    if (m_leftBehind) {
        // Its destructor would wait for the stuck store thread; the process ends with _exit.
        [[maybe_unused]] RunStore *abandoned = m_store.release();
    }
}

void RunRecorder::begin(const BatchSpec &batch, const RunOptions &options,
                        const std::optional<BatchInput> &input, const QString &batchName,
                        qint64 parentRunId)
{
    // The store opens the file for it; a file it cannot open comes back as runRefused.
    m_ticket = m_store->beginRun(batch, options, input, batchName, parentRunId);
}

void RunRecorder::resume(qint64 runId)
{
    m_ticket = m_store->resumeRun(runId);
}

void RunRecorder::append(const ResultBatch &results)
{
    if (m_state != State::Opening && m_state != State::Recording)
        return;
    ResultBatch saved;
    saved.reserve(results.size());
    for (const Result &result : results) {
        if (result.error != ErrorKind::Cancelled)
            saved.append(result);
    }
    m_store->appendResults(m_ticket, saved);
}

void RunRecorder::end(RunState state)
{
    if (m_state == State::Opening || m_state == State::Recording)
        m_store->finishRun(m_ticket, state);
    else if (m_state == State::Cut)
        m_store->finishRun(m_ticket, RunState::Interrupted); // the file holds part of it
    m_flushesAsked.push_back(FlushFor::End);
    m_store->requestFlush();
    m_flushTimer.start(flushTimeout);
}

void RunRecorder::requestFlush()
{
    m_flushesAsked.push_back(FlushFor::Reader);
    m_store->requestFlush();
}

void RunRecorder::handleRunBegun(RunTicket ticket, qint64 runId)
{
    if (ticket != m_ticket || m_state != State::Opening)
        return;
    m_runId = runId;
    m_state = State::Recording;
    qCDebug(lcStore) << "recording run" << runId;
    emit ready(runId);
}

void RunRecorder::handleRunRefused(RunTicket ticket, const QString &reason)
{
    if (ticket == m_ticket && m_state == State::Opening)
        turnOff(reason);
}

void RunRecorder::handleWriteFailed(const QString &message)
{
    switch (m_state) {
    case State::Opening:
        turnOff(message);
        break;
    case State::Recording:
        // Once: later batches would fail the same way, and each line would say the same.
        m_state = State::Cut;
        emit historyCut(m_runId, message);
        emit backlogChanged(false); // nothing more is sent: no reason to hold the run back
        break;
    case State::Cut:
    case State::Off:
        break;
    }
}

void RunRecorder::handleBacklogChanged(bool overBound)
{
    if (m_state == State::Opening || m_state == State::Recording)
        emit backlogChanged(overBound);
}

void RunRecorder::handleFlushed()
{
    const FlushFor asker = m_flushesAsked.empty() ? FlushFor::End : m_flushesAsked.front();
    if (!m_flushesAsked.empty())
        m_flushesAsked.pop_front();
    if (asker == FlushFor::Reader) {
        emit flushed();
        return;
    }
    if (m_ended)
        return;
    m_ended = true;
    m_flushTimer.stop();
    // Still opening only when nothing was begun: the store answers a begin before its flush.
    if (m_state == State::Opening) {
        m_state = State::Off;
        emit ready(0);
    }
    emit ended();
}

void RunRecorder::handleFlushTimeout()
{
    if (m_ended)
        return;
    m_ended = true;
    m_leftBehind = true;
    emit flushTimedOut(m_runId);
    if (m_state == State::Opening) {
        m_state = State::Off;
        emit ready(0);
    }
    emit ended();
}

void RunRecorder::turnOff(const QString &message)
{
    m_state = State::Off;
    emit historyOff(message);
    emit backlogChanged(false);
    emit ready(0);
}

} // namespace salvo
