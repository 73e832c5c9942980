// RecheckScheduler with a real JobManager, loopback server, history and schedules file: a
// schedule with a shortened interval checks on its own and tells what changed, its state comes
// back after a restart (a missed check runs at once), and a check that cannot run says why.

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "NetworkIsolation.h"
#include "TestServer.h"
#include "jobs/JobManager.h"
#include "desktop/RecheckScheduler.h"
#include "desktop/SecretKeeper.h"
#include "store/RunHistory.h"
#include "ExpectedTest.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace salvo;

class TestRecheckScheduler final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_http = std::make_unique<TestServer>();
        QVERIFY(m_http->start());
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_jobs = std::make_unique<JobManager>();
        m_secrets = std::make_unique<SecretKeeper>(nullptr, u"Salvo test secrets"_s);
    }

    void cleanup()
    {
        m_jobs.reset(); // cancels and waits for checks under way
        m_secrets.reset();
        m_http.reset();
        m_dir.reset();
    }

    void checksOnItsOwnAndTellsWhatChanged()
    {
        // /flaky answers 503 once, then 200: the second check finds the change.
        const QString batch
                = writeBatch(u"health.salvo"_s,
                             {m_http->url(u"/status/200"_s), m_http->url(u"/flaky/scheduled/1"_s)});
        std::unique_ptr<RecheckScheduler> scheduler = loadedScheduler();
        QVERIFY(scheduler);
        QSignalSpy ended(scheduler.get(), &RecheckScheduler::checkEnded);
        QSignalSpy changed(scheduler.get(), &RecheckScheduler::changeFound);
        Schedule schedule;
        schedule.name = u"health"_s;
        schedule.batchPath = batch;
        schedule.every = 1s;
        const qint64 id = scheduler->add(schedule);
        QVERIFY(id > 0);

        // A third check may start on a slow machine; the first two are what is looked at.
        QTRY_VERIFY_WITH_TIMEOUT(ended.size() >= 2, 30'000);
        QCOMPARE(changed.size(), 1);
        const auto report = changed.constFirst().at(1).value<CheckReport>();
        QCOMPARE(report.statusChanges, 1);
        QCOMPARE(report.scheduleName, u"health"_s);
        const Schedule first = ended.at(0).constFirst().value<Schedule>();
        const Schedule second = ended.at(1).constFirst().value<Schedule>();
        QVERIFY2(first.lastOutcome.startsWith(u"First check, kept as run"_s),
                 qPrintable(first.lastOutcome));
        QVERIFY2(second.lastOutcome.startsWith(
                         u"1 row changed since run %1: 1 changed status. http"_s.arg(
                                 first.lastRunId)),
                 qPrintable(second.lastOutcome));
        QCOMPARE(report.notice.run.id, second.lastRunId);
        QCOMPARE(first.comparedWithRunId, 0);
        QCOMPARE(second.comparedWithRunId, first.lastRunId); // what Show changes compares
        // About a second apart: each check counts from the start of the one before.
        QVERIFY(second.lastCheck > first.lastCheck);
        QVERIFY(first.lastCheck.msecsTo(second.lastCheck) >= 900);

        // Each check is a run of the history.
        RunHistory history(historyPath());
        QVERIFY(history.open());
        for (const qint64 runId : {first.lastRunId, second.lastRunId}) {
            const Expected<RunSummary> run = history.run(runId);
            QVERIFY(run);
            QCOMPARE(run->batchName, u"health"_s);
            QCOMPARE(run->resultCount, 2);
        }
        scheduler->setEnabled(id, false);
        QTRY_VERIFY(!scheduler->isChecking(id)); // a check that had started ends

        // After a restart the schedule is there as the last check left it.
        scheduler.reset();
        std::unique_ptr<RecheckScheduler> restarted = loadedScheduler();
        QVERIFY(restarted);
        QCOMPARE(restarted->schedules().size(), 1);
        const Schedule kept = restarted->schedules().constFirst();
        QCOMPARE(kept.name, u"health"_s);
        QCOMPARE(kept.every, 1s);
        QVERIFY(!kept.enabled);
        QVERIFY(kept.lastRunId >= second.lastRunId);
    }

    void aCheckMissedWhileClosedRunsOnLoad()
    {
        Schedule missed;
        missed.id = 7;
        missed.name = u"missed"_s;
        missed.batchPath = writeBatch(u"missed.salvo"_s, {m_http->url(u"/status/200"_s)});
        missed.every = 10min;
        missed.created = QDateTime::currentDateTimeUtc().addDays(-1);
        missed.lastCheck = QDateTime::currentDateTimeUtc().addSecs(-3600);
        Schedule recent = missed;
        recent.id = 8;
        recent.name = u"recent"_s;
        recent.lastCheck = QDateTime::currentDateTimeUtc().addSecs(-60);
        QVERIFY_RESULT(saveScheduleFile(schedulesPath(), {missed, recent}));

        RecheckScheduler scheduler(m_jobs.get(), m_secrets.get(), schedulesPath(), historyPath());
        QSignalSpy started(&scheduler, &RecheckScheduler::checkStarted);
        QSignalSpy ended(&scheduler, &RecheckScheduler::checkEnded);
        scheduler.load();
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 20'000);
        QCOMPARE(started.size(), 1);
        QCOMPARE(started.constFirst().constFirst().toLongLong(), 7);
        QVERIFY(!scheduler.isChecking(8));
        QVERIFY(scheduler.schedule(7)->lastRunId > 0);
        QCOMPARE(scheduler.schedule(8)->lastRunId, 0);
        // A new schedule never gets the id of one in the file.
        QCOMPARE(scheduler.add(recent), 9);
        scheduler.remove(9);
    }

    void aCheckThatCannotRunSaysWhy_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("reason");
        QTest::newRow("a list") << u"list.txt"_s << QByteArray("https://example.org/\n")
                                << u"list.txt is a list, not a saved batch"_s;
        QTest::newRow("not a batch") << u"other.salvo"_s << QByteArray("https://example.org/\n")
                                     << u"not a saved Salvo batch"_s;
        QTest::newRow("no file") << u"gone.salvo"_s << QByteArray() << u"Cannot open"_s;
        QTest::newRow("a newer Salvo's")
                << u"newer.salvo"_s << QByteArray(R"({"format":"salvo-batch","version":99})")
                << u"newer Salvo"_s;
    }

    void aCheckThatCannotRunSaysWhy()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, contents);
        QFETCH(QString, reason);
        const QString path = m_dir->filePath(fileName);
        if (!contents.isEmpty())
            writeFile(path, contents);
        std::unique_ptr<RecheckScheduler> scheduler = loadedScheduler();
        QVERIFY(scheduler);
        QSignalSpy ended(scheduler.get(), &RecheckScheduler::checkEnded);
        const qint64 id = scheduler->add(everyTenMinutes(path));
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 10'000);
        const QString outcome = scheduler->schedule(id)->lastOutcome;
        QVERIFY2(outcome.contains(reason), qPrintable(outcome));
        QCOMPARE(scheduler->schedule(id)->lastRunId, 0);
        QVERIFY(!scheduler->isChecking(id));
        QVERIFY(scheduler->schedule(id)->lastCheck.isValid()); // the next try waits its turn
    }

    void aSecretHeaderComesFromTheKeychain()
    {
        SavedBatch saved;
        saved.input.data = m_http->url(u"/echo"_s).toEncoded() + '\n';
        saved.withheldHeaders = {"Authorization"};
        const QString path = m_dir->filePath(u"secret.salvo"_s);
        writeFile(path, writeSavedBatch(saved));
        std::unique_ptr<RecheckScheduler> scheduler = loadedScheduler();
        QVERIFY(scheduler);
        QSignalSpy ended(scheduler.get(), &RecheckScheduler::checkEnded);
        const qint64 id = scheduler->add(everyTenMinutes(path));
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 20'000);
        QVERIFY2(scheduler->schedule(id)->lastOutcome.contains(
                         u"sends Authorization, whose value is not in this computer's keychain"_s),
                 qPrintable(scheduler->schedule(id)->lastOutcome));
        QCOMPARE(scheduler->schedule(id)->lastRunId, 0);

        // Once the batch is saved with its value, the next check sends it.
        QSignalSpy stored(m_secrets.get(), &SecretKeeper::stored);
        m_secrets->store(path, {{"Authorization", "Bearer s3cret"}});
        QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, 20'000);
        scheduler->checkNow(id);
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 2, 20'000);
        QVERIFY2(scheduler->schedule(id)->lastRunId > 0,
                 qPrintable(scheduler->schedule(id)->lastOutcome));
        RunHistory history(historyPath());
        QVERIFY(history.open());
        const Expected<QList<Result>> results
                = history.resultsAfter(scheduler->schedule(id)->lastRunId, -1, 10);
        QVERIFY(results);
        QCOMPARE(results->size(), 1);
        QCOMPARE(results->constFirst().status, 200);
    }

    void aFileItCannotReadIsSetAsideNotOverwritten()
    {
        const QByteArray newer = R"({"format":"salvo-schedules","version":9,"schedules":[]})";
        writeFile(schedulesPath(), newer);
        RecheckScheduler scheduler(m_jobs.get(), m_secrets.get(), schedulesPath(), historyPath());
        QSignalSpy loaded(&scheduler, &RecheckScheduler::loaded);
        scheduler.load();
        QTRY_COMPARE(loaded.size(), 1);
        const QString problem = loaded.constFirst().constFirst().toString();
        QVERIFY2(problem.contains(u"newer Salvo"_s)
                         && problem.contains(u"schedules.json.unreadable"_s),
                 qPrintable(problem));
        QVERIFY(scheduler.schedules().isEmpty());
        Schedule schedule;
        schedule.batchPath = m_dir->filePath(u"gone.salvo"_s);
        schedule.every = 10min;
        schedule.enabled = false;
        scheduler.add(schedule);
        QTRY_VERIFY(QFile::exists(schedulesPath() + u".unreadable"_s));
        QFile aside(schedulesPath() + u".unreadable"_s);
        QVERIFY(aside.open(QIODevice::ReadOnly));
        QCOMPARE(aside.readAll(), newer);
        QTRY_COMPARE(loadScheduleFile(schedulesPath()).hasValue()
                             ? loadScheduleFile(schedulesPath())->size()
                             : -1,
                     1);
    }

    void aSecondSalvoShowsButDoesNotCheck()
    {
        Schedule due;
        due.id = 1;
        due.batchPath = writeBatch(u"due.salvo"_s, {m_http->url(u"/status/200"_s)});
        due.every = 1min;
        QVERIFY_RESULT(saveScheduleFile(schedulesPath(), {due}));
        std::unique_ptr<RecheckScheduler> first = loadedScheduler();
        QVERIFY(first);
        QVERIFY(!first->isReadOnly());
        RecheckScheduler second(m_jobs.get(), m_secrets.get(), schedulesPath(), historyPath());
        QSignalSpy loaded(&second, &RecheckScheduler::loaded);
        QSignalSpy started(&second, &RecheckScheduler::checkStarted);
        second.load();
        QTRY_COMPARE(loaded.size(), 1);
        QVERIFY(second.isReadOnly());
        QVERIFY2(loaded.constFirst().constFirst().toString().startsWith(
                         u"Another Salvo runs the scheduled checks"_s),
                 qPrintable(loaded.constFirst().constFirst().toString()));
        QCOMPARE(second.schedules().size(), 1);
        second.checkNow(1);
        QCOMPARE(started.size(), 0);
        // The first one checks: it took the due check at load.
        QTRY_VERIFY_WITH_TIMEOUT(first->schedule(1)->lastRunId > 0, 20'000);
    }

    void anotherBatchStartsANewBaseline()
    {
        std::unique_ptr<RecheckScheduler> scheduler = loadedScheduler();
        QVERIFY(scheduler);
        QSignalSpy ended(scheduler.get(), &RecheckScheduler::checkEnded);
        QSignalSpy changed(scheduler.get(), &RecheckScheduler::changeFound);
        Schedule schedule;
        schedule.name = u"api"_s;
        schedule.batchPath = writeBatch(u"one.salvo"_s, {m_http->url(u"/status/200"_s)});
        schedule.every = 10min;
        const qint64 id = scheduler->add(schedule);
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 20'000);
        QVERIFY(scheduler->schedule(id)->lastRunId > 0);

        // Another file with other addresses: its first check is a baseline, not "1 new, 1 gone".
        Schedule edited = *scheduler->schedule(id);
        edited.batchPath = writeBatch(u"two.salvo"_s, {m_http->url(u"/status/404"_s)});
        scheduler->update(edited);
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 2, 20'000);
        QVERIFY2(scheduler->schedule(id)->lastOutcome.startsWith(u"First check"_s),
                 qPrintable(scheduler->schedule(id)->lastOutcome));
        QCOMPARE(changed.size(), 0);
    }

private:
    static Schedule everyTenMinutes(const QString &batchPath)
    {
        Schedule schedule;
        schedule.batchPath = batchPath;
        schedule.every = 10min;
        return schedule;
    }

    QString historyPath() const { return m_dir->filePath(u"history.sqlite"_s); }
    QString schedulesPath() const { return m_dir->filePath(u"schedules.json"_s); }

    std::unique_ptr<RecheckScheduler> loadedScheduler()
    {
        auto scheduler = std::make_unique<RecheckScheduler>(m_jobs.get(), m_secrets.get(),
                                                            schedulesPath(), historyPath());
        QSignalSpy loaded(scheduler.get(), &RecheckScheduler::loaded);
        scheduler->load();
        // A quick read is handed over inside load() itself: the signal may be there already.
        if ((loaded.isEmpty() && !loaded.wait(10'000))
            || !loaded.constFirst().constFirst().toString().isEmpty())
            return nullptr;
        return scheduler;
    }

    void writeFile(const QString &path, const QByteArray &contents)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(contents);
    }

    QString writeBatch(const QString &name, const QList<QUrl> &urls)
    {
        SavedBatch saved;
        saved.name = name;
        for (const QUrl &url : urls)
            saved.input.data += url.toEncoded() + '\n';
        const QString path = m_dir->filePath(name);
        writeFile(path, writeSavedBatch(saved));
        return path;
    }

    std::unique_ptr<TestServer> m_http;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<JobManager> m_jobs;
    std::unique_ptr<SecretKeeper> m_secrets;
};

int main(int argc, char *argv[])
{
    isolateNetwork();
    QCoreApplication app(argc, argv);
    TestRecheckScheduler test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_recheckscheduler.moc"
