// How late the GUI thread of the real window (offscreen) gets while it works hard: a 1 ms
// heartbeat timer on the GUI thread records how far behind each tick fires. Two workloads:
//
//   ui-stall-bench URL_LIST [PARALLEL]
//       runs the list, with the table sorted by time and filtered to 2xx and the live Summary
//       on screen (cases e and w). Prints: ui_stall_max_ms=X ui_stall_p99_ms=Y rows=N wall_s=W
//       gui_cpu_max_ms=C peak_rss_mib=R table_bytes_per_row=B: the CPU time of the longest
//       event on the GUI thread, the process's peak RSS (VmHWM), and what the results table's
//       model holds per row at the end. Then, on the table at its full size, a person browsing:
//       sorts by address and by size, the All and 2xx chips, a search and its clearing, each
//       waited for until the table shows it. Prints: browse_stall_max_ms=X
//       browse_stall_p99_ms=Y browse_gui_cpu_max_ms=C browse_s=W
//       With SALVO_BENCH_INSPECT set to the JSON of a saved batch's "inspect" (expectations
//       and extracted columns), the Expect tab holds them for the run (case v).
//   ui-stall-bench --browse [ROWS]
//       puts ROWS made-up rows (default 1,000,000) of 2xx, 4xx and errors in the window's table
//       as a run would, then browses it as above: the browsing alone, without a network.
//   ui-stall-bench --export [ROWS]
//       writes a finished run of ROWS answered rows (default 1,000,000) to the window's
//       history, then exports it to CSV through the window's own JobManager with the Jobs tab
//       on screen, and measures from the export's start until the job ends (case s). Prints:
//       ui_stall_max_ms=X ui_stall_p99_ms=Y rows=N export_s=W
//       and fails (exit 1) unless the job ended done with a header line and ROWS lines.
//
// Both start from an empty history (test mode, so never the user's) and delete it at the end.
// tests/bench/run-benchmarks runs them offscreen.

#include <QAbstractProxyModel>
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFileInfo>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QToolButton>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <ctime>
#include <memory>
#include <optional>

#include "../core/store/StoreTestSupport.h"
#include "MainWindow.h"
#include "editor/BatchEditor.h"
#include "editor/BatchPane.h"
#include "inspect/InspectionPlan.h"
#include "jobs/ExportJob.h"
#include "results/ResultsFilterModel.h"
#include "results/ResultsModel.h"
#include "store/Database.h"

namespace {

using salvo::ui::MainWindow;

// The benchmark's one measure. Each tick should come 1 ms after the last; what is more is
// time the GUI thread could not answer: an input event or a repaint would have waited as long.
class Heartbeat
{
public:
    explicit Heartbeat(QObject *context)
    {
        // A tick a millisecond for the longest measurement allowed (600 s): growing the list
        // mid-measurement would copy it, a stall of the benchmark's own making.
        m_lateness.reserve(600'000);
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, context, [this] {
            const double lateness = std::max(0.0, double(m_sinceTick.nsecsElapsed()) / 1e6 - 1.0);
            if (m_lateness.isEmpty() || lateness > m_worstLateness) {
                m_worstLateness = lateness;
                m_worstEndedAtMs = m_sinceStart.elapsed();
            }
            m_lateness.append(lateness);
            m_sinceTick.restart();
        });
    }

    void start()
    {
        m_sinceStart.start();
        m_sinceTick.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }

    // "ui_stall_max_ms=X ui_stall_p99_ms=Y", the figures run-benchmarks reports.
    QByteArray figures() const
    {
        QList<double> sorted = m_lateness;
        std::sort(sorted.begin(), sorted.end());
        const double max = sorted.isEmpty() ? 0 : sorted.last();
        const double p99
                = sorted.isEmpty() ? 0 : sorted.at(qsizetype(double(sorted.size() - 1) * 0.99));
        return QByteArray("ui_stall_max_ms=") + QByteArray::number(max, 'f', 1)
                + " ui_stall_p99_ms=" + QByteArray::number(p99, 'f', 1);
    }

