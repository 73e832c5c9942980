#pragma once

#include <QObject>

#include <memory>

#include "RunRequest.h"
#include "engine/BatchRun.h"
#include "engine/Progress.h"
#include "result/Result.h"

namespace salvo {

class RunRecorder;

// One run from start to end, for the window and salvo-cli alike: it works out the run's
// options, runs the BatchRun, records it in the history as it goes (RunRecorder), pauses the
// engine while the history's writer falls behind, gives every result its input row, and ends
// the recording. Its listeners see results, progress and how the history fares; nothing of
// the run is kept anywhere else, so the next run starts from what its own request says.
class RunSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunSession)

public:
    explicit RunSession(RunRequest request, QObject *parent = nullptr);
    ~RunSession() override;

    void start();
    // The person's pause; the run also pauses on its own while the history catches up, and
    // goes on only when neither holds it.
    void pause();
    void resume();
    // Rows not finished end as cancelled, at once; the run is recorded as cancelled.
    void cancel();

    BatchRun::State state() const { return m_run->state(); }
    Progress progress() const { return m_run->progress(); }
    const RunOptions &options() const { return m_run->options(); }
    RunKind kind() const { return m_kind; }
    int rowCount() const { return m_run->rowCount(); }
    bool isFinished() const { return state() == BatchRun::State::Finished; }
    bool wasCancelled() const { return m_cancelled; }
    // True once ended() was emitted: the history holds every result it will.
    bool hasEnded() const { return m_ended; }
    // The run's id in the history once it has one and nothing failed since; else 0.
    qint64 savedRunId() const;
    // The history did not finish its writes in time and was left as it is (RunRecorder).
    bool leftStoreBehind() const;
    // Asks the history to say when every result given so far is written (historyFlushed()):
    // what a reader waits for when a row it was asked for is not there yet. A run not
    // recorded says so at once, from the event loop.
    void requestHistoryFlush();

signals:
    // Each result under its input row (RunRequest::inputRows).
    void resultsReady(const salvo::ResultBatch &results);
    void progressChanged(const salvo::Progress &progress);
    void stateChanged(salvo::BatchRun::State state);
    // The history keeps the run under this id; 0: it does not keep this run.
    void historyReady(qint64 runId);
    void historyOff(const QString &message);
    void historyCut(qint64 runId, const QString &message);
    void historyFlushTimedOut(qint64 runId);
    // After requestHistoryFlush(): the history holds every result given before it, as far as
    // it will (a write may have failed).
    void historyFlushed();
    // Every row has its result and the history holds every write it will.
    void ended();

private:
    void handleResults(const salvo::ResultBatch &results);
    void handleBacklogChanged(bool overBound);
    void handleRunFinished();
    void handleRecordingEnded();
    void startRecording(const RunRequest &request, const RunOptions &options);
    void applyPause();

    RunKind m_kind;
    QList<int> m_inputRows;
    bool m_keepsInputRows; // a resume: the stored run knows its rows by their input numbers
    std::unique_ptr<BatchRun> m_run;
    std::unique_ptr<RunRecorder> m_recorder;
    bool m_pausedByPerson = false;
    bool m_heldForHistory = false;
    bool m_cancelled = false;
    bool m_ended = false;
};

} // namespace salvo
