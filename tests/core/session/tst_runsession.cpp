// RunSession against loopback servers and a real history file: the options each run goes with,
// results under their input rows, the run kept in the history, pause, cancel and the end.

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "FaultServer.h"
#include "RunRecorder.h"
#include "TestServer.h"
#include "sample/SampleApi.h"
#include "session/RunSession.h"
#include "store/RunHistory.h"

using namespace Qt::StringLiterals;
using namespace salvo;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(salvo::RunKind)
Q_DECLARE_METATYPE(salvo::RunHost)

class TestRunSession final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void optionsForRun_data();
    void optionsForRun();
    void sampleSettingsNeverReachTheNextRun();
    void resultsComeBackUnderTheirInputRows();
    void keepsTheRunInTheHistory();
    void resumeAddsToTheStoredRun();
    void rerunIsARunOfItsOwnLinkedToItsOriginal();
    void withoutHistoryStillEnds();
    void aHistoryThatCannotBeOpenedLeavesTheRunWhole();
    void pauseHoldsUntilResume();
    void cancelEndsEveryRowAndKeepsTheRunCancelled();

private:
    // Runs the session until ended(), at most timeoutMs; false when it did not end.
    bool runToEnd(RunSession &session, ResultBatch &results, int timeoutMs = 20000);
    RunRecording recording() const { return {.historyPath = m_dir.filePath(u"history.db"_s)}; }
    RunSummary storedRun(qint64 runId);
    QList<Result> storedResults(qint64 runId);

    QTemporaryDir m_dir;
    std::unique_ptr<TestServer> m_http;
    std::unique_ptr<FaultServer> m_faults;
};

void TestRunSession::init()
{
    QVERIFY(m_dir.isValid());
    m_http = std::make_unique<TestServer>();
    m_faults = std::make_unique<FaultServer>();
    QVERIFY(m_http->start());
    QVERIFY(m_faults->start());
}

void TestRunSession::cleanup()
{
    m_http.reset();
    m_faults.reset();
    QFile::remove(m_dir.filePath(u"history.db"_s));
}

bool TestRunSession::runToEnd(RunSession &session, ResultBatch &results, int timeoutMs)
{
    connect(&session, &RunSession::resultsReady, this,
            [&results](const ResultBatch &batch) { results.append(batch); });
    QSignalSpy ended(&session, &RunSession::ended);
    session.start();
    return ended.wait(timeoutMs) || ended.count() == 1;
}

RunSummary TestRunSession::storedRun(qint64 runId)
{
    RunHistory history(m_dir.filePath(u"history.db"_s));
    if (!history.open())
        return {};
    const Expected<RunSummary> run = history.run(runId);
    return run ? *run : RunSummary{};
}

QList<Result> TestRunSession::storedResults(qint64 runId)
{
    RunHistory history(m_dir.filePath(u"history.db"_s));
    if (!history.open())
        return {};
    const Expected<QList<Result>> results = history.resultsPage(runId, 0, 1000);
    return results ? *results : QList<Result>{};
}

void TestRunSession::optionsForRun_data()
{
    QTest::addColumn<RunKind>("kind");
    QTest::addColumn<RunHost>("host");
    QTest::addColumn<qint64>("chosenInactivityMs");
    QTest::addColumn<qint64>("inactivityMs");
    QTest::addColumn<bool>("yields");

    const qint64 sampleMs = SampleApi::inactivityTimeout.count();
    QTest::newRow("a batch keeps what was chosen")
            << RunKind::Batch << RunHost::Headless << qint64(10'000) << qint64(10'000) << false;
    QTest::newRow("the sample waits less")
            << RunKind::Sample << RunHost::Headless << qint64(10'000) << sampleMs << false;
    QTest::newRow("the sample keeps a shorter wait")
            << RunKind::Sample << RunHost::Window << qint64(500) << qint64(500) << true;
    QTest::newRow("a window's batch yields the CPU")
            << RunKind::Batch << RunHost::Window << qint64(30'000) << qint64(30'000) << true;
}

void TestRunSession::optionsForRun()
{
    QFETCH(RunKind, kind);
    QFETCH(RunHost, host);
    QFETCH(qint64, chosenInactivityMs);
    QFETCH(qint64, inactivityMs);
    QFETCH(bool, yields);
    RunOptions chosen;
    chosen.inactivity = Milliseconds(chosenInactivityMs);
    chosen.deadline = 45s;
    chosen.retries = 3;
    const RunOptions options = salvo::optionsForRun(chosen, kind, host);
    QCOMPARE(options.inactivity.count(), inactivityMs);
    QCOMPARE(options.yieldToCaller, yields);
    // Nothing else of the choice changes.
    QCOMPARE(options.deadline, 45s);
    QCOMPARE(options.retries, 3);
}

// The sample's short inactivity timeout is the sample's own: a slow answer of the next run,
// with the same chosen options, is waited for.
void TestRunSession::sampleSettingsNeverReachTheNextRun()
{
    SampleApi sample;
    QVERIFY(sample.start());
    const RunOptions chosen; // the defaults, as a newcomer leaves them
    RunSession sampleRun({.batch = batchOf({sample.baseUrl().toString() + u"/users"_s}),
                          .chosenOptions = chosen,
                          .kind = RunKind::Sample,
                          .host = RunHost::Window});
    ResultBatch sampleResults;
    QVERIFY(runToEnd(sampleRun, sampleResults));
    QCOMPARE(sampleRun.options().inactivity, SampleApi::inactivityTimeout);

    const qint64 slowMs = SampleApi::inactivityTimeout.count() + 1000;
    RunSession next({.batch = batchOf({m_faults->url(u"/delay/%1"_s.arg(slowMs)).toString()}),
                     .chosenOptions = chosen,
                     .host = RunHost::Window});
    ResultBatch results;
    QVERIFY(runToEnd(next, results));
    QCOMPARE(next.options().inactivity, chosen.inactivity);
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().error, ErrorKind::None);
    QCOMPARE(results.first().status, 200);
}

