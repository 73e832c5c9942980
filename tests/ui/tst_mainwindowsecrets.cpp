// The window keeps a secret header's value out of every file it writes: a run with
// `Authorization: Bearer <unique token>` and secret query values, kept in the history, saved as
// a batch and exported in every format, with the debug log on. Every file under the test's own
// home (settings, the history with its journal, the saved batch, the exports) and every log
// message is searched for the token; the exports and the log for the query value too.

#include <QApplication>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QComboBox>
#include <QLineEdit>
#include <QTest>
#include <QUuid>

#include <memory>

#include "CellTyping.h"
#include "MainWindow.h"
#include "NetworkIsolation.h"
#include "TestFiles.h"
#include "TestServer.h"
#include "jobs/ExportWriter.h"
#include "network/NetworkAccess.h"
#include "jobs/JobManager.h"
#include "results/ResultsModel.h"

using namespace Qt::StringLiterals;
using salvo::ui::MainWindow;

namespace {

// The folder the window takes for its home, data, settings, cache and temporary files.
QTemporaryDir *home = nullptr;

// Every message the window logs, as a log file would keep them.
QByteArray logged;

void keepMessage(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    logged += QByteArray(context.category ? context.category : "") + ": " + message.toUtf8() + '\n';
}

} // namespace

class TestMainWindowSecrets final : public QObject
{
    Q_OBJECT

private slots:
    void secretsReachNoFileSalvoWrote();

private:
    template<typename T>
    T *child(MainWindow *window, const QString &name)
    {
        return window->findChild<T *>(name);
    }
};

void TestMainWindowSecrets::secretsReachNoFileSalvoWrote()
{
    const QString token = u"tok-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString queryValue = u"qv-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString apiKey = u"key-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    TestServer http;
    QVERIFY(http.start());
    // Qt Test keeps its own handler for the test's messages: this one, for the test's length.
    const QtMessageHandler testsHandler = qInstallMessageHandler(keepMessage);
    const auto restore = qScopeGuard([testsHandler] { qInstallMessageHandler(testsHandler); });

    auto window = std::make_unique<MainWindow>();
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    const QString secretQuery = u"?id=1&api_key="_s + queryValue;
    window->setBatchText(http.url(u"/json/1"_s).toString() + secretQuery + u'\n'
                         + http.url(u"/status/404"_s).toString() + secretQuery + u'\n');

    auto *tabs = child<QTabWidget>(window.get(), u"batchTabs"_s);
    QVERIFY(tabs);
    QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(1).center());
    auto *headers = child<QTableWidget>(window.get(), u"headersEditorTable"_s);
    QVERIFY(headers);
    QVERIFY(typeIntoCell(headers, 0, 0, u"Authorization"_s));
    QVERIFY(typeIntoCell(headers, 0, 1, u"Bearer "_s + token));
    // The Sign-in tab's API key, a secret of another kind, goes the same way.
    QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(4).center());
    auto *kind = child<QComboBox>(window.get(), u"signInKindBox"_s);
    QVERIFY(kind);
    kind->setCurrentIndex(kind->findData(int(salvo::SignInKind::ApiKey)));
    QTest::keyClicks(child<QLineEdit>(window.get(), u"apiKeyNameBox"_s), u"X-Api-Key"_s);
    QTest::keyClicks(child<QLineEdit>(window.get(), u"apiKeyValueBox"_s), apiKey);

    auto *run = child<QPushButton>(window.get(), u"runButton"_s);
    QVERIFY(run);
    run->click();
    auto *table = child<QAbstractItemView>(window.get(), u"resultsTable"_s);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 2, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(run->isEnabled(), 15000);

    QStringList exports;
    for (const salvo::ExportFormat format :
         {salvo::ExportFormat::Csv, salvo::ExportFormat::Json, salvo::ExportFormat::JsonLines,
          salvo::ExportFormat::Har, salvo::ExportFormat::JUnit, salvo::ExportFormat::Html}) {
        exports.append(home->filePath(u"exports/run."_s + salvo::exportFileSuffix(format)));
        QSignalSpy ended(window->jobs(), &salvo::JobManager::jobEnded);
        // The history's writer may still be finishing the run: wait until it has an id.
        QVERIFY(QTest::qWaitFor(
                [&] { return window->exportShownRun(format, exports.constLast(), false) != 0; },
                10000));
        QVERIFY(ended.wait(20000));
        const auto info = ended.constFirst().constFirst().value<salvo::JobInfo>();
        QVERIFY2(info.state == salvo::JobState::Done, qPrintable(info.outcome.message));
    }
    QSignalSpy saved(window.get(), &MainWindow::batchSaved);
    window->saveBatchTo(home->filePath(u"exports/batch.salvo"_s));
    QVERIFY(saved.wait(10000));
    window.reset(); // settings and the history are written out as the window closes

    QVERIFY2(logged.contains("salvo.engine"), "the debug log was on");
    QVERIFY2(!logged.contains(token.toUtf8()), logged.constData());
    QVERIFY2(!logged.contains(queryValue.toUtf8()), logged.constData());
    QVERIFY2(!logged.contains(apiKey.toUtf8()), logged.constData());
    bool history = false;
    const QList<WrittenFile> files = everyFileBelow(home->path());
    for (const WrittenFile &file : files) {
        QVERIFY2(file.readable, qPrintable(file.path));
        history = history || file.path.endsWith(u".sqlite"_s);
        QVERIFY2(!file.bytes.contains(token.toUtf8()), qPrintable(file.path));
        QVERIFY2(!file.bytes.contains(apiKey.toUtf8()), qPrintable(file.path));
        // The history keeps addresses as typed (a resume sends them again), and so does the
        // saved batch; exports leave secret query values out.
        if (exports.contains(file.path))
            QVERIFY2(!file.bytes.contains(queryValue.toUtf8()), qPrintable(file.path));
    }
    QVERIFY(history);
    QVERIFY(files.size() >= 8); // the history, the saved batch and six exports at least
}

int main(int argc, char *argv[])
{
    isolateNetwork();
    // Before anything reads a path: the window's home and every XDG folder in a folder of this
    // test's own, the debug log on and kept.
    QTemporaryDir folder;
    home = &folder;
    for (const auto &[variable, name] : {std::pair{"HOME", "home"},
                                         {"XDG_DATA_HOME", "data"},
                                         {"XDG_CONFIG_HOME", "config"},
                                         {"XDG_CACHE_HOME", "cache"},
                                         {"XDG_STATE_HOME", "state"},
                                         {"TMPDIR", "tmp"}}) {
        QDir(folder.path()).mkpath(QLatin1StringView(name));
        qputenv(variable, QFile::encodeName(folder.filePath(QLatin1StringView(name))));
    }
    QDir(folder.path()).mkpath(u"exports"_s);
    qputenv("QT_LOGGING_RULES", "salvo.*.debug=true");
    QApplication app(argc, argv);
    TestMainWindowSecrets test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainwindowsecrets.moc"
