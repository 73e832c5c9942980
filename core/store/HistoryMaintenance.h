#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>

#include "Expected.h"

namespace salvo {

class SqlConnection;

// How much history to keep: the newest keepRuns runs, and runs started in the last keepDays
// days; 0 leaves that limit off. Both on: a run has to pass both to stay.
struct RetentionPolicy
{
    int keepRuns = 0;
    int keepDays = 0;

    bool keepsEverything() const { return keepRuns <= 0 && keepDays <= 0; }
    friend bool operator==(const RetentionPolicy &, const RetentionPolicy &) = default;
};

// Removes runs from the history: what the history list's "Delete" does. A writable connection
// of its own, apart from RunHistory (which only reads) and RunStore (whose thread writes runs
// as they go); like RunHistory, open, use and destroy it on one thread (a QtConcurrent task).
// Each call is one transaction, so it waits for the writer's batch in flight, never tears it.
class HistoryMaintenance final
{
    Q_DISABLE_COPY_MOVE(HistoryMaintenance)

public:
    explicit HistoryMaintenance(QString path);
    ~HistoryMaintenance();

    // Fails for a file that is missing, not a history, or not of this version's format.
    Expected<> open();

    // Deletes the runs with their results and kept bodies, and the batches no run uses any
    // more; returns how many runs went. Ids that name no run are skipped, and so is a run
    // still being written by a live process: deleting it under its writer would fail the
    // writer's next batch. An interrupted run can be deleted.
    Expected<int> deleteRuns(const QList<qint64> &runIds);

    // Deletes the runs the policy does not keep, as deleteRuns() does (a live run stays,
    // whatever its age), each in a transaction of its own; returns how many went. `now` is the time
    // days are counted back from.
    Expected<int> applyRetention(const RetentionPolicy &policy,
                                 const QDateTime &now = QDateTime::currentDateTimeUtc());

private:
    Error notOpen(const QString &doing) const;

    QString m_path;
    std::unique_ptr<SqlConnection> m_connection;
};

} // namespace salvo
