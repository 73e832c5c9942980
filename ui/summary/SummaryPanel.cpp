#include "SummaryPanel.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QFrame>
#include <QGraphicsSimpleTextItem>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QStackedWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "LatencyRanges.h"

namespace salvo::ui {
namespace {

// The tints ResultsModel puts behind statuses, at full strength for a small swatch: 2xx
// green, 3xx blue, 4xx amber, 5xx and errors red.
const QColor successTint(40, 160, 60);
const QColor redirectTint(38, 110, 210);
const QColor clientErrorTint(230, 160, 0);
const QColor failureTint(220, 50, 47);

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

QString latencyText(qint64 ms)
{
    return SummaryPanel::tr("%L1 ms").arg(ms);
}

QChart *bareChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->legend()->hide();
    // The widget's palette shows through, light or dark; applyPalette() colours the text.
    chart->setBackgroundVisible(false);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setAnimationOptions(QChart::NoAnimation);
    return chart;
}

QChartView *chartView(QChart *chart, const QString &objectName, const QString &accessibleName,
                      QWidget *parent)
{
    auto *view = new QChartView(chart, parent);
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->viewport()->setAccessibleName(accessibleName); // what takes the focus inside
    view->setRenderHint(QPainter::Antialiasing);
    view->setFrameShape(QFrame::NoFrame);
    view->setMinimumHeight(180);
    return view;
}

// Between a range's name and its bar, and before the name.
constexpr int rangeNameGap = 6;

// Axis ranges that start at 0 and end on a round number, also for a single count.
void setCountRange(QValueAxis *axis, int maxCount)
{
    axis->setRange(0, std::max(maxCount, 4));
    axis->applyNiceNumbers();
}

} // namespace

SummaryPanel::SummaryPanel(QWidget *parent)
    : QWidget(parent)
    , m_pages(new QStackedWidget(this))
{
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, &SummaryPanel::refreshNow);

    auto *empty = new QLabel(tr("No answers yet"), m_pages);
    empty->setObjectName(QStringLiteral("summaryEmpty"));
    empty->setAlignment(Qt::AlignCenter);
    empty->setEnabled(false); // greyed, as placeholders are
    m_pages->addWidget(empty);

    auto *content = new QWidget(m_pages);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    auto *numbers = new QHBoxLayout;
    numbers->addWidget(createCounts());
    numbers->addSpacing(24);
    numbers->addWidget(createLatencyLabels(), 0, Qt::AlignTop);
    numbers->addStretch();
    contentLayout->addLayout(numbers);
    m_slowdown = new QLabel(content);
    m_slowdown->setObjectName(QStringLiteral("summarySlowdown"));
    m_slowdown->setWordWrap(true);
    m_slowdown->setTextFormat(Qt::PlainText);
    m_slowdown->hide();
    contentLayout->addWidget(m_slowdown);
    auto *charts = new QHBoxLayout;
    charts->addWidget(createLatencyChart(), 3);
    charts->addWidget(createRateChart(), 2);
    contentLayout->addLayout(charts, 1);
    m_pages->addWidget(content);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);

    setAccessibleName(tr("Run summary"));
    applyPalette();
    reset();
}

