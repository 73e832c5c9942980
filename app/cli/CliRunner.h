#pragma once

// app/cli owns salvo-cli: its options and inputs (CliOptions), the run it streams to its output
// (CliRunner, through core's RunSession), `history`, `resume` (CliHistory) and `export`
// (CliExporter). Everything it runs is core's; this folder only speaks to the terminal.

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QObject>

#include <memory>
#include <optional>

#include "CliHistory.h"
#include "CliOptions.h"
#include "jobs/WebhookNotifier.h"
#include "stats/RunStats.h"
#include "session/RunSession.h"

namespace salvo {
class SampleApi;
}

namespace salvo::cli {

// Runs one batch for salvo-cli through a RunSession: streams each result to the output as it
// arrives, keeps a progress line on a terminal's standard error, says how the history fares,
// and ends with the exit code. A resume runs the rows its plan holds and reports them under
// their indices in the stored run.
class CliRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliRunner)

public:
    explicit CliRunner(CliConfig config, std::optional<CliResume> resume = std::nullopt,
                       QObject *parent = nullptr);
    ~CliRunner() override;

    // False (with a message on standard error) when the output cannot be opened.
    bool start();
    // Stops the run; rows not finished are written as cancelled, so the output stays whole.
    void cancel();
    int exitCode() const { return m_exitCode; }
    // The history file did not finish its writes in time and was left as it is: end the
    // process without destroying this runner (see main.cpp).
    bool leftStoreBehind() const { return m_session && m_session->leftStoreBehind(); }

signals:
    void finished(int exitCode);

private:
    void handleResults(const salvo::ResultBatch &results);
    void handleProgress(const salvo::Progress &progress);
    void handleHistoryReady(qint64 runId);
    void complete();
    bool startSampleApi();
    RunRequest runRequest() const;
    void connectSession();
    // After the run: the summary to --notify's webhook, then finished().
    void notify(int exitCode);
    // One line on standard error.
    void say(const QString &line);
    void write(const salvo::ResultBatch &results);

    CliConfig m_config;
    std::optional<CliResume> m_resume;
    std::unique_ptr<SampleApi> m_sampleApi;
    QFile m_output;
    QFile m_errors;
    std::unique_ptr<ResultWriter> m_writer; // made once the run id is known
    ResultBatch m_held; // results that wait for the run id
    std::unique_ptr<RunSession> m_session;
    QElapsedTimer m_clock;
    QDateTime m_started; // UTC
    RunStats m_stats; // for the summary --notify sends
    std::unique_ptr<WebhookNotifier> m_notifier;
    bool m_showProgress = false;
    bool m_allOk = true;
    int m_exitCode = exitAllOk;
};

} // namespace salvo::cli
