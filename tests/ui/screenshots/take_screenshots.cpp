// Renders the main window's states to PNG files for the README and docs/: empty, running,
// finished with the inspector open, a failed row with its technical details, the Summary,
// the Checks tab after two scheduled checks of the sample, the import dialog with a browser's
// HAR file, and a dark palette. Run through
// `make screenshots`; it serves the sample API itself, so no network is needed.

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QPalette>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTest>

#include "MainWindow.h"
#include "history/HistoryView.h"
#include "importing/ImportDialog.h"
#include "inspector/ResponseInspector.h"
#include "jobs/Schedule.h"
#include "results/ResultsModel.h"
#include "desktop/RecheckScheduler.h"
#include "schedules/SchedulesPanel.h"
#include "store/Database.h"

namespace {

bool save(QWidget *window, const QDir &folder, const QString &name)
{
    const QString path = folder.filePath(name);
    const bool saved = window->grab().save(path);
    qInfo("%s %s", saved ? "wrote" : "could not write", qPrintable(path));
    return saved;
}

QPalette darkPalette()
{
    QPalette palette;
    const QColor window(45, 45, 48);
    const QColor base(30, 30, 32);
    const QColor text(220, 220, 220);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::Highlight, QColor(38, 110, 210));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::PlaceholderText, QColor(140, 140, 140));
    for (const QPalette::ColorRole role :
         {QPalette::ButtonText, QPalette::Text, QPalette::WindowText})
        palette.setColor(QPalette::Disabled, role, QColor(110, 110, 110));
    return palette;
}

// Runs the sample batch and opens the answer the redirect led to: its row carries the ↪ mark.
bool runSample(salvo::ui::MainWindow &window, const QDir &folder, const QString &runningShot)
{
    window.startSampleBatch();
    auto *table = window.findChild<QTableView *>(QStringLiteral("resultsTable"));
    if (!runningShot.isEmpty()) {
        // The slow and the hanging rows are still under way once the others are in.
        if (!QTest::qWaitFor([&] { return table->model()->rowCount() >= 10; }, 10000))
            return false;
        save(&window, folder, runningShot);
    }
    if (!QTest::qWaitFor([&] { return table->model()->rowCount() == 16; }, 15000))
        return false;
    QTest::qWait(300); // let the last progress line arrive
    int redirected = 2;
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        if (table->model()
                    ->index(row, salvo::ui::ResultsModel::UrlColumn)
                    .data()
                    .toString()
                    .endsWith(u"/redirect"))
            redirected = row;
    }
    table->setCurrentIndex(table->model()->index(redirected, salvo::ui::ResultsModel::UrlColumn));
    auto *inspector = window.findChild<salvo::ui::ResponseInspector *>();
    return QTest::qWaitFor([&] { return !inspector->isLoading() && !inspector->isPreparingBody(); },
                           5000);
}

// The Expect tab beside the list, and the table showing only the rows that failed an
// expectation (the two items out of stock, and the rows that got no answer to check), each
// with its price. Puts the list and every row back after.
bool showExpectations(salvo::ui::MainWindow &window, const QDir &folder)
{
    auto *batchTabs = window.findChild<QTabWidget *>(QStringLiteral("batchTabs"));
    auto *unmet = window.findChild<QToolButton *>(QStringLiteral("chip-unmet"));
    auto *all = window.findChild<QToolButton *>(QStringLiteral("chip-all"));
    if (!batchTabs || !unmet || !all)
        return false;
    batchTabs->setCurrentIndex(3);
    unmet->click();
    QCoreApplication::processEvents();
    const bool saved = save(&window, folder, QStringLiteral("screenshot-expect.png"));
    all->click();
    batchTabs->setCurrentIndex(0);
    return saved;
}

// Selects the first row that timed out and opens its technical details.
bool showTimedOutRow(salvo::ui::MainWindow &window)
{
    auto *table = window.findChild<QTableView *>(QStringLiteral("resultsTable"));
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        const QModelIndex index = table->model()->index(row, salvo::ui::ResultsModel::ErrorColumn);
        if (index.data(salvo::ui::ResultsModel::StatusClassRole).toString() == u"timeout") {
            table->setCurrentIndex(index);
            window.findChild<QToolButton *>(QStringLiteral("errorDetailsButton"))->setChecked(true);
            return true;
        }
    }
    return false;
}

// Saves the sample batch shown, schedules it, checks it twice (the second compared with the
// first) beside a paused daily check, and shows the Checks tab.
bool showChecks(salvo::ui::MainWindow &window, const QString &batchPath)
{
    QSignalSpy saved(&window, &salvo::ui::MainWindow::batchSaved);
    window.saveBatchTo(batchPath);
    if (saved.isEmpty() && !saved.wait(10000))
        return false;
    salvo::RecheckScheduler *scheduler = window.scheduler();
    if (!QTest::qWaitFor([&] { return scheduler->isLoaded(); }, 10000))
        return false;
    salvo::Schedule nightly;
    nightly.name = QStringLiteral("Nightly catalogue");
    nightly.batchPath = batchPath;
    nightly.dailyAt = {QTime(2, 30)};
    nightly.enabled = false;
    scheduler->add(nightly);
    salvo::Schedule health;
    health.name = QStringLiteral("Sample health");
    health.batchPath = batchPath;
    health.every = std::chrono::minutes(10);
    health.latencyThresholdMs = 500;
    QSignalSpy ended(scheduler, &salvo::RecheckScheduler::checkEnded);
    const qint64 id = scheduler->add(health);
    if (!QTest::qWaitFor([&] { return ended.size() >= 1; }, 30000))
        return false;
    scheduler->checkNow(id);
    if (!QTest::qWaitFor([&] { return ended.size() >= 2; }, 30000))
        return false;
    auto *details = window.findChild<QTabWidget *>(QStringLiteral("detailTabs"));
    auto *checks = window.findChild<salvo::ui::SchedulesPanel *>(QStringLiteral("schedulesPanel"));
    details->setCurrentWidget(checks);
    checks->selectSchedule(id);
    return true;
}

