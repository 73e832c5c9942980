// The real window, offscreen: the results table keeps a summary of each row and shows what the
// run's results say, and the inspector reads a selected row's answer where the window keeps
// it: the history (also for a row selected as soon as it arrives, before the writer has it),
// or, for a run the history does not keep, the newest answers in memory, saying in words when
// one is no longer there. Only loopback servers; every wait has a deadline.

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTest>

#include <memory>

#include "FaultServer.h"
#include "NetworkIsolation.h"
#include "WindowTestFixture.h"
#include "inspector/ShownAnswers.h"
#include "result/ErrorKind.h"
#include "run/RunController.h"

using salvo::ErrorKind;
using salvo::Result;
using salvo::ResultBatch;
using salvo::ui::ResultsModel;
using salvo::ui::RunController;
using salvo::ui::ShownAnswers;

namespace {

constexpr int answerTimeoutMs = 10000;

// The cells the table showed when it kept whole results, made from a whole result.
QString expectedStatus(const Result &result)
{
    if (result.error != ErrorKind::None)
        return salvo::errorKindLabel(result.error);
    if (result.status > 0 && !result.redirects.isEmpty())
        return ResultsModel::redirectedStatus(result.status);
    return result.status > 0 ? QString::number(result.status) : QString();
}

QString expectedSize(const Result &result)
{
    return result.status > 0
            ? QLocale().formattedDataSize(result.bytes, 1, QLocale::DataSizeTraditionalFormat)
            : QString();
}

} // namespace

class TestMainWindowAnswers final : public QObject, private WindowTestFixture
{
    Q_OBJECT

private slots:
    void init()
    {
        setUp();
        m_faults = std::make_unique<FaultServer>();
        QVERIFY(m_faults->start());
    }
    void cleanup()
    {
        tearDown();
        m_faults.reset();
        freshHistoryPath();
    }

    void theTableShowsWhatEachResultSays();
    void theInspectorReadsTheSelectedAnswerFromTheHistory();
    void aRowSelectedAsItArrivesOpens();
    void aRowRunAgainOpensItsNewAnswer();
    void answersOfARunNotKeptSayWhenTheyAreGone();
    void theSearchFindsTextInKeptBodies();

private:
    ShownAnswers *answers() const { return m_window->findChild<ShownAnswers *>(); }
    QString bodyShown() const;

    std::unique_ptr<FaultServer> m_faults;
};

QString TestMainWindowAnswers::bodyShown() const
{
    auto *stack = child<QStackedWidget>(QStringLiteral("bodyStack"));
    QWidget *page = stack->currentWidget();
    if (auto *label = qobject_cast<QLabel *>(page))
        return label->text();
    if (auto *text = qobject_cast<QPlainTextEdit *>(page))
        return text->toPlainText();
    return child<QPlainTextEdit>(QStringLiteral("bodyPretty"))->toPlainText(); // the JSON tabs
}

