#pragma once

#include <QHash>
#include <QList>
#include <QLockFile>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <optional>

#include "session/SavedBatch.h"
#include "BatchFile.h"
#include "jobs/CheckReport.h"
#include "jobs/JobManager.h"
#include "jobs/Schedule.h"

namespace salvo {

class NetworkSettings;
class SecretKeeper;

// Keeps the schedules (stored in a file of their own, written off this thread after every
// change) and starts each check when it is due while Salvo is open: the saved batch is read on
// a worker, its secret header values are taken from the keychain, and a CheckJob runs it as a
// run of the history and compares it with the check before. A check missed while Salvo was
// closed runs once, soon after the schedules are loaded. One Salvo at a time checks: a second
// one shows the schedules and leaves them alone. Lives on the GUI thread.
class RecheckScheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecheckScheduler)

public:
    // A keychain waiting for its password to be typed is given this long before the check is
    // given up (the next one asks again).
    static constexpr std::chrono::seconds keychainTimeout{120};

    RecheckScheduler(JobManager *jobs, SecretKeeper *secrets, QString schedulesPath,
                     QString historyPath, QObject *parent = nullptr);
    // Waits for the schedules file's last write; checks under way are the JobManager's.
    ~RecheckScheduler() override;

    // Reads the schedules file on a worker; loaded() follows, and checks that are due start.
    void load();
    // Checks reach their endpoints as the window's runs do: through these settings.
    void useNetworkSettings(const NetworkSettings *settings) { m_network = settings; }
    bool isLoaded() const { return m_loaded; }
    // True where another Salvo runs the checks: this one neither checks nor changes them.
    bool isReadOnly() const { return m_readOnly; }

    QList<Schedule> schedules() const { return m_schedules; }
    std::optional<Schedule> schedule(qint64 id) const;
    int enabledCount() const;
    bool isChecking(qint64 id) const { return m_checking.contains(id); }

    // A new schedule; its id is returned. Created now unless it says when.
    qint64 add(Schedule schedule);
    // What a person edits (name, batch, when, threshold, enabled). What the checks left stays,
    // unless the batch is another file: then its next check is a new baseline.
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
    void handleBatchRead(qint64 id, const salvo::Expected<salvo::OpenedFile> &read);
    void handleSecretsFetched(quint64 request, const salvo::HeaderList &found,
                              const QList<QByteArray> &missing);
    void handleKeychainSilent(quint64 request);
    void startJob(qint64 id, salvo::SavedBatch batch);
    void handleJobEnded(const salvo::JobInfo &job);
    // A check ended: its outcome is kept and said. runId: the check to compare the next one
    // with, or 0 to keep the one before (a check that did not run to its end).
    void finishCheck(qint64 id, const QString &outcome, qint64 runId = 0,
                     qint64 comparedWithRunId = 0);
    // Stops following a check under way: its job is cancelled and its end changes nothing.
    void dropCheck(qint64 id);
    void save();
    Schedule *find(qint64 id);
    const Schedule *find(qint64 id) const;

    JobManager *m_jobs;
    SecretKeeper *m_secrets;
    const NetworkSettings *m_network = nullptr;
    QString m_path;
    QString m_historyPath;
    QList<Schedule> m_schedules;
    bool m_loaded = false;
    bool m_readOnly = false;
    bool m_setAsideOnSave = false; // the file could not be read: kept aside, not written over
    QLockFile m_lock; // held by the Salvo that checks
    qint64 m_lastId = 0; // the highest id known this session
    QTimer m_timer;
    QHash<qint64, quint64> m_checking; // schedule id -> its job's id; 0 while still preparing
    // Batches waiting for the keychain, by request: the schedule and the batch read.
    QHash<quint64, std::pair<qint64, SavedBatch>> m_awaitingSecrets;
    QThreadPool m_writer; // one thread: the file's writes land in the order made
};

} // namespace salvo
