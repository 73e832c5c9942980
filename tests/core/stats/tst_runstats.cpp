// RunStats: counts that follow re-runs, nearest-rank percentiles, histogram boundaries and a
// per-second series with gaps.

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <optional>

#include "stats/RunStats.h"

using namespace salvo;

namespace {

Result answer(int index, int status, qint64 elapsedMs)
{
    Result result;
    result.index = index;
    result.line = index + 1;
    result.status = status;
    result.elapsedMs = elapsedMs;
    result.attempts = 1;
    return result;
}

Result failure(int index, ErrorKind error, qint64 elapsedMs = 5)
{
    Result result = answer(index, 0, elapsedMs);
    result.error = error;
    return result;
}

ResultBatch answersWithLatencies(const QList<qint64> &latencies)
{
    ResultBatch batch;
    for (int i = 0; i < latencies.size(); ++i)
        batch.append(answer(i, 200, latencies.at(i)));
    return batch;
}

struct PercentileCase
{
    QList<qint64> latencies;
    std::optional<LatencyPercentiles> expected;
};

} // namespace

// Failure messages that show the numbers; found by ADL from QCOMPARE.
namespace salvo {

char *toString(const std::optional<LatencyPercentiles> &percentiles)
{
    if (!percentiles)
        return qstrdup("none");
    return qstrdup(QByteArray("p50=" + QByteArray::number(percentiles->p50Ms)
                              + " p90=" + QByteArray::number(percentiles->p90Ms)
                              + " p99=" + QByteArray::number(percentiles->p99Ms)
                              + " max=" + QByteArray::number(percentiles->maxMs))
                           .constData());
}

} // namespace salvo

Q_DECLARE_METATYPE(PercentileCase)

class TestRunStats final : public QObject
{
    Q_OBJECT

private slots:
    // Rows that passed or failed their expectations are counted, a row run again once, and
    // the ok answers among the failed apart (what a report adds to its failures).
    void countsVerdicts()
    {
        Result passed = answer(0, 200, 10);
        passed.verdict = Verdict::Passed;
        Result unmetOk = answer(1, 302, 10);
        unmetOk.verdict = Verdict::Failed;
        Result unmetNotFound = answer(2, 404, 10);
        unmetNotFound.verdict = Verdict::Failed;
        Result unmetError = failure(3, ErrorKind::Dns);
        unmetError.verdict = Verdict::Failed;
        RunStats stats;
        stats.add({passed, unmetOk, unmetNotFound, unmetError, answer(4, 200, 10)}, 0);
        QCOMPARE(stats.passedCount(), 1);
        QCOMPARE(stats.unmetCount(), 3);
        QCOMPARE(stats.unmetOkCount(), 1);
        unmetOk.verdict = Verdict::Passed; // run again, and this time it passed
        stats.add({unmetOk}, 100);
        QCOMPARE(stats.passedCount(), 2);
        QCOMPARE(stats.unmetCount(), 2);
        QCOMPARE(stats.unmetOkCount(), 0);
        QCOMPARE(stats.rowCount(), 5);
    }
    void percentiles_data()
    {
        QTest::addColumn<PercentileCase>("testCase");

        QList<qint64> oneToHundred;
        for (int i = 1; i <= 100; ++i)
            oneToHundred.append(i);
        QList<qint64> hundredToOne = oneToHundred;
        std::reverse(hundredToOne.begin(), hundredToOne.end());

        QTest::newRow("none") << PercentileCase{{}, std::nullopt};
        QTest::newRow("one") << PercentileCase{{42}, LatencyPercentiles{42, 42, 42, 42}};
        QTest::newRow("two: p50 is the lower, p90 the upper")
                << PercentileCase{{30, 10}, LatencyPercentiles{10, 30, 30, 30}};
        QTest::newRow("ties") << PercentileCase{{7, 7, 7, 7, 7}, LatencyPercentiles{7, 7, 7, 7}};
        QTest::newRow("ties across a rank") << PercentileCase{{1, 5, 5, 5, 5, 5, 5, 5, 5, 900},
                                                              LatencyPercentiles{5, 5, 900, 900}};
        QTest::newRow("1..100") << PercentileCase{oneToHundred,
                                                  LatencyPercentiles{50, 90, 99, 100}};
        QTest::newRow("100..1, any order")
                << PercentileCase{hundredToOne, LatencyPercentiles{50, 90, 99, 100}};
        QTest::newRow("zero ms is a latency")
                << PercentileCase{{0}, LatencyPercentiles{0, 0, 0, 0}};
    }

