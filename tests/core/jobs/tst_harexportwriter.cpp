#include <QBuffer>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryFile>
#include <QTest>

#include "ExportTestSupport.h"
#include "jobs/HarExportWriter.h"

using namespace Qt::StringLiterals;
using namespace salvo;
using namespace salvo::test;

namespace {

// Checks a HAR file against node-har-schema with python3-jsonschema; see the script.
QString harValidator()
{
    return QFINDTESTDATA("data/validate_har.py");
}

QJsonObject harOf(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "not JSON:" << error.errorString() << "at" << error.offset;
    return document.object();
}

QJsonObject valueOf(const QJsonArray &pairs, const QString &name)
{
    for (const QJsonValue pair : pairs) {
        if (pair[u"name"].toString() == name)
            return pair.toObject();
    }
    return {};
}

QStringList namesOf(const QJsonArray &pairs)
{
    QStringList names;
    for (const QJsonValue pair : pairs)
        names.append(pair[u"name"].toString());
    return names;
}

} // namespace

class TestHarExportWriter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void validAgainstTheHarSchema_data();
    void validAgainstTheHarSchema();
    void whatTheSchemaDoesNotCheck();
    void logAndCreator();
    void requestAsSent();
    void textBodies();
    void binaryBodyAsBase64();
    void truncatedBodyCutOnACharacter();
    void noTextWithoutAKeptBody();
    void httpFailuresAreAnswers();
    void transportErrorsAsChromeWritesThem();
    void redirects();
    void urlsFullyEncoded();
    void writesEachRowAsItComes();
    void expectationsAndColumnsAsCustomFields();

private:
    ResultBatch m_rows;
    ExportHeader m_header;
    QJsonArray m_entries;
};

void TestHarExportWriter::initTestCase()
{
    QVERIFY2(QFileInfo::exists(harValidator()), "tests/core/jobs/data/validate_har.py not found");
    m_rows = sampleRows();
    m_header = sampleHeader(m_rows);
    const QJsonObject har = harOf(exported(ExportFormat::Har, m_header, m_rows));
    m_entries = har[u"log"][u"entries"].toArray();
    QCOMPARE(m_entries.size(), m_rows.size());
}

void TestHarExportWriter::validAgainstTheHarSchema_data()
{
    QTest::addColumn<ResultBatch>("rows");
    QTest::addColumn<bool>("withBody");
    QTest::newRow("every kind of row") << sampleRows() << true;
    QTest::newRow("no rows") << ResultBatch() << true;
    QTest::newRow("no request body") << sampleRows() << false;
    QTest::newRow("certificates not checked") << withoutCertificateChecks(sampleRows()) << true;
}

void TestHarExportWriter::validAgainstTheHarSchema()
{
    QFETCH(ResultBatch, rows);
    QFETCH(bool, withBody);
    const QByteArray missing = missingTool(debianPython, "python3 python3-jsonschema");
    QVERIFY2(missing.isEmpty(), missing.constData());

    ExportHeader header = sampleHeader(rows);
    if (!withBody) {
        header.requestBody.clear();
        header.withheldHeaders.clear();
    }
    QTemporaryFile file(QDir::tempPath() + u"/salvo-XXXXXX.har"_s);
    QVERIFY(file.open());
    const std::unique_ptr<ExportWriter> writer = ExportWriter::create(ExportFormat::Har, &file);
    writer->begin(header);
    for (const Result &result : std::as_const(rows))
        writer->write(result);
    writer->finish();
    QVERIFY(file.flush());

    // -I: no user site-packages, no PYTHON* variables; Debian's modules only.
    const ToolRun run = runTool(debianPython, {u"-I"_s, harValidator(), file.fileName()});
    QVERIFY2(run.finished && run.exitCode == 0, run.report().constData());
}

void TestHarExportWriter::whatTheSchemaDoesNotCheck()
{
    // The schema's "min": -1 is no JSON Schema keyword, and nothing there adds timings up.
    const QStringList optional{u"blocked"_s, u"dns"_s, u"connect"_s, u"ssl"_s};
    const QStringList required{u"send"_s, u"wait"_s, u"receive"_s};
    for (const QJsonValue entry : std::as_const(m_entries)) {
        const QJsonObject timings = entry[u"timings"].toObject();
        const QString line = QString::number(entry[u"_line"].toInt());
        double sum = 0;
        for (const QString &name : optional) {
            const double value = timings.value(name).toDouble(-1);
            QVERIFY2(value >= -1, qPrintable(line + u' ' + name));
            if (name != u"ssl" && value > 0) // ssl is counted in connect already
                sum += value;
        }
        for (const QString &name : required) {
            QVERIFY2(timings.value(name).isDouble(), qPrintable(line + u' ' + name));
            QVERIFY2(timings.value(name).toDouble() >= 0, qPrintable(line + u' ' + name));
            sum += timings.value(name).toDouble();
        }
        QCOMPARE(entry[u"time"].toDouble(), sum);
        QVERIFY(entry[u"startedDateTime"].toString().endsWith(u'Z'));
        // Per-row start times are not kept: every row starts when the run did, in UTC.
        QCOMPARE(entry[u"startedDateTime"].toString(), u"2024-05-01T10:00:00.123Z"_s);
        QCOMPARE(entry[u"cache"].toObject(), QJsonObject());
    }
    // time is the row's own, waiting up to the first byte when that is known.
    QCOMPARE(m_entries[0][u"time"].toInt(), 120);
    QCOMPARE(m_entries[0][u"timings"][u"wait"].toInt(), 80);
    QCOMPARE(m_entries[0][u"timings"][u"receive"].toInt(), 40);
}

