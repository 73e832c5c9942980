// salvo-cli as a person runs it: a real process against loopback servers, checking what it
// prints and how it exits.

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <csignal>
#include <unistd.h>

#include "FaultServer.h"
#include "NetworkIsolation.h"
#include "ProgramRun.h"
#include "NetworkFixtures.h"
#include "TestFiles.h"
#include "TestServer.h"
#include "batch/CsvParser.h"
#include "session/SavedBatch.h"

using namespace Qt::StringLiterals;

namespace {

using CliRun = salvo::test::ProgramRun;
using salvo::test::runProgram;
using salvo::test::TestCertificates;

CliRun runCli(const QStringList &arguments, const QByteArray &standardInput = {})
{
    return runProgram(QStringLiteral(SALVO_CLI_PATH), arguments, standardInput);
}

} // namespace

class TestSalvoCli final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void helpAndVersion();
    void usageErrorsExitTwoWithAMessage_data();
    void usageErrorsExitTwoWithAMessage();
    void jsonLinesHaveEveryField();
    void exitCodeFollowsTheResults();
    void notifyPostsTheSummary();
    void readsStandardInput();
    void csvAndJsonFormats();
    void csvDefusesFormulas();
    void bodiesWhenAsked();
    void templateWithIds();
    void csvWithTemplate();
    void methodHeaderAndDataFromFile();
    void savedBatchRunsWithItsRequestAndOptions();
    void redirectOptions();
    void insecureAcceptsSelfSignedCertificate();
    void neverReadsALocalFile();
    void secretsReachNoFileSalvoWrote();
    void outputNeverOverwritesAnInput_data();
    void outputNeverOverwritesAnInput();
    void interruptWritesEveryRow();
    void sampleRunsWithoutANetwork();
    void progressLineOnATerminal();

private:
    QString writeFile(const QString &name, const QByteArray &contents);

    std::unique_ptr<TestServer> m_http;
    std::unique_ptr<FaultServer> m_faults;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSalvoCli::init()
{
    m_http = std::make_unique<TestServer>();
    m_faults = std::make_unique<FaultServer>();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_http->start());
    QVERIFY(m_faults->start());
    QVERIFY(m_dir->isValid());
}

void TestSalvoCli::cleanup()
{
    m_http.reset();
    m_faults.reset();
    m_dir.reset();
}

QString TestSalvoCli::writeFile(const QString &name, const QByteArray &contents)
{
    return writeTestFile(*m_dir, name, contents);
}

void TestSalvoCli::helpAndVersion()
{
    const CliRun help = runCli({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    for (const char *option : {"--output",    "--format",   "--concurrency",
                               "--per-host",  "--timeout",  "--inactivity-timeout",
                               "--retries",   "--method",   "--header",
                               "--data",      "--template", "--ids",
                               "--max-body",  "--bodies",   "--max-redirects",
                               "--no-follow", "--insecure", "--no-history",
                               "--db",        "--limit",    "--quiet",
                               "--version",   "history",    "resume RUN_ID"}) {
        QVERIFY2(help.out.contains(option), option);
    }
    const CliRun version = runCli({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.startsWith("salvo-cli " SALVO_VERSION));
}

void TestSalvoCli::usageErrorsExitTwoWithAMessage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("says");

    QTest::newRow("no input") << QStringList() << "no input";
    QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--frobnicate"), QStringLiteral("x")} << "frobnicate";
    QTest::newRow("missing file") << QStringList{QStringLiteral("/nonexistent/urls.txt")}
                                  << "cannot read";
    QTest::newRow("bad format") << QStringList{QStringLiteral("-f"), QStringLiteral("xml"),
                                               QStringLiteral("-")}
                                << "unknown format";
    QTest::newRow("notify to a file")
            << QStringList{QStringLiteral("--notify"), QStringLiteral("file:///tmp/x"),
                           QStringLiteral("-")}
            << "--notify takes a web address";
    QTest::newRow("per-host too high")
            << QStringList{QStringLiteral("--per-host"), QStringLiteral("300"), QStringLiteral("-")}
            << "--per-host";
    QTest::newRow("timeout not a number")
            << QStringList{QStringLiteral("-t"), QStringLiteral("soon"), QStringLiteral("-")}
            << "--timeout";
    QTest::newRow("bad header") << QStringList{QStringLiteral("-H"), QStringLiteral("no colon"),
                                               QStringLiteral("-")}
                                << "Name: value";
    QTest::newRow("ids without template")
            << QStringList{QStringLiteral("--ids"), QStringLiteral("-")} << "--template";
}

void TestSalvoCli::usageErrorsExitTwoWithAMessage()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, says);
    const CliRun run = runCli(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains(says.toUtf8()), run.err.constData());
}

