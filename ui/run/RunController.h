#pragma once

#include <QFutureWatcher>
#include <QObject>

#include <memory>
#include <optional>
#include <utility>

#include "batch/BatchSpec.h"
#include "engine/BatchRun.h"
#include "desktop/PastRun.h"
#include "session/BatchPreparation.h"
#include "session/RunSession.h"
#include "store/ResumePlan.h"

class QWidget;

namespace salvo {
class NetworkSettings;
class SampleApi;
} // namespace salvo

namespace salvo::ui {

class BatchPane;
class PastRunView;
class ResultsModel;
class RunControls;
class ShownAnswers;

// The window's run workflow, start to end: reading the batch, starting a RunSession (a whole
// batch, the sample, some rows again, the rest of a stored run), steering it, and offering to
// compare a re-run with its original. One explicit activity says what is under way, so every
// action asks the same question before it starts.
class RunController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunController)

public:
    enum class Activity {
        Idle,
        ReadingBatch, // the batch is parsed off this thread
        Running, // a session's rows are under way
        LoadingRun, // a stored run's rows are read to run again or resume
        ReadingPastRun, // a past run is read into the table
    };

    RunController(QString historyPath, BatchPane *batchPane, RunControls *controls,
                  const ResultsModel *results, PastRunView *pastRuns, ShownAnswers *answers,
                  const NetworkSettings *network, QWidget *window);
    ~RunController() override;

    Activity activity() const;
    bool isIdle() const { return activity() == Activity::Idle; }
    // A run ended but the history is still taking its last results.
    bool isSaving() const { return m_endingSessions > 0; }

    // The Settings dialog's defaults, and a saved batch's own options that replace them
    // while that batch is open.
    void setDefaults(const RunOptions &defaults);
    const RunOptions &defaults() const { return m_defaults; }
    void setBatchOptions(std::optional<RunOptions> options);
    // What the run bar shows now, over the batch's or the default options.
    RunOptions chosenOptions() const;

    void startRun();
    // Serves the sample API on 127.0.0.1, puts its batch in the editor and runs it.
    void startSample();
    void stop();
    void pause();
    void resume();
    // These input rows of the run shown, again, as a run linked to it.
    void rerunRows(const QList<int> &rows);
    // Every row of the run shown whose result is not ok; a sentence when there is none.
    void rerunFailedRows();
    // Shows a stored run, then sends the rows it has no result for.
    void resumePastRun(qint64 runId);

    // The stored run of this session the table shows, once the history has it; else 0.
    qint64 recordedRunId() const { return m_recordedRunId; }
    // What the shown run sent, for "Copy as curl command".
    const BatchSpec &shownBatch() const { return m_shownBatch; }
    // The run the table shows: a past one, or this session's, or 0.
    qint64 shownRunId() const;
    std::pair<qint64, qint64> offeredComparison() const { return m_offeredComparison; }
    // Why the run shown cannot be exported now (exports read the history); empty when it can.
    QString exportRefusal() const;
    // A past run took the table: the run shown before is gone with what it offered.
    void handlePastRunShown();
    // A past run was read: a resume waiting for it starts now.
    void handlePastRunRead(qint64 runId);

signals:
    // What the status line says: where the run stands, or why nothing started.
    void told(const QString &text);
    // A passing sentence for the status bar.
    void noted(const QString &text);
    // A run takes the table: what it showed goes unless the run adds to it.
    void runStarting(bool keepsShownResults, int rowCount);
    void resultsReady(const salvo::ResultBatch &results);
    void progressChanged(const salvo::Progress &progress);
    void stateChanged(salvo::BatchRun::State state);
    // The run is in the history as far as it will be (runId 0: not kept).
    void runSaved(qint64 runId, const salvo::Progress &progress, bool stopped);
    void comparisonOffered(qint64 originalRunId, qint64 rerunRunId);
    // The history's list may show a run otherwise than it is now.
    void historyChanged();
    void comparisonWithdrawn();

private:
    // How a run starts: afresh, as some rows again (kept beside the results shown), or
    // completing a run of the history (its results added to that run).
    struct Start
    {
        bool keepShownResults = false;
        qint64 resumedRunId = 0;
        std::optional<RunOptions> options; // a stored run's own, instead of the run bar's
        qint64 parentRunId = 0; // the stored run whose rows this re-runs; 0: none
    };

    void handleParsed();
    void refuse(const QString &problem);
    // Starts the sample API if needed, puts its batch in the editor and runs it.
    void replaceWithSample();
    void handleRunToResumeLoaded();
    void startSession(BatchSpec batch, QList<int> inputRows, const Start &how);
    RunRecording recordingFor(const Start &how) const;
    void connectSession(RunSession *session, const Start &how);
    void handleSessionEnded(RunSession *session, qint64 parentRunId, quint64 epoch);
    // Runs a plan read from the history once its secret headers are filled in from the Headers
    // tab, or the person agreed to send it without them.
    void startPlannedRows(salvo::ResumePlan plan, bool isResume);
    void sendPlannedRows(salvo::ResumePlan plan, bool isResume);
    void withdrawComparison();
    // The session the table shows gives way: it goes once the history has all of it.
    void letSessionGo();

    QString m_historyPath;
    BatchPane *m_batchPane;
    RunControls *m_controls;
    const ResultsModel *m_results;
    PastRunView *m_pastRuns;
    ShownAnswers *m_answers;
    const NetworkSettings *m_network;
    QWidget *m_window;

    RunOptions m_defaults;
    std::optional<RunOptions> m_batchOptions; // an opened saved batch's, instead of those
    QFutureWatcher<Expected<PreparedBatch>> m_parsing;
    QFutureWatcher<Expected<ResumePlan>> m_runToResume;
    bool m_planningRows = false; // rows of a stored run are read to run again
    std::optional<ResumePlan> m_pendingResume; // starts once its run is shown
    std::unique_ptr<SampleApi> m_sampleApi;
    bool m_nextRunIsSample = false;
    RunKind m_shownKind = RunKind::Batch; // the sample's rows run again as the sample
    RunSession *m_session = nullptr; // the run the table shows; owned by this
    int m_endingSessions = 0; // runs whose history is still being written
    BatchSpec m_shownBatch; // what the last whole run was given, for re-runs
    qint64 m_recordedRunId = 0;
    std::pair<qint64, qint64> m_offeredComparison{0, 0}; // original, re-run
    // Counts the times the table changed run: a re-run's offer that arrives after the next
    // change (its writes end after it finished) is about a run no longer shown, and dropped.
    quint64 m_shownRunEpoch = 0;
};

} // namespace salvo::ui
