#pragma once

// ui/schedules owns the scheduled re-checks of saved batches: when each is due, its checks
// (CheckJobs on the window's JobManager), the Checks tab that lists them and the dialog that
// edits one.

#include <QHash>
#include <QList>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <optional>

#include "batch/SavedBatch.h"
#include "editor/BatchFile.h"
#include "jobs/CheckReport.h"
#include "jobs/JobManager.h"
#include "jobs/Schedule.h"

namespace salvo::ui {

class SecretKeeper;

// Keeps the schedules (stored in a file of their own, written off this thread after every
// change) and starts each check when it is due while Salvo is open: the saved batch is read on
// a worker, its secret header values are taken from the keychain, and a CheckJob runs it as a
// run of the history and compares it with the check before. A check missed while Salvo was
// closed runs once, soon after the schedules are loaded. Lives on the GUI thread.
class RecheckScheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecheckScheduler)

public:
    RecheckScheduler(JobManager *jobs, SecretKeeper *secrets, QString schedulesPath,
                     QString historyPath, QObject *parent = nullptr);
    // Waits for the schedules file's last write; checks under way are the JobManager's.
    ~RecheckScheduler() override;

    // Reads the schedules file on a worker; loaded() follows, and checks that are due start.
    void load();
    bool isLoaded() const { return m_loaded; }

    QList<Schedule> schedules() const { return m_schedules; }
    std::optional<Schedule> schedule(qint64 id) const;
    int enabledCount() const;
    bool isChecking(qint64 id) const { return m_checking.contains(id); }

    // A new schedule; its id is returned. Created now unless it says when.
    qint64 add(Schedule schedule);
    // What a person edits (name, batch, when, threshold, enabled); what the checks left stays.
    void update(const Schedule &edited);
    // Removes it, stopping its check under way.
    void remove(qint64 id);
    void setEnabled(qint64 id, bool enabled);
    // Checks at once, unless a check of it is under way.
    void checkNow(qint64 id);

signals:
    // The file was read; `problem` is a sentence when it could not be (no schedule then).
    void loaded(const QString &problem);
    // The list, or the state of one of its schedules, changed.
    void schedulesChanged();
    void checkStarted(qint64 scheduleId);
    // A check ended, ran or not: the schedule as it left it (lastOutcome says how it went).
    void checkEnded(const salvo::Schedule &schedule);
    // A check found what the check before it did not: the window tells the person.
    void changeFound(const salvo::Schedule &schedule, const salvo::CheckReport &report);
    // The schedules file could not be written. A sentence.
    void saveFailed(const QString &message);

private:
    void arm();
    void startDueChecks();
    void startCheck(qint64 id);
    void handleBatchRead(qint64 id, const salvo::ui::OpenedFile &opened);
    void handleSecretsFetched(const QString &path, const salvo::HeaderList &found,
                              const QList<QByteArray> &missing, const QString &problem);
    void startJob(qint64 id, salvo::SavedBatch batch);
    void handleJobEnded(const salvo::JobInfo &job);
    // A check that could not run: the reason is its outcome, and the next is due as usual.
    void endCheckUnrun(qint64 id, const QString &reason);
    void save();
    Schedule *find(qint64 id);

    JobManager *m_jobs;
    SecretKeeper *m_secrets;
    QString m_path;
    QString m_historyPath;
    QList<Schedule> m_schedules;
    bool m_loaded = false;
    qint64 m_lastId = 0; // the highest id known this session
    QTimer m_timer;
    QHash<qint64, quint64> m_checking; // schedule id -> its job's id; 0 while still preparing
    // Batches waiting for the keychain, by file: the schedule and the batch read.
    QHash<QString, QList<std::pair<qint64, SavedBatch>>> m_awaitingSecrets;
    QThreadPool m_writer; // one thread: the file's writes land in the order made
};

} // namespace salvo::ui
