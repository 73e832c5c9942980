#include "RunHistory.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include "Database.h"
#include "ProcessOwner.h"
#include "Schema.h"
#include "StoreCodec.h"
#include "batch/RowAddress.h"
#include "inspect/InspectionPlan.h"

namespace salvo {
namespace {

QString readingDoing()
{
    return storeTr("Could not read the run history");
}

QDateTime utcFromMs(const QVariant &ms)
{
    return ms.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms.toLongLong(), Qt::UTC);
}

// A file not yet upgraded to version 3 by a run of this Salvo has no resends column: its
// rows resent nothing; nor, before version 4, did its runs check or read anything, nor before
// version 5 did they keep how answers came.
QString resultColumns(int schemaVersion)
{
    return QStringLiteral("row_index, line, url, method, status, error, message, error_detail,"
                          " timeout, elapsed_ms, first_byte_ms, bytes, truncated, content_type,"
                          " attempts, redirects, ")
            + (schemaVersion >= 3 ? QStringLiteral("resends") : QStringLiteral("0"))
            + (schemaVersion >= 4 ? QStringLiteral(", verdict, failed_expectations, extracted,"
                                                   " extraction_problems, columns")
                                  : QStringLiteral(", NULL, NULL, NULL, NULL, NULL"))
            + (schemaVersion >= 5 ? QStringLiteral(", connection") : QStringLiteral(", NULL"));
}

// FROM and WHERE for a run's results through `filter`. The index is named: without
// statistics (ANALYZE) SQLite would walk the whole run in row order and test each row, which
// for a rare class in a million rows is a full scan.
QString filteredResults(const ResultFilter &filter, int schemaVersion)
{
    // Before version 4 no row was checked: none failed an expectation.
    if (schemaVersion < 4 && filter.unmetOnly)
        return QStringLiteral("FROM results WHERE run_id = ? AND 0");
    if (schemaVersion < 4 && filter.metOnly) {
        ResultFilter unchecked = filter;
        unchecked.metOnly = false;
        return filteredResults(unchecked, schemaVersion);
    }
    const QString redirected
            = (filter.redirectedOnly ? QStringLiteral(" AND redirects IS NOT NULL") : QString())
            + (filter.unmetOnly ? QStringLiteral(" AND verdict = 0") : QString())
            + (filter.metOnly ? QStringLiteral(" AND (verdict IS NULL OR verdict = 1)")
                              : QString());
    if (filter.unmetOnly && filter.error == ErrorKind::None && filter.statusClass < 0)
        return QStringLiteral("FROM results INDEXED BY results_unmet WHERE run_id = ?")
                + redirected;
    if (filter.error != ErrorKind::None) {
        return QStringLiteral("FROM results INDEXED BY results_by_error WHERE run_id = ?"
                              " AND error = ?")
                + (filter.statusClass >= 0 ? QStringLiteral(" AND status_class = ?") : QString())
                + redirected;
    }
    if (filter.statusClass >= 0) {
        return QStringLiteral("FROM results INDEXED BY results_by_class WHERE run_id = ?"
                              " AND status_class = ?")
                + redirected;
    }
    return QStringLiteral("FROM results WHERE run_id = ?") + redirected;
}

void bindFilter(QSqlQuery &query, qint64 runId, const ResultFilter &filter)
{
    query.addBindValue(runId);
    if (filter.error != ErrorKind::None)
        query.addBindValue(errorKindName(filter.error));
    if (filter.statusClass >= 0)
        query.addBindValue(filter.statusClass);
}

// A stored plan read back; nothing when there is none, or it no longer reads (a file written
// by a later Salvo with a kind this one does not know).
std::shared_ptr<const InspectionPlan> inspectionOf(const QString &json)
{
    if (json.isEmpty())
        return nullptr;
    Expected<InspectionPlan> plan
            = inspectionFromJson(QJsonDocument::fromJson(json.toUtf8()).object());
    if (!plan || plan->isEmpty())
        return nullptr;
    return std::make_shared<const InspectionPlan>(std::move(plan.value()));
}

// Whether two readings of a batch give the same rows: each row's text, line, method and body.
bool sameRows(const BatchRows &a, const BatchRows &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const WrittenRow first = a.written(i);
        const WrittenRow second = b.written(i);
        if (first.text != second.text || first.line != second.line || first.method != second.method
            || first.body != second.body)
            return false;
    }
    return true;
}

