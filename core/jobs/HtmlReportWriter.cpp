#include "HtmlReportWriter.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <array>

#include "result/ErrorMessages.h"
#include "Translate.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::HtmlReportWriter")

// Text for element content and double-quoted attributes alike. toHtmlEscaped() leaves `'` as
// it is, so this escapes it too, in case an attribute is ever single-quoted. Control
// characters are parse errors in HTML and illegal in XML (the SVG): they become U+FFFD.
QString escaped(QStringView text)
{
    QString out;
    out.reserve(text.size() + 16);
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'&':
            out += u"&amp;";
            break;
        case u'<':
            out += u"&lt;";
            break;
        case u'>':
            out += u"&gt;";
            break;
        case u'"':
            out += u"&quot;";
            break;
        case u'\'':
            out += u"&#39;";
            break;
        default:
            if ((u < 0x20 && u != u'\t' && u != u'\n' && u != u'\r') || (u >= 0x7f && u < 0xa0))
                out += QChar(0xfffd);
            else
                out += c;
        }
    }
    return out;
}

// Counts for people: "1,234,567", whatever the exporter's locale (the page is in English).
QString counted(qint64 n)
{
    static const QLocale grouped = [] {
        QLocale locale = QLocale::c();
        locale.setNumberOptions(QLocale::DefaultNumberOptions);
        return locale;
    }();
    return grouped.toString(n);
}

// Coordinates for SVG: QString::number never uses a locale's decimal comma.
QString coord(double value)
{
    return QString::number(value, 'f', 1);
}

// "1 row", "2 rows": counts in sentences, which people read.
QString rowsText(qint64 n)
{
    return n == 1 ? tr("1 row") : tr("%1 rows").arg(counted(n));
}

QString percentOf(qint64 part, qint64 whole)
{
    if (whole <= 0)
        return QStringLiteral("–");
    return QString::number(100.0 * double(part) / double(whole), 'f', 1) + u'%';
}

QString utcTime(const QDateTime &time)
{
    if (!time.isValid())
        return QStringLiteral("–");
    const QDateTime utc = time.toUTC();
    return u"<time datetime=\"" + utc.toString(Qt::ISODate) + u"\">"
            + QLocale::c().toString(utc, QStringLiteral("yyyy-MM-dd HH:mm:ss")) + u" UTC</time>";
}

