// EngineWorker against loopback servers, in a thread of its own as in a run: it never has more
// rows in flight than its slots, hands every row it took back as exactly one result, in
// batches, sweeps timeouts, and stops at once when cancelled or destroyed.

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <memory>

#include "FaultServer.h"
#include "RunRecorder.h"
#include "engine/Dispatcher.h"
#include "engine/EngineWorker.h"

using namespace Qt::StringLiterals;
using namespace salvo;
using namespace std::chrono_literals;

class TestEngineWorker final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void neverRunsMoreRowsThanItsSlots();
    void everyRowTakenComesBackOnceInBatches();
    void sweepsTimeouts();
    void cancelEndsWhatIsInFlightAtOnce();
    void destroyingItWithRowsInFlightReturns();

private:
    // A worker in its own thread over these addresses, with `slotCount` slots.
    void startWorker(const QStringList &addresses, int slotCount, RunOptions options = {});
    // Waits until `count` results came, at most timeoutMs.
    bool waitForResults(int count, int timeoutMs = 10000);

    std::unique_ptr<FaultServer> m_faults;
    std::shared_ptr<Dispatcher> m_dispatcher;
    std::unique_ptr<QThread> m_thread;
    EngineWorker *m_worker = nullptr; // lives in m_thread, deleted there
    ResultBatch m_results;
    QList<qsizetype> m_batchSizes;
};

void TestEngineWorker::init()
{
    qRegisterMetaType<salvo::ResultBatch>();
    m_faults = std::make_unique<FaultServer>();
    QVERIFY(m_faults->start());
    m_results.clear();
    m_batchSizes.clear();
}

void TestEngineWorker::cleanup()
{
    if (m_thread) {
        m_thread->quit();
        QVERIFY(m_thread->wait(10000));
    }
    m_thread.reset();
    m_worker = nullptr;
    m_dispatcher.reset();
    m_faults.reset();
}

void TestEngineWorker::startWorker(const QStringList &addresses, int slotCount, RunOptions options)
{
    auto spec = std::make_shared<const BatchSpec>(batchOf(addresses));
    m_dispatcher = std::make_shared<Dispatcher>(spec, RunOptions::maxPerHostConcurrency);
    m_thread = std::make_unique<QThread>();
    m_worker = new EngineWorker(spec, m_dispatcher, options.normalized(), slotCount);
    m_worker->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &EngineWorker::resultsProduced, this, [this](const ResultBatch &batch) {
        m_batchSizes.append(batch.size());
        m_results.append(batch);
    });
    m_thread->start();
    QMetaObject::invokeMethod(m_worker, &EngineWorker::start, Qt::QueuedConnection);
}

bool TestEngineWorker::waitForResults(int count, int timeoutMs)
{
    return QTest::qWaitFor([&] { return m_results.size() >= count; }, timeoutMs);
}

void TestEngineWorker::neverRunsMoreRowsThanItsSlots()
{
    startWorker(QStringList(12, m_faults->url(u"/delay/150"_s).toString()), 3);
    QVERIFY(waitForResults(12));
    // Never more than its slots; on a slow machine fewer may overlap.
    QVERIFY2(m_faults->maxConcurrentRequests() <= 3,
             qPrintable(u"%1 at once"_s.arg(m_faults->maxConcurrentRequests())));
    QCOMPARE(m_faults->requestCount(), 12);
}

void TestEngineWorker::everyRowTakenComesBackOnceInBatches()
{
    startWorker(QStringList(200, m_faults->url(u"/ok"_s).toString()), 16);
    QVERIFY(waitForResults(200));
    QSet<int> rows;
    for (const Result &result : std::as_const(m_results)) {
        QCOMPARE(result.status, 200);
        rows.insert(result.index);
    }
    QCOMPARE(rows.size(), 200);
    QCOMPARE(m_results.size(), 200);
    // Results travel in batches, not one signal a row.
    QVERIFY2(m_batchSizes.size() < 200, qPrintable(u"%1 batches"_s.arg(m_batchSizes.size())));
    QCOMPARE(m_dispatcher->inFlight(), 0);
}

void TestEngineWorker::sweepsTimeouts()
{
    RunOptions options;
    options.inactivity = 300ms;
    startWorker({m_faults->url(u"/hang"_s).toString(), m_faults->url(u"/ok"_s).toString()}, 2,
                options);
    QVERIFY(waitForResults(2));
    QHash<int, Result> byRow;
    for (const Result &result : std::as_const(m_results))
        byRow.insert(result.index, result);
    QCOMPARE(byRow.value(0).error, ErrorKind::Timeout);
    QCOMPARE(byRow.value(0).timeout, TimeoutKind::Inactivity);
    QCOMPARE(byRow.value(1).status, 200);
}

void TestEngineWorker::cancelEndsWhatIsInFlightAtOnce()
{
    startWorker(QStringList(10, m_faults->url(u"/hang"_s).toString()), 4);
    QTRY_COMPARE_WITH_TIMEOUT(m_faults->requestCount(), 4, 10000);
    QElapsedTimer clock;
    clock.start();
    m_dispatcher->stop(); // as BatchRun does: no row is taken after this
    QMetaObject::invokeMethod(m_worker, &EngineWorker::cancel, Qt::QueuedConnection);
    QVERIFY(waitForResults(4, 5000));
    QVERIFY2(clock.elapsed() < 2000, "rows in flight end at once on cancel");
    QCOMPARE(m_results.size(), 4); // the rows it never took are not its to report
    for (const Result &result : std::as_const(m_results))
        QCOMPARE(result.error, ErrorKind::Cancelled);
}

void TestEngineWorker::destroyingItWithRowsInFlightReturns()
{
    startWorker(QStringList(6, m_faults->url(u"/hang"_s).toString()), 6);
    QTRY_COMPARE_WITH_TIMEOUT(m_faults->requestCount(), 6, 10000);
    QElapsedTimer clock;
    clock.start();
    m_thread->quit(); // the worker is deleted in its thread, with its rows in flight
    QVERIFY(m_thread->wait(5000));
    QVERIFY2(clock.elapsed() < 2000, "no row keeps a destroyed worker waiting");
}

QTEST_GUILESS_MAIN(TestEngineWorker)
#include "tst_engineworker.moc"