Result resultFromRow(const QSqlQuery &query)
{
    Result result;
    result.index = query.value(0).toInt();
    result.line = query.value(1).toInt();
    result.url = query.value(2).toString();
    result.method = query.value(3).toString().toLatin1();
    result.status = query.value(4).toInt();
    const QVariant error = query.value(5);
    result.error = error.isNull() ? ErrorKind::None : errorKindFromName(error.toString());
    result.message = query.value(6).toString();
    result.detail = query.value(7).toString();
    result.timeout = timeoutKindFromName(query.value(8).toString());
    result.elapsedMs = query.value(9).toLongLong();
    const QVariant firstByte = query.value(10);
    result.firstByteMs = firstByte.isNull() ? -1 : firstByte.toLongLong();
    result.bytes = query.value(11).toLongLong();
    result.truncated = query.value(12).toInt() != 0;
    result.contentType = query.value(13).toString();
    result.attempts = query.value(14).toInt();
    const QVariant redirects = query.value(15);
    if (!redirects.isNull()) {
        const QJsonArray array = QJsonDocument::fromJson(redirects.toString().toUtf8()).array();
        for (const auto &url : array)
            result.redirects.append(url.toString());
    }
    result.resends = query.value(16).toInt();
    const QVariant verdict = query.value(17);
    result.verdict = verdict.isNull() ? Verdict::NotChecked
            : verdict.toInt() == 1    ? Verdict::Passed
                                      : Verdict::Failed;
    result.failedExpectations = textListFromJson(query.value(18).toString());
    result.extracted = textListFromJson(query.value(19).toString());
    result.extractionProblems = textListFromJson(query.value(20).toString());
    result.columns = textListFromJson(query.value(21).toString());
    result.connection = connectionFactsFromText(query.value(22).toString());
    return result;
}

} // namespace

RunHistory::RunHistory(QString path)
    : m_path(std::move(path))
{ }

RunHistory::~RunHistory() = default;

Expected<> RunHistory::open()
{
    Expected<std::unique_ptr<SqlConnection>> connection
            = openCurrentHistory(QStringLiteral("salvo-history-reader"), m_path, true);
    if (!connection)
        return connection.error();
    m_connection = std::move(connection.value());
    return {};
}

Expected<> RunHistory::beginSnapshot()
{
    if (!m_connection)
        return notOpen();
    return m_connection->exec(QStringLiteral("BEGIN DEFERRED"), readingDoing());
}

void RunHistory::endSnapshot()
{
    if (m_connection)
        m_connection->exec(QStringLiteral("COMMIT"), readingDoing());
}

Error RunHistory::notOpen() const
{
    return {ErrorCode::CannotOpen,
            storeTr("%1: the history at %2 is not open.")
                    .arg(readingDoing(), QDir::toNativeSeparators(m_path))};
}

Error RunHistory::noSuchRun(qint64 runId) const
{
    return {ErrorCode::NoSuchRun, storeTr("%1: it has no run %2.").arg(readingDoing()).arg(runId)};
}

Expected<QSqlQuery> RunHistory::queryRun(const QString &sql, qint64 runId)
{
    if (!m_connection)
        return notOpen();
    QSqlQuery query(m_connection->database());
    query.setForwardOnly(true);
    query.prepare(sql);
    query.addBindValue(runId);
    if (!query.exec())
        return m_connection->errorFrom(query.lastError(), readingDoing());
    if (!query.next())
        return noSuchRun(runId);
    return query;
}

Expected<QList<RunSummary>> RunHistory::runs(int limit)
{
    return queryRuns({}, 0, limit);
}

