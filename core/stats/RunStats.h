#pragma once

// core/stats owns what a run adds up to while it goes: counts by status class and error
// kind, latency percentiles and histogram, and completions per second. No GUI: the
// dashboard's summary and the CLI can both read it.

#include <QList>
#include <QString>

#include <array>
#include <map>
#include <optional>

#include "result/ErrorKind.h"
#include "result/Result.h"

namespace salvo {

// The HTTP status classes an answer falls in, 1xx to 5xx.
enum class StatusClass : quint8 {
    Informational, // 1xx
    Success, // 2xx
    Redirection, // 3xx
    ClientError, // 4xx
    ServerError, // 5xx
};

inline constexpr int statusClassCount = static_cast<int>(StatusClass::ServerError) + 1;

// "1xx".."5xx": the names ResultsModel and the filters use.
QString statusClassName(StatusClass statusClass);

// Latency over the rows that got an HTTP answer, in ms. Percentiles use the nearest-rank
// definition: for p percent of n sorted values, the value at rank ceil(p * n / 100)
// (1-based), so every percentile is a latency that was really measured.
struct LatencyPercentiles
{
    qint64 p50Ms = 0;
    qint64 p90Ms = 0;
    qint64 p99Ms = 0;
    qint64 maxMs = 0;

    friend bool operator==(const LatencyPercentiles &, const LatencyPercentiles &) = default;
};

// A value-type accumulator for one run's results. Results arrive in batches; a result for
// a row index seen before (a row run again) replaces the earlier one in every count, the
// percentiles and the histogram. The per-second series counts arrivals instead, re-runs
// included: it measures throughput, and the re-run really did complete in its second.
//
// Every add() costs O(batch size); reading the percentiles costs O(distinct latencies),
// at worst O(rows), so a dashboard can read them twice a second at 100,000 rows.
class RunStats
{
public:
    // Latency histogram buckets, fixed for people to read: < 10 ms, 10-25, 25-50, 50-100,
    // 100-250, 250-500 ms, 0.5-1 s, 1-2.5 s, 2.5-5 s, 5-10 s, >= 10 s. Each bucket holds
    // [lower, upper): a latency exactly on a boundary goes to the bucket that starts there.
    static constexpr int latencyBucketCount = 11;
    static int latencyBucketOf(qint64 ms);
    static qint64 latencyBucketLowerMs(int bucket);
    // -1 for the last bucket, which has no upper bound.
    static qint64 latencyBucketUpperMs(int bucket);
    // "< 10 ms", "10–25 ms", ..., "≥ 10 s", translated in the "salvo::RunStats" context.
    static QString latencyBucketLabel(int bucket);

    // Adds results that arrived msSinceStart ms after the run started. A result with a
    // negative index (no row) is ignored; a negative time counts as second 0.
    void add(const ResultBatch &batch, qint64 msSinceStart);
    void clear() { *this = RunStats(); }

    // Distinct rows seen, however often they ran.
    int rowCount() const { return m_rowCount; }
    bool isEmpty() const { return m_rowCount == 0; }

    // Rows whose latest result is an answer in that class (error results excluded).
    int statusCount(StatusClass statusClass) const
    {
        return m_statusCounts[static_cast<int>(statusClass)];
    }
    // Rows whose latest result failed with that kind; 0 for ErrorKind::None.
    int errorCount(ErrorKind kind) const
    {
        return kind == ErrorKind::None ? 0 : m_errorCounts[static_cast<int>(kind)];
    }
    int errorTotal() const;
    // Rows with neither an error nor a status in 100..599: none in a sound run.
    int unclassifiedCount() const { return m_unclassifiedCount; }
    // Rows that met every expectation, and rows that did not (no answer to check included).
    int passedCount() const { return m_verdictCounts[int(Verdict::Passed)]; }
    int unmetCount() const { return m_verdictCounts[int(Verdict::Failed)]; }
    // Rows whose answer was ok (2xx, 3xx) but failed an expectation: what a report counts as
    // a failure beside the not-ok statuses.
    int unmetOkCount() const { return m_unmetOkCount; }

    // Rows that got an HTTP answer (status > 0, no error): what latencies are taken over.
    int answeredCount() const { return m_answeredCount; }
    // std::nullopt while no row has an answer.
    std::optional<LatencyPercentiles> latencyPercentiles() const;
    // Nearest rank for percent in 1..100; std::nullopt outside it or while no row has an
    // answer.
    std::optional<qint64> latencyPercentileMs(int percent) const;

    // Answered rows per histogram bucket; latencyBucketCount entries.
    const std::array<int, latencyBucketCount> &latencyHistogram() const { return m_histogram; }

    // Entry i: results that arrived in second [i, i + 1) since the start. Seconds with
    // none are 0, so the list is a series with no gaps up to the latest arrival.
    const QList<int> &completionsPerSecond() const { return m_perSecond; }

private:
    // What a row's latest result contributed, enough to take it back out when the row
    // runs again. 8 bytes a row.
    struct RowEntry
    {
        qint32 latencyMs = -1; // -1 when the result had no answer
        quint16 status = 0;
        ErrorKind error = ErrorKind::None;
        quint8 seen : 1 = 0;
        quint8 verdict : 2 = 0; // Verdict
    };

    void count(const RowEntry &entry, int delta);

    QList<RowEntry> m_rows; // by Result::index
    int m_rowCount = 0;
    int m_answeredCount = 0;
    int m_unclassifiedCount = 0;
    std::array<int, 3> m_verdictCounts{};
    int m_unmetOkCount = 0;
    std::array<int, statusClassCount> m_statusCounts{};
    std::array<int, errorKindCount> m_errorCounts{};
    std::array<int, latencyBucketCount> m_histogram{};
    // Latency in ms -> answered rows with it: an ordered multiset kept as it changes, so
    // percentiles are one walk over distinct values, not a sort of every row.
    std::map<qint32, int> m_latencies;
    QList<int> m_perSecond;
};

} // namespace salvo
