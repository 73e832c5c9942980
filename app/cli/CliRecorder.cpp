#include "CliRecorder.h"

#include <QFuture>

#include "Logging.h"

namespace salvo::cli {

CliRecorder::CliRecorder(const QString &path, QIODevice *errors, QObject *parent)
    : QObject(parent)
    , m_errors(errors)
    , m_store(std::make_unique<RunStore>(StoreConfig{.path = path}))
{
    connect(m_store.get(), &RunStore::runBegun, this, &CliRecorder::handleRunBegun);
    connect(m_store.get(), &RunStore::writeFailed, this, &CliRecorder::handleWriteFailed);
    connect(m_store.get(), &RunStore::backlogChanged, this, &CliRecorder::handleBacklogChanged);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &CliRecorder::handleFlushTimeout);
}

CliRecorder::~CliRecorder()
{
    if (m_leftBehind) {
        // Its destructor would wait for the stuck store thread; the process ends with _exit.
        [[maybe_unused]] RunStore *abandoned = m_store.release();
    }
}

void CliRecorder::begin(const BatchSpec &batch, const RunOptions &options,
                        const std::optional<BatchInput> &input, const QString &batchName)
{
    // open() first, for its error as it is (beginRun() would wrap it in a second sentence).
    m_store->open().then(this, [this](const StoreResult<> &opened) { handleOpened(opened); });
    m_ticket = m_store->beginRun(batch, options, input, batchName);
}

void CliRecorder::resume(qint64 runId)
{
    m_store->open().then(this, [this](const StoreResult<> &opened) { handleOpened(opened); });
    m_ticket = m_store->resumeRun(runId);
}

void CliRecorder::append(const ResultBatch &results)
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

void CliRecorder::end(RunState state)
{
    if (m_state == State::Opening || m_state == State::Recording)
        m_store->finishRun(m_ticket, state);
    else if (m_state == State::Cut)
        m_store->finishRun(m_ticket, RunState::Interrupted); // the file holds part of it
    m_store->flush().then(this, [this] { handleFlushed(); });
    m_flushTimer.start(flushTimeout);
}

void CliRecorder::handleOpened(const StoreResult<> &opened)
{
    if (!opened && m_state == State::Opening)
        turnOff(opened.error().message);
}

void CliRecorder::handleRunBegun(RunTicket ticket, qint64 runId)
{
    if (ticket != m_ticket || m_state != State::Opening)
        return;
    m_runId = runId;
    m_state = State::Recording;
    qCDebug(lcCli) << "recording run" << runId;
    emit ready(runId);
}

void CliRecorder::handleWriteFailed(const QString &message)
{
    switch (m_state) {
    case State::Opening:
        turnOff(message);
        break;
    case State::Recording:
        // Once: later batches would fail the same way, and each line would say the same.
        m_state = State::Cut;
        say(tr("salvo-cli: History stops here for run %1: %2 The run goes on; `salvo-cli resume "
               "%1` requests the rows it did not save.")
                    .arg(m_runId)
                    .arg(message));
        emit backlogChanged(false); // nothing more is sent: no reason to hold the run back
        break;
    case State::Cut:
    case State::Off:
        break;
    }
}

void CliRecorder::handleBacklogChanged(bool overBound)
{
    if (m_state == State::Opening || m_state == State::Recording)
        emit backlogChanged(overBound);
}

void CliRecorder::handleFlushed()
{
    if (m_ended)
        return;
    m_ended = true;
    m_flushTimer.stop();
    if (m_state == State::Opening) { // the store said neither yes nor no: take it as no
        m_state = State::Off;
        emit ready(0);
    }
    emit ended();
}

void CliRecorder::handleFlushTimeout()
{
    if (m_ended)
        return;
    m_ended = true;
    m_leftBehind = true;
    say(tr("salvo-cli: The history file did not take the last results within %1 s; leaving "
           "without them.%2")
                .arg(flushTimeout.count())
                .arg(m_runId > 0 ? tr(" `salvo-cli resume %1` requests the rows it did not save.")
                                           .arg(m_runId)
                                 : QString()));
    if (m_state == State::Opening) {
        m_state = State::Off;
        emit ready(0);
    }
    emit ended();
}

void CliRecorder::turnOff(const QString &message)
{
    m_state = State::Off;
    say(tr("salvo-cli: History is off for this run: %1").arg(message));
    emit backlogChanged(false);
    emit ready(0);
}

void CliRecorder::say(const QString &line)
{
    m_errors->write(line.toUtf8() + '\n');
}

} // namespace salvo::cli
