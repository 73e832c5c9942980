// The real window, offscreen, fed the way people feed it: a template with ids, a CSV file,
// headers and a body, input that is broken or huge; and what they then look at: the error's
// detail, the summary, the names a screen reader reads, the defaults from Settings. Only
// loopback servers; every wait has a deadline.

#include <QAbstractButton>
#include <QAccessible>
#include <QAction>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QFileDialog>
#include <QStatusBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QToolButton>

#include <algorithm>
#include <memory>

#include "CellTyping.h"
#include "FaultServer.h"
#include "MainWindow.h"
#include "editor/BatchPane.h"
#include "editor/LastBatch.h"
#include "NetworkIsolation.h"
#include "TestServer.h"
#include "editor/BatchEditor.h"
#include "desktop/BatchFile.h"
#include "results/ResultsModel.h"
#include "run/RunController.h"
#include "desktop/RunDefaults.h"
#include "store/Database.h"
#include "store/RunHistory.h"
#include "store/RunStore.h"
#include "compare/CompareWindow.h"
#include "history/HistoryModel.h"
#include "history/HistoryView.h"
#include "jobs/JobsModel.h"
#include "jobs/Schedule.h"
#include "desktop/RecheckScheduler.h"
#include "schedules/SchedulesModel.h"

using salvo::ErrorKind;
using salvo::RecheckScheduler;
using salvo::Result;
using salvo::RunOptions;
using salvo::SavedBatch;
using salvo::saveRunDefaults;
using salvo::Schedule;
using salvo::TimeoutKind;
using salvo::ui::BatchEditor;
using salvo::ui::JobsModel;
using salvo::ui::MainWindow;
using salvo::ui::ResultsModel;
using salvo::ui::SchedulesModel;

namespace {

// The longest stretch the GUI thread went without running a 1 ms timer: how long a person
// would have seen the window frozen.
class Heartbeat
{
public:
    Heartbeat()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer,
                         [this] { m_longestGapMs = std::max(m_longestGapMs, m_clock.restart()); });
        m_clock.start();
        m_timer.start();
    }

    qint64 longestGapMs() const { return std::max(m_longestGapMs, m_clock.elapsed()); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_longestGapMs = 0;
};

