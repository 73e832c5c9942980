#include <QTest>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "batch/RowAddress.h"
#include "engine/Dispatcher.h"

using namespace Qt::StringLiterals;

namespace {

// A batch whose row i goes to hosts[i] ("scheme://host:port"; "-" for a row that cannot be
// requested), and a dispatcher over it that remembers the host of each row it handed out.
class Dispatch
{
public:
    Dispatch(const QStringList &hosts, int limit)
        : m_dispatcher(specFor(hosts), limit)
    { }

    salvo::Dispatcher &dispatcher() { return m_dispatcher; }

    std::optional<int> take()
    {
        const std::optional<salvo::DispatchedRow> row = m_dispatcher.take();
        if (!row)
            return std::nullopt;
        m_hostOfRow.insert(row->row, row->host);
        return row->row;
    }

    // Every row take() hands out until it has none, without releasing any.
    QList<int> takeUntilNone()
    {
        QList<int> taken;
        while (const std::optional<int> row = take())
            taken.append(*row);
        return taken;
    }

    void release(int row) { m_dispatcher.release(m_hostOfRow.value(row)); }
    int hostOf(int row) const { return m_hostOfRow.value(row); }

private:
    static std::shared_ptr<const salvo::BatchSpec> specFor(const QStringList &hosts)
    {
        QList<salvo::RequestSpec> rows;
        for (qsizetype i = 0; i < hosts.size(); ++i) {
            rows.append(salvo::requestForAddress(
                    hosts.at(i) == u"-" ? u"not an address"_s : hosts.at(i) + u"/row/%1"_s.arg(i),
                    int(i + 1)));
        }
        auto spec = std::make_shared<salvo::BatchSpec>();
        spec->rows = std::move(rows);
        return spec;
    }

    salvo::Dispatcher m_dispatcher;
    QHash<int, int> m_hostOfRow;
};

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
    void rowsThatCannotBeRequestedHoldNoRoom();
    void readsAheadNoFurtherThanItsLimit();
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
    Dispatch run(hostKeys({{hostA, 10}, {hostB, 7}}), limit);

    const QList<int> taken = run.takeUntilNone();

    const int ofA
            = int(std::count_if(taken.cbegin(), taken.cend(), [](int row) { return row < 10; }));
    QCOMPARE(ofA, std::min(limit, 10));
    QCOMPARE(int(taken.size()) - ofA, std::min(limit, 7));
    QCOMPARE(run.dispatcher().inFlight(), int(taken.size()));
    QVERIFY(!run.take());
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

    Dispatch run(QStringList(6, hostA), limit);

    QList<int> taken;
    while (taken.size() < 6) {
        const QList<int> batch = run.takeUntilNone();
        QVERIFY(!batch.isEmpty());
        QVERIFY(batch.size() <= limit);
        for (const int row : batch)
            run.release(row);
        taken += batch;
    }
    QCOMPARE(taken, rowRange(6));
    QVERIFY(!run.take());
}

void TestDispatcher::hostsTakeTurns_data()
{
    QTest::addColumn<QStringList>("hosts");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QList<int>>("expected"); // order of take() without any release

    // Rows are read as they are needed: a host's rows take turns with the hosts read so far.
    QTest::newRow("two hosts, the second read once the first is full")
            << hostKeys({{hostA, 3}, {hostB, 3}}) << 2 << QList<int>{0, 1, 3, 4};
    QTest::newRow("interleaved input")
            << QStringList{hostA, hostB, hostA, hostB} << 10 << QList<int>{0, 1, 2, 3};
    QTest::newRow("limit 2 stops each host at two")
            << hostKeys({{hostA, 4}, {hostB, 4}}) << 2 << QList<int>{0, 1, 4, 5};
    QTest::newRow("limit 1: one of each host")
            << hostKeys({{hostA, 3}, {hostB, 2}, {hostC, 1}}) << 1 << QList<int>{0, 3, 5};
    QTest::newRow("same host name, different port is another host")
            << QStringList{hostA, hostA, u"https://a.example:8443"_s, u"https://a.example:8443"_s}
            << 1 << QList<int>{0, 2};
    QTest::newRow("a row that cannot be requested is handed out as it is read")
            << QStringList{hostA, hostA, u"-"_s, hostA, u"-"_s} << 1 << QList<int>{0, 2, 4};
}

void TestDispatcher::hostsTakeTurns()
{
    QFETCH(QStringList, hosts);
    QFETCH(int, limit);
    QFETCH(QList<int>, expected);

    Dispatch run(hosts, limit);

    QCOMPARE(run.takeUntilNone(), expected);
}

void TestDispatcher::rowsThatCannotBeRequestedHoldNoRoom()
{
    Dispatch run({u"-"_s, hostA, u"-"_s}, 1);
    QCOMPARE(run.takeUntilNone(), (QList<int>{0, 1, 2}));
    QCOMPARE(run.hostOf(0), salvo::DispatchedRow::noHost);
    QCOMPARE(run.dispatcher().inFlight(), 1); // only the row of host a is in flight
    run.release(0);
    run.release(1);
    run.release(2);
    QCOMPARE(run.dispatcher().inFlight(), 0);
}

