// Every QNetworkReply error lands in exactly one ErrorKind; HTTP statuses are not errors.

#include <QTest>

#include "engine/NetworkErrors.h"

using namespace salvo;
using E = QNetworkReply::NetworkError;

class TestNetworkErrors final : public QObject
{
    Q_OBJECT

private slots:
    void mapsToKind_data()
    {
        QTest::addColumn<QNetworkReply::NetworkError>("error");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("kind");

        QTest::newRow("none") << E::NoError << 200 << "";
        QTest::newRow("refused") << E::ConnectionRefusedError << 0 << "connection_refused";
        QTest::newRow("closed") << E::RemoteHostClosedError << 0 << "connection_reset";
        QTest::newRow("closed mid-body") << E::RemoteHostClosedError << 200 << "connection_reset";
        QTest::newRow("host not found") << E::HostNotFoundError << 0 << "dns";
        QTest::newRow("timeout") << E::TimeoutError << 0 << "timeout";
        QTest::newRow("aborted") << E::OperationCanceledError << 0 << "cancelled";
        QTest::newRow("tls") << E::SslHandshakeFailedError << 0 << "tls";
        QTest::newRow("redirects") << E::TooManyRedirectsError << 0 << "too_many_redirects";
        QTest::newRow("proxy refused") << E::ProxyConnectionRefusedError << 0 << "proxy";
        QTest::newRow("proxy auth") << E::ProxyAuthenticationRequiredError << 407 << "proxy";
        QTest::newRow("unknown proxy") << E::UnknownProxyError << 0 << "proxy";
        QTest::newRow("scheme") << E::ProtocolUnknownError << 0 << "unsupported_scheme";
        QTest::newRow("protocol") << E::ProtocolFailure << 0 << "protocol";
        QTest::newRow("bad content") << E::UnknownContentError << 200 << "protocol";
        QTest::newRow("temporary failure") << E::TemporaryNetworkFailureError << 0 << "other";
        QTest::newRow("unknown network") << E::UnknownNetworkError << 0 << "other";
        QTest::newRow("404 is an answer") << E::ContentNotFoundError << 404 << "";
        QTest::newRow("401 is an answer") << E::AuthenticationRequiredError << 401 << "";
        QTest::newRow("500 is an answer") << E::InternalServerError << 500 << "";
        QTest::newRow("503 is an answer") << E::ServiceUnavailableError << 503 << "";
        QTest::newRow("418 is an answer") << E::UnknownContentError << 418 << "";
        QTest::newRow("content error without an answer")
                << E::ContentAccessDenied << 0 << "protocol";
        // Qt could not rewind a body to send it again (SendOnceBody): before any answer the
        // connection had closed; with a 307 or 308 the answer is the result.
        QTest::newRow("body not sent twice") << E::ContentReSendError << 0 << "connection_reset";
        QTest::newRow("body not sent on by Qt") << E::ContentReSendError << 307 << "";
    }

    void mapsToKind()
    {
        QFETCH(QNetworkReply::NetworkError, error);
        QFETCH(int, status);
        QFETCH(QString, kind);
        QCOMPARE(errorKindName(errorKindForNetworkError(error, status)), kind);
    }

    void technicalDetailNamesQtsCodeAndWords()
    {
        QCOMPARE(
                technicalErrorDetail(QNetworkReply::HostNotFoundError,
                                     QStringLiteral("Host nowhere.invalid not found"),
                                     TimeoutKind::None, 0, 0),
                QStringLiteral("QNetworkReply::HostNotFoundError: Host nowhere.invalid not found"));
        QCOMPARE(technicalErrorDetail(QNetworkReply::ProtocolFailure, {}, TimeoutKind::None, 0, 0),
                 QStringLiteral("QNetworkReply::ProtocolFailure"));
    }

    void technicalDetailOfATimeoutNamesTheTimer()
    {
        QCOMPARE(technicalErrorDetail(QNetworkReply::OperationCanceledError, {},
                                      TimeoutKind::Inactivity, 2000, 512),
                 QStringLiteral("inactivity timeout of 2000 ms fired after 512 body bytes"));
        QCOMPARE(technicalErrorDetail(QNetworkReply::OperationCanceledError, {},
                                      TimeoutKind::Deadline, 30000, 0),
                 QStringLiteral("deadline timeout of 30000 ms fired after 0 body bytes"));
    }
};

QTEST_GUILESS_MAIN(TestNetworkErrors)
#include "tst_networkerrors.moc"
