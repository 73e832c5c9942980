#include "CliExporter.h"

#include <QCoreApplication>
#include <QtConcurrent/QtConcurrentRun>

#include <unistd.h>

namespace salvo::cli {

CliExporter::CliExporter(const CliConfig &config, QObject *parent)
    : QObject(parent)
    , m_job({config.historyPath,
             config.exportRunId,
             config.exportFormat,
             config.outputPath,
             {},
             {}})
    , m_quiet(config.quiet)
{
    m_errors.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered);
    m_showProgress = !m_quiet && isatty(STDERR_FILENO);
    m_progressTimer.setInterval(200);
    connect(&m_progressTimer, &QTimer::timeout, this, &CliExporter::showProgress);
    connect(&m_watcher, &QFutureWatcher<JobOutcome>::finished, this, &CliExporter::handleFinished);
}

CliExporter::~CliExporter()
{
    m_control.cancel();
    m_watcher.waitForFinished();
}

void CliExporter::start()
{
    m_watcher.setFuture(QtConcurrent::run([this] { return m_job.run(m_control); }));
    if (m_showProgress)
        m_progressTimer.start();
}

void CliExporter::showProgress()
{
    const qint64 total = m_control.total();
    const QString line = total < 0
            ? QCoreApplication::translate("salvo::cli", "counting the rows...")
            : QCoreApplication::translate("salvo::cli", "%1 of %2 rows exported")
                      .arg(m_control.done())
                      .arg(total);
    m_errors.write("\r\x1b[2K" + line.toUtf8());
}

void CliExporter::handleFinished()
{
    m_progressTimer.stop();
    if (m_showProgress)
        m_errors.write("\r\x1b[2K");
    const JobOutcome outcome = m_watcher.result();
    if (!m_quiet || outcome.state != JobState::Done)
        m_errors.write(QStringLiteral("salvo-cli: %1\n").arg(outcome.message).toUtf8());
    switch (outcome.state) {
    case JobState::Done:
        emit finished(exitAllOk);
        return;
    case JobState::Cancelled:
        emit finished(exitSomeFailed);
        return;
    default:
        emit finished(exitUsage);
        return;
    }
}

} // namespace salvo::cli
