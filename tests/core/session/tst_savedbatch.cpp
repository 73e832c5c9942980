// .salvo documents: a saved batch opens again as it was, secrets never reach the file, and
// files this Salvo cannot read are refused in plain words.

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "session/SavedBatch.h"
#include "ExpectedTest.h"

using namespace Qt::StringLiterals;
using salvo::InputKind;
using salvo::SavedBatch;

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
    QCOMPARE(root.value(u"version"_s).toInt(), salvo::savedBatchVersion);
    QCOMPARE(root[u"inspect"_s][u"expect"_s][1][u"value"_s].toString(), u".inStock == true"_s);
    const auto read = salvo::readSavedBatch(document);
    QVERIFY_RESULT(read);
    QVERIFY(read->input.inspection == batch.input.inspection);
    QCOMPARE(read->input.inspection.extractors.at(1).kind, salvo::Extractor::Kind::XPath);
    QVERIFY(read->input == batch.input);
}

QTEST_GUILESS_MAIN(TestSavedBatch)
#include "tst_savedbatch.moc"