QString duration(qint64 ms)
{
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    if (ms < 60'000)
        return tr("%1 s").arg(QString::number(double(ms) / 1000.0, 'f', 1));
    const qint64 seconds = ms / 1000;
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return tr("%1 h %2 min").arg(seconds / 3600).arg(seconds % 3600 / 60);
}

QString runStateText(RunState state)
{
    switch (state) {
    case RunState::Running:
        return tr("Still running when exported");
    case RunState::Finished:
        return tr("Finished");
    case RunState::Cancelled:
        return tr("Cancelled");
    case RunState::Interrupted:
        return tr("Interrupted");
    }
    return {};
}

// The CSS class a status or error gets: the dashboard's colours (ResultsModel), 2xx green,
// 3xx blue, 4xx amber, 5xx and no answer red.
QString statusCss(const Result &result)
{
    if (result.error != ErrorKind::None || result.status < 100 || result.status >= 600)
        return QStringLiteral("se");
    return u's' + QString::number(result.status / 100);
}

QString statusText(const Result &result)
{
    if (result.error != ErrorKind::None)
        return errorKindLabel(result.error);
    if (result.status > 0)
        return QString::number(result.status);
    return tr("No answer");
}

// Light and dark palettes from the same variables; colour is never the only cue (every status
// is also written). The table has a fixed layout so a browser can draw a million rows as they
// load, without measuring every cell first.
const char styleSheet[] = R"(
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;
--head:#f6f8fa;--bar:#0969da;--s1:#59636e;--s2:#1a7f37;--s3:#0550ae;--s4:#9a6700;--s5:#cf222e}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;
--line:#3d444d;--head:#151b23;--bar:#4493f8;--s1:#9198a1;--s2:#3fb950;--s3:#58a6ff;
--s4:#d29922;--s5:#f85149}}
body{margin:0 auto;max-width:90rem;padding:1rem 1.5rem;background:var(--bg);color:var(--fg);
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
h1{font-size:1.6rem;margin:.5rem 0}
h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:1rem 0 .25rem}
.muted,.line{color:var(--muted)}
.line,.unchecked,.unmet{display:block;font-size:.85em}
.unchecked,.unmet,.warning{color:var(--s5)}
.tiles{display:flex;flex-wrap:wrap;gap:1rem;margin:1rem 0;padding:0;list-style:none}
.tiles li{border:1px solid var(--line);border-radius:6px;padding:.5rem 1rem;min-width:8rem}
.tiles b{display:block;font-size:1.6rem;font-variant-numeric:tabular-nums}
.grid{display:flex;flex-wrap:wrap;gap:0 3rem;align-items:flex-start}
dl.facts{display:grid;grid-template-columns:max-content auto;gap:.15rem 1rem;margin:0}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
table{border-collapse:collapse}
th,td{border-bottom:1px solid var(--line);padding:.25rem .5rem;text-align:left;
vertical-align:top;overflow-wrap:anywhere}
.num{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1rem 0}figcaption{color:var(--muted)}
svg{display:block;width:100%;max-width:720px;height:auto}
svg text{fill:var(--fg);font:11px system-ui,sans-serif}
svg .axis{stroke:var(--line)}svg .bar{fill:var(--bar)}
svg .b1{fill:var(--s1)}svg .b2{fill:var(--s2)}svg .b3{fill:var(--s3)}svg .b4{fill:var(--s4)}
svg .b5,svg .be{fill:var(--s5)}
table.results{width:100%;table-layout:fixed}
table.results td:nth-child(1),table.results td:nth-child(4),table.results td:nth-child(5),
table.results thead th:nth-child(1),table.results thead th:nth-child(4),
table.results thead th:nth-child(5){text-align:right;font-variant-numeric:tabular-nums}
table.results thead th{position:sticky;top:0;background:var(--head)}
table.results col:nth-child(1){width:5em}table.results col:nth-child(2){width:32%}
table.results col:nth-child(3){width:9em}table.results col:nth-child(4){width:6em}
table.results col:nth-child(5){width:6em}table.results col:nth-child(6){width:10em}
tr.section th{background:var(--head);font-size:1.05rem;padding-top:.75rem}
.s1{color:var(--s1)}.s2{color:var(--s2)}.s3{color:var(--s3)}.s4{color:var(--s4)}
.s5,.se{color:var(--s5)}.s4,.s5,.se{font-weight:600}
footer{margin:2rem 0 1rem;color:var(--muted)}
@media print{table.results thead th{position:static}}
)";