Expected<RunSummary> RunHistory::run(qint64 runId)
{
    Expected<QList<RunSummary>> found = queryRuns(QStringLiteral("WHERE r.id = ?"), runId, 1);
    if (!found)
        return found.error();
    if (found->isEmpty())
        return noSuchRun(runId);
    return found->constFirst();
}

Expected<QList<RunSummary>> RunHistory::queryRuns(const QString &where, qint64 runId, int limit)
{
    if (!m_connection)
        return notOpen();
    QSqlQuery query(m_connection->database());
    query.setForwardOnly(true);
    // A file of version 1 (not yet upgraded by a run of this Salvo) links no re-runs.
    const QString parent = m_connection->versionAtOpen() >= 2 ? QStringLiteral("r.parent_run_id")
                                                              : QStringLiteral("NULL");
    // Nor, before version 4, did a run check or read anything.
    const QString inspection = m_connection->versionAtOpen() >= 4
            ? QStringLiteral(", r.unmet_count, r.inspection, r.input_columns")
            : QStringLiteral(", 0, NULL, NULL");
    query.prepare(QStringLiteral("SELECT r.id, b.name, r.state, r.started_ms, r.finished_ms,"
                                 " r.updated_ms, r.row_count, r.result_count, r.ok_count,"
                                 " r.failed_count, r.owner_host, r.owner_boot, r.owner_pid,"
                                 " r.owner_start, ")
                  + parent + QStringLiteral(", r.options") + inspection
                  + QStringLiteral(" FROM runs r JOIN batches b ON b.id = r.batch_id ") + where
                  + QStringLiteral(" ORDER BY r.id DESC LIMIT ?"));
    if (!where.isEmpty())
        query.addBindValue(runId);
    query.addBindValue(limit < 0 ? -1 : limit);
    if (!query.exec())
        return m_connection->errorFrom(query.lastError(), readingDoing());
    QList<RunSummary> runs;
    while (query.next()) {
        RunSummary run;
        run.id = query.value(0).toLongLong();
        run.batchName = query.value(1).toString();
        run.state = runStateFromName(query.value(2).toString()).value_or(RunState::Interrupted);
        run.started = utcFromMs(query.value(3));
        run.finished = utcFromMs(query.value(4));
        run.rowCount = query.value(6).toInt();
        run.resultCount = query.value(7).toInt();
        run.okCount = query.value(8).toInt();
        run.failedCount = query.value(9).toInt();
        run.parentRunId = query.value(14).toLongLong(); // NULL: 0
        run.certificatesChecked
                = runOptionsFromJson(
                          QJsonDocument::fromJson(query.value(15).toString().toUtf8()).object())
                          .verifyTls;
        run.unmetCount = query.value(16).toInt();
        run.inspection = inspectionOf(query.value(17).toString());
        run.expects = (run.inspection && !run.inspection->expectations.isEmpty())
                || QJsonDocument::fromJson(query.value(17).toString().toUtf8())
                           .object()
                           .value(QStringLiteral("row_expectations"))
                           .toBool();
        run.inputColumns = textListFromJson(query.value(18).toString());
        if (run.state == RunState::Running) {
            const ProcessOwner owner{.host = query.value(10).toString(),
                                     .boot = query.value(11).toString(),
                                     .pid = query.value(12).toLongLong(),
                                     .startTicks = query.value(13).toLongLong()};
            if (ownerLiveness(owner) == OwnerLiveness::Gone)
                run.state = RunState::Interrupted;
        }
        if (run.state == RunState::Interrupted && !run.finished.isValid())
            run.finished = utcFromMs(query.value(5));
        runs.append(run);
    }
    return runs;
}

Expected<QList<Result>> RunHistory::resultsPage(qint64 runId, int offset, int limit,
                                                const ResultFilter &filter)
{
    return queryResults(runId, filter, std::nullopt, std::max(offset, 0), limit);
}

