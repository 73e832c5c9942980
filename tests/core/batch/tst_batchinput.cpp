// One input read as a URL list, an id list or a CSV: the same text gives different rows by
// kind, and the kind of a file follows its name and whether a template is given.

#include <QTest>

#include "batch/BatchInput.h"

using namespace Qt::StringLiterals;
using salvo::InputKind;

class TestBatchInput final : public QObject
{
    Q_OBJECT

private slots:
    void kindOfAFile_data();
    void kindOfAFile();
    void readsAUrlList();
    void fillsTheTemplateWithEachId();
    void readsACsvWithAUrlColumn();
    void fillsTheTemplateFromCsvColumns();
    void idsWithoutATemplateAreAnInputError();
    void buildsTheBatchWithMethodHeadersAndBody();
    void bodyWithoutContentTypeGetsOne_data();
    void bodyWithoutContentTypeGetsOne();
    void givenContentTypeIsKept();
};

void TestBatchInput::kindOfAFile_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("hasTemplate");
    QTest::addColumn<InputKind>("kind");
    QTest::newRow("text file") << u"urls.txt"_s << false << InputKind::UrlList;
    QTest::newRow("text file with a template") << u"ids.txt"_s << true << InputKind::IdList;
    QTest::newRow("csv") << u"batch.csv"_s << false << InputKind::Csv;
    QTest::newRow("CSV in capitals, with a template") << u"BATCH.CSV"_s << true << InputKind::Csv;
    QTest::newRow("standard input") << u"-"_s << false << InputKind::UrlList;
}

void TestBatchInput::kindOfAFile()
{
    QFETCH(QString, path);
    QFETCH(bool, hasTemplate);
    QFETCH(InputKind, kind);
    QCOMPARE(salvo::inputKindForFile(path, hasTemplate), kind);
}

void TestBatchInput::readsAUrlList()
{
    const auto rows = salvo::parseBatchInput(InputKind::UrlList,
                                             "https://a.example/1\n# note\n\nnot an address\n");
    QVERIFY(rows);
    QCOMPARE(rows->size(), 2);
    QCOMPARE(rows->at(0).url, QUrl(u"https://a.example/1"_s));
    QCOMPARE(rows->at(1).line, 4);
    QVERIFY(!rows->at(1).isRunnable());
}

void TestBatchInput::fillsTheTemplateWithEachId()
{
    const auto rows = salvo::parseBatchInput(InputKind::IdList, "7\na/b\n",
                                             u"https://api.example/items/{id}"_s);
    QVERIFY(rows);
    QCOMPARE(rows->size(), 2);
    QCOMPARE(rows->at(0).url, QUrl(u"https://api.example/items/7"_s));
    QCOMPARE(rows->at(1).text, u"https://api.example/items/a%2Fb"_s);
}

void TestBatchInput::readsACsvWithAUrlColumn()
{
    const auto rows
            = salvo::parseBatchInput(InputKind::Csv, "name,url\nfirst,https://a.example/x\n");
    QVERIFY(rows);
    QCOMPARE(rows->size(), 1);
    QCOMPARE(rows->at(0).url, QUrl(u"https://a.example/x"_s));
    QCOMPARE(rows->at(0).line, 2);
}

void TestBatchInput::fillsTheTemplateFromCsvColumns()
{
    const auto rows = salvo::parseBatchInput(InputKind::Csv, "shop;sku\nnorth;A-1\n",
                                             u"https://{shop}.example/sku/{sku}"_s);
    QVERIFY(rows);
    QCOMPARE(rows->size(), 1);
    QCOMPARE(rows->at(0).url, QUrl(u"https://north.example/sku/A-1"_s));
}

void TestBatchInput::idsWithoutATemplateAreAnInputError()
{
    const auto rows = salvo::parseBatchInput(InputKind::IdList, "7\n8\n", {});
    QVERIFY(!rows);
    QVERIFY(!rows.error().message.isEmpty());
}

void TestBatchInput::buildsTheBatchWithMethodHeadersAndBody()
{
    salvo::BatchInput input;
    input.kind = InputKind::IdList;
    input.urlTemplate = u"https://api.example/items/{id}"_s;
    input.data = "1\n2\n";
    input.method = "PUT";
    input.headers = {{"Accept", "application/json"}, {"content-type", "application/xml"}};
    input.body = "<item/>";
    const auto spec = salvo::buildBatch(input);
    QVERIFY(spec);
    QCOMPARE(spec->rows.size(), 2);
    QCOMPARE(spec->method, QByteArray("PUT"));
    QCOMPARE(spec->body, QByteArray("<item/>"));
    QCOMPARE(spec->headers, input.headers);
}

void TestBatchInput::bodyWithoutContentTypeGetsOne_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("json object") << QByteArray(R"({"a": 1})") << QByteArray("application/json");
    QTest::newRow("json array") << QByteArray("[1,2]") << QByteArray("application/json");
    QTest::newRow("text") << QByteArray("name=a&b=c") << QByteArray("text/plain; charset=utf-8");
    QTest::newRow("broken json") << QByteArray(R"({"a": )")
                                 << QByteArray("text/plain; charset=utf-8");
}

void TestBatchInput::bodyWithoutContentTypeGetsOne()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    salvo::BatchInput input;
    input.data = "https://a.example/\n";
    input.method = "POST";
    input.body = body;
    const auto spec = salvo::buildBatch(input);
    QVERIFY(spec);
    QCOMPARE(spec->headers, (salvo::HeaderList{{"Content-Type", contentType}}));
}

void TestBatchInput::givenContentTypeIsKept()
{
    salvo::BatchInput input;
    input.data = "https://a.example/\n";
    input.headers = {{"CONTENT-TYPE", "application/x-www-form-urlencoded"}};
    input.body = "{}";
    const auto spec = salvo::buildBatch(input);
    QVERIFY(spec);
    QCOMPARE(spec->headers, input.headers);

    input.body.clear(); // no body: nothing is added either
    input.headers.clear();
    const auto empty = salvo::buildBatch(input);
    QVERIFY(empty);
    QVERIFY(empty->headers.isEmpty());
}

QTEST_GUILESS_MAIN(TestBatchInput)
#include "tst_batchinput.moc"
