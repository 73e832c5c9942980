// The real window, offscreen, and the runs it keeps: the History lists them after a restart,
// a past run opens again with its answers, its rows or its failed rows run again as a run
// linked to it and compared with it, and an interrupted run resumes. Only loopback servers;
// every wait has a deadline.

#include <QAbstractProxyModel>
#include <QAction>
#include <QApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTabWidget>
#include <QTest>

#include <algorithm>
#include <optional>

#include "MainWindow.h"
#include "NetworkIsolation.h"
#include "WindowTestFixture.h"
#include "editor/BatchEditor.h"
#include "history/HistoryModel.h"
#include "history/HistoryView.h"
#include "store/RunHistory.h"
#include "store/RunStore.h"

using salvo::Result;
using salvo::RunOptions;
using salvo::ui::MainWindow;

class TestMainWindowHistory final : public QObject, private WindowTestFixture
{
    Q_OBJECT

private slots:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void runsAreKeptInTheHistory();
    void pastRunOpensFromTheHistory();
    void historyAndChecksAreOneKeyAwayAfterARestart();
    void failedRowsRunAgainAsALinkedRun();
    void noFailedRowsStartsNothing();
    void interruptedRunResumesInTheWindow_data();
    void interruptedRunResumesInTheWindow();
};

void TestMainWindowHistory::runsAreKeptInTheHistory()
{
    // Test mode: the history file is under ~/.qttest, never the user's. Start from none.
    const QString path = freshHistoryPath();

    typeAndRun({m_http->url(QStringLiteral("/json/1")).toString(),
                m_http->url(QStringLiteral("/status/404")).toString(),
                QStringLiteral("not an address")});
    QVERIFY(waitForRows(3));
    QVERIFY(waitUntilFinished());

    // The writer commits on its own thread: wait until the run reads finished.
    std::optional<salvo::RunSummary> run;
    QVERIFY(QTest::qWaitFor(
            [&] {
                salvo::RunHistory history(path);
                if (!history.open())
                    return false;
                const auto runs = history.runs();
                if (!runs || runs->isEmpty())
                    return false;
                run = runs->constFirst();
                return run->state == salvo::RunState::Finished;
            },
            10000));
    QCOMPARE(run->rowCount, 3);
    QCOMPARE(run->resultCount, 3);
    QCOMPARE(run->okCount, 1);
    QCOMPARE(run->failedCount, 2);

    // The sample batch is not kept: its addresses end with the window. It replaces the list
    // in the editor once the person says so.
    m_window->startSampleBatch();
    QPushButton *replace = nullptr;
    QTRY_VERIFY((replace
                 = m_window->findChild<QPushButton *>(QStringLiteral("replaceWithSampleButton"))));
    replace->click();
    QVERIFY(waitForRows(16, 20000));
    QVERIFY(waitUntilFinished(20000));
    salvo::RunHistory history(path);
    QVERIFY(history.open());
    QCOMPARE(history.runs()->size(), 1);
}

// Salvo started again with a run in its history: the first-use page offers the sample, and
// the History (Alt+3) and the Checks (Alt+5) are there at once, the run listed.
void TestMainWindowHistory::historyAndChecksAreOneKeyAwayAfterARestart()
{
    freshHistoryPath();
    typeAndRun({m_http->url(QStringLiteral("/json/1")).toString()});
    QVERIFY(waitForRows(1));
    QVERIFY(waitUntilFinished());
    auto *tabs = child<QTabWidget>(QStringLiteral("detailTabs"));
    tabs->setCurrentWidget(child<salvo::ui::HistoryView>(QStringLiteral("historyView")));
    QTRY_COMPARE(child<QTableView>(QStringLiteral("historyTable"))->model()->rowCount(), 1);

    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(child<QPushButton>(QStringLiteral("sampleButton"))->isVisible());
    QTest::keyClick(m_window.get(), Qt::Key_3, Qt::AltModifier); // View > History
    auto *history = child<salvo::ui::HistoryView>(QStringLiteral("historyView"));
    QTRY_VERIFY(history->isVisible());
    QTRY_COMPARE(child<QTableView>(QStringLiteral("historyTable"))->model()->rowCount(), 1);
    QTest::keyClick(m_window.get(), Qt::Key_5, Qt::AltModifier); // View > Checks
    QTRY_VERIFY(child<QWidget>(QStringLiteral("schedulesPanel"))->isVisible());
}

