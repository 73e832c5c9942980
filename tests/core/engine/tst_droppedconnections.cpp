// A server that drops some connections without a word must not cost the rows beside them
// their answers. 20,000 rows, 5% of them (a seeded mix) closed by the server before any
// answer, through a whole BatchRun at 6, 64 and 256 requests per host: every good row gets
// its answer, every closed row fails, one result per row. Qt 6.4 fails the requests waiting
// in its queue when a connection whose resend budget is spent closes (docs/engine.md,
// "Dropped connections"); before Salvo resent them, 0 to 5 good rows failed at each setting,
// and each of 5 runs failed at one setting or more.

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include "FaultServer.h"
#include "RunRecorder.h"

using namespace Qt::StringLiterals;
using namespace salvo;
using namespace std::chrono_literals;

class TestDroppedConnections final : public QObject
{
    Q_OBJECT

private slots:
    void goodRowsSurviveDroppedNeighbours_data();
    void goodRowsSurviveDroppedNeighbours();
};

void TestDroppedConnections::goodRowsSurviveDroppedNeighbours_data()
{
    QTest::addColumn<int>("perHost");
    QTest::newRow("6 per host") << 6;
    QTest::newRow("64 per host") << 64;
    QTest::newRow("256 per host") << 256;
}

void TestDroppedConnections::goodRowsSurviveDroppedNeighbours()
{
    QFETCH(int, perHost);
    constexpr int rowCount = 20'000;

    FaultServer server;
    QVERIFY(server.start());
    const QString good = server.url(u"/ok"_s).toString();
    const QString closed = server.url(u"/early-close"_s).toString();
    QRandomGenerator mix(14); // the same rows every run
    QStringList addresses;
    QList<bool> isClosed;
    for (int i = 0; i < rowCount; ++i) {
        isClosed.append(mix.bounded(100) < 5);
        addresses.append(isClosed.constLast() ? closed : good);
    }

    RunOptions options;
    options.concurrency = perHost;
    options.perHostConcurrency = perHost;
    options.keepHeaders = false;
    RunRecorder recorder(batchOf(addresses), options);
    // A real event loop while waiting, not a poll with sleeps: the server shares this thread.
    QSignalSpy finished(&recorder.run(), &BatchRun::finished);
    recorder.run().start();
    QVERIFY(finished.wait(60'000));

    QCOMPARE(recorder.results.size(), rowCount);
    QList<int> seen(rowCount, 0);
    QStringList goodFailed;
    int closedAnswered = 0;
    for (const Result &result : std::as_const(recorder.results)) {
        QVERIFY(result.index >= 0 && result.index < rowCount);
        ++seen[result.index];
        if (isClosed.at(result.index)) {
            closedAnswered += result.ok() ? 1 : 0;
            QCOMPARE(errorKindName(result.error), u"connection_reset"_s);
        } else if (!result.ok()) {
            goodFailed.append(u"row %1: %2"_s.arg(result.index).arg(result.message));
        }
    }
    QVERIFY2(goodFailed.isEmpty(),
             qPrintable(u"%1 good rows failed; the first: %2"_s.arg(goodFailed.size())
                                .arg(goodFailed.value(0))));
    QCOMPARE(closedAnswered, 0);
    QCOMPARE(seen.count(1), rowCount); // exactly one result for every row
}

QTEST_GUILESS_MAIN(TestDroppedConnections)
#include "tst_droppedconnections.moc"
