#pragma once

#include <QElapsedTimer>
#include <QFile>
#include <QObject>

#include <memory>

#include "CliOptions.h"
#include "engine/BatchRun.h"

namespace salvo {
class SampleApi;
}

namespace salvo::cli {

// Runs one batch for salvo-cli: streams each result to the output as it arrives, keeps a
// progress line on a terminal's standard error, and ends with the exit code.
class CliRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliRunner)

public:
    explicit CliRunner(CliConfig config, QObject *parent = nullptr);
    ~CliRunner() override;

    // False (with a message on standard error) when the output cannot be opened.
    bool start();
    // Stops the run; rows not finished are written as cancelled, so the output stays whole.
    void cancel();
    int exitCode() const { return m_exitCode; }

signals:
    void finished(int exitCode);

private:
    void handleResults(const salvo::ResultBatch &results);
    void handleProgress(const salvo::Progress &progress);
    void handleFinished();

    CliConfig m_config;
    std::unique_ptr<SampleApi> m_sampleApi;
    QFile m_output;
    QFile m_errors;
    std::unique_ptr<ResultWriter> m_writer;
    std::unique_ptr<BatchRun> m_run;
    QElapsedTimer m_clock;
    bool m_showProgress = false;
    bool m_allOk = true;
    int m_exitCode = exitAllOk;
};

} // namespace salvo::cli
