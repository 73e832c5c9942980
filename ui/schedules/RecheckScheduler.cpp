#include "RecheckScheduler.h"

#include <QFileInfo>
#include <QLocale>
#include <QtConcurrent>

#include <algorithm>

#include "ThenIfAlive.h"
#include "jobs/CheckJob.h"
#include "secrets/SecretKeeper.h"
#include "store/ResumePlan.h"

namespace salvo::ui {
namespace {

// Long waits are cut into pieces: a wall clock that jumped (a suspend, a clock change) is
// noticed within a minute.
constexpr qint64 longestWaitMs = 60'000;

} // namespace

RecheckScheduler::RecheckScheduler(JobManager *jobs, SecretKeeper *secrets, QString schedulesPath,
                                   QString historyPath, QObject *parent)
    : QObject(parent)
    , m_jobs(jobs)
    , m_secrets(secrets)
    , m_path(std::move(schedulesPath))
    , m_historyPath(std::move(historyPath))
{
    m_writer.setMaxThreadCount(1);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RecheckScheduler::startDueChecks);
    connect(m_jobs, &JobManager::jobEnded, this, &RecheckScheduler::handleJobEnded);
    connect(m_secrets, &SecretKeeper::fetched, this, &RecheckScheduler::handleSecretsFetched);
}

RecheckScheduler::~RecheckScheduler()
{
    m_writer.waitForDone();
}

void RecheckScheduler::load()
{
    thenIfAlive(QtConcurrent::run(loadScheduleFile, m_path), this,
                [this](const Expected<QList<Schedule>> &read) {
                    m_loaded = true;
                    // Schedules added while the file was read come after the file's own.
                    const QList<Schedule> added
                            = std::exchange(m_schedules, read ? *read : QList<Schedule>());
                    for (const Schedule &schedule : std::as_const(m_schedules))
                        m_lastId = std::max(m_lastId, schedule.id);
                    for (Schedule schedule : added) {
                        schedule.id = ++m_lastId;
                        m_schedules.append(schedule);
                    }
                    if (!added.isEmpty())
                        save();
                    emit schedulesChanged();
                    emit loaded(read ? QString() : read.error().message);
                    startDueChecks();
                });
}

std::optional<Schedule> RecheckScheduler::schedule(qint64 id) const
{
    const auto found = std::find_if(m_schedules.cbegin(), m_schedules.cend(),
                                    [id](const Schedule &schedule) { return schedule.id == id; });
    return found != m_schedules.cend() ? std::optional<Schedule>(*found) : std::nullopt;
}

Schedule *RecheckScheduler::find(qint64 id)
{
    const auto found = std::find_if(m_schedules.begin(), m_schedules.end(),
                                    [id](const Schedule &schedule) { return schedule.id == id; });
    return found != m_schedules.end() ? &*found : nullptr;
}

int RecheckScheduler::enabledCount() const
{
    return int(std::count_if(m_schedules.cbegin(), m_schedules.cend(),
                             [](const Schedule &schedule) { return schedule.enabled; }));
}

qint64 RecheckScheduler::add(Schedule schedule)
{
    // Ids are never given twice in a session: a late answer about a removed schedule finds none.
    schedule.id = ++m_lastId;
    if (!schedule.created.isValid())
        schedule.created = QDateTime::currentDateTimeUtc();
    m_schedules.append(schedule);
    save();
    emit schedulesChanged();
    startDueChecks();
    return schedule.id;
}

void RecheckScheduler::update(const Schedule &edited)
{
    Schedule *schedule = find(edited.id);
    if (!schedule)
        return;
    schedule->name = edited.name;
    schedule->batchPath = edited.batchPath;
    schedule->every = edited.every;
    schedule->dailyAt = edited.dailyAt;
    schedule->latencyThresholdMs = edited.latencyThresholdMs;
    schedule->enabled = edited.enabled;
    save();
    emit schedulesChanged();
    startDueChecks();
}

void RecheckScheduler::remove(qint64 id)
{
    const auto removed
            = std::remove_if(m_schedules.begin(), m_schedules.end(),
                             [id](const Schedule &schedule) { return schedule.id == id; });
    if (removed == m_schedules.end())
        return;
    m_schedules.erase(removed, m_schedules.end());
    if (const quint64 job = m_checking.take(id); job != 0)
        m_jobs->cancel(job); // its end finds no schedule and changes nothing
    save();
    emit schedulesChanged();
    arm();
}

void RecheckScheduler::setEnabled(qint64 id, bool enabled)
{
    Schedule *schedule = find(id);
    if (!schedule || schedule->enabled == enabled)
        return;
    schedule->enabled = enabled;
    save();
    emit schedulesChanged();
    startDueChecks();
}

void RecheckScheduler::checkNow(qint64 id)
{
    if (find(id) && !m_checking.contains(id))
        startCheck(id);
}

void RecheckScheduler::arm()
{
    m_timer.stop();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    qint64 waitMs = -1;
    for (const Schedule &schedule : std::as_const(m_schedules)) {
        const QDateTime next = nextCheckTime(schedule);
        if (!next.isValid() || m_checking.contains(schedule.id))
            continue;
        const qint64 until = std::clamp<qint64>(now.msecsTo(next), 0, longestWaitMs);
        waitMs = waitMs < 0 ? until : std::min(waitMs, until);
    }
    if (waitMs >= 0)
        m_timer.start(int(waitMs));
}

