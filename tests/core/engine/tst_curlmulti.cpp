// CurlMulti: libcurl's multi interface on a Qt event loop. Many transfers at once each end
// with their own answer, a connection is kept for the next request, an abort resumes the
// awaiting coroutine at once, and a refused connection ends the transfer with its code.

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <list>

#include "CurlTestSupport.h"
#include "FaultServer.h"

using namespace salvo;
using namespace salvo::test;

class TestCurlMulti final : public QObject
{
    Q_OBJECT

private slots:
    void manyTransfersAtOnceEachGetTheirOwnAnswer()
    {
        FaultServer server;
        QVERIFY(server.start());
        CurlMulti multi;
        QElapsedTimer clock;
        clock.start();
        constexpr int count = 200;
        std::list<CurlTransfer> transfers;
        int ended = 0;
        QEventLoop loop;
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        for (int i = 0; i < count; ++i) {
            // Every third one waits, so answers end in another order than they were asked.
            const QString path = i % 3 == 0 ? QStringLiteral("/delay/%1").arg(20 + i % 7 * 10)
                                            : QStringLiteral("/ok");
            CurlTransfer &transfer = transfers.emplace_back(getOf(server.url(path)), clock);
            QCoro::connect(performed(multi, transfer), &loop, [&] {
                if (++ended == count)
                    loop.quit();
            });
        }
        QCOMPARE(multi.inFlight(), count);
        if (ended < count)
            loop.exec();
        QCOMPARE(ended, count);
        QCOMPARE(multi.inFlight(), 0);
        int i = 0;
        for (const CurlTransfer &transfer : transfers) {
            QCOMPARE(transfer.code, CURLE_OK);
            QCOMPARE(transfer.status, 200);
            QCOMPARE(transfer.body, i % 3 == 0 ? QByteArray("late") : QByteArray("ok"));
            ++i;
        }
        QCOMPARE(server.requestCount(), count);
    }

    void aConnectionIsKeptForTheNextRequest()
    {
        FaultServer server;
        QVERIFY(server.start());
        CurlMulti multi;
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 3; ++i) {
            CurlTransfer transfer(getOf(server.url(QStringLiteral("/close-first/0/kept"))), clock);
            QVERIFY(performWithin(multi, transfer));
            QCOMPARE(transfer.status, 200);
        }
        // nginx's $connection_requests: the second and third went on the first's connection.
        QCOMPARE(server.arrivals("/close-first/0/kept"), (QList<int>{1, 2, 3}));
    }

    void abortResumesTheTransferAtOnce()
    {
        FaultServer server;
        QVERIFY(server.start());
        CurlMulti multi;
        QElapsedTimer clock;
        clock.start();
        CurlTransfer transfer(getOf(server.url(QStringLiteral("/hang"))), clock);
        bool ended = false;
        QObject context;
        QCoro::connect(performed(multi, transfer), &context, [&] { ended = true; });
        QSignalSpy asked(&server, &FaultServer::requestReceived);
        QVERIFY(asked.wait(10000));
        QVERIFY(!ended);
        multi.abort(transfer);
        QVERIFY(ended); // inside abort(), not at some later turn of the loop
        QCOMPARE(transfer.code, CURLE_ABORTED_BY_CALLBACK);
        QCOMPARE(transfer.status, 0);
        QCOMPARE(multi.inFlight(), 0);
    }

    void aRefusedConnectionEndsWithItsCode()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 closedPort = closed.serverPort();
        closed.close();
        CurlMulti multi;
        QElapsedTimer clock;
        clock.start();
        CurlTransfer transfer(getOf(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(closedPort))),
                              clock);
        QVERIFY(performWithin(multi, transfer));
        QCOMPARE(transfer.code, CURLE_COULDNT_CONNECT);
        QVERIFY2(!transfer.errorText.isEmpty(), "libcurl's words are kept");
        QCOMPARE(transfer.sends, 0);
    }
};

QTEST_GUILESS_MAIN(TestCurlMulti)
#include "tst_curlmulti.moc"