// Each row's cells say what its result said: the address, the status (an error's name, a
// redirect's mark), the size, the type, the attempts and the error's sentence.
void TestMainWindowAnswers::theTableShowsWhatEachResultSays()
{
    freshHistoryPath();
    QSignalSpy delivered(m_window->findChild<RunController *>(), &RunController::resultsReady);
    typeAndRun({m_http->url(QStringLiteral("/json/7")).toString(),
                m_http->url(QStringLiteral("/status/404")).toString(),
                m_http->url(QStringLiteral("/redirect/2")).toString(),
                m_http->url(QStringLiteral("/bytes/3000")).toString(),
                QStringLiteral("http://127.0.0.1:1/refused"), QStringLiteral("not an address")});
    QVERIFY(waitForRows(6));
    QVERIFY(waitUntilFinished());
    QHash<int, Result> sent;
    for (const QList<QVariant> &signal : std::as_const(delivered)) {
        for (const Result &result : signal.at(0).value<ResultBatch>())
            sent.insert(result.index, result);
    }
    QCOMPARE(sent.size(), 6);
    for (const Result &result : std::as_const(sent)) {
        const int row = model()->rowOfIndex(result.index);
        const auto cell = [&](int column) { return model()->index(row, column).data().toString(); };
        QCOMPARE(cell(ResultsModel::IndexColumn), QString::number(result.index + 1));
        QCOMPARE(cell(ResultsModel::UrlColumn), result.url);
        QCOMPARE(cell(ResultsModel::StatusColumn), expectedStatus(result));
        QCOMPARE(cell(ResultsModel::SizeColumn), expectedSize(result));
        QCOMPARE(cell(ResultsModel::ContentTypeColumn),
                 result.contentType.section(u';', 0, 0).trimmed());
        QCOMPARE(cell(ResultsModel::AttemptsColumn), QString::number(result.attempts));
        QCOMPARE(cell(ResultsModel::ErrorColumn), result.message);
        QCOMPARE(model()->index(row, 0).data(ResultsModel::StatusClassRole).toString(),
                 ResultsModel::statusClass(result));
    }
    QCOMPARE(resultOfInputRow(2).redirects, sent.value(2).redirects);
    QCOMPARE(resultOfInputRow(4).error, ErrorKind::ConnectionRefused);
    QCOMPARE(resultOfInputRow(5).error, ErrorKind::InvalidUrl);
}

// With no answer in memory, a row selected after the run shows the body the history holds.
void TestMainWindowAnswers::theInspectorReadsTheSelectedAnswerFromTheHistory()
{
    freshHistoryPath();
    answers()->setMemoryBudget(0);
    QSignalSpy loading(answers(), &ShownAnswers::answerLoading);
    typeAndRun({m_http->url(QStringLiteral("/json/31")).toString(),
                m_http->url(QStringLiteral("/json/32")).toString()});
    QVERIFY(waitForRows(2));
    QVERIFY(waitUntilFinished());
    QCOMPARE(answers()->cache().count(), 0);
    selectInputRow(1);
    QTRY_VERIFY_WITH_TIMEOUT(bodyShown().contains(u"\"id\": 32"), answerTimeoutMs);
    QVERIFY(!loading.isEmpty()); // "Loading..." while the history was read
    selectInputRow(0);
    QTRY_VERIFY_WITH_TIMEOUT(bodyShown().contains(u"\"id\": 31"), answerTimeoutMs);
}

// The history's writer is a batch behind the table: a row selected the moment it appears,
// before the writer has it, still opens, read from the history once it has caught up. Here
// another connection holds the file's write lock meanwhile, so the writer is surely behind.
void TestMainWindowAnswers::aRowSelectedAsItArrivesOpens()
{
    const QString path = freshHistoryPath();
    answers()->setMemoryBudget(0); // the history alone can answer
    typeAndRun({m_faults->url(QStringLiteral("/delay/1000")).toString(),
                m_faults->url(QStringLiteral("/delay/4000")).toString()});
    auto *runs = m_window->findChild<RunController *>();
    QTRY_VERIFY_WITH_TIMEOUT(runs->recordedRunId() != 0, answerTimeoutMs);
    {
        QSqlDatabase lock
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("writeLock"));
        lock.setDatabaseName(path);
        QVERIFY(lock.open());
        QSqlQuery holding(lock);
        QVERIFY(holding.exec(QStringLiteral("BEGIN IMMEDIATE")));
        QVERIFY(waitForRows(1));
        selectInputRow(0);
        QTRY_VERIFY_WITH_TIMEOUT(answers()->isWaitingForHistory(), answerTimeoutMs);
        QCOMPARE(bodyShown(), QStringLiteral("Loading the answer from the history\u2026"));
        QVERIFY(holding.exec(QStringLiteral("ROLLBACK")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("writeLock"));
    QTRY_COMPARE_WITH_TIMEOUT(bodyShown(), QStringLiteral("late"), answerTimeoutMs);
    QVERIFY(!child<QPushButton>(QStringLiteral("runButton"))->isEnabled()); // still running
    QVERIFY(waitUntilFinished());
}

// A row run again is kept in the history as a row of a run of its own, under its own number
// there: the inspector reads the newer answer from it.
void TestMainWindowAnswers::aRowRunAgainOpensItsNewAnswer()
{
    freshHistoryPath();
    typeAndRun({m_http->url(QStringLiteral("/json/61")).toString(),
                m_http->url(QStringLiteral("/flaky/answers/1")).toString()});
    QVERIFY(waitForRows(2));
    QVERIFY(waitUntilFinished());
    QCOMPARE(resultOfInputRow(1).status, 503);
    selectInputRow(1);
    QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier); // run it again
    QTRY_COMPARE_WITH_TIMEOUT(resultOfInputRow(1).status, 200, answerTimeoutMs);
    QVERIFY(waitUntilFinished());

    answers()->setMemoryBudget(0); // the history alone can answer
    selectInputRow(0);
    QTRY_VERIFY_WITH_TIMEOUT(bodyShown().contains(u"\"id\": 61"), answerTimeoutMs);
    selectInputRow(1);
    QTRY_COMPARE_WITH_TIMEOUT(bodyShown(), QStringLiteral("fine now"), answerTimeoutMs);
}

