#include "CheckJob.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QScopeGuard>
#include <QThread>
#include <QTimer>

#include "CheckReport.h"
#include "engine/BatchRun.h"
#include "store/RunRecorder.h"
#include "Translate.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::CheckJob")

} // namespace

CheckJob::CheckJob(CheckRequest request)
    : m_request(std::move(request))
{ }

QString CheckJob::title() const
{
    return tr("Check %1").arg(m_request.schedule.name);
}

JobOutcome CheckJob::run(JobControl &control)
{
    const QString &name = m_request.schedule.name;
    Expected<BatchSpec> spec = buildBatch(m_request.batch.input);
    if (!spec)
        return {JobState::Failed, tr("%1 cannot run: %2").arg(name, spec.error().message)};
    if (spec->rows.isEmpty())
        return {JobState::Failed, tr("%1 has no addresses to check.").arg(name)};

    // Jobs run at idle priority, and the engine's threads would inherit it: a check measures
    // times, which a busy machine must not stretch into false "slower" changes.
    QThread *thread = QThread::currentThread();
    const QThread::Priority jobPriority = thread->priority();
    thread->setPriority(QThread::NormalPriority);
    const auto restorePriority = qScopeGuard([&] { thread->setPriority(jobPriority); });

    // The run and its recorder live in this thread's own event loop, as salvo-cli's do in its
    // main loop.
    QEventLoop loop;
    const RunOptions options = m_request.batch.options;
    BatchRun run(*spec, options);
    RunRecorder recorder(m_request.historyPath);
    QString historyProblem;
    bool pausedForStore = false;
    control.setTotal(run.rowCount());
    QObject::connect(&run, &BatchRun::resultsReady, &loop,
                     [&](const ResultBatch &results) { recorder.append(results); });
    QObject::connect(&run, &BatchRun::progressChanged, &loop,
                     [&](const Progress &progress) { control.setDone(progress.done); });
    QObject::connect(&run, &BatchRun::finished, &loop, [&] {
        recorder.end(control.isCancelled() ? RunState::Cancelled : RunState::Finished);
    });
    // Noted as well as quit: an end that comes before the loop runs would leave it waiting.
    bool ended = false;
    QObject::connect(&recorder, &RunRecorder::ended, &loop, [&] {
        ended = true;
        loop.quit();
    });
    QObject::connect(&recorder, &RunRecorder::historyOff, &loop,
                     [&](const QString &message) { historyProblem = message; });
    QObject::connect(&recorder, &RunRecorder::historyCut, &loop,
                     [&](qint64, const QString &message) { historyProblem = message; });
    // Rows the history did not take cannot be compared: such a check is no baseline.
    bool flushTimedOut = false;
    QObject::connect(&recorder, &RunRecorder::flushTimedOut, &loop,
                     [&](qint64) { flushTimedOut = true; });
    // The engine never waits for the disk: when the writer falls behind, the run pauses.
    QObject::connect(&recorder, &RunRecorder::backlogChanged, &loop, [&](bool overBound) {
        if (overBound && run.state() == BatchRun::State::Running) {
            pausedForStore = true;
            run.pause();
        } else if (!overBound && std::exchange(pausedForStore, false)
                   && run.state() == BatchRun::State::Paused) {
            run.resume();
        }
    });
    QTimer watch;
    watch.setInterval(50);
    QObject::connect(&watch, &QTimer::timeout, &loop, [&] {
        if (control.isCancelled() && run.state() != BatchRun::State::Cancelling
            && run.state() != BatchRun::State::Finished)
            run.cancel();
    });
    watch.start();
    recorder.begin(*spec, options, m_request.batch.input, name);
    run.start();
    if (!ended)
        loop.exec();

    const qint64 runId = recorder.savedRunId();
    if (control.isCancelled()) {
        return {JobState::Cancelled,
                runId > 0 ? tr("Stopped checking %1; run %2 keeps the answers it had.")
                                    .arg(name)
                                    .arg(runId)
                          : tr("Stopped checking %1.").arg(name),
                {},
                runId};
    }
    if (flushTimedOut) {
        return {JobState::Failed,
                tr("%1 was checked, but the history did not take its last answers within %2 s, "
                   "so it cannot be compared.")
                        .arg(name)
                        .arg(RunRecorder::flushTimeout.count()),
                {},
                runId};
    }
    if (runId == 0) {
        return {JobState::Failed,
                tr("%1 was checked, but the history could not keep the check, so it cannot be "
                   "compared: %2")
                        .arg(name, historyProblem)};
    }
    Expected<CheckReport> report
            = reportCheck(m_request.historyPath, name, m_request.schedule.lastRunId, runId,
                          m_request.schedule.latencyThresholdMs);
    if (!report) {
        return {JobState::Failed,
                tr("%1 was checked (run %2), but it could not be compared: %3")
                        .arg(name)
                        .arg(runId)
                        .arg(report.error().message),
                {},
                runId};
    }
    return {JobState::Done, report->sentence(), {}, runId, QVariant::fromValue(*report)};
}

} // namespace salvo