void TestDispatcher::readsAheadNoFurtherThanItsLimit()
{
    // Host a's rows fill the look-ahead while its one slot is taken: host b's row, further
    // down, waits until rows of a go out.
    constexpr int limit = salvo::Dispatcher::readAheadLimit;
    QStringList hosts(limit + 1, hostA);
    hosts.append(hostB);
    Dispatch run(hosts, 1);
    QCOMPARE(run.takeUntilNone(), QList<int>{0});
    run.release(0);
    QCOMPARE(run.takeUntilNone(), (QList<int>{1, limit + 1}));
    QCOMPARE(run.dispatcher().stop().size(), limit - 1);
}

void TestDispatcher::releaseMakesRoom()
{
    // Host a: rows 0, 1, 2; host b: rows 3, 4.
    Dispatch run(hostKeys({{hostA, 3}, {hostB, 2}}), 1);

    QCOMPARE(run.takeUntilNone(), (QList<int>{0, 3}));
    QCOMPARE(run.dispatcher().inFlight(), 2);

    run.release(3);
    QCOMPARE(run.dispatcher().inFlight(), 1);
    QCOMPARE(run.takeUntilNone(), QList<int>{4}); // only b had room

    run.release(4); // b has no rows left: room there gives nothing
    QVERIFY(!run.take());

    run.release(0);
    QCOMPARE(run.takeUntilNone(), QList<int>{1});
    run.release(1);
    QCOMPARE(run.takeUntilNone(), QList<int>{2});
    run.release(2);
    QCOMPARE(run.dispatcher().inFlight(), 0);
    QVERIFY(!run.take());
}

void TestDispatcher::pausedTakesNothing()
{
    Dispatch run(QStringList{hostA, hostB, hostA, hostB, hostA, hostB}, 1);
    QCOMPARE(run.take().value_or(-1), 0);

    run.dispatcher().setPaused(true);
    QVERIFY(!run.take());
    run.release(0); // a row in flight may finish while paused
    QVERIFY(!run.take());
    QCOMPARE(run.dispatcher().inFlight(), 0);

    run.dispatcher().setPaused(false);
    QCOMPARE(run.takeUntilNone(), (QList<int>{1, 2}));

    run.dispatcher().setPaused(true);
    run.release(1);
    run.release(2);
    QVERIFY(!run.take());
    run.dispatcher().setPaused(false);
    QCOMPARE(run.takeUntilNone(), (QList<int>{3, 4}));
}

void TestDispatcher::stopReturnsRowsNeverTaken_data()
{
    QTest::addColumn<QStringList>("hosts");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("takes"); // how many take() calls before stop()
    QTest::addColumn<QList<int>>("expected");

    QTest::newRow("no rows") << QStringList() << 1 << 1 << QList<int>();
    QTest::newRow("nothing taken")
            << QStringList{hostA, hostB, hostA, hostB} << 4 << 0 << QList<int>{0, 1, 2, 3};
    QTest::newRow("some taken") << hostKeys({{hostA, 3}, {hostB, 3}}) << 4 << 3
                                << QList<int>{3, 4, 5};
    QTest::newRow("limit held rows back")
            << hostKeys({{hostA, 3}, {hostB, 3}}) << 1 << 10 << QList<int>{1, 2, 4, 5};
    QTest::newRow("everything taken") << hostKeys({{hostA, 3}}) << 3 << 3 << QList<int>();
}

void TestDispatcher::stopReturnsRowsNeverTaken()
{
    QFETCH(QStringList, hosts);
    QFETCH(int, limit);
    QFETCH(int, takes);
    QFETCH(QList<int>, expected);

    Dispatch run(hosts, limit);
    QList<int> taken;
    for (int i = 0; i < takes; ++i) {
        if (const std::optional<int> row = run.take())
            taken.append(*row);
    }

    QCOMPARE(run.dispatcher().stop(), expected);
    QVERIFY(!run.take());

    for (const int row : std::as_const(taken))
        run.release(row);
    QCOMPARE(run.dispatcher().inFlight(), 0);
    QVERIFY(!run.take());
    QCOMPARE(run.dispatcher().stop(), QList<int>());

    run.dispatcher().setPaused(false);
    QVERIFY(!run.take());
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
    Dispatch run(keys, limit);
    salvo::Dispatcher &dispatcher = run.dispatcher();

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
            const std::optional<salvo::DispatchedRow> taken = dispatcher.take();
            if (!taken) {
                std::this_thread::yield();
                continue;
            }
            const std::optional<int> row = taken->row;
            const int host = hostOfRow.at(size_t(*row));
            const int now = ++inFlight[size_t(host)];
            int most = mostInFlight[size_t(host)].load();
            while (now > most && !mostInFlight[size_t(host)].compare_exchange_weak(most, now)) { }
            ++timesTaken[size_t(*row)];
            std::this_thread::sleep_for(std::chrono::microseconds(20)); // as a request would
            --inFlight[size_t(host)];
            ++done;
            dispatcher.release(taken->host);
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
