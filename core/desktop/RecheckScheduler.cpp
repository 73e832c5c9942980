#include "RecheckScheduler.h"

#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QtConcurrent>

#include <algorithm>

#include "ThenIfAlive.h"
#include "jobs/CheckJob.h"
#include "NetworkSettings.h"
#include "SecretKeeper.h"
#include "batch/BatchSecrets.h"
#include "store/PrivateFiles.h"
#include "store/ResumePlan.h"

namespace salvo {
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
    , m_lock(m_path + QStringLiteral(".lock"))
{
    // Held as long as its Salvo lives, however long; a crashed Salvo's lock is taken over.
    m_lock.setStaleLockTime(0);
    m_writer.setMaxThreadCount(1);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RecheckScheduler::startDueChecks);
    connect(m_jobs, &JobManager::jobEnded, this, &RecheckScheduler::handleJobEnded);
    connect(m_secrets, &SecretKeeper::fetched, this,
            [this](quint64 request, const QString &, const HeaderList &found,
                   const QList<QByteArray> &missing,
                   const QString &) { handleSecretsFetched(request, found, missing); });
}

RecheckScheduler::~RecheckScheduler()
{
    m_writer.waitForDone();
}

void RecheckScheduler::load()
{
    // One Salvo checks; a second only shows the schedules.
    m_readOnly = !m_lock.tryLock(0);
    if (!m_readOnly)
        ensurePrivateFile(m_path + QStringLiteral(".lock"));
    thenIfAlive(QtConcurrent::run(loadScheduleFile, m_path), this,
                [this](const Expected<QList<Schedule>> &read) {
                    m_loaded = true;
                    // A file this Salvo cannot read is set aside at the first save, never
                    // written over: a newer Salvo's schedules survive an older one.
                    m_setAsideOnSave = !read;
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
                    QString problem;
                    if (m_readOnly) {
                        problem = tr("Another Salvo runs the scheduled checks: this window shows "
                                     "them and leaves them to it.");
                    } else if (!read) {
                        problem = tr("%1 The file is kept as %2 when the schedules are next "
                                     "saved.")
                                          .arg(read.error().message,
                                               QFileInfo(m_path).fileName()
                                                       + QStringLiteral(".unreadable"));
                    }
                    emit loaded(problem);
                    startDueChecks();
                });
}

std::optional<Schedule> RecheckScheduler::schedule(qint64 id) const
{
    const Schedule *found = find(id);
    return found ? std::optional<Schedule>(*found) : std::nullopt;
}

const Schedule *RecheckScheduler::find(qint64 id) const
{
    const auto found = std::find_if(m_schedules.cbegin(), m_schedules.cend(),
                                    [id](const Schedule &schedule) { return schedule.id == id; });
    return found != m_schedules.cend() ? &*found : nullptr;
}

Schedule *RecheckScheduler::find(qint64 id)
{
    return const_cast<Schedule *>(std::as_const(*this).find(id));
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
    if (edited.batchPath != schedule->batchPath) {
        // Another batch: comparing it with the old one's checks would report every row.
        dropCheck(edited.id);
        schedule->lastRunId = 0;
        schedule->comparedWithRunId = 0;
        schedule->lastCheck = {};
        schedule->lastOutcome.clear();
    }
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
    dropCheck(id);
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
    if (m_loaded && !m_readOnly && find(id) && !m_checking.contains(id))
        startCheck(id);
}

void RecheckScheduler::dropCheck(qint64 id)
{
    if (const quint64 job = m_checking.take(id); job != 0)
        m_jobs->cancel(job); // its end finds the schedule not checking, and changes nothing
    for (auto waiting = m_awaitingSecrets.begin(); waiting != m_awaitingSecrets.end();) {
        if (waiting->first == id)
            waiting = m_awaitingSecrets.erase(waiting);
        else
            ++waiting;
    }
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
    if (!m_loaded || m_readOnly)
        return; // the file's schedules are not known yet, or another Salvo checks them
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
                [this, id](const Expected<OpenedFile> &opened) { handleBatchRead(id, opened); });
    arm();
}

