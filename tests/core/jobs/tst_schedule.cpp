// Schedules: when the next check is due (intervals, times of day, checks missed while Salvo
// was closed), how they read to a person, and the schedules file read back from a real file.

#include <QTemporaryDir>
#include <QTest>

#include "jobs/Schedule.h"
#include "ExpectedTest.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace salvo;

namespace {

QDateTime localTime(int day, int hour, int minute, int second = 0)
{
    return QDateTime(QDate(2026, 3, day), QTime(hour, minute, second));
}

Schedule dailySchedule(QList<QTime> times, const QDateTime &created, const QDateTime &lastCheck)
{
    Schedule schedule;
    schedule.id = 1;
    schedule.batchPath = u"/tmp/health.salvo"_s;
    schedule.dailyAt = std::move(times);
    schedule.created = created.toUTC();
    schedule.lastCheck = lastCheck.isValid() ? lastCheck.toUTC() : QDateTime();
    return schedule;
}

} // namespace

class TestSchedule final : public QObject
{
    Q_OBJECT

private slots:
    void anIntervalScheduleIsDueAtOnceThenEveryInterval()
    {
        Schedule schedule;
        schedule.every = 10min;
        schedule.created = QDateTime(QDate(2026, 3, 2), QTime(8, 0), Qt::UTC);
        QCOMPARE(nextCheckTime(schedule), schedule.created);
        schedule.lastCheck = schedule.created.addSecs(5);
        QCOMPARE(nextCheckTime(schedule), schedule.created.addSecs(5 + 600));
        // Missed for days while Salvo was closed: due (in the past), once.
        schedule.lastCheck = schedule.created.addDays(-3);
        QVERIFY(nextCheckTime(schedule) < QDateTime::currentDateTimeUtc());
    }

    void aPausedScheduleIsNeverDue()
    {
        Schedule schedule;
        schedule.every = 1min;
        schedule.enabled = false;
        QVERIFY(!nextCheckTime(schedule).isValid());
        Schedule noTimes = dailySchedule({}, localTime(2, 8, 0), {});
        QVERIFY(!nextCheckTime(noTimes).isValid());
    }

    void aDailyScheduleIsDueAtItsNextTime_data()
    {
        QTest::addColumn<QDateTime>("lastCheck");
        QTest::addColumn<QDateTime>("expected");
        QTest::newRow("never checked: the first time after its creation")
                << QDateTime() << localTime(2, 9, 0);
        QTest::newRow("checked at 09:00: 17:30 the same day")
                << localTime(2, 9, 0, 3) << localTime(2, 17, 30);
        QTest::newRow("checked after the last time: tomorrow's first")
                << localTime(2, 18, 0) << localTime(3, 9, 0);
        QTest::newRow("last checked two days ago: the missed time, at once")
                << localTime(2, 18, 0).addDays(-2) << localTime(1, 9, 0);
    }

    void aDailyScheduleIsDueAtItsNextTime()
    {
        QFETCH(QDateTime, lastCheck);
        QFETCH(QDateTime, expected);
        const Schedule schedule
                = dailySchedule({QTime(9, 0), QTime(17, 30)}, localTime(2, 8, 0), lastCheck);
        QCOMPARE(nextCheckTime(schedule), expected.toUTC());
    }

    void aTimeTheClockSkipsStillLeadsToANextCheck()
    {
        // main() runs these tests in Berlin time: on 2026-03-29 clocks go from 02:00 to 03:00.
        const Schedule schedule
                = dailySchedule({QTime(2, 30)}, localTime(1, 8, 0), localTime(28, 3, 0));
        const QDateTime next = nextCheckTime(schedule);
        QVERIFY(next.isValid());
        QVERIFY(next > schedule.lastCheck);
        QVERIFY(next <= QDateTime(QDate(2026, 3, 30), QTime(2, 30)).toUTC());
    }

    void describesWhenInWords()
    {
        Schedule schedule;
        schedule.every = 10min;
        QCOMPARE(describeWhen(schedule), u"every 10 min"_s);
        schedule.every = 2h;
        QCOMPARE(describeWhen(schedule), u"every 2 h"_s);
        schedule.every = 0s;
        schedule.dailyAt = {QTime(9, 0), QTime(17, 30)};
        QCOMPARE(describeWhen(schedule), u"every day at 09:00, 17:30"_s);
    }