    void percentiles()
    {
        QFETCH(PercentileCase, testCase);
        RunStats stats;
        stats.add(answersWithLatencies(testCase.latencies), 0);
        QCOMPARE(stats.answeredCount(), int(testCase.latencies.size()));
        QCOMPARE(stats.latencyPercentiles(), testCase.expected);
        if (testCase.expected) {
            QCOMPARE(stats.latencyPercentileMs(50), testCase.expected->p50Ms);
            QCOMPARE(stats.latencyPercentileMs(99), testCase.expected->p99Ms);
            QCOMPARE(stats.latencyPercentileMs(100), testCase.expected->maxMs);
        } else {
            QCOMPARE(stats.latencyPercentileMs(50), std::nullopt);
        }
    }

    void percentilesLeaveOutRowsWithoutAnAnswer()
    {
        RunStats stats;
        stats.add({answer(0, 200, 10), failure(1, ErrorKind::Timeout, 30000), answer(2, 0, 1),
                   answer(3, 503, 20)},
                  0);
        QCOMPARE(stats.answeredCount(), 2); // a 5xx is an answer; a timeout and status 0 are not
        QCOMPARE(stats.latencyPercentiles(), (LatencyPercentiles{10, 20, 20, 20}));
        QCOMPARE(stats.unclassifiedCount(), 1);

        RunStats onlyErrors;
        onlyErrors.add({failure(0, ErrorKind::Dns)}, 0);
        QCOMPARE(onlyErrors.rowCount(), 1);
        QCOMPARE(onlyErrors.latencyPercentiles(), std::nullopt);
    }