void TestRunSession::resultsComeBackUnderTheirInputRows()
{
    RunSession session(
            {.batch = batchOf({m_http->url(u"/json/1"_s).toString(),
                               m_http->url(u"/status/404"_s).toString(), u"not an address"_s}),
             .inputRows = {7, 2, 11}});
    ResultBatch results;
    QVERIFY(runToEnd(session, results));
    QCOMPARE(results.size(), 3);
    QHash<int, Result> byIndex;
    for (const Result &result : std::as_const(results))
        byIndex.insert(result.index, result);
    QCOMPARE(byIndex.keys().size(), 3);
    QCOMPARE(byIndex.value(7).status, 200);
    QCOMPARE(byIndex.value(2).status, 404);
    QCOMPARE(byIndex.value(11).error, ErrorKind::InvalidUrl);
}

void TestRunSession::keepsTheRunInTheHistory()
{
    RunSession session({.batch = batchOf({m_http->url(u"/json/1"_s).toString(),
                                          m_http->url(u"/status/500"_s).toString()}),
                        .recording = recording()});
    QSignalSpy ready(&session, &RunSession::historyReady);
    ResultBatch results;
    QVERIFY(runToEnd(session, results));
    QCOMPARE(ready.count(), 1);
    const qint64 runId = ready.first().first().toLongLong();
    QVERIFY(runId > 0);
    QCOMPARE(session.savedRunId(), runId);
    // Once ended() says so, the history holds the whole run, finished.
    const RunSummary stored = storedRun(runId);
    QCOMPARE(stored.state, RunState::Finished);
    QCOMPARE(stored.rowCount, 2);
    QCOMPARE(stored.resultCount, 2);
    QCOMPARE(stored.okCount, 1);
}

void TestRunSession::resumeAddsToTheStoredRun()
{
    // A run of three rows stopped after its first answer: the two that hang have no result.
    RunSession begun({.batch = batchOf({m_http->url(u"/json/0"_s).toString(),
                                        m_faults->url(u"/hang"_s).toString(),
                                        m_faults->url(u"/hang"_s).toString()}),
                      .recording = recording()});
    ResultBatch firstResults;
    connect(&begun, &RunSession::resultsReady, this,
            [&firstResults](const ResultBatch &batch) { firstResults.append(batch); });
    QSignalSpy ended(&begun, &RunSession::ended);
    begun.start();
    QTRY_VERIFY_WITH_TIMEOUT(!firstResults.isEmpty() && m_faults->requestCount() == 2, 10000);
    begun.cancel();
    QVERIFY(ended.wait(10000));
    const qint64 runId = begun.savedRunId();
    QVERIFY(runId > 0);
    QCOMPARE(storedRun(runId).resultCount, 1);

    // A session that sends rows 2 and 1 completes it under their own numbers.
    RunRecording resumed = recording();
    resumed.resumedRunId = runId;
    RunSession resume({.batch = batchOf({m_http->url(u"/json/2"_s).toString(),
                                         m_http->url(u"/json/1"_s).toString()}),
                       .inputRows = {2, 1},
                       .recording = resumed});
    ResultBatch results;
    QVERIFY(runToEnd(resume, results));
    QCOMPARE(resume.savedRunId(), runId);
    QList<int> stored;
    for (const Result &result : storedResults(runId))
        stored.append(result.index);
    std::sort(stored.begin(), stored.end());
    QCOMPARE(stored, (QList<int>{0, 1, 2}));
    QCOMPARE(storedRun(runId).state, RunState::Finished);
}

