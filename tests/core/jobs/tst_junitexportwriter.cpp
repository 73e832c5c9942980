#include <QBuffer>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTemporaryFile>
#include <QTest>
#include <QXmlStreamReader>

#include "ExportTestSupport.h"
#include "jobs/JUnitExportWriter.h"

using namespace Qt::StringLiterals;
using namespace salvo;
using namespace salvo::test;

namespace {

const QString xmllint = u"/usr/bin/xmllint"_s;

// Reads a JUnit file with python3-junitparser and prints what it found as JSON; see the script.
QString junitReader()
{
    return QFINDTESTDATA("data/read_junit.py");
}

QString schemaPath()
{
    return QFINDTESTDATA("data/junit.xsd");
}

// xmllint's verdict on a document against the project's JUnit schema.
ToolRun validated(const QString &path)
{
    return runTool(xmllint, {u"--noout"_s, u"--schema"_s, schemaPath(), path});
}

// The same for a document in memory; a run that did not finish when the file could not be
// written.
ToolRun validatedBytes(const QByteArray &xml)
{
    QTemporaryFile file(QDir::tempPath() + u"/salvo-XXXXXX.xml"_s);
    if (!file.open() || file.write(xml) != xml.size() || !file.flush())
        return {};
    return validated(file.fileName());
}

struct TestCase
{
    QString classname;
    QString name;
    QString time;
    QString outcome; // "", "failure" or "error"
    QString type;
    QString message;
    QString text;
};

using Attributes = QHash<QString, QString>;

Attributes attributesOf(const QXmlStreamReader &reader)
{
    Attributes attributes;
    for (const QXmlStreamAttribute &attribute : reader.attributes())
        attributes.insert(attribute.name().toString(), attribute.value().toString());
    return attributes;
}

struct Parsed
{
    QHash<QString, Attributes> suites; // testsuites and testsuite
    QHash<QString, QString> properties;
    QList<TestCase> cases;
    QString error;
};

Parsed parsed(const QByteArray &xml)
{
    Parsed parsed;
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QStringView name = reader.name();
        if (name == u"testsuites" || name == u"testsuite") {
            parsed.suites.insert(name.toString(), attributesOf(reader));
        } else if (name == u"property") {
            const Attributes attributes = attributesOf(reader);
            parsed.properties.insert(attributes.value(u"name"_s), attributes.value(u"value"_s));
        } else if (name == u"testcase") {
            const Attributes attributes = attributesOf(reader);
            TestCase testCase;
            testCase.classname = attributes.value(u"classname"_s);
            testCase.name = attributes.value(u"name"_s);
            testCase.time = attributes.value(u"time"_s);
            parsed.cases.append(testCase);
        } else if (name == u"failure" || name == u"error") {
            const Attributes attributes = attributesOf(reader);
            TestCase &testCase = parsed.cases.last();
            testCase.outcome = name.toString();
            testCase.type = attributes.value(u"type"_s);
            testCase.message = attributes.value(u"message"_s);
            testCase.text = reader.readElementText();
        }
    }
    if (reader.hasError())
        parsed.error = reader.errorString();
    return parsed;
}

} // namespace

class TestJUnitExportWriter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void validAgainstTheSchema_data();
    void validAgainstTheSchema();
    void theSchemaRejectsOtherShapes_data();
    void theSchemaRejectsOtherShapes();
    void readBackByJunitparser();
    void suitesCountFromTheHeader();
    void oneTestCasePerRow();
    void controlCharactersStripped();
    void numbersInTheCLocale();
    void writesEachRowAsItComes();
    void expectationsAndColumns();

private:
    ResultBatch m_rows;
    ExportHeader m_header;
};

void TestJUnitExportWriter::initTestCase()
{
    m_rows = sampleRows();
    m_header = sampleHeader(m_rows);
    QVERIFY2(QFileInfo::exists(schemaPath()), "tests/core/jobs/data/junit.xsd not found");
    QVERIFY2(QFileInfo::exists(junitReader()), "tests/core/jobs/data/read_junit.py not found");
}

void TestJUnitExportWriter::cleanup()
{
    QLocale::setDefault(QLocale::c());
}

void TestJUnitExportWriter::validAgainstTheSchema_data()
{
    QTest::addColumn<ResultBatch>("rows");
    QTest::addColumn<bool>("whenKnown"); // the run's times and name
    QTest::newRow("every kind of row") << sampleRows() << true;
    QTest::newRow("no rows") << ResultBatch() << true;
    QTest::newRow("a run without times or name") << sampleRows() << false;
    QTest::newRow("certificates not checked") << withoutCertificateChecks(sampleRows()) << true;
}

