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

    // A double-click on a check shows what its last check found against the one before; a
    // check that has nothing to compare yet opens for editing.
    void doubleClickShowsTheLastChanges()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Schedule compared;
        compared.id = 1;
        compared.name = u"health"_s;
        compared.batchPath = dir.filePath(u"health.salvo"_s);
        compared.every = 15min;
        compared.enabled = false;
        compared.lastRunId = 7;
        compared.comparedWithRunId = 5;
        Schedule first = compared;
        first.id = 2;
        first.name = u"first"_s;
        first.lastRunId = 3;
        first.comparedWithRunId = 0;
        const QString path = dir.filePath(u"schedules.json"_s);
        QVERIFY_RESULT(saveScheduleFile(path, {compared, first}));

        JobManager jobs;
        SecretKeeper secrets;
        RecheckScheduler scheduler(&jobs, &secrets, path, dir.filePath(u"history.sqlite"_s));
        SchedulesPanel panel(&scheduler);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy loaded(&scheduler, &RecheckScheduler::loaded);
        scheduler.load();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 10'000);
        QCOMPARE(scheduler.schedule(1)->comparedWithRunId, 5); // kept in the file

        auto *table = panel.findChild<QTableView *>(u"schedulesTable"_s);
        auto *changes = panel.findChild<QPushButton *>(u"showCheckChangesButton"_s);
        QVERIFY(changes);
        QSignalSpy compare(&panel, &SchedulesPanel::compareRunsRequested);
        const auto doubleClickRow = [table](int row) {
            const QRect cell = table->visualRect(table->model()->index(row, 0));
            QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
            QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        };
        doubleClickRow(0);
        QCOMPARE(compare.size(), 1);
        QCOMPARE(compare.constFirst(), (QVariantList{qint64(5), qint64(7)}));
        QVERIFY(changes->isEnabled());

        panel.selectSchedule(2);
        QVERIFY(!changes->isEnabled());
        doubleClickRow(1);
        QCOMPARE(compare.size(), 1);
        QWidget *editor = nullptr;
        QTRY_VERIFY((editor = qobject_cast<QWidget *>(QApplication::activeModalWidget())));
        editor->close();
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
