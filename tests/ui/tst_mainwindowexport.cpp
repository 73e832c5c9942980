// The real window, offscreen, exporting what it ran: a 1 MiB answer from a loopback server,
// exported as CSV through File > Export (Ctrl+E) and read back by Python's csv module, holds
// what a spreadsheet cell keeps, and the sentence the window shows when the export ends says
// what was cut and which formats keep whole bodies. Every wait has a deadline.

#include <QApplication>
#include <QFile>
#include <QFileDialog>
#include <QJsonArray>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "CsvReadBack.h"
#include "MainWindow.h"
#include "NetworkIsolation.h"
#include "TestServer.h"
#include "jobs/JobManager.h"
#include "jobs/JobsModel.h"
#include "result/SpreadsheetCell.h"
#include "run/RunController.h"
#include "store/Database.h"

using namespace Qt::StringLiterals;
using salvo::ui::MainWindow;

namespace {

constexpr qint64 mebibyte = 1 << 20;

// The window's history file, removed (with its WAL): the test starts from no runs.
void removeHistory()
{
    const QString path = salvo::defaultHistoryPath();
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s})
        QFile::remove(path + suffix);
}

} // namespace

class TestMainWindowExport final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void bigAnswerIsCutToASpreadsheetCell();

private:
    template<typename T>
    T *child(const QString &name) const
    {
        auto *found = m_window->findChild<T *>(name);
        if (!found)
            qWarning("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
        return found;
    }
    void typeAndRun(const QStringList &lines);
    int resultRows() const;
    // Exports the run shown as the person does: Ctrl+E, a name in the folder, Save.
    void exportAs(const QString &folder, const QString &name);

    std::unique_ptr<TestServer> m_http;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindowExport::init()
{
    QSettings().clear(); // Settings' defaults: bodies kept up to 1 MiB
    removeHistory();
    m_http = std::make_unique<TestServer>();
    QVERIFY(m_http->start());
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindowExport::cleanup()
{
    m_window.reset();
    m_http.reset();
    QSettings().clear();
    removeHistory();
}

void TestMainWindowExport::typeAndRun(const QStringList &lines)
{
    auto *editor = child<QPlainTextEdit>(u"batchEditor"_s);
    QVERIFY(editor);
    editor->setFocus();
    for (const QString &line : lines) {
        QTest::keyClicks(editor, line);
        QTest::keyClick(editor, Qt::Key_Return);
    }
    QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
}

int TestMainWindowExport::resultRows() const
{
    auto *table = child<QTableView>(u"resultsTable"_s);
    return table ? table->model()->rowCount() : -1;
}

void TestMainWindowExport::exportAs(const QString &folder, const QString &name)
{
    QTest::keyClick(m_window.get(), Qt::Key_E, Qt::ControlModifier);
    QFileDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<QFileDialog *>(u"exportDialog"_s)));
    QTRY_VERIFY(dialog->isVisible());
    dialog->setDirectory(folder);
    dialog->selectFile(name); // the type the dialog offers first: CSV for spreadsheets
    static_cast<QDialog *>(dialog)->accept();
}

// Issue 15: the CSV export put a whole 1 MiB body in one cell, which Excel cannot hold.
void TestMainWindowExport::bigAnswerIsCutToASpreadsheetCell()
{
    const QString bigUrl = m_http->url(u"/bytes/%1"_s.arg(mebibyte)).toString();
    const QString smallUrl = m_http->url(u"/json/1"_s).toString();
    typeAndRun({bigUrl, smallUrl});
    QTRY_COMPARE_WITH_TIMEOUT(resultRows(), 2, 15'000);
    auto *run = child<QPushButton>(u"runButton"_s);
    QTRY_VERIFY_WITH_TIMEOUT(run->isEnabled(), 15'000); // the run is over
    // The history's writer may still be finishing the run: exports wait for it.
    auto *runs = m_window->findChild<salvo::ui::RunController *>();
    QVERIFY(runs);
    QTRY_VERIFY_WITH_TIMEOUT(runs->exportRefusal().isEmpty(), 10'000);

    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QSignalSpy ended(m_window->jobs(), &salvo::JobManager::jobEnded);
    exportAs(folder.path(), u"run.csv"_s);
    QVERIFY2(ended.wait(60'000), qPrintable(m_window->statusBar()->currentMessage()));
    const auto job = ended.constFirst().constFirst().value<salvo::JobInfo>();
    QCOMPARE(job.state, salvo::JobState::Done);

    // The file, as a spreadsheet or any other program reads it.
    const QJsonArray rows = salvo::test::readCsvInPython(folder.filePath(u"run.csv"_s));
    QCOMPARE(rows.size(), 2);
    const QJsonObject big = rows.at(0)[u"url"].toString() == bigUrl ? rows.at(0).toObject()
                                                                    : rows.at(1).toObject();
    const QJsonObject small = rows.at(0)[u"url"].toString() == bigUrl ? rows.at(1).toObject()
                                                                      : rows.at(0).toObject();
    QCOMPARE(big.value(u"url").toString(), bigUrl);
    QCOMPARE(big.value(u"bytes").toString(), QString::number(mebibyte));
    const QString body = big.value(u"body").toString();
    QVERIFY2(body.size() <= salvo::spreadsheetCellLimit,
             qPrintable(u"the body's cell holds %1 characters"_s.arg(body.size())));
    QVERIFY2(body.endsWith(salvo::spreadsheetCutMark()), qPrintable(body.right(120)));
    QVERIFY(body.startsWith(u"xxxxxxxx"));
    QCOMPARE(small.value(u"body").toString(), u"{\"id\":1}"_s);

    // What the window says when the export ends: in the status bar and in the Jobs tab.
    const QString said = m_window->statusBar()->currentMessage();
    auto *jobsTable = child<QTableView>(u"jobsTable"_s);
    QVERIFY(jobsTable);
    const QString outcome
            = jobsTable->model()->index(0, salvo::ui::JobsModel::OutcomeColumn).data().toString();
    for (const QString &text : {said, outcome}) {
        QVERIFY2(text.startsWith(u"Exported 2 rows to "), qPrintable(text));
        QVERIFY2(text.contains(u"1 cell was longer than the 32,767 characters a spreadsheet cell "
                               u"holds"),
                 qPrintable(text));
        QVERIFY2(text.contains(u"The JSON, JSON Lines and HAR exports keep whole bodies."),
                 qPrintable(text));
    }
}

int main(int argc, char *argv[])
{
    isolateNetwork();
    // Before anything reads QSettings: settings in a test location, not the user's.
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    TestMainWindowExport test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainwindowexport.moc"