void RecheckScheduler::handleBatchRead(qint64 id, const Expected<OpenedFile> &read)
{
    const Schedule *schedule = find(id);
    if (!schedule || !m_checking.contains(id))
        return; // removed meanwhile
    if (!read) {
        finishCheck(id, read.error().message);
        return;
    }
    const OpenedFile &opened = *read;
    if (!opened.savedBatch) {
        finishCheck(id,
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
    const quint64 request
            = m_secrets->fetch(schedule->batchPath, opened.savedBatch->withheldHeaders);
    m_awaitingSecrets.insert(request, {id, *opened.savedBatch});
    QTimer::singleShot(keychainTimeout, this, [this, request] { handleKeychainSilent(request); });
}

void RecheckScheduler::handleSecretsFetched(quint64 request, const HeaderList &found,
                                            const QList<QByteArray> &missing)
{
    if (!m_awaitingSecrets.contains(request))
        return; // the window's, or a check dropped meanwhile
    auto [id, batch] = m_awaitingSecrets.take(request);
    const Schedule *schedule = find(id);
    if (!schedule || !m_checking.contains(id))
        return;
    if (!missing.isEmpty()) {
        QStringList names;
        for (const QByteArray &name : missing)
            names.append(QString::fromLatin1(name));
        finishCheck(id,
                    tr("%1 sends %2, whose value is not in this computer's keychain: open "
                       "the batch, type the value in the Headers or Sign-in tab and save it "
                       "again.")
                            .arg(QFileInfo(schedule->batchPath).fileName(),
                                 QLocale().createSeparatedList(names)));
        return;
    }
    const HeaderList headers = takeSignInSecrets(batch.input.signIn, found);
    fillWithheldHeaders(batch.input.headers, batch.withheldHeaders, headers);
    startJob(id, std::move(batch));
}

void RecheckScheduler::handleKeychainSilent(quint64 request)
{
    if (!m_awaitingSecrets.contains(request))
        return;
    const qint64 id = m_awaitingSecrets.take(request).first;
    finishCheck(id,
                tr("The keychain did not give the batch's secret headers within %1 s (is it "
                   "locked?): this check was skipped.")
                        .arg(keychainTimeout.count()));
}

void RecheckScheduler::startJob(qint64 id, SavedBatch batch)
{
    const Schedule *schedule = find(id);
    if (!schedule)
        return;
    m_checking.insert(id,
                      m_jobs->start(std::make_unique<CheckJob>(
                              CheckRequest{m_historyPath, *schedule, std::move(batch),
                                           m_network ? m_network->access() : NetworkAccess(),
                                           defaultEnvironmentsPath()})));
}

void RecheckScheduler::handleJobEnded(const JobInfo &job)
{
    const auto running = std::find_if(m_checking.cbegin(), m_checking.cend(),
                                      [&job](quint64 jobId) { return jobId == job.id; });
    if (running == m_checking.cend())
        return; // another kind of job, or a check dropped since
    const qint64 id = running.key();
    // Only a check that ran to its end is the next one's baseline: a stopped one lacks rows.
    const bool compared
            = job.state == JobState::Done && job.outcome.detail.canConvert<CheckReport>();
    const CheckReport report = compared ? job.outcome.detail.value<CheckReport>() : CheckReport();
    finishCheck(id, job.outcome.message, compared ? job.outcome.runId : 0, report.previousRunId);
    if (!compared)
        return;
    if (const Schedule *schedule = find(id); schedule && report.isNews())
        emit changeFound(*schedule, report);
}

void RecheckScheduler::finishCheck(qint64 id, const QString &outcome, qint64 runId,
                                   qint64 comparedWithRunId)
{
    m_checking.remove(id);
    Schedule *schedule = find(id);
    if (!schedule)
        return;
    schedule->lastOutcome = outcome;
    if (runId > 0) {
        schedule->lastRunId = runId;
        schedule->comparedWithRunId = comparedWithRunId;
    }
    save();
    const Schedule ended = *schedule;
    emit schedulesChanged();
    emit checkEnded(ended);
    arm();
}

void RecheckScheduler::save()
{
    // Before the file is read, writing would lose its schedules; another Salvo owns them.
    if (!m_loaded || m_readOnly)
        return;
    const bool setAside = std::exchange(m_setAsideOnSave, false);
    const auto write = [path = m_path, schedules = m_schedules, setAside] {
        if (setAside) {
            const QString aside = path + QStringLiteral(".unreadable");
            QFile::remove(aside);
            QFile::rename(path, aside);
        }
        return saveScheduleFile(path, schedules);
    };
    thenIfAlive(QtConcurrent::run(&m_writer, write), this, [this](const Expected<> &saved) {
        if (!saved)
            emit saveFailed(saved.error().message);
    });
}

} // namespace salvo
