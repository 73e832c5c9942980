#pragma once

#include <QFutureWatcher>
#include <QMainWindow>
#include <QSet>

#include <memory>
#include <optional>
#include <utility>

#include "batch/BatchSpec.h"
#include "engine/BatchRun.h"
#include "editor/BatchFile.h"
#include "history/PastRun.h"
#include "jobs/ExportWriter.h"
#include "jobs/CheckReport.h"
#include "jobs/JobManager.h"
#include "jobs/Schedule.h"
#include "run/TaskbarProgress.h"
#include "settings/RunDefaults.h"
#include "store/HistoryMaintenance.h"

class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QSplitter;
class QSystemTrayIcon;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace salvo {
class RunRecorder;
class SampleApi;
} // namespace salvo

namespace salvo::ui {

class BatchPane;
class ResponseInspector;
class ResultsFilterModel;
class ResultsModel;
class RunControls;
class StatusFilterBar;
class HistoryView;
class JobsPanel;
class RecheckScheduler;
class SchedulesPanel;
class SecretKeeper;
class SummaryPanel;

// What a worker made of the batch: the value, or why there is none.
struct ParsedBatch
{
    std::optional<BatchSpec> spec;
    QString error;
};

// The dashboard: the batch on the left, the results and the selected answer on the right.
// Parsing runs on the thread pool and requests on the engine's threads; this window only
// receives finished results in batches.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Puts a list or CSV file in the batch editor, and runs it when asked (salvo FILE --run).
    void openFile(const QString &path, bool runAfterOpening = false);
    // Serves the sample API on 127.0.0.1, puts its batch in the editor and runs it.
    void startSampleBatch();

    // A list of addresses in the editor, as if typed.
    void setBatchText(const QString &text);

    // Saves the batch as a .salvo document (secret header values left out).
    void saveBatchTo(const QString &path);

