#include <QTest>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "engine/Dispatcher.h"

using namespace Qt::StringLiterals;

namespace {

// Every row take() hands out until it has none, without releasing any.
QList<int> takeUntilNone(salvo::Dispatcher &dispatcher)
{
    QList<int> taken;
    while (const std::optional<int> row = dispatcher.take())
        taken.append(*row);
    return taken;
}

QList<int> rowRange(int count)
{
    QList<int> rows;
    for (int i = 0; i < count; ++i)
        rows.append(i);
    return rows;
}

QStringList hostKeys(std::initializer_list<std::pair<QString, int>> runs)
{
    QStringList keys;
    for (const auto &[host, count] : runs) {
        for (int i = 0; i < count; ++i)
            keys.append(host);
    }
    return keys;
}

const QString hostA = u"https://a.example:443"_s;
const QString hostB = u"https://b.example:443"_s;
const QString hostC = u"http://c.example:80"_s;

} // namespace

class TestDispatcher final : public QObject
{
    Q_OBJECT

private slots:
    void neverMoreThanLimitPerHost_data();
    void neverMoreThanLimitPerHost();
    void rowsOfOneHostComeInInputOrder_data();
    void rowsOfOneHostComeInInputOrder();
    void hostsTakeTurns_data();
    void hostsTakeTurns();
    void releaseMakesRoom();
    void pausedTakesNothing();
    void stopReturnsRowsNeverTaken_data();
    void stopReturnsRowsNeverTaken();
    void concurrentWorkersTakeEachRowOnce_data();
    void concurrentWorkersTakeEachRowOnce();
};

void TestDispatcher::neverMoreThanLimitPerHost_data()
{
    QTest::addColumn<int>("limit");

    QTest::newRow("1") << 1;
    QTest::newRow("2") << 2;
    QTest::newRow("6") << 6;
    QTest::newRow("9: more than the rows of host b") << 9;
}

void TestDispatcher::neverMoreThanLimitPerHost()
{
    QFETCH(int, limit);

    // Ten rows of host a, then seven of host b.
    const QStringList keys = hostKeys({{hostA, 10}, {hostB, 7}});
    salvo::Dispatcher dispatcher(rowRange(int(keys.size())), keys, limit);

    const QList<int> taken = takeUntilNone(dispatcher);

    const int ofA
            = int(std::count_if(taken.cbegin(), taken.cend(), [](int row) { return row < 10; }));
    QCOMPARE(ofA, std::min(limit, 10));
    QCOMPARE(int(taken.size()) - ofA, std::min(limit, 7));
    QCOMPARE(dispatcher.inFlight(), int(taken.size()));
    QVERIFY(!dispatcher.take());
}

void TestDispatcher::rowsOfOneHostComeInInputOrder_data()
{
    QTest::addColumn<int>("limit");

    QTest::newRow("one at a time") << 1;
    QTest::newRow("all at once") << 10;
}

void TestDispatcher::rowsOfOneHostComeInInputOrder()
{
    QFETCH(int, limit);

    // Rows are indexes into the batch; the dispatcher gets them in input order, not sorted.
    const QList<int> rows{5, 2, 9, 0, 7, 1};
    salvo::Dispatcher dispatcher(rows, QStringList(rows.size(), hostA), limit);

    QList<int> taken;
    while (taken.size() < rows.size()) {
        const QList<int> batch = takeUntilNone(dispatcher);
        QVERIFY(!batch.isEmpty());
        QVERIFY(batch.size() <= limit);
        for (const int row : batch)
            dispatcher.release(row);
        taken += batch;
    }
    QCOMPARE(taken, rows);
    QVERIFY(!dispatcher.take());
}