void TestSalvoCli::jsonLinesHaveEveryField()
{
    const QString input = writeFile(
            QStringLiteral("urls.txt"),
            "# three rows\n" + m_http->url(QStringLiteral("/json/7")).toEncoded() + "\n\n"
                    + m_http->url(QStringLiteral("/redirect/1")).toEncoded() + "\nnot a url\n");
    const CliRun run = runCli({QStringLiteral("-q"), input});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.isEmpty(), "quiet means quiet");
    const QList<QJsonObject> lines = run.jsonLines();
    QCOMPARE(lines.size(), 3);

    QHash<int, QJsonObject> byIndex;
    for (const QJsonObject &line : lines) {
        for (const char *field : {"index", "line", "url", "method", "ok", "status", "error",
                                  "message", "error_detail", "elapsed_ms", "bytes", "truncated",
                                  "content_type", "attempts", "redirects", "resends"}) {
            QVERIFY2(line.contains(QLatin1String(field)), field);
        }
        QVERIFY(!line.contains(QStringLiteral("body")));
        byIndex.insert(line.value(QStringLiteral("index")).toInt(), line);
    }
    QCOMPARE(byIndex.value(0).value(QStringLiteral("line")).toInt(), 2);
    QCOMPARE(byIndex.value(0).value(QStringLiteral("status")).toInt(), 200);
    QCOMPARE(byIndex.value(0).value(QStringLiteral("ok")).toBool(), true);
    QVERIFY(byIndex.value(0).value(QStringLiteral("error")).isNull());
    QCOMPARE(byIndex.value(0).value(QStringLiteral("bytes")).toInt(), 8); // {"id":7}
    QVERIFY(byIndex.value(0)
                    .value(QStringLiteral("content_type"))
                    .toString()
                    .startsWith(u"application/json"));
    QCOMPARE(byIndex.value(1).value(QStringLiteral("line")).toInt(), 4);
    QCOMPARE(byIndex.value(1).value(QStringLiteral("redirects")).toArray().size(), 1);
    QCOMPARE(byIndex.value(2).value(QStringLiteral("line")).toInt(), 5);
    QVERIFY(byIndex.value(2).value(QStringLiteral("status")).isNull());
    QCOMPARE(byIndex.value(2).value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_url"));
    QVERIFY(!byIndex.value(2).value(QStringLiteral("message")).toString().isEmpty());
}

void TestSalvoCli::exitCodeFollowsTheResults()
{
    const QByteArray good = m_http->url(QStringLiteral("/json/1")).toEncoded() + '\n'
            + m_http->url(QStringLiteral("/status/301")).toEncoded() + '\n';
    QCOMPARE(
            runCli({QStringLiteral("-q"), QStringLiteral("--no-follow"), QStringLiteral("-")}, good)
                    .exitCode,
            0);
    const QByteArray someBad = good + m_http->url(QStringLiteral("/status/500")).toEncoded() + '\n';
    QCOMPARE(runCli({QStringLiteral("-q"), QStringLiteral("-")}, someBad).exitCode, 1);
}

// --notify: the summary goes to the webhook once the run ends; a webhook that fails is said on
// standard error, even with -q, and the exit status stays the run's.
void TestSalvoCli::notifyPostsTheSummary()
{
    const QByteArray rows = m_http->url(QStringLiteral("/json/1")).toEncoded() + '\n'
            + m_http->url(QStringLiteral("/status/500")).toEncoded() + '\n';
    const CliRun notified = runCli(
            {QStringLiteral("-q"), QStringLiteral("--no-history"), QStringLiteral("--notify"),
             m_http->url(QStringLiteral("/hook")).toString(), QStringLiteral("-")},
            rows);
    QCOMPARE(notified.exitCode, 1);
    QVERIFY2(notified.err.isEmpty(), notified.err.constData());
    QCOMPARE(m_http->hookRequests().size(), 1);
    const QJsonObject summary
            = QJsonDocument::fromJson(m_http->hookRequests().constFirst().body).object();
    QCOMPARE(summary.value(u"event").toString(), QStringLiteral("run_finished"));
    QCOMPARE(summary.value(u"state").toString(), QStringLiteral("finished"));
    QCOMPARE(summary.value(u"rows").toInt(), 2);
    QCOMPARE(summary.value(u"ok").toInt(), 1);
    QCOMPARE(summary.value(u"failed").toInt(), 1);
    QVERIFY(summary.value(u"run_id").isNull()); // --no-history: no run to name
    QVERIFY(summary.value(u"latency_ms").toObject().contains(u"p50"));

    const CliRun unheard = runCli(
            {QStringLiteral("-q"), QStringLiteral("--no-history"), QStringLiteral("--notify"),
             m_http->url(QStringLiteral("/status/404")).toString(), QStringLiteral("-")},
            m_http->url(QStringLiteral("/json/1")).toEncoded() + '\n');
    QCOMPARE(unheard.exitCode, 0);
    QVERIFY2(unheard.err.contains("salvo-cli: Could not notify ")
                     && unheard.err.contains("it answered HTTP 404"),
             unheard.err.constData());
}

