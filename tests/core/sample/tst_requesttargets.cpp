// The loopback servers' request splitter: whole request heads only, in order.

#include <QTest>

#include "sample/RequestTargets.h"

class TestRequestTargets final : public QObject
{
    Q_OBJECT

private slots:
    void takesCompleteHeadsOnly_data()
    {
        QTest::addColumn<QByteArray>("buffer");
        QTest::addColumn<QList<QByteArray>>("targets");
        QTest::addColumn<QByteArray>("left");

        QTest::newRow("empty") << QByteArray() << QList<QByteArray>() << QByteArray();
        QTest::newRow("one") << QByteArray("GET /a HTTP/1.1\r\nHost: x\r\n\r\n")
                             << QList<QByteArray>{"/a"} << QByteArray();
        QTest::newRow("two, pipelined")
                << QByteArray("GET /a HTTP/1.1\r\n\r\nHEAD /b?c=d HTTP/1.1\r\nHost: x\r\n\r\n")
                << QList<QByteArray>{"/a", "/b?c=d"} << QByteArray();
        QTest::newRow("one and a half")
                << QByteArray("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\nHo")
                << QList<QByteArray>{"/a"} << QByteArray("GET /b HTTP/1.1\r\nHo");
        QTest::newRow("no target")
                << QByteArray("garbage\r\n\r\n") << QList<QByteArray>{"/"} << QByteArray();
    }

    void takesCompleteHeadsOnly()
    {
        QFETCH(QByteArray, buffer);
        QFETCH(QList<QByteArray>, targets);
        QFETCH(QByteArray, left);
        QCOMPARE(salvo::takeRequestTargets(buffer), targets);
        QCOMPARE(buffer, left);
    }
};

QTEST_GUILESS_MAIN(TestRequestTargets)
#include "tst_requesttargets.moc"