// The latency histogram: one bar per bucket that holds rows, its count above it, every
// bucket's label below, so an empty bucket still shows where it is.
QString histogramSvg(const RunStats &stats)
{
    const auto &histogram = stats.latencyHistogram();
    const int most = *std::max_element(histogram.cbegin(), histogram.cend());

    QString summary;
    for (int bucket = 0; bucket < RunStats::latencyBucketCount; ++bucket) {
        summary += (bucket == 0 ? QString() : QStringLiteral("; "))
                + RunStats::latencyBucketLabel(bucket) + u": "
                + counted(histogram.at(std::size_t(bucket)));
    }
    const QString label = stats.answeredCount() == 0
            ? tr("Latency histogram: no row got an answer, so there are no latencies.")
            : tr("Latency histogram of the %1 that got an answer. %2.")
                      .arg(rowsText(stats.answeredCount()), summary);

    constexpr double width = 720, left = 8,
                     slot = (width - 2 * left) / RunStats::latencyBucketCount;
    constexpr double barWidth = slot * 0.75, top = 20, bottom = 180, labelY = 196;
    QString svg = u"<svg role=\"img\" aria-label=\"" + escaped(label) + u"\" viewBox=\"0 0 "
            + coord(width) + u" 222\"><title>" + escaped(label) + u"</title>";
    svg += u"<line class=\"axis\" x1=\"" + coord(left) + u"\" y1=\"" + coord(bottom) + u"\" x2=\""
            + coord(width - left) + u"\" y2=\"" + coord(bottom) + u"\"/>";
    for (int bucket = 0; bucket < RunStats::latencyBucketCount; ++bucket) {
        const int rows = histogram.at(std::size_t(bucket));
        const double centre = left + slot * (bucket + 0.5);
        const QString bucketLabel = escaped(RunStats::latencyBucketLabel(bucket));
        if (rows > 0 && most > 0) {
            // At least 2 units high: one row among a million must still be seen.
            const double height = std::max(2.0, (bottom - top) * rows / most);
            svg += u"<rect class=\"bar\" x=\"" + coord(centre - barWidth / 2) + u"\" y=\""
                    + coord(bottom - height) + u"\" width=\"" + coord(barWidth) + u"\" height=\""
                    + coord(height) + u"\"><title>" + bucketLabel + u": " + counted(rows)
                    + u"</title></rect>";
            svg += u"<text x=\"" + coord(centre) + u"\" y=\"" + coord(bottom - height - 4)
                    + u"\" text-anchor=\"middle\">" + counted(rows) + u"</text>";
        }
        // "100–250 ms" is wider than its slot: the unit goes on a line of its own.
        const QString fullLabel = RunStats::latencyBucketLabel(bucket);
        const qsizetype space = fullLabel.lastIndexOf(u' '); // -1: all on one line
        svg += u"<text x=\"" + coord(centre) + u"\" y=\"" + coord(labelY)
                + u"\" text-anchor=\"middle\">"
                + escaped(space < 0 ? fullLabel : fullLabel.left(space)) + u"<tspan x=\""
                + coord(centre) + u"\" dy=\"13\">"
                + escaped(space < 0 ? QString() : fullLabel.mid(space + 1)) + u"</tspan></text>";
    }
    if (most == 0) {
        svg += u"<text x=\"" + coord(width / 2) + u"\" y=\"" + coord((top + bottom) / 2)
                + u"\" text-anchor=\"middle\">" + escaped(tr("No answers")) + u"</text>";
    }
    return svg + u"</svg>";
}

struct StatusBar
{
    QString label;
    QString css;
    int rows;
};

QList<StatusBar> statusBars(const RunStats &stats)
{
    QList<StatusBar> bars;
    for (int n = 0; n < statusClassCount; ++n) {
        bars.append({statusClassName(StatusClass(n)), u'b' + QString::number(n + 1),
                     stats.statusCount(StatusClass(n))});
    }
    bars.append({tr("No answer"), QStringLiteral("be"), stats.errorTotal()});
    if (stats.unclassifiedCount() > 0)
        bars.append({tr("Other"), QStringLiteral("b1"), stats.unclassifiedCount()});
    return bars;
}