    void readsTimesOfDayAsPeopleWriteThem()
    {
        const Expected<QList<QTime>> times = parseTimesOfDay(u"17:30, 9:00 ;13  9:00"_s);
        QVERIFY(times);
        QCOMPARE(*times, (QList<QTime>{QTime(9, 0), QTime(13, 0), QTime(17, 30)}));
        QCOMPARE(timesOfDayText(*times), u"09:00, 13:00, 17:30"_s);
        const Expected<QList<QTime>> wrong = parseTimesOfDay(u"9:00, noon"_s);
        QVERIFY(!wrong);
        QVERIFY_ERROR_SAYS(wrong, u"\"noon\" is not a time of day"_s);
        QVERIFY(!parseTimesOfDay(u"  "_s));
        QVERIFY(!parseTimesOfDay(u"25:00"_s));
    }

    void theFileKeepsEverySchedule()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"schedules.json"_s);
        const Expected<QList<Schedule>> none = loadScheduleFile(path);
        QVERIFY(none);
        QVERIFY(none->isEmpty());

        Schedule every;
        every.id = 3;
        every.name = u"Health, ünïcode"_s;
        every.batchPath = dir.filePath(u"health.salvo"_s);
        every.every = 10min;
        every.latencyThresholdMs = 500;
        every.created = QDateTime(QDate(2026, 3, 2), QTime(8, 0), Qt::UTC);
        every.lastCheck = every.created.addSecs(600);
        every.lastRunId = 42;
        every.lastOutcome = u"No change since run 41: 40 ok, 0 failed."_s;
        Schedule daily = dailySchedule({QTime(9, 0)}, localTime(2, 8, 0), {});
        daily.id = 4;
        daily.enabled = false;
        QVERIFY_RESULT(saveScheduleFile(path, {every, daily}));
        const Expected<QList<Schedule>> read = loadScheduleFile(path);
        QVERIFY(read);
        QCOMPARE(read->size(), 2);
        QCOMPARE(read->at(0), every);
        QCOMPARE(read->at(1), daily);
    }

    void refusesWhatIsNotASchedulesFile_data()
    {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QString>("message");
        QTest::newRow("not JSON") << QByteArray("\x00\x01garbage", 9) << u"damaged"_s;
        QTest::newRow("a saved batch")
                << QByteArray(R"({"format":"salvo-batch","version":1})") << u"damaged"_s;
        QTest::newRow("a newer Salvo's")
                << QByteArray(R"({"format":"salvo-schedules","version":9,"schedules":[]})")
                << u"newer Salvo (format version 9"_s;
        QTest::newRow("no version")
                << QByteArray(R"({"format":"salvo-schedules"})") << u"no valid format version"_s;
    }

    void refusesWhatIsNotASchedulesFile()
    {
        QFETCH(QByteArray, document);
        QFETCH(QString, message);
        const Expected<QList<Schedule>> read = readSchedules(document);
        QVERIFY(!read);
        QVERIFY_ERROR_SAYS(read, message);
    }

    void dropsEntriesThatCouldNeverRun()
    {
        const Expected<QList<Schedule>> read = readSchedules(
                R"({"format":"salvo-schedules","version":1,"schedules":[
                    {"id":1,"batch":"/a.salvo","everySeconds":60},
                    {"id":0,"batch":"/b.salvo","everySeconds":60},
                    {"id":2,"everySeconds":60},
                    {"id":3,"batch":"/c.salvo","everySeconds":-5,"dailyAt":["9:00","x","09:00"]}]})");
        QVERIFY(read);
        QCOMPARE(read->size(), 2);
        QCOMPARE(read->at(0).id, 1);
        QCOMPARE(read->at(1).every, 0s);
        QCOMPARE(read->at(1).dailyAt, QList<QTime>{QTime(9, 0)});
    }

    void aFileThatCannotBeWrittenIsSaidInWords()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"no-such-folder/schedules.json"_s);
        const Expected<> saved = saveScheduleFile(path, {});
        QVERIFY(!saved);
        QVERIFY2(saved.error().message.startsWith(u"Cannot save the schedules in "_s),
                 qPrintable(saved.error().message));
    }
};

int main(int argc, char *argv[])
{
    // A zone with daylight saving, whatever the machine's.
    qputenv("TZ", "Europe/Berlin");
    QCoreApplication app(argc, argv);
    TestSchedule test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_schedule.moc"
