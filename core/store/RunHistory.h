#pragma once

#include <QByteArray>
#include <QList>
#include <QSqlQuery>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

#include "Expected.h"
#include "StoreTypes.h"
#include "batch/BatchInput.h"
#include "batch/BatchSpec.h"
#include "engine/RunOptions.h"
#include "result/Result.h"
#include "stats/RunStats.h"

namespace salvo {

class SqlConnection;

// Reads the history: the list of runs, their results a page at a time, one body, and what a
// resume needs. A read-only connection of its own, on whatever thread calls open() (a
// QtConcurrent task, a job); use and destroy it on that thread. Reads never wait for the
// writer (WAL) and see every committed batch.
class RunHistory final
{
    Q_DISABLE_COPY_MOVE(RunHistory)

public:
    explicit RunHistory(QString path);
    ~RunHistory();

    // Fails for a file that is missing, not a history, of a newer Salvo, or not yet upgraded
    // to this version's format (the next RunStore::open() upgrades it).
    Expected<> open();

    // Every read until endSnapshot() sees the history as it was at the first of them, whatever
    // a writer commits meanwhile (a WAL read transaction): an export counts and writes the
    // same rows. Keep it short: the WAL cannot be checkpointed past a snapshot in use.
    Expected<> beginSnapshot();
    void endSnapshot();

    // Newest first. A run saved as running whose process is gone reads as interrupted.
    Expected<QList<RunSummary>> runs(int limit = -1);
    Expected<RunSummary> run(qint64 runId);

    // Results in row order, without bodies and headers, filtered as the results table is:
    // offset counts the results that match, so rows with no result yet are skipped.
    // resultsAfter() continues after a row index without the cost of an OFFSET (which steps
    // over every skipped row): the way to page to the end of a million rows. Filters are
    // served by their own index, in row order too.
    Expected<QList<Result>> resultsPage(qint64 runId, int offset, int limit,
                                        const ResultFilter &filter = {});
    Expected<QList<Result>> resultsAfter(qint64 runId, int afterRowIndex, int limit,
                                         const ResultFilter &filter = {});
    Expected<int> resultCount(qint64 runId, const ResultFilter &filter = {});

    // resultsAfter() with each result's kept response headers and body: what an export
    // streams. Keep pages small (a few hundred rows): each holds its bodies in memory.
    Expected<QList<Result>> answersAfter(qint64 runId, int afterRowIndex, int limit,
                                         const ResultFilter &filter = {});
    // The rows asked for (ascending), as far as they have results: without their answers, and
    // with them.
    Expected<QList<Result>> resultsOf(qint64 runId, const QList<int> &rowIndices);
    Expected<QList<Result>> answersOf(qint64 runId, const QList<int> &rowIndices);

    // Latency over the run's answered rows (status > 0, no error), nearest rank as RunStats
    // takes it; nullopt when no row has an answer. One pass over the run's results, grouped
    // by latency, so the sort is over distinct latencies rather than rows: 0.33 s for a run
    // of 1,000,000 rows, where ORDER BY elapsed_ms with an OFFSET took 2.3 s per percentile.
    Expected<std::optional<LatencyPercentiles>> latencyPercentiles(qint64 runId);

    // The kept body of one row: empty when none was kept; nullopt when the row has no result.
    Expected<std::optional<QByteArray>> body(qint64 runId, int rowIndex);
    Expected<HeaderList> responseHeaders(qint64 runId, int rowIndex);
    // Every kept body of the run in row order, one at a time (a run's bodies together may not
    // fit in memory): what comparing two runs reads. Rows that kept no body are not visited.
    // stopped, when given, is asked before each body: true ends the walk there.
    Expected<> forEachBody(qint64 runId,
                           const std::function<void(int rowIndex, const QByteArray &body)> &visit,
                           const std::function<bool()> &stopped = {});

    // The rows in 0..rowCount-1 with no saved result, ascending: what a resume still has to
    // request.
    Expected<QList<int>> missingRows(qint64 runId);

    // The rows the run was asked to request, in row order: each made again from its stored
    // address text, line, method and body by requestForRow(), so a row that was invalid is
    // invalid again with the same error. What a resume sends: runRows(id, *missingRows(id)),
    // which builds only the rows asked for, in the order asked.
    // The rows stay compact: each is made when asked for (StoredRows).
    Expected<BatchRows> runRows(qint64 runId);
    Expected<BatchRows> runRows(qint64 runId, const QList<int> &rowIndices);
    // The batch as it ran (rows, method, headers, body), without the secret headers:
    // withheldHeaders() names them, for the keychain or the person to fill in. With row
    // indices, only those rows, as runRows() gives them.
    Expected<BatchSpec> runBatch(qint64 runId);
    Expected<BatchSpec> runBatch(qint64 runId, const QList<int> &rowIndices);

    // The text the person gave, for opening the batch again (not for a resume: runRows()).
    // Fails for a run that kept none. A CLI run of several files kept the first one's kind and
    // all of them one after the other, which reads as one input only where they were alike.
    // Method, headers and body are the batch's as sent, without the secret headers.
    Expected<BatchInput> batchInput(qint64 runId);
    Expected<QList<QByteArray>> withheldHeaders(qint64 runId);
    Expected<RunOptions> runOptions(qint64 runId);

private:
    Expected<QList<RunSummary>> queryRuns(const QString &where, qint64 runId, int limit);
    Expected<QList<Result>> queryResults(qint64 runId, const ResultFilter &filter,
                                         std::optional<int> afterRowIndex, int offset, int limit);
    // Marks each result of a run that did not check certificates as such.
    Expected<> markCertificateChecks(qint64 runId, QList<Result> &results);
    // Fills in the kept headers and bodies of results in row order, from one range read.
    Expected<> addResponses(qint64 runId, QList<Result> &results);
    Expected<BatchSpec> batchWithRows(qint64 runId, Expected<BatchRows> rows);
    Error notOpen() const;
    Error noSuchRun(qint64 runId) const;
    // A query about one run (its id bound as the only value), on its first row.
    Expected<QSqlQuery> queryRun(const QString &sql, qint64 runId);

    QString m_path;
    std::unique_ptr<SqlConnection> m_connection;
};

} // namespace salvo