// Rows by status class, and the rows that got no answer: horizontal bars, a label left of
// each, its count right of it.
QString statusSvg(const RunStats &stats)
{
    const QList<StatusBar> bars = statusBars(stats);
    int most = 0;
    QString summary;
    for (const StatusBar &bar : bars) {
        most = std::max(most, bar.rows);
        summary += (summary.isEmpty() ? QString() : QStringLiteral("; ")) + bar.label + u": "
                + counted(bar.rows);
    }
    const QString label = stats.rowCount() == 0
            ? tr("Rows by status: there were no rows.")
            : tr("Rows by status, %1 in all. %2.").arg(rowsText(stats.rowCount()), summary);

    constexpr double width = 720, labelRight = 104, barLeft = 112, barSpace = 520, rowHeight = 28;
    const double height = rowHeight * double(bars.size()) + 8;
    QString svg = u"<svg role=\"img\" aria-label=\"" + escaped(label) + u"\" viewBox=\"0 0 "
            + coord(width) + u' ' + coord(height) + u"\"><title>" + escaped(label) + u"</title>";
    svg += u"<line class=\"axis\" x1=\"" + coord(barLeft) + u"\" y1=\"4\" x2=\"" + coord(barLeft)
            + u"\" y2=\"" + coord(height - 4) + u"\"/>";
    for (int i = 0; i < bars.size(); ++i) {
        const StatusBar &bar = bars.at(i);
        const double y = 4 + rowHeight * i;
        const double textY = y + rowHeight / 2 + 4;
        svg += u"<text x=\"" + coord(labelRight) + u"\" y=\"" + coord(textY)
                + u"\" text-anchor=\"end\">" + escaped(bar.label) + u"</text>";
        double barEnd = barLeft;
        if (bar.rows > 0 && most > 0) {
            const double length = std::max(2.0, barSpace * bar.rows / most);
            barEnd += length;
            svg += u"<rect class=\"bar " + bar.css + u"\" x=\"" + coord(barLeft) + u"\" y=\""
                    + coord(y + 4) + u"\" width=\"" + coord(length) + u"\" height=\""
                    + coord(rowHeight - 8) + u"\"><title>" + escaped(bar.label) + u": "
                    + counted(bar.rows) + u"</title></rect>";
        }
        svg += u"<text x=\"" + coord(barEnd + 6) + u"\" y=\"" + coord(textY) + u"\">"
                + counted(bar.rows) + u" (" + percentOf(bar.rows, stats.rowCount()) + u")</text>";
    }
    return svg + u"</svg>";
}

QString factRow(const QString &term, const QString &html)
{
    return u"<dt>" + escaped(term) + u"</dt><dd>" + html + u"</dd>\n";
}

QString countRow(const QString &label, int rows, int whole)
{
    return u"<tr><th scope=\"row\">" + escaped(label) + u"</th><td class=\"num\">" + counted(rows)
            + u"</td><td class=\"num\">" + percentOf(rows, whole) + u"</td></tr>\n";
}

// The run: what, when, how long, how fast; the start of the facts grid.
QString runFactsHtml(const ExportHeader &header, const RunStats &stats)
{
    const RunSummary &run = header.run;
    QString html = QStringLiteral("<div class=\"grid\">\n<dl class=\"facts\">\n");
    html += factRow(tr("Batch"),
                    escaped(run.batchName.isEmpty() ? tr("(unnamed)") : run.batchName));
    html += factRow(tr("Run"), QString::number(run.id));
    html += factRow(tr("State"), escaped(runStateText(run.state)));
    html += factRow(tr("Certificates"),
                    escaped(run.certificatesChecked ? tr("checked") : tr("NOT checked")));
    if (!header.method.isEmpty())
        html += factRow(tr("Method"), escaped(QString::fromUtf8(header.method)));
    html += factRow(tr("Started"), utcTime(run.started));
    if (run.finished.isValid()) {
        html += factRow(run.state == RunState::Interrupted ? tr("Last result") : tr("Finished"),
                        utcTime(run.finished));
    }
    if (run.started.isValid() && run.finished.isValid() && run.finished >= run.started)
        html += factRow(tr("Took"), escaped(duration(run.started.msecsTo(run.finished))));
    if (run.rowCount != stats.rowCount()) {
        html += factRow(tr("Rows in the batch"),
                        escaped(tr("%1, of which %2 in this report")
                                        .arg(counted(run.rowCount), counted(stats.rowCount()))));
    }
    // Not RunStats' per-second series: an export adds every row at second 0.
    if (run.started.isValid() && run.finished.isValid() && stats.rowCount() > 0) {
        const qint64 ms = run.started.msecsTo(run.finished);
        if (ms >= 1000) {
            const double rate = 1000.0 * stats.rowCount() / double(ms);
            html += factRow(tr("Average rate"),
                            escaped(tr("%1 rows a second").arg(QString::number(rate, 'f', 1))));
        }
    }
    html += factRow(tr("Exported"), utcTime(header.exported));
    html += u"</dl>\n";
    return html;
}