QWidget *SummaryPanel::createCounts()
{
    auto *counts = new QWidget(this);
    auto *layout = new QHBoxLayout(counts);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *answers = new QWidget(counts);
    auto *answersLayout = new QVBoxLayout(answers);
    answersLayout->setContentsMargins(0, 0, 0, 0);
    answersLayout->setSpacing(2);
    m_rowsLabel = heading(QString(), answers);
    m_rowsLabel->setObjectName(QStringLiteral("summaryRows"));
    answersLayout->addWidget(m_rowsLabel);
    // In the order people read them; 1xx last, as it is rare and shown only when present.
    const std::array<std::tuple<StatusClass, QString, QColor>, statusClassCount> classes = {{
            {StatusClass::Success, tr("2xx OK"), successTint},
            {StatusClass::Redirection, tr("3xx Redirect"), redirectTint},
            {StatusClass::ClientError, tr("4xx Client error"), clientErrorTint},
            {StatusClass::ServerError, tr("5xx Server error"), failureTint},
            {StatusClass::Informational, tr("1xx Informational"), QColor()}, // applyPalette()
    }};
    for (const auto &[statusClass, label, tint] : classes) {
        m_statusRows.at(std::size_t(statusClass)) = addCountRow(
                answers, QStringLiteral("summaryCount-") + statusClassName(statusClass), label,
                tint);
    }
    answersLayout->addStretch();
    layout->addWidget(answers, 0, Qt::AlignTop);

    auto *errors = new QWidget(counts);
    auto *errorsLayout = new QVBoxLayout(errors);
    errorsLayout->setContentsMargins(0, 0, 0, 0);
    errorsLayout->setSpacing(2);
    m_errorsHeading = heading(tr("No answer"), errors);
    errorsLayout->addWidget(m_errorsHeading);
    for (int i = 1; i < errorKindCount; ++i) {
        const auto kind = static_cast<ErrorKind>(i);
        m_errorRows.at(std::size_t(i))
                = addCountRow(errors, QStringLiteral("summaryCount-") + errorKindName(kind),
                              errorKindLabel(kind), failureTint);
    }
    errorsLayout->addStretch();
    layout->addSpacing(16);
    layout->addWidget(errors, 0, Qt::AlignTop);

    // The Expect tab's verdicts: how many rows were the right answer, and how many not.
    m_expectations = new QWidget(counts);
    auto *expectationsLayout = new QVBoxLayout(m_expectations);
    expectationsLayout->setContentsMargins(0, 0, 0, 0);
    expectationsLayout->setSpacing(2);
    expectationsLayout->addWidget(heading(tr("Expectations"), m_expectations));
    m_passedRow = addCountRow(m_expectations, QStringLiteral("summaryCount-passed"),
                              tr("\u2713 Passed"), successTint);
    m_unmetRow = addCountRow(m_expectations, QStringLiteral("summaryCount-unmet"),
                             tr("\u2717 Failed"), failureTint);
    expectationsLayout->addStretch();
    layout->addSpacing(16);
    layout->addWidget(m_expectations, 0, Qt::AlignTop);
    m_expectations->setVisible(false);
    return counts;
}

SummaryPanel::CountRow SummaryPanel::addCountRow(QWidget *parent, const QString &objectName,
                                                 const QString &label, const QColor &tint)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *swatch = new QFrame(row);
    swatch->setFixedSize(10, 10);
    swatch->setAutoFillBackground(true);
    QPalette swatchPalette = swatch->palette();
    swatchPalette.setColor(QPalette::Window, tint);
    swatch->setPalette(swatchPalette);
    auto *name = new QLabel(label, row);
    auto *count = new QLabel(row);
    count->setObjectName(objectName);
    count->setAccessibleName(label);
    count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    count->setMinimumWidth(count->fontMetrics().horizontalAdvance(QStringLiteral("000000")));
    name->setBuddy(count);
    layout->addWidget(swatch);
    layout->addWidget(name, 1);
    layout->addWidget(count);
    parent->layout()->addWidget(row);
    return {row, swatch, count};
}

QWidget *SummaryPanel::createLatencyLabels()
{
    auto *box = new QWidget(this);
    auto *grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setVerticalSpacing(2);
    grid->setHorizontalSpacing(12);
    grid->addWidget(heading(tr("Latency"), box), 0, 0, 1, 2);
    const std::array<std::tuple<QLabel **, QString, QString, QString>, 4> rows = {{
            {&m_p50, QStringLiteral("summaryP50"), tr("Median"),
             tr("Median time: half the answers took at most this long")},
            {&m_p90, QStringLiteral("summaryP90"), tr("9 in 10 within"),
             tr("9 in 10 answers took at most this long")},
            {&m_p99, QStringLiteral("summaryP99"), tr("99 in 100 within"),
             tr("99 in 100 answers took at most this long")},
            {&m_max, QStringLiteral("summaryMax"), tr("Slowest"), tr("The slowest answer took")},
    }};
    int line = 1;
    for (const auto &[member, objectName, label, accessibleName] : rows) {
        auto *name = new QLabel(label, box);
        name->setToolTip(accessibleName);
        auto *value = new QLabel(box);
        value->setObjectName(objectName);
        value->setAccessibleName(accessibleName);
        value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        name->setBuddy(value);
        grid->addWidget(name, line, 0);
        grid->addWidget(value, line, 1);
        *member = value;
        ++line;
    }
    return box;
}