void TestJUnitExportWriter::validAgainstTheSchema()
{
    QFETCH(ResultBatch, rows);
    QFETCH(bool, whenKnown);
    const QByteArray missing = missingTool(xmllint, "libxml2-utils");
    QVERIFY2(missing.isEmpty(), missing.constData());

    ExportHeader header = sampleHeader(rows);
    if (!whenKnown) {
        header.run.batchName.clear();
        header.run.started = {};
        header.run.finished = {};
        header.exported = {};
    }
    QTemporaryFile file(QDir::tempPath() + u"/salvo-XXXXXX.xml"_s);
    QVERIFY(file.open());
    const std::unique_ptr<ExportWriter> writer = ExportWriter::create(ExportFormat::JUnit, &file);
    writer->begin(header);
    for (const Result &result : std::as_const(rows))
        writer->write(result);
    writer->finish();
    QVERIFY(file.flush());

    const ToolRun run = validated(file.fileName());
    QVERIFY2(run.finished && run.exitCode == 0, run.report().constData());
}

void TestJUnitExportWriter::theSchemaRejectsOtherShapes_data()
{
    // Proof that the schema checks something: what it must turn down.
    QTest::addColumn<QByteArray>("xml");
    const auto suite = [](const QByteArray &attributes, const QByteArray &cases) -> QByteArray {
        return "<testsuites><testsuite name=\"s\" tests=\"1\" failures=\"0\" errors=\"0\""
                + attributes + ">" + cases + "</testsuite></testsuites>";
    };
    QTest::newRow("test case without a name") << suite({}, "<testcase time=\"1.000\"/>");
    QTest::newRow("time in exponent form") << suite({}, "<testcase name=\"a\" time=\"1e-3\"/>");
    QTest::newRow("negative time") << suite(" time=\"-1.000\"", {});
    QTest::newRow("two outcomes") << suite({},
                                           "<testcase name=\"a\"><failure/><error/></testcase>");
    QTest::newRow("timestamp with a zone") << suite(" timestamp=\"2024-05-01T10:00:00Z\"", {});
    QTest::newRow("suite without counts") << QByteArray("<testsuite name=\"s\"/>");
    QTest::newRow("skipped on testsuites") << QByteArray("<testsuites skipped=\"0\"/>");
}

void TestJUnitExportWriter::theSchemaRejectsOtherShapes()
{
    QFETCH(QByteArray, xml);
    const QByteArray missing = missingTool(xmllint, "libxml2-utils");
    QVERIFY2(missing.isEmpty(), missing.constData());
    const ToolRun run = validatedBytes(xml);
    QVERIFY2(run.finished, run.report().constData());
    QVERIFY2(run.exitCode != 0, run.report().constData());
}

void TestJUnitExportWriter::readBackByJunitparser()
{
    const QByteArray missing = missingTool(debianPython, "python3 python3-junitparser");
    QVERIFY2(missing.isEmpty(), missing.constData());
    QTemporaryFile file(QDir::tempPath() + u"/salvo-XXXXXX.xml"_s);
    QVERIFY(file.open());
    file.write(exported(ExportFormat::JUnit, m_header, m_rows));
    QVERIFY(file.flush());

    const ToolRun run = runTool(debianPython, {u"-I"_s, junitReader(), file.fileName()});
    QVERIFY2(run.finished && run.exitCode == 0, run.report().constData());
    const QJsonObject read = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(read[u"name"].toString(), u"Salvo run 42"_s);
    QCOMPARE(read[u"tests"].toInt(), 13);
    QCOMPARE(read[u"failures"].toInt(), sampleFailures);
    QCOMPARE(read[u"errors"].toInt(), sampleErrors);
    QCOMPARE(read[u"time"].toDouble(), 65.432);

    const QJsonArray suites = read[u"suites"].toArray();
    QCOMPARE(suites.size(), 1);
    const QJsonObject suite = suites.first().toObject();
    QCOMPARE(suite[u"name"].toString(), u"nightly <check> & ü"_s);
    QCOMPARE(suite[u"timestamp"].toString(), u"2024-05-01T10:00:00"_s);
    QCOMPARE(suite[u"time"].toDouble(), 65.432);
    // The declared counts are the header's figures; junitparser's own count from the cases
    // must agree with them.
    const QJsonObject declared{{u"tests"_s, m_header.stats.rowCount()},
                               {u"failures"_s, sampleFailures},
                               {u"errors"_s, m_header.stats.errorTotal()},
                               {u"skipped"_s, 0}};
    for (const QString &count : declared.keys()) {
        QCOMPARE(suite[count].toInt(), declared[count].toInt());
        QCOMPARE(suite[u"counted"][count].toInt(), declared[count].toInt());
    }

    const QJsonArray cases = suite[u"cases"].toArray();
    QCOMPARE(cases.size(), m_rows.size());
    QCOMPARE(cases[3][u"results"][0][u"kind"].toString(), u"Failure"_s);
    QCOMPARE(cases[3][u"results"][0][u"type"].toString(), u"http_404"_s);
    QCOMPARE(cases[5][u"results"][0][u"kind"].toString(), u"Error"_s);
    QCOMPARE(cases[5][u"results"][0][u"type"].toString(), u"dns"_s);
    QCOMPARE(cases[5][u"results"][0][u"text"].toString(), u"Host nonexistent.invalid not found"_s);
    QCOMPARE(cases[0][u"results"].toArray().size(), 0);
    QCOMPARE(cases[6][u"time"].toDouble(), 30.0);
    QCOMPARE(cases[0][u"classname"].toString(), u"salvo.run42"_s);
}