// A FaultServer on a thread of its own, as a server on another machine would be: it writes
// as fast as the window reads, not at the pace of the test's waiting loop.
class FaultServerThread
{
    Q_DISABLE_COPY_MOVE(FaultServerThread)

public:
    FaultServerThread()
    {
        m_thread.start();
        m_anchor->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_anchor, &QObject::deleteLater);
    }
    ~FaultServerThread()
    {
        QMetaObject::invokeMethod(
                m_anchor, [this] { m_server.reset(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    bool start()
    {
        QMetaObject::invokeMethod(
                m_anchor,
                [this] {
                    m_server = std::make_unique<FaultServer>();
                    if (m_server->start())
                        m_base = m_server->url(QString());
                },
                Qt::BlockingQueuedConnection);
        return m_base.isValid();
    }
    QUrl url(const QString &path) const { return m_base.resolved(QUrl(path)); }

private:
    QThread m_thread;
    QObject *m_anchor = new QObject; // deleted on m_thread when it finishes
    std::unique_ptr<FaultServer> m_server; // created, used and deleted on m_thread
    QUrl m_base;
};

// A hang guard, not a speed target: a frame is 16 ms, but a loaded CI machine may stall any
// thread for a while. Two seconds without a timer tick is a window that froze.
constexpr qint64 hangGuardMs = 2000;

// The window's history file, removed (with its WAL): the test starts from no runs.
QString freshHistoryPath()
{
    const QString path = salvo::defaultHistoryPath();
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    return path;
}

QString describeWidget(const QWidget *widget)
{
    QString name = widget->objectName();
    for (const QWidget *parent = widget->parentWidget(); name.isEmpty() && parent;
         parent = parent->parentWidget()) {
        if (!parent->objectName().isEmpty())
            name = QStringLiteral("(in %1)").arg(parent->objectName());
    }
    return QStringLiteral("%1 %2").arg(QString::fromLatin1(widget->metaObject()->className()),
                                       name);
}

bool isInside(const QWidget *widget, const char *className)
{
    for (const QWidget *parent = widget->parentWidget(); parent; parent = parent->parentWidget()) {
        if (parent->inherits(className))
            return true;
    }
    return false;
}

// What a screen reader would announce without a name: an input with no accessible name, or
// a button with neither text nor accessible name.
bool isUnnamedInput(const QWidget *widget)
{
    if (!widget->isVisible() || widget->focusPolicy() == Qt::NoFocus)
        return false;
    if (isInside(widget, "QTabBar"))
        return false; // the tab bar's scroll arrows: the tabs name the pages
    if (const auto *button = qobject_cast<const QAbstractButton *>(widget))
        return button->text().isEmpty() && button->accessibleName().isEmpty();
    if (qobject_cast<const QLineEdit *>(widget)) {
        // The editor inside an editable combo box or a spin box is announced as the box.
        const QWidget *parent = widget->parentWidget();
        if (qobject_cast<const QComboBox *>(parent)
            || qobject_cast<const QAbstractSpinBox *>(parent))
            return false;
    }
    const bool input = qobject_cast<const QLineEdit *>(widget)
            || qobject_cast<const QComboBox *>(widget)
            || qobject_cast<const QAbstractSpinBox *>(widget)
            || qobject_cast<const QPlainTextEdit *>(widget)
            || qobject_cast<const QAbstractItemView *>(widget);
    if (input)
        return widget->accessibleName().trimmed().isEmpty();
    // Any other control the keyboard reaches: what a screen reader would say for it.
    QAccessibleInterface *described
            = QAccessible::queryAccessibleInterface(const_cast<QWidget *>(widget));
    return !described || described->text(QAccessible::Name).trimmed().isEmpty();
}

} // namespace

class TestMainWindowInput final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void templateFilledWithTypedIds();
    void csvFileOpensAndRunsEachRowWithItsMethod();
    void csvColumnsFillTheTemplate();
    void aTemplateStaysWithTheKindItWasTypedFor();
    void aBatchThatCannotRunSaysSoUnderTheList();
    void addressesWithoutSchemeGetHttpsAndSaySo();
    void whatASurprisingBatchDoesIsSaidBeforeItRuns();
    void headersAndBodyAreSentAndShown();
    void errorDetailIsOneClickAway();
    void binaryFileIsRefusedInPlainWords();
    void utf16FileOpensAsText();
    void millionLineFileIsHeldWithoutFreezing();
    void gigabyteBodyIsCappedWithoutFreezing();
    void summaryCountsTheRun();
    void everyInputHasAnAccessibleName();
    void settingsDefaultsFillTheRunControls();
    void savedBatchOpensAgainWithoutItsSecrets();
    void theLastBatchComesBackAfterARestart();
    void newerSavedBatchIsRefused();
    void runsAreKeptInTheHistory();
    void pastRunOpensFromTheHistory();
    void historyAndChecksAreOneKeyAwayAfterARestart();
    void exportTakesItsFormatFromTheName();
    void failedRowsRunAgainAsALinkedRun();
    void noFailedRowsStartsNothing();
    void interruptedRunResumesInTheWindow_data();
    void exportWritesTheRowsShownInTheBackground();
    void aFinishedRunTellsTheWebhook();
    void aChangedCheckTellsTheWebhook();
    void interruptedRunResumesInTheWindow();

private:
    void createWindow();
    // A new window whose Settings tell the test server's /hook, and no desktop notification.
    void reopenWithWebhook();
    template<typename T>
    T *child(const QString &name) const
    {
        auto *found = m_window->findChild<T *>(name);
        if (!found)
            qWarning("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
        return found;
    }
    QTableView *table() const { return child<QTableView>(QStringLiteral("resultsTable")); }
    BatchEditor *editor() const { return child<BatchEditor>(QStringLiteral("batchEditor")); }
    const ResultsModel *model() const;
    const Result &resultOfInputRow(int index) const;
    void chooseInputKind(const QString &text);
    void showBatchTab(int index);
    void typeLines(const QStringList &lines);
    void typeAndRun(const QStringList &lines);
    void typeIntoHeaderCell(int row, int column, const QString &text);
    void selectInputRow(int index);
    bool waitForRows(int count, int timeoutMs = 15000);
    bool waitUntilFinished(int timeoutMs = 15000);
    // A CompareWindow opened, read its runs and names run `runId` in its title; then closed.
    void verifyComparisonShown(qint64 runId);
    void writeFile(const QString &path, const QByteArray &contents);
    // A template on the test server, as typed: QUrl would write the braces as %7B and %7D.
    QString templateFor(const QString &path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_http->url({}).port()).arg(path);
    }

    std::unique_ptr<TestServer> m_http;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QTemporaryDir> m_files;
};

void TestMainWindowInput::init()
{
    // main() turned on QStandardPaths' test mode: this is a file under ~/.qttest, never
    // the user's settings. Each test starts from none.
    QSettings().clear();
    QFile::remove(salvo::defaultSchedulesPath()); // no check of another test's runs here
    m_http = std::make_unique<TestServer>();
    QVERIFY(m_http->start());
    m_files = std::make_unique<QTemporaryDir>();
    QVERIFY(m_files->isValid());
    createWindow();
}

void TestMainWindowInput::cleanup()
{
    m_window.reset();
    m_http.reset();
    m_files.reset();
    QSettings().clear();
    QFile::remove(salvo::defaultSchedulesPath());
}

void TestMainWindowInput::createWindow()
{
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindowInput::reopenWithWebhook()
{
    {
        QSettings settings;
        settings.setValue(QStringLiteral("notify/desktop"), false);
        settings.setValue(QStringLiteral("notify/webhook"),
                          m_http->url(QStringLiteral("/hook")).toString());
    }
    m_window.reset();
    createWindow(); // the settings are read as the window opens
}

const ResultsModel *TestMainWindowInput::model() const
{
    const auto *proxy = qobject_cast<const QSortFilterProxyModel *>(table()->model());
    return qobject_cast<const ResultsModel *>(proxy->sourceModel());
}

const Result &TestMainWindowInput::resultOfInputRow(int index) const
{
    return model()->resultAt(model()->rowOfIndex(index));
}

void TestMainWindowInput::chooseInputKind(const QString &text)
{
    auto *kind = child<QComboBox>(QStringLiteral("inputKindBox"));
    QVERIFY(kind);
    const int index = kind->findText(text);
    QVERIFY2(index >= 0, qPrintable(text));
    kind->setCurrentIndex(index);
}

void TestMainWindowInput::showBatchTab(int index)
{
    auto *tabs = child<QTabWidget>(QStringLiteral("batchTabs"));
    QVERIFY(tabs);
    QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(index).center());
    QCOMPARE(tabs->currentIndex(), index);
}

void TestMainWindowInput::typeLines(const QStringList &lines)
{
    BatchEditor *batch = editor();
    QVERIFY(batch);
    batch->setFocus();
    for (const QString &line : lines) {
        QTest::keyClicks(batch, line);
        QTest::keyClick(batch, Qt::Key_Return);
    }
}

void TestMainWindowInput::typeAndRun(const QStringList &lines)
{
    typeLines(lines);
    QTest::keyClick(editor(), Qt::Key_Return, Qt::ControlModifier);
}

void TestMainWindowInput::typeIntoHeaderCell(int row, int column, const QString &text)
{
    auto *headers = child<QTableWidget>(QStringLiteral("headersEditorTable"));
    QVERIFY(headers);
    QVERIFY(headers->isVisible());
    QVERIFY(typeIntoCell(headers, row, column, text));
}

void TestMainWindowInput::selectInputRow(int index)
{
    const auto *proxy = qobject_cast<const QSortFilterProxyModel *>(table()->model());
    const QModelIndex source = model()->index(model()->rowOfIndex(index), ResultsModel::UrlColumn);
    QVERIFY(source.isValid());
    table()->setFocus();
    table()->setCurrentIndex(proxy->mapFromSource(source));
}

void TestMainWindowInput::verifyComparisonShown(qint64 runId)
{
    salvo::ui::CompareWindow *comparing = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((comparing = m_window->findChild<salvo::ui::CompareWindow *>(
                                      QStringLiteral("compareWindow")))
                                     && comparing->isVisible(),
                             10000);
    QTRY_VERIFY_WITH_TIMEOUT(comparing->summaryText().contains(u"addresses compared"), 10000);
    QVERIFY2(comparing->windowTitle().contains(QStringLiteral("run %1").arg(runId)),
             qPrintable(comparing->windowTitle()));
    comparing->close();
}

bool TestMainWindowInput::waitForRows(int count, int timeoutMs)
{
    const bool arrived = QTest::qWaitFor([&] { return model()->rowCount() >= count; }, timeoutMs);
    if (!arrived) // the status line says why, e.g. a batch that cannot run
        qWarning("%s", qPrintable(child<QLabel>(QStringLiteral("progressText"))->text()));
    return arrived;
}

bool TestMainWindowInput::waitUntilFinished(int timeoutMs)
{
    // The Run button comes back when the run is over.
    auto *run = child<QPushButton>(QStringLiteral("runButton"));
    return QTest::qWaitFor([&] { return run->isEnabled(); }, timeoutMs);
}

void TestMainWindowInput::writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(file.errorString()));
    QCOMPARE(file.write(contents), contents.size());
}