    // Starts a background job writing the run the table shows, as far as the history holds it:
    // the selected rows, or the rows the filters and search show (every row when none is on).
    // Returns the job's id, or 0 when there is nothing to export, with the reason in the
    // status bar. File > Export asks for the format and file, then calls this.
    quint64 exportShownRun(salvo::ExportFormat format, const QString &path, bool selectedOnly);
    JobManager *jobs() const { return m_jobs; }
    RecheckScheduler *scheduler() const { return m_scheduler; }

signals:
    void batchSaved(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    // How a batch starts: afresh, as some rows again (kept beside the results shown), or
    // completing a run of the history (its results added to that run).
    struct BatchStart
    {
        bool keepShownResults = false;
        qint64 resumedRunId = 0;
        std::optional<RunOptions> options; // a stored run's own, instead of the controls'
        qint64 parentRunId = 0; // the stored run whose rows this re-runs; 0: none
    };

    void startRun();
    void startBatch(BatchSpec spec, QList<int> inputRows, const BatchStart &how);
    void rerunSelectedRows();
    // Every row of the run shown whose result is not ok; a sentence when there is none.
    void rerunFailedRows();
    // A re-run of these input rows of the run shown, saved as a run linked to it.
    void rerunRows(const QList<int> &rows);
    // After a linked re-run: the status bar's button and the Run menu's action open the two
    // runs side by side, until another run starts or is opened.
    void offerComparison(qint64 originalRunId, qint64 rerunRunId);
    void withdrawComparison();
    void showComparison(qint64 olderRunId, qint64 newerRunId);
    void resumePastRun(qint64 runId);
    void handleRunToResumeLoaded();
    // Runs a plan read from the history once its secret headers are filled in from the Headers
    // tab, or the person agreed to send it without them.
    void startPlannedRows(salvo::ResumePlan plan, bool isResume);
    void showResultsMenu(const QPoint &position);
    QList<int> selectedInputRows() const;
    void handleOpened();
    void handleParsed();
    void handleResults(const salvo::ResultBatch &results);
    void handleProgress(const salvo::Progress &progress);
    void handleStateChanged(salvo::BatchRun::State state);
    void showSelectedResult();
    void showEmptyStateIfNothingToShow();
    // False when the window is busy (a run, a read or a parse under way).
    bool openPastRun(qint64 runId);
    // Stops showing a past run being read: a new run takes the table.
    void dropPastRunRead();
    void showPastRunPages(int begin, int end);
    void handlePastRunRead();
    void stopRun();
    void recordRun(const BatchSpec &spec, const RunOptions &options, const BatchStart &how);
    void endRecording();
    // After a run is in the history: the desktop notification and the webhook, as set.
    void tellRunEnded(qint64 runId, const salvo::Progress &progress, bool stopped);
    // A scheduled check found a change: the desktop notification and the webhook, as set.
    void tellCheckChanged(const salvo::Schedule &schedule, const salvo::CheckReport &report);
    void handleCheckEnded(const salvo::Schedule &schedule);
    // The tray icon, made when first needed: notifications and the window kept in the tray.
    QSystemTrayIcon *trayIcon();
    // Closes the window and ends Salvo, also when checks would keep it in the tray.
    void quit();
    void showSettings();
    void showSavedBatch(const QString &path, const salvo::SavedBatch &batch);
    void showFetchedSecrets(quint64 request, const salvo::HeaderList &found,
                            const QList<QByteArray> &missing, const QString &problem);
    void saveBatch();
    void chooseExport(bool selectedOnly);
    void showRecentFiles();
    void restoreLayout();
    void saveLayout() const;

    BatchPane *m_batchPane;
    RunControls *m_controls;
    StatusFilterBar *m_filters;
    ResultsModel *m_model;
    ResultsFilterModel *m_filter;
    QTableView *m_table;
    ResponseInspector *m_inspector;
    SummaryPanel *m_summary;
    QTabWidget *m_detailTabs;
    HistoryView *m_history;
    JobManager *m_jobs;
    JobsPanel *m_jobsPanel;
    RecheckScheduler *m_scheduler = nullptr; // made once the keychain's keeper is
    SchedulesPanel *m_schedulesPanel = nullptr;
    QStackedWidget *m_resultsStack;
    QSplitter *m_mainSplitter;
    QSplitter *m_resultsSplitter;
    QProgressBar *m_progress;
    QLabel *m_progressText;
    QPushButton *m_compareButton;
    QAction *m_compareAction = nullptr;
    std::pair<qint64, qint64> m_offeredComparison{0, 0}; // original, re-run
    // Counts the times the table changed run: a re-run's offer that arrives after the next
    // change (its writes end after it finished) is about a run no longer shown, and dropped.
    quint64 m_shownRunEpoch = 0;

    QFutureWatcher<OpenedFile> m_opening;
    QString m_openingPath;
    QFutureWatcher<ParsedBatch> m_parsing;
    std::unique_ptr<BatchRun> m_run;
    BatchSpec m_lastBatch; // what the last full run was given, for re-runs
    QList<int> m_inputRows; // row i of the current run is input row m_inputRows[i]
    std::unique_ptr<SampleApi> m_sampleApi;
    RunOptions m_defaults; // the Settings dialog's, under what the run controls show
    RetentionPolicy m_retention; // how much history the Settings dialog keeps
    NotifySettings m_notify; // what happens after each run
    QSystemTrayIcon *m_trayIcon = nullptr; // made for the first desktop notification
    bool m_quitRequested = false; // a close that ends Salvo, not one that leaves it in the tray
    bool m_toldAboutTray = false;
    std::optional<RunOptions> m_batchOptions; // an opened saved batch's, instead of those
    QMenu *m_recentMenu = nullptr;
    TaskbarProgress m_taskbar;
    SecretKeeper *m_secrets;
    quint64 m_secretsRequest = 0; // the keychain's answer awaited for the batch opened
    RunRecorder *m_recorder = nullptr; // the history of the run under way; owned by this
    int m_recordsEnding = 0; // recorders still saving a run that ended: exports wait for them
    bool m_stopRequested = false;
    bool m_heldForHistory = false; // paused until the history's writer catches up
    bool m_nextRunIsSample = false;
    bool m_batchIsSample = false; // the sample's addresses die with this window: not recorded
    qint64 m_pastRunId = 0; // the run from the history the table shows; 0: this session's
    qint64 m_recordedRunId = 0; // this session's run the table shows, once the history has it
    // The past run being read into the table, page by page; deleted when done, which frees
    // the pages it holds.
    QFutureWatcher<PastRunPage> *m_pastRun = nullptr;
    QSet<int> m_rowsAnsweredHere; // rows of the past run shown that ran again in this window
    std::optional<ResumePlan> m_pendingResume; // starts once its run is shown
    QFutureWatcher<PastRunToResume> m_runToResume;
    qint64 m_resumedRunId = 0; // the stored run this one completes; its rows keep their numbers
    bool m_runAfterOpening = false;
};

} // namespace salvo::ui