QChartView *SummaryPanel::createLatencyChart()
{
    QChart *chart = bareChart(tr("Latency of answers"));
    m_latencyBars = new QBarSet(tr("Answers"), chart);
    // Bars run sideways so the range names read in full. Each bar carries its count at its end
    // (an empty one none), so no count axis takes height from the rows the names need.
    auto *series = new QHorizontalBarSeries(chart);
    series->setObjectName(QStringLiteral("latencySeries"));
    series->setBarWidth(0.8);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    m_latencyBars->append(QList<qreal>(RunStats::latencyBucketCount, 0));
    series->append(m_latencyBars);
    chart->addSeries(series);

    // The axis places the rows; the names beside them are placeRangeNames()'s: Qt Charts drops
    // every other label when rows are shorter than a name, whichever bars they belong to.
    m_latencyBucketAxis = new QBarCategoryAxis(chart);
    for (int i = 0; i < RunStats::latencyBucketCount; ++i)
        m_latencyBucketAxis->append(RunStats::latencyBucketLabel(i));
    m_latencyBucketAxis->setGridLineVisible(false);
    m_latencyBucketAxis->setLabelsVisible(false);
    chart->addAxis(m_latencyBucketAxis, Qt::AlignLeft);
    series->attachAxis(m_latencyBucketAxis);
    qreal widestName = 0;
    for (int i = 0; i < RunStats::latencyBucketCount; ++i) {
        auto *name = new QGraphicsSimpleTextItem(RunStats::latencyBucketLabel(i), chart);
        name->setFont(m_latencyBucketAxis->labelsFont());
        widestName = std::max(widestName, name->boundingRect().width());
        m_rangeNames.at(std::size_t(i)) = name;
    }
    chart->setMargins(QMargins(int(std::ceil(widestName)) + 2 * rangeNameGap, 4, 4, 4));

    m_latencyCountAxis = new QValueAxis(chart);
    m_latencyCountAxis->setVisible(false);
    chart->addAxis(m_latencyCountAxis, Qt::AlignBottom);
    series->attachAxis(m_latencyCountAxis);

    m_latencyView = chartView(chart, QStringLiteral("latencyChart"), tr("Latency histogram"), this);
    // Rows grow and shrink with the chart: place the names again once it is laid out.
    connect(chart, &QChart::plotAreaChanged, this, &SummaryPanel::layOutLatencyRanges,
            Qt::QueuedConnection);
    return m_latencyView;
}

QChartView *SummaryPanel::createRateChart()
{
    QChart *chart = bareChart(tr("Completed per second"));
    m_rateSeries = new QLineSeries(chart);
    m_rateSeries->setObjectName(QStringLiteral("rateSeries"));
    m_rateSeries->setName(tr("Completed"));
    chart->addSeries(m_rateSeries);

    m_rateTimeAxis = new QValueAxis(chart);
    m_rateTimeAxis->setLabelFormat(QStringLiteral("%i"));
    m_rateTimeAxis->setTitleText(tr("Seconds since start"));
    chart->addAxis(m_rateTimeAxis, Qt::AlignBottom);
    m_rateSeries->attachAxis(m_rateTimeAxis);

    m_rateCountAxis = new QValueAxis(chart);
    m_rateCountAxis->setLabelFormat(QStringLiteral("%i"));
    m_rateCountAxis->setTitleText(tr("Results"));
    chart->addAxis(m_rateCountAxis, Qt::AlignLeft);
    m_rateSeries->attachAxis(m_rateCountAxis);

    m_rateView = chartView(chart, QStringLiteral("rateChart"), tr("Results completed per second"),
                           this);
    return m_rateView;
}

void SummaryPanel::showSlowdown(const Progress &progress)
{
    const QString sentence = slowdownSentence(progress.slowedHosts);
    m_slowdown->setText(sentence);
    m_slowdown->setVisible(!sentence.isEmpty());
}