    // When the longest stall ended, in ms after start(): the moment to look at in a profile.
    qint64 worstEndedAtMs() const { return m_worstEndedAtMs; }

private:
    QList<double> m_lateness;
    double m_worstLateness = 0;
    qint64 m_worstEndedAtMs = 0;
    QElapsedTimer m_sinceStart;
    QElapsedTimer m_sinceTick;
    QTimer m_timer;
};

// The process's peak resident memory so far (VmHWM), in KiB; 0 where /proc does not say.
qint64 peakRssKib()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

// The GUI thread's own work, whatever else the machine runs: the CPU time of the longest single
// event handled on it (a timer, a queued signal, a paint). The heartbeat's lateness adds the
// time the thread waited for a CPU, which on a shared machine is mostly other programs' doing.
class MeasuredApplication final : public QApplication
{
public:
    using QApplication::QApplication;

    void setMeasuring(bool measuring)
    {
        m_measuring = measuring;
        if (measuring)
            m_worstNs = 0;
    }
    double worstMs() const { return double(m_worstNs) / 1e6; }
    const QByteArray &worstEvent() const { return m_worstEvent; }

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!m_measuring || m_depth > 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        ++m_depth;
        const qint64 before = threadCpuNs();
        const int type = event->type();
        const char *receiverClass = receiver->metaObject()->className(); // it may go meanwhile
        const bool handled = QApplication::notify(receiver, event);
        const qint64 spent = threadCpuNs() - before;
        --m_depth;
        if (spent > m_worstNs) {
            m_worstNs = spent;
            m_worstEvent = "event " + QByteArray::number(type) + " to " + receiverClass;
        }
        return handled;
    }

private:
    static qint64 threadCpuNs()
    {
        timespec now{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
        return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
    }

    bool m_measuring = false;
    int m_depth = 0;
    qint64 m_worstNs = 0;
    QByteArray m_worstEvent;
};

MeasuredApplication *measuredApp()
{
    return static_cast<MeasuredApplication *>(QCoreApplication::instance());
}

// The window's history in test mode, removed with its WAL files: every measurement starts from
// an empty history, however many runs earlier benchmarks left in it.
QString removeHistory()
{
    const QString path = salvo::defaultHistoryPath();
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(path + QLatin1String(suffix));
    return path;
}

bool showWindow(MainWindow &window)
{
    window.resize(1280, 800);
    window.show();
    return QTest::qWaitForWindowExposed(&window);
}

void showDetailTab(MainWindow &window, const char *panelName)
{
    auto *details = window.findChild<QTabWidget *>(QStringLiteral("detailTabs"));
    details->setCurrentWidget(window.findChild<QWidget *>(QLatin1String(panelName)));
}

// Sorts, chips and a search on the table as it stands, each waited for until the table shows
// its rows (a new order of many rows is made on the thread pool): the GUI thread's stalls
// meanwhile. Returns false when one did not end within a minute.
bool measureBrowsing(MainWindow &window)
{
    using salvo::ui::ResultsModel;
    auto *table = window.findChild<QTableView *>(QStringLiteral("resultsTable"));
    auto *rows = qobject_cast<salvo::ui::ResultsFilterModel *>(table->model());
    auto *search = window.findChild<QLineEdit *>(QStringLiteral("searchBox"));
    const auto chip = [&](const char *name) {
        return [&window, name] { window.findChild<QToolButton *>(QLatin1String(name))->click(); };
    };
    const std::function<void()> steps[] = {
            [&] { table->sortByColumn(ResultsModel::UrlColumn, Qt::AscendingOrder); },
            chip("chip-all"),
            [&] { table->sortByColumn(ResultsModel::SizeColumn, Qt::DescendingOrder); },
            [&] { search->setText(QStringLiteral("/99")); },
            [&] { search->clear(); },
            chip("chip-2xx"),
            [&] { table->sortByColumn(ResultsModel::TimeColumn, Qt::DescendingOrder); },
    };
    Heartbeat heartbeat(&window);
    QElapsedTimer clock;
    clock.start();
    heartbeat.start();
    measuredApp()->setMeasuring(true);
    bool ended = true;
    QList<qint64> stepStartsMs;
    for (const std::function<void()> &step : steps) {
        stepStartsMs.append(clock.elapsed());
        step();
        QEventLoop loop;
        QObject::connect(rows, &salvo::ui::ResultsFilterModel::reordered, &loop, &QEventLoop::quit);
        QTimer::singleShot(60'000, &loop, &QEventLoop::quit);
        if (rows->isReordering())
            loop.exec(); // a plain event loop, as in measureUrlList
        ended = ended && !rows->isReordering();
    }
    heartbeat.stop();
    measuredApp()->setMeasuring(false);
    QByteArray figures = heartbeat.figures();
    figures.replace("ui_stall", "browse_stall");
    std::printf("%s browse_gui_cpu_max_ms=%.1f browse_s=%.2f\n", figures.constData(),
                measuredApp()->worstMs(), double(clock.elapsed()) / 1000.0);
    // Which step the longest stall fell in, and what the GUI thread did longest meanwhile.
    const qint64 worstAt = heartbeat.worstEndedAtMs();
    const qsizetype worstStep
            = std::upper_bound(stepStartsMs.cbegin(), stepStartsMs.cend(), worstAt)
            - stepStartsMs.cbegin();
    std::fprintf(stderr, "browsing: the longest stall ended %.3f s in, during step %lld of %lld\n",
                 double(worstAt) / 1000.0, qlonglong(worstStep), qlonglong(stepStartsMs.size()));
    std::fprintf(stderr, "browsing: the longest event on the GUI thread: %s\n",
                 measuredApp()->worstEvent().constData());
    return ended;
}

int measureUrlList(const QString &listPath, int parallel)
{
    if (!QFileInfo(listPath).isReadable()) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(listPath));
        return 2;
    }
    MainWindow window;
    if (!showWindow(window))
        return 1;
    // As File > Open reads it: off the GUI thread, and held as bytes when it is large.
    window.openFile(listPath);
    auto *editor = window.findChild<salvo::ui::BatchEditor *>(QStringLiteral("batchEditor"));
    if (!QTest::qWaitFor([&] { return !editor->batchBytes().isEmpty(); }, 60'000))
        return 1;
    window.findChild<QSpinBox *>(QStringLiteral("concurrencyBox"))->setValue(parallel);
    window.findChild<QSpinBox *>(QStringLiteral("perHostBox"))->setValue(parallel);
    if (const QByteArray inspect = qgetenv("SALVO_BENCH_INSPECT"); !inspect.isEmpty()) {
        const salvo::Expected<salvo::InspectionPlan> plan
                = salvo::inspectionFromJson(QJsonDocument::fromJson(inspect).object());
        if (!plan || plan->isEmpty()) {
            std::fprintf(stderr, "SALVO_BENCH_INSPECT is not an inspect object\n");
            return 2;
        }
        window.findChild<salvo::ui::BatchPane *>()->setInspection(*plan);
    }
    auto *table = window.findChild<QTableView *>(QStringLiteral("resultsTable"));
    table->sortByColumn(salvo::ui::ResultsModel::TimeColumn, Qt::DescendingOrder);
    window.findChild<QToolButton *>(QStringLiteral("chip-2xx"))->click();
    // The live Summary's charts redraw during the run: the heaviest view to keep on screen.
    showDetailTab(window, "summaryPanel");

    Heartbeat heartbeat(&window);
    auto *run = window.findChild<QPushButton *>(QStringLiteral("runButton"));
    auto *stop = window.findChild<QPushButton *>(QStringLiteral("stopButton"));
    QElapsedTimer wall;
    wall.start();
    run->click();
    // Measure from the moment requests go out (parsing the list happens off this thread).
    if (!QTest::qWaitFor([&] { return stop->isEnabled(); }, 60'000))
        return 1;
    heartbeat.start();
    measuredApp()->setMeasuring(true);
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
    measuredApp()->setMeasuring(false);

    const auto *proxy = qobject_cast<const QAbstractProxyModel *>(table->model());
    const auto *results = qobject_cast<const salvo::ui::ResultsModel *>(proxy->sourceModel());
    std::printf("%s rows=%d wall_s=%.2f gui_cpu_max_ms=%.1f peak_rss_mib=%.1f "
                "table_bytes_per_row=%lld\n",
                heartbeat.figures().constData(), results->rowCount(),
                double(wall.elapsed()) / 1000.0, measuredApp()->worstMs(),
                double(peakRssKib()) / 1024.0, qlonglong(results->bytesHeldPerRow()));
    std::fprintf(stderr, "the longest stall ended %.3f s after the requests started\n",
                 double(heartbeat.worstEndedAtMs()) / 1000.0);
    std::fprintf(stderr, "the longest event on the GUI thread: %s\n",
                 measuredApp()->worstEvent().constData());
    std::fflush(stdout);
    return finished && measureBrowsing(window) ? 0 : 1;
}

// A finished run of `rowCount` answered rows with small JSON bodies, written as
// tst_exportjob's million-row test writes it; its id, or 0 when the store did not begin it.
qint64 writeAnsweredRun(const QString &historyPath, int rowCount)
{
    salvo::RunStore store({.path = historyPath});
    if (!store.open().result())
        return 0;
    QSignalSpy begun(&store, &salvo::RunStore::runBegun);
    const salvo::RunTicket ticket = store.beginRun(salvo::test::urlListBatch(rowCount), {});
    constexpr int batchRows = 10'000;
    for (int first = 0; first < rowCount; first += batchRows) {
        salvo::ResultBatch batch
                = salvo::test::answeredRows(first, std::min(batchRows, rowCount - first));
        for (salvo::Result &row : batch) {
            row.body = "{\"id\":" + QByteArray::number(row.index) + "}";
            row.bytes = row.body.size();
        }
        store.appendResults(ticket, batch);
        // The store queues without limit; waiting here keeps memory to the bound.
        if (store.isOverBound())
            store.flush().waitForFinished();
    }
    store.finishRun(ticket, salvo::RunState::Finished);
    salvo::test::settle(store);
    return begun.isEmpty() ? 0 : begun.at(0).at(1).toLongLong();
}

std::optional<qint64> countLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    qint64 lines = 0;
    while (!file.atEnd())
        lines += file.read(qint64(1) << 20).count('\n');
    return lines;
}

int measureExport(const QString &historyPath, int rowCount)
{
    QTemporaryDir outputDir;
    if (!outputDir.isValid()) {
        std::fprintf(stderr, "cannot make a temporary folder\n");
        return 2;
    }
    QElapsedTimer clock;
    clock.start();
    const qint64 runId = writeAnsweredRun(historyPath, rowCount);
    if (runId == 0) {
        std::fprintf(stderr, "FAIL: could not write the run to %s\n", qPrintable(historyPath));
        return 1;
    }
    std::fprintf(stderr, "wrote a %d-row run to %s in %.1f s\n", rowCount, qPrintable(historyPath),
                 double(clock.elapsed()) / 1000.0);

    MainWindow window;
    if (!showWindow(window))
        return 1;
    // The Jobs panel paints the export's progress bar as it moves, as a person watching it sees.
    showDetailTab(window, "jobsPanel");
    QTest::qWait(200); // the first paint of the tab is not the export's doing

    const QString csvPath = outputDir.filePath(QStringLiteral("export.csv"));
    Heartbeat heartbeat(&window);
    QEventLoop loop;
    std::optional<salvo::JobInfo> ended;
    quint64 jobId = 0;
    QObject::connect(window.jobs(), &salvo::JobManager::jobEnded, &loop,
                     [&](const salvo::JobInfo &job) {
                         if (job.id != jobId)
                             return;
                         heartbeat.stop();
                         ended = job;
                         loop.quit();
                     });
    constexpr int deadlineMs = 600'000;
    QTimer::singleShot(deadlineMs, &loop, &QEventLoop::quit);
    heartbeat.start();
    clock.restart();
    jobId = window.jobs()->start(std::make_unique<salvo::ExportJob>(
            salvo::ExportRequest{historyPath, runId, salvo::ExportFormat::Csv, csvPath, {}, {}}));
    // A plain event loop, as the application runs (see measureUrlList).
    loop.exec();
    const double exportSeconds = double(clock.elapsed()) / 1000.0;
    heartbeat.stop();

    const qint64 rowsWritten = ended ? ended->done : 0;
    std::printf("%s rows=%lld export_s=%.2f\n", heartbeat.figures().constData(), rowsWritten,
                exportSeconds);
    std::fprintf(stderr, "the longest stall ended %.3f s after the export started\n",
                 double(heartbeat.worstEndedAtMs()) / 1000.0);
    std::fflush(stdout);
    if (!ended) {
        std::fprintf(stderr, "FAIL: the export did not end within %d s\n", deadlineMs / 1000);
        return 1;
    }
    if (ended->state != salvo::JobState::Done) {
        std::fprintf(stderr, "FAIL: the export ended %s: %s\n",
                     ended->state == salvo::JobState::Cancelled ? "cancelled" : "failed",
                     qPrintable(ended->outcome.message));
        return 1;
    }
    const std::optional<qint64> lines = countLines(csvPath);
    if (lines != qint64(rowCount) + 1) {
        std::fprintf(stderr, "FAIL: %s holds %lld lines, not a header and %d rows\n",
                     qPrintable(csvPath), lines.value_or(-1), rowCount);
        return 1;
    }
    return 0;
}

} // namespace

// The window's table filled with `rowCount` rows of a run, a batch of 1,000 at a time, then
// browsed (measureBrowsing).
int measureBrowsingOnly(int rowCount)
{
    MainWindow window;
    if (!showWindow(window))
        return 1;
    auto *table = window.findChild<QTableView *>(QStringLiteral("resultsTable"));
    auto *results = qobject_cast<salvo::ui::ResultsModel *>(
            qobject_cast<QAbstractProxyModel *>(table->model())->sourceModel());
    results->reserve(rowCount);
    for (int first = 0; first < rowCount; first += 1000) {
        salvo::ResultBatch batch;
        for (int index = first; index < std::min(rowCount, first + 1000); ++index) {
            salvo::Result row;
            row.index = index;
            row.url = QStringLiteral("http://127.0.0.1:8080/json2k/%1").arg(index + 1);
            row.method = "GET";
            row.attempts = 1;
            row.elapsedMs = (index * 7919) % 400;
            row.status = index % 50 == 0 ? 404 : 200;
            row.error = index % 97 == 0 ? salvo::ErrorKind::Timeout : salvo::ErrorKind::None;
            row.bytes = 2048 - index % 3;
            row.contentType = QStringLiteral("application/json");
            batch.append(row);
        }
        results->addResults(batch);
    }
    QTest::qWait(200); // the first paint of the full table is not the browsing's doing
    return measureBrowsing(window) ? 0 : 1;
}

int main(int argc, char *argv[])
{
    MeasuredApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const QString usage = QStringLiteral(
            "usage: ui-stall-bench URL_LIST [PARALLEL]\n       ui-stall-bench --browse [ROWS]\n"
            "       ui-stall-bench --export [ROWS]\n");
    if (argc < 2) {
        std::fputs(qPrintable(usage), stderr);
        return 2;
    }
    const QString historyPath = removeHistory();
    int status = 0;
    const bool export_ = qstrcmp(argv[1], "--export") == 0;
    if (export_ || qstrcmp(argv[1], "--browse") == 0) {
        const int rowCount = argc > 2 ? std::atoi(argv[2]) : 1'000'000;
        if (rowCount <= 0) {
            std::fputs(qPrintable(usage), stderr);
            return 2;
        }
        status = export_ ? measureExport(historyPath, rowCount) : measureBrowsingOnly(rowCount);
    } else {
        status = measureUrlList(QString::fromLocal8Bit(argv[1]),
                                argc > 2 ? std::atoi(argv[2]) : 64);
    }
    // The window is gone, and with it every connection to the file: a run of a million rows
    // is over 100 MB that nothing reads again.
    removeHistory();
    return status;
}
