// HistoryMaintenance: the retention setting keeps the newest N runs and the runs of the last N
// days, deletes the others with their results, and never a run a live process is writing.

#include <QTemporaryDir>
#include <QTimeZone>
#include <QTest>

#include <memory>

#include "StoreTestSupport.h"
#include "store/HistoryMaintenance.h"
#include "store/RunHistory.h"
#include "store/RunStore.h"
#include "ExpectedTest.h"

using namespace Qt::StringLiterals;
using namespace salvo;
using salvo::test::answeredRows;
using salvo::test::RawSql;
using salvo::test::settle;
using salvo::test::urlListBatch;
using salvo::test::writeFinishedRun;

Q_DECLARE_METATYPE(salvo::RetentionPolicy)

class TestHistoryMaintenance : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(u"history.sqlite"_s);
        m_store = std::make_unique<RunStore>(StoreConfig{.path = m_path});
        QVERIFY(m_store->open().result());
        // Five finished runs, started 40, 20, 8, 2 and 0 days before m_now.
        for (const int daysAgo : {40, 20, 8, 2, 0}) {
            const qint64 runId = writeFinishedRun(*m_store, answeredRows(0, 3));
            QVERIFY(runId > 0);
            RawSql raw(m_path);
            QVERIFY(raw.exec(u"UPDATE runs SET started_ms = %1 WHERE id = %2"_s
                                     .arg(m_now.addDays(-daysAgo).toMSecsSinceEpoch())
                                     .arg(runId)));
            m_runs.append(runId);
        }
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
        m_runs.clear();
    }

    void keepsWhatThePolicySays_data()
    {
        QTest::addColumn<RetentionPolicy>("policy");
        QTest::addColumn<QList<int>>("kept"); // positions in m_runs, oldest first
        QTest::newRow("everything") << RetentionPolicy{} << QList<int>{0, 1, 2, 3, 4};
        QTest::newRow("the last 2 runs") << RetentionPolicy{2, 0} << QList<int>{3, 4};
        QTest::newRow("the last 10 runs") << RetentionPolicy{10, 0} << QList<int>{0, 1, 2, 3, 4};
        QTest::newRow("the last 10 days") << RetentionPolicy{0, 10} << QList<int>{2, 3, 4};
        QTest::newRow("the last 30 days, at most 2 runs")
                << RetentionPolicy{2, 30} << QList<int>{3, 4};
        QTest::newRow("the last day") << RetentionPolicy{0, 1} << QList<int>{4};
    }

    void keepsWhatThePolicySays()
    {
        QFETCH(RetentionPolicy, policy);
        QFETCH(QList<int>, kept);
        HistoryMaintenance maintenance(m_path);
        QVERIFY(maintenance.open());
        const Expected<int> deleted = maintenance.applyRetention(policy, m_now);
        QVERIFY_RESULT(deleted);
        QCOMPARE(*deleted, m_runs.size() - kept.size());

        QList<qint64> expected;
        for (const int position : kept)
            expected.prepend(m_runs.at(position)); // newest first, as the history lists them
        QCOMPARE(listedRuns(), expected);
        // Their results went with them.
        RawSql raw(m_path);
        QCOMPARE(raw.value(u"SELECT COUNT(*) FROM results"_s).toInt(), 3 * int(kept.size()));
    }

    // A run still being written is not deleted under its writer, however old or far down.
    void aLiveRunStays()
    {
        const RunTicket ticket = m_store->beginRun(urlListBatch(4), {});
        settle(*m_store);
        RawSql raw(m_path);
        QVERIFY(raw.exec(u"UPDATE runs SET started_ms = 0 WHERE state = 'running'"_s));
        const qint64 live
                = raw.value(u"SELECT id FROM runs WHERE state = 'running'"_s).toLongLong();
        QVERIFY(live > 0);

        HistoryMaintenance maintenance(m_path);
        QVERIFY(maintenance.open());
        QCOMPARE(*maintenance.applyRetention({0, 1}, m_now), 4);
        QCOMPARE(listedRuns(), (QList<qint64>{live, m_runs.constLast()}));
        m_store->finishRun(ticket, RunState::Cancelled);
        settle(*m_store);
    }

    void notOpenIsAnError()
    {
        HistoryMaintenance maintenance(m_dir->filePath(u"none.sqlite"_s));
        QVERIFY(!maintenance.open());
        const Expected<int> deleted = maintenance.applyRetention({1, 0}, m_now);
        QVERIFY(!deleted);
        QVERIFY(deleted.error().message.contains(u"not open"_s));
    }

private:
    QList<qint64> listedRuns() const
    {
        RunHistory history(m_path);
        if (!history.open())
            return {};
        const Expected<QList<RunSummary>> runs = history.runs();
        QList<qint64> ids;
        for (const RunSummary &run : runs.value())
            ids.append(run.id);
        return ids;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<RunStore> m_store;
    QList<qint64> m_runs; // oldest first
    const QDateTime m_now = QDateTime(QDate(2026, 6, 1), QTime(12, 0), QTimeZone::utc());
};

QTEST_GUILESS_MAIN(TestHistoryMaintenance)
#include "tst_historymaintenance.moc"
