#include "CliRunner.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>
#include <utility>
#include <unistd.h>

#include "Logging.h"
#include "batch/Shard.h"
#include "batch/UrlListParser.h"
#include "result/ErrorMessages.h"
#include "sample/SampleApi.h"
#include "store/RunRecorder.h"

namespace salvo::cli {
namespace {

// A CSV's rows may carry expectations of their own (expect_status, ...); other inputs cannot.
// A shard's run in the history: the batch's name and which slice it is, as --shard gave it.
QString shardRunName(const QString &batchName, Shard shard)
{
    if (batchName.isEmpty())
        return QCoreApplication::translate("salvo::cli", "Shard %1 of standard input")
                .arg(shardText(shard));
    return QCoreApplication::translate("salvo::cli", "%1, shard %2")
            .arg(batchName, shardText(shard));
}

QString duration(qint64 ms)
{
    if (ms < 60'000)
        return QString::number(double(ms) / 1000.0, 'f', 1) + QStringLiteral(" s");
    return QStringLiteral("%1 min %2 s").arg(ms / 60'000).arg((ms / 1000) % 60);
}

} // namespace

CliRunner::CliRunner(CliConfig config, std::optional<CliResume> resume, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_resume(std::move(resume))
{
    if (m_resume) {
        // The history keeps no proxy, certificate or sign-in: they are this command line's.
        std::shared_ptr<const RunAccess> access = m_config.batch.access;
        m_config.batch = m_resume->plan.batch;
        m_config.batch.access = std::move(access);
        m_config.run = m_resume->plan.options;
    }
}

CliRunner::~CliRunner() = default;

bool CliRunner::startSampleApi()
{
    m_sampleApi = std::make_unique<SampleApi>();
    if (!m_sampleApi->start()) {
        m_errors.write(tr("salvo-cli: cannot start the sample API on 127.0.0.1.\n").toUtf8());
        m_exitCode = exitUsage;
        return false;
    }
    m_config.batch.rows = parseUrlList(m_sampleApi->sampleBatch());
    m_config.batchName = tr("Sample batch");
    if (!m_config.quiet) {
        m_errors.write(tr("Sample API on %1; requesting %2 rows.\n")
                               .arg(m_sampleApi->baseUrl().toString())
                               .arg(m_config.batch.rows.size())
                               .toUtf8());
    }
    return true;
}

RunRequest CliRunner::runRequest() const
{
    RunRequest request{.batch = m_config.batch,
                       .chosenOptions = m_config.run,
                       .kind = m_config.sample ? RunKind::Sample : RunKind::Batch,
                       .host = RunHost::Headless,
                       .inputRows = {},
                       .recording = {.historyPath = m_config.historyPath,
                                     .input = m_config.input,
                                     .batchName = m_config.batchName}};
    if (m_resume) {
        request.inputRows = m_resume->plan.rowIndices;
        request.recording.resumedRunId = m_resume->plan.runId;
    }
    if (m_config.shard) {
        ShardSelection selection = selectShard(request.batch, *m_config.shard);
        request.batch = std::move(selection.batch);
        request.inputRows = std::move(selection.inputRows);
        // Kept as some rows of the input are: opening it again shows its own rows, not a list
        // of which it ran a slice.
        request.recording.input.reset();
        request.recording.batchName = shardRunName(m_config.batchName, *m_config.shard);
    }
    return request;
}

bool CliRunner::start()
{
    m_errors.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered);
    if (m_config.sample && !startSampleApi())
        return false;

    const bool opened = m_config.outputPath.isEmpty()
            ? m_output.open(stdout, QIODevice::WriteOnly)
            : (m_output.setFileName(m_config.outputPath), m_output.open(QIODevice::WriteOnly));
    if (!opened) {
        m_errors.write(tr("salvo-cli: cannot write %1: %2.\n")
                               .arg(m_config.outputPath, m_output.errorString())
                               .toUtf8());
        m_exitCode = exitUsage;
        return false;
    }
    m_showProgress = !m_config.quiet && isatty(STDERR_FILENO);
    if (!m_config.run.verifyTls) // said even with -q: it changes what every answer is worth
        m_errors.write(tr("salvo-cli: %1\n").arg(uncheckedCertificatesNote()).toUtf8());
    if (m_resume) {
        for (const QString &warning : std::as_const(m_resume->warnings))
            m_errors.write(warning.toUtf8() + '\n');
    }

    if (m_config.shard && shardRows(int(m_config.batch.rows.size()), *m_config.shard).isEmpty()) {
        m_errors.write(tr("salvo-cli: shard %1 holds none of the input's %2 rows: nothing to "
                          "request.\n")
                               .arg(shardText(*m_config.shard))
                               .arg(m_config.batch.rows.size())
                               .toUtf8());
    }
    qCDebug(lcCli) << "rows" << m_config.batch.rows.size() << "concurrency"
                   << m_config.run.concurrency << "per host" << m_config.run.perHostConcurrency;
    m_session = std::make_unique<RunSession>(runRequest());
    connectSession();
    m_clock.start();
    m_started = QDateTime::currentDateTimeUtc();
    // The run starts at once; its results wait (in m_held) only for the run id, which the
    // store gives in a few milliseconds, or says it cannot.
    m_session->start();
    return true;
}

void CliRunner::connectSession()
{
    RunSession *session = m_session.get();
    connect(session, &RunSession::resultsReady, this, &CliRunner::handleResults);
    connect(session, &RunSession::progressChanged, this, &CliRunner::handleProgress);
    connect(session, &RunSession::historyReady, this, &CliRunner::handleHistoryReady);
    connect(session, &RunSession::ended, this, &CliRunner::complete);
    connect(session, &RunSession::historyOff, this, [this](const QString &message) {
        say(tr("salvo-cli: History is off for this run: %1").arg(message));
    });
    connect(session, &RunSession::historyCut, this, [this](qint64 runId, const QString &message) {
        say(tr("salvo-cli: History stops here for run %1: %2 The run goes on; "
               "`salvo-cli resume %1` requests the rows it did not save.")
                    .arg(runId)
                    .arg(message));
    });
    connect(session, &RunSession::historyFlushTimedOut, this, [this](qint64 runId) {
        say(tr("salvo-cli: The history file did not take the last results within %1 s; "
               "leaving without them.%2")
                    .arg(RunRecorder::flushTimeout.count())
                    .arg(runId > 0 ? tr(" `salvo-cli resume %1` requests the rows it did "
                                        "not save.")
                                             .arg(runId)
                                   : QString()));
    });
}

void CliRunner::cancel()
{
    if (m_session)
        m_session->cancel();
}

void CliRunner::handleResults(const ResultBatch &results)
{
    if (!m_config.notifyUrl.isEmpty())
        m_stats.add(results, m_clock.elapsed()); // only then: a run's own cost stays as it was
    if (m_writer)
        write(results);
    else
        m_held.append(results);
}

void CliRunner::write(const ResultBatch &results)
{
    for (const Result &result : results) {
        m_writer->write(result);
        m_allOk = m_allOk && result.ok() && result.verdict != Verdict::Failed;
    }
    m_output.flush();
}

void CliRunner::handleHistoryReady(qint64 runId)
{
    if (m_writer)
        return;
    InspectionFields inspection;
    if (m_config.inspection) {
        inspection.expects = !m_config.inspection->expectations.isEmpty();
        for (const Extractor &extractor : m_config.inspection->extractors)
            inspection.columns.append(extractor.name);
    }
    inspection.expects = inspection.expects || m_config.batch.rows.hasRowExpectations();
    inspection.inputColumns = m_config.batch.rows.columnNames();
    m_writer = ResultWriter::create(m_config.format, &m_output, m_config.includeBodies, runId,
                                    false, !m_config.run.verifyTls, inspection);
    // Each line of a shard says which, and of how many rows: what import puts back together.
    if (m_config.shard)
        m_writer->setRecordFields(
                shardTagFields({*m_config.shard, int(m_config.batch.rows.size())}));
    write(std::exchange(m_held, {}));
}

void CliRunner::handleProgress(const Progress &progress)
{
    if (!m_showProgress || progress.finished)
        return;
    QString line = tr("%1/%2 done, %3, %4 in flight, %5/s")
                           .arg(progress.done)
                           .arg(progress.total)
                           .arg(progressCounts(progress))
                           .arg(progress.inFlight)
                           .arg(qRound(progress.ratePerSecond));
    if (progress.paused)
        line += tr(", paused");
    else if (!progress.slowedHosts.isEmpty())
        line += tr(", %1 host(s) slowed down").arg(progress.slowedHosts.size());
    else if (progress.etaMs > 0)
        line += tr(", %1 left").arg(duration(progress.etaMs));
    m_errors.write("\r\033[K" + line.toUtf8());
}

void CliRunner::complete()
{
    if (m_showProgress)
        m_errors.write("\r\033[K");
    if (!m_writer)
        handleHistoryReady(0);
    m_writer->finish();
    m_output.flush();
    const Progress progress = m_session->progress();
    if (!m_config.quiet) {
        const qint64 runId = m_session->savedRunId();
        m_errors.write(
                tr("%1 rows: %2, in %3.%4\n")
                        .arg(progress.total)
                        .arg(progressCounts(progress))
                        .arg(duration(m_clock.elapsed()))
                        .arg(runId > 0 ? tr(" Run %1 in the history.").arg(runId) : QString())
                        .toUtf8());
        if (const QString slowed = slowdownSentence(progress.slowedHosts); !slowed.isEmpty())
            m_errors.write(slowed.toUtf8() + '\n');
    }
    notify(m_allOk ? exitAllOk : exitSomeFailed);
}

void CliRunner::notify(int exitCode)
{
    m_exitCode = exitCode;
    if (m_config.notifyUrl.isEmpty()) {
        emit finished(exitCode);
        return;
    }
    const Progress progress = m_session->progress();
    RunNotice notice;
    notice.run.id = m_session->savedRunId();
    notice.run.batchName = m_config.batchName;
    notice.run.state = m_session->wasCancelled() ? RunState::Cancelled : RunState::Finished;
    notice.run.started = m_started;
    notice.run.finished = m_started.addMSecs(m_clock.elapsed());
    notice.run.rowCount = progress.total;
    notice.run.resultCount = progress.done;
    notice.run.okCount = progress.ok;
    notice.run.failedCount = progress.failed;
    notice.latency = m_stats.latencyPercentiles();
    m_notifier = std::make_unique<WebhookNotifier>();
    connect(m_notifier.get(), &WebhookNotifier::finished, this,
            [this, exitCode](const WebhookOutcome &outcome) {
                // A webhook that failed is said even with -q; the run's exit status stands.
                if (!outcome.delivered || !m_config.quiet)
                    say(QStringLiteral("salvo-cli: %1").arg(outcome.message));
                emit finished(exitCode);
            });
    m_notifier->post(QUrl(m_config.notifyUrl),
                     QJsonDocument(notice.toJson()).toJson(QJsonDocument::Compact));
}

void CliRunner::say(const QString &line)
{
    m_errors.write(line.toUtf8() + '\n');
    m_errors.flush();
}

} // namespace salvo::cli
