// NotifyJob through a real JobManager against loopback servers: a webhook told is a job done,
// one that refuses is a job failed with the reason, and a cancel stops one that never answers.

#include <QSignalSpy>
#include <QTest>

#include <memory>

#include "FaultServer.h"
#include "NetworkIsolation.h"
#include "TestServer.h"
#include "jobs/JobManager.h"
#include "jobs/NotifyJob.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace salvo;

namespace {

RunNotice runTwelve()
{
    RunNotice notice;
    notice.run.id = 12;
    notice.run.batchName = u"health"_s;
    notice.run.state = RunState::Finished;
    notice.run.rowCount = 2;
    notice.run.okCount = 2;
    return notice;
}

std::optional<JobInfo> endOf(QSignalSpy &ended, int timeoutMs = 20'000)
{
    if (ended.isEmpty() && !ended.wait(timeoutMs))
        return std::nullopt;
    return ended.constFirst().constFirst().value<JobInfo>();
}

} // namespace

class TestNotifyJob final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_http = std::make_unique<TestServer>();
        QVERIFY(m_http->start());
    }

    void cleanup() { m_http.reset(); }

    void aToldWebhookIsAJobDone()
    {
        JobManager jobs;
        QSignalSpy ended(&jobs, &JobManager::jobEnded);
        jobs.start(std::make_unique<NotifyJob>(m_http->url(u"/hook"_s), runTwelve()));
        const std::optional<JobInfo> job = endOf(ended);
        QVERIFY(job);
        QCOMPARE(job->title, u"Tell 127.0.0.1 about run 12"_s);
        QCOMPARE(job->kind, JobKind::Notify);
        QCOMPARE(job->state, JobState::Done);
        QVERIFY2(job->outcome.message.startsWith(u"Notified "_s), qPrintable(job->outcome.message));
        QCOMPARE(job->outcome.runId, 12);
        QCOMPARE(m_http->hookRequests().size(), 1);
        QVERIFY(m_http->hookRequests().constFirst().body.contains("\"run_id\":12"));
    }

    void aRefusingWebhookIsAJobFailedInWords()
    {
        JobManager jobs;
        QSignalSpy ended(&jobs, &JobManager::jobEnded);
        jobs.start(std::make_unique<NotifyJob>(m_http->url(u"/status/410"_s), runTwelve()));
        const std::optional<JobInfo> job = endOf(ended);
        QVERIFY(job);
        QCOMPARE(job->state, JobState::Failed);
        QVERIFY2(job->outcome.message.contains(u"it answered HTTP 410"_s),
                 qPrintable(job->outcome.message));
    }

    void cancelStopsAWebhookThatNeverAnswers()
    {
        FaultServer silent;
        QVERIFY(silent.start());
        JobManager jobs;
        QSignalSpy ended(&jobs, &JobManager::jobEnded);
        const quint64 id = jobs.start(std::make_unique<NotifyJob>(
                silent.url(u"/hang"_s), runTwelve(), WebhookOptions{60s, 3, 1s}));
        QVERIFY(QTest::qWaitFor([&] { return jobs.job(id)->state == JobState::Running; }, 10'000));
        jobs.cancel(id);
        const std::optional<JobInfo> job = endOf(ended, 10'000);
        QVERIFY(job);
        QCOMPARE(job->state, JobState::Cancelled);
        QVERIFY2(job->outcome.message.startsWith(u"Stopped notifying"_s),
                 qPrintable(job->outcome.message));
    }

private:
    std::unique_ptr<TestServer> m_http;
};

int main(int argc, char *argv[])
{
    isolateNetwork();
    QCoreApplication app(argc, argv);
    TestNotifyJob test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_notifyjob.moc"
