// salvo-cli reading the lists people already have: curl commands, a HAR file, a Postman
// collection and an OpenAPI description, recognised by their content (or named with --from),
// each request sent as it was written to a loopback server that echoes what it got; what
// cannot be sent, and a sign-in whose secret is missing, said on standard error.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include "PostmanCollections.h"
#include "ProgramRun.h"
#include "TestServer.h"

using namespace Qt::StringLiterals;
using namespace salvo::test;

namespace {

ProgramRun runCli(const QStringList &arguments, const QByteArray &standardInput = {})
{
    return runProgram(QStringLiteral(SALVO_CLI_PATH), arguments, standardInput, 60'000);
}

// What the echo route saw of each row, in the input's order.
QList<QJsonObject> echoedRequests(const ProgramRun &run)
{
    QList<QJsonObject> records = run.jsonLines();
    std::sort(records.begin(), records.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a[u"index"_s].toInt() < b[u"index"_s].toInt();
    });
    QList<QJsonObject> seen;
    for (const QJsonObject &record : records)
        seen.append(QJsonDocument::fromJson(record[u"body"_s].toString().toUtf8()).object());
    return seen;
}

} // namespace

class TestSalvoCliListImports final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_http.start()); }
    void curlCommandsAreSentAsWritten();
    void aHarFileIsSentAsTheBrowserSentIt();
    void aPostmanCollectionWithItsVariablesAndSignIn();
    void anOpenApiDescriptionWithExamples();
    void fromNamesTheKind();

private:
    QString echo() const { return m_http.url(u"/echo"_s).toString(); }
    QString write(const QString &name, const QByteArray &contents);

    TestServer m_http;
    QTemporaryDir m_dir;
};

QString TestSalvoCliListImports::write(const QString &name, const QByteArray &contents)
{
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(file.fileName()));
    file.write(contents);
    return file.fileName();
}

void TestSalvoCliListImports::curlCommandsAreSentAsWritten()
{
    const QByteArray commands = u"curl '%1?n=1' -H 'X-Trace: one' --compressed\n"
                                u"curl '%1?n=2' \\\n  -H 'X-Trace: two' \\\n  --json '{\"a\": 1}'\n"
                                u"curl -X PUT '%1?n=3' -H 'X-Trace: three' -d 'x=1' -d 'y=2'\n"
                                u"wget %1\n"_s.arg(echo())
                                        .toUtf8();
    // A file and standard input alike.
    for (const bool fromStandardInput : {false, true}) {
        const QString input = fromStandardInput ? u"-"_s : write(u"commands.sh"_s, commands);
        const ProgramRun run = runCli({u"--no-history"_s, u"--bodies"_s, input},
                                      fromStandardInput ? commands : QByteArray());
        QVERIFY2(run.finished && run.exitCode == 0, run.report().constData());
        const QList<QJsonObject> seen = echoedRequests(run);
        QCOMPARE(seen.size(), 3);
        QCOMPARE(seen[0][u"method"_s].toString(), u"GET"_s);
        QCOMPARE(seen[0][u"headers"_s][u"x-trace"_s].toString(), u"one"_s);
        QCOMPARE(seen[1][u"method"_s].toString(), u"POST"_s);
        QCOMPARE(seen[1][u"body"_s].toString(), u"{\"a\": 1}"_s);
        QCOMPARE(seen[1][u"headers"_s][u"content-type"_s].toString(), u"application/json"_s);
        QCOMPARE(seen[1][u"headers"_s][u"x-trace"_s].toString(), u"two"_s);
        QCOMPARE(seen[2][u"method"_s].toString(), u"PUT"_s);
        QCOMPARE(seen[2][u"body"_s].toString(), u"x=1&y=2"_s);
        QCOMPARE(seen[2][u"headers"_s][u"content-type"_s].toString(),
                 u"application/x-www-form-urlencoded"_s);
        QVERIFY2(run.err.contains("command 4 (line 6) was skipped: it is not a curl command"),
                 run.err.constData());
    }
}

