#include "JobManager.h"

#include <QCoreApplication>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

#include "Translate.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::JobManager")

// On a pool thread. A job that throws ends as failed rather than taking the process down.
JobOutcome runGuarded(const std::shared_ptr<Job> &job, const std::shared_ptr<JobControl> &control)
{
    control->markStarted();
    if (control->isCancelled())
        return {JobState::Cancelled, tr("Cancelled before it started."), {}, 0};
    try {
        return job->run(*control);
    } catch (const std::exception &error) {
        return {JobState::Failed,
                tr("The job stopped on an internal error: %1").arg(QString::fromUtf8(error.what())),
                {},
                0};
    } catch (...) {
        return {JobState::Failed, tr("The job stopped on an internal error."), {}, 0};
    }
}

} // namespace

JobManager::JobManager(int maxRunning, QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(std::max(1, maxRunning));
    // Background work takes only CPU time nothing else wants, as the engine's threads do in the
    // window: an export of a million rows never makes the window stutter.
    m_pool.setThreadPriority(QThread::IdlePriority);
    m_progressTimer.setInterval(progressInterval);
    connect(&m_progressTimer, &QTimer::timeout, this, &JobManager::pollProgress);
}

JobManager::~JobManager()
{
    cancelAll();
    m_pool.waitForDone();
}

quint64 JobManager::start(std::unique_ptr<Job> job)
{
    auto entry = std::make_unique<Entry>();
    const quint64 id = m_nextId++;
    entry->info.id = id;
    entry->info.title = job->title();
    entry->info.kind = job->kind();
    entry->control = std::make_shared<JobControl>();
    entry->watcher = std::make_unique<QFutureWatcher<JobOutcome>>();
    connect(entry->watcher.get(), &QFutureWatcher<JobOutcome>::finished, this,
            [this, id] { handleFinished(id); });
    entry->watcher->setFuture(QtConcurrent::run(
            &m_pool, runGuarded, std::shared_ptr<Job>(std::move(job)), entry->control));
    const JobInfo info = entry->info;
    m_entries.push_back(std::move(entry));
    m_progressTimer.start();
    emit jobAdded(info);
    return id;
}

void JobManager::cancel(quint64 id)
{
    Entry *entry = find(id);
    if (!entry || entry->info.hasEnded())
        return;
    entry->control->cancel();
    entry->info.cancelRequested = true;
    emit jobsChanged({entry->info});
}

void JobManager::cancelAll()
{
    for (const auto &entry : m_entries) {
        if (!entry->info.hasEnded())
            entry->control->cancel();
    }
}

QList<JobInfo> JobManager::jobs() const
{
    QList<JobInfo> all;
    all.reserve(qsizetype(m_entries.size()));
    for (const auto &entry : m_entries)
        all.append(entry->info);
    return all;
}

std::optional<JobInfo> JobManager::job(quint64 id) const
{
    const Entry *entry = find(id);
    return entry ? std::optional(entry->info) : std::nullopt;
}

int JobManager::activeCount() const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(),
                             [](const auto &entry) { return !entry->info.hasEnded(); }));
}

void JobManager::pollProgress()
{
    QList<JobInfo> changed;
    for (const auto &entry : m_entries) {
        JobInfo &info = entry->info;
        if (info.hasEnded())
            continue;
        const JobControl &control = *entry->control;
        const JobState state = control.hasStarted() ? JobState::Running : JobState::Queued;
        if (state == JobState::Running && !info.started.isValid())
            info.started = QDateTime::currentDateTimeUtc();
        if (state != info.state || control.done() != info.done || control.total() != info.total) {
            info.state = state;
            info.done = control.done();
            info.total = control.total();
            changed.append(info);
        }
    }
    if (!changed.isEmpty())
        emit jobsChanged(changed);
    if (activeCount() == 0)
        m_progressTimer.stop();
}

void JobManager::handleFinished(quint64 id)
{
    Entry *entry = find(id);
    if (!entry)
        return;
    JobInfo &info = entry->info;
    info.outcome = entry->watcher->result();
    info.state = info.outcome.state;
    info.done = entry->control->done();
    info.total = entry->control->total();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!info.started.isValid())
        info.started = now;
    info.finished = now;
    emit jobsChanged({info});
    emit jobEnded(info);
}

JobManager::Entry *JobManager::find(quint64 id)
{
    const auto found = std::find_if(m_entries.begin(), m_entries.end(),
                                    [id](const auto &entry) { return entry->info.id == id; });
    return found == m_entries.end() ? nullptr : found->get();
}

const JobManager::Entry *JobManager::find(quint64 id) const
{
    return const_cast<JobManager *>(this)->find(id);
}

} // namespace salvo
