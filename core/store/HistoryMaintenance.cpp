#include "HistoryMaintenance.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

#include "Database.h"
#include "ProcessOwner.h"
#include "Schema.h"
#include "StoreCodec.h"

namespace salvo {

HistoryMaintenance::HistoryMaintenance(QString path)
    : m_path(std::move(path))
{ }

HistoryMaintenance::~HistoryMaintenance() = default;

Expected<> HistoryMaintenance::open()
{
    // A writer's open() creates a missing file: refuse before that, there is nothing to delete.
    if (!QFileInfo(m_path).isFile()) {
        return Error{ErrorCode::CannotOpen,
                     storeTr("%1: there is no history at %2.")
                             .arg(storeTr("Could not open the run history"),
                                  QDir::toNativeSeparators(m_path))};
    }
    Expected<std::unique_ptr<SqlConnection>> connection
            = openCurrentHistory(QStringLiteral("salvo-history-maintenance"), m_path, false);
    if (!connection)
        return connection.error();
    m_connection = std::move(connection.value());
    return {};
}

Error HistoryMaintenance::notOpen(const QString &doing) const
{
    return {ErrorCode::CannotOpen,
            storeTr("%1: the history at %2 is not open.")
                    .arg(doing, QDir::toNativeSeparators(m_path))};
}

Expected<int> HistoryMaintenance::deleteRuns(const QList<qint64> &runIds)
{
    const QString doing = storeTr("Could not delete runs from the history");
    if (!m_connection)
        return notOpen(doing);
    if (runIds.isEmpty())
        return 0;
    if (auto begun = m_connection->exec(QStringLiteral("BEGIN IMMEDIATE"), doing); !begun)
        return begun.error();
    auto fail = [&](const QSqlQuery &query) {
        const Error error = m_connection->errorFrom(query.lastError(), doing);
        m_connection->exec(QStringLiteral("ROLLBACK"), doing);
        return error;
    };
    int deleted = 0;
    {
        QSqlQuery owner(m_connection->database());
        owner.prepare(QStringLiteral("SELECT state, owner_host, owner_boot, owner_pid, owner_start"
                                     " FROM runs WHERE id = ?"));
        QSqlQuery remove(m_connection->database());
        // results and responses go with the run (ON DELETE CASCADE, foreign keys are on).
        remove.prepare(QStringLiteral("DELETE FROM runs WHERE id = ?"));
        for (const qint64 runId : runIds) {
            owner.addBindValue(runId);
            if (!owner.exec())
                return fail(owner);
            if (!owner.next())
                continue;
            if (runStateFromName(owner.value(0).toString()) == RunState::Running) {
                const ProcessOwner writer{.host = owner.value(1).toString(),
                                          .boot = owner.value(2).toString(),
                                          .pid = owner.value(3).toLongLong(),
                                          .startTicks = owner.value(4).toLongLong()};
                if (ownerLiveness(writer) != OwnerLiveness::Gone)
                    continue;
            }
            owner.finish();
            remove.addBindValue(runId);
            if (!remove.exec())
                return fail(remove);
            deleted += remove.numRowsAffected() > 0 ? 1 : 0;
        }
        // A batch holds every row of its runs (megabytes for a big one): once no run uses it,
        // nothing can reach it. The writer inserts a batch and its run in one transaction, so
        // it cannot lose a batch it has just looked up.
        QSqlQuery orphans(m_connection->database());
        if (!orphans.exec(QStringLiteral("DELETE FROM batches WHERE NOT EXISTS"
                                         " (SELECT 1 FROM runs WHERE runs.batch_id = batches.id)")))
            return fail(orphans);
    }
    if (auto committed = m_connection->exec(QStringLiteral("COMMIT"), doing); !committed) {
        m_connection->exec(QStringLiteral("ROLLBACK"), doing);
        return committed.error();
    }
    return deleted;
}

Expected<int> HistoryMaintenance::applyRetention(const RetentionPolicy &policy,
                                                 const QDateTime &now)
{
    if (policy.keepsEverything())
        return 0;
    const QString doing = storeTr("Could not delete runs from the history");
    if (!m_connection)
        return notOpen(doing);
    // Newest first, as the history lists them: a run past the count or before the cutoff goes.
    QSqlQuery query(m_connection->database());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT id, started_ms FROM runs ORDER BY id DESC")))
        return m_connection->errorFrom(query.lastError(), doing);
    const qint64 cutoffMs = policy.keepDays > 0 ? now.addDays(-policy.keepDays).toMSecsSinceEpoch()
                                                : std::numeric_limits<qint64>::min();
    QList<qint64> dropped;
    for (int position = 0; query.next(); ++position) {
        const bool beyondCount = policy.keepRuns > 0 && position >= policy.keepRuns;
        if (beyondCount || query.value(1).toLongLong() < cutoffMs)
            dropped.append(query.value(0).toLongLong());
    }
    query.finish();
    // One transaction per run: a prune of many big runs at start never holds the file long
    // enough to make a run starting meanwhile wait out its busy timeout.
    int deleted = 0;
    for (const qint64 runId : std::as_const(dropped)) {
        const Expected<int> one = deleteRuns({runId});
        if (!one)
            return one.error();
        deleted += *one;
    }
    return deleted;
}

} // namespace salvo