void TestRunSession::rerunIsARunOfItsOwnLinkedToItsOriginal()
{
    RunSession original({.batch = batchOf({m_http->url(u"/json/0"_s).toString(),
                                           m_http->url(u"/status/503"_s).toString()}),
                         .recording = recording()});
    ResultBatch firstResults;
    QVERIFY(runToEnd(original, firstResults));
    const qint64 originalId = original.savedRunId();
    QVERIFY(originalId > 0);

    RunRecording linked = recording();
    linked.parentRunId = originalId;
    RunSession rerun({.batch = batchOf({m_http->url(u"/status/503"_s).toString()}),
                      .inputRows = {1},
                      .recording = linked});
    ResultBatch results;
    QVERIFY(runToEnd(rerun, results));
    // The window sees the row under its input number; the history keeps the re-run as a run of
    // one row, linked to the original.
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().index, 1);
    const qint64 rerunId = rerun.savedRunId();
    QVERIFY(rerunId > 0 && rerunId != originalId);
    QCOMPARE(storedRun(rerunId).parentRunId, originalId);
    const QList<Result> stored = storedResults(rerunId);
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.first().index, 0);
}

void TestRunSession::withoutHistoryStillEnds()
{
    RunSession session({.batch = batchOf({m_http->url(u"/json/1"_s).toString()})});
    QSignalSpy ready(&session, &RunSession::historyReady);
    ResultBatch results;
    QVERIFY(runToEnd(session, results));
    QCOMPARE(ready.count(), 1);
    QCOMPARE(ready.first().first().toLongLong(), 0);
    QCOMPARE(session.savedRunId(), 0);
    QCOMPARE(results.size(), 1);
    QVERIFY(session.hasEnded());
}

// The history's folder cannot be made: the session says so, with the reason, to listeners that
// connect after making it (as salvo-cli and the window do) and before it ends, however soon the
// store finds out; the run goes on without the history, every row answered.
void TestRunSession::aHistoryThatCannotBeOpenedLeavesTheRunWhole()
{
    for (int round = 0; round < 20; ++round) {
        RunSession session(
                {.batch = batchOf({m_http->url(u"/json/1"_s).toString(), u"not an address"_s}),
                 .recording = {.historyPath = u"/proc/salvo-no-such-folder/h.sqlite"_s}});
        QStringList told;
        connect(&session, &RunSession::historyOff, this,
                [&told](const QString &message) { told.append(u"historyOff: "_s + message); });
        connect(&session, &RunSession::historyReady, this,
                [&told](qint64 runId) { told.append(u"ready %1"_s.arg(runId)); });
        connect(&session, &RunSession::ended, this, [&told] { told.append(u"ended"_s); });
        ResultBatch results;
        QVERIFY(runToEnd(session, results));
        QCOMPARE(results.size(), 2);
        QCOMPARE(session.savedRunId(), 0);
        QCOMPARE(told.size(), 3);
        QVERIFY2(told.at(0).startsWith(u"historyOff: "_s), qPrintable(told.join(u" | ")));
        QVERIFY2(told.at(0).contains(u"cannot be created"_s), qPrintable(told.at(0)));
        QCOMPARE(told.at(1), u"ready 0"_s);
        QCOMPARE(told.at(2), u"ended"_s);
    }
}

void TestRunSession::pauseHoldsUntilResume()
{
    QStringList addresses;
    for (int i = 0; i < 40; ++i)
        addresses.append(m_faults->url(u"/delay/50"_s).toString());
    RunOptions options;
    options.concurrency = 2;
    RunSession session({.batch = batchOf(addresses), .chosenOptions = options});
    ResultBatch results;
    connect(&session, &RunSession::resultsReady, this,
            [&results](const ResultBatch &batch) { results.append(batch); });
    QSignalSpy ended(&session, &RunSession::ended);
    session.start();
    QTRY_VERIFY_WITH_TIMEOUT(!results.isEmpty(), 10000);
    session.pause();
    QCOMPARE(session.state(), BatchRun::State::Paused);
    QVERIFY(session.progress().paused);
    // What was in flight finishes, and the run waits (BatchRun's own suite checks that no row
    // starts meanwhile).
    QTRY_COMPARE_WITH_TIMEOUT(session.progress().inFlight, 0, 10000);
    QVERIFY(ended.isEmpty());
    QVERIFY(session.progress().done < 40);
    session.resume();
    QVERIFY(ended.wait(20000));
    QCOMPARE(results.size(), 40);
}

void TestRunSession::cancelEndsEveryRowAndKeepsTheRunCancelled()
{
    QStringList addresses;
    for (int i = 0; i < 12; ++i)
        addresses.append(m_faults->url(u"/hang"_s).toString());
    RunSession session({.batch = batchOf(addresses), .recording = recording()});
    ResultBatch results;
    connect(&session, &RunSession::resultsReady, this,
            [&results](const ResultBatch &batch) { results.append(batch); });
    QSignalSpy ended(&session, &RunSession::ended);
    session.start();
    QTRY_VERIFY_WITH_TIMEOUT(m_faults->requestCount() >= 6, 10000);
    session.cancel();
    QVERIFY(ended.wait(10000));
    QCOMPARE(results.size(), 12);
    for (const Result &result : std::as_const(results))
        QCOMPARE(result.error, ErrorKind::Cancelled);
    QVERIFY(session.wasCancelled());
    QCOMPARE(storedRun(session.savedRunId()).state, RunState::Cancelled);
}

QTEST_GUILESS_MAIN(TestRunSession)
#include "tst_runsession.moc"
