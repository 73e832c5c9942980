#include "ThenIfAlive.h"
#include "MainWindow.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <numeric>

#include "about/AboutDialog.h"
#include "batch/BatchInput.h"
#include "batch/CurlCommand.h"
#include "batch/HttpToken.h"
#include "compare/CompareWindow.h"
#include "editor/BatchEditor.h"
#include "editor/BatchFile.h"
#include "editor/BatchPane.h"
#include "history/HistoryView.h"
#include "inspector/ResponseInspector.h"
#include "jobs/ExportJob.h"
#include "jobs/JobsPanel.h"
#include "jobs/NotifyJob.h"
#include "results/ResultsFilterModel.h"
#include "results/ResultsModel.h"
#include "results/StatusFilterBar.h"
#include "run/RunControls.h"
#include "sample/SampleApi.h"
#include "schedules/RecheckScheduler.h"
#include "schedules/SchedulesPanel.h"
#include "secrets/SecretKeeper.h"
#include "settings/RunDefaults.h"
#include "store/Database.h"
#include "store/ResumePlan.h"
#include "store/RunRecorder.h"
#include "store/StoreCodec.h"
#include "settings/SettingsDialog.h"
#include "summary/SummaryPanel.h"

namespace salvo::ui {
namespace {

constexpr int emptyPage = 0;
constexpr int resultsPage = 1;

ParsedBatch parseBatch(const BatchInput &input)
{
    Expected<BatchSpec> spec = buildBatch(input);
    if (!spec)
        return {std::nullopt, spec.error().message};
    return {std::move(spec.value()), {}};
}

QString durationText(qint64 ms)
{
    if (ms < 60'000)
        return QCoreApplication::translate("salvo::ui::MainWindow", "%1 s").arg((ms + 999) / 1000);
    return QCoreApplication::translate("salvo::ui::MainWindow", "%1 min %2 s")
            .arg(ms / 60'000)
            .arg((ms / 1000) % 60);
}

// A dialog to save a file that adds the file name's ending itself (the chosen filter's), so
// that it asks before replacing the file that will really be written: "report" typed with
// report.csv there. Adding the ending after the dialog would replace report.csv unasked.
QFileDialog *saveDialog(QWidget *parent, const QString &title, const QString &file,
                        const QStringList &filters, const QStringList &suffixes)
{
    auto *dialog = new QFileDialog(parent, title, file, filters.join(QStringLiteral(";;")));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setDefaultSuffix(suffixes.value(0));
    QObject::connect(dialog, &QFileDialog::filterSelected, dialog,
                     [dialog, filters, suffixes](const QString &filter) {
                         dialog->setDefaultSuffix(suffixes.value(filters.indexOf(filter)));
                     });
    return dialog;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_batchPane(new BatchPane(this))
    , m_controls(new RunControls(this))
    , m_filters(new StatusFilterBar(this))
    , m_model(new ResultsModel(this))
    , m_filter(new ResultsFilterModel(this))
    , m_table(new QTableView(this))
    , m_inspector(new ResponseInspector(this))
    , m_summary(new SummaryPanel(this))
    , m_detailTabs(new QTabWidget(this))
    , m_history(new HistoryView(defaultHistoryPath(), this))
    , m_jobs(new JobManager(2, this))
    , m_jobsPanel(new JobsPanel(m_jobs, this))
    , m_resultsStack(new QStackedWidget(this))
    , m_mainSplitter(new QSplitter(Qt::Horizontal, this))
    , m_resultsSplitter(new QSplitter(Qt::Vertical, this))
    , m_progress(new QProgressBar(this))
    , m_progressText(new QLabel(this))
    , m_compareButton(new QPushButton(this))
    , m_taskbar(QGuiApplication::desktopFileName())
    , m_secrets(new SecretKeeper(this))
{
    setWindowTitle(tr("Salvo"));
    setObjectName(QStringLiteral("mainWindow"));

    m_defaults = loadRunDefaults(QSettings());
    m_retention = loadRetention(QSettings());
    m_notify = loadNotifySettings(QSettings());
    m_controls->setDefaults(m_defaults);

    // The results: an explanation until there are some, then filters, table and inspector.
    auto *emptyPane = new QWidget(this);
    auto *emptyLayout = new QVBoxLayout(emptyPane);
    auto *explanation = new QLabel(tr("Paste a list of web addresses on the left and press "
                                      "Run: Salvo requests them all at once and shows every "
                                      "answer here."),
                                   emptyPane);
    explanation->setWordWrap(true);
    explanation->setAlignment(Qt::AlignCenter);
    auto *sampleButton = new QPushButton(tr("Try a sample batch"), emptyPane);
    sampleButton->setObjectName(QStringLiteral("sampleButton"));
    sampleButton->setToolTip(tr("Runs a small batch against a test server inside Salvo: no "
                                "network needed"));
    emptyLayout->addStretch();
    emptyLayout->addWidget(explanation);
    emptyLayout->addWidget(sampleButton, 0, Qt::AlignHCenter);
    emptyLayout->addStretch();

    m_filter->setSourceModel(m_model);
    m_table->setObjectName(QStringLiteral("resultsTable"));
    m_table->setAccessibleName(tr("Results"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ResultsModel::IndexColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // Fixed row heights: sizing rows to contents costs a pass over every row.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(ResultsModel::UrlColumn, 360);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QTableView::customContextMenuRequested, this, &MainWindow::showResultsMenu);

    auto *tablePane = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tablePane);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_filters);
    tableLayout->addWidget(m_table, 1);
    // The selected answer, and the run as a whole.
    m_detailTabs->setObjectName(QStringLiteral("detailTabs"));
    m_inspector->setObjectName(QStringLiteral("responseInspector"));
    m_summary->setObjectName(QStringLiteral("summaryPanel"));
    m_summary->setAccessibleName(tr("Summary of the run"));
    m_detailTabs->setDocumentMode(true);
    m_detailTabs->addTab(m_inspector, tr("Response"));
    m_detailTabs->addTab(m_summary, tr("Summary"));
    m_history->setObjectName(QStringLiteral("historyView"));
    m_history->setAccessibleName(tr("Runs kept in the history"));
    m_detailTabs->addTab(m_history, tr("History"));
    m_jobsPanel->setObjectName(QStringLiteral("jobsPanel"));
    m_jobsPanel->setAccessibleName(tr("Background jobs"));
    m_detailTabs->addTab(m_jobsPanel, tr("Jobs"));
    m_scheduler = new RecheckScheduler(m_jobs, m_secrets, defaultSchedulesPath(),
                                       defaultHistoryPath(), this);
    m_schedulesPanel = new SchedulesPanel(m_scheduler, this);
    m_schedulesPanel->setObjectName(QStringLiteral("schedulesPanel"));
    m_schedulesPanel->setAccessibleName(tr("Scheduled checks"));
    m_detailTabs->addTab(m_schedulesPanel, tr("Checks"));
    connect(m_scheduler, &RecheckScheduler::changeFound, this, &MainWindow::tellCheckChanged);
    connect(m_scheduler, &RecheckScheduler::checkEnded, this, &MainWindow::handleCheckEnded);
    connect(m_scheduler, &RecheckScheduler::loaded, this, [this](const QString &problem) {
        if (!problem.isEmpty())
            statusBar()->showMessage(tr("The scheduled checks could not be read: %1").arg(problem),
                                     20'000);
    });
    // Logging out ends Salvo: the window is not kept in the tray then.
    connect(qApp, &QGuiApplication::commitDataRequest, this, [this] { m_quitRequested = true; });
    connect(m_scheduler, &RecheckScheduler::saveFailed, this,
            [this](const QString &message) { statusBar()->showMessage(message, 20'000); });
    connect(m_jobsPanel, &JobsPanel::openRequested, this,
            [](const QString &path) { QDesktopServices::openUrl(QUrl::fromLocalFile(path)); });
    connect(m_jobs, &JobManager::jobEnded, this, [this](const JobInfo &job) {
        if (job.kind != JobKind::Recheck) // a check is said with its schedule's name
            statusBar()->showMessage(job.outcome.message, 20'000);
    });
    // The list is read when it is looked at, off this thread.
    connect(m_detailTabs, &QTabWidget::currentChanged, this, [this] {
        if (m_detailTabs->currentWidget() == m_history)
            m_history->reload();
    });
    connect(m_history, &HistoryView::openRunRequested, this, &MainWindow::openPastRun);
    connect(m_history, &HistoryView::resumeRunRequested, this, &MainWindow::resumePastRun);
    connect(m_history, &HistoryView::compareRunsRequested, this, &MainWindow::showComparison);
    connect(&m_runToResume, &QFutureWatcher<PastRunToResume>::finished, this,
            &MainWindow::handleRunToResumeLoaded);
    m_resultsSplitter->addWidget(tablePane);
    m_resultsSplitter->addWidget(m_detailTabs);
    m_resultsSplitter->setStretchFactor(0, 3);
    m_resultsSplitter->setStretchFactor(1, 2);
    m_resultsStack->addWidget(emptyPane);
    m_resultsStack->addWidget(m_resultsSplitter);

    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_resultsSplitter->setObjectName(QStringLiteral("resultsSplitter"));
    m_mainSplitter->addWidget(m_batchPane);
    m_mainSplitter->addWidget(m_resultsStack);
    m_mainSplitter->setStretchFactor(0, 1);
    m_mainSplitter->setStretchFactor(1, 3);
    m_mainSplitter->setSizes({340, 860});

    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->addWidget(m_controls);
    centralLayout->addWidget(m_mainSplitter, 1);
    setCentralWidget(central);

    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->setAccessibleName(tr("Progress"));
    m_progressText->setObjectName(QStringLiteral("progressText"));
    m_progressText->setTextFormat(Qt::PlainText); // paths and errors, never markup
    statusBar()->addWidget(m_progressText, 1);
    statusBar()->addPermanentWidget(m_progress);
    m_progress->hide();
    m_compareButton->setObjectName(QStringLiteral("compareWithOriginalButton"));
    m_compareButton->setFlat(true);
    statusBar()->addPermanentWidget(m_compareButton);
    m_compareButton->hide();

    // Menus and shortcuts: every action has a key.
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(tr("&Open..."), QKeySequence::Open, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
                this, tr("Open a list, a table or a saved batch"), {},
                tr("Batches, lists and tables (*.salvo *.txt *.csv *.list);;All files (*)"));
        if (!path.isEmpty())
            openFile(path);
    });
    m_recentMenu = fileMenu->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::showRecentFiles);
    fileMenu->addAction(tr("&Save batch..."), QKeySequence::Save, this, &MainWindow::saveBatch);
    fileMenu->addAction(tr("&Export results..."), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                        [this] { chooseExport(false); });
    fileMenu->addSeparator();
    QAction *preferences = fileMenu->addAction(tr("&Settings..."), this, &MainWindow::showSettings);
    preferences->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    preferences->setMenuRole(QAction::PreferencesRole);
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, this, &MainWindow::quit);
    QMenu *runMenu = menuBar()->addMenu(tr("&Run"));
    runMenu->addAction(tr("&Run"), QKeySequence(Qt::CTRL | Qt::Key_Return), this,
                       &MainWindow::startRun);
    runMenu->addAction(tr("&Stop"), QKeySequence(Qt::Key_Escape), this, &MainWindow::stopRun);
    runMenu->addAction(tr("Run selected rows &again"), QKeySequence(Qt::CTRL | Qt::Key_R), this,
                       &MainWindow::rerunSelectedRows);
    QAction *failedAgain = runMenu->addAction(tr("Run the &failed rows again"),
                                              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), this,
                                              &MainWindow::rerunFailedRows);
    failedAgain->setObjectName(QStringLiteral("runFailedRowsAgainAction"));
    m_compareAction = runMenu->addAction(tr("&Compare with the original run"), this, [this] {
        showComparison(m_offeredComparison.first, m_offeredComparison.second);
    });
    m_compareAction->setObjectName(QStringLiteral("compareWithOriginalAction"));
    m_compareAction->setEnabled(false);
    connect(m_compareButton, &QPushButton::clicked, m_compareAction, &QAction::trigger);
    runMenu->addAction(tr("Check a saved batch on a &schedule..."), this, [this] {
        m_detailTabs->setCurrentWidget(m_schedulesPanel);
        m_schedulesPanel->newSchedule();
    });
    runMenu->addAction(tr("Try a &sample batch"), this, &MainWindow::startSampleBatch);
    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addAction(tr("&Search results"), QKeySequence::Find, m_filters,
                        &StatusFilterBar::focusSearch);
    viewMenu->addAction(tr("&Response"), QKeySequence(Qt::ALT | Qt::Key_1), this,
                        [this] { m_detailTabs->setCurrentWidget(m_inspector); });
    viewMenu->addAction(tr("S&ummary"), QKeySequence(Qt::ALT | Qt::Key_2), this,
                        [this] { m_detailTabs->setCurrentWidget(m_summary); });
    viewMenu->addAction(tr("&History"), QKeySequence(Qt::ALT | Qt::Key_3), this,
                        [this] { m_detailTabs->setCurrentWidget(m_history); });
    viewMenu->addAction(tr("&Jobs"), QKeySequence(Qt::ALT | Qt::Key_4), this,
                        [this] { m_detailTabs->setCurrentWidget(m_jobsPanel); });
    viewMenu->addAction(tr("&Checks"), QKeySequence(Qt::ALT | Qt::Key_5), this,
                        [this] { m_detailTabs->setCurrentWidget(m_schedulesPanel); });
    viewMenu->addAction(tr("&Batch list"), QKeySequence(Qt::CTRL | Qt::Key_L), this,
                        [this] { m_batchPane->editor()->setFocus(); });
    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction *about = helpMenu->addAction(tr("&About Salvo"), this, [this] {
        AboutDialog dialog(this);
        dialog.exec();
    });
    about->setMenuRole(QAction::AboutRole);

    connect(sampleButton, &QPushButton::clicked, this, &MainWindow::startSampleBatch);
    connect(m_controls, &RunControls::runRequested, this, &MainWindow::startRun);
    connect(m_controls, &RunControls::stopRequested, this, &MainWindow::stopRun);
    connect(m_controls, &RunControls::pauseRequested, this, [this] {
        if (m_run)
            m_run->pause();
    });
    connect(m_controls, &RunControls::resumeRequested, this, [this] {
        if (m_run)
            m_run->resume();
    });
    connect(m_filters, &StatusFilterBar::statusClassChosen, m_filter,
            &ResultsFilterModel::setStatusClass);
    connect(m_filters, &StatusFilterBar::searchChanged, m_filter,
            &ResultsFilterModel::setSearchText);
    connect(m_model, &ResultsModel::statusClassCountsChanged, this,
            [this] { m_filters->showCounts(m_model->statusClassCounts()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::showSelectedResult);
    connect(&m_parsing, &QFutureWatcher<ParsedBatch>::finished, this, &MainWindow::handleParsed);
    connect(&m_opening, &QFutureWatcher<OpenedFile>::finished, this, &MainWindow::handleOpened);
    connect(m_secrets, &SecretKeeper::fetched, this,
            [this](quint64 request, const QString &, const HeaderList &found,
                   const QList<QByteArray> &missing, const QString &problem) {
                showFetchedSecrets(request, found, missing, problem);
            });
    connect(m_secrets, &SecretKeeper::stored, this,
            [this](const QString &path, const QString &problem) {
                if (!problem.isEmpty())
                    m_progressText->setText(tr("Saved %1. %2").arg(path, problem));
                emit batchSaved(path);
            });

    setAcceptDrops(true);
    resize(1200, 760);
    restoreLayout();
    showEmptyStateIfNothingToShow();
    // Runs past the retention setting go at each start, and after each run (endRecording).
    m_history->applyRetention(m_retention);
    // Checks missed while Salvo was closed run once, soon after.
    m_scheduler->load();
}

MainWindow::~MainWindow() = default;

void MainWindow::setBatchText(const QString &text)
{
    m_batchPane->setUrlList(text);
}

void MainWindow::openFile(const QString &path, bool runAfterOpening)
{
    m_runAfterOpening = runAfterOpening;
    m_progressText->setText(tr("Opening %1...").arg(path));
    // The disk is not read on this thread.
    m_openingPath = path;
    m_opening.setFuture(QtConcurrent::run(readBatchFile, path));
}

void MainWindow::handleOpened()
{
    const OpenedFile opened = m_opening.result();
    if (!opened.error.isEmpty()) {
        m_runAfterOpening = false;
        m_progressText->setText(opened.error);
        return;
    }
    rememberBatchFile(m_openingPath);
    if (opened.savedBatch) {
        showSavedBatch(m_openingPath, *opened.savedBatch);
    } else {
        m_batchOptions.reset();
        m_batchPane->setFileContents(m_openingPath, opened.contents);
        m_progressText->clear();
    }
    if (std::exchange(m_runAfterOpening, false))
        startRun();
}

void MainWindow::showSavedBatch(const QString &path, const SavedBatch &batch)
{
    m_batchPane->setBatchInput(batch.input, batch.withheldHeaders);
    m_schedulesPanel->setSuggestedBatch(path);
    // The batch runs as it was saved; the Settings dialog's defaults apply to other batches.
    m_batchOptions = batch.options;
    m_controls->setDefaults(batch.options);
    m_progressText->clear();
    // The file names its secret headers; their values come from the keychain.
    m_secretsRequest = m_secrets->fetch(path, batch.withheldHeaders);
}

void MainWindow::showFetchedSecrets(quint64 request, const HeaderList &found,
                                    const QList<QByteArray> &missing, const QString &problem)
{
    // Another file was opened meanwhile, or the answer is a scheduled check's.
    if (request != m_secretsRequest)
        return;
    m_secretsRequest = 0;
    m_batchPane->fillHeaderValues(found);
    QStringList names;
    for (const QByteArray &name : missing)
        names.append(QString::fromLatin1(name));
    QString text;
    if (!names.isEmpty())
        text = tr("Type the value of %1 in the Headers tab before running: saved batches "
                  "keep secret values only in this computer's keychain.")
                       .arg(names.join(QStringLiteral(", ")));
    if (!problem.isEmpty())
        text = text.isEmpty() ? problem : text + u' ' + problem;
    m_progressText->setText(text);
}

void MainWindow::saveBatch()
{
    QFileDialog *dialog
            = saveDialog(this, tr("Save the batch"), {}, {tr("Salvo batches (*.salvo)")},
                         {QLatin1String(savedBatchSuffix)});
    dialog->setObjectName(QStringLiteral("saveBatchDialog"));
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::saveBatchTo);
    dialog->open();
}

void MainWindow::saveBatchTo(const QString &path)
{
    SavedBatch batch;
    batch.name = QFileInfo(path).completeBaseName();
    batch.input = m_batchPane->batchInput();
    batch.options = m_controls->options(m_batchOptions.value_or(m_defaults));
    HeaderList secrets; // to the keychain: the file only names them
    for (const auto &[name, value] : std::as_const(batch.input.headers)) {
        if (isSecretHeader(name) && !value.isEmpty())
            secrets.append({name, value});
    }
    m_progressText->setText(tr("Saving %1...").arg(path));
    auto *saving = new QFutureWatcher<QString>(this);
    connect(saving, &QFutureWatcher<QString>::finished, this, [this, saving, path, secrets] {
        saving->deleteLater();
        const QString error = saving->result();
        if (!error.isEmpty()) {
            m_progressText->setText(error);
            return;
        }
        rememberBatchFile(path);
        m_schedulesPanel->setSuggestedBatch(path);
        m_progressText->setText(tr("Saved %1.").arg(path));
        m_secrets->store(path, secrets);
    });
    saving->setFuture(QtConcurrent::run(writeBatchFile, path, batch));
}

void MainWindow::chooseExport(bool selectedOnly)
{
    const qint64 runId = m_pastRunId != 0 ? m_pastRunId : m_recordedRunId;
    // Filters in the order of ExportFormat.
    const QStringList filters{tr("CSV for spreadsheets (*.csv)"),
                              tr("JSON (*.json)"),
                              tr("JSON Lines (*.jsonl)"),
                              tr("HAR for browsers (*.har)"),
                              tr("JUnit XML for CI systems (*.xml)"),
                              tr("HTML report (*.html)")};
    QStringList suffixes;
    for (int format = 0; format < filters.size(); ++format)
        suffixes.append(exportFileSuffix(static_cast<ExportFormat>(format)));
    QFileDialog *dialog = saveDialog(
            this, selectedOnly ? tr("Export the selected rows") : tr("Export the results"),
            QDir::home().filePath(QStringLiteral("salvo-run-%1.csv").arg(runId)), filters,
            suffixes);
    dialog->setObjectName(QStringLiteral("exportDialog"));
    connect(dialog, &QFileDialog::fileSelected, this,
            [this, dialog, filters, selectedOnly](const QString &path) {
                const auto format = static_cast<ExportFormat>(
                        std::max<qsizetype>(0, filters.indexOf(dialog->selectedNameFilter())));
                exportShownRun(format, path, selectedOnly);
            });
    dialog->open();
}

quint64 MainWindow::exportShownRun(ExportFormat format, const QString &path, bool selectedOnly)
{
    const qint64 runId = m_pastRunId != 0 ? m_pastRunId : m_recordedRunId;
    QString refusal;
    if ((m_run && m_run->state() != BatchRun::State::Finished) || m_recorder || m_recordsEnding > 0)
        refusal = tr("Exports read the history: wait for this run to end and be saved, or stop "
                     "it, then export.");
    else if (m_pastRun)
        refusal = tr("Wait until the run is read from the history, then export.");
    else if (runId == 0)
        refusal = tr("Only runs kept in the history can be exported, and this one is not (the "
                     "sample batch never is).");
    QList<int> rows;
    ResultFilter filter;
    if (refusal.isEmpty() && selectedOnly) {
        rows = selectedInputRows();
        if (rows.isEmpty())
            refusal = tr("Select the rows to export first.");
    } else if (refusal.isEmpty() && m_filter->rowCount() == 0) {
        refusal = tr("No row is shown: change the filters, then export.");
    } else if (refusal.isEmpty() && m_filter->searchText().isEmpty()) {
        filter = m_filter->historyFilter(); // the history picks the rows: none listed here
    } else if (refusal.isEmpty()) {
        // What the filters show: the search has no counterpart in the history's queries.
        rows.reserve(m_filter->rowCount());
        for (int row = 0; row < m_filter->rowCount(); ++row)
            rows.append(
                    m_model->resultAt(m_filter->mapToSource(m_filter->index(row, 0)).row()).index);
        std::sort(rows.begin(), rows.end());
    }
    if (!refusal.isEmpty()) {
        statusBar()->showMessage(refusal, 20'000);
        return 0;
    }
    const quint64 job = m_jobs->start(std::make_unique<ExportJob>(
            ExportRequest{defaultHistoryPath(), runId, format, path, filter, std::move(rows)}));
    statusBar()->showMessage(tr("Exporting in the background; the Jobs tab (Alt+4) shows how far "
                                "it is."),
                             10'000);
    return job;
}

void MainWindow::showRecentFiles()
{
    m_recentMenu->clear();
    const QStringList files = recentBatchFiles();
    for (const QString &file : files)
        m_recentMenu->addAction(QFileInfo(file).fileName(), this, [this, file] { openFile(file); })
                ->setToolTip(file);
    if (files.isEmpty())
        m_recentMenu->addAction(tr("No files yet"))->setEnabled(false);
}

void MainWindow::startSampleBatch()
{
    if (!m_sampleApi) {
        m_sampleApi = std::make_unique<SampleApi>();
        if (!m_sampleApi->start()) {
            statusBar()->showMessage(tr("The sample server could not start on 127.0.0.1."));
            m_sampleApi.reset();
            return;
        }
    }
    setBatchText(QString::fromUtf8(m_sampleApi->sampleBatch()));
    m_nextRunIsSample = true;
    startRun();
}

void MainWindow::startRun()
{
    if ((m_run && m_run->state() != BatchRun::State::Finished) || m_parsing.isRunning()
        || m_runToResume.isRunning())
        return;
    m_progressText->setText(tr("Reading the list..."));
    // Parsing a large paste takes time: never on this thread.
    m_parsing.setFuture(QtConcurrent::run(parseBatch, m_batchPane->batchInput()));
}

void MainWindow::handleParsed()
{
    ParsedBatch parsed = m_parsing.result();
    if (!parsed.spec) {
        m_progressText->setText(tr("This batch cannot run: %1").arg(parsed.error));
        return;
    }
    BatchSpec spec = std::move(*parsed.spec);
    if (!isHttpToken(spec.method)) {
        m_progressText->setText(
                tr("\"%1\" is not a method: use letters such as GET or POST, without spaces.")
                        .arg(QString::fromLatin1(spec.method)));
        return;
    }
    if (spec.rows.isEmpty()) {
        m_progressText->setText(tr("There is nothing to run: the list has no addresses."));
        return;
    }
    m_lastBatch = spec;
    m_batchIsSample = std::exchange(m_nextRunIsSample, false);
    QList<int> inputRows(spec.rows.size());
    std::iota(inputRows.begin(), inputRows.end(), 0);
    startBatch(std::move(spec), std::move(inputRows), {});
}

void MainWindow::startBatch(BatchSpec spec, QList<int> inputRows, const BatchStart &how)
{
    RunOptions defaults = m_batchOptions.value_or(m_defaults);
    if (m_sampleApi)
        defaults.inactivity = SampleApi::inactivityTimeout;
    dropPastRunRead(); // the table is this run's now
    if (!how.keepShownResults) {
        m_recordedRunId = 0;
        m_rowsAnsweredHere.clear();
        m_model->clear();
        m_inspector->clear();
        m_summary->reset();
    }
    m_inspector->setSentRequest(spec.headers, spec.body);
    withdrawComparison();
    m_inputRows = std::move(inputRows);
    // Rows of a past run shown beside the new ones still read their answers from the history.
    if (!how.keepShownResults)
        m_pastRunId = 0;
    m_resumedRunId = how.resumedRunId;
    RunOptions options = how.options.value_or(m_controls->options(defaults));
    options.yieldToCaller = true; // this window's thread comes first
    m_stopRequested = false;
    m_heldForHistory = false;
    if (!m_batchIsSample)
        recordRun(spec, options, how);
    m_run = std::make_unique<BatchRun>(std::move(spec), options);
    connect(m_run.get(), &BatchRun::resultsReady, this, &MainWindow::handleResults);
    connect(m_run.get(), &BatchRun::progressChanged, this, &MainWindow::handleProgress);
    connect(m_run.get(), &BatchRun::stateChanged, this, &MainWindow::handleStateChanged);
    m_progress->setRange(0, m_run->rowCount());
    m_progress->setValue(0);
    m_progress->show();
    m_resultsStack->setCurrentIndex(resultsPage);
    m_run->start();
}

QList<int> MainWindow::selectedInputRows() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows.append(m_model->resultAt(m_filter->mapToSource(index).row()).index);
    std::sort(rows.begin(), rows.end());
    return rows;
}

void MainWindow::rerunSelectedRows()
{
    rerunRows(selectedInputRows());
}

void MainWindow::rerunFailedRows()
{
    if ((m_run && m_run->state() != BatchRun::State::Finished) || m_runToResume.isRunning()
        || m_pastRun)
        return;
    // The table holds every row of the run shown (a past run is read whole before this can
    // start), each under its input row, with the newest answer of a row run again here.
    QList<int> rows;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const Result &result = m_model->resultAt(row);
        if (!result.ok())
            rows.append(result.index);
    }
    if (rows.isEmpty()) {
        m_progressText->setText(m_model->rowCount() == 0
                                        ? tr("There is no run to take failed rows from.")
                                        : tr("Every row of this run is ok: nothing to run again."));
        return;
    }
    std::sort(rows.begin(), rows.end());
    rerunRows(rows);
}

void MainWindow::rerunRows(const QList<int> &rows)
{
    if ((m_run && m_run->state() != BatchRun::State::Finished) || m_runToResume.isRunning()
        || m_pastRun)
        return;
    if (rows.isEmpty())
        return;
    if (m_pastRunId != 0) {
        // The rows of a run from the history are made again from what it stored.
        const qint64 runId = m_pastRunId;
        thenIfAlive(QtConcurrent::run(planRowsAgain, defaultHistoryPath(), runId, rows), this,
                    [this, runId](StoreResult<ResumePlan> plan) {
                        if (runId != m_pastRunId
                            || (m_run && m_run->state() != BatchRun::State::Finished))
                            return;
                        if (!plan)
                            m_progressText->setText(plan.error().message);
                        else
                            startPlannedRows(std::move(*plan), false);
                    });
        return;
    }
    BatchSpec spec = m_lastBatch;
    spec.rows.clear();
    for (const int row : rows) {
        if (row < 0 || row >= m_lastBatch.rows.size())
            return; // cannot happen: the table shows this batch's rows
        spec.rows.append(m_lastBatch.rows.at(row));
    }
    // Linked to the run shown when the history has it (not a sample, nor a history that is off).
    startBatch(std::move(spec), rows, {.keepShownResults = true, .parentRunId = m_recordedRunId});
}

void MainWindow::resumePastRun(qint64 runId)
{
    if ((m_run && m_run->state() != BatchRun::State::Finished) || m_pastRun
        || m_runToResume.isRunning() || m_parsing.isRunning())
        return;
    m_progressText->setText(tr("Reading run %1 from the history...").arg(runId));
    m_runToResume.setFuture(QtConcurrent::run(loadRunToResume, defaultHistoryPath(), runId));
}

void MainWindow::handleRunToResumeLoaded()
{
    PastRunToResume loaded = m_runToResume.result();
    if (!loaded.plan) {
        m_progressText->setText(loaded.error);
        m_history->reload();
        return;
    }
    const qint64 runId = loaded.plan->runId;
    // The run's results are shown first; the missing rows start once they all are.
    if (!openPastRun(runId))
        return;
    if (!loaded.plan->isComplete())
        m_pendingResume = std::move(loaded.plan);
}

void MainWindow::startPlannedRows(ResumePlan plan, bool isResume)
{
    // Secret headers were not kept: their values come from the Headers tab, by name.
    HeaderList typed;
    QStringList missing;
    const HeaderList shown = m_batchPane->headers();
    for (const QByteArray &name : std::as_const(plan.withheldHeaders)) {
        const auto found = std::find_if(shown.cbegin(), shown.cend(), [&](const auto &header) {
            return header.first.compare(name, Qt::CaseInsensitive) == 0 && !header.second.isEmpty();
        });
        if (found != shown.cend())
            typed.append(*found);
        else
            missing.append(QString::fromLatin1(name));
    }
    plan.batch.headers = withHeadersReplaced(plan.batch.headers, typed);
    const auto start = [this, isResume](const ResumePlan &planned) {
        if (m_run && m_run->state() != BatchRun::State::Finished)
            return;
        m_batchIsSample = false;
        m_lastBatch = planned.batch;
        startBatch(planned.batch, planned.rowIndices,
                   {.keepShownResults = true,
                    .resumedRunId = isResume ? planned.runId : 0,
                    .options = planned.options,
                    .parentRunId = isResume ? 0 : planned.runId});
    };
    if (missing.isEmpty()) {
        start(plan);
        return;
    }
    auto *box = new QMessageBox(
            QMessageBox::Question, tr("Headers not kept"),
            tr("Run %1 sent %2, which the history does not keep. To send it again, type its "
               "value in the Headers tab under the same name, then try again.")
                    .arg(plan.runId)
                    .arg(QLocale().createSeparatedList(missing)),
            QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("withheldHeadersQuestion"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *without = box->addButton(tr("Run without them"), QMessageBox::AcceptRole);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(without, &QPushButton::clicked, this, [start, plan] { start(plan); });
    box->open();
}

void MainWindow::showResultsMenu(const QPoint &position)
{
    const QModelIndex clicked = m_table->indexAt(position);
    if (!clicked.isValid())
        return;
    const Result result = m_model->resultAt(m_filter->mapToSource(clicked).row());
    const QUrl url(result.url);
    const bool isWebAddress = url.scheme() == u"http" || url.scheme() == u"https";
    QMenu menu(this);
    menu.addAction(tr("Copy address"), this,
                   [address = result.url] { QGuiApplication::clipboard()->setText(address); });
    QAction *copyCurl = menu.addAction(tr("Copy as curl command"), this, [this, result] {
        QGuiApplication::clipboard()->setText(
                curlCommand(result.method, result.url, m_lastBatch.headers, m_lastBatch.body));
    });
    copyCurl->setEnabled(isWebAddress);
    QAction *open = menu.addAction(tr("Open in browser"), this,
                                   [url] { QDesktopServices::openUrl(url); });
    open->setEnabled(isWebAddress);
    menu.addSeparator();
    menu.addAction(tr("Export selected rows..."), this, [this] { chooseExport(true); });
    QAction *rerun
            = menu.addAction(tr("Run selected rows again"), this, &MainWindow::rerunSelectedRows);
    rerun->setEnabled(!m_run || m_run->state() == BatchRun::State::Finished);
    menu.exec(m_table->viewport()->mapToGlobal(position));
}

void MainWindow::handleResults(const ResultBatch &results)
{
    // A re-run numbers its rows from 0: put each result back on its input row.
    ResultBatch mapped = results;
    for (Result &result : mapped)
        result.index = m_inputRows.value(result.index, result.index);
    // A re-run is a run of its own, kept under its own row numbers; a resume completes the
    // stored run, whose rows are the input rows.
    if (m_recorder)
        m_recorder->append(m_resumedRunId != 0 ? mapped : results);
    // Rows of a past run answered again here: their answers are in memory, not in that run.
    if (m_pastRunId != 0) {
        for (const Result &result : std::as_const(mapped))
            m_rowsAnsweredHere.insert(result.index);
    }
    m_model->addResults(mapped);
    m_summary->addResults(mapped);
}

void MainWindow::handleProgress(const Progress &progress)
{
    m_progress->setValue(progress.done);
    QString text = tr("%1 of %2 done: %3 ok, %4 failed, %5 under way")
                           .arg(progress.done)
                           .arg(progress.total)
                           .arg(progress.ok)
                           .arg(progress.failed)
                           .arg(progress.inFlight);
    if (progress.ratePerSecond > 0 && !progress.finished)
        text += tr(", %1 per second").arg(qRound(progress.ratePerSecond));
    if (progress.paused)
        text += tr(", paused");
    else if (progress.etaMs > 0 && !progress.finished)
        text += tr(", about %1 left").arg(durationText(progress.etaMs));
    m_progressText->setText(text);
    const int percent = progress.total > 0 ? progress.done * 100 / progress.total : 100;
    setWindowTitle(progress.finished ? tr("Salvo") : tr("Salvo - %1%").arg(percent));
    if (progress.finished)
        m_taskbar.hide();
    else
        m_taskbar.show(progress.total > 0 ? double(progress.done) / progress.total : 0.0,
                       progress.failed);
}

void MainWindow::handleStateChanged(BatchRun::State state)
{
    m_controls->showState(state);
    if (state == BatchRun::State::Finished) {
        endRecording();
        m_progress->hide();
        m_taskbar.hide();
        m_summary->refreshNow();
    }
}

void MainWindow::showSelectedResult()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_inspector->clear();
        return;
    }
    const Result &result = m_model->resultAt(m_filter->mapToSource(current).row());
    if (m_pastRunId == 0 || result.bytes == 0 || !result.body.isEmpty()
        || m_rowsAnsweredHere.contains(result.index)) {
        m_inspector->showResult(result);
        return;
    }
    // A past run's answers stay in the history until their row is selected.
    m_inspector->showResult(result);
    const qint64 runId = m_pastRunId;
    thenIfAlive(QtConcurrent::run(loadPastResponse, defaultHistoryPath(), runId, result.index),
                this, [this, runId, shown = result](const PastResponse &response) {
                    const QModelIndex now = m_table->currentIndex();
                    if (runId != m_pastRunId || !now.isValid()
                        || m_model->resultAt(m_filter->mapToSource(now).row()).index != shown.index)
                        return; // another row or run was chosen meanwhile
                    Result full = shown;
                    full.headers = response.headers;
                    full.body = response.body;
                    m_inspector->showResult(full);
                    if (!response.error.isEmpty())
                        statusBar()->showMessage(response.error, 10'000);
                });
}

bool MainWindow::openPastRun(qint64 runId)
{
    if ((m_run && m_run->state() != BatchRun::State::Finished) || m_pastRun
        || m_runToResume.isRunning() || m_parsing.isRunning())
        return false;
    m_progressText->setText(tr("Reading run %1 from the history...").arg(runId));
    m_pastRun = new QFutureWatcher<PastRunPage>(this);
    connect(m_pastRun, &QFutureWatcher<PastRunPage>::resultsReadyAt, this,
            &MainWindow::showPastRunPages);
    connect(m_pastRun, &QFutureWatcher<PastRunPage>::finished, this,
            &MainWindow::handlePastRunRead);
    m_pastRun->setFuture(QtConcurrent::run(readPastRunPages, defaultHistoryPath(), runId));
    return true;
}

void MainWindow::dropPastRunRead()
{
    m_pendingResume.reset();
    if (!m_pastRun)
        return;
    // Disconnected first: a page already queued for this window is not shown either.
    QFutureWatcher<PastRunPage> *watcher = std::exchange(m_pastRun, nullptr);
    watcher->disconnect(this);
    watcher->cancel(); // the reader stops at its next page
    watcher->deleteLater();
}

void MainWindow::showPastRunPages(int begin, int end)
{
    for (int index = begin; index < end && m_pastRun; ++index) {
        const PastRunPage page = m_pastRun->resultAt(index);
        if (!page.error.isEmpty()) {
            dropPastRunRead();
            m_progressText->setText(page.error);
            return;
        }
        if (index == 0) {
            // The first page replaces what the table showed.
            m_run.reset();
            withdrawComparison();
            m_pastRunId = page.runId;
            m_lastBatch = {}; // its rows are read from the history when some run again
            m_inputRows.clear();
            m_rowsAnsweredHere.clear();
            m_model->clear();
            m_inspector->clear();
            m_summary->reset();
            m_model->reserve(page.runResultCount);
            m_resultsStack->setCurrentIndex(resultsPage);
            m_detailTabs->setCurrentWidget(m_inspector);
        }
        m_model->addResults(page.results);
        m_summary->addResults(page.results);
        m_progressText->setText(tr("Reading run %1 from the history: %2 rows so far...")
                                        .arg(page.runId)
                                        .arg(QLocale().toString(m_model->rowCount())));
    }
}

void MainWindow::handlePastRunRead()
{
    // Every page is in the model now: the watcher goes, and its copy of them with it.
    std::exchange(m_pastRun, nullptr)->deleteLater();
    std::optional<ResumePlan> resume = std::exchange(m_pendingResume, std::nullopt);
    m_summary->refreshNow();
    m_progressText->setText(tr("Run %1 from the history: %2 rows.")
                                    .arg(m_pastRunId)
                                    .arg(QLocale().toString(m_model->rowCount())));
    if (!resume) {
        if (m_history->isVisible())
            m_history->reload(); // a resume found complete is marked finished now
        return;
    }
    if (resume->runId == m_pastRunId)
        startPlannedRows(std::move(*resume), true);
}

void MainWindow::showEmptyStateIfNothingToShow()
{
    m_resultsStack->setCurrentIndex(m_model->rowCount() == 0 && !m_run ? emptyPage : resultsPage);
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
    if (!m_quitRequested && m_schedulesPanel->keepsCheckingInTray()
        && m_scheduler->enabledCount() > 0 && QSystemTrayIcon::isSystemTrayAvailable()) {
        // The checks go on: the window hides, and the tray icon brings it back or quits.
        event->ignore();
        hide();
        trayIcon()->show();
        if (!std::exchange(m_toldAboutTray, true)) {
            trayIcon()->showMessage(tr("Salvo keeps checking"),
                                    tr("%1 scheduled checks go on while the window is closed. "
                                       "Click the Salvo icon to open it, or quit from its menu.")
                                            .arg(m_scheduler->enabledCount()),
                                    QSystemTrayIcon::Information);
        }
        return;
    }
    stopRun();
    event->accept();
}

void MainWindow::quit()
{
    m_quitRequested = true;
    close();
    if (m_trayIcon)
        m_trayIcon->hide();
    // A window hidden in the tray is not the last window to close: the loop is ended here.
    QCoreApplication::quit();
}

QSystemTrayIcon *MainWindow::trayIcon()
{
    if (m_trayIcon)
        return m_trayIcon;
    m_trayIcon = new QSystemTrayIcon(windowIcon(), this);
    m_trayIcon->setToolTip(tr("Salvo"));
    const auto showWindow = [this] {
        showNormal();
        activateWindow();
    };
    connect(m_trayIcon, &QSystemTrayIcon::messageClicked, this, showWindow);
    connect(m_trayIcon, &QSystemTrayIcon::activated, this,
            [showWindow](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    showWindow();
            });
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("trayMenu"));
    menu->addAction(tr("Open Salvo"), this, showWindow)
            ->setObjectName(QStringLiteral("trayOpenAction"));
    menu->addAction(tr("Quit Salvo"), this, &MainWindow::quit)
            ->setObjectName(QStringLiteral("trayQuitAction"));
    m_trayIcon->setContextMenu(menu);
    return m_trayIcon;
}

void MainWindow::stopRun()
{
    if (!m_run)
        return;
    m_stopRequested = true;
    m_run->cancel();
}

void MainWindow::recordRun(const BatchSpec &spec, const RunOptions &options, const BatchStart &how)
{
    m_recorder = new RunRecorder(defaultHistoryPath(), this);
    connect(m_recorder, &RunRecorder::historyOff, this, [this](const QString &message) {
        statusBar()->showMessage(tr("This run is not kept in the history: %1").arg(message),
                                 20'000);
    });
    connect(m_recorder, &RunRecorder::historyCut, this, [this](qint64, const QString &message) {
        statusBar()->showMessage(tr("The history stopped keeping this run: %1").arg(message),
                                 20'000);
    });
    // The engine never waits for the disk: when the writer falls behind, the run pauses.
    connect(m_recorder, &RunRecorder::backlogChanged, this, [this](bool overBound) {
        if (!m_run)
            return;
        if (overBound && !m_heldForHistory) {
            m_heldForHistory = true;
            m_run->pause();
        } else if (!overBound && m_heldForHistory) {
            m_heldForHistory = false;
            m_run->resume();
        }
    });
    // The run the table shows, for exports: not a re-run of some rows, a run of its own.
    if (!how.keepShownResults || how.resumedRunId != 0) {
        connect(m_recorder, &RunRecorder::ready, this,
                [this](qint64 runId) { m_recordedRunId = runId; });
    }
    if (how.resumedRunId != 0) {
        m_recorder->resume(how.resumedRunId);
        return;
    }
    // Once every write of a linked re-run is in the history, the two can be compared.
    if (how.parentRunId != 0) {
        connect(m_recorder, &RunRecorder::ended, this,
                [this, recorder = m_recorder, originalRunId = how.parentRunId,
                 epoch = m_shownRunEpoch] {
                    const qint64 rerunRunId = recorder->savedRunId();
                    if (rerunRunId != 0 && epoch == m_shownRunEpoch)
                        offerComparison(originalRunId, rerunRunId);
                });
    }
    // A re-run of some rows is a run of its own; only a whole batch can be opened again.
    std::optional<BatchInput> input;
    if (!how.keepShownResults)
        input = m_batchPane->batchInput();
    m_recorder->begin(spec, options, input, {}, how.parentRunId);
}

void MainWindow::offerComparison(qint64 originalRunId, qint64 rerunRunId)
{
    m_offeredComparison = {originalRunId, rerunRunId};
    m_compareButton->setText(tr("Compare with run %1").arg(originalRunId));
    m_compareButton->setToolTip(
            tr("Run %1 and its re-run, run %2, side by side").arg(originalRunId).arg(rerunRunId));
    m_compareButton->show();
    m_compareAction->setEnabled(true);
    statusBar()->showMessage(tr("Run %1 re-ran rows of run %2.").arg(rerunRunId).arg(originalRunId),
                             20'000);
}

void MainWindow::withdrawComparison()
{
    ++m_shownRunEpoch;
    m_offeredComparison = {0, 0};
    m_compareButton->hide();
    m_compareAction->setEnabled(false);
}

void MainWindow::showComparison(qint64 olderRunId, qint64 newerRunId)
{
    if (olderRunId == 0 || newerRunId == 0)
        return;
    auto *window = new CompareWindow(defaultHistoryPath(), olderRunId, newerRunId, this);
    window->setObjectName(QStringLiteral("compareWindow"));
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
}

void MainWindow::endRecording()
{
    if (!m_recorder)
        return;
    // It finishes its writes on its own thread, then goes; the next run gets a new one.
    RunRecorder *recorder = std::exchange(m_recorder, nullptr);
    connect(recorder, &RunRecorder::ended, recorder, &QObject::deleteLater);
    const Progress progress = m_run ? m_run->progress() : Progress{};
    const bool stopped = m_stopRequested;
    ++m_recordsEnding;
    connect(recorder, &RunRecorder::ended, m_history, [this, recorder, progress, stopped] {
        --m_recordsEnding;
        if (m_detailTabs->currentWidget() == m_history)
            m_history->reload();
        m_history->applyRetention(m_retention); // the new run may push an old one out
        // Its id now: a run that ended before the store had begun it has one only by now.
        tellRunEnded(recorder->savedRunId(), progress, stopped);
    });
    recorder->end(m_stopRequested ? RunState::Cancelled : RunState::Finished);
}

void MainWindow::tellRunEnded(qint64 runId, const Progress &progress, bool stopped)
{
    const QString said = (stopped ? tr("Run %1 stopped: %2 ok, %3 failed of %4 rows.")
                                  : tr("Run %1 finished: %2 ok, %3 failed of %4 rows."))
                                 .arg(runId)
                                 .arg(progress.ok)
                                 .arg(progress.failed)
                                 .arg(progress.total);
    if (m_notify.desktop && QSystemTrayIcon::isSystemTrayAvailable()) {
        trayIcon()->show();
        trayIcon()->showMessage(tr("Salvo"), said,
                                progress.failed > 0 ? QSystemTrayIcon::Warning
                                                    : QSystemTrayIcon::Information);
    }
    // The run is in the history by now: the job reads its summary there.
    if (!m_notify.webhookUrl.isEmpty() && runId > 0) {
        m_jobs->start(std::make_unique<NotifyJob>(QUrl(m_notify.webhookUrl), defaultHistoryPath(),
                                                  runId));
    }
}

void MainWindow::tellCheckChanged(const Schedule &schedule, const CheckReport &report)
{
    if (m_notify.desktop && QSystemTrayIcon::isSystemTrayAvailable()) {
        trayIcon()->show();
        trayIcon()->showMessage(tr("%1 changed").arg(schedule.name), report.sentence(),
                                QSystemTrayIcon::Warning);
    }
    if (!m_notify.webhookUrl.isEmpty()) {
        m_jobs->start(std::make_unique<NotifyJob>(QUrl(m_notify.webhookUrl), report.toJson(),
                                                  tr("the check of %1").arg(schedule.name),
                                                  report.notice.run.id));
    }
}

void MainWindow::handleCheckEnded(const Schedule &schedule)
{
    statusBar()->showMessage(tr("Check of %1: %2").arg(schedule.name, schedule.lastOutcome),
                             20'000);
    // Each check is a run of the history: the list shows it, and old runs may now go.
    if (m_detailTabs->currentWidget() == m_history)
        m_history->reload();
    m_history->applyRetention(m_retention);
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(m_defaults, m_retention, m_notify, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_defaults = dialog.options();
    m_retention = dialog.retention();
    m_notify = dialog.notifySettings();
    QSettings settings;
    saveRunDefaults(settings, m_defaults);
    saveRetention(settings, m_retention);
    saveNotifySettings(settings, m_notify);
    m_history->applyRetention(m_retention);
    m_controls->setDefaults(m_defaults);
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    m_mainSplitter->restoreState(
            settings.value(QStringLiteral("window/mainSplitter")).toByteArray());
    m_resultsSplitter->restoreState(
            settings.value(QStringLiteral("window/resultsSplitter")).toByteArray());
    m_table->horizontalHeader()->restoreState(
            settings.value(QStringLiteral("window/resultsColumns")).toByteArray());
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/mainSplitter"), m_mainSplitter->saveState());
    settings.setValue(QStringLiteral("window/resultsSplitter"), m_resultsSplitter->saveState());
    settings.setValue(QStringLiteral("window/resultsColumns"),
                      m_table->horizontalHeader()->saveState());
}

} // namespace salvo::ui