// Request headers as sent; the secret ones never reached the history, only their names.
QString requestHtml(const ExportHeader &header)
{
    if (header.requestHeaders.isEmpty() && header.withheldHeaders.isEmpty()
        && header.requestBody.isEmpty())
        return {};
    QString html = u"<div><h3>" + escaped(tr("Request")) + u"</h3><dl class=\"facts\">\n";
    for (const auto &[name, value] : header.requestHeaders) {
        html += factRow(QString::fromUtf8(name),
                        u"<code>" + escaped(QString::fromUtf8(value)) + u"</code>");
    }
    for (const QByteArray &name : header.withheldHeaders)
        html += factRow(QString::fromUtf8(name), escaped(tr("(secret, not kept)")));
    if (!header.requestBody.isEmpty()) {
        html += factRow(tr("Body"),
                        escaped(tr("%1, not included")
                                        .arg(QLocale::c().formattedDataSize(
                                                header.requestBody.size(), 1,
                                                QLocale::DataSizeTraditionalFormat))));
    }
    html += u"</dl></div>\n";
    return html;
}

QString statusTableHtml(const RunStats &stats)
{
    QString html = u"<div class=\"grid\">\n<div><h3 id=\"status-heading\">"
            + escaped(tr("By status"))
            + u"</h3>\n<table aria-labelledby=\"status-heading\"><thead><tr><th scope=\"col\">"
            + escaped(tr("Status")) + u"</th><th scope=\"col\" class=\"num\">" + escaped(tr("Rows"))
            + u"</th><th scope=\"col\" class=\"num\">" + escaped(tr("Share"))
            + u"</th></tr></thead><tbody>\n";
    for (const StatusBar &bar : statusBars(stats))
        html += countRow(bar.label, bar.rows, stats.rowCount());
    html += u"</tbody></table></div>\n";
    return html;
}

QString errorsTableHtml(const RunStats &stats)
{
    QString html = u"<div><h3 id=\"errors-heading\">" + escaped(tr("Rows with no answer, by error"))
            + u"</h3>\n";
    if (stats.errorTotal() == 0) {
        html += u"<p>"
                + escaped(stats.rowCount() == 0 ? tr("No rows, so no errors.")
                                                : tr("Every row got an answer."))
                + u"</p>\n";
    } else {
        html += u"<table aria-labelledby=\"errors-heading\"><thead><tr><th scope=\"col\">"
                + escaped(tr("Error")) + u"</th><th scope=\"col\" class=\"num\">"
                + escaped(tr("Rows")) + u"</th><th scope=\"col\" class=\"num\">"
                + escaped(tr("Share")) + u"</th></tr></thead><tbody>\n";
        for (int kind = 1; kind < errorKindCount; ++kind) {
            const int rows = stats.errorCount(ErrorKind(kind));
            if (rows > 0)
                html += countRow(errorKindLabel(ErrorKind(kind)), rows, stats.rowCount());
        }
        html += u"</tbody></table>\n";
    }
    html += u"</div>\n";
    return html;
}

QString latencyHtml(const RunStats &stats)
{
    QString html = u"<div><h3 id=\"latency-heading\">" + escaped(tr("Latency")) + u"</h3>\n";
    if (const auto latency = stats.latencyPercentiles()) {
        html += u"<table aria-labelledby=\"latency-heading\"><tbody>\n";
        const std::array<std::pair<QString, qint64>, 4> rows{{
                {tr("Median"), latency->p50Ms},
                {tr("9 in 10 took at most"), latency->p90Ms},
                {tr("99 in 100 took at most"), latency->p99Ms},
                {tr("Slowest"), latency->maxMs},
        }};
        for (const auto &[name, ms] : rows) {
            html += u"<tr><th scope=\"row\">" + escaped(name) + u"</th><td class=\"num\">"
                    + escaped(tr("%1 ms").arg(counted(ms))) + u"</td></tr>\n";
        }
        html += u"</tbody></table>\n<p class=\"muted\">"
                + escaped(
                        tr("Over the %1 that got an answer.").arg(rowsText(stats.answeredCount())))
                + u"</p>\n";
    } else {
        html += u"<p>"
                + escaped(stats.rowCount() == 0
                                  ? tr("No rows, so no latencies.")
                                  : tr("No row got an answer, so there are no latencies."))
                + u"</p>\n";
    }
    return html;
}

