// SummaryPanel: the real widget, offscreen, fed constructed batches; labels, bars and the
// rate line must show what RunStats counted, redrawn by the timer and not per batch; and every
// latency bar with answers carries its range's name at the window's default size.

#include <QAbstractBarSeries>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QLabel>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTest>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "summary/SummaryPanel.h"

using namespace salvo;
using salvo::ui::SummaryPanel;

namespace {

Result answer(int index, int status, qint64 elapsedMs)
{
    Result result;
    result.index = index;
    result.line = index + 1;
    result.url = QStringLiteral("https://example.test/items/%1").arg(index);
    result.method = "GET";
    result.status = status;
    result.elapsedMs = elapsedMs;
    result.attempts = 1;
    return result;
}

Result failure(int index, ErrorKind error)
{
    Result result = answer(index, 0, 5);
    result.error = error;
    result.message = QStringLiteral("It went wrong.");
    return result;
}

// Rows 0..99 answered in 1..100 ms.
ResultBatch oneToHundred()
{
    ResultBatch batch;
    for (int i = 0; i < 100; ++i)
        batch.append(answer(i, 200, i + 1));
    return batch;
}

QLabel *label(const SummaryPanel &panel, const QString &name)
{
    auto *found = panel.findChild<QLabel *>(name);
    if (!found)
        qFatal("no label %s", qPrintable(name));
    return found;
}

QChartView *chartView(const SummaryPanel &panel, const QString &name)
{
    auto *found = panel.findChild<QChartView *>(name);
    if (!found)
        qFatal("no chart %s", qPrintable(name));
    return found;
}

QBarSet *latencyBars(const SummaryPanel &panel)
{
    const auto series = chartView(panel, QStringLiteral("latencyChart"))->chart()->series();
    auto *bars = qobject_cast<QAbstractBarSeries *>(series.value(0));
    return bars && bars->count() == 1 ? bars->barSets().constFirst() : nullptr;
}

QList<qreal> barValues(const SummaryPanel &panel)
{
    QList<qreal> values;
    QBarSet *set = latencyBars(panel);
    for (int i = 0; set && i < set->count(); ++i)
        values.append(set->at(i));
    return values;
}

QList<QPointF> ratePoints(const SummaryPanel &panel)
{
    const auto series = chartView(panel, QStringLiteral("rateChart"))->chart()->series();
    auto *line = qobject_cast<QLineSeries *>(series.value(0));
    return line ? line->points() : QList<QPointF>{QPointF(-1, -1)};
}

bool isShown(const SummaryPanel &panel, const QString &name)
{
    return label(panel, name)->isVisibleTo(&panel);
}

// The Summary tab's size in MainWindow's default 1200 x 760 window (844 x 406 at the offscreen
// platform's 9 pt, 844 x 400 at 11 pt).
constexpr QSize summaryInDefaultWindow(844, 400);

// The application's font at `points` while it lives: a chart takes it when it is made, as it
// does a desktop's (KDE's 10 pt, GNOME's 11 pt).
class ApplicationFontSize
{
    Q_DISABLE_COPY_MOVE(ApplicationFontSize)

public:
    explicit ApplicationFontSize(int points)
        : m_before(QApplication::font())
    {
        QFont font = m_before;
        font.setPointSize(points);
        QApplication::setFont(font);
    }
    ~ApplicationFontSize() { QApplication::setFont(m_before); }

private:
    QFont m_before;
};

// An answer for each of `latencies`, in that many ms.
ResultBatch answersIn(const QList<int> &latencies)
{
    ResultBatch batch;
    for (int i = 0; i < latencies.size(); ++i)
        batch.append(answer(i, 200, latencies.at(i)));
    return batch;
}

// What is wrong with the range names of the latency chart, for a person telling its bars
// apart: a range in `mustBeNamed` without its name, a name beside another range's bar, two
// names overlapping, a name outside the chart. Empty when nothing is.
QStringList rangeNamingProblems(const SummaryPanel &panel, const QList<int> &mustBeNamed)
{
    QChartView *view = chartView(panel, QStringLiteral("latencyChart"));
    QChart *chart = view->chart();
    QAbstractSeries *series = chart->series().value(0);
    QList<std::pair<int, QRectF>> names; // range, where its name is
    const auto items = view->scene()->items();
    for (const QGraphicsItem *item : items) {
        // Text an axis writes, or text of the panel's own.
        QString text;
        if (const auto *rich = qgraphicsitem_cast<const QGraphicsTextItem *>(item))
            text = rich->toPlainText();
        else if (const auto *simple = qgraphicsitem_cast<const QGraphicsSimpleTextItem *>(item))
            text = simple->text();
        for (int range = 0; item->isVisible() && range < RunStats::latencyBucketCount; ++range) {
            if (text == RunStats::latencyBucketLabel(range))
                names.append({range, item->sceneBoundingRect()});
        }
    }
    QStringList problems;
    const QRectF inView(QPointF(0, 0), QSizeF(view->size()));
    const qreal rowHeight = std::abs(chart->mapToPosition(QPointF(0, 1), series).y()
                                     - chart->mapToPosition(QPointF(0, 0), series).y());
    for (const auto &[range, where] : names) {
        const QString name = RunStats::latencyBucketLabel(range);
        if (!inView.contains(where.adjusted(1, 1, -1, -1)))
            problems.append(name + QStringLiteral(" is outside the chart"));
        const qreal row = chart->mapToPosition(QPointF(0, range), series).y();
        if (std::abs(where.center().y() - row) > rowHeight / 2)
            problems.append(name + QStringLiteral(" is not beside its bar"));
        for (const auto &[other, there] : names) {
            const QRectF overlap = where.intersected(there);
            if (other > range && overlap.height() > 1 && overlap.width() > 1)
                problems.append(name + QStringLiteral(" overlaps ")
                                + RunStats::latencyBucketLabel(other));
        }
    }
    for (const int range : mustBeNamed) {
        const bool named = std::any_of(names.cbegin(), names.cend(),
                                       [range](const auto &name) { return name.first == range; });
        if (!named)
            problems.append(RunStats::latencyBucketLabel(range) + QStringLiteral(" has no name"));
    }
    return problems;
}

// The ranges with answers.
QList<int> rangesWithAnswers(const SummaryPanel &panel)
{
    QList<int> ranges;
    const auto &histogram = panel.stats().latencyHistogram();
    for (int range = 0; range < RunStats::latencyBucketCount; ++range) {
        if (histogram.at(std::size_t(range)) > 0)
            ranges.append(range);
    }
    return ranges;
}

} // namespace