void RecheckScheduler::startDueChecks()
{
    if (!m_loaded)
        return; // the file's schedules and their last checks are not known yet
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<qint64> due;
    for (const Schedule &schedule : std::as_const(m_schedules)) {
        const QDateTime next = nextCheckTime(schedule);
        if (next.isValid() && next <= now && !m_checking.contains(schedule.id))
            due.append(schedule.id);
    }
    for (const qint64 id : std::as_const(due))
        startCheck(id);
    arm();
}

void RecheckScheduler::startCheck(qint64 id)
{
    Schedule *schedule = find(id);
    if (!schedule)
        return;
    // The next check counts from this one's start, whatever becomes of it.
    schedule->lastCheck = QDateTime::currentDateTimeUtc();
    m_checking.insert(id, 0);
    save();
    emit checkStarted(id);
    emit schedulesChanged();
    // The file is read on a worker: it may be large, or on a slow disk.
    thenIfAlive(QtConcurrent::run(readBatchFile, schedule->batchPath), this,
                [this, id](const OpenedFile &opened) { handleBatchRead(id, opened); });
    arm();
}

void RecheckScheduler::handleBatchRead(qint64 id, const OpenedFile &opened)
{
    const Schedule *schedule = find(id);
    if (!schedule || !m_checking.contains(id))
        return; // removed meanwhile
    if (!opened.error.isEmpty()) {
        endCheckUnrun(id, opened.error);
        return;
    }
    if (!opened.savedBatch) {
        endCheckUnrun(id,
                      tr("%1 is a list, not a saved batch: open it, then save it with File > "
                         "Save batch and check that file.")
                              .arg(QFileInfo(schedule->batchPath).fileName()));
        return;
    }
    if (opened.savedBatch->withheldHeaders.isEmpty()) {
        startJob(id, *opened.savedBatch);
        return;
    }
    // Secret header values live in the keychain, asked for each check: a value changed there
    // is used from the next check on.
    QList<std::pair<qint64, SavedBatch>> &waiting = m_awaitingSecrets[schedule->batchPath];
    waiting.append({id, *opened.savedBatch});
    if (waiting.size() == 1)
        m_secrets->fetch(schedule->batchPath, opened.savedBatch->withheldHeaders);
}

void RecheckScheduler::handleSecretsFetched(const QString &path, const HeaderList &found,
                                            const QList<QByteArray> &missing, const QString &)
{
    const QList<std::pair<qint64, SavedBatch>> waiting = m_awaitingSecrets.take(path);
    for (const auto &[id, batch] : waiting) {
        if (!m_checking.contains(id))
            continue;
        if (!missing.isEmpty()) {
            QStringList names;
            for (const QByteArray &name : missing)
                names.append(QString::fromLatin1(name));
            endCheckUnrun(
                    id,
                    tr("%1 sends %2, whose value is not in this computer's keychain: "
                       "open the batch, type the value in the Headers tab and save it "
                       "again.")
                            .arg(QFileInfo(path).fileName(), QLocale().createSeparatedList(names)));
            continue;
        }
        SavedBatch filled = batch;
        filled.input.headers = withHeadersReplaced(filled.input.headers, found);
        startJob(id, std::move(filled));
    }
}

void RecheckScheduler::startJob(qint64 id, SavedBatch batch)
{
    const Schedule *schedule = find(id);
    if (!schedule)
        return;
    m_checking.insert(id,
                      m_jobs->start(std::make_unique<CheckJob>(
                              CheckRequest{m_historyPath, *schedule, std::move(batch)})));
}

void RecheckScheduler::handleJobEnded(const JobInfo &job)
{
    const auto running = std::find_if(m_checking.cbegin(), m_checking.cend(),
                                      [&job](quint64 jobId) { return jobId == job.id; });
    if (running == m_checking.cend())
        return; // another kind of job, or a check of a schedule removed since
    const qint64 id = running.key();
    m_checking.remove(id);
    Schedule *schedule = find(id);
    if (!schedule)
        return;
    schedule->lastOutcome = job.outcome.message;
    // Only a check that ran to its end is the next one's baseline: a stopped one lacks rows.
    const bool compared
            = job.state == JobState::Done && job.outcome.detail.canConvert<CheckReport>();
    if (compared)
        schedule->lastRunId = job.outcome.runId;
    save();
    const Schedule ended = *schedule;
    emit schedulesChanged();
    emit checkEnded(ended);
    if (compared) {
        const CheckReport report = job.outcome.detail.value<CheckReport>();
        if (report.differs())
            emit changeFound(ended, report);
    }
    arm();
}

void RecheckScheduler::endCheckUnrun(qint64 id, const QString &reason)
{
    m_checking.remove(id);
    Schedule *schedule = find(id);
    if (!schedule)
        return;
    schedule->lastOutcome = reason;
    save();
    const Schedule ended = *schedule;
    emit schedulesChanged();
    emit checkEnded(ended);
    arm();
}

void RecheckScheduler::save()
{
    if (!m_loaded)
        return; // the file is still being read: writing now would lose its schedules
    thenIfAlive(QtConcurrent::run(&m_writer, saveScheduleFile, m_path, m_schedules), this,
                [this](const QString &error) {
                    if (!error.isEmpty())
                        emit saveFailed(error);
                });
}

} // namespace salvo::ui