QString summaryHtml(const ExportHeader &header, int okCount, int failedCount)
{
    const RunStats &stats = header.stats;
    const RunSummary &run = header.run;
    QString html = u"<section id=\"summary\" aria-labelledby=\"summary-heading\">\n<h2 "
                   u"id=\"summary-heading\">"
            + escaped(tr("Summary")) + u"</h2>\n";

    if (stats.rowCount() == 0)
        html += u"<p><strong>" + escaped(tr("There were no rows in this run."))
                + u"</strong></p>\n";
    if (!run.certificatesChecked)
        html += u"<p class=\"warning\" id=\"certificates\"><strong>"
                + escaped(uncheckedCertificatesNote()) + u"</strong></p>\n";

    html += u"<ul class=\"tiles\"><li>" + escaped(tr("Rows")) + u"<b>" + counted(stats.rowCount())
            + u"</b></li><li class=\"s2\">" + escaped(tr("OK")) + u"<b>" + counted(okCount)
            + u"</b>" + percentOf(okCount, stats.rowCount())
            + (failedCount > 0 ? QStringLiteral("</li><li class=\"se\">")
                               : QStringLiteral("</li><li>"))
            + escaped(tr("Failed")) + u"<b>" + counted(failedCount) + u"</b>"
            + percentOf(failedCount, stats.rowCount()) + u"</li></ul>\n";

    html += runFactsHtml(header, stats);
    html += requestHtml(header);
    html += u"</div>\n";

    html += statusTableHtml(stats);
    html += errorsTableHtml(stats);
    html += latencyHtml(stats);
    html += u"</div>\n</div>\n";

    html += u"<figure>" + statusSvg(stats) + u"<figcaption>"
            + escaped(tr("Rows by kind of answer; \"No answer\" are rows that failed before any "
                         "answer came."))
            + u"</figcaption></figure>\n";
    html += u"<figure>" + histogramSvg(stats) + u"<figcaption>"
            + escaped(tr("How long the answered rows took, by latency range."))
            + u"</figcaption></figure>\n";
    html += u"</section>\n";
    return html;
}

} // namespace

QList<ResultFilter> HtmlReportWriter::passes() const
{
    // Statuses past 599 are not HTTP's, yet servers send them: failures too, not dropped.
    QList<ResultFilter> passes{ResultFilter::transportErrors(), ResultFilter::ofStatusClass(5),
                               ResultFilter::ofStatusClass(4),  ResultFilter::ofStatusClass(6),
                               ResultFilter::ofStatusClass(7),  ResultFilter::ofStatusClass(8),
                               ResultFilter::ofStatusClass(9),  ResultFilter::ofStatusClass(1)};
    for (const bool unmet : {true, false}) {
        for (const int statusClass : {2, 3}) {
            ResultFilter filter = ResultFilter::ofStatusClass(statusClass);
            filter.unmetOnly = unmet;
            filter.metOnly = !unmet;
            passes.append(filter);
        }
    }
    return passes;
}

bool HtmlReportWriter::isFailure(const Result &result)
{
    return !result.ok() || result.verdict == Verdict::Failed;
}

QString HtmlReportWriter::sectionRow(const QString &id, const QString &heading, bool closed) const
{
    return u"<tbody id=\"" + id + u"\"><tr class=\"section\"><th scope=\"rowgroup\" colspan=\""
            + QString::number(m_columnCount) + u"\">" + escaped(heading) + u"</th></tr>"
            + (closed ? u"</tbody>\n" : u"\n");
}

void HtmlReportWriter::put(const QString &html)
{
    m_device->write(html.toUtf8());
}

