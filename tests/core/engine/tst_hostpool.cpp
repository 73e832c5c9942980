// HostPool never gives one QNAM more than six requests for one HTTP/1.1 host, nor more than
// its streams for an HTTP/2 host, and reuses QNAMs across hosts and as requests end.

#include <QNetworkAccessManager>
#include <QTest>

#include "engine/HostPool.h"

using namespace salvo;

class TestHostPool final : public QObject
{
    Q_OBJECT

private slots:
    void hostKeyNamesSchemeHostAndPort_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("key");
        QTest::newRow("http default port") << "http://Example.com/a"
                                           << "http://example.com:80";
        QTest::newRow("https default port") << "https://example.com/"
                                            << "https://example.com:443";
        QTest::newRow("explicit port") << "http://127.0.0.1:8080/x?y"
                                       << "http://127.0.0.1:8080";
    }

    void hostKeyNamesSchemeHostAndPort()
    {
        QFETCH(QString, url);
        QFETCH(QString, key);
        QCOMPARE(HostPool::hostKey(QUrl(url)), key);
    }

    void moreThanSixPerHostNeedsAnotherManager()
    {
        QObject owner;
        HostPool pool(&owner);
        const QString host = QStringLiteral("http://a:80");
        QHash<QNetworkAccessManager *, int> perManager;
        QList<QNetworkAccessManager *> leased;
        for (int i = 0; i < 20; ++i) {
            QNetworkAccessManager *manager = pool.lease(host);
            leased.append(manager);
            ++perManager[manager];
        }
        QCOMPARE(pool.managerCount(), 4); // ceil(20 / 6)
        for (const int count : std::as_const(perManager))
            QVERIFY(count <= HostPool::connectionsPerManager);

        // Another host shares the same managers: the limit is per host.
        for (int i = 0; i < 6; ++i)
            pool.lease(QStringLiteral("http://b:80"));
        QCOMPARE(pool.managerCount(), 4);

        // A returned slot is used again before any new manager is made.
        pool.giveBack(host, leased.first());
        QCOMPARE(pool.lease(host), leased.first());
        QCOMPARE(pool.managerCount(), 4);
    }

    // A host that answered over HTTP/2 shares one manager's connection, up to its streams;
    // others keep six a manager, and so did that host before it was known.
    void http2HostsShareOneManager()
    {
        QObject owner;
        HostPool pool(&owner);
        const QString h2 = QStringLiteral("https://a:443");
        for (int i = 0; i < 7; ++i)
            pool.lease(h2);
        QCOMPARE(pool.managerCount(), 2);

        pool.noteHttp2(h2);
        QHash<QNetworkAccessManager *, int> perManager;
        for (int i = 0; i < 2 * HostPool::streamsPerManager - 7; ++i)
            ++perManager[pool.lease(h2)];
        QCOMPARE(pool.managerCount(), 2); // the first two, filled to their streams
        QNetworkAccessManager *third = pool.lease(h2);
        QCOMPARE(pool.managerCount(), 3);
        QVERIFY(!perManager.contains(third));

        // Another host on the same managers is still held to six a manager.
        for (int i = 0; i < 7; ++i)
            pool.lease(QStringLiteral("https://b:443"));
        QCOMPARE(pool.managerCount(), 3);
        pool.lease(QStringLiteral("https://b:443"));
        pool.lease(QStringLiteral("https://b:443"));
        for (int i = 0; i < 10; ++i)
            pool.lease(QStringLiteral("https://b:443"));
        QCOMPARE(pool.managerCount(), 4); // ceil(19 / 6)
    }

    // A resend is alone in its manager for its host: never beside a shared manager's requests,
    // nor beside another resend to the same host. Other hosts may share it.
    void resendsGetAManagerToThemselves()
    {
        QObject owner;
        HostPool pool(&owner);
        const QString host = QStringLiteral("http://a:80");
        QNetworkAccessManager *shared = pool.lease(host);
        QNetworkAccessManager *first = pool.leaseAlone(host);
        QNetworkAccessManager *second = pool.leaseAlone(host);
        QVERIFY(first != shared);
        QVERIFY(second != first && second != shared);
        QCOMPARE(pool.loneManagerCount(), 2);
        QCOMPARE(pool.managerCount(), 1);
        QCOMPARE(pool.leaseAlone(QStringLiteral("http://b:80")), first);

        pool.giveBackAlone(host, first);
        QCOMPARE(pool.leaseAlone(host), first);
        QCOMPARE(pool.loneManagerCount(), 2);
        QCOMPARE(first->parent(), &owner);
        QCOMPARE(first->redirectPolicy(), QNetworkRequest::ManualRedirectPolicy);
    }

    void managersAreConfiguredForTheEngine()
    {
        QObject owner;
        HostPool pool(&owner);
        QNetworkAccessManager *manager = pool.lease(QStringLiteral("http://a:80"));
        QCOMPARE(manager->parent(), &owner);
        QCOMPARE(manager->redirectPolicy(), QNetworkRequest::ManualRedirectPolicy);
        QCOMPARE(manager->transferTimeout(), 0);
        QVERIFY(!manager->autoDeleteReplies());
    }
};

QTEST_GUILESS_MAIN(TestHostPool)
#include "tst_hostpool.moc"
