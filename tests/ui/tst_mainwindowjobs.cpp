// The real window, offscreen, and the work it hands to jobs in the background once a run or a
// check ends: the run shown exported (the format taken from the name typed; every row, the
// rows a filter shows, the selected ones), a webhook told of a finished run or of a check
// that changed; the Jobs tab lists each. Only loopback servers; every wait has a deadline.

#include <QAbstractProxyModel>
#include <QApplication>
#include <QDialog>
#include <QFile>
#include <QFileDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include "MainWindow.h"
#include "NetworkIsolation.h"
#include "WindowTestFixture.h"
#include "desktop/BatchFile.h"
#include "desktop/RecheckScheduler.h"
#include "jobs/JobsModel.h"
#include "jobs/Schedule.h"
#include "run/RunController.h"
#include "schedules/SchedulesModel.h"

using salvo::RecheckScheduler;
using salvo::SavedBatch;
using salvo::Schedule;
using salvo::ui::JobsModel;
using salvo::ui::SchedulesModel;

class TestMainWindowJobs final : public QObject, private WindowTestFixture
{
    Q_OBJECT

private slots:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void exportTakesItsFormatFromTheName();
    void exportWritesTheRowsShownInTheBackground();
    void aFinishedRunTellsTheWebhook();
    void aChangedCheckTellsTheWebhook();
};

// "report.html" typed with the dialog's type left at CSV: Salvo asks which format was meant,
// and the file written is the one chosen, an HTML report here.
void TestMainWindowJobs::exportTakesItsFormatFromTheName()
{
    freshHistoryPath();
    typeAndRun({m_http->url(QStringLiteral("/json/1")).toString(),
                m_http->url(QStringLiteral("/status/404")).toString()});
    QVERIFY(waitForRows(2));
    QVERIFY(waitUntilFinished());
    // The history's writer may still be finishing the run: exports wait for it.
    auto *runs = m_window->findChild<salvo::ui::RunController *>();
    QVERIFY(runs);
    QTRY_VERIFY_WITH_TIMEOUT(runs->exportRefusal().isEmpty(), 10000);

    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QTest::keyClick(m_window.get(), Qt::Key_E, Qt::ControlModifier);
    QFileDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<QFileDialog *>(QStringLiteral("exportDialog"))));
    QTRY_VERIFY(dialog->isVisible());
    dialog->setDirectory(folder.path());
    dialog->selectFile(QStringLiteral("report.html"));
    static_cast<QDialog *>(dialog)->accept();

    QPushButton *asHtml = nullptr;
    QTRY_VERIFY((asHtml = m_window->findChild<QPushButton *>(QStringLiteral("exportAs-html"))));
    auto *question = m_window->findChild<QMessageBox *>(QStringLiteral("exportFormatQuestion"));
    QVERIFY(question);
    QVERIFY2(question->text().contains(u"report.html"), qPrintable(question->text()));
    QSignalSpy ended(m_window->jobs(), &salvo::JobManager::jobEnded);
    asHtml->click();
    QVERIFY2(ended.wait(20000), qPrintable(m_window->statusBar()->currentMessage()));
    QFile written(folder.filePath(QStringLiteral("report.html")));
    QVERIFY(written.open(QIODevice::ReadOnly));
    QVERIFY2(written.readAll().startsWith("<!DOCTYPE html>"), "an HTML report, not CSV");
}

