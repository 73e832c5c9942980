#include "RunStats.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>

namespace salvo {
namespace {

// Lower bounds of the histogram buckets; each bucket ends where the next begins.
constexpr std::array<qint64, RunStats::latencyBucketCount> bucketLowerMs
        = {0, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000};

constexpr std::array<const char *, RunStats::latencyBucketCount> bucketLabels = {
        QT_TRANSLATE_NOOP("salvo::RunStats", "< 10 ms"),
        QT_TRANSLATE_NOOP("salvo::RunStats", "10–25 ms"),
        QT_TRANSLATE_NOOP("salvo::RunStats", "25–50 ms"),
        QT_TRANSLATE_NOOP("salvo::RunStats", "50–100 ms"),
        QT_TRANSLATE_NOOP("salvo::RunStats", "100–250 ms"),
        QT_TRANSLATE_NOOP("salvo::RunStats", "250–500 ms"),
        QT_TRANSLATE_NOOP("salvo::RunStats", "0.5–1 s"),
        QT_TRANSLATE_NOOP("salvo::RunStats", "1–2.5 s"),
        QT_TRANSLATE_NOOP("salvo::RunStats", "2.5–5 s"),
        QT_TRANSLATE_NOOP("salvo::RunStats", "5–10 s"),
        QT_TRANSLATE_NOOP("salvo::RunStats", "≥ 10 s"),
};

// 1-based nearest rank of `percent` among n values.
qint64 nearestRank(int percent, qint64 n)
{
    return std::max<qint64>(1, (qint64(percent) * n + 99) / 100);
}

} // namespace

QString statusClassName(StatusClass statusClass)
{
    return QString::number(static_cast<int>(statusClass) + 1) + QStringLiteral("xx");
}

int RunStats::latencyBucketOf(qint64 ms)
{
    const auto after = std::upper_bound(bucketLowerMs.cbegin(), bucketLowerMs.cend(), ms);
    return std::max(0, int(after - bucketLowerMs.cbegin()) - 1);
}

qint64 RunStats::latencyBucketLowerMs(int bucket)
{
    return bucketLowerMs.at(std::size_t(std::clamp(bucket, 0, latencyBucketCount - 1)));
}

qint64 RunStats::latencyBucketUpperMs(int bucket)
{
    return bucket >= 0 && bucket + 1 < latencyBucketCount
            ? bucketLowerMs.at(std::size_t(bucket + 1))
            : -1;
}

QString RunStats::latencyBucketLabel(int bucket)
{
    if (bucket < 0 || bucket >= latencyBucketCount)
        return {};
    return QCoreApplication::translate("salvo::RunStats", bucketLabels.at(std::size_t(bucket)));
}

void RunStats::add(const ResultBatch &batch, qint64 msSinceStart)
{
    int arrived = 0;
    for (const Result &result : batch) {
        if (result.index < 0)
            continue;
        ++arrived;
        if (result.index >= m_rows.size())
            m_rows.resize(result.index + 1);
        RowEntry &entry = m_rows[result.index];
        if (entry.seen)
            count(entry, -1);
        else
            ++m_rowCount;

        entry.seen = true;
        entry.error = result.error;
        entry.status = quint16(std::clamp(result.status, 0, 0xffff));
        entry.verdict = quint8(result.verdict);
        const bool answered = result.error == ErrorKind::None && result.status > 0;
        entry.latencyMs = answered ? qint32(std::clamp<qint64>(result.elapsedMs, 0,
                                                               std::numeric_limits<qint32>::max()))
                                   : -1;
        count(entry, +1);
    }

    if (arrived == 0)
        return;
    const qsizetype second = std::max<qint64>(0, msSinceStart) / 1000;
    if (second >= m_perSecond.size())
        m_perSecond.resize(second + 1, 0);
    m_perSecond[second] += arrived;
}

void RunStats::count(const RowEntry &entry, int delta)
{
    m_verdictCounts[entry.verdict] += delta;
    if (Verdict(entry.verdict) == Verdict::Failed && entry.error == ErrorKind::None
        && entry.status >= 200 && entry.status < 400)
        m_unmetOkCount += delta;
    if (entry.error != ErrorKind::None) {
        m_errorCounts[static_cast<int>(entry.error)] += delta;
        return;
    }
    if (entry.status >= 100 && entry.status < 600)
        m_statusCounts[entry.status / 100 - 1] += delta;
    else
        m_unclassifiedCount += delta;

    if (entry.latencyMs < 0)
        return;
    m_answeredCount += delta;
    m_histogram[latencyBucketOf(entry.latencyMs)] += delta;
    const auto it = m_latencies.try_emplace(entry.latencyMs, 0).first;
    it->second += delta;
    if (it->second == 0)
        m_latencies.erase(it);
}

int RunStats::errorTotal() const
{
    int total = 0;
    for (int n : m_errorCounts)
        total += n;
    return total;
}

std::optional<qint64> RunStats::latencyPercentileMs(int percent) const
{
    if (m_latencies.empty() || percent < 1 || percent > 100)
        return std::nullopt;
    const qint64 rank = nearestRank(percent, m_answeredCount);
    qint64 seen = 0;
    for (const auto &[ms, rows] : m_latencies) {
        seen += rows;
        if (seen >= rank)
            return ms;
    }
    return m_latencies.crbegin()->first;
}

std::optional<LatencyPercentiles> RunStats::latencyPercentiles() const
{
    if (m_latencies.empty())
        return std::nullopt;
    // One walk for all three ranks: they are in increasing order.
    const std::array<qint64, 3> ranks
            = {nearestRank(50, m_answeredCount), nearestRank(90, m_answeredCount),
               nearestRank(99, m_answeredCount)};
    std::array<qint64, 3> values{};
    std::size_t next = 0;
    qint64 seen = 0;
    for (auto it = m_latencies.cbegin(); it != m_latencies.cend() && next < ranks.size(); ++it) {
        seen += it->second;
        while (next < ranks.size() && seen >= ranks.at(next))
            values.at(next++) = it->first;
    }
    return LatencyPercentiles{.p50Ms = values[0],
                              .p90Ms = values[1],
                              .p99Ms = values[2],
                              .maxMs = m_latencies.crbegin()->first};
}

} // namespace salvo