    void percentilesMatchASortAtScale()
    {
        // 100,000 rows, most latencies distinct: the incremental multiset must agree with a
        // plain nearest-rank over a sorted copy, after re-runs too.
        auto *random = QRandomGenerator::global();
        ResultBatch batch;
        for (int i = 0; i < 100'000; ++i)
            batch.append(answer(i, 200, random->bounded(0, 60'000)));
        RunStats stats;
        stats.add(batch, 0);
        ResultBatch reruns;
        for (int i = 0; i < 100'000; i += 7)
            reruns.append(answer(i, 200, random->bounded(0, 60'000)));
        stats.add(reruns, 1000);
        for (const Result &result : std::as_const(reruns))
            batch[result.index] = result;

        QList<qint64> sorted;
        for (const Result &result : std::as_const(batch))
            sorted.append(result.elapsedMs);
        std::sort(sorted.begin(), sorted.end());
        const auto at = [&](int percent) { return sorted.at((percent * 100'000 + 99) / 100 - 1); };
        QCOMPARE(stats.latencyPercentiles(),
                 (LatencyPercentiles{at(50), at(90), at(99), sorted.last()}));
        QCOMPARE(stats.rowCount(), 100'000);
        QCOMPARE(stats.statusCount(StatusClass::Success), 100'000);
    }

    void countsByStatusClass()
    {
        RunStats stats;
        stats.add({answer(0, 200, 1), answer(1, 204, 1), answer(2, 301, 1), answer(3, 404, 1),
                   answer(4, 410, 1), answer(5, 500, 1), answer(6, 101, 1)},
                  0);
        QCOMPARE(stats.rowCount(), 7);
        QCOMPARE(stats.statusCount(StatusClass::Informational), 1);
        QCOMPARE(stats.statusCount(StatusClass::Success), 2);
        QCOMPARE(stats.statusCount(StatusClass::Redirection), 1);
        QCOMPARE(stats.statusCount(StatusClass::ClientError), 2);
        QCOMPARE(stats.statusCount(StatusClass::ServerError), 1);
        QCOMPARE(stats.errorTotal(), 0);
        QCOMPARE(statusClassName(StatusClass::Informational), QStringLiteral("1xx"));
        QCOMPARE(statusClassName(StatusClass::ServerError), QStringLiteral("5xx"));
    }

    void errorsCountUnderTheirKindNotAStatusClass()
    {
        RunStats stats;
        // A protocol error can come with the status of the answer it broke off: still an error.
        Result brokenAnswer = answer(3, 200, 40);
        brokenAnswer.error = ErrorKind::Protocol;
        stats.add({failure(0, ErrorKind::Timeout), failure(1, ErrorKind::Timeout),
                   failure(2, ErrorKind::Dns), brokenAnswer},
                  0);
        QCOMPARE(stats.errorCount(ErrorKind::Timeout), 2);
        QCOMPARE(stats.errorCount(ErrorKind::Dns), 1);
        QCOMPARE(stats.errorCount(ErrorKind::Protocol), 1);
        QCOMPARE(stats.errorCount(ErrorKind::ConnectionRefused), 0);
        QCOMPARE(stats.errorCount(ErrorKind::None), 0);
        QCOMPARE(stats.errorTotal(), 4);
        QCOMPARE(stats.statusCount(StatusClass::Success), 0);
        QCOMPARE(stats.answeredCount(), 0);
        QCOMPARE(stats.latencyHistogram().at(RunStats::latencyBucketOf(40)), 0);
    }

    void rerunRowReplacesCountsAndLatencies()
    {
        RunStats stats;
        stats.add({answer(0, 200, 10), failure(1, ErrorKind::Timeout), answer(2, 500, 3000)}, 0);
        QCOMPARE(stats.latencyPercentiles(), (LatencyPercentiles{10, 3000, 3000, 3000}));

        // Row 2 ran again and got a fast 200; row 1's timeout became a 404; row 0 failed.
        stats.add({answer(2, 200, 20), answer(1, 404, 15), failure(0, ErrorKind::ConnectionReset)},
                  2500);
        QCOMPARE(stats.rowCount(), 3);
        QCOMPARE(stats.statusCount(StatusClass::Success), 1);
        QCOMPARE(stats.statusCount(StatusClass::ServerError), 0);
        QCOMPARE(stats.statusCount(StatusClass::ClientError), 1);
        QCOMPARE(stats.errorCount(ErrorKind::Timeout), 0);
        QCOMPARE(stats.errorCount(ErrorKind::ConnectionReset), 1);
        QCOMPARE(stats.answeredCount(), 2);
        QCOMPARE(stats.latencyPercentiles(), (LatencyPercentiles{15, 20, 20, 20}));
        QCOMPARE(stats.latencyHistogram().at(RunStats::latencyBucketOf(3000)), 0);
        QCOMPARE(stats.latencyHistogram().at(RunStats::latencyBucketOf(10)), 2); // 15 and 20

        // The same row twice in one batch: the later result wins.
        stats.add({answer(0, 200, 999), answer(0, 302, 1)}, 2600);
        QCOMPARE(stats.rowCount(), 3);
        QCOMPARE(stats.errorCount(ErrorKind::ConnectionReset), 0);
        QCOMPARE(stats.statusCount(StatusClass::Success), 1);
        QCOMPARE(stats.statusCount(StatusClass::Redirection), 1);
        QCOMPARE(stats.latencyPercentiles(), (LatencyPercentiles{15, 20, 20, 20}));
    }

    void histogramBucketBoundaries_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<int>("bucket");
        QTest::newRow("0") << qint64(0) << 0;
        QTest::newRow("9") << qint64(9) << 0;
        QTest::newRow("10 starts 10-25") << qint64(10) << 1;
        QTest::newRow("24") << qint64(24) << 1;
        QTest::newRow("25") << qint64(25) << 2;
        QTest::newRow("99") << qint64(99) << 3;
        QTest::newRow("100") << qint64(100) << 4;
        QTest::newRow("499") << qint64(499) << 5;
        QTest::newRow("500") << qint64(500) << 6;
        QTest::newRow("999") << qint64(999) << 6;
        QTest::newRow("1000") << qint64(1000) << 7;
        QTest::newRow("2500") << qint64(2500) << 8;
        QTest::newRow("5000") << qint64(5000) << 9;
        QTest::newRow("9999") << qint64(9999) << 9;
        QTest::newRow("10000") << qint64(10000) << 10;
        QTest::newRow("an hour") << qint64(3'600'000) << 10;
    }

    void histogramBucketBoundaries()
    {
        QFETCH(qint64, ms);
        QFETCH(int, bucket);
        QCOMPARE(RunStats::latencyBucketOf(ms), bucket);
        QVERIFY(RunStats::latencyBucketLowerMs(bucket) <= ms);
        const qint64 upper = RunStats::latencyBucketUpperMs(bucket);
        QVERIFY(upper < 0 || ms < upper);

        RunStats stats;
        stats.add({answer(0, 200, ms)}, 0);
        std::array<int, RunStats::latencyBucketCount> expected{};
        expected.at(std::size_t(bucket)) = 1;
        QCOMPARE(stats.latencyHistogram(), expected);
    }

    void histogramBucketsAreContiguousAndLabelled()
    {
        QCOMPARE(RunStats::latencyBucketLowerMs(0), 0);
        for (int i = 0; i + 1 < RunStats::latencyBucketCount; ++i)
            QCOMPARE(RunStats::latencyBucketUpperMs(i), RunStats::latencyBucketLowerMs(i + 1));
        QCOMPARE(RunStats::latencyBucketUpperMs(RunStats::latencyBucketCount - 1), -1);
        QCOMPARE(RunStats::latencyBucketLabel(0), QStringLiteral("< 10 ms"));
        QCOMPARE(RunStats::latencyBucketLabel(1), QStringLiteral("10–25 ms"));
        QCOMPARE(RunStats::latencyBucketLabel(RunStats::latencyBucketCount - 1),
                 QStringLiteral("≥ 10 s"));
        QVERIFY(RunStats::latencyBucketLabel(RunStats::latencyBucketCount).isEmpty());
    }

    void completionsPerSecondWithGaps()
    {
        RunStats stats;
        QVERIFY(stats.completionsPerSecond().isEmpty());
        stats.add({answer(0, 200, 1), answer(1, 200, 1)}, 0);
        stats.add({answer(2, 200, 1)}, 999); // still second 0
        stats.add({answer(3, 200, 1)}, 1000); // second 1 starts here
        stats.add({answer(4, 200, 1), failure(5, ErrorKind::Dns)}, 4200); // seconds 2, 3 empty
        QCOMPARE(stats.completionsPerSecond(), (QList<int>{3, 1, 0, 0, 2}));

        // A re-run is a completion in its own second, though it replaces the row's result.
        stats.add({answer(0, 200, 1)}, 4999);
        QCOMPARE(stats.completionsPerSecond(), (QList<int>{3, 1, 0, 0, 3}));
        QCOMPARE(stats.rowCount(), 6);

        // An empty batch adds no second; a row without an index is not counted.
        stats.add({}, 9000);
        stats.add({answer(-1, 200, 1)}, 9000);
        QCOMPARE(stats.completionsPerSecond().size(), 5);
        QCOMPARE(stats.rowCount(), 6);
    }

    void clearStartsOver()
    {
        RunStats stats;
        stats.add({answer(0, 200, 10), failure(1, ErrorKind::Tls)}, 1500);
        stats.clear();
        QVERIFY(stats.isEmpty());
        QCOMPARE(stats.errorTotal(), 0);
        QCOMPARE(stats.latencyPercentiles(), std::nullopt);
        QVERIFY(stats.completionsPerSecond().isEmpty());
        stats.add({answer(0, 404, 10)}, 0);
        QCOMPARE(stats.rowCount(), 1);
        QCOMPARE(stats.statusCount(StatusClass::ClientError), 1);
    }
};

QTEST_GUILESS_MAIN(TestRunStats)
#include "tst_runstats.moc"