Expected<QList<Result>> RunHistory::resultsAfter(qint64 runId, int afterRowIndex, int limit,
                                                 const ResultFilter &filter)
{
    return queryResults(runId, filter, afterRowIndex, 0, limit);
}

Expected<int> RunHistory::resultCount(qint64 runId, const ResultFilter &filter)
{
    if (!m_connection)
        return notOpen();
    QSqlQuery query(m_connection->database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT count(*) ")
                  + filteredResults(filter, m_connection->versionAtOpen()));
    bindFilter(query, runId, filter);
    if (!query.exec() || !query.next())
        return m_connection->errorFrom(query.lastError(), readingDoing());
    return query.value(0).toInt();
}

Expected<std::optional<LatencyPercentiles>> RunHistory::latencyPercentiles(qint64 runId)
{
    if (!m_connection)
        return notOpen();
    // ORDER BY elapsed_ms with an OFFSET would sort every answered row (no index holds the
    // latency) and do it once per percentile; grouping sorts only the distinct values.
    QSqlQuery query(m_connection->database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT elapsed_ms, count(*) FROM results WHERE run_id = ?"
                                 " AND error IS NULL AND status > 0 GROUP BY elapsed_ms"
                                 " ORDER BY elapsed_ms"));
    query.addBindValue(runId);
    if (!query.exec())
        return m_connection->errorFrom(query.lastError(), readingDoing());
    QList<std::pair<qint64, qint64>> counts;
    qint64 total = 0;
    while (query.next()) {
        counts.append({query.value(0).toLongLong(), query.value(1).toLongLong()});
        total += counts.constLast().second;
    }
    if (total == 0)
        return std::optional<LatencyPercentiles>();
    auto atPercent = [&](qint64 percent) {
        const qint64 rank = std::max<qint64>(1, (percent * total + 99) / 100);
        qint64 seen = 0;
        for (const auto &[ms, count] : std::as_const(counts)) {
            seen += count;
            if (seen >= rank)
                return ms;
        }
        return counts.constLast().first;
    };
    return std::optional<LatencyPercentiles>(LatencyPercentiles{.p50Ms = atPercent(50),
                                                                .p90Ms = atPercent(90),
                                                                .p99Ms = atPercent(99),
                                                                .maxMs = counts.constLast().first});
}

Expected<QList<Result>> RunHistory::queryResults(qint64 runId, const ResultFilter &filter,
                                                 std::optional<int> afterRowIndex, int offset,
                                                 int limit)
{
    if (!m_connection)
        return notOpen();
    QSqlQuery query(m_connection->database());
    query.setForwardOnly(true);
    // The rows of the page are picked from the index alone, then read: an OFFSET over the
    // full rows would read every row it skips (15 ms against 1 ms for a filtered page at
    // offset 20,000).
    query.prepare(QStringLiteral("SELECT ") + resultColumns(m_connection->versionAtOpen())
                  + QStringLiteral(" FROM results WHERE run_id = ? AND row_index IN"
                                   " (SELECT row_index ")
                  + filteredResults(filter, m_connection->versionAtOpen())
                  + (afterRowIndex ? QStringLiteral(" AND row_index > ?") : QString())
                  + QStringLiteral(" ORDER BY row_index LIMIT ? OFFSET ?) ORDER BY row_index"));
    query.addBindValue(runId);
    bindFilter(query, runId, filter);
    if (afterRowIndex)
        query.addBindValue(*afterRowIndex);
    query.addBindValue(limit);
    query.addBindValue(offset);
    if (!query.exec())
        return m_connection->errorFrom(query.lastError(), readingDoing());
    QList<Result> results;
    results.reserve(std::max(limit, 0));
    while (query.next())
        results.append(resultFromRow(query));
    if (Expected<> marked = markCertificateChecks(runId, results); !marked)
        return marked.error();
    return results;
}

Expected<QList<Result>> RunHistory::answersAfter(qint64 runId, int afterRowIndex, int limit,
                                                 const ResultFilter &filter)
{
    Expected<QList<Result>> page = queryResults(runId, filter, afterRowIndex, 0, limit);
    if (!page)
        return page;
    if (Expected<> added = addResponses(runId, *page); !added)
        return added.error();
    return page;
}

