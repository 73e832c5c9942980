// .salvo documents: a saved batch opens again as it was, secrets never reach the file, and
// files this Salvo cannot read are refused in plain words.

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "batch/BatchSecrets.h"
#include "session/SavedBatch.h"
#include "ExpectedTest.h"

using namespace Qt::StringLiterals;
using salvo::InputKind;
using salvo::SavedBatch;

Q_DECLARE_METATYPE(salvo::SignIn)

namespace {

SavedBatch sampleBatch()
{
    SavedBatch batch;
    batch.name = u"Product pages"_s;
    batch.input.kind = InputKind::IdList;
    batch.input.urlTemplate = u"https://api.example/items/{id}"_s;
    batch.input.data = "1042\n1043\ncafé\n";
    batch.input.method = "POST";
    batch.input.headers = {{"Accept", "application/json"}, {"X-Trace", "7"}};
    batch.input.body = R"({"q": "ünïcode"})";
    batch.options.concurrency = 12;
    batch.options.perHostConcurrency = 3;
    batch.options.deadline = std::chrono::seconds(7);
    batch.options.retries = 2;
    batch.options.verifyTls = false;
    return batch;
}

} // namespace

class TestSavedBatch final : public QObject
{
    Q_OBJECT

private slots:
    void opensAgainAsItWasSaved();
    void documentIsReadableJson();
    void secretValuesNeverReachTheFile();
    void bytesThatAreNotTextSurvive();
    void aFileWrittenByHandOpens();
    void expectationsAndColumnsAreSaved();
    void signInProxyAndEnvironmentAreSavedWithoutSecrets_data();
    void signInProxyAndEnvironmentAreSavedWithoutSecrets();
    void refusesWhatItCannotRead_data();
    void refusesWhatItCannotRead();
};

void TestSavedBatch::opensAgainAsItWasSaved()
{
    const SavedBatch saved = sampleBatch();
    const auto read = salvo::readSavedBatch(salvo::writeSavedBatch(saved));
    QVERIFY_RESULT(read);
    QCOMPARE(read->name, saved.name);
    QCOMPARE(read->input.kind, saved.input.kind);
    QCOMPARE(read->input.urlTemplate, saved.input.urlTemplate);
    QCOMPARE(read->input.data, saved.input.data);
    QCOMPARE(read->input.method, saved.input.method);
    QCOMPARE(read->input.headers, saved.input.headers);
    QCOMPARE(read->input.body, saved.input.body);
    QCOMPARE(read->options.concurrency, 12);
    QCOMPARE(read->options.perHostConcurrency, 3);
    QCOMPARE(read->options.deadline, std::chrono::milliseconds(7000));
    QCOMPARE(read->options.retries, 2);
    QCOMPARE(read->options.verifyTls, false);
    QVERIFY(read->withheldHeaders.isEmpty());
}

void TestSavedBatch::documentIsReadableJson()
{
    const QByteArray document = salvo::writeSavedBatch(sampleBatch());
    const QJsonObject root = QJsonDocument::fromJson(document).object();
    QCOMPARE(root.value(u"format"_s).toString(), u"salvo-batch"_s);
    // Without expectations or columns, the first version: a Salvo from before them opens it.
    QCOMPARE(root.value(u"version"_s).toInt(), 1);
    QVERIFY(!root.contains(u"inspect"_s));
    // The list is text a person can read and edit, not an encoded blob.
    QCOMPARE(root.value(u"input"_s).toObject().value(u"text"_s).toString(),
             u"1042\n1043\ncafé\n"_s);
}

void TestSavedBatch::secretValuesNeverReachTheFile()
{
    SavedBatch batch = sampleBatch();
    batch.input.headers.emplaceBack("Authorization", "Bearer s3cret-t0ken");
    batch.input.headers.emplaceBack("Cookie", "session=abc123secret");
    const QByteArray document = salvo::writeSavedBatch(batch);
    QVERIFY(!document.contains("s3cret-t0ken"));
    QVERIFY(!document.contains("abc123secret"));
    const auto read = salvo::readSavedBatch(document);
    QVERIFY(read);
    QCOMPARE(read->withheldHeaders, (QList<QByteArray>{"Authorization", "Cookie"}));
    QCOMPARE(read->input.headers, sampleBatch().input.headers);
}

void TestSavedBatch::bytesThatAreNotTextSurvive()
{
    SavedBatch batch = sampleBatch();
    batch.input.body = QByteArray("\x00\xff\xfe binary", 10);
    const auto read = salvo::readSavedBatch(salvo::writeSavedBatch(batch));
    QVERIFY(read);
    QCOMPARE(read->input.body, batch.input.body);
}

void TestSavedBatch::aFileWrittenByHandOpens()
{
    // The documented shape, as a person might write it: options may be left out.
    const QByteArray document = R"({
        "format": "salvo-batch", "version": 1, "name": "Health",
        "input": {"kind": "url_list", "text": "https://a.example/health\n"},
        "request": {"method": "HEAD", "headers": [["Accept", "*/*"]]}
    })";
    const auto read = salvo::readSavedBatch(document);
    QVERIFY_RESULT(read);
    QCOMPARE(read->input.kind, InputKind::UrlList);
    QCOMPARE(read->input.data, QByteArray("https://a.example/health\n"));
    QCOMPARE(read->input.method, QByteArray("HEAD"));
    QCOMPARE(read->options.concurrency, salvo::RunOptions().concurrency);
}

