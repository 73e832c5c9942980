// HtmlReportWriter: the report read back as a browser would, through Python's html.parser
// (Debian's /usr/bin/python3, not whatever python3 is first on PATH): the tags balance, the
// failures come first, hostile text stays text, the charts are there, nothing is fetched.

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>

#include "engine/NetworkErrors.h"
#include "jobs/ExportWriter.h"
#include "jobs/HtmlReportWriter.h"
#include "result/ErrorMessages.h"

using namespace Qt::StringLiterals;
using namespace salvo;

namespace {

const QString python = u"/usr/bin/python3"_s;

// Reads the document on stdin and prints what a person would look for, as JSON.
const char parserScript[] = R"PY(
import json, re, sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
FETCHING = {"src", "href", "xlink:href", "srcset", "action", "formaction", "poster", "data",
            "background"}
COORDS = {"x", "y", "width", "height", "x1", "y1", "x2", "y2"}
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")

class Report(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.tags = [], [], {}
        self.doctype, self.csp, self.title, self.text = None, None, None, []
        self.references, self.bad_numbers, self.svgs, self.sections = [], [], [], []
        self.cell = None
        self.row = None
        self.in_results = False
        self.in_svg = False
        self.in_title = False
        self.th_text = None

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        self.open(tag, dict(attrs))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.open(tag, dict(attrs))

    def open(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for name, value in attrs.items():
            if name in FETCHING:
                self.references.append([tag, name, value or ""])
            if self.in_svg and name in COORDS and not NUMBER.fullmatch(value or ""):
                self.bad_numbers.append([tag, name, value])
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = attrs.get("content")
        if tag == "title" and not self.in_svg:
            self.in_title = True
            self.title = ""
        if tag == "svg":
            self.in_svg = True
            self.svgs.append({"role": attrs.get("role"), "label": attrs.get("aria-label"),
                              "titled": False, "bars": 0})
        if tag == "title" and self.in_svg and self.stack and self.stack[-1] == "svg":
            self.svgs[-1]["titled"] = True
        if tag == "rect" and "bar" in (attrs.get("class") or "").split():
            self.svgs[-1]["bars"] += 1
        if tag == "table" and "results" in (attrs.get("class") or "").split():
            self.in_results = True
        if self.in_results and tag == "tbody":
            self.sections.append({"id": attrs.get("id"), "heading": "", "rows": []})
        if self.in_results and tag == "tr" and self.sections:
            self.row = []
        if self.in_results and tag == "td" and self.row is not None:
            self.cell = ""
        if self.in_results and tag == "th" and attrs.get("scope") == "rowgroup":
            self.th_text = ""

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append("</%s> closes <%s>" % (tag, self.stack[-1] if self.stack else ""))
        else:
            self.stack.pop()
        if tag == "svg":
            self.in_svg = False
        if tag == "title":
            self.in_title = False
        if tag == "table":
            self.in_results = False
        if self.in_results and tag == "td" and self.cell is not None:
            self.row.append(self.cell)
            self.cell = None
        if self.in_results and tag == "th" and self.th_text is not None:
            self.sections[-1]["heading"] = self.th_text
            self.th_text = None
        if self.in_results and tag == "tr" and self.row is not None:
            if self.row:
                self.sections[-1]["rows"].append(self.row)
            self.row = None

    def handle_data(self, data):
        self.text.append(data)
        if self.in_title:
            self.title += data
        if self.cell is not None:
            self.cell += data
        if self.th_text is not None:
            self.th_text += data

report = Report()
report.feed(sys.stdin.buffer.read().decode("utf-8"))
report.close()
if report.stack:
    report.problems.append("never closed: " + " ".join(report.stack))
json.dump({"problems": report.problems, "doctype": report.doctype, "tags": report.tags,
           "csp": report.csp, "title": report.title, "text": "".join(report.text),
           "references": report.references, "badNumbers": report.bad_numbers,
           "svgs": report.svgs, "sections": report.sections}, sys.stdout)
)PY";

QJsonObject parsed(const QByteArray &html)
{
    QProcess process;
    process.start(python, {u"-I"_s, u"-c"_s, QString::fromUtf8(parserScript)});
    if (!process.waitForStarted(10000))
        return {};
    process.write(html);
    process.closeWriteChannel();
    process.waitForFinished(30000);
    const QByteArray errors = process.readAllStandardError();
    if (!errors.isEmpty())
        qWarning("%s", errors.constData());
    return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
}

Result row(int index, int status, qint64 elapsedMs, const QString &url)
{
    Result result;
    result.index = index;
    result.line = index + 1;
    result.url = url;
    result.method = "GET";
    result.status = status;
    result.elapsedMs = elapsedMs;
    result.firstByteMs = elapsedMs / 2;
    result.bytes = status > 0 ? 1500 : 0;
    result.contentType = status > 0 ? u"text/html; charset=utf-8"_s : QString();
    result.attempts = 1;
    return result;
}

Result failed(int index, ErrorKind error, qint64 elapsedMs, const QString &url,
              const QString &message)
{
    Result result = row(index, 0, elapsedMs, url);
    result.error = error;
    result.message = message;
    return result;
}

const QString hostileUrl = u"https://evil.example/\"><script>alert(1)</script>'x='"_s;
const QString boldMessage = u"Host not found: <b>nohost.invalid</b> & co"_s;

// A mixed run: every class, two kinds of error, a hostile address and message.
ResultBatch mixedRun()
{
    Result timeout = failed(6, ErrorKind::Timeout, 30'000, u"https://slow.example/"_s,
                            u"slow.example did not answer\u0001 within 30 s."_s);
    timeout.detail = u"deadline timeout of 30000 ms fired"_s;
    Result serverError = row(9, 500, 40, u"https://a.example/broken"_s);
    serverError.line = 12;
    // What a hostile server chooses: its content type, and words Qt quotes in the detail.
    serverError.contentType = u"text/<img src=x onerror=alert(1)></table>; charset=x"_s;
    serverError.message = u"</td></tr></table><script>alert(2)</script>"_s;
    serverError.detail = u"server replied: <iframe src=\"https://evil.example/\"></iframe>"_s;
    Result veryLong = row(10, 200, 70, u"https://a.example/"_s + QString(400, u'x'));
    Result withBody = row(0, 200, 5, u"https://a.example/"_s);
    withBody.body = "<p>hello body <img src=\"https://tracker.example/x.gif\"></p>";
    return {withBody,
            failed(1, ErrorKind::Dns, 3, u"https://nohost.invalid/"_s, boldMessage),
            row(2, 404, 15, hostileUrl),
            row(3, 503, 30, u"https://a.example/busy"_s),
            row(4, 301, 12, u"https://a.example/moved"_s),
            row(5, 200, 800, u"https://a.example/slow"_s),
            timeout,
            row(7, 101, 7, u"https://a.example/upgrade"_s),
            row(8, 200, 12'000, u"https://a.example/slower"_s),
            serverError,
            veryLong};
}

// The rows in the order ExportJob streams them: each pass in turn, row order within.
ResultBatch inPassOrder(const ExportWriter &writer, const ResultBatch &rows)
{
    ResultBatch ordered;
    for (const ResultFilter &filter : writer.passes()) {
        for (const Result &result : rows) {
            if (filter.matches(result))
                ordered.append(result);
        }
    }
    return ordered;
}

ExportHeader headerFor(const ResultBatch &rows)
{
    ExportHeader header;
    header.run.id = 42;
    header.run.batchName = u"Nightly & <checks>"_s;
    header.run.state = RunState::Finished;
    header.run.started = QDateTime(QDate(2024, 5, 1), QTime(10, 0), Qt::UTC);
    header.run.finished = header.run.started.addMSecs(31'500);
    header.run.rowCount = int(rows.size());
    header.run.resultCount = int(rows.size());
    header.method = "GET";
    header.requestHeaders = {{"Accept", "text/html"}};
    header.withheldHeaders = {"Authorization"};
    header.stats.add(rows, 1000);
    header.exported = QDateTime(QDate(2024, 5, 2), QTime(8, 30), Qt::UTC);
    header.salvoVersion = u"9.9.9"_s;
    return header;
}

QByteArray report(const ResultBatch &rows, const ExportHeader &header)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const std::unique_ptr<ExportWriter> writer = ExportWriter::create(ExportFormat::Html, &buffer);
    writer->begin(header);
    for (const Result &result : inPassOrder(*writer, rows))
        writer->write(result);
    writer->finish();
    return buffer.data();
}

QByteArray report(const ResultBatch &rows)
{
    return report(rows, headerFor(rows));
}

QStringList column(const QJsonObject &section, int index)
{
    QStringList cells;
    for (const QJsonValue &cellsOfRow : section.value(u"rows"_s).toArray())
        cells.append(cellsOfRow.toArray().at(index).toString());
    return cells;
}

QJsonObject svgLabelled(const QJsonObject &document, const QString &prefix)
{
    for (const QJsonValue &svg : document.value(u"svgs"_s).toArray()) {
        if (svg[u"label"_s].toString().startsWith(prefix))
            return svg.toObject();
    }
    return {};
}

// What every report must be, whatever its rows.
void verifySound(const QByteArray &html, const QJsonObject &document)
{
    QVERIFY2(!document.isEmpty(), "python's html.parser gave no answer");
    QCOMPARE(document[u"problems"_s].toArray(), QJsonArray());
    QCOMPARE(document[u"doctype"_s].toString(), u"DOCTYPE html"_s);
    // The charset and the policy come before any content.
    QVERIFY(html.indexOf("<meta charset=\"utf-8\">") < 1024);
    QVERIFY(html.indexOf("Content-Security-Policy") < html.indexOf("<body>"));
    QCOMPARE(document[u"csp"_s].toString(),
             u"default-src 'none'; style-src 'unsafe-inline'; img-src data:"_s);
    // Nothing runs, nothing is fetched.
    QVERIFY(!html.toLower().contains("<script"));
    const QJsonObject tags = document[u"tags"_s].toObject();
    for (const char *tag : {"script", "link", "img", "iframe", "object", "embed", "base"})
        QVERIFY2(!tags.contains(QLatin1StringView(tag)), tag);
    for (const QJsonValue &reference : document[u"references"_s].toArray()) {
        const QString value = reference[2].toString();
        QVERIFY2(value.startsWith(u'#') || value.startsWith(u"data:"_s), qPrintable(value));
    }
    QVERIFY(!html.contains("url("));
    // Two charts, each an image with a name.
    const QJsonArray svgs = document[u"svgs"_s].toArray();
    QCOMPARE(svgs.size(), 2);
    for (const QJsonValue &svg : svgs) {
        QCOMPARE(svg[u"role"_s].toString(), u"img"_s);
        QVERIFY(!svg[u"label"_s].toString().isEmpty());
        QVERIFY(svg[u"titled"_s].toBool());
    }
    // Coordinates are plain numbers: no decimal comma, no nan, no inf.
    QCOMPARE(document[u"badNumbers"_s].toArray(), QJsonArray());
    // No control character but tab and line ends.
    QVERIFY(std::none_of(html.cbegin(), html.cend(), [](char c) {
        return uchar(c) < 0x20 && c != '\n' && c != '\t' && c != '\r';
    }));
    QVERIFY(document[u"text"_s].toString().contains(u"Made by Salvo 9.9.9"_s));
}

} // namespace

class TestHtmlReportWriter final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // A decimal comma in a coordinate would break the charts.
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        if (!QFile::exists(python))
            QSKIP("Debian's /usr/bin/python3 is needed to parse the reports");
    }