Expected<QList<Result>> RunHistory::answersOf(qint64 runId, const QList<int> &rowIndices)
{
    Expected<QList<Result>> results = resultsOf(runId, rowIndices);
    if (!results)
        return results;
    if (Expected<> added = addResponses(runId, *results); !added)
        return added.error();
    return results;
}

Expected<QList<Result>> RunHistory::resultsOf(qint64 runId, const QList<int> &rowIndices)
{
    if (!m_connection)
        return notOpen();
    QSqlQuery query(m_connection->database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + resultColumns(m_connection->versionAtOpen())
                  + QStringLiteral(" FROM results WHERE run_id = ? AND row_index = ?"));
    QList<Result> results;
    results.reserve(rowIndices.size());
    for (const int rowIndex : rowIndices) {
        query.addBindValue(runId);
        query.addBindValue(rowIndex);
        if (!query.exec())
            return m_connection->errorFrom(query.lastError(), readingDoing());
        if (query.next())
            results.append(resultFromRow(query));
        query.finish();
    }
    if (Expected<> marked = markCertificateChecks(runId, results); !marked)
        return marked.error();
    return results;
}

Expected<> RunHistory::markCertificateChecks(qint64 runId, QList<Result> &results)
{
    if (results.isEmpty())
        return {};
    // The run's options say it for every row: one read by the key, not a column per row.
    const Expected<RunOptions> options = runOptions(runId);
    if (!options)
        return options.error();
    for (Result &result : results)
        result.certificatesUnchecked = !options->verifyTls;
    return {};
}

Expected<> RunHistory::addResponses(qint64 runId, QList<Result> &results)
{
    if (results.isEmpty())
        return {};
    QSqlQuery query(m_connection->database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT row_index, headers, headers_compressed, body,"
                                 " body_compressed FROM responses WHERE run_id = ?"
                                 " AND row_index BETWEEN ? AND ? ORDER BY row_index"));
    query.addBindValue(runId);
    query.addBindValue(results.constFirst().index);
    query.addBindValue(results.constLast().index);
    if (!query.exec())
        return m_connection->errorFrom(query.lastError(), readingDoing());
    // Both in row order: one walk pairs them; responses of rows not in the page are skipped.
    qsizetype next = 0;
    while (query.next()) {
        const int rowIndex = query.value(0).toInt();
        while (next < results.size() && results.at(next).index < rowIndex)
            ++next;
        if (next == results.size())
            break;
        Result &result = results[next];
        if (result.index != rowIndex)
            continue;
        result.headers = headerListFromLines(
                unpackBlob(query.value(1).toByteArray(), query.value(2).toInt() != 0));
        result.body = unpackBlob(query.value(3).toByteArray(), query.value(4).toInt() != 0);
    }
    return {};
}

Expected<std::optional<QByteArray>> RunHistory::body(qint64 runId, int rowIndex)
{
    if (!m_connection)
        return notOpen();
    QSqlQuery query(m_connection->database());
    query.setForwardOnly(true);
    query.prepare(
            QStringLiteral("SELECT p.body, p.body_compressed FROM results r LEFT JOIN responses p"
                           " ON p.run_id = r.run_id AND p.row_index = r.row_index"
                           " WHERE r.run_id = ? AND r.row_index = ?"));
    query.addBindValue(runId);
    query.addBindValue(rowIndex);
    if (!query.exec())
        return m_connection->errorFrom(query.lastError(), readingDoing());
    if (!query.next())
        return std::optional<QByteArray>();
    QByteArray bytes = unpackBlob(query.value(0).toByteArray(), query.value(1).toInt() != 0);
    return std::optional<QByteArray>(bytes.isNull() ? QByteArray("") : std::move(bytes));
}