// File > Export writes the run shown, as the history holds it, from a job in the background:
// every row, the rows a filter shows, or the selected ones; the Jobs tab tells how it went.
void TestMainWindowJobs::exportWritesTheRowsShownInTheBackground()
{
    const QString path = freshHistoryPath();
    typeAndRun({m_http->url(QStringLiteral("/json/1")).toString(),
                m_http->url(QStringLiteral("/status/404")).toString(),
                m_http->url(QStringLiteral("/json/3")).toString()});
    QVERIFY(waitForRows(3));
    QVERIFY(waitUntilFinished());
    const auto exportAndWait = [&](const QString &name, bool selectedOnly) -> QByteArray {
        const QString target = m_files->filePath(name);
        QSignalSpy ended(m_window->jobs(), &salvo::JobManager::jobEnded);
        // The history's writer may still be finishing the run: wait until it has an id.
        quint64 job = 0;
        if (!QTest::qWaitFor(
                    [&] {
                        job = m_window->exportShownRun(salvo::ExportFormat::JsonLines, target,
                                                       selectedOnly);
                        return job != 0;
                    },
                    10000))
            return "not started";
        if (!QTest::qWaitFor([&] { return !ended.isEmpty(); }, 20000))
            return "not ended";
        const auto info = ended.constFirst().constFirst().value<salvo::JobInfo>();
        if (info.state != salvo::JobState::Done)
            return info.outcome.message.toUtf8();
        QFile file(target);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("no file");
    };

    const QByteArray all = exportAndWait(QStringLiteral("all.jsonl"), false);
    QCOMPARE(all.trimmed().split('\n').size(), 3);
    QVERIFY2(all.contains("/json/3"), all.constData());

    // The Jobs tab lists it, done, with the sentence the job left.
    auto *jobsTable = child<QTableView>(QStringLiteral("jobsTable"));
    QVERIFY(jobsTable);
    QCOMPARE(jobsTable->model()->rowCount(), 1);
    QCOMPARE(jobsTable->model()->index(0, salvo::ui::JobsModel::StateColumn).data().toString(),
             QStringLiteral("done"));
    QVERIFY(jobsTable->model()
                    ->index(0, salvo::ui::JobsModel::OutcomeColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("Exported 3 rows to ")));

    // With the 4xx filter on, only the 404.
    auto *clientErrors = child<QToolButton>(QStringLiteral("chip-4xx"));
    QVERIFY(clientErrors);
    clientErrors->click();
    QCOMPARE(table()->model()->rowCount(), 1);
    const QByteArray filtered = exportAndWait(QStringLiteral("filtered.jsonl"), false);
    QCOMPARE(filtered.trimmed().split('\n').size(), 1);
    QVERIFY(filtered.contains("\"status\":404"));
    child<QToolButton>(QStringLiteral("chip-all"))->click();

    // The selected rows only.
    const auto *proxy = qobject_cast<const QAbstractProxyModel *>(table()->model());
    table()->selectionModel()->select(
            proxy->mapFromSource(model()->index(model()->rowOfIndex(2), 0)),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    const QByteArray selected = exportAndWait(QStringLiteral("selected.jsonl"), true);
    QCOMPARE(selected.trimmed().split('\n').size(), 1);
    QVERIFY(selected.contains("\"index\":2"));
    QCOMPARE(jobsTable->model()->rowCount(), 3);
}

// With a webhook in Settings, every run kept in the history is told to it when it ends, by a
// job the Jobs tab shows.
void TestMainWindowJobs::aFinishedRunTellsTheWebhook()
{
    reopenWithWebhook();
    typeAndRun({m_http->url(QStringLiteral("/json/1")).toString(),
                m_http->url(QStringLiteral("/status/500")).toString()});
    QVERIFY(waitForRows(2));
    QVERIFY(waitUntilFinished());
    QTRY_COMPARE_WITH_TIMEOUT(m_http->hookRequests().size(), 1, 20000);
    const QJsonObject summary
            = QJsonDocument::fromJson(m_http->hookRequests().constFirst().body).object();
    QCOMPARE(summary.value(u"state").toString(), QStringLiteral("finished"));
    QCOMPARE(summary.value(u"rows").toInt(), 2);
    QCOMPARE(summary.value(u"ok").toInt(), 1);
    QCOMPARE(summary.value(u"failed").toInt(), 1);
    QVERIFY(summary.value(u"run_id").toInteger() > 0);

    auto *jobsTable = child<QTableView>(QStringLiteral("jobsTable"));
    QTRY_COMPARE(jobsTable->model()->index(0, salvo::ui::JobsModel::StateColumn).data().toString(),
                 QStringLiteral("done"));
    QCOMPARE(jobsTable->model()->index(0, salvo::ui::JobsModel::TitleColumn).data().toString(),
             QStringLiteral("Tell 127.0.0.1 about run %1")
                     .arg(summary.value(u"run_id").toInteger()));
}

void TestMainWindowJobs::aChangedCheckTellsTheWebhook()
{
    reopenWithWebhook();
    // /flaky answers 503 once, then 200: the second check differs from the first.
    SavedBatch saved;
    saved.input.data = m_http->url(QStringLiteral("/status/200")).toEncoded() + '\n'
            + m_http->url(QStringLiteral("/flaky/window-check/1")).toEncoded() + '\n';
    const QString batchPath = m_files->filePath(QStringLiteral("health.salvo"));
    writeFile(batchPath, writeSavedBatch(saved));
    RecheckScheduler *scheduler = m_window->scheduler();
    QTRY_VERIFY(scheduler->isLoaded());
    Schedule schedule;
    schedule.name = QStringLiteral("health");
    schedule.batchPath = batchPath;
    schedule.every = std::chrono::seconds(1);
    const qint64 id = scheduler->add(schedule);

    // The first check is the baseline; the second tells the webhook what changed, once.
    QTRY_COMPARE_WITH_TIMEOUT(m_http->hookRequests().size(), 1, 30'000);
    scheduler->setEnabled(id, false);
    QTRY_VERIFY(!scheduler->isChecking(id));
    QCOMPARE(m_http->hookRequests().size(), 1); // a later check found no change: nothing told
    const QJsonObject told
            = QJsonDocument::fromJson(m_http->hookRequests().constFirst().body).object();
    QCOMPARE(told.value(u"event").toString(), QStringLiteral("check_changed"));
    QCOMPARE(told.value(u"schedule").toString(), QStringLiteral("health"));
    QCOMPARE(told.value(u"changes").toObject().value(u"status").toInt(), 1);
    QVERIFY(told.value(u"summary")
                    .toString()
                    .startsWith(QStringLiteral("1 row changed since run")));

    // The Checks tab shows what the last check found, and the Jobs tab the webhook told.
    auto *checks = child<QTableView>(QStringLiteral("schedulesTable"));
    QCOMPARE(checks->model()->rowCount(), 1);
    QTRY_VERIFY(checks->model()
                        ->index(0, SchedulesModel::OutcomeColumn)
                        .data()
                        .toString()
                        .contains(QStringLiteral("since run")));
    auto *jobsTable = child<QTableView>(QStringLiteral("jobsTable"));
    QTRY_VERIFY(jobsTable->model()
                        ->match(jobsTable->model()->index(0, JobsModel::TitleColumn),
                                Qt::DisplayRole,
                                QStringLiteral("Tell 127.0.0.1 about the check of health"), 1,
                                Qt::MatchExactly)
                        .size()
                == 1);
}

int main(int argc, char *argv[])
{
    isolateNetwork();
    // Before anything reads QSettings: settings in a test location, not the user's.
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    TestMainWindowJobs test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainwindowjobs.moc"
