// Postman collections as Postman exports them: a v2.1 collection of a shop (folders, variables,
// path variables, each kind of body, auth inherited and overridden, scripts) compared request
// by request; a v2.0 one whose requests all sign in alike; and what is not a collection.

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "ImportTestSupport.h"

#include "import/ImportedBatch.h"
#include "import/PostmanImport.h"

using namespace Qt::StringLiterals;
using salvo::ImportedRequest;
using salvo::ImportedRequests;
using salvo::SignInKind;

class TestPostmanImport final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyRequestAsPostmanSendsIt();
    void foldersAndNames();
    void variablesAndWhatIsNotRun();
    void oneSignInForABatchThatSignsInAlike();
    void theImportAsABatch();
    void whatIsNotACollectionSaysSo();

private:
    QByteArray m_shop;
    ImportedRequests m_imported;
};

void TestPostmanImport::initTestCase()
{
    m_shop = readTestData(QFINDTESTDATA("data/shop.postman_collection.json"));
    QVERIFY(salvo::looksLikePostmanCollection(m_shop));
    QCOMPARE(salvo::recognizeImport(m_shop), salvo::ImportKind::Postman);
    m_imported = salvo::importPostman(m_shop);
}

void TestPostmanImport::everyRequestAsPostmanSendsIt()
{
    const QString form = u"salvo-form-7d1b4c9e2f"_s;
    // The requests sign in differently (bearer, an admin API key, none), so each carries its
    // own: the collection's bearer token, the Admin folder's key, nothing for Health.
    const QStringList expected{
            u"GET {baseUrl}/products?page=1&limit=50 [Accept: application/json | X-Api-Version: "
            "{apiVersion} | Authorization: Bearer {token}] (none)"_s,
            u"GET {baseUrl}/products/42 [Accept: application/json | Authorization: Bearer "
            "{token}] (none)"_s,
            u"GET {baseUrl}/products/{productId}/reviews?sort=newest [Accept: application/json "
            "| Authorization: Bearer {token}] (none)"_s,
            u"POST {baseUrl}/products [Accept: application/json | Content-Type: "
            "application/json | Authorization: Bearer {token}] {\n    \"sku\": \"{sku}\",\n    "
            "\"name\": \"Blue mug\",\n    \"requestId\": \"{{$guid}}\"\n}"_s,
            u"DELETE {baseUrl}/products/42 [X-Admin-Key: {adminKey}] (none)"_s,
            u"POST {baseUrl}/admin/reindex [X-Admin-Key: {adminKey}] (none)"_s,
            u"POST {baseUrl}/orders [Content-Type: application/x-www-form-urlencoded | "
            "Authorization: Bearer {token}] sku={sku}&quantity=2&note=gift%20wrap%20%26%20card"_s,
            u"POST {baseUrl}/orders/1001/invoice [Content-Type: multipart/form-data; boundary=%1 "
            "| Authorization: Bearer {token}] --%1\r\nContent-Disposition: form-data; "
            "name=\"orderId\"\r\n\r\n1001\r\n--%1--\r\n"_s.arg(form),
            u"POST {baseUrl}/graphql [Content-Type: application/json | Authorization: Bearer "
            "{token}] {\"query\":\"query Orders($status: String) { orders(status: $status) { id "
            "total } }\",\"variables\":{\"status\":\"open\"}}"_s,
            u"GET https://status.shop.example/health [] (none)"_s,
            u"GET https://s3.shop.example/assets/ [] (none)"_s,
    };
    QStringList got;
    for (const ImportedRequest &request : m_imported.requests)
        got.append(describeRequest(request));
    QCOMPARE(got, expected);
    QCOMPARE(m_imported.signIn.kind, SignInKind::None);

    // The draft without an address and the note are skipped, each with why.
    QCOMPARE(m_imported.skipped.size(), 2);
    QCOMPARE(m_imported.skipped.at(0).where, u"\"Draft (no address yet)\" in Orders"_s);
    QCOMPARE(m_imported.skipped.at(0).reason, u"it has no address"_s);
    QCOMPARE(m_imported.skipped.at(1).where, u"\"A note, not a request\""_s);
    QVERIFY(m_imported.skipped.at(1).reason.contains(u"neither a request nor a folder"_s));
}

void TestPostmanImport::foldersAndNames()
{
    QStringList groups;
    QStringList names;
    for (const ImportedRequest &request : m_imported.requests) {
        groups.append(request.group);
        names.append(request.name);
    }
    QCOMPARE(groups,
             QStringList({u"Products"_s, u"Products"_s, u"Products"_s, u"Products"_s,
                          u"Products/Admin"_s, u"Products/Admin"_s, u"Orders"_s, u"Orders"_s,
                          u"Orders"_s, QString(), QString()}));
    QCOMPARE(names.first(), u"List products"_s);
    QCOMPARE(names.last(), u"Signed with AWS"_s);
}