// A HAR file a browser saved on a shop's pages, opened: the import dialog with its requests,
// hosts and kinds, and the one entry it cannot send. Cancelled after.
bool showImportDialog(salvo::ui::MainWindow &window, const QDir &folder, const QString &path)
{
    const auto entry = [](const char *method, const QString &url, const char *kind) {
        return QJsonObject{{QStringLiteral("request"),
                            QJsonObject{{QStringLiteral("method"), QLatin1StringView(method)},
                                        {QStringLiteral("url"), url},
                                        {QStringLiteral("headers"), QJsonArray()}}},
                           {QStringLiteral("_resourceType"), QLatin1StringView(kind)}};
    };
    QJsonArray entries{entry("GET", QStringLiteral("https://shop.example/"), "document"),
                       entry("GET", QStringLiteral("https://cdn.shop.example/app.js"), "script")};
    for (int id = 1; id <= 24; ++id)
        entries.append(entry(id % 6 == 0 ? "POST" : "GET",
                             QStringLiteral("https://api.shop.example/products/%1").arg(id),
                             id % 4 == 0 ? "xhr" : "fetch"));
    for (int id = 1; id <= 8; ++id)
        entries.append(entry("GET", QStringLiteral("https://cdn.shop.example/img/%1.webp").arg(id),
                             "image"));
    entries.append(entry("GET", QStringLiteral("data:image/png;base64,AA=="), "image"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("log"),
                                          QJsonObject{{QStringLiteral("entries"), entries}}}})
                       .toJson());
    file.close();
    window.openFile(path);
    salvo::ui::ImportDialog *dialog = nullptr;
    if (!QTest::qWaitFor(
                [&] {
                    dialog = window.findChild<salvo::ui::ImportDialog *>();
                    return dialog && dialog->isVisible() && dialog->isReady();
                },
                10000))
        return false;
    const bool saved = save(dialog, folder, QStringLiteral("screenshot-import.png"));
    dialog->reject();
    return saved;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // no remembered layout from a real session
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    const QDir folder(argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("docs"));

    QFile::remove(salvo::defaultSchedulesPath()); // no schedule of an earlier rendering
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(salvo::defaultHistoryPath() + suffix); // nor its runs
    bool ok = true;
    {
        salvo::ui::MainWindow window;
        window.resize(1280, 800);
        window.show();
        ok = QTest::qWaitForWindowExposed(&window) && ok;
        ok = save(&window, folder, QStringLiteral("screenshot-empty.png")) && ok;
        const QTemporaryDir imports;
        ok = showImportDialog(window, folder, imports.filePath(QStringLiteral("shop.har"))) && ok;
        ok = runSample(window, folder, QStringLiteral("screenshot-running.png")) && ok;
        ok = save(&window, folder, QStringLiteral("screenshot-finished.png")) && ok;
        ok = showExpectations(window, folder) && ok;
        ok = showTimedOutRow(window) && ok;
        ok = save(&window, folder, QStringLiteral("screenshot-error.png")) && ok;
        auto *details = window.findChild<QTabWidget *>(QStringLiteral("detailTabs"));
        details->setCurrentWidget(window.findChild<QWidget *>(QStringLiteral("summaryPanel")));
        QTest::qWait(100); // the charts lay out on the next pass of the event loop
        ok = save(&window, folder, QStringLiteral("screenshot-summary.png")) && ok;
        const QTemporaryDir batches;
        ok = showChecks(window, batches.filePath(QStringLiteral("sample-health.salvo"))) && ok;
        ok = save(&window, folder, QStringLiteral("screenshot-checks.png")) && ok;
        // The checks are runs of the history: numbered, named, and one of them open.
        auto *history = window.findChild<salvo::ui::HistoryView *>(QStringLiteral("historyView"));
        details->setCurrentWidget(history);
        auto *runs = window.findChild<QTableView *>(QStringLiteral("historyTable"));
        ok = QTest::qWaitFor([&] { return runs->model()->rowCount() >= 2; }, 10000) && ok;
        runs->selectRow(0);
        // The newest check opened: the caption above the table says which run it holds.
        emit history->openRunRequested(runs->model()->index(0, 0).data().toLongLong());
        auto *caption = window.findChild<QLabel *>(QStringLiteral("shownRunText"));
        ok = QTest::qWaitFor([&] { return caption->text().contains(u"from the history"); }, 10000)
                && ok;
        details->setCurrentWidget(history);
        auto *results = window.findChild<QTableView *>(QStringLiteral("resultsTable"));
        results->scrollToTop();
        results->horizontalScrollBar()->setValue(0); // the timed-out row's error scrolled it
        QCoreApplication::processEvents(); // the layout and paint the scroll asked for
        ok = save(&window, folder, QStringLiteral("screenshot-history.png")) && ok;
    }
    QFile::remove(salvo::defaultSchedulesPath()); // the dark window checks nothing
    {
        QApplication::setPalette(darkPalette());
        salvo::ui::MainWindow window;
        window.resize(1280, 800);
        window.show();
        ok = QTest::qWaitForWindowExposed(&window) && ok;
        ok = runSample(window, folder, {}) && ok;
        ok = save(&window, folder, QStringLiteral("screenshot-dark.png")) && ok;
    }
    return ok ? 0 : 1;
}