void TestMainWindowInput::templateFilledWithTypedIds()
{
    chooseInputKind(QStringLiteral("Ids for a template"));
    auto *urlTemplate = child<QLineEdit>(QStringLiteral("urlTemplateEdit"));
    QVERIFY(urlTemplate);
    QVERIFY(urlTemplate->isVisible());
    QTest::keyClicks(urlTemplate, templateFor(QStringLiteral("/json/{id}")));

    const QStringList ids{QStringLiteral("7"), QStringLiteral("42"), QStringLiteral("1001")};
    typeAndRun(ids);
    QVERIFY(waitForRows(3));
    QVERIFY(waitUntilFinished());
    QCOMPARE(model()->rowCount(), 3);
    for (int row = 0; row < ids.size(); ++row) {
        const Result &result = resultOfInputRow(row);
        QCOMPARE(result.url, m_http->url(QStringLiteral("/json/") + ids.at(row)).toString());
        QCOMPARE(result.status, 200);
        QCOMPARE(result.error, ErrorKind::None);
        QCOMPARE(QJsonDocument::fromJson(result.body).object().value(u"id").toInt(),
                 ids.at(row).toInt());
    }
}

void TestMainWindowInput::csvFileOpensAndRunsEachRowWithItsMethod()
{
    const QString echo = m_http->url(QStringLiteral("/echo")).toString();
    struct Row
    {
        QString url;
        QString method; // as in the file; empty: the batch's GET
        int status;
        QString echoedMethod; // empty: not an echo
    };
    const QList<Row> rows{
            {echo, QStringLiteral("POST"), 200, QStringLiteral("POST")},
            {echo, QStringLiteral("put"), 200, QStringLiteral("PUT")},
            {echo, QString(), 200, QStringLiteral("GET")},
            {echo, QStringLiteral("DELETE"), 200, QStringLiteral("DELETE")},
            {m_http->url(QStringLiteral("/status/404")).toString(), QStringLiteral("GET"), 404, {}},
    };
    QByteArray csv = "url,method\n";
    for (const Row &row : rows)
        csv += row.url.toUtf8() + ',' + row.method.toUtf8() + '\n';
    const QString path = m_files->filePath(QStringLiteral("requests.csv"));
    writeFile(path, csv);

    auto *kind = child<QComboBox>(QStringLiteral("inputKindBox"));
    QCOMPARE(kind->currentText(), QStringLiteral("Web addresses"));
    m_window->openFile(path, true);
    QVERIFY(waitForRows(int(rows.size())));
    QVERIFY(waitUntilFinished());
    QCOMPARE(kind->currentText(), QStringLiteral("CSV table"));
    QCOMPARE(editor()->toPlainText(), QString::fromUtf8(csv));
    QCOMPARE(model()->rowCount(), rows.size());
    for (int index = 0; index < rows.size(); ++index) {
        const Row &row = rows.at(index);
        const Result &result = resultOfInputRow(index);
        QCOMPARE(result.url, row.url);
        QCOMPARE(result.status, row.status);
        QCOMPARE(result.line, index + 2); // the header is line 1
        if (!row.echoedMethod.isEmpty()) {
            const QJsonObject echoed = QJsonDocument::fromJson(result.body).object();
            QCOMPARE(echoed.value(u"method").toString(), row.echoedMethod);
        }
    }
}

void TestMainWindowInput::csvColumnsFillTheTemplate()
{
    // A template typed first, then a table whose columns fill it.
    chooseInputKind(QStringLiteral("Ids for a template"));
    QTest::keyClicks(child<QLineEdit>(QStringLiteral("urlTemplateEdit")),
                     templateFor(QStringLiteral("/{kind}/{code}")));
    const QString path = m_files->filePath(QStringLiteral("codes.csv"));
    writeFile(path, "kind,code\njson,5\nstatus,404\nstatus,503\njson,8\n");

    m_window->openFile(path, true);
    QVERIFY(waitForRows(4));
    QVERIFY(waitUntilFinished());
    QCOMPARE(child<QComboBox>(QStringLiteral("inputKindBox"))->currentText(),
             QStringLiteral("CSV table"));
    const QList<std::pair<QString, int>> expected{
            {QStringLiteral("/json/5"), 200},
            {QStringLiteral("/status/404"), 404},
            {QStringLiteral("/status/503"), 503},
            {QStringLiteral("/json/8"), 200},
    };
    QCOMPARE(model()->rowCount(), expected.size());
    for (int index = 0; index < expected.size(); ++index) {
        const Result &result = resultOfInputRow(index);
        QCOMPARE(result.url, m_http->url(expected.at(index).first).toString());
        QCOMPARE(result.status, expected.at(index).second);
    }
}

