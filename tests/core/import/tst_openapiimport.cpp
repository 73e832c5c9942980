// API descriptions as teams write them: the OpenAPI 3.0 petstore in YAML and in JSON, an
// OpenAPI 3.1 description with server variables, shared parameters, examples and security, a
// Swagger 2.0 one; and what is not a description, or is a hostile one.

#include <QTest>

#include "ImportTestSupport.h"

#include "import/ImportedBatch.h"
#include "import/OpenApiImport.h"

using namespace Qt::StringLiterals;
using salvo::ImportedRequest;
using salvo::ImportedRequests;
using salvo::SignInKind;

namespace {

QStringList described(const ImportedRequests &imported)
{
    QStringList lines;
    for (const ImportedRequest &request : imported.requests)
        lines.append(describeRequest(request));
    return lines;
}

QStringList namesOf(const ImportedRequests &imported)
{
    QStringList names;
    for (const ImportedRequest &request : imported.requests)
        names.append(request.group + u':' + request.name);
    return names;
}

} // namespace

class TestOpenApiImport final : public QObject
{
    Q_OBJECT

private slots:
    void thePetstoreInYamlAndJson_data();
    void thePetstoreInYamlAndJson();
    void aDescriptionWithServersExamplesAndSecurity();
    void aSwaggerDescription();
    void whatIsNotADescriptionSaysSo();
};

void TestOpenApiImport::thePetstoreInYamlAndJson_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("yaml") << u"data/petstore.yaml"_s;
    QTest::newRow("json") << u"data/petstore.json"_s;
}

void TestOpenApiImport::thePetstoreInYamlAndJson()
{
    QFETCH(QString, file);
    const QByteArray text = readTestData(QFINDTESTDATA(file));
    QVERIFY(salvo::looksLikeOpenApi(text));
    QCOMPARE(salvo::recognizeImport(text), salvo::ImportKind::OpenApi);
    const ImportedRequests imported = salvo::importOpenApi(text);
    // The optional limit has no example or default, so it is left out; the pet's id has
    // neither, so it is the rows' to fill.
    QCOMPARE(described(imported),
             QStringList({u"GET http://petstore.swagger.io/v1/pets [] (none)"_s,
                          u"POST http://petstore.swagger.io/v1/pets [] (none)"_s,
                          u"GET http://petstore.swagger.io/v1/pets/{petId} [] (none)"_s}));
    QCOMPARE(namesOf(imported),
             QStringList({u"pets:listPets"_s, u"pets:createPets"_s, u"pets:showPetById"_s}));
    QCOMPARE(imported.title, u"Swagger Petstore"_s);
    QVERIFY(imported.skipped.isEmpty());
    QVERIFY(imported.warnings.isEmpty());
    QCOMPARE(imported.signIn.kind, SignInKind::None);
}

void TestOpenApiImport::aDescriptionWithServersExamplesAndSecurity()
{
    const ImportedRequests imported
            = salvo::importOpenApi(readTestData(QFINDTESTDATA("data/bookings.openapi.yaml")));
    const QString base = u"https://{region}.bookings.example/api/{version}"_s;
    // The shared locale and the request id have no value: each is a {name} to fill. The floor's
    // default and the features' example (a list, sent as the form style repeats it) fill
    // theirs; the optional cursor without either is left out; Accept is the body's to say.
    // The room's body is made from its schema (JSON chosen over XML), the booking's is its
    // named example, the photo (a file's bytes) has none, the feedback is a form.
    const QStringList expected{
            u"GET %1/rooms?locale={locale}&floor=3&features=wifi&features=desk "
            "[X-Request-Id: {X-Request-Id}] (none)"_s.arg(base),
            u"POST %1/rooms?locale={locale} [Content-Type: application/json] "
            "{\"name\":\"Blue room\",\"beds\":0,\"tags\":[\"string\"],"
            "\"owner\":{\"email\":\"user@example.com\",\"manager\":null}}"_s.arg(base),
            u"POST %1/rooms/101/bookings [Cookie: session={session} | Content-Type: "
            "application/json] {\"from\":\"2025-03-01T08:00:00Z\",\"hours\":2}"_s.arg(base),
            u"PUT %1/rooms/{roomId}/photo [] (none)"_s.arg(base),
            u"POST %1/feedback [Content-Type: application/x-www-form-urlencoded] "
            "rating=5&comment=great%20stay"_s.arg(base),
            u"GET https://status.bookings.example/health [] (none)"_s,
    };
    QCOMPARE(described(imported), expected);
    QCOMPARE(namesOf(imported),
             QStringList({u"rooms:listRooms"_s, u"rooms:createRoom"_s, u"bookings:Book a room"_s,
                          u":uploadPhoto"_s, u":sendFeedback"_s, u":health"_s}));
    // The server's variables come with their defaults.
    QCOMPARE(imported.variables,
             (QList<std::pair<QString, QString>>{{u"region"_s, u"eu"_s}, {u"version"_s, u"v2"_s}}));

    // Four of six sign in with the bearer scheme: the batch's, the token the person's to give.
    QCOMPARE(imported.signIn.kind, SignInKind::Bearer);
    QVERIFY(imported.signIn.token.isEmpty());
    const QString warnings = imported.warnings.join(u'\n');
    QVERIFY2(warnings.contains(u"\"bearerAuth\": give a bearer token"_s), qPrintable(warnings));
    QVERIFY2(warnings.contains(u"2 of the 6 requests sign in otherwise"_s), qPrintable(warnings));
    QVERIFY2(warnings.contains(u"uploadPhoto"_s) || warnings.contains(u"/photo"_s),
             qPrintable(warnings));

    QCOMPARE(imported.skipped.size(), 2);
    QCOMPARE(imported.skipped.at(0).where, u"/invoices"_s);
    QVERIFY(imported.skipped.at(0).reason.contains(u"another file (invoices.yaml"_s));
    QCOMPARE(imported.skipped.at(1).where, u"/broken"_s);
}

