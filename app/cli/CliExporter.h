#pragma once

#include <QFile>
#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

#include <memory>

#include "CliOptions.h"
#include "jobs/ExportJob.h"

namespace salvo::cli {

// `salvo-cli export RUN_ID -f FORMAT -o FILE`: the window's export job, headless. The job runs
// on a worker; a terminal's standard error shows its progress; Ctrl+C cancels it, leaving no
// file under the name asked for. finished() gives the exit code: 0 when the file was written,
// 1 when cancelled, 2 when it could not be (unknown run, unreadable history, unwritable file).
class CliExporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliExporter)

public:
    explicit CliExporter(const CliConfig &config, QObject *parent = nullptr);
    // Waits for the job: it stops soon after a cancel.
    ~CliExporter() override;

    void start();
    void cancel() { m_control.cancel(); }

signals:
    void finished(int exitCode);

private:
    void handleFinished();
    void showProgress();

    ExportJob m_job;
    JobControl m_control;
    QFutureWatcher<JobOutcome> m_watcher;
    QTimer m_progressTimer;
    QFile m_errors;
    bool m_quiet;
    bool m_showProgress = false;
};

} // namespace salvo::cli