void SummaryPanel::reset()
{
    m_slowdown->clear();
    m_slowdown->hide();
    m_stats.clear();
    m_runClock.start();
    refreshNow();
}

void SummaryPanel::addResults(const ResultBatch &batch)
{
    addResults(batch, m_runClock.elapsed());
}

void SummaryPanel::addResults(const ResultBatch &batch, qint64 msSinceStart)
{
    if (batch.isEmpty())
        return;
    m_stats.add(batch, msSinceStart);
    scheduleRefresh();
}

void SummaryPanel::scheduleRefresh()
{
    if (m_refreshTimer.isActive())
        return;
    // The first batch after a quiet spell shows at once; a steady stream, twice a second.
    const qint64 wait = refreshIntervalMs - m_sinceRefresh.elapsed();
    m_refreshTimer.start(int(std::clamp<qint64>(wait, 0, refreshIntervalMs)));
}

void SummaryPanel::refreshNow()
{
    m_refreshTimer.stop();
    m_sinceRefresh.start();
    m_pages->setCurrentIndex(m_stats.isEmpty() ? 0 : 1);
    refreshCounts();
    refreshLatency();
    refreshRate();
    emit refreshed();
}

void SummaryPanel::refreshCounts()
{
    m_rowsLabel->setText(tr("Rows: %L1").arg(m_stats.rowCount()));
    for (int i = 0; i < statusClassCount; ++i) {
        const auto statusClass = static_cast<StatusClass>(i);
        const int count = m_stats.statusCount(statusClass);
        const CountRow &row = m_statusRows.at(std::size_t(i));
        row.count->setText(QLocale().toString(count));
        if (statusClass == StatusClass::Informational)
            row.row->setVisible(count > 0);
    }
    bool anyError = false;
    for (int i = 1; i < errorKindCount; ++i) {
        const int count = m_stats.errorCount(static_cast<ErrorKind>(i));
        const CountRow &row = m_errorRows.at(std::size_t(i));
        row.count->setText(QLocale().toString(count));
        // Twelve kinds of zero would drown the one that matters.
        row.row->setVisible(count > 0);
        anyError = anyError || count > 0;
    }
    m_errorsHeading->setVisible(anyError);
    m_passedRow.count->setText(QLocale().toString(m_stats.passedCount()));
    m_unmetRow.count->setText(QLocale().toString(m_stats.unmetCount()));
    m_expectations->setVisible(m_showsExpectations);
}

void SummaryPanel::showsExpectations(bool shows)
{
    m_showsExpectations = shows;
    m_expectations->setVisible(shows);
}

void SummaryPanel::refreshLatency()
{
    const std::optional<LatencyPercentiles> percentiles = m_stats.latencyPercentiles();
    const QString none = tr("–", "no latency measured yet");
    m_p50->setText(percentiles ? latencyText(percentiles->p50Ms) : none);
    m_p90->setText(percentiles ? latencyText(percentiles->p90Ms) : none);
    m_p99->setText(percentiles ? latencyText(percentiles->p99Ms) : none);
    m_max->setText(percentiles ? latencyText(percentiles->maxMs) : none);

    const auto &histogram = m_stats.latencyHistogram();
    QStringList description;
    for (int i = 0; i < RunStats::latencyBucketCount; ++i) {
        const int count = histogram.at(std::size_t(i));
        // replace() redraws even when nothing changed; most buckets do not between refreshes.
        if (m_latencyBars->at(i) != count)
            m_latencyBars->replace(i, count);
        if (count > 0)
            description.append(tr("%1: %L2").arg(RunStats::latencyBucketLabel(i)).arg(count));
    }
    // Room after the longest bar for its count.
    const int most = *std::max_element(histogram.cbegin(), histogram.cend());
    m_latencyCountAxis->setRange(0, most * 1.25 + 1);
    layOutLatencyRanges();
    // A chart is a picture to a screen reader; say what it shows.
    m_latencyView->setAccessibleDescription(description.isEmpty() ? tr("No answers yet")
                                                                  : description.join(u"; "));
}