void TestSalvoCli::readsStandardInput()
{
    QByteArray input = "\xEF\xBB\xBF"; // a BOM, as Windows editors write
    for (int i = 0; i < 50; ++i)
        input += m_http->url(QStringLiteral("/json/%1").arg(i)).toEncoded() + "\r\n";
    const CliRun run
            = runCli({QStringLiteral("-"), QStringLiteral("-c"), QStringLiteral("8")}, input);
    QCOMPARE(run.exitCode, 0);
    const QList<QJsonObject> lines = run.jsonLines();
    QCOMPARE(lines.size(), 50);
    QSet<int> indexes;
    for (const QJsonObject &line : lines)
        indexes.insert(line.value(QStringLiteral("index")).toInt());
    QCOMPARE(indexes.size(), 50);
    QVERIFY2(run.err.contains("50 rows: 50 ok, 0 failed"), run.err.constData());
}

void TestSalvoCli::csvAndJsonFormats()
{
    const QByteArray input
            = m_http->url(QStringLiteral("/json/1")).toEncoded() + "\nbad line, with comma\n";
    const CliRun csv = runCli({QStringLiteral("-q"), QStringLiteral("-f"), QStringLiteral("csv"),
                               QStringLiteral("-")},
                              input);
    QCOMPARE(csv.exitCode, 1);
    const QList<QByteArray> records = csv.out.trimmed().split('\n');
    QCOMPARE(records.size(), 3);
    QVERIFY(records.at(0).startsWith("index,line,url,method,ok,status,error,message,error_detail"));
    QVERIFY(csv.out.contains("\"bad line, with comma\""));

    const CliRun json = runCli({QStringLiteral("-q"), QStringLiteral("-f"), QStringLiteral("json"),
                                QStringLiteral("-")},
                               input);
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json.out, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(document.array().size(), 2);

    const CliRun empty = runCli({QStringLiteral("-q"), QStringLiteral("-f"), QStringLiteral("json"),
                                 QStringLiteral("-")},
                                "# nothing\n");
    QCOMPARE(empty.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(empty.out).array().size(), 0);
}

void TestSalvoCli::bodiesWhenAsked()
{
    const QByteArray input = m_http->url(QStringLiteral("/json/5")).toEncoded() + '\n'
            + m_http->url(QStringLiteral("/bytes/3000")).toEncoded() + '\n';
    const CliRun run
            = runCli({QStringLiteral("-q"), QStringLiteral("--bodies"),
                      QStringLiteral("--max-body"), QStringLiteral("1k"), QStringLiteral("-")},
                     input);
    QCOMPARE(run.exitCode, 0);
    for (const QJsonObject &line : run.jsonLines()) {
        if (line.value(QStringLiteral("index")).toInt() == 0) {
            QCOMPARE(line.value(QStringLiteral("body")).toString(), QStringLiteral(R"({"id":5})"));
            QCOMPARE(line.value(QStringLiteral("body_encoding")).toString(),
                     QStringLiteral("utf-8"));
        } else {
            QCOMPARE(line.value(QStringLiteral("body")).toString().size(), 1024);
            QCOMPARE(line.value(QStringLiteral("bytes")).toInt(), 3000);
            QCOMPARE(line.value(QStringLiteral("truncated")).toBool(), true);
        }
    }
}

void TestSalvoCli::templateWithIds()
{
    const QString ids = writeFile(QStringLiteral("ids.txt"), "1\n# skip\n\n22\n333\n");
    const CliRun run = runCli({QStringLiteral("-q"), QStringLiteral("--template"),
                               m_http->url({}).toString() + QStringLiteral("/json/{id}"),
                               QStringLiteral("--ids"), ids});
    QCOMPARE(run.exitCode, 0);
    const QList<QJsonObject> lines = run.jsonLines();
    QCOMPARE(lines.size(), 3);
    QSet<QString> urls;
    for (const QJsonObject &line : lines)
        urls.insert(line.value(QStringLiteral("url")).toString());
    QVERIFY(urls.contains(m_http->url(QStringLiteral("/json/22")).toString()));
    QVERIFY(urls.contains(m_http->url(QStringLiteral("/json/333")).toString()));
    QVERIFY2(!run.err.contains("look like web addresses"), run.report().constData());

    // Addresses given as ids: said before the run, which still goes as asked.
    const QString addresses = writeFile(QStringLiteral("addresses.txt"),
                                        m_http->url(QStringLiteral("/json/1")).toString().toUtf8());
    const CliRun mixedUp = runCli({QStringLiteral("-q"), QStringLiteral("--template"),
                                   m_http->url({}).toString() + QStringLiteral("/json/{id}"),
                                   QStringLiteral("--ids"), addresses});
    QVERIFY2(mixedUp.err.contains("The ids look like web addresses"), mixedUp.report().constData());
    QCOMPARE(mixedUp.jsonLines().size(), 1);
}