void TestJUnitExportWriter::suitesCountFromTheHeader()
{
    const Parsed xml = parsed(exported(ExportFormat::JUnit, m_header, m_rows));
    QVERIFY2(xml.error.isEmpty(), qPrintable(xml.error));
    const Attributes suites = xml.suites.value(u"testsuites"_s);
    QCOMPARE(suites.value(u"tests"_s), u"13"_s);
    QCOMPARE(suites.value(u"failures"_s), u"3"_s);
    QCOMPARE(suites.value(u"errors"_s), u"4"_s);
    QCOMPARE(suites.value(u"time"_s), u"65.432"_s);
    QVERIFY(!suites.contains(u"skipped"_s)); // not in the schema CI tools use
    const Attributes suite = xml.suites.value(u"testsuite"_s);
    QCOMPARE(suite.value(u"skipped"_s), u"0"_s);
    QCOMPARE(suite.value(u"timestamp"_s), u"2024-05-01T10:00:00"_s);
    QVERIFY(!suite.contains(u"hostname"_s));
    QCOMPARE(xml.properties.value(u"salvo.run_id"_s), u"42"_s);
    QCOMPARE(xml.properties.value(u"salvo.version"_s), u"1.4.0-test"_s);
    QCOMPARE(xml.properties.value(u"salvo.exported"_s), u"2024-05-02T08:30:00Z"_s);

    // The header's figures, not the rows written, are what the suites say.
    ExportHeader header = m_header;
    header.stats.clear();
    header.stats.add(m_rows.mid(0, 4), 0);
    const Parsed partial = parsed(exported(ExportFormat::JUnit, header, m_rows.mid(0, 4)));
    QCOMPARE(partial.suites.value(u"testsuite"_s).value(u"tests"_s), u"4"_s);
    QCOMPARE(partial.suites.value(u"testsuite"_s).value(u"failures"_s), u"1"_s);
    QCOMPARE(partial.suites.value(u"testsuite"_s).value(u"errors"_s), u"0"_s);

    // A run without a name is named by its id.
    header.run.batchName.clear();
    const Parsed unnamed = parsed(exported(ExportFormat::JUnit, header, {}));
    QCOMPARE(unnamed.suites.value(u"testsuite"_s).value(u"name"_s), u"Run 42"_s);
    QCOMPARE(unnamed.cases.size(), 0);
}

void TestJUnitExportWriter::oneTestCasePerRow()
{
    const Parsed xml = parsed(exported(ExportFormat::JUnit, m_header, m_rows));
    QVERIFY2(xml.error.isEmpty(), qPrintable(xml.error));
    QCOMPARE(xml.cases.size(), m_rows.size());
    for (qsizetype i = 0; i < xml.cases.size(); ++i) {
        const TestCase &testCase = xml.cases.at(i);
        const Result &row = m_rows.at(i);
        QCOMPARE(testCase.classname, u"salvo.run42"_s);
        QVERIFY2(testCase.name.startsWith(QString::number(row.line) + u' '
                                          + QString::fromLatin1(row.method) + u' '),
                 qPrintable(testCase.name));
        const QString outcome = row.error != ErrorKind::None ? u"error"_s
                : row.ok()                                   ? QString()
                                                             : u"failure"_s;
        QCOMPARE(testCase.outcome, outcome);
    }
    QCOMPARE(xml.cases[0].name, u"1 GET https://api.example/items/1"_s);
    QCOMPARE(xml.cases[0].time, u"0.120"_s);
    QCOMPARE(xml.cases[9].name, u"19 GET https://bücher.example/straße/a b?q=ü"_s);

    QCOMPARE(xml.cases[3].type, u"http_404"_s);
    QCOMPARE(xml.cases[3].message, u"HTTP 404"_s);
    QCOMPARE(xml.cases[4].type, u"http_503"_s);
    QCOMPARE(xml.cases[4].message, u"HTTP 503"_s);
    QCOMPARE(xml.cases[11].type, u"http_101"_s);

    QCOMPARE(xml.cases[5].type, u"dns"_s);
    QCOMPARE(xml.cases[5].message, u"The host nonexistent.invalid was not found."_s);
    QCOMPARE(xml.cases[5].text, u"Host nonexistent.invalid not found"_s);
    QCOMPARE(xml.cases[6].type, u"timeout"_s);
    QCOMPARE(xml.cases[6].time, u"30.000"_s);
    QCOMPARE(xml.cases[12].type, u"too_many_redirects"_s);
    QCOMPARE(xml.cases[12].text, QString()); // no detail, no text
}