// A template typed for ids reads neither a CSV that has its own url column nor a later list
// of web addresses, and names no run it did not make: not in the History, not in a saved
// batch.
void TestMainWindowInput::aTemplateStaysWithTheKindItWasTypedFor()
{
    const QString path = freshHistoryPath();
    const QString idsTemplate = templateFor(QStringLiteral("/json/{id}"));
    chooseInputKind(QStringLiteral("Ids for a template"));
    QTest::keyClicks(child<QLineEdit>(QStringLiteral("urlTemplateEdit")), idsTemplate);
    typeAndRun({QStringLiteral("3")});
    QVERIFY(waitForRows(1));
    QVERIFY(waitUntilFinished());

    const QString csvPath = m_files->filePath(QStringLiteral("pages.csv"));
    writeFile(csvPath,
              "url,note\n" + m_http->url(QStringLiteral("/json/8")).toString().toUtf8() + ",first\n"
                      + m_http->url(QStringLiteral("/status/404")).toString().toUtf8()
                      + ",second\n");
    m_window->openFile(csvPath, true);
    QTRY_COMPARE(child<QComboBox>(QStringLiteral("inputKindBox"))->currentText(),
                 QStringLiteral("CSV table"));
    QVERIFY(child<QLineEdit>(QStringLiteral("urlTemplateEdit"))->text().isEmpty());
    QVERIFY(waitForRows(2));
    QVERIFY(waitUntilFinished());
    QCOMPARE(resultOfInputRow(0).url, m_http->url(QStringLiteral("/json/8")).toString());
    QCOMPARE(resultOfInputRow(1).status, 404);

    chooseInputKind(QStringLiteral("Web addresses"));
    editor()->clear();
    const QString address = m_http->url(QStringLiteral("/json/9")).toString();
    typeAndRun({address});
    QVERIFY(waitForRows(1));
    QVERIFY(waitUntilFinished());
    QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                salvo::RunHistory history(path);
                if (!history.open())
                    return false;
                const auto runs = history.runs();
                return runs && runs->size() == 3
                        && runs->constFirst().state == salvo::RunState::Finished;
            }(),
            10000);
    salvo::RunHistory history(path);
    QVERIFY(history.open());
    const QList<salvo::RunSummary> runs = *history.runs(); // newest first
    QCOMPARE(runs.at(2).batchName, idsTemplate);
    QCOMPARE(runs.at(1).batchName, m_http->url(QStringLiteral("/json/8")).toString());
    QCOMPARE(runs.at(0).batchName, address);

    const QString saved = m_files->filePath(QStringLiteral("addresses.salvo"));
    QSignalSpy written(m_window.get(), &MainWindow::batchSaved);
    m_window->saveBatchTo(saved);
    QVERIFY(written.wait(10000));
    QFile file(saved);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("{id}"));

    // Back to ids: the template typed for them is still theirs.
    chooseInputKind(QStringLiteral("Ids for a template"));
    QCOMPARE(child<QLineEdit>(QStringLiteral("urlTemplateEdit"))->text(), idsTemplate);
}

void TestMainWindowInput::aBatchThatCannotRunSaysSoUnderTheList()
{
    chooseInputKind(QStringLiteral("CSV table"));
    typeAndRun({QStringLiteral("name,size"), QStringLiteral("mug,2")});
    auto *problem = child<QLabel>(QStringLiteral("batchRunProblem"));
    QVERIFY(problem);
    QTRY_VERIFY(problem->isVisible());
    QVERIFY2(problem->text().contains(u"no \"url\" column"), qPrintable(problem->text()));
    QCOMPARE(model()->rowCount(), 0);
    // It speaks of the batch as it was: the next edit takes it away.
    QTest::keyClicks(editor(), QStringLiteral("x"));
    QVERIFY(!problem->isVisible());
}

