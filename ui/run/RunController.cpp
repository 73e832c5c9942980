#include "RunController.h"

#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QtConcurrent>

#include <numeric>

#include "desktop/NetworkSettings.h"
#include "desktop/ThenIfAlive.h"
#include "batch/BatchInput.h"
#include "result/HttpToken.h"
#include "editor/BatchPane.h"
#include "history/PastRunView.h"
#include "inspector/ShownAnswers.h"
#include "results/ResultsModel.h"
#include "run/RunControls.h"
#include "sample/SampleApi.h"

namespace salvo::ui {
RunController::RunController(QString historyPath, BatchPane *batchPane, RunControls *controls,
                             const ResultsModel *results, PastRunView *pastRuns,
                             ShownAnswers *answers, const NetworkSettings *network, QWidget *window)
    : QObject(window)
    , m_historyPath(std::move(historyPath))
    , m_batchPane(batchPane)
    , m_controls(controls)
    , m_results(results)
    , m_pastRuns(pastRuns)
    , m_answers(answers)
    , m_network(network)
    , m_window(window)
{
    connect(&m_parsing, &QFutureWatcher<Expected<PreparedBatch>>::finished, this,
            &RunController::handleParsed);
    connect(&m_runToResume, &QFutureWatcher<Expected<ResumePlan>>::finished, this,
            &RunController::handleRunToResumeLoaded);
}

RunController::~RunController() = default;

RunController::Activity RunController::activity() const
{
    if (m_session && !m_session->isFinished())
        return Activity::Running;
    if (m_parsing.isRunning())
        return Activity::ReadingBatch;
    if (m_runToResume.isRunning() || m_planningRows)
        return Activity::LoadingRun;
    if (m_pastRuns->isReading())
        return Activity::ReadingPastRun;
    return Activity::Idle;
}

void RunController::setDefaults(const RunOptions &defaults)
{
    m_defaults = defaults;
    if (!m_batchOptions)
        m_controls->setDefaults(defaults);
}

void RunController::setBatchOptions(std::optional<RunOptions> options)
{
    m_batchOptions = std::move(options);
    m_controls->setDefaults(m_batchOptions.value_or(m_defaults));
}

RunOptions RunController::chosenOptions() const
{
    return m_controls->options(m_batchOptions.value_or(m_defaults));
}

qint64 RunController::shownRunId() const
{
    return m_pastRuns->shownRunId() != 0 ? m_pastRuns->shownRunId() : m_recordedRunId;
}

QString RunController::exportRefusal() const
{
    const Activity now = activity();
    if (now == Activity::Running || isSaving())
        return tr("Exports read the history: wait for this run to end and be saved, or stop it, "
                  "then export.");
    if (now == Activity::ReadingPastRun)
        return tr("Wait until the run is read from the history, then export.");
    if (shownRunId() == 0)
        return tr("Only runs kept in the history can be exported, and this one is not (the "
                  "sample batch never is).");
    return {};
}

void RunController::startSample()
{
    if (!isIdle())
        return;
    const QByteArray typed = m_batchPane->batchInput().data.trimmed();
    if (typed.isEmpty() || (m_sampleApi && typed == m_sampleApi->sampleBatch().trimmed())) {
        replaceWithSample();
        return;
    }
    // The person's own list would go, with no way back: ask first.
    auto *box = new QMessageBox(QMessageBox::Question, tr("Try the sample batch"),
                                tr("The sample batch takes the place of the list you have in the "
                                   "editor. Replace your list?"),
                                QMessageBox::Cancel, m_window);
    box->setObjectName(QStringLiteral("replaceWithSampleQuestion"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *replace = box->addButton(tr("Replace my list"), QMessageBox::AcceptRole);
    replace->setObjectName(QStringLiteral("replaceWithSampleButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    connect(replace, &QPushButton::clicked, this, [this] {
        if (isIdle())
            replaceWithSample();
    });
    box->open();
}

void RunController::replaceWithSample()
{
    if (!m_sampleApi) {
        m_sampleApi = std::make_unique<SampleApi>();
        if (!m_sampleApi->start()) {
            m_sampleApi.reset();
            emit noted(tr("The sample server could not start on 127.0.0.1."));
            return;
        }
    }
    m_batchPane->setUrlList(QString::fromUtf8(m_sampleApi->sampleBatch()));
    // A newcomer sees both at once: an expectation that two items fail, and a column read out
    // of every answer.
    const Expected<InspectionPlan> samplePlan = inspectionFromJson(SampleApi::sampleInspection());
    m_batchPane->setInspection(samplePlan ? *samplePlan : InspectionPlan());
    m_nextRunIsSample = true;
    startRun();
}

void RunController::startRun()
{
    if (!isIdle()) {
        m_nextRunIsSample = false;
        return;
    }
    if (const QStringList problems = m_batchPane->expectProblems(); !problems.isEmpty()) {
        m_nextRunIsSample = false;
        refuse(tr("The Expect tab has a row that cannot be used. %1").arg(problems.first()));
        return;
    }
    emit told(tr("Reading the list..."));
    // Parsing a large paste takes time, and certificates are files: never on this thread.
    m_parsing.setFuture(QtConcurrent::run(prepareBatch, m_batchPane->batchInput(),
                                          m_network->access(), defaultEnvironmentsPath()));
}

void RunController::refuse(const QString &problem)
{
    // Under the batch, where the person looks to fix it, and not only in the status bar.
    m_batchPane->showRunProblem(problem);
    emit told(problem);
}

void RunController::handleParsed()
{
    Expected<PreparedBatch> parsed = m_parsing.result();
    const bool isSample = std::exchange(m_nextRunIsSample, false);
    if (!parsed) {
        refuse(tr("This batch cannot run: %1").arg(parsed.error().message));
        return;
    }
    if (!parsed->warnings.isEmpty())
        emit noted(parsed->warnings.join(u' '));
    BatchSpec spec = std::move(parsed->batch);
    if (!isHttpToken(spec.method)) {
        refuse(tr("\"%1\" is not a method: use letters such as GET or POST, without spaces.")
                       .arg(QString::fromLatin1(spec.method)));
        return;
    }
    if (spec.rows.isEmpty()) {
        refuse(tr("There is nothing to run: the list has no addresses."));
        return;
    }
    m_shownBatch = spec;
    m_shownKind = isSample ? RunKind::Sample : RunKind::Batch;
    QList<int> inputRows(spec.rows.size());
    std::iota(inputRows.begin(), inputRows.end(), 0);
    startSession(std::move(spec), std::move(inputRows), {});
}

void RunController::letSessionGo()
{
    RunSession *session = std::exchange(m_session, nullptr);
    if (!session)
        return;
    if (session->hasEnded())
        session->deleteLater();
    else
        connect(session, &RunSession::ended, session, &QObject::deleteLater);
}

RunRecording RunController::recordingFor(const Start &how) const
{
    // The sample's addresses die with this window: not kept.
    if (m_shownKind == RunKind::Sample)
        return {};
    RunRecording recording{.historyPath = m_historyPath,
                           .resumedRunId = how.resumedRunId,
                           .parentRunId = how.parentRunId};
    // A re-run of some rows is a run of its own; only a whole batch can be opened again.
    if (!how.keepShownResults)
        recording.input = m_batchPane->batchInput();
    return recording;
}

void RunController::startSession(BatchSpec batch, QList<int> inputRows, const Start &how)
{
    m_pendingResume.reset();
    m_pastRuns->drop(); // the table is this run's now
    if (!how.keepShownResults) {
        m_recordedRunId = 0;
        m_pastRuns->forget(); // rows of a past run shown beside new ones keep it
    }
    withdrawComparison();
    letSessionGo();
    const int rowCount = int(batch.rows.size());
    // Where each row's answer will be kept, before the session can say anything.
    const QList<int> answeredRows = inputRows;
    m_session = new RunSession({.batch = std::move(batch),
                                .chosenOptions = how.options.value_or(chosenOptions()),
                                .kind = m_shownKind,
                                .host = RunHost::Window,
                                .inputRows = std::move(inputRows),
                                .recording = recordingFor(how)},
                               this);
    m_answers->followSession(m_session, answeredRows, how.keepShownResults, how.resumedRunId != 0);
    connectSession(m_session, how);
    emit runStarting(how.keepShownResults, rowCount);
    m_session->start();
}

void RunController::connectSession(RunSession *session, const Start &how)
{
    connect(session, &RunSession::resultsReady, this, &RunController::resultsReady);
    connect(session, &RunSession::progressChanged, this, &RunController::progressChanged);
    connect(session, &RunSession::stateChanged, this, [this, session](BatchRun::State state) {
        if (state == BatchRun::State::Finished)
            ++m_endingSessions;
        if (session == m_session)
            emit stateChanged(state);
    });
    connect(session, &RunSession::historyOff, this, [this](const QString &message) {
        emit noted(tr("This run is not kept in the history: %1").arg(message));
    });
    connect(session, &RunSession::historyCut, this, [this](qint64, const QString &message) {
        emit noted(tr("The history stopped keeping this run: %1").arg(message));
    });
    // The run the table shows, for exports: not a re-run of some rows, a run of its own.
    if (!how.keepShownResults || how.resumedRunId != 0) {
        connect(session, &RunSession::historyReady, this, [this, session](qint64 runId) {
            if (session == m_session)
                m_recordedRunId = runId;
        });
    }
    connect(session, &RunSession::ended, this,
            [this, session, parent = how.parentRunId, epoch = m_shownRunEpoch] {
                handleSessionEnded(session, parent, epoch);
            });
}

void RunController::handleSessionEnded(RunSession *session, qint64 parentRunId, quint64 epoch)
{
    --m_endingSessions;
    // Its id now: a run that ended before the store had begun it has one only by now.
    const qint64 runId = session->savedRunId();
    // Once every write of a linked re-run is in the history, the two can be compared.
    if (parentRunId != 0 && runId != 0 && epoch == m_shownRunEpoch) {
        m_offeredComparison = {parentRunId, runId};
        emit comparisonOffered(parentRunId, runId);
    }
    emit runSaved(runId, session->progress(), session->wasCancelled());
}

void RunController::stop()
{
    if (m_session)
        m_session->cancel();
}

void RunController::pause()
{
    if (m_session)
        m_session->pause();
}

void RunController::resume()
{
    if (m_session)
        m_session->resume();
}

void RunController::rerunFailedRows()
{
    if (!isIdle())
        return;
    // The table holds every row of the run shown (a past run is read whole before this can
    // start), each under its input row, with the newest answer of a row run again here.
    QList<int> rows;
    for (int row = 0; row < m_results->rowCount(); ++row) {
        // A row whose answer was not what the Expect tab asked for failed too.
        if (!m_results->isOkAt(row) || m_results->rows().cells(row).isUnmet())
            rows.append(m_results->inputRowAt(row));
    }
    if (rows.isEmpty()) {
        emit told(m_results->rowCount() == 0
                          ? tr("There is no run to take failed rows from.")
                          : tr("Every row of this run is ok: nothing to run again."));
        return;
    }
    std::sort(rows.begin(), rows.end());
    rerunRows(rows);
}

void RunController::rerunRows(const QList<int> &rows)
{
    if (!isIdle() || rows.isEmpty())
        return;
    if (const qint64 runId = m_pastRuns->shownRunId(); runId != 0) {
        // The rows of a run from the history are made again from what it stored.
        m_planningRows = true;
        thenIfAlive(QtConcurrent::run(planRowsAgain, m_historyPath, runId, rows), this,
                    [this, runId](Expected<ResumePlan> plan) {
                        m_planningRows = false;
                        if (runId != m_pastRuns->shownRunId() || !isIdle())
                            return;
                        if (!plan)
                            emit told(plan.error().message);
                        else
                            startPlannedRows(std::move(*plan), false);
                    });
        return;
    }
    BatchSpec spec = m_shownBatch;
    QList<RequestSpec> chosen;
    chosen.reserve(rows.size());
    for (const int row : rows) {
        if (row < 0 || row >= m_shownBatch.rows.size())
            return; // cannot happen: the table shows this batch's rows
        chosen.append(m_shownBatch.rows.at(row));
    }
    spec.rows = std::move(chosen);
    // Linked to the run shown when the history has it (not a sample, nor a history that is off).
    startSession(std::move(spec), rows, {.keepShownResults = true, .parentRunId = m_recordedRunId});
}

void RunController::resumePastRun(qint64 runId)
{
    if (!isIdle())
        return;
    emit told(tr("Reading run %1 from the history...").arg(runId));
    m_runToResume.setFuture(QtConcurrent::run(loadRunToResume, m_historyPath, runId));
}

void RunController::handleRunToResumeLoaded()
{
    Expected<ResumePlan> plan = m_runToResume.result();
    if (!plan) {
        emit told(plan.error().message);
        emit historyChanged(); // the run may be gone, or marked as it really is now
        return;
    }
    // The run's results are shown first; the missing rows start once they all are.
    if (!isIdle())
        return;
    emit told(tr("Reading run %1 from the history...").arg(plan->runId));
    m_pastRuns->open(plan->runId);
    if (!plan->isComplete())
        m_pendingResume = std::move(*plan);
}

void RunController::handlePastRunShown()
{
    letSessionGo();
    withdrawComparison();
    m_shownBatch = {}; // its rows are read from the history when some run again
    m_shownKind = RunKind::Batch;
    m_recordedRunId = 0;
}

void RunController::handlePastRunRead(qint64 runId)
{
    std::optional<ResumePlan> resume = std::exchange(m_pendingResume, std::nullopt);
    if (resume && resume->runId == runId)
        startPlannedRows(std::move(*resume), true);
}

void RunController::startPlannedRows(ResumePlan plan, bool isResume)
{
    // The history keeps no proxy or sign-in: the rows go as the window's batch would now.
    m_planningRows = true;
    const NetworkAccess access = accessForBatch(m_batchPane->batchInput(), m_network->access());
    const auto prepare = [access] {
        QStringList warnings; // said when the batch first ran
        return RunAccess::prepare(access, &warnings);
    };
    thenIfAlive(QtConcurrent::run(prepare), this,
                [this, plan = std::move(plan),
                 isResume](Expected<std::shared_ptr<const RunAccess>> prepared) mutable {
                    m_planningRows = false;
                    if (!prepared) {
                        refuse(tr("This batch cannot run: %1").arg(prepared.error().message));
                        return;
                    }
                    plan.batch.access = std::move(*prepared);
                    sendPlannedRows(std::move(plan), isResume);
                });
}

void RunController::sendPlannedRows(ResumePlan plan, bool isResume)
{
    // Secret headers were not kept: their values come from the Headers tab, by name.
    const QList<QByteArray> missing
            = fillWithheldHeaders(plan.batch.headers, plan.withheldHeaders, m_batchPane->headers());
    const auto start = [this, isResume](const ResumePlan &planned) {
        if (!isIdle())
            return;
        m_shownKind = RunKind::Batch;
        m_shownBatch = planned.batch;
        startSession(planned.batch, planned.rowIndices,
                     {.keepShownResults = true,
                      .resumedRunId = isResume ? planned.runId : 0,
                      .options = planned.options,
                      .parentRunId = isResume ? 0 : planned.runId});
    };
    if (missing.isEmpty()) {
        start(plan);
        return;
    }
    QStringList names;
    for (const QByteArray &name : missing)
        names.append(QString::fromLatin1(name));
    auto *box = new QMessageBox(
            QMessageBox::Question, tr("Headers not kept"),
            tr("Run %1 sent %2, which the history does not keep. To send it again, type its "
               "value in the Headers tab under the same name, then try again.")
                    .arg(plan.runId)
                    .arg(QLocale().createSeparatedList(names)),
            QMessageBox::Cancel, m_window);
    box->setObjectName(QStringLiteral("withheldHeadersQuestion"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *without = box->addButton(tr("Run without them"), QMessageBox::AcceptRole);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(without, &QPushButton::clicked, this, [start, plan] { start(plan); });
    box->open();
}

void RunController::withdrawComparison()
{
    ++m_shownRunEpoch;
    m_offeredComparison = {0, 0};
    emit comparisonWithdrawn();
}

} // namespace salvo::ui