void TestJUnitExportWriter::controlCharactersStripped()
{
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    JUnitExportWriter writer(&buffer);
    writer.begin(m_header);
    writer.write(m_rows[10]);
    writer.finish();

    const QByteArray bytes = buffer.data();
    for (const char c : bytes)
        QVERIFY2(quint8(c) >= 0x20 || c == '\n' || c == '\r' || c == '\t', bytes.constData());
    const Parsed xml = parsed(bytes);
    QVERIFY2(xml.error.isEmpty(), qPrintable(xml.error));
    QCOMPARE(xml.cases.size(), 1);
    QCOMPARE(xml.cases[0].name, u"21 GET http://broken.example/"_s);
    QCOMPARE(xml.cases[0].type, u"protocol"_s);
    QCOMPARE(xml.cases[0].message, u"The answer broke off here: ."_s);
    QCOMPARE(xml.cases[0].text, u"raw bytes é and a lone "_s);
}

void TestJUnitExportWriter::numbersInTheCLocale()
{
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    Result slow = m_rows.first();
    slow.elapsedMs = 1'234'567;
    ExportHeader header = m_header;
    header.stats.clear();
    header.stats.add({slow}, 0);
    header.run.finished = header.run.started.addMSecs(3'600'000 + 5);
    const Parsed xml = parsed(exported(ExportFormat::JUnit, header, {slow}));
    QCOMPARE(xml.cases[0].time, u"1234.567"_s);
    QCOMPARE(xml.suites.value(u"testsuite"_s).value(u"time"_s), u"3600.005"_s);
    QCOMPARE(xml.suites.value(u"testsuite"_s).value(u"timestamp"_s), u"2024-05-01T10:00:00"_s);
}

void TestJUnitExportWriter::writesEachRowAsItComes()
{
    const QByteArray written = writtenRowByRow(ExportFormat::JUnit, m_header, m_rows, 1000);
    QVERIFY(!written.isEmpty());
    QCOMPARE(parsed(written).cases.size(), 1000);
}

// A row whose answer was ok but failed an expectation is a failure, its sentence the
// message; each row's extracted values and input columns are its test case's properties.
void TestJUnitExportWriter::expectationsAndColumns()
{
    const ResultBatch rows = inspectedRows();
    const QByteArray xml = exported(ExportFormat::JUnit, inspectedHeader(rows), rows);
    const QByteArray missing = missingTool(xmllint, "libxml2-utils");
    QVERIFY2(missing.isEmpty(), missing.constData());
    const ToolRun run = validatedBytes(xml);
    QVERIFY2(run.finished && run.exitCode == 0, run.report().constData());

    const Parsed read = parsed(xml);
    QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
    QCOMPARE(read.suites[u"testsuite"_s][u"failures"_s], u"2"_s);
    QCOMPARE(read.cases.size(), 3);
    QCOMPARE(read.cases[0].outcome, QString());
    QCOMPARE(read.cases[1].outcome, u"failure"_s);
    QCOMPARE(read.cases[1].type, u"expectation"_s);
    QCOMPARE(read.cases[1].message,
             u"Expected status 200, got 302 to https://shop.example/login"_s);
    QCOMPARE(read.cases[2].type, u"http_404"_s);
    QCOMPARE(read.cases[2].text, u"Expected status 200, got 404"_s);
    // Properties in order: the first test case's come after the suite's.
    QVERIFY(xml.contains("<property name=\"price\" value=\"12.5\"/>"));
    QCOMPARE(xml.count("<property name=\"sku\" value=\"A-"), 3);
    QCOMPARE(xml.count("<property name=\"price\" value=\"\"/>"), 2);
}

QTEST_GUILESS_MAIN(TestJUnitExportWriter)
#include "tst_junitexportwriter.moc"
