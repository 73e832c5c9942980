#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

#include "result/ErrorKind.h"
#include "stats/RunStats.h"
#include "Expected.h"
#include "store/StoreTypes.h"

namespace salvo {

// What changed for one address between two runs. Flags: a row can change in several ways.
enum class RowChange : quint8 {
    None = 0,
    Status = 1 << 0, // another HTTP status
    Error = 1 << 1, // another error kind, or an error on one side only
    Body = 1 << 2, // both kept a body and they differ once key order and spacing are set aside
    OnlyOlder = 1 << 3, // the newer run has no such row (or no result for it yet)
    OnlyNewer = 1 << 4, // the older run has no such row (or no result for it yet)
    Verdict = 1 << 5, // it met its expectations on one side and not on the other
    Values = 1 << 6, // a column both runs extracted has another value
};
Q_DECLARE_FLAGS(RowChanges, RowChange)
Q_DECLARE_OPERATORS_FOR_FLAGS(RowChanges)

// One side of a compared row.
struct ComparedSide
{
    int rowIndex = -1; // the row in its run; -1 when that run has no result for the address
    int status = 0;
    ErrorKind error = ErrorKind::None;
    qint64 elapsedMs = 0;
    qint64 bytes = 0;
    bool keptBody = false;
    Verdict verdict = Verdict::NotChecked;
    QStringList extracted; // in the order of its run's extracted columns

    bool present() const { return rowIndex >= 0; }
};

struct ComparedRow
{
    QString url;
    QByteArray method;
    ComparedSide older;
    ComparedSide newer;
    RowChanges changes;

    bool changed() const { return changes != RowChanges(RowChange::None); }
    // Newer minus older; nullopt unless both sides were answered (a latency of an error is the
    // time to the error, not comparable).
    std::optional<qint64> latencyDeltaMs() const;
};

struct RunComparison
{
    RunSummary older;
    RunSummary newer;
    std::optional<LatencyPercentiles> olderLatency;
    std::optional<LatencyPercentiles> newerLatency;
    // In the newer run's row order, then the rows only the older run has, in its order.
    QList<ComparedRow> rows;
    int changedCount = 0;
    int statusChanges = 0;
    int errorChanges = 0;
    int bodyChanges = 0;
    int verdictChanges = 0;
    int valueChanges = 0;
    // The extracted columns both runs have, in the newer run's order, and where each is in
    // the older and the newer run's values (ComparedSide::extracted).
    QStringList sharedColumns;
    QList<std::pair<int, int>> sharedColumnPlaces;
};

// The names of a run's extracted columns, in its order.
QStringList extractedColumnNames(const RunSummary &run);

// Compares two runs of the history, the older first. Rows are matched by method and address,
// the n-th occurrence of an address with the n-th, so two runs of the same batch pair row for
// row and runs of an edited list still pair what they have in common. Bodies are compared by
// bodyDigest(): key order and spacing in JSON do not count. Reads both runs in full (without
// keeping bodies): run it on a worker thread.
Expected<RunComparison> compareRuns(const QString &historyPath, qint64 olderRunId,
                                    qint64 newerRunId);

} // namespace salvo