void TestSalvoCli::csvDefusesFormulas()
{
    // Rows a colleague's file could hold, and a body a server chose: a spreadsheet opening the
    // CSV must show each as text, not run it.
    const QStringList formulas = {u"=1+2"_s, u"+1+2"_s, u"-1+2"_s, u"@SUM(A1)"_s};
    QUrl said = m_http->url(QStringLiteral("/say"));
    said.setQuery(u"type=text/plain&text="_s
                  + QString::fromLatin1(QUrl::toPercentEncoding(u"=cmd|' /C calc'!A0"_s)));
    const QByteArray input = formulas.join(u'\n').toUtf8() + '\n' + said.toEncoded() + '\n';
    const CliRun run = runCli({QStringLiteral("-q"), QStringLiteral("-f"), QStringLiteral("csv"),
                               QStringLiteral("--bodies"), QStringLiteral("-")},
                              input);
    QCOMPARE(run.exitCode, 1);

    const QList<salvo::CsvRecord> records = salvo::readCsvRecords(run.out);
    QCOMPARE(records.size(), formulas.size() + 2);
    const QStringList columns = records.first().fields;
    // Results come in the order rows finish: find each by its input row.
    QHash<int, QStringList> byIndex;
    for (qsizetype record = 1; record < records.size(); ++record)
        byIndex.insert(records.at(record).fields.value(columns.indexOf(u"index"_s)).toInt(),
                       records.at(record).fields);
    const auto cell = [&](int row, const QString &column) {
        return byIndex.value(row).value(columns.indexOf(column));
    };
    QCOMPARE(byIndex.size(), formulas.size() + 1);
    for (int i = 0; i < formulas.size(); ++i)
        QCOMPARE(cell(i, u"url"_s), u'\'' + formulas.at(i));
    const int answered = int(formulas.size());
    QCOMPARE(cell(answered, u"status"_s), u"200"_s);
    QCOMPARE(cell(answered, u"body"_s), u"'=cmd|' /C calc'!A0"_s);
    // Salvo's own numbers are never negative (no time is an empty cell), so none is changed.
    for (int row = 0; row <= answered; ++row) {
        for (const QString &column :
             {u"index"_s, u"line"_s, u"elapsed_ms"_s, u"bytes"_s, u"attempts"_s}) {
            bool number = false;
            QVERIFY2(cell(row, column).toLongLong(&number) >= 0 && number,
                     qPrintable(cell(row, column)));
        }
    }
    QCOMPARE(cell(0, u"first_byte_ms"_s), QString());
}

void TestSalvoCli::csvWithTemplate()
{
    const QString csv = writeFile(QStringLiteral("items.csv"), "sku;name\n4;four\n5;five\n");
    const CliRun run = runCli({QStringLiteral("-q"), QStringLiteral("--template"),
                               m_http->url({}).toString() + QStringLiteral("/json/{sku}"), csv});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.jsonLines().size(), 2);

    const CliRun missing = runCli({QStringLiteral("-q"), QStringLiteral("--template"),
                                   m_http->url({}).toString() + QStringLiteral("/json/{id}"), csv});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains("no column named"));
}

void TestSalvoCli::methodHeaderAndDataFromFile()
{
    const QString body = writeFile(QStringLiteral("body.json"), R"({"hello":"world"})");
    const CliRun run
            = runCli({QStringLiteral("-q"), QStringLiteral("--bodies"), QStringLiteral("-X"),
                      QStringLiteral("put"), QStringLiteral("-H"), QStringLiteral("X-Token: abc"),
                      QStringLiteral("-d"), u'@' + body, QStringLiteral("-")},
                     m_http->url(QStringLiteral("/echo")).toEncoded());
    QCOMPARE(run.exitCode, 0);
    const QJsonObject line = run.jsonLines().first();
    QCOMPARE(line.value(QStringLiteral("method")).toString(), QStringLiteral("PUT"));
    const QJsonObject echoed
            = QJsonDocument::fromJson(line.value(QStringLiteral("body")).toString().toUtf8())
                      .object();
    QCOMPARE(echoed.value(QStringLiteral("method")).toString(), QStringLiteral("PUT"));
    QCOMPARE(echoed.value(QStringLiteral("body")).toString(),
             QStringLiteral(R"({"hello":"world"})"));
    QCOMPARE(echoed.value(QStringLiteral("headers"))
                     .toObject()
                     .value(QStringLiteral("x-token"))
                     .toString(),
             QStringLiteral("abc"));
}

