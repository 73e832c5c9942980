#include "MainWindow.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QTableView>
#include <QMenuBar>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

#include "about/AboutDialog.h"
#include "batch/CurlCommand.h"
#include "compare/CompareWindow.h"
#include "editor/BatchEditor.h"
#include "editor/BatchDocument.h"
#include "editor/LastBatch.h"
#include "editor/BatchPane.h"
#include "help/ShortcutsDialog.h"
#include "help/UserGuideWindow.h"
#include "history/HistoryView.h"
#include "history/PastRunView.h"
#include "inspector/ResponseInspector.h"
#include "inspector/ShownAnswers.h"
#include "jobs/ExportStarter.h"
#include "jobs/JobsPanel.h"
#include "notify/Notifier.h"
#include "results/FirstUsePage.h"
#include "results/ResultsModel.h"
#include "results/ResultsPane.h"
#include "run/RunControls.h"
#include "run/RunController.h"
#include "run/RunStatus.h"
#include "desktop/RecheckScheduler.h"
#include "run/ShownRun.h"
#include "schedules/SchedulesPanel.h"
#include "desktop/NetworkSettings.h"
#include "desktop/SecretKeeper.h"
#include "desktop/RunDefaults.h"
#include "settings/SettingsDialog.h"
#include "store/Database.h"
#include "summary/SummaryPanel.h"