void TestHarExportWriter::logAndCreator()
{
    const QByteArray bytes = exported(ExportFormat::Har, m_header, m_rows);
    QVERIFY(!bytes.startsWith("\xEF\xBB\xBF"));
    const QJsonObject log = harOf(bytes)[u"log"].toObject();
    QCOMPARE(log[u"version"].toString(), u"1.2"_s);
    QCOMPARE(log[u"creator"].toObject(),
             (QJsonObject{{u"name"_s, u"Salvo"_s}, {u"version"_s, u"1.4.0-test"_s}}));
    QVERIFY(log[u"pages"].isArray()); // Firefox's importer needs the list, empty or not
    QCOMPARE(log[u"pages"].toArray().size(), 0);
    QVERIFY(log[u"comment"].toString().contains(u"nightly <check> & ü"));

    const QJsonObject empty = harOf(exported(ExportFormat::Har, m_header, {}))[u"log"].toObject();
    QVERIFY(empty[u"entries"].isArray());
    QCOMPARE(empty[u"entries"].toArray().size(), 0);
}

void TestHarExportWriter::requestAsSent()
{
    const QJsonObject request = m_entries[0][u"request"].toObject();
    QCOMPARE(request[u"method"].toString(), u"GET"_s);
    QCOMPARE(namesOf(request[u"headers"].toArray()),
             (QStringList{u"Accept"_s, u"Content-Type"_s, u"X-Trace"_s}));
    // The secret headers were sent but never kept: named, not listed as headers.
    QCOMPARE(request[u"_withheldHeaders"].toArray(), (QJsonArray{u"Authorization"_s, u"Cookie"_s}));
    QVERIFY(request[u"comment"].toString().contains(u"Authorization, Cookie"));
    QCOMPARE(request[u"cookies"].toArray().size(), 0);
    QCOMPARE(request[u"headersSize"].toInt(), -1);
    QCOMPARE(request[u"bodySize"].toInt(), 10);
    QCOMPARE(
            request[u"postData"].toObject(),
            (QJsonObject{{u"mimeType"_s, u"application/json"_s}, {u"text"_s, u"{\"q\":\"ü\"}"_s}}));
    QCOMPARE(m_entries[4][u"request"][u"method"].toString(), u"POST"_s);

    ExportHeader bodiless = m_header;
    bodiless.requestBody.clear();
    bodiless.withheldHeaders.clear();
    const QJsonObject plain = harOf(exported(ExportFormat::Har, bodiless,
                                             {m_rows.first()}))[u"log"][u"entries"][0][u"request"]
                                      .toObject();
    QVERIFY(!plain.contains(u"postData"));
    QVERIFY(!plain.contains(u"_withheldHeaders"));
    QCOMPARE(plain[u"bodySize"].toInt(), 0);
}

void TestHarExportWriter::textBodies()
{
    const QJsonObject response = m_entries[0][u"response"].toObject();
    QCOMPARE(response[u"status"].toInt(), 200);
    QCOMPARE(response[u"statusText"].toString(), QString());
    // Qt may agree on HTTP/2 over TLS and Salvo does not keep which: unknown.
    QCOMPARE(response[u"httpVersion"].toString(), QString());
    QCOMPARE(namesOf(response[u"headers"].toArray()),
             (QStringList{u"Content-Type"_s, u"X-Request-Id"_s}));
    QCOMPARE(response[u"bodySize"].toInt(), 23);
    const QJsonObject content = response[u"content"].toObject();
    QCOMPARE(content[u"size"].toInt(), 23);
    QCOMPARE(content[u"mimeType"].toString(), u"application/json"_s);
    QCOMPARE(content[u"text"].toString(), u"{\"id\":1,\"name\":\"café\"}"_s);
    QVERIFY(!content.contains(u"encoding"));
    QVERIFY(!content.contains(u"_bodyTruncated"));
}