void TestDispatcher::hostsTakeTurns_data()
{
    QTest::addColumn<QList<int>>("rows");
    QTest::addColumn<QStringList>("hosts");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QList<int>>("expected"); // order of take() without any release

    QTest::newRow("two hosts alternate") << rowRange(6) << hostKeys({{hostA, 3}, {hostB, 3}}) << 10
                                         << QList<int>{0, 3, 1, 4, 2, 5};
    QTest::newRow("three uneven hosts")
            << rowRange(6) << hostKeys({{hostA, 3}, {hostB, 2}, {hostC, 1}}) << 10
            << QList<int>{0, 3, 5, 1, 4, 2};
    QTest::newRow("interleaved input") << rowRange(4) << QStringList{hostA, hostB, hostA, hostB}
                                       << 10 << QList<int>{0, 1, 2, 3};
    QTest::newRow("limit 2 stops each host at two")
            << rowRange(8) << hostKeys({{hostA, 4}, {hostB, 4}}) << 2 << QList<int>{0, 4, 1, 5};
    QTest::newRow("limit 1: one of each host")
            << rowRange(6) << hostKeys({{hostA, 3}, {hostB, 2}, {hostC, 1}}) << 1
            << QList<int>{0, 3, 5};
    QTest::newRow("same host name, different port is another host")
            << rowRange(4)
            << QStringList{hostA, hostA, u"https://a.example:8443"_s, u"https://a.example:8443"_s}
            << 1 << QList<int>{0, 2};
}

void TestDispatcher::hostsTakeTurns()
{
    QFETCH(QList<int>, rows);
    QFETCH(QStringList, hosts);
    QFETCH(int, limit);
    QFETCH(QList<int>, expected);

    salvo::Dispatcher dispatcher(rows, hosts, limit);

    QCOMPARE(takeUntilNone(dispatcher), expected);
}

void TestDispatcher::releaseMakesRoom()
{
    // Host a: rows 0, 1, 2; host b: rows 3, 4.
    salvo::Dispatcher dispatcher(rowRange(5), hostKeys({{hostA, 3}, {hostB, 2}}), 1);

    QCOMPARE(takeUntilNone(dispatcher), (QList<int>{0, 3}));
    QCOMPARE(dispatcher.inFlight(), 2);

    dispatcher.release(3);
    QCOMPARE(dispatcher.inFlight(), 1);
    QCOMPARE(takeUntilNone(dispatcher), QList<int>{4}); // only b had room

    dispatcher.release(4); // b has no rows left: room there gives nothing
    QVERIFY(!dispatcher.take());

    dispatcher.release(0);
    QCOMPARE(takeUntilNone(dispatcher), QList<int>{1});
    dispatcher.release(1);
    QCOMPARE(takeUntilNone(dispatcher), QList<int>{2});
    dispatcher.release(2);
    QCOMPARE(dispatcher.inFlight(), 0);
    QVERIFY(!dispatcher.take());
}

void TestDispatcher::pausedTakesNothing()
{
    salvo::Dispatcher dispatcher(rowRange(6), hostKeys({{hostA, 3}, {hostB, 3}}), 1);
    QCOMPARE(dispatcher.take().value_or(-1), 0);

    dispatcher.setPaused(true);
    QVERIFY(!dispatcher.take());
    dispatcher.release(0); // a row in flight may finish while paused
    QVERIFY(!dispatcher.take());
    QCOMPARE(dispatcher.inFlight(), 0);

    dispatcher.setPaused(false);
    QCOMPARE(takeUntilNone(dispatcher), (QList<int>{3, 1}));

    dispatcher.setPaused(true);
    dispatcher.release(3);
    dispatcher.release(1);
    QVERIFY(!dispatcher.take());
    dispatcher.setPaused(false);
    QCOMPARE(takeUntilNone(dispatcher), (QList<int>{4, 2}));
}

void TestDispatcher::stopReturnsRowsNeverTaken_data()
{
    QTest::addColumn<QList<int>>("rows");
    QTest::addColumn<QStringList>("hosts");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("takes"); // how many take() calls before stop()
    QTest::addColumn<QList<int>>("expected");

    QTest::newRow("no rows") << QList<int>() << QStringList() << 1 << 1 << QList<int>();
    QTest::newRow("nothing taken, sorted")
            << QList<int>{7, 3, 5, 1} << QStringList{hostA, hostB, hostA, hostB} << 4 << 0
            << QList<int>{1, 3, 5, 7};
    QTest::newRow("some taken") << rowRange(6) << hostKeys({{hostA, 3}, {hostB, 3}}) << 4 << 3
                                << QList<int>{2, 4, 5};
    QTest::newRow("limit held rows back") << rowRange(6) << hostKeys({{hostA, 3}, {hostB, 3}}) << 1
                                          << 10 << QList<int>{1, 2, 4, 5};
    QTest::newRow("everything taken")
            << rowRange(3) << hostKeys({{hostA, 3}}) << 3 << 3 << QList<int>();
    QTest::newRow("rows with gaps")
            << QList<int>{10, 4, 8, 2} << QStringList{hostA, hostA, hostB, hostB} << 1 << 2
            << QList<int>{2, 4};
}

