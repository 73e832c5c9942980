#include "RunStore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPromise>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <functional>
#include <optional>

#include "Database.h"
#include "ProcessOwner.h"
#include "Schema.h"
#include "SqliteStatement.h"
#include "StoreCodec.h"
#include "inspect/InspectionPlan.h"
#include "batch/SecretHeaders.h"

namespace salvo {
namespace {

constexpr int sqliteConstraint = 19;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// What a queued result holds on to, roughly: the bound is about memory, not exact bytes.
qint64 estimatedBytes(const ResultBatch &results)
{
    qint64 bytes = 0;
    for (const Result &result : results) {
        bytes += qint64(sizeof(Result)) + result.body.size()
                + 2 * (result.url.size() + result.message.size() + result.detail.size());
        for (const auto &[name, value] : result.headers)
            bytes += name.size() + value.size();
    }
    return bytes;
}

// Qt SQL binds a null QString or QByteArray as NULL; these columns want an empty value.
QString textOrEmpty(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

QByteArray bytesOrEmpty(const QByteArray &bytes)
{
    return bytes.isNull() ? QByteArrayLiteral("") : bytes;
}

struct NewRun
{
    BatchSpec batch;
    std::optional<BatchInput> input;
    RunOptions options;
    QString batchName;
    qint64 startedMs = 0;
    qint64 parentRunId = 0; // 0: none
};

QString defaultBatchName(const NewRun &run)
{
    if (run.input && !run.input->templateInUse().isEmpty())
        return run.input->templateInUse();
    if (run.batch.rows.isEmpty())
        return {};
    return run.batch.rows.written(0).text.left(200);
}

// What a run checks and reads in each answer, as the history keeps it: its plan, and whether
// its rows have expectations of their own. NULL for a run that does neither.
QVariant inspectionText(const BatchSpec &batch)
{
    const InspectionPlan *plan = batch.inspection.get();
    const bool rowsExpect = batch.rows.hasRowExpectations();
    if ((!plan || plan->isEmpty()) && !rowsExpect)
        return {};
    QJsonObject object = inspectionToJson(plan ? *plan : InspectionPlan());
    if (rowsExpect)
        object.insert(QStringLiteral("row_expectations"), true);
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// What the run checked and read of the result, into the insert's places from `first` on:
// verdict, failed_expectations, extracted, extraction_problems, columns.
void bindInspection(SqliteStatement &insert, int first, const Result &result)
{
    if (result.verdict == Verdict::NotChecked)
        insert.bindNull(first);
    else
        insert.bindInt(first, result.verdict == Verdict::Passed ? 1 : 0);
    insert.bindTextOrNull(first + 1, textListToJson(result.failedExpectations));
    insert.bindTextOrNull(first + 2, textListToJson(result.extracted));
    insert.bindTextOrNull(first + 3, textListToJson(result.extractionProblems));
    insert.bindTextOrNull(first + 4, textListToJson(result.columns));
}

} // namespace

// The store thread's half: owns the connection and its prepared statements.
class StoreWriter final : public QObject
{
public:
    StoreWriter(const StoreConfig &config, RunStore *store)
        : m_config(config)
        , m_store(store)
        , m_backlog(store->m_backlog)
    { }

    Expected<> open();
    void beginRun(RunTicket ticket, const NewRun &run);
    void resumeRun(RunTicket ticket, qint64 runId);
    void appendResults(RunTicket ticket, const ResultBatch &results, qint64 bytes);
    void finishRun(RunTicket ticket, RunState state);
    void shutdown();

private:
    bool ensureOpen();
    // Runs saved as running whose process is gone (a crash, a kill, a power cut) become
    // interrupted, with their last commit as their end.
    void saveOrphansAsInterrupted();
    void close();
    Expected<> prepare(std::optional<SqliteStatement> &statement, const QString &sql);
    Expected<> inTransaction(const QString &doing, const std::function<Expected<>()> &work);
    Expected<qint64> storeBatch(const NewRun &run, const QByteArray &rows, const QString &doing);
    Expected<> writeResults(qint64 runId, const ResultBatch &results, const QString &doing);
    Expected<> setState(qint64 runId, RunState state, const QString &doing);
    void release(int rows, qint64 bytes);
    void reportFailure(const QString &message);
    // A run that could not be begun or resumed: runRefused, then writeFailed.
    void refuseRun(RunTicket ticket, const QString &reason, const QString &message);
    // Remembers a run begun or resumed on this connection and tells the store's callers.
    void announceRun(RunTicket ticket, qint64 runId);

    const StoreConfig m_config;
    RunStore *const m_store; // outlives this: its destructor waits for the thread
    RunStore::Backlog &m_backlog;
    std::unique_ptr<SqlConnection> m_connection;
    std::optional<Error> m_openError;
    std::optional<SqliteStatement> m_insertResult;
    std::optional<SqliteStatement> m_insertResponse;
    std::optional<SqliteStatement> m_countResults;
    QHash<RunTicket, qint64> m_runIds;
    QSet<RunTicket> m_unfinished;
};

Expected<> StoreWriter::open()
{
    close();
    m_openError.reset();
    m_connection = std::make_unique<SqlConnection>(QStringLiteral("salvo-store-writer"));
    Expected<> opened = m_connection->open({.path = m_config.path,
                                            .readOnly = false,
                                            .busyTimeout = m_config.busyTimeout,
                                            .extraConnectOptions = m_config.extraConnectOptions});
    if (opened)
        opened = migrateToLatest(*m_connection);
    for (const QString &pragma : m_config.extraPragmas) {
        if (opened)
            opened = m_connection->exec(pragma, storeTr("Could not open the run history"));
    }
    if (opened) {
        // A write that changes nothing, so a read-only file or a lock held elsewhere shows now,
        // when the caller can still tell the person, rather than at the first batch.
        const QString doing = storeTr("Could not open the run history");
        opened = m_connection->exec(QStringLiteral("BEGIN IMMEDIATE"), doing);
        if (opened) {
            opened = m_connection->exec(
                    QStringLiteral("PRAGMA user_version = %1").arg(latestSchemaVersion()), doing);
            QSqlQuery(m_connection->database()).exec(QStringLiteral("ROLLBACK"));
        }
    }
    if (opened)
        saveOrphansAsInterrupted();
    if (opened) {
        opened = prepare(
                m_insertResult,
                QStringLiteral(
                        "INSERT INTO results (run_id, row_index, line, url, method,"
                        " status, error, message, error_detail, timeout,"
                        " elapsed_ms, first_byte_ms, bytes, truncated,"
                        " content_type, attempts, redirects, status_class, resends, verdict,"
                        " failed_expectations, extracted, extraction_problems, columns,"
                        " connection)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        " ?, ?, ?, ?)"));
    }
    if (opened) {
        opened = prepare(m_insertResponse,
                         QStringLiteral("INSERT INTO responses (run_id, row_index, headers,"
                                        " headers_compressed, body, body_compressed)"
                                        " VALUES (?, ?, ?, ?, ?, ?)"));
    }
    if (opened) {
        opened = prepare(m_countResults,
                         QStringLiteral("UPDATE runs SET result_count = result_count + ?,"
                                        " ok_count = ok_count + ?, failed_count = failed_count + ?,"
                                        " unmet_count = unmet_count + ?, updated_ms = ?"
                                        " WHERE id = ?"));
    }
    if (!opened) {
        m_openError = opened.error();
        close();
    }
    return opened;
}

void StoreWriter::saveOrphansAsInterrupted()
{
    QList<qint64> orphans;
    {
        QSqlQuery query(m_connection->database());
        query.setForwardOnly(true);
        query.exec(QStringLiteral("SELECT id, owner_host, owner_boot, owner_pid, owner_start"
                                  " FROM runs WHERE state = 'running'"));
        while (query.next()) {
            const ProcessOwner owner{.host = query.value(1).toString(),
                                     .boot = query.value(2).toString(),
                                     .pid = query.value(3).toLongLong(),
                                     .startTicks = query.value(4).toLongLong()};
            if (ownerLiveness(owner) == OwnerLiveness::Gone)
                orphans.append(query.value(0).toLongLong());
        }
    }
    if (orphans.isEmpty())
        return;
    const QString doing = storeTr("Could not mark interrupted runs in the history");
    // Not fatal: readers work the state out themselves; this keeps the file telling the truth
    // to whatever else reads it.
    inTransaction(doing, [&]() -> Expected<> {
        QSqlQuery update(m_connection->database());
        update.prepare(QStringLiteral("UPDATE runs SET state = ?, finished_ms = updated_ms"
                                      " WHERE id = ? AND state = ?"));
        for (qint64 runId : std::as_const(orphans)) {
            update.addBindValue(runStateName(RunState::Interrupted));
            update.addBindValue(runId);
            update.addBindValue(runStateName(RunState::Running));
            if (!update.exec())
                return m_connection->errorFrom(update.lastError(), doing);
        }
        return {};
    });
}

bool StoreWriter::ensureOpen()
{
    if (m_connection)
        return true;
    if (!m_openError)
        open();
    return m_connection != nullptr;
}

void StoreWriter::close()
{
    m_insertResult.reset();
    m_insertResponse.reset();
    m_countResults.reset();
    m_connection.reset();
}

Expected<> StoreWriter::prepare(std::optional<SqliteStatement> &statement, const QString &sql)
{
    statement.emplace();
    if (!statement->prepare(*m_connection, sql))
        return m_connection->errorFrom(statement->lastError(),
                                       storeTr("Could not open the run history"));
    return {};
}

Expected<> StoreWriter::inTransaction(const QString &doing, const std::function<Expected<>()> &work)
{
    // IMMEDIATE takes the write lock up front, so a lock held elsewhere is met (and waited
    // for) here rather than half-way through the work.
    if (auto begun = m_connection->exec(QStringLiteral("BEGIN IMMEDIATE"), doing); !begun)
        return begun;
    Expected<> done = work();
    if (done)
        done = m_connection->exec(QStringLiteral("COMMIT"), doing);
    if (!done) {
        // SQLite may have rolled back already (a full disk does): then this fails, harmlessly.
        QSqlQuery(m_connection->database()).exec(QStringLiteral("ROLLBACK"));
    }
    return done;
}

void StoreWriter::beginRun(RunTicket ticket, const NewRun &run)
{
    const QString doing = storeTr("Could not start saving this run to the history");
    if (!ensureOpen()) {
        refuseRun(ticket, m_openError->message,
                  storeTr("This run is not saved to the history. %1").arg(m_openError->message));
        return;
    }
    const ProcessOwner owner = ProcessOwner::current();
    // Before the transaction: no need to hold the write lock while a million rows compress.
    const QByteArray rows = encodeRows(run.batch.rows);
    qint64 runId = 0;
    const Expected<> done = inTransaction(doing, [&]() -> Expected<> {
        const Expected<qint64> batchId = storeBatch(run, rows, doing);
        if (!batchId)
            return batchId.error();
        QSqlQuery insert(m_connection->database());
        insert.prepare(QStringLiteral(
                "INSERT INTO runs (batch_id, state, started_ms, updated_ms, options, row_count,"
                " salvo_version, owner_host, owner_boot, owner_pid, owner_start, inspection,"
                " input_columns, parent_run_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " (SELECT id FROM runs WHERE id = ?))"));
        insert.addBindValue(*batchId);
        insert.addBindValue(runStateName(RunState::Running));
        insert.addBindValue(run.startedMs);
        insert.addBindValue(run.startedMs);
        insert.addBindValue(QString::fromUtf8(
                QJsonDocument(runOptionsToJson(run.options)).toJson(QJsonDocument::Compact)));
        insert.addBindValue(int(run.batch.rows.size()));
        insert.addBindValue(QStringLiteral(SALVO_VERSION));
        insert.addBindValue(owner.host);
        insert.addBindValue(owner.boot);
        insert.addBindValue(owner.pid);
        insert.addBindValue(owner.startTicks);
        insert.addBindValue(inspectionText(run.batch));
        const QString inputColumns = textListToJson(run.batch.rows.columnNames());
        insert.addBindValue(inputColumns.isNull() ? QVariant() : QVariant(inputColumns));
        // A parent deleted since the re-run was asked for leaves it without one, as deleting
        // it later would: the re-run is still worth saving.
        insert.addBindValue(run.parentRunId);
        if (!insert.exec())
            return m_connection->errorFrom(insert.lastError(), doing);
        runId = insert.lastInsertId().toLongLong();
        return {};
    });
    if (!done) {
        refuseRun(ticket, done.error().message, done.error().message);
        return;
    }
    announceRun(ticket, runId);
}

Expected<qint64> StoreWriter::storeBatch(const NewRun &run, const QByteArray &rows,
                                         const QString &doing)
{
    const BatchSpec &batch = run.batch;
    const auto [kept, secret] = splitSecretHeaders(batch.headers);
    QStringList withheld;
    for (const auto &header : secret)
        withheld.append(QString::fromLatin1(header.first));
    const QString name = run.batchName.isEmpty() ? defaultBatchName(run) : run.batchName;
    const QString kind = run.input ? inputKindName(run.input->kind) : QString();
    const QString urlTemplate = run.input ? run.input->templateInUse() : QString();
    const QByteArray data = run.input ? run.input->data : QByteArray();
    const QByteArray headers = headerListToJson(kept);
    const QByteArray withheldJson
            = QJsonDocument(QJsonArray::fromStringList(withheld)).toJson(QJsonDocument::Compact);

    // Length-prefixed fields, so no two different batches hash the same bytes.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QByteArray &field : {name.toUtf8(), rows, kind.toUtf8(), urlTemplate.toUtf8(), data,
                                    batch.method, headers, withheldJson, batch.body}) {
        hash.addData(QByteArray(QByteArray::number(field.size()) + ':'));
        hash.addData(field);
    }
    const QByteArray fingerprint = hash.result();

    QSqlQuery query(m_connection->database());
    query.prepare(QStringLiteral(
            "INSERT INTO batches (fingerprint, name, rows, input_kind, url_template, input_data,"
            " input_size, method, headers, withheld_headers, body, created_ms)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO NOTHING"));
    query.addBindValue(fingerprint);
    query.addBindValue(textOrEmpty(name));
    query.addBindValue(rows);
    query.addBindValue(run.input ? QVariant(kind) : QVariant());
    query.addBindValue(textOrEmpty(urlTemplate));
    query.addBindValue(qCompress(data, fastCompression));
    query.addBindValue(data.size());
    query.addBindValue(textOrEmpty(QString::fromLatin1(batch.method)));
    query.addBindValue(QString::fromUtf8(headers));
    query.addBindValue(QString::fromUtf8(withheldJson));
    query.addBindValue(bytesOrEmpty(batch.body));
    query.addBindValue(run.startedMs);
    if (!query.exec())
        return m_connection->errorFrom(query.lastError(), doing);
    query.prepare(QStringLiteral("SELECT id FROM batches WHERE fingerprint = ?"));
    query.addBindValue(fingerprint);
    if (!query.exec() || !query.next())
        return m_connection->errorFrom(query.lastError(), doing);
    return query.value(0).toLongLong();
}

void StoreWriter::resumeRun(RunTicket ticket, qint64 runId)
{
    const QString doing = storeTr("Could not resume saving run %1 to the history").arg(runId);
    if (!ensureOpen()) {
        refuseRun(ticket, m_openError->message,
                  storeTr("This run is not saved to the history. %1").arg(m_openError->message));
        return;
    }
    const ProcessOwner owner = ProcessOwner::current();
    const Expected<> done = inTransaction(doing, [&]() -> Expected<> {
        // Checked in the same write transaction as the update: of two processes resuming the
        // run at once, the second finds it running under a live owner and stops.
        QSqlQuery current(m_connection->database());
        current.prepare(QStringLiteral("SELECT state, owner_host, owner_boot, owner_pid,"
                                       " owner_start FROM runs WHERE id = ?"));
        current.addBindValue(runId);
        if (!current.exec())
            return m_connection->errorFrom(current.lastError(), doing);
        if (current.next() && runStateFromName(current.value(0).toString()) == RunState::Running) {
            const ProcessOwner writer{.host = current.value(1).toString(),
                                      .boot = current.value(2).toString(),
                                      .pid = current.value(3).toLongLong(),
                                      .startTicks = current.value(4).toLongLong()};
            if (ownerLiveness(writer) != OwnerLiveness::Gone) {
                return Error{ErrorCode::StillRunning,
                             storeTr("%1: another salvo-cli or window is running it.").arg(doing)};
            }
        }
        current.finish();
        QSqlQuery update(m_connection->database());
        update.prepare(QStringLiteral(
                "UPDATE runs SET state = ?, finished_ms = NULL, updated_ms = ?, salvo_version = ?,"
                " owner_host = ?, owner_boot = ?, owner_pid = ?, owner_start = ? WHERE id = ?"));
        update.addBindValue(runStateName(RunState::Running));
        update.addBindValue(nowMs());
        update.addBindValue(QStringLiteral(SALVO_VERSION));
        update.addBindValue(owner.host);
        update.addBindValue(owner.boot);
        update.addBindValue(owner.pid);
        update.addBindValue(owner.startTicks);
        update.addBindValue(runId);
        if (!update.exec())
            return m_connection->errorFrom(update.lastError(), doing);
        if (update.numRowsAffected() != 1)
            return Error{ErrorCode::Other,
                         storeTr("%1: the history has no run %2.").arg(doing).arg(runId)};
        return {};
    });
    if (!done) {
        refuseRun(ticket, done.error().message, done.error().message);
        return;
    }
    announceRun(ticket, runId);
}

void StoreWriter::appendResults(RunTicket ticket, const ResultBatch &results, qint64 bytes)
{
    // A run whose start could not be saved was reported then; its results go unsaved quietly.
    const qint64 runId = m_connection ? m_runIds.value(ticket) : 0;
    if (runId != 0) {
        const QString doing = results.size() == 1
                ? storeTr("Could not save 1 result of run %1 to the history").arg(runId)
                : storeTr("Could not save %1 results of run %2 to the history")
                          .arg(results.size())
                          .arg(runId);
        const Expected<> done
                = inTransaction(doing, [&] { return writeResults(runId, results, doing); });
        if (!done)
            reportFailure(done.error().message);
    }
    release(int(results.size()), bytes);
}

Expected<> StoreWriter::writeResults(qint64 runId, const ResultBatch &results, const QString &doing)
{
    int ok = 0;
    int unmet = 0;
    SqliteStatement &insert = *m_insertResult;
    SqliteStatement &response = *m_insertResponse;
    for (const Result &result : results) {
        insert.bindInt(0, runId);
        insert.bindInt(1, result.index);
        insert.bindInt(2, result.line);
        insert.bindText(3, result.url);
        insert.bindText(4, QString::fromLatin1(result.method));
        insert.bindInt(5, result.status);
        insert.bindTextOrNull(6, errorKindName(result.error));
        insert.bindTextOrNull(7, result.message);
        insert.bindTextOrNull(8, result.detail);
        insert.bindTextOrNull(9, timeoutKindName(result.timeout));
        insert.bindInt(10, result.elapsedMs);
        if (result.firstByteMs < 0)
            insert.bindNull(11);
        else
            insert.bindInt(11, result.firstByteMs);
        insert.bindInt(12, result.bytes);
        insert.bindInt(13, result.truncated ? 1 : 0);
        insert.bindTextOrNull(14, result.contentType);
        insert.bindInt(15, result.attempts);
        if (result.redirects.isEmpty())
            insert.bindNull(16);
        else
            insert.bindText(
                    16,
                    QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(result.redirects))
                                              .toJson(QJsonDocument::Compact)));
        insert.bindInt(17, result.error == ErrorKind::None ? result.status / 100 : 0);
        insert.bindInt(18, result.resends);
        bindInspection(insert, 19, result);
        insert.bindTextOrNull(24, connectionFactsToText(result.connection));
        if (!insert.exec()) {
            const QSqlError error = insert.lastError();
            if ((error.nativeErrorCode().toInt() & 0xff) == sqliteConstraint) {
                return Error{ErrorCode::Other,
                             storeTr("%1: row %2 (line %3) already has a saved result in this "
                                     "run, so none of this batch was saved.")
                                     .arg(doing)
                                     .arg(result.index)
                                     .arg(result.line)};
            }
            return m_connection->errorFrom(error, doing);
        }
        if (!result.body.isEmpty() || !result.headers.isEmpty()) {
            const StoredBlob headers = packBlob(headerLines(result.headers));
            const StoredBlob body = packBlob(result.body);
            response.bindInt(0, runId);
            response.bindInt(1, result.index);
            response.bindBlobOrNull(2, headers.bytes);
            response.bindInt(3, headers.compressed ? 1 : 0);
            response.bindBlobOrNull(4, body.bytes);
            response.bindInt(5, body.compressed ? 1 : 0);
            if (!response.exec())
                return m_connection->errorFrom(response.lastError(), doing);
        }
        ok += result.ok() ? 1 : 0;
        unmet += result.verdict == Verdict::Failed ? 1 : 0;
    }
    SqliteStatement &count = *m_countResults;
    count.bindInt(0, int(results.size()));
    count.bindInt(1, ok);
    count.bindInt(2, int(results.size()) - ok);
    count.bindInt(3, unmet);
    count.bindInt(4, nowMs());
    count.bindInt(5, runId);
    if (!count.exec())
        return m_connection->errorFrom(count.lastError(), doing);
    return {};
}

void StoreWriter::finishRun(RunTicket ticket, RunState state)
{
    const qint64 runId = m_connection ? m_runIds.value(ticket) : 0;
    m_unfinished.remove(ticket);
    if (runId == 0)
        return;
    const QString doing = storeTr("Could not save the end of run %1 to the history").arg(runId);
    const Expected<> done = inTransaction(doing, [&] { return setState(runId, state, doing); });
    if (!done)
        reportFailure(done.error().message);
}

Expected<> StoreWriter::setState(qint64 runId, RunState state, const QString &doing)
{
    QSqlQuery update(m_connection->database());
    update.prepare(QStringLiteral(
            "UPDATE runs SET state = ?, finished_ms = ?, updated_ms = ? WHERE id = ?"));
    const qint64 now = nowMs();
    update.addBindValue(runStateName(state));
    update.addBindValue(state == RunState::Running ? QVariant() : QVariant(now));
    update.addBindValue(now);
    update.addBindValue(runId);
    if (!update.exec())
        return m_connection->errorFrom(update.lastError(), doing);
    return {};
}

void StoreWriter::shutdown()
{
    if (m_connection) {
        for (RunTicket ticket : std::as_const(m_unfinished)) {
            const qint64 runId = m_runIds.value(ticket);
            const QString doing
                    = storeTr("Could not save the end of run %1 to the history").arg(runId);
            inTransaction(doing, [&] { return setState(runId, RunState::Interrupted, doing); });
        }
    }
    m_unfinished.clear();
    if (m_connection) // SQLite's advice for a connection that is closing: refresh statistics
        m_connection->exec(QStringLiteral("PRAGMA optimize"), {});
    close();
}

void StoreWriter::release(int rows, qint64 bytes)
{
    const int rowsLeft = m_backlog.rows.fetch_sub(rows) - rows;
    const qint64 bytesLeft = m_backlog.bytes.fetch_sub(bytes) - bytes;
    if (m_backlog.overBound.load() && rowsLeft <= m_config.backlogRows / 2
        && bytesLeft <= m_config.backlogBytes / 2) {
        QMetaObject::invokeMethod(
                m_store, [store = m_store] { store->handleBacklogDrained(); },
                Qt::QueuedConnection);
    }
}

void StoreWriter::reportFailure(const QString &message)
{
    QMetaObject::invokeMethod(
            m_store, [store = m_store, message] { emit store->writeFailed(message); },
            Qt::QueuedConnection);
}

void StoreWriter::refuseRun(RunTicket ticket, const QString &reason, const QString &message)
{
    QMetaObject::invokeMethod(
            m_store,
            [store = m_store, ticket, reason, message] {
                emit store->runRefused(ticket, reason);
                emit store->writeFailed(message);
            },
            Qt::QueuedConnection);
}

void StoreWriter::announceRun(RunTicket ticket, qint64 runId)
{
    m_runIds.insert(ticket, runId);
    m_unfinished.insert(ticket);
    QMetaObject::invokeMethod(
            m_store, [store = m_store, ticket, runId] { emit store->runBegun(ticket, runId); },
            Qt::QueuedConnection);
}

template<typename Work>
void RunStore::post(Work &&work)
{
    QMetaObject::invokeMethod(m_writer.get(), std::forward<Work>(work), Qt::QueuedConnection);
}

RunStore::RunStore(StoreConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_writer(std::make_unique<StoreWriter>(m_config, this))
{
    m_thread.setObjectName(QStringLiteral("salvo-store"));
    m_writer->moveToThread(&m_thread);
    m_thread.start();
}

RunStore::~RunStore()
{
    // Queued behind every write already asked for, so they are all done before the thread
    // ends; the connection closes on the thread that opened it.
    post([writer = m_writer.get()] {
        writer->shutdown();
        QThread::currentThread()->quit();
    });
    m_thread.wait();
}

QFuture<Expected<>> RunStore::open()
{
    auto promise = std::make_shared<QPromise<Expected<>>>();
    QFuture<Expected<>> future = promise->future();
    promise->start();
    post([writer = m_writer.get(), promise] {
        promise->addResult(writer->open());
        promise->finish();
    });
    return future;
}

RunTicket RunStore::beginRun(const BatchSpec &batch, const RunOptions &options,
                             const std::optional<BatchInput> &input, const QString &batchName,
                             qint64 parentRunId)
{
    const RunTicket ticket = ++m_lastTicket;
    // The spec's lists are shared, not copied: this returns at once even for a million rows.
    post([writer = m_writer.get(), ticket,
          run = NewRun{batch, input, options, batchName, nowMs(), parentRunId}] {
        writer->beginRun(ticket, run);
    });
    return ticket;
}

RunTicket RunStore::resumeRun(qint64 runId)
{
    const RunTicket ticket = ++m_lastTicket;
    post([writer = m_writer.get(), ticket, runId] { writer->resumeRun(ticket, runId); });
    return ticket;
}

void RunStore::appendResults(RunTicket run, const ResultBatch &results)
{
    if (results.isEmpty())
        return;
    const qint64 bytes = estimatedBytes(results);
    const int rows = m_backlog.rows.fetch_add(int(results.size())) + int(results.size());
    const qint64 allBytes = m_backlog.bytes.fetch_add(bytes) + bytes;
    // The flag is set before the batch is queued, so the store thread sees it when it has
    // written this batch at the latest, and tells when the backlog has drained.
    if (!m_backlog.overBound.load()
        && (rows > m_config.backlogRows || allBytes > m_config.backlogBytes)) {
        m_backlog.overBound.store(true);
        emit backlogChanged(true);
    }
    post([writer = m_writer.get(), run, results, bytes] {
        writer->appendResults(run, results, bytes);
    });
}

void RunStore::finishRun(RunTicket run, RunState state)
{
    post([writer = m_writer.get(), run, state] { writer->finishRun(run, state); });
}

QFuture<void> RunStore::flush()
{
    auto promise = std::make_shared<QPromise<void>>();
    QFuture<void> future = promise->future();
    promise->start();
    post([promise] { promise->finish(); });
    return future;
}

void RunStore::requestFlush()
{
    // Queued to this object from the store thread like every other answer it gives, and
    // posted events of one priority from one thread are delivered in the order posted.
    post([store = this] {
        QMetaObject::invokeMethod(
                store, [store] { emit store->flushed(); }, Qt::QueuedConnection);
    });
}

void RunStore::handleBacklogDrained()
{
    // The store thread may ask more than once, and rows may have been queued since it asked:
    // then their own commit asks again.
    if (!m_backlog.overBound.load() || m_backlog.rows.load() > m_config.backlogRows / 2
        || m_backlog.bytes.load() > m_config.backlogBytes / 2)
        return;
    m_backlog.overBound.store(false);
    emit backlogChanged(false);
}

} // namespace salvo
