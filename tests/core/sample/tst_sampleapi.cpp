// The sample batch against the sample API shows a newcomer every kind of result; the sample API
// and the tests' own servers listen on 127.0.0.1 only, never on an address another machine
// can reach.

#include <QTest>

#include "FaultServer.h"
#include "ListeningSockets.h"
#include "NetworkIsolation.h"
#include "RunRecorder.h"
#include "TestServer.h"
#include "batch/UrlListParser.h"
#include "sample/SampleApi.h"

using namespace Qt::StringLiterals;
using namespace salvo;
using namespace std::chrono_literals;

class TestSampleApi final : public QObject
{
    Q_OBJECT

private slots:
    void sampleBatchShowsEveryKindOfResult()
    {
        SampleApi api;
        QVERIFY(api.start());
        QCOMPARE(api.baseUrl().host(), QStringLiteral("127.0.0.1"));

        BatchSpec spec;
        spec.rows = parseUrlList(api.sampleBatch());
        QCOMPARE(spec.rows.size(), 16);
        RunOptions options;
        options.inactivity = SampleApi::inactivityTimeout;
        RunRecorder recorder(spec, options);
        QVERIFY(recorder.runToEnd(10000));
        QCOMPARE(recorder.results.size(), spec.rows.size());

        QSet<int> statuses;
        QSet<ErrorKind> errors;
        bool followedRedirect = false;
        for (const Result &result : std::as_const(recorder.results)) {
            statuses.insert(result.status);
            errors.insert(result.error);
            followedRedirect = followedRedirect || !result.redirects.isEmpty();
        }
        QVERIFY(statuses.contains(200));
        QVERIFY(statuses.contains(404));
        QVERIFY(statuses.contains(500));
        QVERIFY(followedRedirect);
        QVERIFY(errors.contains(ErrorKind::Timeout));
        QVERIFY(errors.contains(ErrorKind::InvalidUrl));
        QVERIFY(errors.contains(ErrorKind::UnsupportedScheme));
        QCOMPARE(recorder.lastProgress.ok, 10);
    }

    // The kernel's own list of listening sockets, not the servers' idea of themselves.
    void serversListenOnLoopbackOnly()
    {
        if (!QFile::exists(u"/proc/net/tcp"_s))
            QSKIP("Reads the listening sockets from /proc/net/tcp (Linux)");
        SampleApi api;
        QVERIFY(api.start());
        TestServer http;
        QVERIFY(http.start());
        FaultServer plain;
        QVERIFY(plain.start());
        FaultServer tls(FaultServer::Transport::Tls);
        QVERIFY(tls.start());

        const QList<std::pair<const char *, QUrl>> servers{{"sample API", api.baseUrl()},
                                                           {"TestServer", http.url({})},
                                                           {"FaultServer", plain.url({})},
                                                           {"FaultServer (TLS)", tls.url({})}};
        for (const auto &[name, url] : servers) {
            const QList<QHostAddress> addresses = test::listeningAddresses(quint16(url.port()));
            QVERIFY2(!addresses.isEmpty(), name);
            for (const QHostAddress &address : addresses) {
                QVERIFY2(address == QHostAddress(QHostAddress::LocalHost),
                         qPrintable(u"%1 listens on %2"_s.arg(QLatin1StringView(name),
                                                              address.toString())));
            }
        }
    }
};

int main(int argc, char *argv[])
{
    isolateNetwork();
    QCoreApplication app(argc, argv);
    TestSampleApi test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_sampleapi.moc"