void TestSalvoCliListImports::aHarFileIsSentAsTheBrowserSentIt()
{
    const auto entry = [](const QString &method, const QString &url, const QJsonArray &headers,
                          const QJsonObject &posted = {}) {
        QJsonObject request{{u"method"_s, method}, {u"url"_s, url}, {u"headers"_s, headers}};
        if (!posted.isEmpty())
            request.insert(u"postData"_s, posted);
        return QJsonObject{{u"request"_s, request}, {u"_resourceType"_s, u"fetch"_s}};
    };
    const QJsonArray browserHeaders{
            QJsonObject{{u"name"_s, u":authority"_s}, {u"value"_s, u"127.0.0.1"_s}},
            QJsonObject{{u"name"_s, u"cookie"_s}, {u"value"_s, u"session=s3cret"_s}},
            QJsonObject{{u"name"_s, u"accept"_s}, {u"value"_s, u"application/json"_s}}};
    const QJsonObject har{
            {u"log"_s,
             QJsonObject{{u"version"_s, u"1.2"_s},
                         {u"entries"_s,
                          QJsonArray{entry(u"GET"_s, echo() + u"?page=1"_s, browserHeaders),
                                     entry(u"POST"_s, echo(), browserHeaders,
                                           {{u"mimeType"_s, u"application/json"_s},
                                            {u"text"_s, u"{\"q\":\"shoes\"}"_s}}),
                                     entry(u"GET"_s, u"data:text/plain,hi"_s, {})}}}}};
    const QString path = write(u"shop.har"_s, QJsonDocument(har).toJson());
    const ProgramRun run = runCli({u"--no-history"_s, u"--bodies"_s, path});
    QVERIFY2(run.finished && run.exitCode == 0, run.report().constData());
    const QList<QJsonObject> seen = echoedRequests(run);
    QCOMPARE(seen.size(), 2);
    QCOMPARE(seen[0][u"method"_s].toString(), u"GET"_s);
    QCOMPARE(seen[0][u"headers"_s][u"accept"_s].toString(), u"application/json"_s);
    // The browser's cookies stay behind unless the import is told to take them.
    QVERIFY(!seen[0][u"headers"_s].toObject().contains(u"cookie"_s));
    QCOMPARE(seen[1][u"method"_s].toString(), u"POST"_s);
    QCOMPARE(seen[1][u"body"_s].toString(), u"{\"q\":\"shoes\"}"_s);
    QVERIFY2(run.err.contains("entry 3 was skipped: its address is data:"), run.err.constData());
}

void TestSalvoCliListImports::aPostmanCollectionWithItsVariablesAndSignIn()
{
    const QJsonArray form{QJsonObject{{u"key"_s, u"sku"_s}, {u"value"_s, u"{{sku}}"_s}},
                          QJsonObject{{u"key"_s, u"note"_s}, {u"value"_s, u"a & b"_s}}};
    const QJsonObject collection = bearerCollection(
            u"Echo"_s, {{u"base"_s, echo()}, {u"token"_s, u"t0k"_s}, {u"sku"_s, u"MUG-1"_s}},
            {postmanFolder(
                    u"Orders"_s,
                    {postmanRequest(u"List"_s,
                                    {{u"method"_s, u"GET"_s}, {u"url"_s, u"{{base}}?page=2"_s}}),
                     postmanRequest(u"Place"_s,
                                    {{u"method"_s, u"POST"_s},
                                     {u"url"_s, u"{{base}}"_s},
                                     {u"body"_s,
                                      QJsonObject{{u"mode"_s, u"urlencoded"_s},
                                                  {u"urlencoded"_s, form}}}})})});
    const QString path
            = write(u"echo.postman_collection.json"_s, QJsonDocument(collection).toJson());
    const ProgramRun run = runCli({u"--no-history"_s, u"--bodies"_s, path});
    QVERIFY2(run.finished && run.exitCode == 0, run.report().constData());
    const QList<QJsonObject> seen = echoedRequests(run);
    QCOMPARE(seen.size(), 2);
    // The collection's variables filled in, its bearer sign-in sent with each request.
    QCOMPARE(seen[0][u"method"_s].toString(), u"GET"_s);
    QCOMPARE(seen[0][u"headers"_s][u"authorization"_s].toString(), u"Bearer t0k"_s);
    QCOMPARE(seen[1][u"method"_s].toString(), u"POST"_s);
    QCOMPARE(seen[1][u"body"_s].toString(), u"sku=MUG-1&note=a%20%26%20b"_s);
    QCOMPARE(seen[1][u"headers"_s][u"authorization"_s].toString(), u"Bearer t0k"_s);
    // The command line's environment wins over the collection's values.
    const QString environments
            = write(u"environments.json"_s, "{\"ci\": {\"token\": \"from-ci\"}}");
    const ProgramRun withEnvironment = runCli({u"--no-history"_s, u"--bodies"_s, u"--env-file"_s,
                                               environments, u"--env"_s, u"ci"_s, path});
    QVERIFY2(withEnvironment.finished && withEnvironment.exitCode == 0,
             withEnvironment.report().constData());
    QCOMPARE(echoedRequests(withEnvironment)[0][u"headers"_s][u"authorization"_s].toString(),
             u"Bearer from-ci"_s);
}