    void passesBringFailuresFirst()
    {
        QBuffer buffer;
        const HtmlReportWriter writer(&buffer);
        const QList<ResultFilter> passes = writer.passes();
        // The ok answers that failed an expectation come before the ones that did not.
        const QList<int> classes{0, 5, 4, 6, 7, 8, 9, 1, 2, 3, 2, 3};
        QCOMPARE(passes.size(), classes.size());
        for (int i = 0; i < passes.size(); ++i) {
            QCOMPARE(passes.at(i).statusClass, classes.at(i));
            QCOMPARE(passes.at(i).error, ErrorKind::None);
            QCOMPARE(passes.at(i).unmetOnly, i == 8 || i == 9);
            QCOMPARE(passes.at(i).metOnly, i >= 10);
        }
        const std::unique_ptr<ExportWriter> created
                = ExportWriter::create(ExportFormat::Html, &buffer);
        QVERIFY(dynamic_cast<HtmlReportWriter *>(created.get()));
    }

    // A run with expectations, an extracted column and a CSV's own column: a row whose
    // answer was ok but failed an expectation is a failure, with its sentence; the columns
    // follow the message.
    void expectationsAndColumns()
    {
        ResultBatch rows;
        for (int i = 0; i < 3; ++i) {
            Result result = row(i, i == 2 ? 404 : 200, 30, u"https://shop.example/%1"_s.arg(i));
            result.columns = {u"A-%1"_s.arg(i)};
            result.extracted = {i == 0 ? u"12.5"_s : QString()};
            result.verdict = i == 0 ? Verdict::Passed : Verdict::Failed;
            if (i > 0)
                result.failedExpectations
                        = {u"Expected .in_stock == true to hold, it gave false"_s};
            rows.append(result);
        }
        ExportHeader header = headerFor(rows);
        auto plan = std::make_shared<InspectionPlan>();
        plan->extractors.append(Extractor::parse(u"price=.price"_s).value());
        header.run.inspection = plan;
        header.run.expects = true;
        header.run.inputColumns = {u"sku"_s};
        const QByteArray html = report(rows, header);
        const QJsonObject document = parsed(html);
        verifySound(html, document);
        if (QTest::currentTestFailed())
            return;
        const QJsonArray sections = document[u"sections"_s].toArray();
        QCOMPARE(sections.size(), 2);
        const QJsonObject failures = sections.at(0).toObject();
        const QJsonObject successes = sections.at(1).toObject();
        QCOMPARE(failures[u"heading"_s].toString(), u"Failures first: 2 rows"_s);
        QCOMPARE(successes[u"heading"_s].toString(), u"Successes: 1 row"_s);
        QCOMPARE(column(failures, 0), (QStringList{u"3"_s, u"2"_s}));
        QCOMPARE(column(failures, 7), (QStringList{u"failed"_s, u"failed"_s}));
        QVERIFY(column(failures, 6).at(1).contains(u"Expected .in_stock == true to hold"_s));
        QCOMPARE(column(successes, 7), QStringList{u"passed"_s});
        QCOMPARE(column(successes, 8), QStringList{u"12.5"_s});
        QCOMPARE(column(successes, 9), QStringList{u"A-0"_s});
        QCOMPARE(column(failures, 9), (QStringList{u"A-2"_s, u"A-1"_s}));
    }

