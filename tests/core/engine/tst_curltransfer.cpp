// CurlTransfer: what one request brings back. The final answer's status, headers and body;
// a body past the cap counted but not kept; headers cut short are no answer; a 1xx before
// the answer leaves no trace; a POST's body goes as it is; libcurl's words on a failure.

#include <QTest>

#include "CurlTestSupport.h"
#include "FaultServer.h"
#include "TestServer.h"

using namespace salvo;
using namespace salvo::test;

class TestCurlTransfer final : public QObject
{
    Q_OBJECT

private:
    FaultServer m_faults;
    CurlMulti m_multi;
    QElapsedTimer m_clock;

private slots:
    void initTestCase()
    {
        QVERIFY(m_faults.start());
        m_clock.start();
    }

    void theAnswerIsKept()
    {
        CurlTransfer transfer(getOf(m_faults.url(QStringLiteral("/ok"))), m_clock);
        QVERIFY(performWithin(m_multi, transfer));
        QCOMPARE(transfer.code, CURLE_OK);
        QCOMPARE(transfer.status, 200);
        QVERIFY(transfer.headersComplete);
        QCOMPARE(transfer.body, QByteArray("ok"));
        QCOMPARE(transfer.bytes, 2);
        QVERIFY(!transfer.truncated);
        QCOMPARE(transfer.sends, 1);
        QVERIFY(transfer.firstByteAt >= 0);
        const auto length = std::find_if(
                transfer.headers.cbegin(), transfer.headers.cend(), [](const auto &header) {
                    return header.first.compare("content-length", Qt::CaseInsensitive) == 0;
                });
        QVERIFY(length != transfer.headers.cend());
        QCOMPARE(length->second, QByteArray("2"));
    }

    void aBodyPastTheCapIsCountedNotKept()
    {
        CurlTransfer transfer(getOf(m_faults.url(QStringLiteral("/stream/300000")), 1000), m_clock);
        QVERIFY(performWithin(m_multi, transfer));
        QCOMPARE(transfer.code, CURLE_OK);
        QCOMPARE(transfer.body.size(), 1000);
        QCOMPARE(transfer.bytes, 300000);
        QVERIFY(transfer.truncated);
    }

    void headersCutShortAreNoAnswer()
    {
        CurlTransfer transfer(getOf(m_faults.url(QStringLiteral("/partial-headers"))), m_clock);
        QVERIFY(performWithin(m_multi, transfer));
        QVERIFY(!transfer.headersComplete);
    }

    void aDamagedCompressedBodyIsAnError()
    {
        CurlTransfer transfer(getOf(m_faults.url(QStringLiteral("/bad-encoding"))), m_clock);
        QVERIFY(performWithin(m_multi, transfer));
        QCOMPARE(transfer.code, CURLE_BAD_CONTENT_ENCODING);
        QVERIFY2(!transfer.errorText.isEmpty(), "libcurl's words are kept");
    }

    void aCompressionBombIsStopped()
    {
        TestServer server;
        QVERIFY(server.start());
        // 32 MiB of zeros travel as about 32 KiB; past 10 MiB unpacked the transfer stops.
        CurlTransfer transfer(getOf(server.url(QStringLiteral("/deflate/33554432")), 4096),
                              m_clock);
        QVERIFY(performWithin(m_multi, transfer, 30000));
        QVERIFY(transfer.compressionBomb);
        QCOMPARE(transfer.code, CURLE_WRITE_ERROR);
        QVERIFY(transfer.bytes > 10 << 20 && transfer.bytes < 16 << 20);
        QCOMPARE(transfer.body.size(), 4096);
    }

    void aPostCarriesItsBodyAndHeaders()
    {
        TestServer echo;
        QVERIFY(echo.start());
        curl_slist *headers = curl_slist_append(nullptr, "Content-Type: application/json");
        const QByteArray body = R"({"sku":"A-1","qty":2})";
        CurlTransfer transfer({.url = echo.url(QStringLiteral("/hook")).toEncoded(),
                               .method = "POST",
                               .body = body,
                               .headers = headers,
                               .keepBodyBytes = 1 << 20,
                               .sendAgainAllowed = false},
                              m_clock);
        const bool ended = performWithin(m_multi, transfer);
        curl_slist_free_all(headers);
        QVERIFY(ended);
        QCOMPARE(transfer.status, 204);
        QCOMPARE(echo.hookRequests().size(), 1);
        QCOMPARE(echo.hookRequests().first().method, QByteArray("POST"));
        QCOMPARE(echo.hookRequests().first().body, body);
        QCOMPARE(echo.hookRequests().first().contentType, QByteArray("application/json"));
    }
};

QTEST_GUILESS_MAIN(TestCurlTransfer)
#include "tst_curltransfer.moc"
