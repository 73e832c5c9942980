// JobsPanel offscreen over a real JobManager: the empty state, a job's row with its progress and
// state, Cancel and Open following the selection, and what a failed job says. The jobs are the
// test's own, stepped by the test.

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include "jobs/JobsPanel.h"

using namespace Qt::StringLiterals;
using namespace salvo;
using salvo::ui::JobsModel;
using salvo::ui::JobsPanel;

namespace {

// Takes one step per release of the gate, up to `steps`; ends with a file, or fails.
class GatedJob final : public Job
{
public:
    GatedJob(QSemaphore *gate, int steps, bool fails = false)
        : m_gate(gate)
        , m_steps(steps)
        , m_fails(fails)
    { }

    QString title() const override { return u"Export run 7 as CSV"_s; }
    JobKind kind() const override { return JobKind::Export; }
    JobOutcome run(JobControl &control) override
    {
        if (m_fails)
            return {JobState::Failed,
                    u"Could not write /nowhere/run.csv: No such directory."_s,
                    {},
                    0};
        control.setTotal(m_steps);
        for (int step = 1; step <= m_steps; ++step) {
            while (!m_gate->tryAcquire(1, 10)) {
                if (control.isCancelled())
                    return {JobState::Cancelled, u"Export cancelled; no file was saved."_s, {}, 0};
            }
            control.setDone(step);
        }
        return {JobState::Done, u"Exported 4 rows to /tmp/run.csv."_s, u"/tmp/run.csv"_s, 0};
    }

private:
    QSemaphore *m_gate;
    int m_steps;
    bool m_fails;
};

} // namespace

class TestJobsPanel final : public QObject
{
    Q_OBJECT

private slots:
    void followsAJobFromStartToEnd()
    {
        JobManager manager;
        JobsPanel panel(&manager);
        QAbstractItemModelTester tester(panel.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.resize(800, 300);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *empty = panel.findChild<QLabel *>(u"jobsEmptyMessage"_s);
        auto *table = panel.findChild<QTableView *>(u"jobsTable"_s);
        auto *cancel = panel.findChild<QPushButton *>(u"cancelJobButton"_s);
        auto *open = panel.findChild<QPushButton *>(u"openJobResultButton"_s);
        QVERIFY(empty->isVisible());
        QVERIFY(!table->isVisible());

        QSemaphore gate;
        const quint64 id = manager.start(std::make_unique<GatedJob>(&gate, 4));
        QVERIFY(table->isVisible());
        QVERIFY(!empty->isVisible());
        QCOMPARE(panel.selectedJob()->id, id); // a new job is selected
        QVERIFY(cancel->isEnabled());
        QVERIFY(!open->isEnabled());

        gate.release(2);
        const QModelIndex progress = panel.model()->index(0, JobsModel::ProgressColumn);
        QTRY_COMPARE(progress.data().toString(), u"2 of 4"_s);
        QCOMPARE(progress.data(JobsModel::ProgressRole).toInt(), 500);
        QCOMPARE(panel.model()->index(0, JobsModel::StateColumn).data().toString(), u"running"_s);
        QVERIFY(!table->grab().isNull()); // the progress bar paints

        QSignalSpy opened(&panel, &JobsPanel::openRequested);
        gate.release(2);
        QTRY_COMPARE(panel.model()->index(0, JobsModel::StateColumn).data().toString(), u"done"_s);
        QCOMPARE(progress.data(JobsModel::ProgressRole).toInt(), 1000);
        QCOMPARE(panel.model()->index(0, JobsModel::OutcomeColumn).data().toString(),
                 u"Exported 4 rows to /tmp/run.csv."_s);
        QVERIFY(!cancel->isEnabled());
        QVERIFY(open->isEnabled());
        open->click();
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).at(0).toString(), u"/tmp/run.csv"_s);
    }

    void cancelAndFailureAreShownInWords()
    {
        JobManager manager;
        JobsPanel panel(&manager);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *cancel = panel.findChild<QPushButton *>(u"cancelJobButton"_s);
        QSemaphore gate; // never released: it runs until cancelled
        manager.start(std::make_unique<GatedJob>(&gate, 4));
        QTRY_COMPARE(panel.model()->index(0, JobsModel::StateColumn).data().toString(),
                     u"running"_s);
        cancel->click();
        QCOMPARE(panel.model()->index(0, JobsModel::StateColumn).data().toString(),
                 u"cancelling"_s);
        QVERIFY(!cancel->isEnabled());
        QTRY_COMPARE(panel.model()->index(0, JobsModel::StateColumn).data().toString(),
                     u"cancelled"_s);

        manager.start(std::make_unique<GatedJob>(&gate, 1, true));
        QTRY_COMPARE(panel.model()->index(0, JobsModel::StateColumn).data().toString(),
                     u"failed"_s);
        QCOMPARE(panel.model()->index(0, JobsModel::OutcomeColumn).data().toString(),
                 u"Could not write /nowhere/run.csv: No such directory."_s);
        QCOMPARE(panel.model()->rowCount(), 2); // newest first
        QCOMPARE(panel.model()->index(1, JobsModel::StateColumn).data().toString(), u"cancelled"_s);
    }
};

QTEST_MAIN(TestJobsPanel)
#include "tst_jobspanel.moc"