void TestHarExportWriter::binaryBodyAsBase64()
{
    const QJsonObject content = m_entries[1][u"response"][u"content"].toObject();
    QCOMPARE(content[u"encoding"].toString(), u"base64"_s);
    QCOMPARE(QByteArray::fromBase64(content[u"text"].toString().toLatin1()), m_rows[1].body);
    QCOMPARE(content[u"size"].toInt(), 18);
    QCOMPARE(content[u"mimeType"].toString(), u"image/png"_s);
}

void TestHarExportWriter::truncatedBodyCutOnACharacter()
{
    const QJsonObject content = m_entries[2][u"response"][u"content"].toObject();
    // The cap cut "é" in two: its first byte is left out, the rest stays text.
    QCOMPARE(content[u"text"].toString(), QString(20, u'a'));
    QVERIFY(!content.contains(u"encoding"));
    QCOMPARE(content[u"size"].toInt(), 100'000); // the whole body's, as HAR defines it
    QCOMPARE(content[u"_bodyTruncated"].toBool(), true);
    QCOMPARE(content[u"comment"].toString(), u"truncated: the first 20 of 100000 bytes"_s);
    // Plain http:// is HTTP/1.1 with Qt.
    QCOMPARE(m_entries[2][u"response"][u"httpVersion"].toString(), u"HTTP/1.1"_s);
    QCOMPARE(m_entries[2][u"request"][u"httpVersion"].toString(), u"HTTP/1.1"_s);

    // Bytes that are no UTF-8 before the cut: base64, all of them.
    ExportHeader header = m_header;
    Result binary = m_rows[2];
    binary.body
            = QByteArrayLiteral("\xFF\xFE") + QByteArray(8, 'b') + QByteArrayLiteral("\xE2\x82");
    const QJsonObject base64 = harOf(exported(
            ExportFormat::Har, header, {binary}))[u"log"][u"entries"][0][u"response"][u"content"]
                                       .toObject();
    QCOMPARE(base64[u"encoding"].toString(), u"base64"_s);
    QCOMPARE(QByteArray::fromBase64(base64[u"text"].toString().toLatin1()), binary.body);
    QCOMPARE(base64[u"comment"].toString(), u"truncated: the first 12 of 100000 bytes"_s);
}

void TestHarExportWriter::noTextWithoutAKeptBody()
{
    const QJsonObject response = m_entries[4][u"response"].toObject();
    const QJsonObject content = response[u"content"].toObject();
    QCOMPARE(content[u"size"].toInt(), 42);
    QCOMPARE(content[u"mimeType"].toString(), u"x-unknown"_s);
    QVERIFY(!content.contains(u"text"));
    // Qt unpacked the gzip body: its size on the wire is not known.
    QCOMPARE(response[u"bodySize"].toInt(), -1);
    QCOMPARE(m_entries[4][u"_attempts"].toInt(), 3);
    QCOMPARE(m_entries[4][u"_resends"].toInt(), 1);
    QCOMPARE(m_entries[5][u"_resends"].toInt(), 0);
    QVERIFY(!m_entries[8][u"response"][u"content"].toObject().contains(u"text"));
}

void TestHarExportWriter::httpFailuresAreAnswers()
{
    for (const int index : {3, 4, 11}) {
        const QJsonObject response = m_entries[index][u"response"].toObject();
        QCOMPARE(response[u"status"].toInt(), m_rows[index].status);
        QVERIFY(!response.contains(u"_error"));
    }
    QCOMPARE(m_entries[3][u"response"][u"content"][u"text"].toString(), u"<h1>Not found</h1>"_s);
}

void TestHarExportWriter::transportErrorsAsChromeWritesThem()
{
    const QJsonObject dns = m_entries[5].toObject();
    const QJsonObject response = dns[u"response"].toObject();
    QCOMPARE(response[u"status"].toInt(), 0);
    QCOMPARE(response[u"statusText"].toString(), QString());
    QCOMPARE(response[u"httpVersion"].toString(), QString());
    QCOMPARE(response[u"headers"].toArray().size(), 0);
    QCOMPARE(response[u"content"].toObject(),
             (QJsonObject{{u"size"_s, 0}, {u"mimeType"_s, u"x-unknown"_s}}));
    QCOMPARE(response[u"redirectURL"].toString(), QString());
    QCOMPARE(response[u"bodySize"].toInt(), -1);
    QCOMPARE(response[u"_error"].toString(), u"The host nonexistent.invalid was not found."_s);
    QCOMPARE(response[u"_errorKind"].toString(), u"dns"_s);
    QCOMPARE(response[u"_errorDetail"].toString(), u"Host nonexistent.invalid not found"_s);
    QCOMPARE(dns[u"time"].toInt(), 12);
    QCOMPARE(dns[u"timings"][u"wait"].toInt(), 12);
    QCOMPARE(dns[u"timings"][u"receive"].toInt(), 0);

    const QJsonObject timeout = m_entries[6].toObject();
    QCOMPARE(timeout[u"response"][u"_errorKind"].toString(), u"timeout"_s);
    QCOMPARE(timeout[u"response"][u"_timeout"].toString(), u"deadline"_s);
    QCOMPARE(timeout[u"time"].toInt(), 30'000);
    QCOMPARE(timeout[u"timings"][u"wait"].toInt(), 30'000);
    QCOMPARE(timeout[u"_attempts"].toInt(), 2);

    // An error after the headers came keeps the status the answer had.
    const QJsonObject broken = m_entries[10][u"response"].toObject();
    QCOMPARE(broken[u"status"].toInt(), 200);
    QCOMPARE(broken[u"_errorKind"].toString(), u"protocol"_s);
    QCOMPARE(broken[u"_error"].toString(), m_rows[10].message); // JSON escapes what XML cannot
}

void TestHarExportWriter::redirects()
{
    const QJsonObject response = m_entries[7][u"response"].toObject();
    QCOMPARE(response[u"redirectURL"].toString(), u"https://new.example/fin%20al"_s);
    QCOMPARE(response[u"_redirects"].toArray(),
             (QJsonArray{u"https://new.example/next"_s, u"https://new.example/fin%20al"_s}));
    QCOMPARE(m_entries[7][u"request"][u"url"].toString(), u"http://old.example/start"_s);
    // The answer came over https:// after the redirects: its version is not known.
    QCOMPARE(m_entries[7][u"request"][u"httpVersion"].toString(), u"HTTP/1.1"_s);
    QCOMPARE(response[u"httpVersion"].toString(), QString());

    const QJsonObject loop = m_entries[12][u"response"].toObject();
    QCOMPARE(loop[u"status"].toInt(), 302);
    QCOMPARE(loop[u"redirectURL"].toString(), u"https://loop.example/a"_s);
    QCOMPARE(loop[u"_errorKind"].toString(), u"too_many_redirects"_s);
}

void TestHarExportWriter::urlsFullyEncoded()
{
    const QJsonObject query = m_entries[8][u"request"].toObject();
    QCOMPARE(query[u"url"].toString(),
             u"https://api.example/search?q=caf%C3%A9&page=2&tag=a+b&empty="_s);
    const QJsonArray items = query[u"queryString"].toArray();
    QCOMPARE(namesOf(items), (QStringList{u"q"_s, u"page"_s, u"tag"_s, u"empty"_s}));
    QCOMPARE(valueOf(items, u"q"_s)[u"value"].toString(), u"café"_s);
    QCOMPARE(valueOf(items, u"page"_s)[u"value"].toString(), u"2"_s);
    QCOMPARE(valueOf(items, u"empty"_s)[u"value"].toString(), QString());
    QCOMPARE(m_entries[0][u"request"][u"queryString"].toArray().size(), 0);

    const QJsonObject nonAscii = m_entries[9][u"request"].toObject();
    QCOMPARE(nonAscii[u"url"].toString(),
             u"https://xn--bcher-kva.example/stra%C3%9Fe/a%20b?q=%C3%BC"_s);
    QCOMPARE(valueOf(nonAscii[u"queryString"].toArray(), u"q"_s)[u"value"].toString(), u"ü"_s);
    QCOMPARE(m_entries[10][u"request"][u"url"].toString(), u"http://broken.example/%01"_s);
}

void TestHarExportWriter::writesEachRowAsItComes()
{
    const QByteArray written = writtenRowByRow(ExportFormat::Har, m_header, m_rows, 1000);
    QVERIFY(!written.isEmpty());
    QCOMPARE(harOf(written)[u"log"][u"entries"].toArray().size(), 1000);
}

// What the run checked and read, in custom fields (an underscore first, as HAR asks).
void TestHarExportWriter::expectationsAndColumnsAsCustomFields()
{
    const ResultBatch rows = inspectedRows();
    const QJsonArray entries
            = harOf(exported(ExportFormat::Har, inspectedHeader(rows), rows))[u"log"][u"entries"]
                      .toArray();
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries[0][u"_passed"].toBool(false), true);
    QCOMPARE(entries[0][u"_extracted"][u"price"].toString(), u"12.5"_s);
    QCOMPARE(entries[0][u"_columns"][u"sku"].toString(), u"A-1"_s);
    QCOMPARE(entries[1][u"_passed"].toBool(true), false);
    QCOMPARE(entries[1][u"_failedExpectations"][0].toString(),
             u"Expected status 200, got 302 to https://shop.example/login"_s);
    QVERIFY(entries[1][u"_extracted"][u"price"].isNull());
    QVERIFY(!entries[0].toObject().contains(u"passed"_s));
}

QTEST_GUILESS_MAIN(TestHarExportWriter)
#include "tst_harexportwriter.moc"