namespace salvo::ui {
namespace {

constexpr int emptyPage = 0;
constexpr int resultsPage = 1;
constexpr int messageMs = 20'000;

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_historyPath(defaultHistoryPath())
    , m_batchPane(new BatchPane(this))
    , m_controls(new RunControls(this))
    , m_results(new ResultsPane(this))
    , m_inspector(new ResponseInspector(this))
    , m_summary(new SummaryPanel(this))
    , m_detailTabs(new QTabWidget(this))
    , m_history(new HistoryView(m_historyPath, this))
    , m_jobs(new JobManager(2, this))
    , m_jobsPanel(new JobsPanel(m_jobs, this))
    , m_secrets(new SecretKeeper(this))
    , m_network(new NetworkSettings(m_secrets, this))
    , m_scheduler(
              new RecheckScheduler(m_jobs, m_secrets, defaultSchedulesPath(), m_historyPath, this))
    , m_schedulesPanel(new SchedulesPanel(m_scheduler, this))
    , m_pastRuns(new PastRunView(m_historyPath, this))
    , m_answers(new ShownAnswers(m_historyPath, this))
    , m_shownRun(new ShownRun(m_historyPath, m_batchPane, m_results->caption(), this))
    , m_runs(new RunController(m_historyPath, m_batchPane, m_controls, m_results->model(),
                               m_pastRuns, m_answers, m_network, this))
    , m_status(new RunStatus(this, m_runs))
    , m_notifier(new Notifier(m_historyPath, m_jobs, this))
    , m_document(new BatchDocument(m_batchPane, m_runs, m_secrets, this))
    , m_lastBatch(new LastBatch(m_batchPane, m_secrets, this))
    , m_exports(new ExportStarter(m_historyPath, m_runs, m_results, m_jobs, this))
    , m_resultsStack(new QStackedWidget(this))
    , m_mainSplitter(new QSplitter(Qt::Horizontal, this))
    , m_resultsSplitter(new QSplitter(Qt::Vertical, this))
{
    setWindowTitle(tr("Salvo"));
    setObjectName(QStringLiteral("mainWindow"));
    const QSettings settings;
    m_runs->setDefaults(loadRunDefaults(settings));
    m_retention = loadRetention(settings);
    m_notifier->setSettings(loadNotifySettings(settings));

    buildCentralArea();

    // Menus and shortcuts: every action has a key.
    buildFileMenu();
    buildRunMenu();
    buildViewMenu();
    buildHelpMenu();

    connectRunController();
    connectPastRuns();
    connectJobsAndChecks();
    connectBatchDocument();

    setAcceptDrops(true);
    sizeToScreen();
    restoreLayout();
    showEmptyStateIfNothingToShow();
    // Runs past the retention setting go at each start, and after each run.
    m_history->applyRetention(m_retention);
    m_network->load();
    m_scheduler->useNetworkSettings(m_network);
    m_scheduler->load(); // checks missed while Salvo was closed run once, soon after
}

MainWindow::~MainWindow() = default;

void MainWindow::buildCentralArea()
{
    buildDetailTabs();
    m_resultsSplitter->setObjectName(QStringLiteral("resultsSplitter"));
    m_results->setRunController(m_runs);
    // The first-use page stands in for the results table only: the History, the Jobs and the
    // Checks below it stay one click away from the first start.
    auto *firstUse = new FirstUsePage(this);
    connect(firstUse, &FirstUsePage::sampleRequested, this, &MainWindow::startSampleBatch);
    m_resultsStack->addWidget(firstUse);
    m_resultsStack->addWidget(m_results);
    m_resultsSplitter->addWidget(m_resultsStack);
    m_resultsSplitter->addWidget(m_detailTabs);
    m_resultsSplitter->setStretchFactor(0, 3);
    m_resultsSplitter->setStretchFactor(1, 2);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->addWidget(m_batchPane);
    m_mainSplitter->addWidget(m_resultsSplitter);
    m_mainSplitter->setStretchFactor(0, 1);
    m_mainSplitter->setStretchFactor(1, 3);
    m_mainSplitter->setSizes({340, 860});
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->addWidget(m_controls);
    centralLayout->addWidget(m_mainSplitter, 1);
    setCentralWidget(central);
}

void MainWindow::sizeToScreen()
{
    // A first window sized to the screen, as on a laptop's 1366×768 or a 2560×1440 monitor:
    // most of it, so the filter chips and the status column are not cut, and not all of it.
    const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1280, 800);
    const QSize size(std::clamp(available.width() * 9 / 10, 900, 1800),
                     std::clamp(available.height() * 9 / 10, 600, 1200));
    resize(size.boundedTo(available.size()));
    move(available.center() - rect().center());
}

// The selected answer, the run as a whole, the history, the jobs and the checks.
void MainWindow::buildDetailTabs()
{
    m_detailTabs->setObjectName(QStringLiteral("detailTabs"));
    m_detailTabs->setAccessibleName(tr("About the results"));
    m_detailTabs->setDocumentMode(true);
    const std::tuple<QWidget *, const char *, QString, QString> tabs[]{
            {m_inspector, "responseInspector", {}, tr("Response")},
            {m_summary, "summaryPanel", tr("Summary of the run"), tr("Summary")},
            {m_history, "historyView", tr("Runs kept in the history"), tr("History")},
            {m_jobsPanel, "jobsPanel", tr("Background jobs"), tr("Jobs")},
            {m_schedulesPanel, "schedulesPanel", tr("Scheduled checks"), tr("Checks")}};
    for (const auto &[widget, name, accessibleName, title] : tabs) {
        widget->setObjectName(QLatin1StringView(name));
        if (!accessibleName.isEmpty())
            widget->setAccessibleName(accessibleName);
        m_detailTabs->addTab(widget, title);
    }
    // The list is read when it is looked at, off this thread.
    connect(m_detailTabs, &QTabWidget::currentChanged, this, [this] {
        if (m_detailTabs->currentWidget() == m_history)
            m_history->reload();
    });
}

void MainWindow::buildFileMenu()
{
    QMenu *menu = menuBar()->addMenu(tr("&File"));
    menu->addAction(tr("&Open..."), QKeySequence::Open, m_document,
                    [this] { m_document->chooseFileToOpen(false); });
    menu->addAction(tr("&Import..."), QKeySequence(Qt::CTRL | Qt::Key_I), m_document,
                    [this] { m_document->chooseFileToOpen(true); });
    m_recentMenu = menu->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this,
            [this] { m_document->listRecentFiles(m_recentMenu); });
    menu->addAction(tr("&Save batch..."), QKeySequence::Save, m_document,
                    &BatchDocument::chooseSaveFile);
    menu->addAction(tr("&Export results..."), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                    [this] { m_exports->chooseExport(false); });
    menu->addSeparator();
    menu->addAction(tr("&Settings..."), QKeySequence(Qt::CTRL | Qt::Key_Comma), this,
                    &MainWindow::showSettings)
            ->setMenuRole(QAction::PreferencesRole);
    menu->addSeparator();
    menu->addAction(tr("&Quit"), QKeySequence::Quit, this, &MainWindow::quit);
}