void TestDispatcher::stopReturnsRowsNeverTaken()
{
    QFETCH(QList<int>, rows);
    QFETCH(QStringList, hosts);
    QFETCH(int, limit);
    QFETCH(int, takes);
    QFETCH(QList<int>, expected);

    salvo::Dispatcher dispatcher(rows, hosts, limit);
    QList<int> taken;
    for (int i = 0; i < takes; ++i) {
        if (const std::optional<int> row = dispatcher.take())
            taken.append(*row);
    }

    QCOMPARE(dispatcher.stop(), expected);
    QVERIFY(!dispatcher.take());

    for (const int row : std::as_const(taken))
        dispatcher.release(row);
    QCOMPARE(dispatcher.inFlight(), 0);
    QVERIFY(!dispatcher.take());
    QCOMPARE(dispatcher.stop(), QList<int>());

    dispatcher.setPaused(false);
    QVERIFY(!dispatcher.take());
}

void TestDispatcher::concurrentWorkersTakeEachRowOnce_data()
{
    QTest::addColumn<int>("limit");

    QTest::newRow("limit 1") << 1;
    QTest::newRow("limit 2") << 2;
    QTest::newRow("limit 3") << 3;
}

void TestDispatcher::concurrentWorkersTakeEachRowOnce()
{
    QFETCH(int, limit);

    constexpr int rowCount = 5000;
    constexpr int hostCount = 3;
    constexpr int workerCount = 4;
    // Host 0 has half the rows, hosts 1 and 2 a quarter each: once 1 and 2 run out, all four
    // workers want host 0 at once, more than any limit here lets in.
    QStringList keys;
    std::vector<int> hostOfRow(rowCount);
    for (int row = 0; row < rowCount; ++row) {
        hostOfRow[size_t(row)] = std::max(row % 4 - 1, 0);
        keys.append(u"https://host%1.example:443"_s.arg(hostOfRow[size_t(row)]));
    }
    salvo::Dispatcher dispatcher(rowRange(rowCount), keys, limit);

    std::vector<std::atomic<int>> timesTaken(rowCount);
    // Counted up after take() returns and down before release(), so a count above the limit
    // means the dispatcher really had more than the limit of that host out at once.
    std::vector<std::atomic<int>> inFlight(hostCount);
    std::vector<std::atomic<int>> mostInFlight(hostCount);
    std::atomic<int> done = 0;
    std::atomic<bool> gaveUp = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);

    const auto work = [&] {
        while (done.load() < rowCount) {
            if (std::chrono::steady_clock::now() > deadline) {
                gaveUp = true;
                return;
            }
            const std::optional<int> row = dispatcher.take();
            if (!row) {
                std::this_thread::yield();
                continue;
            }
            const int host = hostOfRow.at(size_t(*row));
            const int now = ++inFlight[size_t(host)];
            int most = mostInFlight[size_t(host)].load();
            while (now > most && !mostInFlight[size_t(host)].compare_exchange_weak(most, now)) { }
            ++timesTaken[size_t(*row)];
            std::this_thread::sleep_for(std::chrono::microseconds(20)); // as a request would
            --inFlight[size_t(host)];
            ++done;
            dispatcher.release(*row);
        }
    };
    std::vector<std::thread> workers;
    for (int i = 0; i < workerCount; ++i)
        workers.emplace_back(work);
    for (std::thread &worker : workers)
        worker.join();

    QVERIFY2(!gaveUp, "the workers did not get every row within 60 s");
    for (int row = 0; row < rowCount; ++row) {
        const int times = timesTaken[size_t(row)];
        QVERIFY2(times == 1, qPrintable(u"row %1 taken %2 times"_s.arg(row).arg(times)));
    }
    for (int host = 0; host < hostCount; ++host) {
        const int most = mostInFlight[size_t(host)];
        QVERIFY2(most <= limit, qPrintable(u"host %1 had %2 rows in flight"_s.arg(host).arg(most)));
    }
    QCOMPARE(dispatcher.inFlight(), 0);
    QVERIFY(!dispatcher.take());
    QCOMPARE(dispatcher.stop(), QList<int>());
}

QTEST_GUILESS_MAIN(TestDispatcher)
#include "tst_dispatcher.moc"
