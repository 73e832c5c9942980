// JobManager: jobs run off the calling thread, at most N at once, report progress in batches,
// end done, failed or cancelled with a sentence, and one job's failure leaves the others be.
// The jobs here are the test's own: work the test controls step by step.

#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <stdexcept>

#include "jobs/JobManager.h"

using namespace Qt::StringLiterals;
using namespace salvo;

namespace {

// Counts to `steps`, each step once the test releases it (or freely without a gate), and stops
// when cancelled. Throws instead when asked to.
class SteppedJob final : public Job
{
public:
    SteppedJob(int steps, QSemaphore *gate = nullptr, bool throws = false,
               std::atomic<bool> *sawCancel = nullptr)
        : m_steps(steps)
        , m_gate(gate)
        , m_throws(throws)
        , m_sawCancel(sawCancel)
    { }

    QString title() const override { return u"Count to %1"_s.arg(m_steps); }
    JobKind kind() const override { return JobKind::Export; }
    JobOutcome run(JobControl &control) override
    {
        if (m_throws)
            throw std::runtime_error("disk on fire");
        control.setTotal(m_steps);
        for (int step = 1; step <= m_steps; ++step) {
            while (m_gate && !m_gate->tryAcquire(1, 10)) {
                if (control.isCancelled()) {
                    if (m_sawCancel)
                        *m_sawCancel = true;
                    return {JobState::Cancelled, u"Stopped at %1."_s.arg(step - 1), {}, 0};
                }
            }
            if (control.isCancelled())
                return {JobState::Cancelled, u"Stopped at %1."_s.arg(step - 1), {}, 0};
            control.setDone(step);
        }
        return {JobState::Done, u"Counted to %1."_s.arg(m_steps), u"/tmp/result"_s, 0};
    }

private:
    int m_steps;
    QSemaphore *m_gate;
    bool m_throws;
    std::atomic<bool> *m_sawCancel;
};

bool arrived(QSignalSpy &spy, int count = 1)
{
    return QTest::qWaitFor([&] { return spy.size() >= count; }, 10'000);
}

} // namespace

class TestJobManager final : public QObject
{
    Q_OBJECT

private slots:
    void aJobRunsAndReportsItsProgress()
    {
        JobManager manager;
        QSignalSpy changed(&manager, &JobManager::jobsChanged);
        QSignalSpy ended(&manager, &JobManager::jobEnded);
        QSemaphore gate;
        const quint64 id = manager.start(std::make_unique<SteppedJob>(3, &gate));
        QCOMPARE(manager.job(id)->title, u"Count to 3"_s);

        gate.release(1);
        QVERIFY(QTest::qWaitFor([&] { return manager.job(id)->done == 1; }, 10'000));
        QCOMPARE(manager.job(id)->state, JobState::Running);
        QCOMPARE(manager.job(id)->total, 3);
        QVERIFY(manager.job(id)->started.isValid());
        gate.release(2);
        QVERIFY(arrived(ended));
        const JobInfo info = ended.at(0).at(0).value<JobInfo>();
        QCOMPARE(info.state, JobState::Done);
        QCOMPARE(info.outcome.message, u"Counted to 3."_s);
        QCOMPARE(info.outcome.filePath, u"/tmp/result"_s);
        QCOMPARE(info.done, 3);
        QVERIFY(info.finished >= info.started);
        QVERIFY(!changed.isEmpty());
        QCOMPARE(manager.activeCount(), 0);
    }

    void jobsBeyondTheLimitWaitTheirTurn()
    {
        JobManager manager(1);
        QSignalSpy ended(&manager, &JobManager::jobEnded);
        QSemaphore first;
        const quint64 running = manager.start(std::make_unique<SteppedJob>(1, &first));
        const quint64 waiting = manager.start(std::make_unique<SteppedJob>(2));
        QVERIFY(QTest::qWaitFor([&] { return manager.job(running)->state == JobState::Running; },
                                10'000));
        QCOMPARE(manager.job(waiting)->state, JobState::Queued);
        QCOMPARE(manager.activeCount(), 2);
        first.release();
        QVERIFY(arrived(ended, 2));
        QCOMPARE(manager.job(waiting)->state, JobState::Done);
    }

    void cancelStopsAJobMidWay()
    {
        JobManager manager;
        QSignalSpy ended(&manager, &JobManager::jobEnded);
        QSemaphore gate;
        const quint64 id = manager.start(std::make_unique<SteppedJob>(100, &gate));
        gate.release(5);
        QVERIFY(QTest::qWaitFor([&] { return manager.job(id)->done == 5; }, 10'000));
        manager.cancel(id);
        QVERIFY(manager.job(id)->cancelRequested);
        QVERIFY(arrived(ended));
        QCOMPARE(manager.job(id)->state, JobState::Cancelled);
        QCOMPARE(manager.job(id)->outcome.message, u"Stopped at 5."_s);
        manager.cancel(id); // ended: nothing happens
        QCOMPARE(manager.job(id)->state, JobState::Cancelled);
    }

    void aCrashingJobFailsAloneInWords()
    {
        JobManager manager;
        QSignalSpy ended(&manager, &JobManager::jobEnded);
        const quint64 crashing = manager.start(std::make_unique<SteppedJob>(1, nullptr, true));
        const quint64 fine = manager.start(std::make_unique<SteppedJob>(50));
        QVERIFY(arrived(ended, 2));
        QCOMPARE(manager.job(crashing)->state, JobState::Failed);
        QCOMPARE(manager.job(crashing)->outcome.message,
                 u"The job stopped on an internal error: disk on fire"_s);
        QCOMPARE(manager.job(fine)->state, JobState::Done);
    }

    void destroyingTheManagerStopsItsJobs()
    {
        QSemaphore gate; // never released: the job only ends by being cancelled
        std::atomic<bool> sawCancel = false;
        auto manager = std::make_unique<JobManager>();
        const quint64 id
                = manager->start(std::make_unique<SteppedJob>(10, &gate, false, &sawCancel));
        QVERIFY(QTest::qWaitFor([&] { return manager->job(id)->state == JobState::Running; },
                                10'000));
        manager.reset(); // returns once the job has ended; the test's watchdog guards a hang
        QVERIFY(sawCancel);
    }
};

QTEST_GUILESS_MAIN(TestJobManager)
#include "tst_jobmanager.moc"
