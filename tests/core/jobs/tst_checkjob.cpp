// CheckJob through a real JobManager against loopback servers and a real history file: the
// first check is a run kept as the baseline, the next finds what changed since, a batch that
// cannot run fails in words, and a cancel stops a check that waits on a server.

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "FaultServer.h"
#include "NetworkIsolation.h"
#include "TestServer.h"
#include "jobs/CheckJob.h"
#include "jobs/CheckReport.h"
#include "jobs/JobManager.h"
#include "store/RunHistory.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace salvo;

namespace {

std::optional<JobInfo> endOf(QSignalSpy &ended, int timeoutMs = 30'000)
{
    if (ended.isEmpty() && !ended.wait(timeoutMs))
        return std::nullopt;
    return ended.takeFirst().constFirst().value<JobInfo>();
}

SavedBatch batchOf(const QList<QUrl> &urls)
{
    SavedBatch batch;
    batch.name = u"health"_s;
    for (const QUrl &url : urls)
        batch.input.data += url.toEncoded() + '\n';
    batch.options.deadline = 10s;
    return batch;
}

} // namespace

class TestCheckJob final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_http = std::make_unique<TestServer>();
        QVERIFY(m_http->start());
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_historyPath = m_dir->filePath(u"history.sqlite"_s);
    }

    void cleanup()
    {
        m_http.reset();
        m_dir.reset();
    }

    void theNextCheckFindsWhatChanged()
    {
        // /flaky answers 503 the first time and 200 after: the second check sees it recover.
        const SavedBatch batch
                = batchOf({m_http->url(u"/status/200"_s), m_http->url(u"/flaky/check/1"_s),
                           m_http->url(u"/status/404"_s)});
        JobManager jobs;
        QSignalSpy ended(&jobs, &JobManager::jobEnded);
        Schedule schedule;
        schedule.id = 1;
        schedule.name = u"health"_s;
        jobs.start(std::make_unique<CheckJob>(CheckRequest{m_historyPath, schedule, batch}));
        const std::optional<JobInfo> first = endOf(ended);
        QVERIFY(first);
        QCOMPARE(first->title, u"Check health"_s);
        QCOMPARE(first->kind, JobKind::Recheck);
        QCOMPARE(first->state, JobState::Done);
        QVERIFY(first->outcome.runId > 0);
        QCOMPARE(first->total, 3);
        QVERIFY2(first->outcome.message.startsWith(u"First check, kept as run"_s),
                 qPrintable(first->outcome.message));
        QVERIFY(first->outcome.detail.canConvert<CheckReport>());
        QVERIFY(!first->outcome.detail.value<CheckReport>().differs());

        // The check is a run of the history, with one result per row.
        RunHistory history(m_historyPath);
        QVERIFY(history.open());
        const Expected<RunSummary> run = history.run(first->outcome.runId);
        QVERIFY(run);
        QCOMPARE(run->batchName, u"health"_s);
        QCOMPARE(run->state, RunState::Finished);
        QCOMPARE(run->resultCount, 3);

        schedule.lastRunId = first->outcome.runId;
        jobs.start(std::make_unique<CheckJob>(CheckRequest{m_historyPath, schedule, batch}));
        const std::optional<JobInfo> second = endOf(ended);
        QVERIFY(second);
        QCOMPARE(second->state, JobState::Done);
        QVERIFY(second->outcome.runId > first->outcome.runId);
        const CheckReport report = second->outcome.detail.value<CheckReport>();
        QVERIFY(report.differs());
        QCOMPARE(report.previousRunId, first->outcome.runId);
        QCOMPARE(report.statusChanges, 1);
        QCOMPARE(report.changes.size(), 1);
        QCOMPARE(report.changes.constFirst().before.status, 503);
        QCOMPARE(report.changes.constFirst().after.status, 200);
        QCOMPARE(second->outcome.message,
                 u"1 row changed since run %1: 1 changed status. %2: 503 \u2192 200."_s
                         .arg(first->outcome.runId)
                         .arg(report.changes.constFirst().url));
        QVERIFY(report.changes.constFirst().url.contains(u"/flaky/check/"));
    }

    void aBatchThatCannotRunFailsInWords()
    {
        SavedBatch batch;
        batch.input.kind = InputKind::IdList; // ids without a template
        batch.input.data = "1\n2\n";
        Schedule schedule;
        schedule.name = u"items"_s;
        const std::optional<JobInfo> job = checkOnce(schedule, batch);
        QVERIFY(job);
        QCOMPARE(job->state, JobState::Failed);
        QVERIFY2(job->outcome.message.startsWith(u"items cannot run: "_s),
                 qPrintable(job->outcome.message));
        QCOMPARE(job->outcome.runId, 0);

        const std::optional<JobInfo> empty = checkOnce(schedule, {});
        QVERIFY(empty);
        QCOMPARE(empty->state, JobState::Failed);
        QCOMPARE(empty->outcome.message, u"items has no addresses to check."_s);
    }

    void aBatchWithoutWebAddressesIsCheckedToo()
    {
        // Rows refused before the network end at once: the check still is a run of the history.
        SavedBatch batch;
        batch.input.data = "not a web address\nftp://127.0.0.1/file\n";
        Schedule schedule;
        schedule.name = u"typos"_s;
        const std::optional<JobInfo> job = checkOnce(schedule, batch);
        QVERIFY(job);
        QCOMPARE(job->state, JobState::Done);
        QVERIFY(job->outcome.runId > 0);
        RunHistory history(m_historyPath);
        QVERIFY(history.open());
        const Expected<RunSummary> run = history.run(job->outcome.runId);
        QVERIFY(run);
        QCOMPARE(run->resultCount, 2);
        QCOMPARE(run->failedCount, 2);
    }

    void aHistoryThatCannotKeepTheCheckFailsIt()
    {
        Schedule schedule;
        schedule.name = u"health"_s;
        // A file that is not a history: the check runs, but cannot be kept or compared.
        const QString unwritable = m_dir->filePath(u"not-a-history.sqlite"_s);
        QFile notHistory(unwritable);
        QVERIFY(notHistory.open(QIODevice::WriteOnly));
        notHistory.write(QByteArray(8192, 'x'));
        notHistory.close();
        const std::optional<JobInfo> job
                = checkOnce(schedule, batchOf({m_http->url(u"/status/200"_s)}), unwritable);
        QVERIFY(job);
        QCOMPARE(job->state, JobState::Failed);
        QVERIFY2(job->outcome.message.startsWith(
                         u"health was checked, but the history could not keep the check"_s),
                 qPrintable(job->outcome.message));
    }

    void cancelStopsACheckThatWaits()
    {
        FaultServer silent;
        QVERIFY(silent.start());
        SavedBatch batch = batchOf({silent.url(u"/hang"_s), m_http->url(u"/status/200"_s)});
        batch.options.deadline = 60s;
        batch.options.inactivity = 60s;
        Schedule schedule;
        schedule.name = u"slow"_s;
        JobManager jobs;
        QSignalSpy ended(&jobs, &JobManager::jobEnded);
        const quint64 id = jobs.start(
                std::make_unique<CheckJob>(CheckRequest{m_historyPath, schedule, batch}));
        QVERIFY(QTest::qWaitFor([&] { return jobs.job(id)->done >= 1; }, 10'000));
        QElapsedTimer clock;
        clock.start();
        jobs.cancel(id);
        const std::optional<JobInfo> job = endOf(ended, 10'000);
        QVERIFY(job);
        QCOMPARE(job->state, JobState::Cancelled);
        QVERIFY2(clock.elapsed() < 5'000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY2(job->outcome.message.startsWith(u"Stopped checking slow; run "_s),
                 qPrintable(job->outcome.message));
        RunHistory history(m_historyPath);
        QVERIFY(history.open());
        const Expected<RunSummary> run = history.run(job->outcome.runId);
        QVERIFY(run);
        QCOMPARE(run->state, RunState::Cancelled);
        QCOMPARE(run->resultCount, 1); // the answered row; the cancelled one can be resumed
    }

private:
    // One check on a JobManager of its own, waited for.
    std::optional<JobInfo> checkOnce(const Schedule &schedule, const SavedBatch &batch,
                                     const QString &historyPath = {})
    {
        JobManager jobs;
        QSignalSpy ended(&jobs, &JobManager::jobEnded);
        jobs.start(std::make_unique<CheckJob>(CheckRequest{
                historyPath.isEmpty() ? m_historyPath : historyPath, schedule, batch}));
        return endOf(ended);
    }

    std::unique_ptr<TestServer> m_http;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_historyPath;
};

int main(int argc, char *argv[])
{
    isolateNetwork();
    QCoreApplication app(argc, argv);
    TestCheckJob test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_checkjob.moc"