void TestMainWindowInput::addressesWithoutSchemeGetHttpsAndSaySo()
{
    // As typed into a browser; the line's mark says what was added. The server is plain
    // http, so the row fails as https on it would: what counts is the address requested.
    const QString typed = QStringLiteral("127.0.0.1:%1/json/1").arg(m_http->url({}).port());
    typeLines({typed});
    QTRY_VERIFY(editor()->lineNote(1).contains(u"https://"));
    QVERIFY(!editor()->isLineMarkedInvalid(1));
    QTest::keyClick(editor(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(waitForRows(1));
    QVERIFY(waitUntilFinished());
    QCOMPARE(resultOfInputRow(0).url, QStringLiteral("https://") + typed);
}

void TestMainWindowInput::whatASurprisingBatchDoesIsSaidBeforeItRuns()
{
    auto *advice = child<QLabel>(QStringLiteral("batchAdvice"));
    QVERIFY(advice);
    // Addresses pasted, then the kind switched: they would be put into the template as ids.
    typeLines({m_http->url(QStringLiteral("/json/1")).toString()});
    chooseInputKind(QStringLiteral("Ids for a template"));
    QTest::keyClicks(child<QLineEdit>(QStringLiteral("urlTemplateEdit")),
                     templateFor(QStringLiteral("/json/{id}")));
    QTRY_VERIFY(advice->isVisible());
    QVERIFY2(advice->text().contains(u"look like web addresses"), qPrintable(advice->text()));
    chooseInputKind(QStringLiteral("Web addresses"));
    QTRY_VERIFY(!advice->isVisible());

    // A body typed while the method is GET, and one that is not JSON.
    showBatchTab(2);
    QTest::keyClicks(child<QPlainTextEdit>(QStringLiteral("batchBody")), QStringLiteral("{\"a\":"));
    QTRY_VERIFY(advice->text().contains(u"the method is GET"));
    QVERIFY2(advice->text().contains(u"not valid JSON"), qPrintable(advice->text()));
    child<QComboBox>(QStringLiteral("methodBox"))->setCurrentText(QStringLiteral("POST"));
    QTRY_VERIFY(!advice->text().contains(u"the method is GET"));
    QVERIFY(advice->isVisible());
}

void TestMainWindowInput::headersAndBodyAreSentAndShown()
{
    const QString body = QStringLiteral(R"({"name": "salvo", "count": 3})");

    showBatchTab(1);
    typeIntoHeaderCell(0, 0, QStringLiteral("X-Salvo-Test"));
    typeIntoHeaderCell(0, 1, QStringLiteral("hello-42"));
    auto *tabs = child<QTabWidget>(QStringLiteral("batchTabs"));
    QCOMPARE(tabs->tabText(1), QStringLiteral("&Headers (1)"));

    auto *method = child<QComboBox>(QStringLiteral("methodBox"));
    QVERIFY(method);
    method->setCurrentIndex(method->findText(QStringLiteral("POST")));
    QCOMPARE(method->currentText(), QStringLiteral("POST"));

    showBatchTab(2);
    auto *bodyEdit = child<QPlainTextEdit>(QStringLiteral("batchBody"));
    QVERIFY(bodyEdit);
    QVERIFY(bodyEdit->isVisible());
    bodyEdit->setFocus();
    QTest::keyClicks(bodyEdit, body);
    QCOMPARE(bodyEdit->toPlainText(), body);

    showBatchTab(0);
    const QString echo = m_http->url(QStringLiteral("/echo")).toString();
    typeAndRun({echo});
    QVERIFY(waitForRows(1));
    QVERIFY(waitUntilFinished());
    QCOMPARE(resultOfInputRow(0).status, 200);

    // What the server received, as the Body tab shows it.
    selectInputRow(0);
    auto *pretty = child<QPlainTextEdit>(QStringLiteral("bodyPretty"));
    auto *jsonTabs = child<QTabWidget>(QStringLiteral("jsonTabs"));
    QVERIFY(pretty && jsonTabs);
    QTRY_VERIFY(!pretty->toPlainText().isEmpty());
    QTest::mouseClick(jsonTabs->tabBar(), Qt::LeftButton, {},
                      jsonTabs->tabBar()->tabRect(jsonTabs->indexOf(pretty)).center());
    QVERIFY(pretty->isVisible());
    const QJsonObject echoed = QJsonDocument::fromJson(pretty->toPlainText().toUtf8()).object();
    QCOMPARE(echoed.value(u"method").toString(), QStringLiteral("POST"));
    QCOMPARE(echoed.value(u"body").toString(), body);
    const QJsonObject received = echoed.value(u"headers").toObject();
    QCOMPARE(received.value(u"x-salvo-test").toString(), QStringLiteral("hello-42"));
    // No Content-Type was typed: a JSON body gets application/json.
    QCOMPARE(received.value(u"content-type").toString(), QStringLiteral("application/json"));

    // And what the Request tab says was sent.
    auto *inspectorTabs = child<QTabWidget>(QStringLiteral("inspectorTabs"));
    auto *request = child<QPlainTextEdit>(QStringLiteral("requestText"));
    QVERIFY(inspectorTabs);
    QVERIFY(request);
    inspectorTabs->setCurrentWidget(request);
    QVERIFY(request->isVisible());
    const QString sent = request->toPlainText();
    QVERIFY2(sent.startsWith(QStringLiteral("POST ") + echo), qPrintable(sent));
    QVERIFY2(sent.contains(u"X-Salvo-Test: hello-42"), qPrintable(sent));
    QVERIFY2(sent.contains(u"Content-Type: application/json"), qPrintable(sent));
    QVERIFY2(sent.contains(body), qPrintable(sent));
}

void TestMainWindowInput::errorDetailIsOneClickAway()
{
    // A port that nothing listens on: taken, then given back.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();

    typeAndRun({QStringLiteral("http://127.0.0.1:%1/nobody-home").arg(port)});
    QVERIFY(waitForRows(1));
    QCOMPARE(resultOfInputRow(0).error, ErrorKind::ConnectionRefused);

    auto *banner = child<QWidget>(QStringLiteral("errorBanner"));
    auto *sentence = child<QLabel>(QStringLiteral("errorSentence"));
    auto *detailsButton = child<QToolButton>(QStringLiteral("errorDetailsButton"));
    auto *details = child<QLabel>(QStringLiteral("errorDetails"));
    QVERIFY(banner && sentence && detailsButton && details);
    QVERIFY(!banner->isVisible());

    selectInputRow(0);
    QTRY_VERIFY(banner->isVisible());
    QVERIFY(!sentence->text().isEmpty());
    QCOMPARE(sentence->text(), resultOfInputRow(0).message);
    QVERIFY(!details->isVisible()); // the technical words wait for the click

    QTest::mouseClick(detailsButton, Qt::LeftButton);
    QVERIFY(details->isVisible());
    QVERIFY2(details->text().contains(u"connection_refused"), qPrintable(details->text()));
    QVERIFY2(details->text().contains(u"QNetworkReply::ConnectionRefusedError"),
             qPrintable(details->text()));
}

void TestMainWindowInput::binaryFileIsRefusedInPlainWords()
{
    const QString typed = m_http->url(QStringLiteral("/json/1")).toString();
    typeLines({typed});
    const QString before = editor()->toPlainText();
    auto *kind = child<QComboBox>(QStringLiteral("inputKindBox"));
    const QString kindBefore = kind->currentText();

    QImage image(32, 32, QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    const QString path = m_files->filePath(QStringLiteral("picture.png"));
    QVERIFY(image.save(path, "PNG"));
    QFile written(path);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QVERIFY(written.readAll().contains('\0')); // what makes it binary

    auto *progress = child<QLabel>(QStringLiteral("progressText"));
    QVERIFY(progress);
    m_window->openFile(path, true);
    QTRY_VERIFY(progress->text().contains(u"is not a text file"));
    QVERIFY(progress->text().contains(u".txt"));
    QCOMPARE(editor()->toPlainText(), before);
    QCOMPARE(kind->currentText(), kindBefore);
    QVERIFY(!editor()->isHoldingLargeInput());
    QCOMPARE(model()->rowCount(), 0); // "and run" was not carried over to anything
}

void TestMainWindowInput::utf16FileOpensAsText()
{
    // Windows' Notepad saves "Unicode" as UTF-16 with a byte order mark: full of NUL bytes,
    // and still a list.
    const QString text = m_http->url(QStringLiteral("/json/1")).toString() + u'\n'
            + m_http->url(QStringLiteral("/json/2")).toString() + u'\n';
    QByteArray utf16("\xFF\xFE", 2);
    for (const QChar c : text) {
        utf16.append(char(c.unicode() & 0xff));
        utf16.append(char(c.unicode() >> 8));
    }
    const QString path = m_files->filePath(QStringLiteral("notepad.txt"));
    writeFile(path, utf16);
    m_window->openFile(path, true);
    QVERIFY(waitForRows(2));
    QCOMPARE(resultOfInputRow(0).status, 200);
    QCOMPARE(resultOfInputRow(1).status, 200);
}

void TestMainWindowInput::millionLineFileIsHeldWithoutFreezing()
{
    constexpr int lineCount = 1'000'000;
    QByteArray contents;
    const QByteArray prefix = m_http->url(QStringLiteral("/json/")).toEncoded();
    contents.reserve(lineCount * (prefix.size() + 8));
    for (int i = 0; i < lineCount; ++i)
        contents += prefix + QByteArray::number(i) + '\n';
    const QString path = m_files->filePath(QStringLiteral("million.txt"));
    writeFile(path, contents);

    const Heartbeat heartbeat;
    m_window->openFile(path); // opened, not run: a million requests are not this test's
    QTRY_VERIFY_WITH_TIMEOUT(editor()->isHoldingLargeInput(), 15000);
    const qint64 longestGap = heartbeat.longestGapMs();
    QVERIFY2(longestGap < hangGuardMs,
             qPrintable(QStringLiteral("the window froze for %1 ms").arg(longestGap)));

    auto *panel = editor()->findChild<QWidget *>(QStringLiteral("largeInputPanel"));
    QVERIFY(panel);
    QVERIFY(panel->isVisible());
    auto *note = editor()->findChild<QLabel *>(QStringLiteral("largeInputNote"));
    QVERIFY(note);
    QVERIFY2(note->text().contains(QLocale().toString(lineCount)), qPrintable(note->text()));
    QVERIFY(editor()->isReadOnly());
    QCOMPARE(editor()->batchBytes().size(), contents.size());
    QCOMPARE(model()->rowCount(), 0);
}

void TestMainWindowInput::gigabyteBodyIsCappedWithoutFreezing()
{
    constexpr qint64 declared = qint64(1) << 30;
    constexpr int deadlineSeconds = 8;
    const qint64 cap = RunOptions().maxBodyBytes;
    // FaultServer's /stream writes the body as it is read, so neither side holds a gigabyte;
    // on a thread of its own, so the window reads as fast as it can. Fetcher keeps the first
    // maxBodyBytes and reads on, counting the rest; the deadline ends the row if the gigabyte
    // does not arrive in time.
    auto *timeout = child<QSpinBox>(QStringLiteral("timeoutBox"));
    QVERIFY(timeout);
    timeout->setValue(deadlineSeconds);

    FaultServerThread server;
    QVERIFY(server.start());

    const Heartbeat heartbeat;
    typeAndRun({server.url(QStringLiteral("/stream/%1").arg(declared)).toString()});
    QVERIFY(waitForRows(1, (deadlineSeconds + 10) * 1000));
    QVERIFY(waitUntilFinished());
    const Result &result = resultOfInputRow(0);
    QCOMPARE(result.status, 200);
    QVERIFY(result.truncated);
    QCOMPARE(result.body.size(), cap);
    QVERIFY2(result.bytes > cap, qPrintable(QString::number(result.bytes)));
    if (result.error == ErrorKind::None) {
        QCOMPARE(result.bytes, declared); // read to the end, all of it counted
    } else {
        QCOMPARE(result.error, ErrorKind::Timeout);
        QCOMPARE(result.timeout, TimeoutKind::Deadline);
        QVERIFY(result.bytes < declared);
    }

    // The Body tab says what was kept and what was only counted.
    selectInputRow(0);
    auto *note = child<QLabel>(QStringLiteral("bodyNote"));
    QVERIFY(note);
    QTRY_VERIFY_WITH_TIMEOUT(note->isVisible(), 10000);
    QVERIFY2(note->text().contains(QLocale().toString(cap)), qPrintable(note->text()));
    QVERIFY2(note->text().contains(QLocale().toString(result.bytes)), qPrintable(note->text()));

    const qint64 longestGap = heartbeat.longestGapMs();
    QVERIFY2(longestGap < hangGuardMs,
             qPrintable(QStringLiteral("the window froze for %1 ms").arg(longestGap)));
}

void TestMainWindowInput::summaryCountsTheRun()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 refusedPort = closed.serverPort();
    closed.close();

    typeAndRun({m_http->url(QStringLiteral("/json/1")).toString(),
                m_http->url(QStringLiteral("/json/2")).toString(),
                m_http->url(QStringLiteral("/json/3")).toString(),
                m_http->url(QStringLiteral("/status/404")).toString(),
                m_http->url(QStringLiteral("/status/500")).toString(),
                QStringLiteral("http://127.0.0.1:%1/").arg(refusedPort)});
    QVERIFY(waitForRows(6));
    QVERIFY(waitUntilFinished());

    QTest::keyClick(m_window.get(), Qt::Key_2, Qt::AltModifier); // View > Summary
    auto *detailTabs = child<QTabWidget>(QStringLiteral("detailTabs"));
    QVERIFY(detailTabs);
    QCOMPARE(detailTabs->tabText(detailTabs->currentIndex()), QStringLiteral("Summary"));

    const auto count = [this](const char *name) {
        const QLabel *label = child<QLabel>(QStringLiteral("summaryCount-") + QLatin1String(name));
        return label ? label->text() : QStringLiteral("(missing)");
    };
    QTRY_COMPARE(count("2xx"), QStringLiteral("3"));
    QCOMPARE(count("4xx"), QStringLiteral("1"));
    QCOMPARE(count("5xx"), QStringLiteral("1"));
    QCOMPARE(count("3xx"), QStringLiteral("0"));
    QCOMPARE(count("connection_refused"), QStringLiteral("1"));
    QVERIFY(child<QLabel>(QStringLiteral("summaryCount-connection_refused"))->isVisible());
    QVERIFY(!child<QLabel>(QStringLiteral("summaryCount-timeout"))->isVisible());
    QCOMPARE(child<QLabel>(QStringLiteral("summaryRows"))->text(), QStringLiteral("Rows: 6"));

    auto *p50 = child<QLabel>(QStringLiteral("summaryP50"));
    QVERIFY(p50);
    QVERIFY(p50->isVisible());
    QVERIFY2(p50->text().contains(QRegularExpression(QStringLiteral("^\\d[\\d,.]* ms$"))),
             qPrintable(p50->text()));
}

void TestMainWindowInput::everyInputHasAnAccessibleName()
{
    QStringList offenders;
    const auto walk = [&] {
        for (const QWidget *widget : m_window->findChildren<QWidget *>()) {
            const QString described = describeWidget(widget);
            if (isUnnamedInput(widget) && !offenders.contains(described))
                offenders.append(described);
        }
    };

    walk(); // the empty window
    chooseInputKind(QStringLiteral("Ids for a template")); // shows the template box
    walk();
    chooseInputKind(QStringLiteral("Web addresses"));
    for (int tab = 0; tab < 3; ++tab) {
        showBatchTab(tab);
        walk();
    }
    showBatchTab(0);

    // A list too large to edit: the editor says so, with a button to clear it.
    QString large;
    for (int line = 0; line < int(BatchEditor::defaultHoldLines) + 10; ++line)
        large += QStringLiteral("http://127.0.0.1/%1\n").arg(line);
    m_window->setBatchText(large);
    QVERIFY(editor()->isHoldingLargeInput());
    walk();
    QTest::mouseClick(child<QPushButton>(QStringLiteral("clearLargeInputButton")), Qt::LeftButton);
    QVERIFY(!editor()->isHoldingLargeInput());

    // With results: the filters, the table, the inspector with each of its tabs and body
    // views, the error banner with its detail, and the summary.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 refusedPort = closed.serverPort();
    closed.close();
    typeAndRun({m_http->url(QStringLiteral("/json/1")).toString(),
                QStringLiteral("http://127.0.0.1:%1/").arg(refusedPort)});
    QVERIFY(waitForRows(2));
    QVERIFY(waitUntilFinished());
    auto *inspectorTabs = child<QTabWidget>(QStringLiteral("inspectorTabs"));
    auto *jsonTabs = child<QTabWidget>(QStringLiteral("jsonTabs"));
    auto *detailTabs = child<QTabWidget>(QStringLiteral("detailTabs"));
    auto *detailsButton = child<QToolButton>(QStringLiteral("errorDetailsButton"));
    QVERIFY(inspectorTabs && jsonTabs && detailTabs && detailsButton);
    const auto walkInspector = [&] {
        for (int tab = 0; tab < inspectorTabs->count(); ++tab) {
            inspectorTabs->setCurrentIndex(tab);
            walk();
        }
        inspectorTabs->setCurrentIndex(0);
    };
    selectInputRow(0); // a JSON answer
    QTRY_VERIFY(jsonTabs->isVisible());
    for (int tab = 0; tab < jsonTabs->count(); ++tab) {
        jsonTabs->setCurrentIndex(tab);
        walkInspector();
    }
    selectInputRow(1); // no answer
    QTRY_VERIFY(detailsButton->isVisible());
    QTest::mouseClick(detailsButton, Qt::LeftButton);
    QVERIFY(detailsButton->isChecked());
    walkInspector();
    // Every tab below the results: Summary, History, Jobs and Checks (Alt+2 to Alt+5).
    for (const Qt::Key key : {Qt::Key_2, Qt::Key_3, Qt::Key_4, Qt::Key_5}) {
        QTest::keyClick(m_window.get(), key, Qt::AltModifier);
        walk();
    }
    QCOMPARE(detailTabs->currentWidget()->objectName(), QStringLiteral("schedulesPanel"));

    QVERIFY2(offenders.isEmpty(),
             qPrintable(QStringLiteral("without an accessible name: ") + offenders.join(u", ")));
}

void TestMainWindowInput::settingsDefaultsFillTheRunControls()
{
    // Not the user's settings: QStandardPaths' test mode puts them under ~/.qttest.
    QVERIFY2(QSettings().fileName().contains(u"/.qttest/"), qPrintable(QSettings().fileName()));

    m_window.reset();
    RunOptions defaults;
    defaults.concurrency = 12;
    defaults.perHostConcurrency = 3;
    defaults.deadline = salvo::Milliseconds(7000);
    defaults.retries = 2;
    defaults.maxBodyBytes = 100; // not in the run bar: it shows in the run itself
    {
        QSettings settings;
        saveRunDefaults(settings, defaults);
    }
    createWindow();

    QCOMPARE(child<QSpinBox>(QStringLiteral("concurrencyBox"))->value(), 12);
    QCOMPARE(child<QSpinBox>(QStringLiteral("perHostBox"))->value(), 3);
    QCOMPARE(child<QSpinBox>(QStringLiteral("timeoutBox"))->value(), 7);
    QCOMPARE(child<QSpinBox>(QStringLiteral("retriesBox"))->value(), 2);

    typeAndRun({m_http->url(QStringLiteral("/bytes/1000")).toString()});
    QVERIFY(waitForRows(1));
    QVERIFY(waitUntilFinished());
    const Result &result = resultOfInputRow(0);
    QCOMPARE(result.status, 200);
    QCOMPARE(result.bytes, 1000);
    QCOMPARE(result.body.size(), 100);
    QVERIFY(result.truncated);
}

void TestMainWindowInput::savedBatchOpensAgainWithoutItsSecrets()
{
    chooseInputKind(QStringLiteral("Ids for a template"));
    auto *urlTemplate = child<QLineEdit>(QStringLiteral("urlTemplateEdit"));
    QTest::keyClicks(urlTemplate, templateFor(QStringLiteral("/json/{id}")));
    typeLines({QStringLiteral("4"), QStringLiteral("5")});
    showBatchTab(1);
    typeIntoHeaderCell(0, 0, QStringLiteral("Authorization"));
    typeIntoHeaderCell(0, 1, QStringLiteral("Bearer very-secret-token"));
    typeIntoHeaderCell(1, 0, QStringLiteral("X-Trace"));
    typeIntoHeaderCell(1, 1, QStringLiteral("7"));
    auto *method = child<QComboBox>(QStringLiteral("methodBox"));
    method->setCurrentText(QStringLiteral("PUT"));
    child<QSpinBox>(QStringLiteral("retriesBox"))->setValue(3);

    const QString path = m_files->filePath(QStringLiteral("products.salvo"));
    QSignalSpy saved(m_window.get(), &MainWindow::batchSaved);
    m_window->saveBatchTo(path);
    QVERIFY(saved.wait(10000));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray document = file.readAll();
    QVERIFY(!document.contains("very-secret-token"));
    QVERIFY(document.contains("Authorization")); // named, so the opener knows to ask

    // A fresh window, as after a restart: File > Open brings the batch back.
    createWindow();
    m_window->openFile(path);
    auto *kind = child<QComboBox>(QStringLiteral("inputKindBox"));
    QTRY_COMPARE(kind->currentText(), QStringLiteral("Ids for a template"));
    QCOMPARE(child<QLineEdit>(QStringLiteral("urlTemplateEdit"))->text(),
             templateFor(QStringLiteral("/json/{id}")));
    QCOMPARE(editor()->toPlainText(), QStringLiteral("4\n5\n"));
    QCOMPARE(child<QComboBox>(QStringLiteral("methodBox"))->currentText(), QStringLiteral("PUT"));
    QCOMPARE(child<QSpinBox>(QStringLiteral("retriesBox"))->value(), 3);
    auto *headers = child<QTableWidget>(QStringLiteral("headersEditorTable"));
    QCOMPARE(headers->item(0, 0)->text(), QStringLiteral("X-Trace"));
    QCOMPARE(headers->item(1, 0)->text(), QStringLiteral("Authorization"));
    auto *progress = child<QLabel>(QStringLiteral("progressText"));
    const auto secretValue
            = [&] { return headers->item(1, 1) ? headers->item(1, 1)->text() : QString(); };
    // The value comes back from the system keychain where one runs; in a bare session (CI)
    // the window asks for it.
    QTRY_VERIFY(!progress->text().isEmpty() || !secretValue().isEmpty());
    if (secretValue().isEmpty()) {
        QVERIFY2(progress->text().contains(u"Authorization"), qPrintable(progress->text()));
        QVERIFY2(progress->text().contains(u"kept only until Salvo closes"),
                 qPrintable(progress->text()));
    } else {
        QCOMPARE(secretValue(), QStringLiteral("Bearer very-secret-token"));
    }
    QCOMPARE(salvo::recentBatchFiles().value(0), QFileInfo(path).absoluteFilePath());

    // Within one session the window remembers the value even without a keychain.
    showBatchTab(1);
    typeIntoHeaderCell(1, 1, QStringLiteral("Bearer second-token"));
    QSignalSpy savedAgain(m_window.get(), &MainWindow::batchSaved);
    m_window->saveBatchTo(path);
    QVERIFY(savedAgain.wait(10000));
    m_window->setBatchText(QStringLiteral("https://other.example/\n"));
    m_window->openFile(path);
    QTRY_COMPARE(secretValue(), QStringLiteral("Bearer second-token"));
}

// As an editor keeps unsaved text: the list, template, method, headers and body typed are
// there again when Salvo starts; the secret value comes back from the keychain.
void TestMainWindowInput::theLastBatchComesBackAfterARestart()
{
    chooseInputKind(QStringLiteral("Ids for a template"));
    const QString idsTemplate = templateFor(QStringLiteral("/json/{id}"));
    QTest::keyClicks(child<QLineEdit>(QStringLiteral("urlTemplateEdit")), idsTemplate);
    typeLines({QStringLiteral("11"), QStringLiteral("12")});
    showBatchTab(1);
    typeIntoHeaderCell(0, 0, QStringLiteral("X-Trace"));
    typeIntoHeaderCell(0, 1, QStringLiteral("restart-1"));
    typeIntoHeaderCell(1, 0, QStringLiteral("Authorization"));
    typeIntoHeaderCell(1, 1, QStringLiteral("Bearer kept-in-the-keychain"));
    child<QComboBox>(QStringLiteral("methodBox"))->setCurrentText(QStringLiteral("PUT"));
    showBatchTab(2);
    QTest::keyClicks(child<QPlainTextEdit>(QStringLiteral("batchBody")), QStringLiteral("{}"));
    QVERIFY(m_window->close());
    {
        QFile kept(salvo::ui::LastBatch::path());
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QVERIFY(!kept.readAll().contains("kept-in-the-keychain")); // only in the keychain
    }

    createWindow();
    QVERIFY(editor()->toPlainText().isEmpty());
    QSignalSpy restored(m_window->findChild<salvo::ui::LastBatch *>(),
                        &salvo::ui::LastBatch::restored);
    m_window->restoreLastBatch();
    QVERIFY(restored.wait(10000));
    QCOMPARE(child<QComboBox>(QStringLiteral("inputKindBox"))->currentText(),
             QStringLiteral("Ids for a template"));
    QCOMPARE(child<QLineEdit>(QStringLiteral("urlTemplateEdit"))->text(), idsTemplate);
    QCOMPARE(editor()->toPlainText(), QStringLiteral("11\n12\n"));
    QCOMPARE(child<QComboBox>(QStringLiteral("methodBox"))->currentText(), QStringLiteral("PUT"));
    QCOMPARE(child<QPlainTextEdit>(QStringLiteral("batchBody"))->toPlainText(),
             QStringLiteral("{}"));
    const salvo::BatchInput input = m_window->findChild<salvo::ui::BatchPane *>()->batchInput();
    QVERIFY(input.headers.contains({"X-Trace", "restart-1"}));
    // The value comes back from the system keychain where one runs; in a bare session (CI)
    // the header is there to be filled in, and the status line says why.
    if (!input.headers.contains({"Authorization", "Bearer kept-in-the-keychain"})) {
        QVERIFY(input.headers.contains({"Authorization", ""}));
        const QString told = child<QLabel>(QStringLiteral("progressText"))->text();
        QVERIFY2(told.contains(u"keychain"), qPrintable(told));
    }

    // A window whose settings were cleared (a new user) starts empty: nothing is read.
    QSettings().clear();
    createWindow();
    m_window->restoreLastBatch();
    QVERIFY(!m_window->findChild<salvo::ui::LastBatch *>()->isRestoring());
    QVERIFY(editor()->toPlainText().isEmpty());
}

void TestMainWindowInput::newerSavedBatchIsRefused()
{
    typeLines({QStringLiteral("https://kept.example/")});
    const QString path = m_files->filePath(QStringLiteral("future.salvo"));
    writeFile(path, R"({"format": "salvo-batch", "version": 42})");
    m_window->openFile(path);
    auto *progress = child<QLabel>(QStringLiteral("progressText"));
    QTRY_VERIFY(progress->text().contains(u"newer Salvo"));
    QCOMPARE(editor()->toPlainText(), QStringLiteral("https://kept.example/\n"));
}

void TestMainWindowInput::runsAreKeptInTheHistory()
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
void TestMainWindowInput::historyAndChecksAreOneKeyAwayAfterARestart()
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

// "report.html" typed with the dialog's type left at CSV: Salvo asks which format was meant,
// and the file written is the one chosen, an HTML report here.
void TestMainWindowInput::exportTakesItsFormatFromTheName()
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

void TestMainWindowInput::pastRunOpensFromTheHistory()
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
    const auto *proxy = qobject_cast<const QSortFilterProxyModel *>(table()->model());
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

void TestMainWindowInput::failedRowsRunAgainAsALinkedRun()
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

void TestMainWindowInput::noFailedRowsStartsNothing()
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

void TestMainWindowInput::interruptedRunResumesInTheWindow_data()
{
    QTest::addColumn<bool>("typeTheSecret");
    QTest::newRow("secret typed in the Headers tab") << true;
    QTest::newRow("sent without the secret, when told to") << false;
}

// A run of four rows stopped after two, its process gone: Resume in the History tab runs the
// other two, shows them beside the two it had, and adds them to the same run.
void TestMainWindowInput::interruptedRunResumesInTheWindow()
{
    QFETCH(bool, typeTheSecret);
    const QString path = freshHistoryPath();
    salvo::BatchSpec batch;
    for (int row = 0; row < 4; ++row) {
        salvo::RequestSpec spec;
        spec.line = row + 1;
        spec.text = m_http->url(QStringLiteral("/echo?row=%1").arg(row)).toString();
        spec.url = QUrl(spec.text);
        batch.rows.append(spec);
    }
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
        const QJsonObject echoed = QJsonDocument::fromJson(resultOfInputRow(row).body).object();
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

// File > Export writes the run shown, as the history holds it, from a job in the background:
// every row, the rows a filter shows, or the selected ones; the Jobs tab tells how it went.
void TestMainWindowInput::exportWritesTheRowsShownInTheBackground()
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
    const auto *proxy = qobject_cast<const QSortFilterProxyModel *>(table()->model());
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
void TestMainWindowInput::aFinishedRunTellsTheWebhook()
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

void TestMainWindowInput::aChangedCheckTellsTheWebhook()
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
    TestMainWindowInput test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainwindowinput.moc"