void TestPostmanImport::variablesAndWhatIsNotRun()
{
    QCOMPARE(m_imported.title, u"Shop API"_s);
    const QList<std::pair<QString, QString>> variables{
            {u"baseUrl"_s, u"https://api.shop.example/v1"_s},
            {u"apiVersion"_s, u"2024-05"_s},
            {u"token"_s, QString()},
            {u"adminKey"_s, QString()},
            {u"sku"_s, u"MUG-1"_s}};
    QCOMPARE(m_imported.variables, variables);

    const QString warnings = m_imported.warnings.join(u'\n');
    QVERIFY2(warnings.contains(u"\"awsv4\" auth: the request using it is sent"_s),
             qPrintable(warnings));
    // The collection's pre-request script and the test of "Create product"; the empty test
    // script is nothing to run.
    QVERIFY2(warnings.contains(u"scripts of the collection, \"Create product\" were not run"_s),
             qPrintable(warnings));
    QVERIFY2(warnings.contains(u"{{$guid}}"_s), qPrintable(warnings));
    QVERIFY2(warnings.contains(u"\"Upload invoice\" in Orders"_s), qPrintable(warnings));
    QCOMPARE(m_imported.warnings.size(), 4);
}

void TestPostmanImport::oneSignInForABatchThatSignsInAlike()
{
    // v2.0 writes each auth kind's fields as an object, and a request's headers may be text;
    // a folder's null auth is its parent's.
    const QByteArray collection
            = readTestData(QFINDTESTDATA("data/inventory.postman_collection.json"));
    ImportedRequests imported = salvo::importPostman(collection);
    QCOMPARE(imported.requests.size(), 2);
    QCOMPARE(describeRequest(imported.requests.at(0)),
             u"GET https://inventory.example/stock/{sku} [Accept: text/csv] (none)"_s);
    QCOMPARE(describeRequest(imported.requests.at(1)),
             u"GET http://inventory.example/count [] (none)"_s);
    QCOMPARE(imported.signIn.kind, SignInKind::Basic);
    QCOMPARE(imported.signIn.user, u"{user}"_s);
    QCOMPARE(imported.variables.size(), 2);
    QVERIFY(imported.warnings.isEmpty());

    // salvo-cli fills the collection's values in, the command line's environment first.
    salvo::fillImportedVariables(imported, {u"ci"_s, {{u"password"_s, u"from-env"_s}}});
    QCOMPARE(imported.signIn.user, u"clerk"_s);
    QCOMPARE(imported.signIn.password, u"from-env"_s);
    QCOMPARE(imported.requests.at(0).url, u"https://inventory.example/stock/{sku}"_s);
}

void TestPostmanImport::theImportAsABatch()
{
    const salvo::BatchInput input = salvo::importedBatch(m_imported);
    QCOMPARE(input.kind, salvo::InputKind::Csv);
    QVERIFY(input.data.startsWith("name,group,url,method,headers,body\n"));
    const salvo::Environment environment = salvo::importedEnvironment(m_imported);
    QCOMPARE(environment.name, u"Shop API"_s);
    QCOMPARE(environment.values.value(u"baseUrl"_s), u"https://api.shop.example/v1"_s);
    // A path variable without a value is the one name left to define before a run.
    const salvo::Expected<salvo::BatchSpec> refused = salvo::buildBatch(input, environment);
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(u"{productId}"_s),
             qPrintable(refused.error().message));
    salvo::Environment defined = environment;
    defined.values.insert(u"productId"_s, u"7"_s);
    const salvo::Expected<salvo::BatchSpec> batch = salvo::buildBatch(input, defined);
    QVERIFY2(batch, batch ? "" : qPrintable(batch.error().message));
    QCOMPARE(batch->rows.size(), m_imported.requests.size());
}

void TestPostmanImport::whatIsNotACollectionSaysSo()
{
    const ImportedRequests notJson = salvo::importPostman("{\"info\": ");
    QVERIFY(notJson.requests.isEmpty());
    QCOMPARE(notJson.skipped.size(), 1);
    QVERIFY(notJson.skipped.first().reason.startsWith(u"it is not JSON"_s));

    const ImportedRequests v1 = salvo::importPostman("{\"id\": \"x\", \"requests\": []}");
    QVERIFY(v1.skipped.first().reason.contains(u"v1"_s));

    // Folders nested beyond reason end there, said.
    QByteArray deep = "{\"info\": {}, \"item\": [";
    for (int i = 0; i < 100; ++i)
        deep += "{\"name\": \"f\", \"item\": [";
    deep += "{\"name\": \"r\", \"request\": \"https://x.example/\"}";
    for (int i = 0; i < 100; ++i)
        deep += "]}";
    deep += "]}";
    const ImportedRequests nested = salvo::importPostman(deep);
    QVERIFY(nested.requests.isEmpty());
    QCOMPARE(nested.skipped.size(), 1);
    QVERIFY(nested.skipped.first().reason.contains(u"nested deeper"_s));
    QVERIFY(!salvo::looksLikePostmanCollection("curl https://x.example/"));
}

QTEST_GUILESS_MAIN(TestPostmanImport)
#include "tst_postmanimport.moc"