void HtmlReportWriter::begin(const ExportHeader &header)
{
    const RunStats &stats = header.stats;
    m_okCount = stats.statusCount(StatusClass::Success)
            + stats.statusCount(StatusClass::Redirection) - stats.unmetOkCount();
    m_failedCount = stats.rowCount() - m_okCount;
    m_inspection = inspectionFieldsOf(header.run);
    m_salvoVersion
            = header.salvoVersion.isEmpty() ? QStringLiteral(SALVO_VERSION) : header.salvoVersion;
    m_exported = header.exported;
    m_section = Section::None;

    const QString title
            = tr("Salvo report: %1")
                      .arg(header.run.batchName.isEmpty() ? tr("(unnamed)") : header.run.batchName);
    // charset within the first 1024 bytes; the policy before any content, as a backstop
    // should an escape ever be missed: nothing may be fetched, no script may run.
    QString html = u"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   u"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   u"style-src 'unsafe-inline'; img-src data:\">\n"
                   u"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   u"<meta name=\"color-scheme\" content=\"light dark\">\n"
                   u"<meta name=\"generator\" content=\""
            + escaped(QString(u"Salvo " + m_salvoVersion)) + u"\">\n<title>" + escaped(title)
            + u"</title>\n<style>" + QString::fromUtf8(styleSheet) + u"</style>\n</head>\n<body>\n"
            + u"<header><h1>" + escaped(title) + u"</h1></header>\n<main>\n";
    html += summaryHtml(header, m_okCount, m_failedCount);

    html += u"<section id=\"results\" aria-labelledby=\"results-heading\">\n<h2 "
            u"id=\"results-heading\">"
            + escaped(tr("Results, failures first")) + u"</h2>\n<p class=\"muted\">"
            + escaped(m_failedCount > maxRowsPerSection || m_okCount > maxRowsPerSection
                              ? tr("First the rows that failed, then the rest, each group in row "
                                   "order and at most %1 rows long, so that a browser can open the "
                                   "report: the CSV or JSON export has every row. Response bodies "
                                   "are not included.")
                                        .arg(QLocale(QLocale::English).toString(maxRowsPerSection))
                              : tr("Every row: first the ones that failed, then the rest, each "
                                   "group in row order. Response bodies are not included."))
            + u"</p>\n<table class=\"results\">\n<colgroup><col><col><col><col><col><col><col>"
              u"</colgroup>\n<thead><tr>";
    QStringList extraColumns = m_inspection.columns + m_inspection.inputColumns;
    if (m_inspection.expects)
        extraColumns.prepend(tr("Passed"));
    m_columnCount = 7 + int(extraColumns.size());
    for (const char *column : {QT_TRANSLATE_NOOP("salvo::HtmlReportWriter", "Row"),
                               QT_TRANSLATE_NOOP("salvo::HtmlReportWriter", "Address"),
                               QT_TRANSLATE_NOOP("salvo::HtmlReportWriter", "Status"),
                               QT_TRANSLATE_NOOP("salvo::HtmlReportWriter", "Time (ms)"),
                               QT_TRANSLATE_NOOP("salvo::HtmlReportWriter", "Size"),
                               QT_TRANSLATE_NOOP("salvo::HtmlReportWriter", "Content type"),
                               QT_TRANSLATE_NOOP("salvo::HtmlReportWriter", "Message")}) {
        html += u"<th scope=\"col\">" + escaped(tr(column)) + u"</th>";
    }
    for (const QString &column : std::as_const(extraColumns))
        html += u"<th scope=\"col\">" + escaped(column) + u"</th>";
    html += u"</tr></thead>\n";
    put(html);
}

QString HtmlReportWriter::shownPart(int rowsInSection)
{
    return rowsInSection > maxRowsPerSection
            ? tr(", the first %1 shown").arg(QLocale(QLocale::English).toString(maxRowsPerSection))
            : QString();
}