void TestSavedBatch::refusesWhatItCannotRead_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("says");
    QTest::newRow("not json") << QByteArray("https://a.example/\n") << u"not a saved"_s;
    QTest::newRow("other json") << QByteArray(R"({"name": "x"})") << u"not a saved"_s;
    QTest::newRow("newer version")
            << QByteArray(R"({"format": "salvo-batch", "version": 99, "input": {}})")
            << u"newer Salvo"_s;
    QTest::newRow("no version") << QByteArray(R"({"format": "salvo-batch"})")
                                << u"no valid format version"_s;
    QTest::newRow("unknown kind") << QByteArray(
            R"({"format": "salvo-batch", "version": 1, "input": {"kind": "xml"}})")
                                  << u"kind of list"_s;
}

void TestSavedBatch::refusesWhatItCannotRead()
{
    QFETCH(QByteArray, document);
    QFETCH(QString, says);
    const auto read = salvo::readSavedBatch(document);
    QVERIFY(!read);
    QVERIFY_ERROR_SAYS(read, says);
}

// A batch's expectations and columns open again as they were saved, in a version a Salvo
// from before them refuses rather than run without them.
void TestSavedBatch::expectationsAndColumnsAreSaved()
{
    SavedBatch batch = sampleBatch();
    using Kind = salvo::Expectation::Kind;
    batch.input.inspection.expectations
            = {salvo::Expectation::parse(Kind::Status, u"200"_s).value(),
               salvo::Expectation::parse(Kind::Json, u".inStock == true"_s).value(),
               salvo::Expectation::parse(Kind::Header, u"Content-Type: *json*"_s).value()};
    batch.input.inspection.extractors = {salvo::Extractor::parse(u"price=$.price"_s).value(),
                                         salvo::Extractor::parse(u"title=xpath://h1"_s).value()};
    const QByteArray document = salvo::writeSavedBatch(batch);
    const QJsonObject root = QJsonDocument::fromJson(document).object();
    QCOMPARE(root.value(u"version"_s).toInt(), 2);
    QCOMPARE(root[u"inspect"_s][u"expect"_s][1][u"value"_s].toString(), u".inStock == true"_s);
    const auto read = salvo::readSavedBatch(document);
    QVERIFY_RESULT(read);
    QVERIFY(read->input.inspection == batch.input.inspection);
    QCOMPARE(read->input.inspection.extractors.at(1).kind, salvo::Extractor::Kind::XPath);
    QVERIFY(read->input == batch.input);
}

void TestSavedBatch::signInProxyAndEnvironmentAreSavedWithoutSecrets_data()
{
    QTest::addColumn<salvo::SignIn>("signIn");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QByteArray>("secretName");
    using salvo::SignInKind;
    QTest::newRow("basic") << salvo::SignIn{.kind = SignInKind::Basic,
                                            .user = u"tester"_s,
                                            .password = u"pa55-word"_s}
                           << u"pa55-word"_s << QByteArray("sign-in password");
    QTest::newRow("bearer") << salvo::SignIn{.kind = SignInKind::Bearer, .token = u"t0ken-x"_s}
                            << u"t0ken-x"_s << QByteArray("sign-in token");
    QTest::newRow("api key") << salvo::SignIn{.kind = SignInKind::ApiKey,
                                              .apiKeyName = u"X-Key"_s,
                                              .apiKeyValue = u"k3y-value"_s,
                                              .apiKeyPlace = salvo::ApiKeyPlace::Query}
                             << u"k3y-value"_s << QByteArray("sign-in api key");
    QTest::newRow("oauth2") << salvo::SignIn{.kind = SignInKind::OAuth2ClientCredentials,
                                             .tokenUrl = u"https://login.example/token"_s,
                                             .clientId = u"salvo"_s,
                                             .clientSecret = u"cl1ent-secret"_s,
                                             .scope = u"read"_s}
                            << u"cl1ent-secret"_s << QByteArray("sign-in client secret");
}

// The sign-in opens again with every field but its secret, which the file names for the
// keychain to give back; the proxy choice and the environment come back as chosen.
void TestSavedBatch::signInProxyAndEnvironmentAreSavedWithoutSecrets()
{
    QFETCH(salvo::SignIn, signIn);
    QFETCH(QString, secret);
    QFETCH(QByteArray, secretName);
    SavedBatch batch = sampleBatch();
    batch.input.signIn = signIn;
    batch.input.proxyMode = salvo::ProxyMode::None;
    batch.input.environmentName = u"staging"_s;
    const QByteArray document = salvo::writeSavedBatch(batch);
    QVERIFY2(!document.contains(secret.toUtf8()), document.constData());
    QCOMPARE(QJsonDocument::fromJson(document)[u"version"_s].toInt(), salvo::savedBatchVersion);
    const auto read = salvo::readSavedBatch(document);
    QVERIFY_RESULT(read);
    QCOMPARE(read->withheldHeaders, QList<QByteArray>{secretName});
    QCOMPARE(read->input.proxyMode, std::optional(salvo::ProxyMode::None));
    QCOMPARE(read->input.environmentName, u"staging"_s);
    salvo::SignIn expected = signIn;
    const salvo::HeaderList secrets = salvo::secretsOf(batch.input);
    QCOMPARE(secrets, (salvo::HeaderList{{secretName, secret.toUtf8()}}));
    salvo::SignIn opened = read->input.signIn;
    QVERIFY(opened != expected); // the secret is not in the file
    QVERIFY(salvo::takeSignInSecrets(opened, secrets).isEmpty());
    QVERIFY(opened == expected);
}

QTEST_GUILESS_MAIN(TestSavedBatch)
#include "tst_savedbatch.moc"