void TestSalvoCli::savedBatchRunsWithItsRequestAndOptions()
{
    salvo::SavedBatch saved;
    saved.name = QStringLiteral("Echo ids");
    saved.input.kind = salvo::InputKind::IdList;
    saved.input.urlTemplate
            = QStringLiteral("http://127.0.0.1:%1/echo?id={id}").arg(m_http->url({}).port());
    saved.input.data = "1\n2\n";
    saved.input.method = "PUT";
    saved.input.headers = {{"X-Trace", "7"}, {"Authorization", "Bearer kept-out"}};
    saved.input.body = R"({"a":1})";
    const QString path = writeFile(QStringLiteral("echo.salvo"), salvo::writeSavedBatch(saved));

    const CliRun run = runCli({QStringLiteral("-q"), QStringLiteral("--bodies"),
                               QStringLiteral("--no-history"), QStringLiteral("-H"),
                               QStringLiteral("X-Extra: 1"), path});
    QCOMPARE(run.exitCode, 0);
    const QList<QJsonObject> lines = run.jsonLines();
    QCOMPARE(lines.size(), 2);
    for (const QJsonObject &line : lines) {
        const QJsonObject echoed
                = QJsonDocument::fromJson(line.value(QStringLiteral("body")).toString().toUtf8())
                          .object();
        QCOMPARE(echoed.value(QStringLiteral("method")).toString(), QStringLiteral("PUT"));
        QCOMPARE(echoed.value(QStringLiteral("body")).toString(), QStringLiteral(R"({"a":1})"));
        const QJsonObject headers = echoed.value(QStringLiteral("headers")).toObject();
        QCOMPARE(headers.value(QStringLiteral("x-trace")).toString(), QStringLiteral("7"));
        QCOMPARE(headers.value(QStringLiteral("x-extra")).toString(), QStringLiteral("1"));
        QVERIFY(!headers.contains(QStringLiteral("authorization"))); // never saved, not given
    }
    QVERIFY2(run.err.contains("Authorization"), run.err.constData());

    // A saved batch is the whole input.
    const CliRun mixed = runCli({QStringLiteral("--no-history"), path, path});
    QCOMPARE(mixed.exitCode, 2);
    QVERIFY(mixed.err.contains(".salvo"));
}

void TestSalvoCli::redirectOptions()
{
    const QByteArray input = m_http->url(QStringLiteral("/redirect/3")).toEncoded();
    const CliRun noFollow = runCli(
            {QStringLiteral("-q"), QStringLiteral("--no-follow"), QStringLiteral("-")}, input);
    QCOMPARE(noFollow.jsonLines().first().value(QStringLiteral("status")).toInt(), 302);
    const CliRun limited = runCli({QStringLiteral("-q"), QStringLiteral("--max-redirects"),
                                   QStringLiteral("1"), QStringLiteral("-")},
                                  input);
    QCOMPARE(limited.exitCode, 1);
    QCOMPARE(limited.jsonLines().first().value(QStringLiteral("error")).toString(),
             QStringLiteral("too_many_redirects"));
}

void TestSalvoCli::insecureAcceptsSelfSignedCertificate()
{
    FaultServer tls(FaultServer::Transport::Tls);
    QVERIFY(tls.start());
    const QByteArray input = tls.url(QStringLiteral("/ok")).toEncoded();
    const CliRun checked = runCli({QStringLiteral("-q"), QStringLiteral("-")}, input);
    QCOMPARE(checked.exitCode, 1);
    QCOMPARE(checked.jsonLines().first().value(QStringLiteral("error")).toString(),
             QStringLiteral("tls"));
    QVERIFY(!checked.out.contains("certificates_checked"));
    QVERIFY(!checked.err.contains("not checked"));

    // With --insecure every row says so (the plain http one too), and so does standard error,
    // -q or not; in each format, and in the history's export of the run.
    const QByteArray rows = input + '\n' + m_http->url(u"/status/200"_s).toEncoded() + '\n';
    const CliRun insecure = runCli(
            {QStringLiteral("-q"), QStringLiteral("--insecure"), QStringLiteral("-")}, rows);
    QCOMPARE(insecure.exitCode, 0);
    QVERIFY2(insecure.err.contains("Certificates were not checked"), insecure.err.constData());
    const QList<QJsonObject> lines = insecure.jsonLines();
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.first().value(QStringLiteral("status")).toInt(), 200);
    for (const QJsonObject &line : lines)
        QCOMPARE(line.value(u"certificates_checked"_s), QJsonValue(false));

    const CliRun table = runCli({u"--insecure"_s, u"-f"_s, u"table"_s, u"-"_s}, rows);
    QCOMPARE(table.out.count("certificate not checked"), 2);
    const CliRun csv = runCli({u"--insecure"_s, u"-q"_s, u"-f"_s, u"csv"_s, u"-"_s}, rows);
    const QList<salvo::CsvRecord> records = salvo::readCsvRecords(csv.out);
    QCOMPARE(records.size(), 3);
    const qsizetype column = records.first().fields.indexOf(u"certificates_checked"_s);
    QVERIFY(column >= 0);
    for (const salvo::CsvRecord &record : records.mid(1))
        QCOMPARE(record.fields.value(column), u"false"_s);
}

