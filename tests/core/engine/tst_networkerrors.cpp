// Every way a libcurl transfer ends lands in exactly one ErrorKind; an answer is not an error.

#include <QTest>

#include <cerrno>

#include "engine/NetworkErrors.h"

using namespace salvo;

Q_DECLARE_METATYPE(CURLcode)

class TestNetworkErrors final : public QObject
{
    Q_OBJECT

private slots:
    void mapsToKind_data()
    {
        QTest::addColumn<CURLcode>("code");
        QTest::addColumn<int>("osError");
        QTest::addColumn<QString>("kind");

        QTest::newRow("an answer, whatever its status") << CURLE_OK << 0 << "";
        QTest::newRow("refused") << CURLE_COULDNT_CONNECT << ECONNREFUSED << "connection_refused";
        QTest::newRow("unreachable") << CURLE_COULDNT_CONNECT << EHOSTUNREACH << "other";
        QTest::newRow("closed before answering") << CURLE_GOT_NOTHING << 0 << "connection_reset";
        QTest::newRow("reset while receiving") << CURLE_RECV_ERROR << ECONNRESET
                                               << "connection_reset";
        QTest::newRow("reset while sending") << CURLE_SEND_ERROR << EPIPE << "connection_reset";
        QTest::newRow("closed mid-body") << CURLE_PARTIAL_FILE << 0 << "connection_reset";
        QTest::newRow("POST not sent twice") << CURLE_SEND_FAIL_REWIND << 0 << "connection_reset";
        QTest::newRow("host not found") << CURLE_COULDNT_RESOLVE_HOST << 0 << "dns";
        QTest::newRow("timeout") << CURLE_OPERATION_TIMEDOUT << 0 << "timeout";
        QTest::newRow("aborted") << CURLE_ABORTED_BY_CALLBACK << 0 << "cancelled";
        QTest::newRow("tls handshake") << CURLE_SSL_CONNECT_ERROR << 0 << "tls";
        QTest::newRow("certificate") << CURLE_PEER_FAILED_VERIFICATION << 0 << "tls";
        QTest::newRow("redirects") << CURLE_TOO_MANY_REDIRECTS << 0 << "too_many_redirects";
        QTest::newRow("proxy") << CURLE_PROXY << 0 << "proxy";
        QTest::newRow("proxy not found") << CURLE_COULDNT_RESOLVE_PROXY << 0 << "proxy";
        QTest::newRow("an answer that is not HTTP") << CURLE_UNSUPPORTED_PROTOCOL << 0
                                                    << "protocol";
        QTest::newRow("malformed address") << CURLE_URL_MALFORMAT << 0 << "invalid_url";
        QTest::newRow("not http") << CURLE_WEIRD_SERVER_REPLY << 0 << "protocol";
        QTest::newRow("http/2 stream") << CURLE_HTTP2_STREAM << 0 << "protocol";
        QTest::newRow("damaged compression") << CURLE_BAD_CONTENT_ENCODING << 0 << "protocol";
        QTest::newRow("out of memory") << CURLE_OUT_OF_MEMORY << 0 << "other";
    }

    void mapsToKind()
    {
        QFETCH(CURLcode, code);
        QFETCH(int, osError);
        QFETCH(QString, kind);
        QCOMPARE(errorKindName(errorKindForCurl(code, osError)), kind);
    }

    void technicalDetailNamesCurlsCodeAndWords()
    {
        QCOMPARE(technicalErrorDetail(CURLE_COULDNT_RESOLVE_HOST,
                                      QStringLiteral("Could not resolve host: nowhere.invalid"),
                                      TimeoutKind::None, 0, 0),
                 QStringLiteral("curl error 6 (Couldn't resolve host name): Could not resolve "
                                "host: nowhere.invalid"));
        QCOMPARE(technicalErrorDetail(CURLE_GOT_NOTHING, {}, TimeoutKind::None, 0, 0),
                 QStringLiteral("curl error 52 (Server returned nothing (no headers, no data))"));
    }

    void technicalDetailOfATimeoutNamesTheTimer()
    {
        QCOMPARE(technicalErrorDetail(CURLE_ABORTED_BY_CALLBACK, {}, TimeoutKind::Inactivity, 2000,
                                      512),
                 QStringLiteral("inactivity timeout of 2000 ms fired after 512 body bytes"));
        QCOMPARE(technicalErrorDetail(CURLE_ABORTED_BY_CALLBACK, {}, TimeoutKind::Deadline, 30000,
                                      0),
                 QStringLiteral("deadline timeout of 30000 ms fired after 0 body bytes"));
    }
};

QTEST_GUILESS_MAIN(TestNetworkErrors)
#include "tst_networkerrors.moc"