void MainWindow::buildRunMenu()
{
    QMenu *menu = menuBar()->addMenu(tr("&Run"));
    menu->addAction(tr("&Run"), QKeySequence(Qt::CTRL | Qt::Key_Return), m_runs,
                    &RunController::startRun)
            ->setObjectName(QStringLiteral("runAction"));
    menu->addAction(tr("&Stop"), QKeySequence(Qt::Key_Escape), m_runs, &RunController::stop);
    menu->addAction(tr("Run selected rows &again"), QKeySequence(Qt::CTRL | Qt::Key_R), this,
                    [this] { m_runs->rerunRows(m_results->selectedInputRows()); });
    menu->addAction(tr("Run the &failed rows again"),
                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), m_runs,
                    &RunController::rerunFailedRows)
            ->setObjectName(QStringLiteral("runFailedRowsAgainAction"));
    menu->addAction(m_status->compareAction());
    connect(m_status, &RunStatus::comparisonRequested, this, &MainWindow::showComparison);
    menu->addAction(tr("Check a saved batch on a &schedule..."), this, [this] {
        m_detailTabs->setCurrentWidget(m_schedulesPanel);
        m_schedulesPanel->newSchedule();
    });
    menu->addAction(tr("Try a &sample batch"), this, &MainWindow::startSampleBatch);
}

void MainWindow::buildViewMenu()
{
    QMenu *menu = menuBar()->addMenu(tr("&View"));
    menu->addAction(tr("&Search results"), QKeySequence::Find, m_results,
                    &ResultsPane::focusSearch);
    const std::pair<QString, QWidget *> tabs[] = {{tr("&Response"), m_inspector},
                                                  {tr("S&ummary"), m_summary},
                                                  {tr("&History"), m_history},
                                                  {tr("&Jobs"), m_jobsPanel},
                                                  {tr("&Checks"), m_schedulesPanel}};
    int key = Qt::Key_1;
    for (const auto &[title, tab] : tabs) {
        menu->addAction(title, QKeySequence(Qt::ALT | Qt::Key(key++)), this,
                        [this, tab = tab] { m_detailTabs->setCurrentWidget(tab); });
    }
    menu->addAction(tr("&Batch list"), QKeySequence(Qt::CTRL | Qt::Key_L), this,
                    [this] { m_batchPane->editor()->setFocus(); });
}

