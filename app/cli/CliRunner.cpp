#include "CliRunner.h"

#include <QCoreApplication>

#include <cstdio>
#include <unistd.h>

#include "Logging.h"
#include "batch/UrlListParser.h"
#include "sample/SampleApi.h"

namespace salvo::cli {
namespace {

QString duration(qint64 ms)
{
    if (ms < 60'000)
        return QString::number(double(ms) / 1000.0, 'f', 1) + QStringLiteral(" s");
    return QStringLiteral("%1 min %2 s").arg(ms / 60'000).arg((ms / 1000) % 60);
}

} // namespace

CliRunner::CliRunner(CliConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{ }

CliRunner::~CliRunner() = default;

bool CliRunner::start()
{
    m_errors.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered);
    if (m_config.sample) {
        m_sampleApi = std::make_unique<SampleApi>();
        if (!m_sampleApi->start()) {
            m_errors.write(tr("salvo-cli: cannot start the sample API on 127.0.0.1.\n").toUtf8());
            m_exitCode = exitUsage;
            return false;
        }
        m_config.batch.rows = parseUrlList(m_sampleApi->sampleBatch());
        m_config.run.inactivity = std::min(m_config.run.inactivity, SampleApi::inactivityTimeout);
        if (!m_config.quiet) {
            m_errors.write(tr("Sample API on %1; requesting %2 rows.\n")
                                   .arg(m_sampleApi->baseUrl().toString())
                                   .arg(m_config.batch.rows.size())
                                   .toUtf8());
        }
    }

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
    m_writer = ResultWriter::create(m_config.format, &m_output, m_config.includeBodies);
    m_showProgress = !m_config.quiet && isatty(STDERR_FILENO);

    qCDebug(lcCli) << "rows" << m_config.batch.rows.size() << "concurrency"
                   << m_config.run.concurrency << "per host" << m_config.run.perHostConcurrency;
    m_run = std::make_unique<BatchRun>(m_config.batch, m_config.run);
    connect(m_run.get(), &BatchRun::resultsReady, this, &CliRunner::handleResults);
    connect(m_run.get(), &BatchRun::progressChanged, this, &CliRunner::handleProgress);
    connect(m_run.get(), &BatchRun::finished, this, &CliRunner::handleFinished);
    m_clock.start();
    m_run->start();
    return true;
}

void CliRunner::cancel()
{
    if (m_run)
        m_run->cancel();
}

void CliRunner::handleResults(const ResultBatch &results)
{
    for (const Result &result : results) {
        m_writer->write(result);
        m_allOk = m_allOk && result.ok();
    }
    m_output.flush();
}

void CliRunner::handleProgress(const Progress &progress)
{
    if (!m_showProgress || progress.finished)
        return;
    QString line = tr("%1/%2 done, %3 ok, %4 failed, %5 in flight, %6/s")
                           .arg(progress.done)
                           .arg(progress.total)
                           .arg(progress.ok)
                           .arg(progress.failed)
                           .arg(progress.inFlight)
                           .arg(qRound(progress.ratePerSecond));
    if (progress.paused)
        line += tr(", paused");
    else if (progress.etaMs > 0)
        line += tr(", %1 left").arg(duration(progress.etaMs));
    m_errors.write("\r\033[K" + line.toUtf8());
}

void CliRunner::handleFinished()
{
    if (m_writer)
        m_writer->finish();
    m_output.flush();
    const Progress progress = m_run->progress();
    if (m_showProgress)
        m_errors.write("\r\033[K");
    if (!m_config.quiet) {
        m_errors.write(tr("%1 rows: %2 ok, %3 failed, in %4.\n")
                               .arg(progress.total)
                               .arg(progress.ok)
                               .arg(progress.failed)
                               .arg(duration(m_clock.elapsed()))
                               .toUtf8());
    }
    m_exitCode = m_allOk ? exitAllOk : exitSomeFailed;
    emit finished(m_exitCode);
}

} // namespace salvo::cli
