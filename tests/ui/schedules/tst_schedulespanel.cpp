// The Checks tab offscreen, over a real scheduler and schedules file: it lists each schedule
// with when it runs and what it found, and its buttons pause, resume and remove them.

#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "jobs/JobManager.h"
#include "desktop/RecheckScheduler.h"
#include "schedules/SchedulesModel.h"
#include "schedules/SchedulesPanel.h"
#include "desktop/SecretKeeper.h"
#include "ExpectedTest.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace salvo;
using namespace salvo::ui;

class TestSchedulesPanel final : public QObject
{
    Q_OBJECT

private slots:
    void listsAndActsOnSchedules()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Schedule health;
        health.id = 1;
        health.name = u"health"_s;
        health.batchPath = dir.filePath(u"health.salvo"_s);
        health.every = 15min;
        health.enabled = false;
        health.lastCheck = QDateTime::currentDateTimeUtc().addSecs(-60);
        health.lastOutcome = u"No change since run 3: 4 ok, 0 failed."_s;
        Schedule nightly = health;
        nightly.id = 2;
        nightly.name = u"nightly"_s;
        nightly.every = 0s;
        nightly.dailyAt = {QTime(2, 30)};
        nightly.lastCheck = {};
        nightly.lastOutcome.clear();
        const QString path = dir.filePath(u"schedules.json"_s);
        QVERIFY_RESULT(saveScheduleFile(path, {health, nightly}));

        JobManager jobs;
        SecretKeeper secrets;
        RecheckScheduler scheduler(&jobs, &secrets, path, dir.filePath(u"history.sqlite"_s));
        SchedulesPanel panel(&scheduler);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *table = panel.findChild<QTableView *>(u"schedulesTable"_s);
        QVERIFY(!panel.findChild<QPushButton *>(u"newScheduleButton"_s)->isEnabled());
        QSignalSpy loaded(&scheduler, &RecheckScheduler::loaded);
        scheduler.load();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 10'000);
        QVERIFY(panel.findChild<QPushButton *>(u"newScheduleButton"_s)->isEnabled());
        QVERIFY(table->isVisible());
        QVERIFY(!panel.findChild<QLabel *>(u"schedulesEmptyText"_s)->isVisible());

        QCOMPARE(table->model()->rowCount(), 2);
        const auto cell = [table](int row, int column) {
            return table->model()->index(row, column).data().toString();
        };
        QCOMPARE(cell(0, SchedulesModel::NameColumn), u"health"_s);
        QCOMPARE(cell(0, SchedulesModel::WhenColumn), u"every 15 min"_s);
        QCOMPARE(cell(0, SchedulesModel::NextColumn), u"paused"_s);
        QCOMPARE(cell(0, SchedulesModel::OutcomeColumn), health.lastOutcome);
        QCOMPARE(cell(1, SchedulesModel::WhenColumn), u"every day at 02:30"_s);
        QCOMPARE(cell(1, SchedulesModel::LastColumn), u"not yet"_s);

        // Resume the nightly one: its next check is its next 02:30.
        panel.selectSchedule(2);
        auto *pause = panel.findChild<QPushButton *>(u"pauseScheduleButton"_s);
        QCOMPARE(pause->text(), u"Resume"_s);
        pause->click();
        QVERIFY(scheduler.schedule(2)->enabled);
        QCOMPARE(pause->text(), u"Pause"_s);
        QVERIFY(cell(1, SchedulesModel::NextColumn).contains(u"2:30"_s));

        // Remove asks first; the other schedule stays.
        panel.findChild<QPushButton *>(u"removeScheduleButton"_s)->click();
        QMessageBox *question = nullptr;
        QTRY_VERIFY((question = panel.findChild<QMessageBox *>(u"removeScheduleQuestion"_s)));
        for (QAbstractButton *button : question->buttons()) {
            if (button->text() == u"Remove"_s)
                button->click();
        }
        QTRY_COMPARE(table->model()->rowCount(), 1);
        QCOMPARE(scheduler.schedules().size(), 1);
        QCOMPARE(scheduler.schedules().constFirst().name, u"health"_s);
    }

    void saysWhatToDoWhenThereIsNone()
    {
        QTemporaryDir dir;
        JobManager jobs;
        SecretKeeper secrets;
        RecheckScheduler scheduler(&jobs, &secrets, dir.filePath(u"schedules.json"_s),
                                   dir.filePath(u"history.sqlite"_s));
        SchedulesPanel panel(&scheduler);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const auto *empty = panel.findChild<QLabel *>(u"schedulesEmptyText"_s);
        QVERIFY(empty->isVisible());
        QVERIFY(empty->text().contains(u"New check"_s));
        QVERIFY(!panel.findChild<QPushButton *>(u"editScheduleButton"_s)->isEnabled());
    }
};

QTEST_MAIN(TestSchedulesPanel)
#include "tst_schedulespanel.moc"