void HtmlReportWriter::openSection(Section section)
{
    QString html;
    if (m_section != Section::None)
        html += u"</tbody>\n";
    if (section == Section::Successes && m_section == Section::None) {
        // No failure came first: say so where the failures would be.
        html += sectionRow(QStringLiteral("failures"), tr("Failures: none"), true);
    }
    if (section == Section::Failures) {
        html += sectionRow(QStringLiteral("failures"),
                           tr("Failures first: %1").arg(rowsText(m_failedCount))
                                   + shownPart(m_failedCount),
                           false);
    } else {
        html += sectionRow(QStringLiteral("successes"),
                           tr("Successes: %1").arg(rowsText(m_okCount)) + shownPart(m_okCount),
                           false);
    }
    m_section = section;
    m_rowsInSection = 0;
    put(html);
}

// One row, as small as it can be read: bodies are left out on purpose (the other exports
// carry them), so that a report of 1,000,000 rows stays a file a browser can open.
void HtmlReportWriter::write(const Result &result)
{
    // The passes bring every failure before the first success; a failure after that (not
    // possible through passes()) stays in the successes' section rather than open a second one.
    const Section section = isFailure(result) ? Section::Failures : Section::Successes;
    if (m_section == Section::None || (section == Section::Successes && m_section != section))
        openSection(section);
    if (++m_rowsInSection > maxRowsPerSection)
        return; // past what a browser opens comfortably; the heading says so

    // The numeric columns are aligned by the style sheet, not a class on each cell: a million
    // rows are 40 MB smaller so. A failure's cell holds its sentence only, for the colleague who
    // reads the report; the technical detail behind it (the network library's names for the
    // error, the timer that fired) stays in the window's Technical details and in the CSV, JSON,
    // HAR and JUnit exports.
    QString html = u"<tr><td>" + QString::number(result.index + 1);
    if (result.line > 0 && result.line != result.index + 1)
        html += u"<span class=\"line\">" + escaped(tr("line %1").arg(result.line)) + u"</span>";
    html += u"</td><td>" + escaped(result.url) + u"</td><td class=\"" + statusCss(result) + u"\">"
            + escaped(statusText(result)) + u"</td><td>"
            + (result.attempts > 0 || result.elapsedMs > 0 ? counted(result.elapsedMs) : QString())
            + u"</td><td>"
            + (result.status > 0 ? QLocale::c().formattedDataSize(
                       result.bytes, 1, QLocale::DataSizeTraditionalFormat)
                                 : QString())
            + u"</td><td>" + escaped(result.contentType.section(u';', 0, 0).trimmed())
            + u"</td><td>" + escaped(result.message);
    if (result.certificatesUnchecked)
        html += u"<span class=\"unchecked\">" + escaped(uncheckedCertificatesLabel()) + u"</span>";
    for (const QString &unmet : result.failedExpectations)
        html += u"<span class=\"unmet\">" + escaped(unmet) + u"</span>";
    html += u"</td>";
    if (m_inspection.expects) {
        html += u"<td>"
                + (result.verdict == Verdict::NotChecked       ? QString()
                           : result.verdict == Verdict::Passed ? tr("passed")
                                                               : tr("failed"))
                + u"</td>";
    }
    for (qsizetype i = 0; i < m_inspection.columns.size(); ++i)
        html += u"<td>" + escaped(result.extracted.value(i)) + u"</td>";
    for (qsizetype i = 0; i < m_inspection.inputColumns.size(); ++i)
        html += u"<td>" + escaped(result.columns.value(i)) + u"</td>";
    html += u"</tr>\n";
    put(html);
}

void HtmlReportWriter::finish()
{
    QString html;
    if (m_section != Section::None) {
        html += u"</tbody>\n";
    } else {
        html += sectionRow(QStringLiteral("no-rows"), tr("There were no rows in this run."), true);
    }
    if (m_section == Section::Failures)
        html += sectionRow(QStringLiteral("successes"), tr("Successes: none"), true);
    html += u"</table>\n</section>\n</main>\n<footer>"
            + escaped(tr("Made by Salvo %1").arg(m_salvoVersion)) + u" · " + escaped(tr("exported"))
            + u' ' + utcTime(m_exported) + u"</footer>\n</body>\n</html>\n";
    put(html);
}

} // namespace salvo