void SummaryPanel::layOutLatencyRanges()
{
    // Most runs fill a few neighbouring ranges: the chart shows those, with neighbours for
    // scale while every row stays tall enough for its range's name.
    constexpr int minimumShown = 5;
    const auto &histogram = m_stats.latencyHistogram();
    const QList<int> counts(histogram.cbegin(), histogram.cend());
    const qreal plotHeight = m_latencyView->chart()->plotArea().height();
    const qreal nameHeight = m_rangeNames.front()->boundingRect().height();
    const auto [first, last]
            = shownRanges(counts, minimumShown, rowsThatFit(plotHeight, nameHeight));
    if (m_latencyBucketAxis->min() != m_latencyBucketAxis->at(first)
        || m_latencyBucketAxis->max() != m_latencyBucketAxis->at(last))
        m_latencyBucketAxis->setRange(m_latencyBucketAxis->at(first),
                                      m_latencyBucketAxis->at(last));
    const QList<bool> named = rangesToName(counts.mid(first, last - first + 1),
                                           plotHeight / (last - first + 1), nameHeight);
    placeRangeNames(first, named);
}

void SummaryPanel::placeRangeNames(int first, const QList<bool> &named)
{
    QChart *chart = m_latencyView->chart();
    const QRectF plot = chart->plotArea();
    QAbstractSeries *series = chart->series().constFirst();
    for (int i = 0; i < RunStats::latencyBucketCount; ++i) {
        QGraphicsSimpleTextItem *name = m_rangeNames.at(std::size_t(i));
        const bool shown = !plot.isEmpty() && named.value(i - first, false);
        name->setVisible(shown);
        if (!shown)
            continue;
        // Right-aligned before the plot, centred on its bar.
        const QRectF box = name->boundingRect();
        const qreal row = chart->mapToPosition(QPointF(0, i), series).y();
        name->setPos(plot.left() - rangeNameGap - box.width(), row - box.height() / 2);
    }
}

void SummaryPanel::refreshRate()
{
    const QList<int> &perSecond = m_stats.completionsPerSecond();
    QList<QPointF> points;
    points.reserve(perSecond.size());
    int peak = 0;
    for (qsizetype second = 0; second < perSecond.size(); ++second) {
        points.append(QPointF(qreal(second), perSecond.at(second)));
        peak = std::max(peak, perSecond.at(second));
    }
    // One replace(): the series redraws once, not once per point.
    m_rateSeries->replace(points);
    m_rateTimeAxis->setRange(0, std::max<qreal>(qreal(perSecond.size()) - 1, 10));
    setCountRange(m_rateCountAxis, peak);
    m_rateView->setAccessibleDescription(
            perSecond.isEmpty() ? tr("No results yet")
                                : tr("Peak %L1 per second; %L2 in the latest second")
                                          .arg(peak)
                                          .arg(perSecond.last()));
}

void SummaryPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void SummaryPanel::applyPalette()
{
    // Charts keep their own colours: hand them the widget's, so a dark palette gets light
    // text on its own background instead of a white chart.
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    const QColor grid = pal.color(QPalette::Mid);
    const QColor accent = pal.color(QPalette::Highlight);
    for (QChartView *view : {m_latencyView, m_rateView}) {
        view->setBackgroundBrush(pal.brush(QPalette::Window));
        QChart *chart = view->chart();
        chart->setTitleBrush(text);
        const auto axes = chart->axes();
        for (QAbstractAxis *axis : axes) {
            axis->setLabelsColor(text);
            axis->setTitleBrush(text);
            axis->setGridLineColor(grid);
            axis->setLinePenColor(grid);
        }
    }
    m_latencyBars->setColor(accent);
    m_latencyBars->setBorderColor(accent);
    m_latencyBars->setLabelColor(text);
    for (QGraphicsSimpleTextItem *name : m_rangeNames)
        name->setBrush(text);
    QPen line(accent);
    line.setWidthF(2);
    m_rateSeries->setPen(line);
    // 1xx has no tint in the results table: a neutral swatch from the palette.
    QWidget *informational = m_statusRows.at(std::size_t(StatusClass::Informational)).swatch;
    QPalette swatchPalette = informational->palette();
    swatchPalette.setColor(QPalette::Window, grid);
    informational->setPalette(swatchPalette);
}

} // namespace salvo::ui