// A history that cannot be written keeps nothing of the run: the newest answers stay in
// memory and open; one no longer there says so, and why the run is not kept.
void TestMainWindowAnswers::answersOfARunNotKeptSayWhenTheyAreGone()
{
    writeFile(freshHistoryPath(), "this is not a history file");
    m_window.reset();
    createWindow();
    typeAndRun({m_http->url(QStringLiteral("/json/51")).toString(),
                m_http->url(QStringLiteral("/json/52")).toString()});
    QVERIFY(waitForRows(2));
    QVERIFY(waitUntilFinished());
    selectInputRow(0);
    QTRY_VERIFY_WITH_TIMEOUT(bodyShown().contains(u"\"id\": 51"), answerTimeoutMs);

    answers()->setMemoryBudget(0); // as if many newer answers had come since
    selectInputRow(1);
    QTRY_VERIFY_WITH_TIMEOUT(bodyShown().contains(u"not kept in the history"), answerTimeoutMs);
    QVERIFY2(bodyShown().contains(u"no longer there"), qPrintable(bodyShown()));
    // What the table knows of the row is still shown beside the sentence.
    QVERIFY(child<QPlainTextEdit>(QStringLiteral("timingText"))->toPlainText().contains(u"200"));
}

// The search box finds a text the table does not hold: in the answers' bodies, which the
// history keeps. Only the row whose body holds it is shown, a moment later.
void TestMainWindowAnswers::theSearchFindsTextInKeptBodies()
{
    freshHistoryPath();
    typeAndRun({m_http->url(QStringLiteral("/json/7")).toString(),
                m_http->url(QStringLiteral("/json/8")).toString()});
    QVERIFY(waitForRows(2));
    QVERIFY(waitUntilFinished());
    auto *search = child<QLineEdit>(QStringLiteral("searchBox"));
    QTest::keyClicks(search, QStringLiteral("\"id\":7"));
    QTRY_COMPARE_WITH_TIMEOUT(table()->model()->rowCount(), 1, 10000);
    QVERIFY(table()->model()
                    ->index(0, ResultsModel::UrlColumn)
                    .data()
                    .toString()
                    .endsWith(u"/json/7"));
    search->clear();
    QTest::keyClicks(search, QStringLiteral("\"ID\":"));
    QTRY_COMPARE_WITH_TIMEOUT(table()->model()->rowCount(), 2, 10000);
}

int main(int argc, char *argv[])
{
    isolateNetwork();
    // Before anything reads QSettings: settings in a test location, not the user's.
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    TestMainWindowAnswers test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainwindowanswers.moc"
