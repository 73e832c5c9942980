#include "RunSession.h"

#include "store/RunRecorder.h"

namespace salvo {

RunSession::RunSession(RunRequest request, QObject *parent)
    : QObject(parent)
    , m_kind(request.kind)
    , m_inputRows(std::move(request.inputRows))
    , m_keepsInputRows(request.recording.resumedRunId != 0)
{
    const RunOptions options = optionsForRun(request.chosenOptions, request.kind, request.host);
    // The run first, so that what the recorder says reaches it (the backlog's pause). The
    // recorder says nothing before the event loop runs, so whoever makes this session can
    // connect to it first. The batch's lists are shared, not copied.
    m_run = std::make_unique<BatchRun>(request.batch, options);
    connect(m_run.get(), &BatchRun::resultsReady, this, &RunSession::handleResults);
    connect(m_run.get(), &BatchRun::progressChanged, this, &RunSession::progressChanged);
    connect(m_run.get(), &BatchRun::stateChanged, this, &RunSession::stateChanged);
    connect(m_run.get(), &BatchRun::finished, this, &RunSession::handleRunFinished);
    startRecording(request, options);
}

RunSession::~RunSession() = default;

void RunSession::startRecording(const RunRequest &request, const RunOptions &options)
{
    const RunRecording &recording = request.recording;
    if (recording.historyPath.isEmpty())
        return;
    m_recorder = std::make_unique<RunRecorder>(recording.historyPath);
    connect(m_recorder.get(), &RunRecorder::ready, this, &RunSession::historyReady);
    connect(m_recorder.get(), &RunRecorder::historyOff, this, &RunSession::historyOff);
    connect(m_recorder.get(), &RunRecorder::historyCut, this, &RunSession::historyCut);
    connect(m_recorder.get(), &RunRecorder::flushTimedOut, this, &RunSession::historyFlushTimedOut);
    connect(m_recorder.get(), &RunRecorder::backlogChanged, this,
            &RunSession::handleBacklogChanged);
    connect(m_recorder.get(), &RunRecorder::ended, this, &RunSession::handleRecordingEnded);
    connect(m_recorder.get(), &RunRecorder::flushed, this, &RunSession::historyFlushed);
    // The store keeps the options the run goes with, so a resume or a re-run goes the same way.
    if (recording.resumedRunId != 0)
        m_recorder->resume(recording.resumedRunId);
    else
        m_recorder->begin(request.batch, options, recording.input, recording.batchName,
                          recording.parentRunId);
}

void RunSession::start()
{
    if (!m_recorder)
        emit historyReady(0);
    m_run->start();
}

void RunSession::pause()
{
    m_pausedByPerson = true;
    applyPause();
}

void RunSession::resume()
{
    m_pausedByPerson = false;
    applyPause();
}

void RunSession::cancel()
{
    if (isFinished())
        return;
    m_cancelled = true;
    m_run->cancel();
}

qint64 RunSession::savedRunId() const
{
    return m_recorder ? m_recorder->savedRunId() : 0;
}

bool RunSession::leftStoreBehind() const
{
    return m_recorder && m_recorder->leftBehind();
}

void RunSession::requestHistoryFlush()
{
    if (m_recorder)
        m_recorder->requestFlush();
    else
        QMetaObject::invokeMethod(this, &RunSession::historyFlushed, Qt::QueuedConnection);
}

void RunSession::applyPause()
{
    const bool held = m_pausedByPerson || m_heldForHistory;
    if (held && m_run->state() == BatchRun::State::Running)
        m_run->pause();
    else if (!held && m_run->state() == BatchRun::State::Paused)
        m_run->resume();
}

void RunSession::handleResults(const ResultBatch &results)
{
    // The engine numbers the rows it was given from 0: each result goes back to its input row.
    ResultBatch renumbered = results;
    if (!m_inputRows.isEmpty()) {
        for (Result &result : renumbered)
            result.index = m_inputRows.value(result.index, result.index);
    }
    // A re-run of some rows is a run of its own, kept under its own numbers; a resume
    // completes the stored run, whose rows are the input rows.
    if (m_recorder)
        m_recorder->append(m_keepsInputRows ? renumbered : results);
    emit resultsReady(renumbered);
}

void RunSession::handleBacklogChanged(bool overBound)
{
    // The engine never waits for the disk: while the writer is behind, no new row starts, so
    // the backlog (and memory) stays bounded and no result is dropped.
    m_heldForHistory = overBound;
    applyPause();
}

void RunSession::handleRunFinished()
{
    if (m_recorder)
        m_recorder->end(m_cancelled ? RunState::Cancelled : RunState::Finished);
    else
        handleRecordingEnded();
}

void RunSession::handleRecordingEnded()
{
    if (std::exchange(m_ended, true))
        return;
    emit ended();
}

} // namespace salvo