Expected<>
RunHistory::forEachBody(qint64 runId,
                        const std::function<void(int rowIndex, const QByteArray &body)> &visit,
                        const std::function<bool()> &stopped)
{
    if (!m_connection)
        return notOpen();
    QSqlQuery query(m_connection->database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT row_index, body, body_compressed FROM responses"
                                 " WHERE run_id = ? AND body IS NOT NULL ORDER BY row_index"));
    query.addBindValue(runId);
    if (!query.exec())
        return m_connection->errorFrom(query.lastError(), readingDoing());
    while ((!stopped || !stopped()) && query.next())
        visit(query.value(0).toInt(),
              unpackBlob(query.value(1).toByteArray(), query.value(2).toInt() != 0));
    if (query.lastError().isValid())
        return m_connection->errorFrom(query.lastError(), readingDoing());
    return {};
}

Expected<HeaderList> RunHistory::responseHeaders(qint64 runId, int rowIndex)
{
    if (!m_connection)
        return notOpen();
    QSqlQuery query(m_connection->database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT headers, headers_compressed FROM responses"
                                 " WHERE run_id = ? AND row_index = ?"));
    query.addBindValue(runId);
    query.addBindValue(rowIndex);
    if (!query.exec())
        return m_connection->errorFrom(query.lastError(), readingDoing());
    if (!query.next())
        return HeaderList();
    return headerListFromLines(
            unpackBlob(query.value(0).toByteArray(), query.value(1).toInt() != 0));
}

Expected<QList<int>> RunHistory::missingRows(qint64 runId)
{
    const Expected<RunSummary> summary = run(runId);
    if (!summary)
        return summary.error();
    QSqlQuery query(m_connection->database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT row_index FROM results WHERE run_id = ?"
                                 " ORDER BY row_index"));
    query.addBindValue(runId);
    if (!query.exec())
        return m_connection->errorFrom(query.lastError(), readingDoing());
    QList<int> missing;
    int expected = 0;
    while (query.next()) {
        const int stored = query.value(0).toInt();
        for (; expected < stored && expected < summary->rowCount; ++expected)
            missing.append(expected);
        expected = std::max(expected, stored + 1);
    }
    for (; expected < summary->rowCount; ++expected)
        missing.append(expected);
    return missing;
}

Expected<BatchRows> RunHistory::runRows(qint64 runId)
{
    Expected<QSqlQuery> found
            = queryRun(QStringLiteral("SELECT b.rows, r.row_count, b.input_kind, b.url_template,"
                                      " b.input_data, b.input_size FROM runs r JOIN batches b"
                                      " ON b.id = r.batch_id WHERE r.id = ?"),
                       runId);
    if (!found)
        return found.error();
    QSqlQuery &query = *found;
    std::optional<BatchRows> rows = decodeRows(query.value(0).toByteArray());
    if (!rows || rows->size() != query.value(1).toLongLong()) {
        return Error{ErrorCode::NotADatabase,
                     storeTr("%1: the rows of run %2 are damaged.").arg(readingDoing()).arg(runId)};
    }
    // A CSV's rows have their own columns and expectations, which the stored rows do not
    // keep: read again from the kept table when it gives the very rows that ran.
    if (query.value(2).toString() == inputKindName(InputKind::Csv)) {
        const QByteArray data = qUncompress(query.value(4).toByteArray());
        if (data.size() == query.value(5).toLongLong()) {
            Expected<BatchRows> table
                    = parseBatchInput(InputKind::Csv, data, query.value(3).toString());
            if (table && sameRows(*table, *rows))
                return std::move(*table);
        }
    }
    return std::move(*rows);
}

Expected<BatchRows> RunHistory::runRows(qint64 runId, const QList<int> &rowIndices)
{
    const Expected<BatchRows> stored = runRows(runId);
    if (!stored)
        return stored.error();
    for (const int index : rowIndices) {
        if (index < 0 || index >= stored->size()) {
            return Error{
                    ErrorCode::Other,
                    storeTr("%1: run %2 has no row %3.").arg(readingDoing()).arg(runId).arg(index)};
        }
    }
    return stored->picked(rowIndices);
}

