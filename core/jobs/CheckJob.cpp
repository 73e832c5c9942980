#include "CheckJob.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QScopeGuard>
#include <QThread>
#include <QTimer>

#include "CheckReport.h"
#include "session/BatchPreparation.h"
#include "session/RunSession.h"
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
    Expected<PreparedBatch> spec = prepareBatch(m_request.batch.input, m_request.networkSettings,
                                                m_request.environmentsPath);
    if (!spec)
        return {JobState::Failed, tr("%1 cannot run: %2").arg(name, spec.error().message)};
    if (spec->batch.rows.isEmpty())
        return {JobState::Failed, tr("%1 has no addresses to check.").arg(name)};

    // Jobs run at idle priority, and the engine's threads would inherit it: a check measures
    // times, which a busy machine must not stretch into false "slower" changes.
    QThread *thread = QThread::currentThread();
    const QThread::Priority jobPriority = thread->priority();
    thread->setPriority(QThread::NormalPriority);
    const auto restorePriority = qScopeGuard([&] { thread->setPriority(jobPriority); });

    // The session lives in this thread's own event loop, as salvo-cli's does in its main loop.
    QEventLoop loop;
    RunSession session({.batch = std::move(spec->batch),
                        .chosenOptions = m_request.batch.options,
                        .kind = RunKind::Batch,
                        .host = RunHost::Headless,
                        .inputRows = {},
                        .recording = {.historyPath = m_request.historyPath,
                                      .input = m_request.batch.input,
                                      .batchName = name}});
    CheckedRun checked;
    control.setTotal(session.rowCount());
    QObject::connect(&session, &RunSession::progressChanged, &loop,
                     [&](const Progress &progress) { control.setDone(progress.done); });
    QObject::connect(&session, &RunSession::ended, &loop, &QEventLoop::quit);
    QObject::connect(&session, &RunSession::historyOff, &loop,
                     [&](const QString &message) { checked.historyProblem = message; });
    QObject::connect(&session, &RunSession::historyCut, &loop,
                     [&](qint64, const QString &message) { checked.historyProblem = message; });
    // Rows the history did not take cannot be compared: such a check is no baseline.
    QObject::connect(&session, &RunSession::historyFlushTimedOut, &loop,
                     [&](qint64) { checked.flushTimedOut = true; });
    QTimer watch;
    watch.setInterval(50);
    QObject::connect(&watch, &QTimer::timeout, &loop, [&] {
        if (control.isCancelled())
            session.cancel();
    });
    watch.start();
    session.start();
    // An end that comes before the loop runs (a batch refused before the network) is not
    // waited for.
    if (!session.hasEnded())
        loop.exec();
    checked.runId = session.savedRunId();
    checked.cancelled = control.isCancelled();
    return outcome(checked);
}

JobOutcome CheckJob::outcome(const CheckedRun &checked) const
{
    const QString &name = m_request.schedule.name;
    const qint64 runId = checked.runId;
    if (checked.cancelled) {
        return {JobState::Cancelled,
                runId > 0 ? tr("Stopped checking %1; run %2 keeps the answers it had.")
                                    .arg(name)
                                    .arg(runId)
                          : tr("Stopped checking %1.").arg(name),
                {},
                runId};
    }
    if (checked.flushTimedOut) {
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
                        .arg(name, checked.historyProblem)};
    }
    Expected<CheckReport> report = reportCheck(
            m_request.historyPath, name, m_request.schedule.lastRunId, runId,
            m_request.schedule.latencyThresholdMs, m_request.schedule.certificateWarningDays);
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