void TestSalvoCli::neverReadsALocalFile()
{
    const QString secret = writeFile(QStringLiteral("secret.txt"), "the-secret-word");
    const QByteArray input = "file://" + secret.toUtf8() + "\nFILE:" + secret.toUtf8()
            + "\nqrc:/x\ndata:text/plain,the-secret-word\n"
            + m_http->url(QStringLiteral("/redirect-to/file")).toEncoded() + '\n';
    const CliRun run = runCli(
            {QStringLiteral("-q"), QStringLiteral("--bodies"), QStringLiteral("-")}, input);
    QCOMPARE(run.exitCode, 1);
    const QList<QJsonObject> lines = run.jsonLines();
    QCOMPARE(lines.size(), 5);
    for (const QJsonObject &line : lines) {
        QCOMPARE(line.value(QStringLiteral("error")).toString(),
                 QStringLiteral("unsupported_scheme"));
        QVERIFY(!line.value(QStringLiteral("body")).toString().contains(u"the-secret-word"));
        QCOMPARE(line.value(QStringLiteral("bytes")).toInt() > 0,
                 line.value(QStringLiteral("status")).toInt() == 302); // only the redirect page
    }
    QVERIFY(!run.out.contains("root:"));
}

// A run with a secret header and secret query values, and runs with each sign-in, a proxy
// password and a key's passphrase, recorded in the history with their debug log on, then
// exported in every format: no file salvo-cli wrote (in its home, data, config,
// cache and temporary folders, the history with its journal, its outputs) and none of its
// output streams holds the header's value; the query value reaches no export and no log.
void TestSalvoCli::secretsReachNoFileSalvoWrote()
{
    const QByteArray token = "tok-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    const QByteArray queryValue = "qv-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    QTemporaryDir root;
    QVERIFY(root.isValid());
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const auto &[variable, folder] : {std::pair{"HOME", "home"},
                                           {"XDG_DATA_HOME", "data"},
                                           {"XDG_CONFIG_HOME", "config"},
                                           {"XDG_CACHE_HOME", "cache"},
                                           {"XDG_STATE_HOME", "state"},
                                           {"TMPDIR", "tmp"}}) {
        QVERIFY(QDir(root.path()).mkpath(QLatin1StringView(folder)));
        environment.insert(QLatin1StringView(variable), root.filePath(QLatin1StringView(folder)));
    }
    environment.insert(u"QT_LOGGING_RULES"_s, u"salvo.*.debug=true"_s);
    QByteArray log; // every output stream of every salvo-cli, as a log file would hold them
    const auto run = [&](const QStringList &arguments) {
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(SALVO_CLI_PATH), arguments);
        process.closeWriteChannel();
        const bool ended
                = QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 30'000);
        log += process.readAllStandardOutput() + process.readAllStandardError();
        return ended && process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    };

    const QString secretQuery = u"?id=1&api_key="_s + QString::fromLatin1(queryValue);
    QUrl redirect = m_http->url(u"/goto"_s); // a redirect, and a secret in its address
    redirect.setQuery(u"to=%2Fjson%2F2&token="_s + QString::fromLatin1(queryValue));
    // The input is the person's own file: outside the folders Salvo writes.
    const QString urls
            = writeFile(u"urls.txt"_s,
                        m_http->url(u"/json/1"_s).toEncoded() + secretQuery.toUtf8() + '\n'
                                + m_http->url(u"/status/404"_s).toEncoded() + secretQuery.toUtf8()
                                + '\n' + redirect.toEncoded() + '\n');
    QCOMPARE(run({u"--bodies"_s, u"-H"_s, u"Authorization: Bearer "_s + QString::fromLatin1(token),
                  u"-H"_s, u"X-Api-Key: "_s + QString::fromLatin1(token), u"-o"_s,
                  root.filePath(u"home/results.jsonl"_s), urls}),
             1);
    QVERIFY2(log.contains("salvo.engine"), "the debug log was on");
    QVERIFY(QFileInfo(root.filePath(u"data/salvo/history.sqlite"_s)).size() > 0
            || !QDir(root.filePath(u"data"_s)).isEmpty());
    QCOMPARE(run({u"history"_s}), 0);
    QVERIFY(log.contains("\"run_id\":1"));

    // Each sign-in, with a proxy password and a certificate's passphrase: runs 2 to 5.
    TestCertificates certificates;
    QVERIFY2(certificates.make(), qPrintable(certificates.error()));
    const QByteArray password = "pw-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    const QString secret = QString::fromLatin1(password);
    const QStringList reach{
            u"-x"_s,           u"http://127.0.0.1:9"_s,
            u"--noproxy"_s,    u"*"_s,
            u"--proxy-user"_s, u"proxy:"_s + secret,
            u"--cert"_s,       certificates.path(u"client.pem"_s) + u":open sesame"_s,
            u"--key"_s,        certificates.path(u"client-locked.key"_s)};
    const QList<QStringList> signIns{
            {u"-u"_s, u"ann:"_s + secret},
            {u"--bearer"_s, secret},
            {u"--api-key"_s, u"api_key:"_s + secret, u"--api-key-in"_s, u"query"_s},
            {u"--oauth2-client-credentials"_s, u"--token-url"_s,
             m_http->url(u"/status/500"_s).toString(), u"--client-id"_s, u"salvo"_s,
             u"--client-secret"_s, secret}};
    for (const QStringList &signIn : signIns) {
        const QString output = root.filePath(u"home/signed-in-%1.jsonl"_s.arg(signIn.first()));
        QCOMPARE(run(QStringList{u"--bodies"_s, u"-o"_s, output} + reach + signIn
                     + QStringList{urls}),
                 1);
    }

    QStringList exports;
    for (int runId = 1; runId <= 5; ++runId) {
        for (const QString &format :
             {u"csv"_s, u"json"_s, u"jsonl"_s, u"har"_s, u"junit"_s, u"html"_s}) {
            exports.append(root.filePath(u"home/run%1."_s.arg(runId) + format));
            QCOMPARE(run({u"export"_s, QString::number(runId), u"-f"_s, format, u"-o"_s,
                          exports.constLast()}),
                     0);
            QVERIFY2(QFileInfo(exports.constLast()).size() > 0, qPrintable(exports.constLast()));
        }
    }

    QVERIFY2(!log.contains(token), log.constData());
    QVERIFY2(!log.contains(queryValue), log.constData());
    QVERIFY2(!log.contains(password), log.constData());
    QVERIFY2(!log.contains(QByteArray("ann:" + password).toBase64()), log.constData());
    const QList<WrittenFile> files = everyFileBelow(root.path());
    for (const WrittenFile &file : files) {
        QVERIFY2(file.readable, qPrintable(file.path));
        QVERIFY2(!file.bytes.contains(token), qPrintable(file.path));
        QVERIFY2(!file.bytes.contains(password), qPrintable(file.path));
        QVERIFY2(!file.bytes.contains(QByteArray("ann:" + password).toBase64()),
                 qPrintable(file.path));
        QVERIFY2(!file.bytes.contains("open sesame"), qPrintable(file.path));
        // The history keeps addresses as typed (a resume sends them again), and the run's own
        // output shows them so; exports leave secret query values out.
        if (exports.contains(file.path))
            QVERIFY2(!file.bytes.contains(queryValue), qPrintable(file.path));
    }
    // The history, the first run's output and six exports of each run at least.
    QCOMPARE(files.size() >= 32, true);
}

