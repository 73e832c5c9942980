// The real window, offscreen, fed the way people feed it: a template with ids, a CSV file,
// headers and a body, a batch that cannot run or would surprise; and what they then look at:
// the error's detail, the summary, the names a screen reader reads, the defaults from
// Settings. Only loopback servers; every wait has a deadline.

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTcpServer>
#include <QTest>
#include <QToolButton>

#include "MainWindow.h"
#include "NetworkIsolation.h"
#include "WindowTestFixture.h"
#include "desktop/RunDefaults.h"
#include "editor/BatchEditor.h"
#include "store/RunHistory.h"

using salvo::ErrorKind;
using salvo::Result;
using salvo::RunOptions;
using salvo::saveRunDefaults;
using salvo::ui::BatchEditor;
using salvo::ui::MainWindow;

class TestMainWindowInput final : public QObject, private WindowTestFixture
{
    Q_OBJECT

private slots:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void templateFilledWithTypedIds();
    void csvFileOpensAndRunsEachRowWithItsMethod();
    void csvColumnsFillTheTemplate();
    void aTemplateStaysWithTheKindItWasTypedFor();
    void aBatchThatCannotRunSaysSoUnderTheList();
    void addressesWithoutSchemeGetHttpsAndSaySo();
    void whatASurprisingBatchDoesIsSaidBeforeItRuns();
    void headersAndBodyAreSentAndShown();
    void errorDetailIsOneClickAway();
    void summaryCountsTheRun();
    void everyInputHasAnAccessibleName();
    void settingsDefaultsFillTheRunControls();
};

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
        const std::optional<Result> answer = answerOfInputRow(row);
        QVERIFY(answer);
        const Result &result = *answer;
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
        const std::optional<Result> answer = answerOfInputRow(index);
        QVERIFY(answer);
        const Result &result = *answer;
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
    // The network layer's own words are kept with the answer, in the history.
    QTRY_VERIFY2(details->text().contains(u"curl error 7"),
                 qPrintable(details->text()));
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
    const std::optional<Result> answer = answerOfInputRow(0);
    QVERIFY(answer);
    const Result &result = *answer;
    QCOMPARE(result.status, 200);
    QCOMPARE(result.bytes, 1000);
    QCOMPARE(result.body.size(), 100);
    QVERIFY(result.truncated);
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
