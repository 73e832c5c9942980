// How late the GUI thread gets while the real window runs a large batch: a 1 ms heartbeat
// timer on the GUI thread records how far behind each tick fires, while the table is
// sorted by time and filtered to 2xx, with the live Summary on screen. Prints one line:
//   ui_stall_max_ms=X ui_stall_p99_ms=Y rows=N wall_s=W
// Usage: ui-stall-bench URL_LIST [PARALLEL]   (run offscreen; tests/bench/run-benchmarks does)

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <algorithm>
#include <cstdio>

#include "MainWindow.h"
#include "results/ResultsModel.h"

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    if (argc < 2) {
        std::fprintf(stderr, "usage: ui-stall-bench URL_LIST [PARALLEL]\n");
        return 2;
    }
    QFile list(QString::fromLocal8Bit(argv[1]));
    if (!list.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", argv[1]);
        return 2;
    }
    const int parallel = argc > 2 ? std::atoi(argv[2]) : 64;

    salvo::ui::MainWindow window;
    window.resize(1280, 800);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    window.setBatchText(QString::fromUtf8(list.readAll()));
    window.findChild<QSpinBox *>(QStringLiteral("concurrencyBox"))->setValue(parallel);
    window.findChild<QSpinBox *>(QStringLiteral("perHostBox"))->setValue(parallel);
    auto *table = window.findChild<QTableView *>(QStringLiteral("resultsTable"));
    table->sortByColumn(salvo::ui::ResultsModel::TimeColumn, Qt::DescendingOrder);
    window.findChild<QToolButton *>(QStringLiteral("chip-2xx"))->click();
    // The live Summary's charts redraw during the run: the heaviest view to keep on screen.
    auto *details = window.findChild<QTabWidget *>(QStringLiteral("detailTabs"));
    details->setCurrentWidget(window.findChild<QWidget *>(QStringLiteral("summaryPanel")));

    // The heartbeat: each tick should come 1 ms after the last; what is more is a stall.
    QList<double> lateness;
    lateness.reserve(200'000);
    QElapsedTimer sinceTick;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(1);
    QObject::connect(&heartbeat, &QTimer::timeout, &app, [&] {
        lateness.append(std::max(0.0, double(sinceTick.nsecsElapsed()) / 1e6 - 1.0));
        sinceTick.restart();
    });

    auto *run = window.findChild<QPushButton *>(QStringLiteral("runButton"));
    auto *stop = window.findChild<QPushButton *>(QStringLiteral("stopButton"));
    QElapsedTimer wall;
    wall.start();
    run->click();
    // Measure from the moment requests go out (parsing the list happens off this thread).
    if (!QTest::qWaitFor([&] { return stop->isEnabled(); }, 60'000))
        return 1;
    sinceTick.start();
    heartbeat.start();
    // A plain event loop, as the application runs: QTest::qWaitFor would sleep 10 ms between
    // its rounds of events and show up as lateness of its own.
    QEventLoop loop;
    bool finished = false;
    QTimer check;
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        finished = run->isEnabled();
        if (finished || wall.elapsed() > 600'000)
            loop.quit();
    });
    check.start(50);
    loop.exec();
    heartbeat.stop();

    const auto *proxy = qobject_cast<const QSortFilterProxyModel *>(table->model());
    const int rows = proxy->sourceModel()->rowCount();
    std::sort(lateness.begin(), lateness.end());
    const double max = lateness.isEmpty() ? 0 : lateness.last();
    const double p99
            = lateness.isEmpty() ? 0 : lateness.at(qsizetype(double(lateness.size() - 1) * 0.99));
    std::printf("ui_stall_max_ms=%.1f ui_stall_p99_ms=%.1f rows=%d wall_s=%.2f\n", max, p99, rows,
                double(wall.elapsed()) / 1000.0);
    return finished ? 0 : 1;
}