void TestSalvoCli::outputNeverOverwritesAnInput_data()
{
    QTest::addColumn<QString>("input"); // the input's name in the test's folder
    QTest::addColumn<QStringList>("arguments"); // %1 stands for the folder
    QTest::addColumn<QString>("output");

    const QString list = u"urls.txt"_s;
    QTest::newRow("same path") << list << QStringList{u"%1/urls.txt"_s} << u"%1/urls.txt"_s;
    QTest::newRow("another path") << list << QStringList{u"%1/urls.txt"_s}
                                  << u"%1/sub/../urls.txt"_s;
    QTest::newRow("a symbolic link")
            << list << QStringList{u"%1/urls.txt"_s} << u"%1/link-to-urls.txt"_s;
    QTest::newRow("a hard link") << list << QStringList{u"%1/urls.txt"_s} << u"%1/hard-urls.txt"_s;
    QTest::newRow("the second input")
            << list << QStringList{u"%1/other.txt"_s, u"%1/urls.txt"_s} << u"%1/urls.txt"_s;
    QTest::newRow("the ids file") << list
                                  << QStringList{u"--template"_s, u"http://127.0.0.1:1/{id}"_s,
                                                 u"--ids"_s, u"%1/urls.txt"_s}
                                  << u"%1/urls.txt"_s;
    QTest::newRow("the body file")
            << list << QStringList{u"--data"_s, u"@%1/urls.txt"_s, u"%1/other.txt"_s}
            << u"%1/urls.txt"_s;
    QTest::newRow("the history") << u"history.sqlite"_s
                                 << QStringList{u"--db"_s, u"%1/history.sqlite"_s,
                                                u"%1/other.txt"_s}
                                 << u"%1/history.sqlite"_s;
}