    void mixedRun()
    {
        const ResultBatch rows = ::mixedRun();
        const QByteArray html = report(rows);
        if (const QByteArray path = qgetenv("SALVO_SAVE_HTML_REPORT"); !path.isEmpty()) {
            QFile sample(QString::fromLocal8Bit(path));
            QVERIFY(sample.open(QIODevice::WriteOnly));
            sample.write(html);
        }
        const QJsonObject document = parsed(html);
        verifySound(html, document);
        if (QTest::currentTestFailed())
            return;

        QCOMPARE(document[u"title"_s].toString(), u"Salvo report: Nightly & <checks>"_s);

        // Failures first, each pass in row order; then the successes.
        const QJsonArray sections = document[u"sections"_s].toArray();
        QCOMPARE(sections.size(), 2);
        const QJsonObject failures = sections.at(0).toObject();
        const QJsonObject successes = sections.at(1).toObject();
        QCOMPARE(failures[u"id"_s].toString(), u"failures"_s);
        QCOMPARE(failures[u"heading"_s].toString(), u"Failures first: 6 rows"_s);
        QCOMPARE(successes[u"id"_s].toString(), u"successes"_s);
        QCOMPARE(successes[u"heading"_s].toString(), u"Successes: 5 rows"_s);
        // Row 10 is on line 12: the cell says both.
        QCOMPARE(column(failures, 0),
                 (QStringList{u"2"_s, u"7"_s, u"4"_s, u"10line 12"_s, u"3"_s, u"8"_s}));
        QCOMPARE(column(successes, 0), (QStringList{u"1"_s, u"6"_s, u"9"_s, u"11"_s, u"5"_s}));
        QCOMPARE(failures[u"rows"_s].toArray().size() + successes[u"rows"_s].toArray().size(),
                 rows.size());
        for (const QJsonValue &cells : failures[u"rows"_s].toArray())
            QCOMPARE(cells.toArray().size(), 7);

        // Hostile text comes back as the same text: no element was made of it.
        QCOMPARE(column(failures, 1).at(4), hostileUrl);
        QCOMPARE(column(failures, 2).at(4), u"404"_s);
        QCOMPARE(column(failures, 1).at(0), u"https://nohost.invalid/"_s);
        QCOMPARE(column(failures, 2).at(0), u"Unknown host"_s);
        QCOMPARE(column(failures, 6).at(0), boldMessage);
        QVERIFY(html.contains("&lt;b&gt;nohost.invalid&lt;/b&gt; &amp; co"));
        QVERIFY(html.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#39;x=&#39;"));
        QCOMPARE(column(failures, 5).at(3), u"text/<img src=x onerror=alert(1)></table>"_s);
        QCOMPARE(column(failures, 6).at(3), u"</td></tr></table><script>alert(2)</script>"_s);
        // A control character is replaced. The sentence is kept, and the technical detail behind
        // it is not for this page.
        QCOMPARE(column(failures, 6).at(1), u"slow.example did not answer\uFFFD within 30 s."_s);
        QVERIFY(!html.contains("server replied"));
        QVERIFY(!html.contains("timeout of 30000 ms fired"));
        QCOMPARE(column(failures, 3).at(1), u"30,000"_s);
        QCOMPARE(column(successes, 4).at(0), u"1.5 kB"_s);
        QCOMPARE(column(successes, 5).at(0), u"text/html"_s);
        // Bodies stay out.
        QVERIFY(!html.contains("hello body"));
        QVERIFY(!html.contains("tracker.example"));

        // The summary, up front.
        const QString text = document[u"text"_s].toString();
        QVERIFY(text.indexOf(u"Summary"_s) < text.indexOf(u"Failures first"_s));
        for (const QString &expected :
             {u"Rows11"_s, u"OK5"_s, u"Failed6"_s, u"Run42"_s, u"2024-05-01 10:00:00 UTC"_s,
              u"1xx19.1%"_s, u"4xx19.1%"_s, u"5xx218.2%"_s, u"No answer218.2%"_s,
              u"Unknown host19.1%"_s, u"Timeout19.1%"_s, u"Median30 ms"_s, u"Slowest12,000 ms"_s,
              u"Authorization(secret, not kept)"_s, u"Average rate0.3 rows a second"_s}) {
            QVERIFY2(text.contains(expected), qPrintable(expected));
        }
        // Times in words a colleague reads, not a statistician's shorthand.
        QVERIFY(text.contains(u"9 in 10 took at most"_s));
        QVERIFY(text.contains(u"99 in 100 took at most"_s));
        for (const QString &shorthand : {u"p50"_s, u"p90"_s, u"p99"_s})
            QVERIFY2(!text.contains(shorthand), qPrintable(shorthand));

        // One bar per bucket that holds rows; one per status that has rows.
        const RunStats &stats = headerFor(rows).stats;
        const auto &histogram = stats.latencyHistogram();
        const int filledBuckets = int(
                std::count_if(histogram.cbegin(), histogram.cend(), [](int n) { return n > 0; }));
        QCOMPARE(filledBuckets, 6);
        const QJsonObject latency = svgLabelled(document, u"Latency histogram"_s);
        QCOMPARE(latency[u"bars"_s].toInt(), filledBuckets);
        QVERIFY(latency[u"label"_s].toString().contains(u"< 10 ms: 2"_s));
        const QJsonObject status = svgLabelled(document, u"Rows by status"_s);
        QCOMPARE(status[u"bars"_s].toInt(), 6); // 1xx..5xx and no answer
        QVERIFY(status[u"label"_s].toString().contains(u"2xx: 4"_s));
    }

    // A row that failed says what happened in a sentence. The network library's own names for it
    // (curl error 7, which timer fired) are for the window's Technical
    // details, not for the colleague who reads the report.
    void failuresAreSaidInWordsOnly_data()
    {
        QTest::addColumn<ErrorKind>("kind");
        QTest::addColumn<int>("curlCode");
        QTest::addColumn<TimeoutKind>("timeout");
        QTest::addColumn<QString>("networkWords");
        QTest::newRow("refused") << ErrorKind::ConnectionRefused << int(CURLE_COULDNT_CONNECT)
                                 << TimeoutKind::None
                                 << u"Failed to connect to 127.0.0.1 port 9: Connection refused"_s;
        QTest::newRow("unknown host")
                << ErrorKind::Dns << int(CURLE_COULDNT_RESOLVE_HOST) << TimeoutKind::None
                << u"Could not resolve host: nohost.invalid"_s;
        QTest::newRow("inactivity") << ErrorKind::Timeout << int(CURLE_ABORTED_BY_CALLBACK)
                                    << TimeoutKind::Inactivity << QString();
    }

    void failuresAreSaidInWordsOnly()
    {
        QFETCH(ErrorKind, kind);
        QFETCH(int, curlCode);
        QFETCH(TimeoutKind, timeout);
        QFETCH(QString, networkWords);
        const ErrorContext context{.host = u"127.0.0.1"_s,
                                   .timeout = timeout,
                                   .timeoutMs = 10'000,
                                   .detail = networkWords};
        Result result = failed(0, kind, 12, u"http://127.0.0.1:9/"_s, describeError(kind, context));
        result.timeout = timeout;
        // Made as the engine makes it for such a row.
        result.detail = technicalErrorDetail(CURLcode(curlCode), networkWords, timeout, 10'000, 0);
        QVERIFY(!result.detail.isEmpty());

        const QByteArray html = report({result, row(1, 200, 5, u"https://a.example/"_s)});
        const QJsonObject document = parsed(html);
        verifySound(html, document);
        if (QTest::currentTestFailed())
            return;
        const QJsonObject failures = document[u"sections"_s].toArray().at(0).toObject();
        QCOMPARE(column(failures, 6), QStringList{result.message});
        QVERIFY2(!html.contains("curl error"), html.constData());
        QVERIFY(!html.contains(result.detail.toUtf8()));
    }

    void onlySuccessesStillSayWhereFailuresWouldBe()
    {
        const ResultBatch rows{row(0, 200, 5, u"https://a.example/"_s),
                               row(1, 204, 9, u"https://a.example/b"_s)};
        const QByteArray html = report(rows);
        const QJsonObject document = parsed(html);
        verifySound(html, document);
        if (QTest::currentTestFailed())
            return;
        const QJsonArray sections = document[u"sections"_s].toArray();
        QCOMPARE(sections.size(), 2);
        QCOMPARE(sections[0][u"id"_s].toString(), u"failures"_s);
        QCOMPARE(sections[0][u"heading"_s].toString(), u"Failures: none"_s);
        QCOMPARE(sections[0][u"rows"_s].toArray().size(), 0);
        QCOMPARE(sections[1][u"rows"_s].toArray().size(), 2);
        QCOMPARE(svgLabelled(document, u"Latency histogram"_s)[u"bars"_s].toInt(), 1);
        QCOMPARE(svgLabelled(document, u"Rows by status"_s)[u"bars"_s].toInt(), 1);
        QVERIFY(document[u"text"_s].toString().contains(u"Every row got an answer."_s));
    }

    // A long group lists its first rows and says so; the figures still count every row. A
    // status past 599 is a failure, listed with the others.
    void longGroupsAreCutAndSaySo()
    {
        const int okRows = HtmlReportWriter::maxRowsPerSection + 5;
        ResultBatch rows;
        for (int index = 0; index < okRows; ++index)
            rows.append(row(index, 200, 5, u"https://a.example/%1"_s.arg(index)));
        rows.append(row(okRows, 799, 9, u"https://a.example/odd"_s));
        const QByteArray html = report(rows);
        const QJsonObject document = parsed(html);
        verifySound(html, document);
        if (QTest::currentTestFailed())
            return;
        const QJsonArray sections = document[u"sections"_s].toArray();
        QCOMPARE(sections.size(), 2);
        QCOMPARE(sections[0][u"rows"_s].toArray().size(), 1);
        QCOMPARE(column(sections[0].toObject(), 1), QStringList{u"https://a.example/odd"_s});
        QCOMPARE(sections[1][u"rows"_s].toArray().size(), HtmlReportWriter::maxRowsPerSection);
        QCOMPARE(sections[1][u"heading"_s].toString(),
                 u"Successes: 10,005 rows, the first 10,000 shown"_s);
        QVERIFY(document[u"text"_s].toString().contains(u"the CSV or JSON export has every row"_s));
    }

    void onlyFailures()
    {
        const ResultBatch rows{
                failed(0, ErrorKind::ConnectionRefused, 1, u"https://a.example/"_s, u"Refused."_s)};
        const QByteArray html = report(rows);
        const QJsonObject document = parsed(html);
        verifySound(html, document);
        if (QTest::currentTestFailed())
            return;
        const QJsonArray sections = document[u"sections"_s].toArray();
        QCOMPARE(sections.size(), 2);
        QCOMPARE(sections[0][u"heading"_s].toString(), u"Failures first: 1 row"_s);
        QCOMPARE(sections[0][u"rows"_s].toArray().size(), 1);
        QCOMPARE(sections[1][u"heading"_s].toString(), u"Successes: none"_s);
        // No answer, so no latency: an empty histogram, not a division by zero.
        QCOMPARE(svgLabelled(document, u"Latency histogram"_s)[u"bars"_s].toInt(), 0);
        QVERIFY(document[u"text"_s].toString().contains(
                u"No row got an answer, so there are no latencies."_s));
    }

    void emptyRunSaysThereWereNoRows()
    {
        const QByteArray html = report({});
        const QJsonObject document = parsed(html);
        verifySound(html, document);
        if (QTest::currentTestFailed())
            return;
        const QJsonArray sections = document[u"sections"_s].toArray();
        QCOMPARE(sections.size(), 1);
        QCOMPARE(sections[0][u"id"_s].toString(), u"no-rows"_s);
        QCOMPARE(sections[0][u"heading"_s].toString(), u"There were no rows in this run."_s);
        QCOMPARE(sections[0][u"rows"_s].toArray().size(), 0);
        const QString text = document[u"text"_s].toString();
        QVERIFY(text.indexOf(u"There were no rows in this run."_s) < text.indexOf(u"Results"_s));
        QVERIFY(text.contains(u"No rows, so no errors."_s));
        QVERIFY(text.contains(u"No rows, so no latencies."_s));
        for (const QJsonValue &svg : document[u"svgs"_s].toArray())
            QCOMPARE(svg[u"bars"_s].toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHtmlReportWriter)
#include "tst_htmlreportwriter.moc"
