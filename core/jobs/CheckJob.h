#pragma once

#include <QString>

#include "Job.h"
#include "Schedule.h"
#include "network/NetworkAccess.h"
#include "session/SavedBatch.h"

namespace salvo {

// One scheduled check: what to run and what to compare it with.
struct CheckRequest
{
    QString historyPath;
    Schedule schedule; // its name, latency threshold and last run (the one compared with)
    SavedBatch batch; // as read from its file, the values of secret headers filled in
    NetworkAccess networkSettings; // Settings > Network's proxy and certificates, with secrets
    QString environmentsPath; // where the batch's environment is read
};

// Runs a saved batch as a run of the history, on the job's pool thread (the engine on threads
// of its own), then compares it with the schedule's previous check. The outcome's detail holds
// the CheckReport; its message is the report's sentence. A cancel stops the run at once; the
// history keeps what it had, as for any stopped run.
class CheckJob final : public Job
{
public:
    explicit CheckJob(CheckRequest request);

    QString title() const override;
    JobKind kind() const override { return JobKind::Recheck; }
    JobOutcome run(JobControl &control) override;

private:
    // How the check's run went, as far as its outcome goes.
    struct CheckedRun
    {
        qint64 runId = 0;
        bool cancelled = false;
        bool flushTimedOut = false;
        QString historyProblem;
    };
    JobOutcome outcome(const CheckedRun &checked) const;

    CheckRequest m_request;
};

} // namespace salvo
