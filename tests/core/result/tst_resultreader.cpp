// A result read back from the record resultToJson() wrote is the result that was written, for
// every kind of outcome; a record that is not one says which field is wrong.

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "ExpectedTest.h"
#include "result/ResultReader.h"
#include "result/ResultWriter.h"

using namespace Qt::StringLiterals;
using salvo::ErrorKind;
using salvo::Result;

namespace {

Result answered()
{
    Result result;
    result.index = 4;
    result.line = 9;
    result.url = u"https://a.example/items/4"_s;
    result.method = "POST";
    result.status = 201;
    result.elapsedMs = 120;
    result.firstByteMs = 80;
    result.bytes = qint64(5) << 32; // counted, not kept: more than an int holds
    result.truncated = true;
    result.contentType = u"text/plain"_s;
    result.attempts = 2;
    result.resends = 1;
    result.redirects = {u"https://a.example/moved"_s};
    result.headers = {{"Content-Type", "text/plain"}, {"X-Empty", ""}};
    result.body = "hello";
    return result;
}

Result failed()
{
    Result result;
    result.index = 0;
    result.line = 1;
    result.url = u"http://127.0.0.1:1/"_s;
    result.method = "GET";
    result.error = ErrorKind::Timeout;
    result.timeout = salvo::TimeoutKind::Inactivity;
    result.message = u"Nothing arrived."_s;
    result.detail = u"QNetworkReply::TimeoutError"_s;
    result.elapsedMs = 30'000;
    result.attempts = 1;
    result.certificatesUnchecked = true;
    return result;
}

bool same(const Result &a, const Result &b)
{
    return a.index == b.index && a.line == b.line && a.url == b.url && a.method == b.method
            && a.status == b.status && a.error == b.error && a.timeout == b.timeout
            && a.message == b.message && a.detail == b.detail && a.elapsedMs == b.elapsedMs
            && a.firstByteMs == b.firstByteMs && a.bytes == b.bytes && a.truncated == b.truncated
            && a.contentType == b.contentType && a.attempts == b.attempts && a.resends == b.resends
            && a.redirects == b.redirects && a.headers == b.headers && a.body == b.body
            && a.certificatesUnchecked == b.certificatesUnchecked;
}

} // namespace

class TestResultReader final : public QObject
{
    Q_OBJECT

private slots:
    void readsWhatWasWritten_data();
    void readsWhatWasWritten();
    void withoutBodiesReadsNone();
    void refusesWhatIsNotAResult_data();
    void refusesWhatIsNotAResult();
};

void TestResultReader::readsWhatWasWritten_data()
{
    QTest::addColumn<Result>("result");
    QTest::newRow("answered") << answered();
    QTest::newRow("timed out, certificates unchecked") << failed();
    Result binary = answered();
    binary.body = QByteArray("\xff\x00\x01", 3);
    QTest::newRow("binary body") << binary;
}

void TestResultReader::readsWhatWasWritten()
{
    QFETCH(Result, result);
    const salvo::Expected<Result> read
            = salvo::resultFromJson(salvo::resultToJson(result, true, 42));
    QVERIFY_RESULT(read);
    QVERIFY(same(*read, result));
}

void TestResultReader::withoutBodiesReadsNone()
{
    const salvo::Expected<Result> read
            = salvo::resultFromJson(salvo::resultToJson(answered(), false));
    QVERIFY_RESULT(read);
    QVERIFY(read->body.isEmpty());
    QVERIFY(read->headers.isEmpty());
    QCOMPARE(read->bytes, qint64(5) << 32);
}

void TestResultReader::refusesWhatIsNotAResult_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value"); // Undefined: the field is left out
    QTest::addColumn<QString>("words");
    QTest::newRow("no index") << u"index"_s << QJsonValue(QJsonValue::Undefined)
                              << u"it has no \"index\""_s;
    QTest::newRow("negative index") << u"index"_s << QJsonValue(-1)
                                    << u"its \"index\" is not a whole number of at least 0"_s;
    QTest::newRow("fractional line") << u"line"_s << QJsonValue(1.5) << u"\"line\""_s;
    QTest::newRow("url a number") << u"url"_s << QJsonValue(7) << u"its \"url\" is not text"_s;
    QTest::newRow("status as text") << u"status"_s << QJsonValue(u"200"_s) << u"\"status\""_s;
    QTest::newRow("status too low") << u"status"_s << QJsonValue(42) << u"\"status\""_s;
    QTest::newRow("unknown error") << u"error"_s << QJsonValue(u"gremlins"_s)
                                   << u"its \"error\" is not an error salvo-cli names"_s;
    QTest::newRow("unknown timeout") << u"timeout"_s << QJsonValue(u"soon"_s) << u"\"timeout\""_s;
    QTest::newRow("truncated as text")
            << u"truncated"_s << QJsonValue(u"no"_s) << u"its \"truncated\" is not true or false"_s;
    QTest::newRow("redirects not a list")
            << u"redirects"_s << QJsonValue(u"x"_s) << u"\"redirects\""_s;
    QTest::newRow("unknown encoding")
            << u"body_encoding"_s << QJsonValue(u"rot13"_s) << u"\"body_encoding\""_s;
    QTest::newRow("header without a name")
            << u"response_headers"_s << QJsonValue(QJsonArray{u": x"_s})
            << u"\"response_headers\""_s;
    QTest::newRow("huge bytes") << u"bytes"_s << QJsonValue(1e300) << u"\"bytes\""_s;
}

void TestResultReader::refusesWhatIsNotAResult()
{
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QFETCH(QString, words);
    QJsonObject record = salvo::resultToJson(answered(), true);
    if (value.isUndefined())
        record.remove(field);
    else
        record.insert(field, value);
    QVERIFY_ERROR_SAYS(salvo::resultFromJson(record), words);
}

QTEST_GUILESS_MAIN(TestResultReader)
#include "tst_resultreader.moc"
