// When a retry is worth it, and how long to wait before it.

#include <QTest>
#include <QTimeZone>

#include "engine/RetryPolicy.h"

using namespace salvo;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(salvo::ErrorKind)

class TestRetryPolicy final : public QObject
{
    Q_OBJECT

private slots:
    void retryableResults_data()
    {
        QTest::addColumn<ErrorKind>("error");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("retryable");
        QTest::newRow("refused") << ErrorKind::ConnectionRefused << 0 << true;
        QTest::newRow("reset") << ErrorKind::ConnectionReset << 0 << true;
        QTest::newRow("timeout") << ErrorKind::Timeout << 0 << true;
        QTest::newRow("429") << ErrorKind::None << 429 << true;
        QTest::newRow("503") << ErrorKind::None << 503 << true;
        QTest::newRow("500") << ErrorKind::None << 500 << false;
        QTest::newRow("404") << ErrorKind::None << 404 << false;
        QTest::newRow("200") << ErrorKind::None << 200 << false;
        QTest::newRow("dns") << ErrorKind::Dns << 0 << false;
        QTest::newRow("tls") << ErrorKind::Tls << 0 << false;
        QTest::newRow("cancelled") << ErrorKind::Cancelled << 0 << false;
    }

    void retryableResults()
    {
        QFETCH(ErrorKind, error);
        QFETCH(int, status);
        QFETCH(bool, retryable);
        Result result;
        result.error = error;
        result.status = status;
        QCOMPARE(isRetryable(result), retryable);
    }

    void retryAfterHeader_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<qint64>("expectedMs"); // -1: cannot be read
        QTest::newRow("seconds") << QByteArray("120") << qint64(120'000);
        QTest::newRow("zero") << QByteArray("0") << qint64(0);
        QTest::newRow("spaces") << QByteArray(" 3 ") << qint64(3000);
        QTest::newRow("negative") << QByteArray("-5") << qint64(-1);
        QTest::newRow("http-date 90 s ahead")
                << QByteArray("Wed, 25 Nov 2026 12:01:30 GMT") << qint64(90'000);
        QTest::newRow("http-date in the past")
                << QByteArray("Wed, 25 Nov 2026 11:00:00 GMT") << qint64(0);
        QTest::newRow("garbage") << QByteArray("soon") << qint64(-1);
        QTest::newRow("empty") << QByteArray() << qint64(-1);
    }

    void retryAfterHeader()
    {
        QFETCH(QByteArray, header);
        QFETCH(qint64, expectedMs);
        const QDateTime now(QDate(2026, 11, 25), QTime(12, 0), QTimeZone::utc());
        const std::optional<Milliseconds> delay = retryAfterDelay(header, now);
        QCOMPARE(delay.has_value(), expectedMs >= 0);
        if (delay)
            QCOMPARE(delay->count(), expectedMs);
    }

    void backoffGrowsWithJitterAndStaysCapped()
    {
        RunOptions options;
        options.retryBaseDelay = 500ms;
        options.retryMaxDelay = 30s;
        QCOMPARE(retryDelay(options, 1, std::nullopt, 0.0), 250ms);
        QCOMPARE(retryDelay(options, 1, std::nullopt, 0.999), 499ms);
        QCOMPARE(retryDelay(options, 3, std::nullopt, 0.0), 1000ms);
        QCOMPARE(retryDelay(options, 3, std::nullopt, 0.999), 1999ms);
        // Far past the cap, even where 2^attempt overflows an integer.
        for (int attempt : {10, 56, 100, 1000}) {
            const Milliseconds delay = retryDelay(options, attempt, std::nullopt, 0.5);
            QVERIFY(delay >= 15s);
            QVERIFY(delay <= 30s);
        }
    }

    void retryAfterWinsWhenLongerButIsCapped()
    {
        RunOptions options;
        options.retryBaseDelay = 100ms;
        options.retryMaxDelay = 10s;
        QCOMPARE(retryDelay(options, 1, 3000ms, 0.5), 3000ms);
        QCOMPARE(retryDelay(options, 1, 1ms, 0.0), 50ms);
        QCOMPARE(retryDelay(options, 1, 3600s, 0.0), 10s);
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