void MainWindow::buildHelpMenu()
{
    QMenu *menu = menuBar()->addMenu(tr("&Help"));
    QAction *guide = menu->addAction(tr("&User Guide"));
    guide->setObjectName(QStringLiteral("userGuideAction"));
    guide->setShortcuts(QKeySequence::HelpContents); // F1, where the platform has no other key
    connect(guide, &QAction::triggered, this, [this] { UserGuideWindow::showFor(this); });
    QAction *shortcuts = menu->addAction(tr("&Keyboard Shortcuts"));
    shortcuts->setObjectName(QStringLiteral("keyboardShortcutsAction"));
    connect(shortcuts, &QAction::triggered, this, [this] { ShortcutsDialog::showFor(this); });
    menu->addSeparator();
    QAction *about = menu->addAction(tr("&About Salvo"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, [this] { AboutDialog(this).exec(); });
}

void MainWindow::connectRunController()
{
    connect(m_controls, &RunControls::runRequested, m_runs, &RunController::startRun);
    connect(m_controls, &RunControls::stopRequested, m_runs, &RunController::stop);
    connect(m_controls, &RunControls::pauseRequested, m_runs, &RunController::pause);
    connect(m_controls, &RunControls::resumeRequested, m_runs, &RunController::resume);
    connect(m_runs, &RunController::runStarting, this,
            [this](bool keepsShownResults, int rowCount) {
                handleRunStarting(keepsShownResults);
                if (!keepsShownResults) {
                    m_results->model()->reserve(rowCount);
                    m_shownRun->showSessionRun(rowCount);
                    m_lastBatch->keep(); // a crash mid-run does not lose the list
                }
            });
    connect(m_runs, &RunController::runSaved, m_shownRun, &ShownRun::noteRunSaved);
    // The table and the summary listen to the run: each batch of results is one insert.
    connect(m_runs, &RunController::resultsReady, m_results->model(), &ResultsModel::addResults);
    connect(m_runs, &RunController::resultsReady, m_summary,
            qOverload<const ResultBatch &>(&SummaryPanel::addResults));
    connect(m_runs, &RunController::progressChanged, m_summary, &SummaryPanel::showSlowdown);
    connect(m_runs, &RunController::stateChanged, this, &MainWindow::handleStateChanged);
    connect(m_runs, &RunController::runSaved, this, &MainWindow::handleRunSaved);
    connect(m_runs, &RunController::historyChanged, this, &MainWindow::showHistoryIfVisible);
    connect(m_results, &ResultsPane::currentResultChanged, this, &MainWindow::showResult);
    // The search box looks into the kept bodies too: those of the runs the answers are in.
    m_results->searchBodiesIn(m_historyPath, [this] { return m_answers->searchableRuns(); });
    connect(m_answers, &ShownAnswers::answerLoading, m_inspector, &ResponseInspector::showLoading);
    connect(m_answers, &ShownAnswers::answerReady, m_inspector, &ResponseInspector::showResult);
    connect(m_answers, &ShownAnswers::answerUnavailable, m_inspector,
            &ResponseInspector::showUnavailable);
    connect(m_results, &ResultsPane::openAnswerRequested, this, [this] {
        m_detailTabs->setCurrentWidget(m_inspector);
        m_inspector->focusAnswer();
    });
    connect(m_results, &ResultsPane::exportSelectedRequested, m_exports,
            [this] { m_exports->chooseExport(true); });
    connect(m_exports, &ExportStarter::noted, this, &MainWindow::showBriefly);
    connect(m_results, &ResultsPane::rerunSelectedRequested, this,
            [this] { m_runs->rerunRows(m_results->selectedInputRows()); });
    connect(m_results, &ResultsPane::copyAsCurlRequested, this, [this](const Result &result) {
        const BatchSpec &batch = m_runs->shownBatch();
        QGuiApplication::clipboard()->setText(
                curlCommand(result.method, result.url, batch.headers, batch.body));
    });
}

void MainWindow::connectPastRuns()
{
    connect(m_history, &HistoryView::openRunRequested, this, [this](qint64 runId) {
        if (!m_runs->isIdle())
            return;
        m_status->tell(tr("Reading run %1 from the history...").arg(runId));
        m_pastRuns->open(runId);
    });
    connect(m_history, &HistoryView::resumeRunRequested, m_runs, &RunController::resumePastRun);
    connect(m_history, &HistoryView::compareRunsRequested, this, &MainWindow::showComparison);
    connect(m_schedulesPanel, &SchedulesPanel::compareRunsRequested, this,
            &MainWindow::showComparison);
    connect(m_pastRuns, &PastRunView::firstPageArrived, this,
            [this](qint64 runId, int resultCount) {
                handlePastRunShown(m_pastRuns->shownRun(), resultCount);
                m_answers->showPastRun(runId);
                m_shownRun->showPastRun(runId);
            });
    connect(m_pastRuns, &PastRunView::resultsRead, m_results->model(), &ResultsModel::addResults);
    connect(m_pastRuns, &PastRunView::resultsRead, m_summary,
            qOverload<const ResultBatch &>(&SummaryPanel::addResults));
    connect(m_pastRuns, &PastRunView::readProgressed, this, [this](qint64 runId, int rows) {
        m_status->tell(tr("Reading run %1 from the history: %2 rows so far...")
                               .arg(runId)
                               .arg(QLocale().toString(rows)));
    });
    connect(m_pastRuns, &PastRunView::readFailed, m_status, &RunStatus::tell);
    connect(m_pastRuns, &PastRunView::readFinished, this, [this](qint64 runId) {
        m_summary->refreshNow();
        m_status->tell(tr("Run %1 from the history: %2 rows.")
                               .arg(runId)
                               .arg(QLocale().toString(m_results->model()->rowCount())));
        showHistoryIfVisible(); // a resume found complete is marked finished now
        m_runs->handlePastRunRead(runId);
    });
}

void MainWindow::connectJobsAndChecks()
{
    connect(m_scheduler, &RecheckScheduler::changeFound, m_notifier, &Notifier::tellCheckChanged);
    connect(m_scheduler, &RecheckScheduler::checkEnded, this, &MainWindow::handleCheckEnded);
    connect(m_scheduler, &RecheckScheduler::loaded, this, [this](const QString &problem) {
        if (!problem.isEmpty())
            showBriefly(tr("The scheduled checks could not be read: %1").arg(problem));
    });
    connect(m_scheduler, &RecheckScheduler::saveFailed, this, &MainWindow::showBriefly);
    connect(m_network, &NetworkSettings::keychainProblem, this, &MainWindow::showBriefly);
    connect(m_jobsPanel, &JobsPanel::openRequested, this,
            [](const QString &path) { QDesktopServices::openUrl(QUrl::fromLocalFile(path)); });
    connect(m_jobs, &JobManager::jobEnded, this, [this](const JobInfo &job) {
        if (job.kind != JobKind::Recheck) // a check is said with its schedule's name
            showBriefly(job.outcome.message);
    });
    connect(m_notifier, &Notifier::openRequested, this, [this] {
        showNormal();
        activateWindow();
    });
    connect(m_notifier, &Notifier::quitRequested, this, &MainWindow::quit);
    // Logging out ends Salvo: the window is not kept in the tray then.
    connect(qApp, &QGuiApplication::commitDataRequest, this, [this] { m_quitRequested = true; });
}

void MainWindow::connectBatchDocument()
{
    connect(m_document, &BatchDocument::told, m_status, &RunStatus::tell);
    connect(m_lastBatch, &LastBatch::told, m_status, &RunStatus::tell);
    connect(m_document, &BatchDocument::batchFileChosen, m_schedulesPanel,
            &SchedulesPanel::setSuggestedBatch);
    connect(m_document, &BatchDocument::saved, this, &MainWindow::batchSaved);
}

void MainWindow::setBatchText(const QString &text)
{
    m_batchPane->setUrlList(text);
}

void MainWindow::startSampleBatch()
{
    m_runs->startSample();
}

void MainWindow::openFile(const QString &path, bool runAfterOpening)
{
    m_document->open(path, runAfterOpening);
}

void MainWindow::restoreLastBatch()
{
    m_lastBatch->restore();
}

void MainWindow::saveBatchTo(const QString &path)
{
    m_document->saveTo(path);
}

quint64 MainWindow::exportShownRun(ExportFormat format, const QString &path, bool selectedOnly)
{
    return m_exports->exportShownRun(format, path, selectedOnly);
}

void MainWindow::handleRunStarting(bool keepsShownResults)
{
    // The keyboard goes where the answers come: Down walks the rows, Return opens one, and
    // Ctrl+L goes back to the list. (Left on Run, which is disabled while the run goes, Qt
    // would hand it to the run bar's next box, where a key typed changes a setting.)
    if (!m_results->isAncestorOf(focusWidget()))
        m_results->table()->setFocus();
    const BatchSpec &sent = m_runs->shownBatch();
    if (!keepsShownResults) {
        clearResults();
        m_summary->showsExpectations(m_results->showInspectedColumns(
                sent.inspection.get(), sent.rows.hasRowExpectations(), sent.rows.columnNames()));
    }
    m_inspector->setSentRequest(sent.headers, sent.body);
    m_resultsStack->setCurrentIndex(resultsPage);
}

void MainWindow::clearResults()
{
    m_results->model()->clear();
    m_inspector->clear();
    m_summary->reset();
}

void MainWindow::handlePastRunShown(const RunSummary &run, int resultCount)
{
    m_runs->handlePastRunShown();
    clearResults();
    m_summary->showsExpectations(
            m_results->showInspectedColumns(run.inspection.get(), run.expects, run.inputColumns));
    m_results->model()->reserve(resultCount);
    m_resultsStack->setCurrentIndex(resultsPage);
    m_detailTabs->setCurrentWidget(m_inspector);
}

void MainWindow::handleStateChanged(BatchRun::State state)
{
    m_controls->showState(state);
    if (state == BatchRun::State::Finished)
        m_summary->refreshNow();
}

void MainWindow::handleRunSaved(qint64 runId, const Progress &progress, bool stopped)
{
    showHistoryIfVisible();
    m_history->applyRetention(m_retention); // the new run may push an old one out
    if (runId != 0)
        m_notifier->tellRunEnded(runId, progress, stopped);
}

void MainWindow::showHistoryIfVisible()
{
    if (m_detailTabs->currentWidget() == m_history)
        m_history->reload();
}

void MainWindow::showComparison(qint64 olderRunId, qint64 newerRunId)
{
    CompareWindow::open(m_historyPath, olderRunId, newerRunId, this);
}

void MainWindow::showResult(const std::optional<Result> &summary)
{
    // The table keeps a summary of each row; the answer is read where it is kept.
    if (summary) {
        m_answers->request(*summary);
        return;
    }
    m_answers->cancelRequest(); // an answer still on its way is for no row now
    m_inspector->clear();
}

void MainWindow::showEmptyStateIfNothingToShow()
{
    m_resultsStack->setCurrentIndex(
            m_results->model()->rowCount() == 0 && m_runs->isIdle() ? emptyPage : resultsPage);
}

void MainWindow::handleCheckEnded(const Schedule &schedule)
{
    showBriefly(tr("Check of %1: %2").arg(schedule.name, schedule.lastOutcome));
    // Each check is a run of the history: the list shows it, and old runs may now go.
    showHistoryIfVisible();
    m_history->applyRetention(m_retention);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    openFile(urls.first().toLocalFile());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    m_lastBatch->keepNow();
    if (!m_quitRequested && m_schedulesPanel->keepsCheckingInTray()
        && m_scheduler->enabledCount() > 0 && QSystemTrayIcon::isSystemTrayAvailable()) {
        // The checks go on: the window hides, and the tray icon brings it back or quits.
        event->ignore();
        hide();
        m_notifier->showKeptInTray(m_scheduler->enabledCount());
        return;
    }
    m_runs->stop();
    event->accept();
}

void MainWindow::quit()
{
    m_quitRequested = true;
    close();
    m_notifier->hideTrayIcon();
    // A window hidden in the tray is not the last window to close: the loop is ended here.
    QCoreApplication::quit();
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(m_runs->defaults(), m_retention, m_notifier->settings(),
                          m_network->access(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_network->save(dialog.networkAccess());
    m_runs->setDefaults(dialog.options());
    m_retention = dialog.retention();
    m_notifier->setSettings(dialog.notifySettings());
    QSettings settings;
    saveRunDefaults(settings, dialog.options());
    saveRetention(settings, m_retention);
    saveNotifySettings(settings, dialog.notifySettings());
    m_history->applyRetention(m_retention);
}

void MainWindow::showBriefly(const QString &text)
{
    statusBar()->showMessage(text, messageMs);
}

void MainWindow::restoreLayout()
{
    const QSettings settings;
    const auto stored = [&](const char *key) {
        return settings.value(QLatin1String("window/") + QLatin1String(key)).toByteArray();
    };
    restoreGeometry(stored("geometry"));
    m_mainSplitter->restoreState(stored("mainSplitter"));
    m_resultsSplitter->restoreState(stored("resultsSplitter"));
    m_results->table()->horizontalHeader()->restoreState(stored("resultsColumns"));
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/mainSplitter"), m_mainSplitter->saveState());
    settings.setValue(QStringLiteral("window/resultsSplitter"), m_resultsSplitter->saveState());
    settings.setValue(QStringLiteral("window/resultsColumns"),
                      m_results->table()->horizontalHeader()->saveState());
}

} // namespace salvo::ui
