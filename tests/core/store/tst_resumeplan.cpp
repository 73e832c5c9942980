// planResume(): what salvo-cli's `resume` and the window's Resume send: only the rows without a
// result, with the run's method, options and headers, the secret ones named but not kept; a run
// still written, an unknown run and a complete one are told apart.

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "StoreTestSupport.h"
#include "store/ResumePlan.h"
#include "store/RunHistory.h"
#include "store/RunStore.h"
#include "ExpectedTest.h"

using namespace Qt::StringLiterals;
using namespace salvo;
using salvo::test::answeredRows;
using salvo::test::settle;
using salvo::test::urlListBatch;

class TestResumePlan : public QObject
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_history.setUp()); }
    void cleanup() { m_history.tearDown(); }

    void plansOnlyTheRowsWithoutAResult()
    {
        BatchSpec batch = urlListBatch(10);
        batch.method = "POST";
        batch.body = "{\"probe\":true}";
        batch.headers = {{"Accept", "application/json"}, {"Authorization", "Bearer hidden"}};
        RunOptions options;
        options.concurrency = 7;
        options.deadline = Milliseconds(4321);
        const qint64 runId = beginRun(batch, options);
        m_history.store->appendResults(m_ticket, answeredRows(0, 3));
        m_history.store->appendResults(m_ticket, answeredRows(6, 2));
        m_history.store->finishRun(m_ticket, RunState::Cancelled);
        settle(*m_history.store);

        const Expected<ResumePlan> plan = planResume(m_history.path, runId);
        QVERIFY_RESULT(plan);
        QVERIFY(!plan->isComplete());
        QCOMPARE(plan->runId, runId);
        QCOMPARE(plan->rowIndices, (QList<int>{3, 4, 5, 8, 9}));
        QCOMPARE(plan->batch.rows.size(), 5);
        for (int i = 0; i < plan->rowIndices.size(); ++i)
            QCOMPARE(plan->batch.rows.at(i).text, batch.rows.at(plan->rowIndices.at(i)).text);
        QCOMPARE(plan->batch.method, QByteArray("POST"));
        QCOMPARE(plan->batch.body, batch.body);
        QCOMPARE(plan->batch.headers, (HeaderList{{"Accept", "application/json"}}));
        QCOMPARE(plan->withheldHeaders, (QList<QByteArray>{"Authorization"}));
        QCOMPARE(plan->options.concurrency, 7);
        QCOMPARE(plan->options.deadline, Milliseconds(4321));
    }

    void aCompleteInterruptedRunIsMarkedFinished()
    {
        const qint64 runId = beginRun(urlListBatch(4), {});
        m_history.store->appendResults(m_ticket, answeredRows(0, 4));
        settle(*m_history.store);
        m_history.store.reset(); // closed without finishing: the run reads as interrupted
        {
            RunHistory history(m_history.path);
            QVERIFY(history.open());
            QCOMPARE(history.run(runId)->state, RunState::Interrupted);
        }
        const Expected<ResumePlan> plan = planResume(m_history.path, runId);
        QVERIFY(plan);
        QVERIFY(plan->isComplete());
        RunHistory history(m_history.path);
        QVERIFY(history.open());
        QCOMPARE(history.run(runId)->state, RunState::Finished);
    }

    void refusesWhatCannotBeResumed()
    {
        const qint64 runId = beginRun(urlListBatch(4), {});
        settle(*m_history.store);
        const Expected<ResumePlan> running = planResume(m_history.path, runId);
        QVERIFY(!running);
        QCOMPARE(running.error().code, ErrorCode::StillRunning);
        QVERIFY(running.error().message.contains(u"still running"_s));

        const Expected<ResumePlan> unknown = planResume(m_history.path, runId + 5);
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, ErrorCode::NoSuchRun);

        const Expected<ResumePlan> noFile
                = planResume(m_history.dir->filePath(u"none.sqlite"_s), 1);
        QVERIFY(!noFile);
        QVERIFY(!noFile.error().message.isEmpty());
    }

private:
    qint64 beginRun(const BatchSpec &batch, const RunOptions &options)
    {
        QSignalSpy begun(m_history.store.get(), &RunStore::runBegun);
        m_ticket = m_history.store->beginRun(batch, options);
        settle(*m_history.store);
        return begun.isEmpty() ? 0 : begun.at(0).at(1).toLongLong();
    }

    test::HistoryFixture m_history;
    RunTicket m_ticket = 0;
};

QTEST_GUILESS_MAIN(TestResumePlan)
#include "tst_resumeplan.moc"
