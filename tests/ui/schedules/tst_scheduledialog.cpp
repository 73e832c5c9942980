// ScheduleDialog offscreen: what a person types becomes the schedule, and OK waits until the
// schedule can run (a saved batch, times of day that are times).

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTest>

#include "schedules/ScheduleDialog.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace salvo;
using namespace salvo::ui;

class TestScheduleDialog final : public QObject
{
    Q_OBJECT

private slots:
    void aNewScheduleRunsEveryTenMinutesByDefault()
    {
        Schedule initial;
        initial.batchPath = u"/data/health.salvo"_s;
        ScheduleDialog dialog(initial);
        QVERIFY(okButton(dialog)->isEnabled());
        const Schedule made = dialog.schedule();
        QCOMPARE(made.name, u"health"_s); // the file's name when none is typed
        QCOMPARE(made.every, 10min);
        QVERIFY(made.dailyAt.isEmpty());
        QCOMPARE(made.latencyThresholdMs, 0);
        QVERIFY(made.enabled);
    }

    void whatIsTypedBecomesTheSchedule()
    {
        Schedule initial;
        initial.id = 4;
        initial.lastRunId = 12; // what checks left is not the dialog's
        ScheduleDialog dialog(initial);
        QVERIFY(!okButton(dialog)->isEnabled());
        QTest::keyClicks(child<QLineEdit>(dialog, u"scheduleBatchEdit"_s), u"/data/api.salvo"_s);
        QTest::keyClicks(child<QLineEdit>(dialog, u"scheduleNameEdit"_s), u"Product API"_s);
        child<QRadioButton>(dialog, u"scheduleDailyButton"_s)->setChecked(true);
        QTest::keyClicks(child<QLineEdit>(dialog, u"scheduleTimesEdit"_s), u"17:30, 9:00"_s);
        child<QCheckBox>(dialog, u"scheduleWatchLatencyBox"_s)->setChecked(true);
        child<QSpinBox>(dialog, u"scheduleLatencyBox"_s)->setValue(750);
        QVERIFY(okButton(dialog)->isEnabled());
        const Schedule made = dialog.schedule();
        QCOMPARE(made.id, 4);
        QCOMPARE(made.lastRunId, 12);
        QCOMPARE(made.name, u"Product API"_s);
        QCOMPARE(made.batchPath, u"/data/api.salvo"_s);
        QCOMPARE(made.every, 0s);
        QCOMPARE(made.dailyAt, (QList<QTime>{QTime(9, 0), QTime(17, 30)}));
        QCOMPARE(made.latencyThresholdMs, 750);
        // Certificates are watched 14 days ahead unless the person says otherwise.
        QCOMPARE(made.certificateWarningDays, salvo::defaultCertificateWarningDays);
        child<QSpinBox>(dialog, u"scheduleCertificateDaysBox"_s)->setValue(30);
        QCOMPARE(dialog.schedule().certificateWarningDays, 30);
        child<QCheckBox>(dialog, u"scheduleWatchCertificatesBox"_s)->setChecked(false);
        QVERIFY(!child<QSpinBox>(dialog, u"scheduleCertificateDaysBox"_s)->isEnabled());
        QCOMPARE(dialog.schedule().certificateWarningDays, 0);
    }

    void okWaitsForAScheduleThatCanRun_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("times");
        QTest::addColumn<QString>("problem");
        QTest::newRow("no batch") << QString() << QString() << u"Choose the saved batch"_s;
        QTest::newRow("a list") << u"/data/urls.txt"_s << QString()
                                << u"Only saved batches (.salvo) can be checked"_s;
        QTest::newRow("no times") << u"/data/a.salvo"_s << u" "_s << u"at least one time"_s;
        QTest::newRow("not a time")
                << u"/data/a.salvo"_s << u"9:00, soon"_s << u"\"soon\" is not a time of day"_s;
    }

    void okWaitsForAScheduleThatCanRun()
    {
        QFETCH(QString, path);
        QFETCH(QString, times);
        QFETCH(QString, problem);
        Schedule initial;
        initial.batchPath = path;
        ScheduleDialog dialog(initial);
        if (!times.isNull()) {
            child<QRadioButton>(dialog, u"scheduleDailyButton"_s)->setChecked(true);
            child<QLineEdit>(dialog, u"scheduleTimesEdit"_s)->setText(times);
        }
        QVERIFY(!okButton(dialog)->isEnabled());
        const QString shown = child<QLabel>(dialog, u"scheduleProblem"_s)->text();
        QVERIFY2(shown.contains(problem), qPrintable(shown));
    }

    void editingShowsTheScheduleAsItIs()
    {
        Schedule initial;
        initial.id = 2;
        initial.name = u"nightly"_s;
        initial.batchPath = u"/data/a.salvo"_s;
        initial.dailyAt = {QTime(2, 30)};
        initial.enabled = false;
        ScheduleDialog dialog(initial);
        QVERIFY(child<QRadioButton>(dialog, u"scheduleDailyButton"_s)->isChecked());
        QCOMPARE(child<QLineEdit>(dialog, u"scheduleTimesEdit"_s)->text(), u"02:30"_s);
        QVERIFY(!child<QCheckBox>(dialog, u"scheduleEnabledBox"_s)->isChecked());
        QCOMPARE(dialog.schedule(), initial);
    }

private:
    template<typename T>
    static T *child(const QDialog &dialog, const QString &name)
    {
        auto *found = dialog.findChild<T *>(name);
        if (!found)
            qFatal("no %s", qPrintable(name));
        return found;
    }
    static QPushButton *okButton(const QDialog &dialog)
    {
        return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    }
};

QTEST_MAIN(TestScheduleDialog)
#include "tst_scheduledialog.moc"