void TestMainWindowHistory::pastRunOpensFromTheHistory()
{
    const QString path = freshHistoryPath();
    typeAndRun({m_http->url(QStringLiteral("/json/1")).toString(),
                m_http->url(QStringLiteral("/json/2")).toString()});
    QVERIFY(waitForRows(2));
    QVERIFY(waitUntilFinished());
    qint64 runId = 0;
    QVERIFY(QTest::qWaitFor(
            [&] {
                salvo::RunHistory history(path);
                const auto runs = history.open()
                        ? history.runs()
                        : salvo::Expected<QList<salvo::RunSummary>>(QList<salvo::RunSummary>());
                if (!runs || runs->isEmpty()
                    || runs->constFirst().state != salvo::RunState::Finished)
                    return false;
                runId = runs->constFirst().id;
                return true;
            },
            10000));

    // Another batch fills the table; then the History tab brings the first run back.
    // Its rows first: the list is parsed off this thread, and until the run starts the Run
    // button is enabled, so waitUntilFinished() alone could return before it began.
    typeAndRun({m_http->url(QStringLiteral("/status/404")).toString()});
    QVERIFY(QTest::qWaitFor([&] { return model()->rowCount() == 3; }, 15000));
    QVERIFY(waitUntilFinished());
    auto *tabs = child<QTabWidget>(QStringLiteral("detailTabs"));
    auto *historyView = child<salvo::ui::HistoryView>(QStringLiteral("historyView"));
    tabs->setCurrentWidget(historyView);
    QTRY_VERIFY(child<QTableView>(QStringLiteral("historyTable"))->model()->rowCount() >= 2);
    emit historyView->openRunRequested(runId);
    QTRY_COMPARE(model()->rowCount(), 2);
    QCOMPARE(resultOfInputRow(0).status, 200);
    QCOMPARE(resultOfInputRow(1).status, 200);

    // The table says which run it holds, and the editor, which held only what ran last, now
    // holds this run's list: Run runs what the table shows.
    const QString firstList = m_http->url(QStringLiteral("/json/1")).toString() + u'\n'
            + m_http->url(QStringLiteral("/json/2")).toString() + u'\n';
    auto *caption = child<QLabel>(QStringLiteral("shownRunText"));
    QTRY_VERIFY(caption->text().contains(u"Its list is in the editor"));
    QVERIFY2(caption->text().startsWith(QStringLiteral("Run %1 from the history").arg(runId)),
             qPrintable(caption->text()));
    QCOMPARE(editor()->toPlainText(), firstList);
    auto *loadButton = child<QPushButton>(QStringLiteral("loadShownBatchButton"));
    QVERIFY(!loadButton->isVisible());

    // A list being typed is not replaced: the caption offers instead.
    editor()->setPlainText(QStringLiteral("https://example.invalid/typed\n"));
    emit historyView->openRunRequested(runId);
    QTRY_VERIFY(loadButton->isVisible());
    QCOMPARE(editor()->toPlainText(), QStringLiteral("https://example.invalid/typed\n"));
    QVERIFY2(caption->text().contains(u"another list"), qPrintable(caption->text()));
    loadButton->click();
    QCOMPARE(editor()->toPlainText(), firstList);
    QVERIFY(!loadButton->isVisible());

    // Its answers come from the file when a row is selected.
    selectInputRow(1);
    auto *text = child<QPlainTextEdit>(QStringLiteral("bodyPretty"));
    QTRY_VERIFY_WITH_TIMEOUT(text->toPlainText().contains(u"\"id\": 2"), 10000);

    // Its rows run again from what the history kept, as a run of their own.
    const int requestsBefore = m_http->requestCount();
    const auto *proxy = qobject_cast<const QAbstractProxyModel *>(table()->model());
    table()->selectionModel()->select(
            proxy->mapFromSource(model()->index(model()->rowOfIndex(1), 0)),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(table()->selectionModel()->selectedRows().size(), 1);
    QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(m_http->requestCount(), requestsBefore + 1, 10000);
    QVERIFY(waitUntilFinished());
    QCOMPARE(model()->rowCount(), 2);
    QCOMPARE(resultOfInputRow(1).status, 200);
    QVERIFY(QTest::qWaitFor(
            [&] {
                salvo::RunHistory history(path);
                const auto runs = history.open()
                        ? history.runs()
                        : salvo::Expected<QList<salvo::RunSummary>>(QList<salvo::RunSummary>());
                return runs && runs->size() == 3 && runs->constFirst().rowCount == 1
                        && runs->constFirst().state == salvo::RunState::Finished;
            },
            10000));
    {
        // Kept as a run of its own, one row: row 0 there, whatever row it was in the first.
        salvo::RunHistory history(path);
        QVERIFY(history.open());
        const qint64 rerunId = history.runs()->constFirst().id;
        QCOMPARE(history.runs()->constFirst().parentRunId, runId); // linked to the run shown
        const auto rerun = history.resultsPage(rerunId, 0, 10);
        QVERIFY(rerun);
        QCOMPARE(rerun->size(), 1);
        QCOMPARE(rerun->constFirst().index, 0);
        QVERIFY(rerun->constFirst().url.endsWith(u"/json/2"));
    }

    // Two runs selected in the History tab open side by side.
    tabs->setCurrentWidget(historyView);
    auto *historyTable = child<QTableView>(QStringLiteral("historyTable"));
    QTRY_COMPARE_WITH_TIMEOUT(historyTable->model()->rowCount(), 3, 10000);
    historyTable->selectionModel()->select(
            QItemSelection(historyTable->model()->index(1, 0), historyTable->model()->index(2, 0)),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    auto *compare = child<QPushButton>(QStringLiteral("compareRunsButton"));
    QVERIFY(compare->isEnabled());
    QTest::mouseClick(compare, Qt::LeftButton);
    verifyComparisonShown(runId);
    if (QTest::currentTestFailed())
        return;
}

void TestMainWindowHistory::failedRowsRunAgainAsALinkedRun()
{
    const QString path = freshHistoryPath();
    typeAndRun({m_http->url(QStringLiteral("/json/1")).toString(),
                m_http->url(QStringLiteral("/status/404")).toString(),
                m_http->url(QStringLiteral("/status/503")).toString()});
    QVERIFY(waitForRows(3));
    QVERIFY(waitUntilFinished());
    const auto finishedRuns = [&](int count) {
        salvo::RunHistory history(path);
        const auto runs = history.open()
                ? history.runs()
                : salvo::Expected<QList<salvo::RunSummary>>(QList<salvo::RunSummary>());
        if (!runs || runs->size() != count || runs->constFirst().state != salvo::RunState::Finished)
            return QList<salvo::RunSummary>();
        return *runs;
    };
    qint64 originalId = 0;
    QVERIFY(QTest::qWaitFor(
            [&] {
                const QList<salvo::RunSummary> runs = finishedRuns(1);
                originalId = runs.isEmpty() ? 0 : runs.constFirst().id;
                return originalId != 0;
            },
            10000));

    // Ctrl+Shift+R: the two rows that failed, and only those, as a run linked to the first.
    auto *compareButton = child<QPushButton>(QStringLiteral("compareWithOriginalButton"));
    auto *compareAction = child<QAction>(QStringLiteral("compareWithOriginalAction"));
    QVERIFY(compareButton && compareAction);
    QVERIFY(!compareAction->isEnabled());
    const int requestsBefore = m_http->requestCount();
    QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE_WITH_TIMEOUT(m_http->requestCount(), requestsBefore + 2, 10000);
    QVERIFY(waitUntilFinished());
    QCOMPARE(model()->rowCount(), 3); // beside the row that was ok
    QCOMPARE(resultOfInputRow(0).status, 200);
    QCOMPARE(resultOfInputRow(1).status, 404);
    QCOMPARE(resultOfInputRow(2).status, 503);
    QList<salvo::RunSummary> runs;
    QVERIFY(QTest::qWaitFor(
            [&] {
                runs = finishedRuns(2);
                return !runs.isEmpty();
            },
            10000));
    QCOMPARE(runs.at(1).id, originalId);
    QCOMPARE(runs.at(0).rowCount, 2);
    QCOMPARE(runs.at(0).failedCount, 2);
    QCOMPARE(runs.at(0).parentRunId, originalId);
    QCOMPARE(runs.at(1).parentRunId, 0);

    // The history list names the original.
    auto *tabs = child<QTabWidget>(QStringLiteral("detailTabs"));
    tabs->setCurrentWidget(child<salvo::ui::HistoryView>(QStringLiteral("historyView")));
    auto *historyTable = child<QTableView>(QStringLiteral("historyTable"));
    QTRY_COMPARE_WITH_TIMEOUT(historyTable->model()->rowCount(), 2, 10000);
    const QString batch = historyTable->model()
                                  ->index(0, salvo::ui::HistoryModel::BatchColumn)
                                  .data()
                                  .toString();
    QVERIFY2(batch.startsWith(QStringLiteral("re-run of %1").arg(originalId)), qPrintable(batch));

    // Once the re-run is in the history, the status bar offers the two side by side.
    QTRY_VERIFY_WITH_TIMEOUT(compareButton->isVisible() && compareAction->isEnabled(), 10000);
    QVERIFY2(compareButton->text().contains(QString::number(originalId)),
             qPrintable(compareButton->text()));
    QTest::mouseClick(compareButton, Qt::LeftButton);
    verifyComparisonShown(originalId);
    if (QTest::currentTestFailed())
        return;

    // Another run takes the table: the offer goes with the re-run it was about. The Run button,
    // not Ctrl+Return: the window's shortcuts wait until it is active again.
    typeLines({m_http->url(QStringLiteral("/json/2")).toString()});
    QTest::mouseClick(child<QPushButton>(QStringLiteral("runButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!compareAction->isEnabled(), 10000);
    QVERIFY(!compareButton->isVisible());
    QVERIFY(waitUntilFinished());
}

void TestMainWindowHistory::noFailedRowsStartsNothing()
{
    typeAndRun({m_http->url(QStringLiteral("/json/1")).toString(),
                m_http->url(QStringLiteral("/json/2")).toString()});
    QVERIFY(waitForRows(2));
    QVERIFY(waitUntilFinished());
    const int requestsBefore = m_http->requestCount();
    QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
    auto *status = child<QLabel>(QStringLiteral("progressText"));
    QVERIFY2(status->text().contains(u"nothing to run again"), qPrintable(status->text()));
    QCOMPARE(m_http->requestCount(), requestsBefore);
    QCOMPARE(model()->rowCount(), 2);
}

void TestMainWindowHistory::interruptedRunResumesInTheWindow_data()
{
    QTest::addColumn<bool>("typeTheSecret");
    QTest::newRow("secret typed in the Headers tab") << true;
    QTest::newRow("sent without the secret, when told to") << false;
}

// A run of four rows stopped after two, its process gone: Resume in the History tab runs the
// other two, shows them beside the two it had, and adds them to the same run.
void TestMainWindowHistory::interruptedRunResumesInTheWindow()
{
    QFETCH(bool, typeTheSecret);
    const QString path = freshHistoryPath();
    QList<salvo::RequestSpec> rows;
    for (int row = 0; row < 4; ++row) {
        salvo::RequestSpec spec;
        spec.line = row + 1;
        spec.text = m_http->url(QStringLiteral("/echo?row=%1").arg(row)).toString();
        spec.url = QUrl(spec.text);
        rows.append(spec);
    }
    salvo::BatchSpec batch;
    batch.rows = std::move(rows);
    batch.headers = {{"Authorization", "Bearer stored"}, {"X-Trace", "kept"}};
    qint64 runId = 0;
    {
        salvo::RunStore store({.path = path});
        QSignalSpy begun(&store, &salvo::RunStore::runBegun);
        const salvo::RunTicket ticket = store.beginRun(batch, RunOptions());
        QVERIFY(begun.wait(10000));
        runId = begun.at(0).at(1).toLongLong();
        salvo::ResultBatch done;
        for (const int row : {0, 2}) {
            Result result;
            result.index = row;
            result.line = row + 1;
            result.url = batch.rows.at(row).text;
            result.method = "GET";
            result.status = 200;
            result.attempts = 1;
            done.append(result);
        }
        store.appendResults(ticket, done);
        store.flush().waitForFinished();
    } // closed without finishing: the run reads as interrupted

    if (typeTheSecret) {
        showBatchTab(1);
        typeIntoHeaderCell(0, 0, QStringLiteral("Authorization"));
        typeIntoHeaderCell(0, 1, QStringLiteral("Bearer typed"));
    }
    auto *tabs = child<QTabWidget>(QStringLiteral("detailTabs"));
    auto *historyView = child<salvo::ui::HistoryView>(QStringLiteral("historyView"));
    tabs->setCurrentWidget(historyView);
    auto *historyTable = child<QTableView>(QStringLiteral("historyTable"));
    QTRY_COMPARE_WITH_TIMEOUT(historyTable->model()->rowCount(), 1, 10000);
    auto *resume = child<QPushButton>(QStringLiteral("resumeRunButton"));
    QVERIFY(!resume->isEnabled());
    historyTable->selectRow(0);
    QVERIFY(resume->isEnabled());
    QTest::mouseClick(resume, Qt::LeftButton);

    if (!typeTheSecret) {
        QMessageBox *question = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((question = m_window->findChild<QMessageBox *>(
                                          QStringLiteral("withheldHeadersQuestion")))
                                         && question->isVisible(),
                                 10000);
        QVERIFY(question->text().contains(u"Authorization"));
        const auto buttons = question->buttons();
        const auto without = std::find_if(buttons.cbegin(), buttons.cend(), [](auto *button) {
            return button->text() == QStringLiteral("Run without them");
        });
        QVERIFY(without != buttons.cend());
        QTest::mouseClick(*without, Qt::LeftButton);
    }
    QVERIFY(waitForRows(4));
    QVERIFY(waitUntilFinished());
    for (const int row : {1, 3}) {
        const std::optional<salvo::Result> answer = answerOfInputRow(row);
        QVERIFY(answer);
        const QJsonObject echoed = QJsonDocument::fromJson(answer->body).object();
        const QJsonObject headers = echoed.value(u"headers").toObject();
        QCOMPARE(headers.value(u"x-trace").toString(), QStringLiteral("kept"));
        QCOMPARE(headers.value(u"authorization").toString(),
                 typeTheSecret ? QStringLiteral("Bearer typed") : QString());
        QVERIFY(resultOfInputRow(row).url.endsWith(QStringLiteral("row=%1").arg(row)));
    }

    // The same run now holds all four, and says it finished.
    std::optional<salvo::RunSummary> run;
    QVERIFY(QTest::qWaitFor(
            [&] {
                salvo::RunHistory history(path);
                if (!history.open())
                    return false;
                const auto found = history.run(runId);
                run = found ? std::optional(*found) : std::nullopt;
                return run && run->state == salvo::RunState::Finished;
            },
            10000));
    QCOMPARE(run->rowCount, 4);
    QCOMPARE(run->resultCount, 4);
    salvo::RunHistory history(path);
    QVERIFY(history.open());
    QCOMPARE(history.runs()->size(), 1);
    QVERIFY(history.missingRows(runId)->isEmpty());
}

int main(int argc, char *argv[])
{
    isolateNetwork();
    // Before anything reads QSettings: settings in a test location, not the user's.
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    TestMainWindowHistory test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainwindowhistory.moc"
