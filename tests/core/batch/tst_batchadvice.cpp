#include <QTest>

#include "batch/BatchAdvice.h"

using namespace Qt::StringLiterals;
using salvo::adviceBeforeRun;
using salvo::BatchInput;
using salvo::InputKind;

class TestBatchAdvice final : public QObject
{
    Q_OBJECT

private slots:
    void aPlainBatchNeedsNoAdvice();
    void idsThatLookLikeAddressesAreNamed();
    void bodyWithGetOrHeadIsPointedOut_data();
    void bodyWithGetOrHeadIsPointedOut();
    void bodyThatIsNotJsonSaysItGoesAsText();
    void brokenJsonBodySaysWhereItBreaks();
    void contentTypeHeaderSilencesTheBodyAdvice();
    void onlyTheStartOfALargeListIsRead();
};

void TestBatchAdvice::aPlainBatchNeedsNoAdvice()
{
    QVERIFY(adviceBeforeRun({.data = "https://example.com/a\n"}).isEmpty());
    QVERIFY(adviceBeforeRun({.kind = InputKind::IdList,
                             .urlTemplate = u"https://example.com/items/{id}"_s,
                             .data = "1\n2\n"})
                    .isEmpty());
    QVERIFY(adviceBeforeRun({.data = "https://example.com/a\n",
                             .method = "POST",
                             .body = R"({"a": [1, 2]})"})
                    .isEmpty());
}

void TestBatchAdvice::idsThatLookLikeAddressesAreNamed()
{
    const QStringList advice
            = adviceBeforeRun({.kind = InputKind::IdList,
                               .urlTemplate = u"https://example.com/items/{id}"_s,
                               .data = "# pasted\n\nhttp://127.0.0.1:9/a\nhttp://127.0.0.1:9/b\n"});
    QCOMPARE(advice.size(), 1);
    QVERIFY2(advice.first().contains(u"http://127.0.0.1:9/a"), qPrintable(advice.first()));
    QVERIFY(advice.first().contains(u"\"Web addresses\""));
    // The same lines as web addresses are what they look like.
    QVERIFY(adviceBeforeRun({.data = "http://127.0.0.1:9/a\n"}).isEmpty());
}

void TestBatchAdvice::bodyWithGetOrHeadIsPointedOut_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("advised");
    QTest::newRow("GET") << QByteArray("GET") << true;
    QTest::newRow("get, as typed") << QByteArray("get") << true;
    QTest::newRow("HEAD") << QByteArray("HEAD") << true;
    QTest::newRow("POST") << QByteArray("POST") << false;
    QTest::newRow("PATCH") << QByteArray("PATCH") << false;
}

void TestBatchAdvice::bodyWithGetOrHeadIsPointedOut()
{
    QFETCH(QByteArray, method);
    QFETCH(bool, advised);
    const QStringList advice = adviceBeforeRun(
            {.data = "https://example.com/\n", .method = method, .body = R"({"q": 1})"});
    QCOMPARE(advice.size(), advised ? 1 : 0);
    if (advised)
        QVERIFY2(advice.first().contains(QString::fromLatin1(method.toUpper())),
                 qPrintable(advice.first()));
}

void TestBatchAdvice::bodyThatIsNotJsonSaysItGoesAsText()
{
    const QStringList advice = adviceBeforeRun(
            {.data = "https://example.com/\n", .method = "POST", .body = "name=mug&size=2"});
    QCOMPARE(advice.size(), 1);
    QVERIFY2(advice.first().contains(u"text/plain"), qPrintable(advice.first()));
}

void TestBatchAdvice::brokenJsonBodySaysWhereItBreaks()
{
    const QStringList advice = adviceBeforeRun({.data = "https://example.com/\n",
                                                .method = "PUT",
                                                .body = "{\n  \"name\": \"mug\",\n  \"size\": }"});
    QCOMPARE(advice.size(), 1);
    QVERIFY2(advice.first().contains(u"not valid JSON"), qPrintable(advice.first()));
    QVERIFY2(advice.first().contains(u"line 3"), qPrintable(advice.first()));
}

void TestBatchAdvice::contentTypeHeaderSilencesTheBodyAdvice()
{
    QVERIFY(adviceBeforeRun({.data = "https://example.com/\n",
                             .method = "POST",
                             .headers = {{"content-type", "application/x-www-form-urlencoded"}},
                             .body = "name=mug"})
                    .isEmpty());
}

void TestBatchAdvice::onlyTheStartOfALargeListIsRead()
{
    // An address on line 200,000 of a list of ids is not looked for; one near the top is.
    QByteArray ids;
    for (int i = 0; i < 200'000; ++i)
        ids += QByteArray::number(i) + '\n';
    const BatchInput late{.kind = InputKind::IdList,
                          .urlTemplate = u"https://example.com/{id}"_s,
                          .data = ids + "https://example.com/x\n"};
    QVERIFY(adviceBeforeRun(late).isEmpty());
    BatchInput early = late;
    early.data.prepend("https://example.com/x\n");
    QCOMPARE(adviceBeforeRun(early).size(), 1);
}

QTEST_GUILESS_MAIN(TestBatchAdvice)
#include "tst_batchadvice.moc"
