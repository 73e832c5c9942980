#pragma once

#include <QDateTime>
#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <memory>

#include "Job.h"

namespace salvo {

// A job as the Jobs panel shows it.
struct JobInfo
{
    quint64 id = 0;
    QString title;
    JobKind kind = JobKind::Export;
    JobState state = JobState::Queued;
    qint64 done = 0;
    qint64 total = -1; // -1: indeterminate
    QDateTime started; // UTC; invalid while queued
    QDateTime finished; // UTC; invalid until it ends
    JobOutcome outcome; // once it ended
    bool cancelRequested = false;

    bool hasEnded() const
    {
        return state == JobState::Done || state == JobState::Failed || state == JobState::Cancelled;
    }
};

// Runs jobs on a pool of its own, at most maxRunning at once (the others wait queued), and
// tells about them in batches: progress is read ten times a second, never per row. A job that
// fails or crashes with an exception ends as failed, with a sentence; the others go on. Lives
// on the GUI thread (or salvo-cli's main thread).
class JobManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobManager)

public:
    explicit JobManager(int maxRunning = 2, QObject *parent = nullptr);
    // Cancels every job and waits for them: each returns soon after it is told to stop.
    ~JobManager() override;

    quint64 start(std::unique_ptr<Job> job);
    // Asks the job to stop; it ends as cancelled (or as it was, if it ended meanwhile).
    void cancel(quint64 id);
    void cancelAll();

    QList<JobInfo> jobs() const;
    std::optional<JobInfo> job(quint64 id) const;
    int activeCount() const;

    static constexpr std::chrono::milliseconds progressInterval{100};

signals:
    void jobAdded(const salvo::JobInfo &job);
    // Jobs whose state or progress changed since the last report, in the order started.
    void jobsChanged(const QList<salvo::JobInfo> &jobs);
    void jobEnded(const salvo::JobInfo &job);

private:
    struct Entry
    {
        JobInfo info;
        std::shared_ptr<JobControl> control;
        std::unique_ptr<QFutureWatcher<JobOutcome>> watcher;
    };

    void pollProgress();
    void handleFinished(quint64 id);
    Entry *find(quint64 id);
    const Entry *find(quint64 id) const;

    QThreadPool m_pool;
    QTimer m_progressTimer;
    std::vector<std::unique_ptr<Entry>> m_entries;
    quint64 m_nextId = 1;
};

} // namespace salvo

Q_DECLARE_METATYPE(salvo::JobInfo)