void TestSalvoCliListImports::anOpenApiDescriptionWithExamples()
{
    const QUrl base = m_http.url(u"/"_s);
    const QString description
            = u"openapi: 3.0.3\n"
              "info: {title: Echo, version: '1'}\n"
              "servers: [{url: '%1'}]\n"
              "security: [{bearer: []}]\n"
              "components: {securitySchemes: {bearer: {type: http, scheme: bearer}}}\n"
              "paths:\n"
              "  /echo:\n"
              "    get:\n"
              "      parameters: [{name: page, in: query, example: 2}]\n"
              "    post:\n"
              "      requestBody:\n"
              "        content:\n"
              "          application/json:\n"
              "            schema: {type: object, properties: {sku: {type: string, example: MUG-1}}}\n"_s
                      .arg(base.toString(QUrl::StripTrailingSlash));
    const QString path = write(u"echo.yaml"_s, description.toUtf8());
    const ProgramRun run = runCli({u"--no-history"_s, u"--bodies"_s, path});
    QVERIFY2(run.finished && run.exitCode == 0, run.report().constData());
    const QList<QJsonObject> seen = echoedRequests(run);
    QCOMPARE(seen.size(), 2);
    QCOMPARE(seen[0][u"method"_s].toString(), u"GET"_s);
    QCOMPARE(seen[1][u"method"_s].toString(), u"POST"_s);
    QCOMPARE(seen[1][u"body"_s].toString(), u"{\"sku\":\"MUG-1\"}"_s);
    QCOMPARE(seen[1][u"headers"_s][u"content-type"_s].toString(), u"application/json"_s);
    // The description asks for a token salvo-cli was not given: sent without, and said.
    QVERIFY(!seen[0][u"headers"_s].toObject().contains(u"authorization"_s));
    QVERIFY2(run.err.contains("sent without its sign-in: The sign-in needs a token."),
             run.err.constData());
    const ProgramRun signedIn = runCli({u"--no-history"_s, u"--bodies"_s, u"--bearer"_s, u"abc"_s,
                                        u"--from"_s, u"openapi"_s, path});
    QVERIFY2(signedIn.finished && signedIn.exitCode == 0, signedIn.report().constData());
    QCOMPARE(echoedRequests(signedIn)[0][u"headers"_s][u"authorization"_s].toString(),
             u"Bearer abc"_s);
}

void TestSalvoCliListImports::fromNamesTheKind()
{
    const QString commands = write(u"list.txt"_s, u"curl %1\n"_s.arg(echo()).toUtf8());
    const ProgramRun asHar = runCli({u"--no-history"_s, u"--from"_s, u"har"_s, commands});
    QCOMPARE(asHar.exitCode, 2);
    QVERIFY2(asHar.err.contains("not JSON") && asHar.err.contains("has no request to send"),
             asHar.err.constData());
    const ProgramRun unknown = runCli({u"--no-history"_s, u"--from"_s, u"xml"_s, commands});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains("--from takes curl, har, postman or openapi, not \"xml\""),
             unknown.err.constData());
    const ProgramRun asCurl = runCli({u"--no-history"_s, u"--from"_s, u"curl"_s, commands});
    QVERIFY2(asCurl.finished && asCurl.exitCode == 0, asCurl.report().constData());
    QCOMPARE(asCurl.jsonLines().size(), 1);
}

QTEST_GUILESS_MAIN(TestSalvoCliListImports)
#include "tst_salvoclilistimports.moc"
