#pragma once

#include <QMainWindow>

#include <optional>

#include "engine/BatchRun.h"
#include "jobs/ExportWriter.h"
#include "jobs/JobManager.h"
#include "jobs/Schedule.h"
#include "store/HistoryMaintenance.h"

class QMenu;
class QSplitter;
class QStackedWidget;
class QTabWidget;

namespace salvo {
class RecheckScheduler;
class NetworkSettings;
class SecretKeeper;
} // namespace salvo

namespace salvo::ui {

class BatchDocument;
class LastBatch;
class BatchPane;
class ExportStarter;
class HistoryView;
class JobsPanel;
class Notifier;
class PastRunView;
class ShownAnswers;
class ShownRun;
class ResponseInspector;
class ResultsPane;
class RunControls;
class RunController;
class RunStatus;
class SchedulesPanel;
class SummaryPanel;

// The dashboard: the batch on the left, the results and the selected answer on the right. It
// lays out the widgets and the menus; the run workflow is the RunController's, a past run in
// the table the PastRunView's, and notifications the Notifier's.
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
    // Puts the batch the editor held when Salvo last closed back in it (no file was named).
    void restoreLastBatch();

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
    // A passing sentence in the status bar.
    void showBriefly(const QString &text);
    void buildCentralArea();
    void buildDetailTabs();
    void sizeToScreen();
    void buildFileMenu();
    void buildRunMenu();
    void buildViewMenu();
    void buildHelpMenu();
    void connectRunController();
    void connectPastRuns();
    void connectJobsAndChecks();
    void connectBatchDocument();

    void handleRunStarting(bool keepsShownResults);
    void clearResults();
    void handlePastRunShown(const salvo::RunSummary &run, int resultCount);
    void handleStateChanged(salvo::BatchRun::State state);
    void handleRunSaved(qint64 runId, const salvo::Progress &progress, bool stopped);
    void showComparison(qint64 olderRunId, qint64 newerRunId);
    void showResult(const std::optional<salvo::Result> &summary);
    void showEmptyStateIfNothingToShow();
    void handleCheckEnded(const salvo::Schedule &schedule);
    void showHistoryIfVisible();
    // Closes the window and ends Salvo, also when checks would keep it in the tray.
    void quit();
    void showSettings();
    void restoreLayout();
    void saveLayout() const;

    QString m_historyPath;
    BatchPane *m_batchPane;
    RunControls *m_controls;
    ResultsPane *m_results;
    ResponseInspector *m_inspector;
    SummaryPanel *m_summary;
    QTabWidget *m_detailTabs;
    HistoryView *m_history;
    JobManager *m_jobs;
    JobsPanel *m_jobsPanel;
    SecretKeeper *m_secrets;
    NetworkSettings *m_network;
    RecheckScheduler *m_scheduler;
    SchedulesPanel *m_schedulesPanel;
    PastRunView *m_pastRuns;
    ShownAnswers *m_answers;
    ShownRun *m_shownRun;
    RunController *m_runs;
    RunStatus *m_status;
    Notifier *m_notifier;
    BatchDocument *m_document;
    LastBatch *m_lastBatch;
    ExportStarter *m_exports;
    QStackedWidget *m_resultsStack;
    QSplitter *m_mainSplitter;
    QSplitter *m_resultsSplitter;
    QMenu *m_recentMenu = nullptr;

    RetentionPolicy m_retention; // how much history the Settings dialog keeps
    bool m_quitRequested = false; // a close that ends Salvo, not one that leaves it in the tray
};

} // namespace salvo::ui