class TestSummaryPanel final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); } // numbers as in C

    void showsTheEmptyStateUntilResultsArrive()
    {
        SummaryPanel panel;
        QVERIFY(isShown(panel, QStringLiteral("summaryEmpty")));
        QCOMPARE(label(panel, QStringLiteral("summaryEmpty"))->text(),
                 QStringLiteral("No answers yet"));
        QCOMPARE(label(panel, QStringLiteral("summaryP50"))->text(), QStringLiteral("–"));

        panel.addResults({failure(0, ErrorKind::Dns)});
        QTRY_VERIFY(!isShown(panel, QStringLiteral("summaryEmpty")));
        QVERIFY(isShown(panel, QStringLiteral("summaryP50")));
        // Something arrived, but no answer: no latency to show.
        QCOMPARE(label(panel, QStringLiteral("summaryP50"))->text(), QStringLiteral("–"));
    }

    void labelsShowThePercentiles()
    {
        SummaryPanel panel;
        panel.addResults(oneToHundred());
        QTRY_COMPARE(label(panel, QStringLiteral("summaryP50"))->text(), QStringLiteral("50 ms"));
        QCOMPARE(label(panel, QStringLiteral("summaryP90"))->text(), QStringLiteral("90 ms"));
        QCOMPARE(label(panel, QStringLiteral("summaryP99"))->text(), QStringLiteral("99 ms"));
        QCOMPARE(label(panel, QStringLiteral("summaryMax"))->text(), QStringLiteral("100 ms"));
        QVERIFY(!label(panel, QStringLiteral("summaryP99"))->accessibleName().isEmpty());

        // Row 99 ran again and took 12 s: the max follows, p50 stays.
        panel.addResults({answer(99, 200, 12000)});
        QTRY_COMPARE(label(panel, QStringLiteral("summaryMax"))->text(),
                     QStringLiteral("12000 ms"));
        QCOMPARE(label(panel, QStringLiteral("summaryP50"))->text(), QStringLiteral("50 ms"));
    }

    void redrawsOnTheTimerNotPerBatch()
    {
        SummaryPanel panel;
        QSignalSpy refreshed(&panel, &SummaryPanel::refreshed);
        panel.reset(); // refreshes now, so the next one waits for the interval
        QCOMPARE(refreshed.count(), 1);
        for (int i = 0; i < 20; ++i)
            panel.addResults({answer(i, 200, 10 + i)});
        QCOMPARE(refreshed.count(), 1);
        QCOMPARE(label(panel, QStringLiteral("summaryP50"))->text(), QStringLiteral("–"));

        QTRY_COMPARE(refreshed.count(), 2);
        QCOMPARE(label(panel, QStringLiteral("summaryP50"))->text(), QStringLiteral("19 ms"));
        QCOMPARE(label(panel, QStringLiteral("summaryCount-2xx"))->text(), QStringLiteral("20"));

        panel.addResults({answer(20, 200, 1)});
        panel.refreshNow(); // the final redraw of a run: at once, and no timer left behind
        QCOMPARE(refreshed.count(), 3);
        QCOMPARE(label(panel, QStringLiteral("summaryCount-2xx"))->text(), QStringLiteral("21"));
    }

    void countsByStatusClassAndErrorKind()
    {
        SummaryPanel panel;
        panel.addResults({answer(0, 200, 1), answer(1, 204, 1), answer(2, 301, 1),
                          answer(3, 404, 1), answer(4, 503, 1), failure(5, ErrorKind::Timeout),
                          failure(6, ErrorKind::Timeout),
                          failure(7, ErrorKind::ConnectionRefused)});
        panel.refreshNow();
        QCOMPARE(label(panel, QStringLiteral("summaryCount-2xx"))->text(), QStringLiteral("2"));
        QCOMPARE(label(panel, QStringLiteral("summaryCount-3xx"))->text(), QStringLiteral("1"));
        QCOMPARE(label(panel, QStringLiteral("summaryCount-4xx"))->text(), QStringLiteral("1"));
        QCOMPARE(label(panel, QStringLiteral("summaryCount-5xx"))->text(), QStringLiteral("1"));
        QCOMPARE(label(panel, QStringLiteral("summaryCount-timeout"))->text(), QStringLiteral("2"));
        QCOMPARE(label(panel, QStringLiteral("summaryCount-connection_refused"))->text(),
                 QStringLiteral("1"));
        QCOMPARE(label(panel, QStringLiteral("summaryRows"))->text(), QStringLiteral("Rows: 8"));
        // Kinds that did not happen, and 1xx, take no room.
        QVERIFY(isShown(panel, QStringLiteral("summaryCount-timeout")));
        QVERIFY(!isShown(panel, QStringLiteral("summaryCount-dns")));
        QVERIFY(!isShown(panel, QStringLiteral("summaryCount-1xx")));
        QVERIFY(isShown(panel, QStringLiteral("summaryCount-4xx")));

        // The timeouts ran again and got answers: they leave the error counts.
        panel.addResults({answer(5, 200, 1), answer(6, 500, 1)});
        panel.refreshNow();
        QVERIFY(!isShown(panel, QStringLiteral("summaryCount-timeout")));
        QCOMPARE(label(panel, QStringLiteral("summaryCount-2xx"))->text(), QStringLiteral("3"));
        QCOMPARE(label(panel, QStringLiteral("summaryCount-5xx"))->text(), QStringLiteral("2"));
    }

    void histogramBarsAreTheBucketCounts()
    {
        SummaryPanel panel;
        QCOMPARE(barValues(panel), QList<qreal>(RunStats::latencyBucketCount, 0));
        // 9 and 10 straddle the first boundary; 10 000 ms opens the last bucket.
        panel.addResults({answer(0, 200, 9), answer(1, 200, 10), answer(2, 404, 24),
                          answer(3, 500, 700), answer(4, 200, 10000), answer(5, 200, 999999),
                          failure(6, ErrorKind::Timeout)});
        panel.refreshNow();
        const QList<qreal> expected = {1, 2, 0, 0, 0, 0, 1, 0, 0, 0, 2};
        QCOMPARE(barValues(panel), expected);
        QList<qreal> fromStats;
        for (int count : panel.stats().latencyHistogram())
            fromStats.append(count);
        QCOMPARE(barValues(panel), fromStats);

        const auto axes
                = chartView(panel, QStringLiteral("latencyChart"))->chart()->axes(Qt::Horizontal);
        auto *countAxis = qobject_cast<QValueAxis *>(axes.value(0));
        QVERIFY(countAxis);
        QVERIFY(countAxis->max() >= 2);
        const auto ranges
                = chartView(panel, QStringLiteral("latencyChart"))->chart()->axes(Qt::Vertical);
        auto *rangeAxis = qobject_cast<QBarCategoryAxis *>(ranges.value(0));
        QVERIFY(rangeAxis);
        QCOMPARE(rangeAxis->count(), RunStats::latencyBucketCount);
        QCOMPARE(rangeAxis->at(1), QStringLiteral("10–25 ms"));
        // Answers from the first range to the last: all of them are shown.
        QCOMPARE(rangeAxis->min(), rangeAxis->at(0));
        QCOMPARE(rangeAxis->max(), rangeAxis->at(RunStats::latencyBucketCount - 1));
    }

    void histogramShowsTheRangesWithAnswers()
    {
        // Answers in 25-50 ms and 100-250 ms: the chart shows those ranges and, for scale,
        // enough neighbours to make five, not the eleven that would not fit.
        SummaryPanel panel;
        panel.addResults({answer(0, 200, 30), answer(1, 200, 120)});
        panel.refreshNow();
        const auto ranges
                = chartView(panel, QStringLiteral("latencyChart"))->chart()->axes(Qt::Vertical);
        auto *rangeAxis = qobject_cast<QBarCategoryAxis *>(ranges.value(0));
        QVERIFY(rangeAxis);
        QCOMPARE(rangeAxis->min(), RunStats::latencyBucketLabel(1)); // 10-25 ms
        QCOMPARE(rangeAxis->max(), RunStats::latencyBucketLabel(5)); // 250-500 ms
        panel.reset();
        panel.refreshNow();
        QCOMPARE(rangeAxis->min(), rangeAxis->at(0)); // nothing yet: every range
        QCOMPARE(rangeAxis->max(), rangeAxis->at(RunStats::latencyBucketCount - 1));
    }

    void everyBarIsNamedAtTheDefaultSize_data()
    {
        QTest::addColumn<int>("points");
        QTest::addColumn<QList<int>>("latencies");

        const QList<int> typical = {30, 35, 40, 120, 130};
        // The sample batch: 10-25 ms, 25-50 ms and one slow answer, seven ranges apart.
        const QList<int> sample = {20, 20, 20, 20, 20, 47, 47, 47, 47, 47, 47, 47, 1528};
        // Every range, the biggest bar in the middle.
        const QList<int> everyRange
                = {5, 15, 30, 70, 150, 300, 700, 1500, 3000, 7000, 20000, 150, 150, 150, 70, 70};
        for (const int points : {9, 11}) {
            QTest::addRow("%d pt, one range", points) << points << QList<int>{30};
            QTest::addRow("%d pt, a typical run", points) << points << typical;
            QTest::addRow("%d pt, the sample batch", points) << points << sample;
            QTest::addRow("%d pt, every range", points) << points << everyRange;
        }
    }

    // Issue 15: at the default window size, with a desktop's usual font, Qt Charts dropped
    // every other range name, the largest bar's among them.
    void everyBarIsNamedAtTheDefaultSize()
    {
        QFETCH(int, points);
        QFETCH(QList<int>, latencies);
        const ApplicationFontSize font(points);
        SummaryPanel panel;
        panel.resize(summaryInDefaultWindow);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.addResults(answersIn(latencies));
        panel.refreshNow();
        const QList<int> ranges = rangesWithAnswers(panel);
        QTRY_VERIFY2(rangeNamingProblems(panel, ranges).isEmpty(),
                     qPrintable(rangeNamingProblems(panel, ranges).join(u"; ")));
    }

    void largestBarsAreNamedWhenRowsAreShort()
    {
        // The smallest Summary, with a large font: eleven rows cannot each hold a name.
        const ApplicationFontSize font(11);
        SummaryPanel panel;
        panel.resize(panel.minimumSizeHint());
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QList<int> latencies = {5, 15, 30, 30, 70, 300, 700, 1500, 3000, 7000, 20000};
        latencies += QList<int>(40, 150); // 100-250 ms, the largest
        latencies += QList<int>(25, 700); // 0.5-1 s, the next
        panel.addResults(answersIn(latencies));
        panel.refreshNow();
        QTRY_VERIFY2(rangeNamingProblems(panel, {4, 6}).isEmpty(),
                     qPrintable(rangeNamingProblems(panel, {4, 6}).join(u"; ")));
        QVERIFY2(rangeNamingProblems(panel, rangesWithAnswers(panel)).size() > 0,
                 "the rows here are too short for every name: this test no longer tests that");
    }

    void rateSeriesHasOnePointPerSecondWithGaps()
    {
        SummaryPanel panel;
        QVERIFY(ratePoints(panel).isEmpty());
        panel.addResults({answer(0, 200, 1), answer(1, 200, 1)}, 100);
        panel.addResults({answer(2, 200, 1)}, 1500);
        panel.addResults({answer(3, 200, 1), failure(4, ErrorKind::Dns), answer(5, 200, 1)}, 4999);
        panel.refreshNow();
        const QList<QPointF> expected = {{0, 2}, {1, 1}, {2, 0}, {3, 0}, {4, 3}};
        QCOMPARE(ratePoints(panel), expected);
    }

    void rateUsesThePanelsOwnClock()
    {
        SummaryPanel panel;
        panel.reset();
        panel.addResults(oneToHundred());
        // Well inside the first second of the run.
        QTRY_COMPARE(ratePoints(panel), (QList<QPointF>{{0, 100}}));
    }

    // A host slowed down for its 429s is named with its pace, until the next run.
    void saysWhichHostsWereSlowedDown()
    {
        SummaryPanel panel;
        panel.addResults({failure(0, ErrorKind::Dns)});
        QTRY_VERIFY(!isShown(panel, QStringLiteral("summaryEmpty")));
        QVERIFY(!isShown(panel, QStringLiteral("summarySlowdown")));
        salvo::Progress progress;
        progress.slowedHosts = {{QStringLiteral("api.example.com"), 2}};
        panel.showSlowdown(progress);
        QVERIFY(isShown(panel, QStringLiteral("summarySlowdown")));
        const QString said = label(panel, QStringLiteral("summarySlowdown"))->text();
        QVERIFY2(said.contains(QStringLiteral("api.example.com")), qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("429")), qPrintable(said));
        panel.reset();
        QVERIFY(!isShown(panel, QStringLiteral("summarySlowdown")));
    }

    void resetClearsEverything()
    {
        SummaryPanel panel;
        panel.addResults(oneToHundred(), 2500);
        panel.addResults({failure(100, ErrorKind::Tls)}, 2600);
        panel.refreshNow();
        QVERIFY(!isShown(panel, QStringLiteral("summaryEmpty")));

        panel.reset();
        QVERIFY(isShown(panel, QStringLiteral("summaryEmpty")));
        QVERIFY(panel.stats().isEmpty());
        QCOMPARE(label(panel, QStringLiteral("summaryP50"))->text(), QStringLiteral("–"));
        QCOMPARE(label(panel, QStringLiteral("summaryMax"))->text(), QStringLiteral("–"));
        QCOMPARE(label(panel, QStringLiteral("summaryCount-2xx"))->text(), QStringLiteral("0"));
        QVERIFY(!isShown(panel, QStringLiteral("summaryCount-tls")));
        QCOMPARE(barValues(panel), QList<qreal>(RunStats::latencyBucketCount, 0));
        QVERIFY(ratePoints(panel).isEmpty());
    }

    void chartsTakeTheirColoursFromThePalette()
    {
        SummaryPanel panel;
        QPalette dark = panel.palette();
        dark.setColor(QPalette::Window, QColor(30, 30, 30));
        dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
        dark.setColor(QPalette::Highlight, QColor(80, 140, 250));
        panel.setPalette(dark);
        for (const auto &name : {QStringLiteral("latencyChart"), QStringLiteral("rateChart")}) {
            QChartView *view = chartView(panel, name);
            QVERIFY(!view->accessibleName().isEmpty());
            QVERIFY(!view->chart()->isBackgroundVisible());
            QCOMPARE(view->backgroundBrush().color(), QColor(30, 30, 30));
            QCOMPARE(view->chart()->titleBrush().color(), QColor(230, 230, 230));
            const auto axes = view->chart()->axes();
            QVERIFY(!axes.isEmpty());
            for (QAbstractAxis *axis : axes)
                QCOMPARE(axis->labelsColor(), QColor(230, 230, 230));
        }
        QCOMPARE(latencyBars(panel)->color(), QColor(80, 140, 250));
        QCOMPARE(latencyBars(panel)->labelColor(), QColor(230, 230, 230)); // the counts
        int names = 0; // of the ranges, beside the bars
        const auto items = chartView(panel, QStringLiteral("latencyChart"))->scene()->items();
        for (const QGraphicsItem *item : items) {
            if (const auto *name = qgraphicsitem_cast<const QGraphicsSimpleTextItem *>(item)) {
                QCOMPARE(name->brush().color(), QColor(230, 230, 230));
                ++names;
            }
        }
        QCOMPARE(names, RunStats::latencyBucketCount);
    }

    void showsAHundredThousandRows()
    {
        // Most latencies are distinct, the worst case for the percentile walk. What a refresh
        // costs the GUI thread is measured by the ui-stall benchmark, with this panel live.
        SummaryPanel panel;
        for (int start = 0; start < 100'000; start += 1000) {
            ResultBatch batch;
            for (int i = start; i < start + 1000; ++i)
                batch.append(i % 50 == 0 ? failure(i, ErrorKind::Timeout)
                                         : answer(i, 200 + (i % 4) * 100, (i * 7919) % 60'000));
            panel.addResults(batch, start / 2);
        }
        panel.refreshNow();
        QCOMPARE(panel.stats().rowCount(), 100'000);
        QCOMPARE(label(panel, QStringLiteral("summaryCount-timeout"))->text(),
                 QStringLiteral("2000"));
        QCOMPARE(ratePoints(panel).size(), 50);
    }
};

QTEST_MAIN(TestSummaryPanel)
#include "tst_summarypanel.moc"