void TestSalvoCli::outputNeverOverwritesAnInput()
{
    QFETCH(QString, input);
    QFETCH(QStringList, arguments);
    QFETCH(QString, output);

    const QByteArray contents = m_http->url(u"/status/200"_s).toEncoded() + "\n";
    const QString inputPath = writeFile(input, contents);
    QVERIFY(!writeFile(u"other.txt"_s, contents).isEmpty());
    QVERIFY(QDir(m_dir->path()).mkdir(u"sub"_s));
    QVERIFY(QFile::link(inputPath, m_dir->filePath(u"link-to-urls.txt"_s)));
    QCOMPARE(::link(QFile::encodeName(inputPath).constData(),
                    QFile::encodeName(m_dir->filePath(u"hard-urls.txt"_s)).constData()),
             0);
    const QDateTime modified = QFileInfo(inputPath).lastModified();

    QStringList command{u"-q"_s, u"-o"_s, output.arg(m_dir->path())};
    for (const QString &argument : std::as_const(arguments))
        command.append(argument.arg(m_dir->path()));
    const CliRun run = runCli(command);

    QVERIFY2(run.finished, run.report().constData());
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("would destroy"), run.err.constData());
    QVERIFY2(run.err.contains(QFile::encodeName(output.arg(m_dir->path()))), run.err.constData());
    QCOMPARE(m_http->requestCount(), 0);
    QFile file(inputPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), contents);
    QCOMPARE(QFileInfo(inputPath).lastModified(), modified);
}

void TestSalvoCli::interruptWritesEveryRow()
{
    QByteArray input;
    for (int i = 0; i < 30; ++i)
        input += m_faults->url(QStringLiteral("/hang")).toEncoded() + '\n';
    QProcess process;
    process.start(
            QStringLiteral(SALVO_CLI_PATH),
            {QStringLiteral("-q"), QStringLiteral("-c"), QStringLiteral("4"), QStringLiteral("-")});
    QVERIFY(process.waitForStarted(5000));
    process.write(input);
    process.closeWriteChannel();
    QTRY_COMPARE_WITH_TIMEOUT(m_faults->requestCount(), 4, 10000);
    ::kill(pid_t(process.processId()), SIGINT);
    QVERIFY(QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 5000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 1);
    const QList<QByteArray> lines = process.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines.size(), 30);
    for (const QByteArray &line : lines)
        QVERIFY(line.contains(R"("error":"cancelled")"));
}

void TestSalvoCli::sampleRunsWithoutANetwork()
{
    // What `make run` shows until the dashboard exists.
    const CliRun run = runCli({QStringLiteral("--sample")});
    QCOMPARE(run.exitCode, 1); // the sample has failures on purpose
    QVERIFY2(run.err.contains("16 rows: 10 ok, 6 failed"), run.err.constData());
    for (const char *expected : {" 200 ", " 404 ", " 500 ", "timeout", "invalid_url",
                                 "unsupported_scheme", "-> http://127.0.0.1"}) {
        QVERIFY2(run.out.contains(expected), expected);
    }
}

void TestSalvoCli::progressLineOnATerminal()
{
    // `script` gives salvo-cli a terminal for stderr; stdout goes to a file.
    QByteArray input;
    for (int i = 0; i < 4; ++i)
        input += m_faults->url(QStringLiteral("/delay/300")).toEncoded() + '\n';
    const QString urls = writeFile(QStringLiteral("slow.txt"), input);
    const QString output = m_dir->filePath(QStringLiteral("out.jsonl"));
    const QString command
            = QStringLiteral("%1 -c 1 -o %2 %3").arg(QStringLiteral(SALVO_CLI_PATH), output, urls);
    const CliRun run = runProgram(QStringLiteral("script"),
                                  {QStringLiteral("-qefc"), command, QStringLiteral("/dev/null")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains("/4 done, "), run.out.constData());
    QVERIFY(run.out.contains(" in flight, "));
    QVERIFY(run.out.contains("4 rows: 4 ok, 0 failed"));

    // Without a terminal: the summary only.
    const CliRun piped = runCli({QStringLiteral("-c"), QStringLiteral("4"), urls});
    QVERIFY(!piped.err.contains(" in flight, "));
    QVERIFY(piped.err.contains("4 rows: 4 ok, 0 failed"));
}

int main(int argc, char *argv[])
{
    isolateNetwork();
    // salvo-cli records every run in the history unless told not to: here, in a data folder of
    // this test's own (tst_salvoclihistory tests the history itself).
    QTemporaryDir dataHome;
    qputenv("XDG_DATA_HOME", QFile::encodeName(dataHome.path()));
    QCoreApplication app(argc, argv);
    TestSalvoCli test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_salvocli.moc"