Expected<BatchSpec> RunHistory::runBatch(qint64 runId)
{
    return batchWithRows(runId, runRows(runId));
}

Expected<BatchSpec> RunHistory::runBatch(qint64 runId, const QList<int> &rowIndices)
{
    return batchWithRows(runId, runRows(runId, rowIndices));
}

Expected<BatchSpec> RunHistory::batchWithRows(qint64 runId, Expected<BatchRows> rows)
{
    if (!rows)
        return rows.error();
    // What the run checked and read is checked and read again.
    Expected<QSqlQuery> found = queryRun(
            QStringLiteral("SELECT b.method, b.headers, b.body, ")
                    + (m_connection->versionAtOpen() >= 4 ? QStringLiteral("r.inspection")
                                                          : QStringLiteral("NULL"))
                    + QStringLiteral(" FROM runs r JOIN batches b ON b.id = r.batch_id"
                                     " WHERE r.id = ?"),
            runId);
    if (!found)
        return found.error();
    QSqlQuery &query = *found;
    BatchSpec batch;
    batch.rows = std::move(*rows);
    batch.method = query.value(0).toString().toLatin1();
    batch.headers = headerListFromJson(query.value(1).toString().toUtf8());
    batch.body = query.value(2).toByteArray();
    batch.inspection = inspectionOf(query.value(3).toString());
    return batch;
}

Expected<BatchInput> RunHistory::batchInput(qint64 runId)
{
    Expected<QSqlQuery> found = queryRun(
            QStringLiteral("SELECT b.input_kind, b.url_template, b.input_data, b.method,"
                           " b.headers, b.body, b.input_size, ")
                    + (m_connection->versionAtOpen() >= 4 ? QStringLiteral("r.inspection")
                                                          : QStringLiteral("NULL"))
                    + QStringLiteral(" FROM runs r JOIN batches b"
                                     " ON b.id = r.batch_id WHERE r.id = ?"),
            runId);
    if (!found)
        return found.error();
    QSqlQuery &query = *found;
    if (query.value(0).isNull()) {
        return Error{ErrorCode::Other,
                     storeTr("%1: run %2 kept its rows but not the text they came from.")
                             .arg(readingDoing())
                             .arg(runId)};
    }
    const std::optional<InputKind> kind = inputKindFromName(query.value(0).toString());
    const QByteArray data = qUncompress(query.value(2).toByteArray());
    if (!kind || data.size() != query.value(6).toLongLong()) {
        return Error{ErrorCode::NotADatabase,
                     storeTr("%1: the input of run %2 is damaged.").arg(readingDoing()).arg(runId)};
    }
    BatchInput input;
    input.kind = *kind;
    input.urlTemplate = query.value(1).toString();
    input.data = data;
    input.method = query.value(3).toString().toLatin1();
    input.headers = headerListFromJson(query.value(4).toString().toUtf8());
    input.body = query.value(5).toByteArray();
    if (const auto plan = inspectionOf(query.value(7).toString()))
        input.inspection = *plan;
    return input;
}

Expected<QList<QByteArray>> RunHistory::withheldHeaders(qint64 runId)
{
    Expected<QSqlQuery> found
            = queryRun(QStringLiteral("SELECT b.withheld_headers FROM runs r JOIN batches b"
                                      " ON b.id = r.batch_id WHERE r.id = ?"),
                       runId);
    if (!found)
        return found.error();
    QSqlQuery &query = *found;
    QList<QByteArray> names;
    const QJsonArray array = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).array();
    for (const auto &name : array)
        names.append(name.toString().toLatin1());
    return names;
}

Expected<RunOptions> RunHistory::runOptions(qint64 runId)
{
    Expected<QSqlQuery> found
            = queryRun(QStringLiteral("SELECT options FROM runs WHERE id = ?"), runId);
    if (!found)
        return found.error();
    QSqlQuery &query = *found;
    return runOptionsFromJson(QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object());
}

} // namespace salvo