void TestOpenApiImport::aSwaggerDescription()
{
    const ImportedRequests imported
            = salvo::importOpenApi(readTestData(QFINDTESTDATA("data/warehouse.swagger.json")));
    const QString form = u"salvo-form-7d1b4c9e2f"_s;
    // https of the schemes offered; x-example fills a path; the body parameter's schema makes
    // its body; formData is a multipart form without its file field.
    const QStringList expected{
            u"GET https://warehouse.example:8443/v1/items/MUG-1 [] (none)"_s,
            u"PUT https://warehouse.example:8443/v1/items/{sku} [Content-Type: application/json] "
            "{\"sku\":\"MUG-1\",\"stock\":0,\"kind\":\"mug\"}"_s,
            u"POST https://warehouse.example:8443/v1/labels [Content-Type: multipart/form-data; "
            "boundary=%1] --%1\r\nContent-Disposition: form-data; name=\"sku\"\r\n\r\nMUG-1\r\n"
            "--%1\r\nContent-Disposition: form-data; name=\"copies\"\r\n\r\n2\r\n--%1--\r\n"_s.arg(
                    form),
    };
    QCOMPARE(described(imported), expected);
    QCOMPARE(imported.signIn.kind, SignInKind::ApiKey);
    QCOMPARE(imported.signIn.apiKeyName, u"X-Warehouse-Key"_s);
    QVERIFY2(imported.warnings.join(u'\n').contains(u"File fields (logo)"_s),
             qPrintable(imported.warnings.join(u'\n')));
}

void TestOpenApiImport::whatIsNotADescriptionSaysSo()
{
    const ImportedRequests broken = salvo::importOpenApi("openapi: 3.0.0\npaths: [unclosed\n");
    QVERIFY(broken.requests.isEmpty());
    QCOMPARE(broken.skipped.size(), 1);
    QVERIFY2(broken.skipped.first().reason.contains(u"neither JSON nor YAML"_s),
             qPrintable(broken.skipped.first().reason));

    const ImportedRequests other = salvo::importOpenApi("{\"asyncapi\": \"2.6.0\"}");
    QVERIFY(other.skipped.first().reason.contains(u"not an OpenAPI 3 or Swagger 2.0"_s));

    // A billion laughs: aliases that would grow into millions of nodes stop, said.
    QByteArray laughs = "openapi: 3.0.0\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 9; ++i)
        laughs += u"a%1: &a%1 [*a%2, *a%2, *a%2, *a%2, *a%2, *a%2, *a%2, *a%2, *a%2, *a%2]\n"_s
                          .arg(i)
                          .arg(i - 1)
                          .toUtf8();
    const ImportedRequests bomb = salvo::importOpenApi(laughs);
    QVERIFY(bomb.requests.isEmpty());
    QVERIFY2(bomb.skipped.first().reason.contains(u"aliases grow"_s),
             qPrintable(bomb.skipped.first().reason));

    // A schema that holds itself, and a $ref that points at itself, end.
    const ImportedRequests loop = salvo::importOpenApi(
            "openapi: 3.0.0\nservers: [{url: 'https://x.example'}]\npaths:\n  /a:\n    post:\n"
            "      requestBody: {content: {application/json: {schema: {$ref: '#/c/S'}}}}\n"
            "  /b: {$ref: '#/paths/~1b'}\nc:\n  S: {properties: {self: {$ref: '#/c/S'}}}\n");
    QCOMPARE(described(loop),
             QStringList({u"POST https://x.example/a [Content-Type: application/json] "
                          "{\"self\":null}"_s}));
    QCOMPARE(loop.skipped.size(), 1);
    QVERIFY(!salvo::looksLikeOpenApi("curl https://x.example/"));
    // A description whose schema has a "log" property is still a description, not a HAR.
    QCOMPARE(salvo::recognizeImport("{\"openapi\": \"3.0.0\", \"components\": {\"schemas\": "
                                    "{\"Entry\": {\"properties\": {\"log\": {}}}}}}"),
             salvo::ImportKind::OpenApi);
}

QTEST_GUILESS_MAIN(TestOpenApiImport)
#include "tst_openapiimport.moc"
