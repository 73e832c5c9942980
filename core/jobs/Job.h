#pragma once

#include <QString>
#include <QVariant>

#include <atomic>

namespace salvo {

enum class JobKind { Export, Rerun, Recheck, Notify };
enum class JobState { Queued, Running, Done, Failed, Cancelled };

// Shared by a job running on a pool thread and the JobManager on the GUI thread: the job sets
// its progress, the manager asks it to stop. Atomics only: the manager reads them on a timer,
// so progress crosses threads ten times a second however fast the job goes.
class JobControl
{
public:
    // -1: indeterminate (still counting, or a job with no count).
    void setTotal(qint64 total) { m_total.store(total, std::memory_order_relaxed); }
    void setDone(qint64 done) { m_done.store(done, std::memory_order_relaxed); }
    qint64 total() const { return m_total.load(std::memory_order_relaxed); }
    qint64 done() const { return m_done.load(std::memory_order_relaxed); }

    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }

    // Set by the pool thread as it starts the job: until then the job is queued.
    void markStarted() { m_started.store(true, std::memory_order_relaxed); }
    bool hasStarted() const { return m_started.load(std::memory_order_relaxed); }

private:
    std::atomic<qint64> m_total{-1};
    std::atomic<qint64> m_done{0};
    std::atomic<bool> m_cancelled{false};
    std::atomic<bool> m_started{false};
};

// What a job leaves when it ends.
struct JobOutcome
{
    JobState state = JobState::Done; // Done, Failed or Cancelled
    QString message; // a sentence for a person: what was made, or why not
    QString filePath; // the file it wrote, if any
    qint64 runId = 0; // the run it made, if any
    QVariant detail; // what a kind of job tells its starter beyond that (a check's CheckReport)
};

// One piece of background work. run() is called once, on a pool thread; it checks
// control.isCancelled() at least every few hundred milliseconds and returns soon after, leaving
// no partial output under a final name.
class Job
{
public:
    virtual ~Job() = default;
    virtual QString title() const = 0;
    virtual JobKind kind() const = 0;
    virtual JobOutcome run(JobControl &control) = 0;
};

} // namespace salvo
