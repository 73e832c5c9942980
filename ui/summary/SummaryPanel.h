#pragma once

// ui/summary owns the live summary of a run: counts by status class and error kind, latency
// percentiles, and charts of the latency histogram (each bar named by its range and carrying
// its count; LatencyRanges.h) and of completions per second, all read from a RunStats the
// panel feeds.

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <array>

#include "engine/Progress.h"
#include "result/Result.h"
#include "stats/RunStats.h"

class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QGraphicsSimpleTextItem;
class QLabel;
class QLineSeries;
class QStackedWidget;
class QValueAxis;

namespace salvo::ui {

// Results go in per batch and only into a RunStats (O(batch)); labels and charts are
// redrawn from it at most every refreshIntervalMs, by a single-shot timer, so a run of
// 100,000 rows costs the GUI thread a few ms twice a second, never a redraw per batch.
class SummaryPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SummaryPanel)

public:
    static constexpr int refreshIntervalMs = 500;

    explicit SummaryPanel(QWidget *parent = nullptr);

    // A new run: forget every result and restart the clock the per-second series uses.
    void reset();
    // Results that arrived now, timed by the panel's clock since reset().
    void addResults(const salvo::ResultBatch &batch);
    // Results that arrived msSinceStart ms into the run: for replays and tests.
    void addResults(const salvo::ResultBatch &batch, qint64 msSinceStart);
    // Redraws at once, e.g. when a run finished, instead of waiting for the timer.
    void refreshNow();
    // Which hosts the run slowed down because they answered 429 or 503, and to what pace.
    void showSlowdown(const salvo::Progress &progress);
    // Whether the run shown expects anything of its answers: its rows that passed and failed
    // are counted beside the statuses.
    void showsExpectations(bool shows);

    const RunStats &stats() const { return m_stats; }

signals:
    // Labels and charts now show the stats.
    void refreshed();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct CountRow
    {
        QWidget *row = nullptr;
        QWidget *swatch = nullptr;
        QLabel *count = nullptr;
    };

    QWidget *createCounts();
    QWidget *createLatencyLabels();
    QChartView *createLatencyChart();
    QChartView *createRateChart();
    CountRow addCountRow(QWidget *parent, const QString &objectName, const QString &label,
                         const QColor &tint);
    void scheduleRefresh();
    void refreshCounts();
    void refreshLatency();
    void refreshRate();
    // The ranges the latency chart shows, and the ones it names: see LatencyRanges.h.
    void layOutLatencyRanges();
    // Shows the names `named` says (from range `first` on) beside their bars, hides the others.
    void placeRangeNames(int first, const QList<bool> &named);
    void applyPalette();

    RunStats m_stats;
    QElapsedTimer m_runClock;
    QElapsedTimer m_sinceRefresh;
    QTimer m_refreshTimer;

    QStackedWidget *m_pages = nullptr;
    std::array<CountRow, statusClassCount> m_statusRows{}; // by StatusClass
    std::array<CountRow, errorKindCount> m_errorRows{}; // by ErrorKind; None unused
    QLabel *m_errorsHeading = nullptr;
    QWidget *m_expectations = nullptr;
    CountRow m_passedRow;
    CountRow m_unmetRow;
    bool m_showsExpectations = false;
    QLabel *m_rowsLabel = nullptr;
    QLabel *m_slowdown = nullptr;
    QLabel *m_p50 = nullptr;
    QLabel *m_p90 = nullptr;
    QLabel *m_p99 = nullptr;
    QLabel *m_max = nullptr;

    QChartView *m_latencyView = nullptr;
    QBarSet *m_latencyBars = nullptr;
    QBarCategoryAxis *m_latencyBucketAxis = nullptr;
    std::array<QGraphicsSimpleTextItem *, RunStats::latencyBucketCount> m_rangeNames{};
    QValueAxis *m_latencyCountAxis = nullptr;
    QChartView *m_rateView = nullptr;
    QLineSeries *m_rateSeries = nullptr;
    QValueAxis *m_rateTimeAxis = nullptr;
    QValueAxis *m_rateCountAxis = nullptr;
};

} // namespace salvo::ui
