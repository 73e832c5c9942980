// Every manager HostPool makes routes plain http through Qt's buffered socket (DefaultProxy,
// which resolves to a direct connection), leaves https direct, and keeps a proxy the
// application has set.

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QScopeGuard>
#include <QTest>

#include "engine/HostPool.h"
#include "engine/RouteProxyFactory.h"

using namespace Qt::StringLiterals;
using namespace salvo;

namespace {

QNetworkProxy::ProxyType routeOf(QNetworkProxyFactory &factory, const QString &address)
{
    const QList<QNetworkProxy> route = factory.queryProxy(QNetworkProxyQuery(QUrl(address)));
    return route.isEmpty() ? QNetworkProxy::NoProxy : route.constFirst().type();
}

} // namespace

class TestRouteProxyFactory final : public QObject
{
    Q_OBJECT

private slots:
    void plainHttpTakesTheBufferedRoute()
    {
        RouteProxyFactory factory;
        QCOMPARE(routeOf(factory, u"http://example.test/a"_s), QNetworkProxy::DefaultProxy);
        QCOMPARE(routeOf(factory, u"http://127.0.0.1:8080/"_s), QNetworkProxy::DefaultProxy);
        QCOMPARE(routeOf(factory, u"https://example.test/a"_s), QNetworkProxy::NoProxy);
    }

    void anApplicationProxyIsKept()
    {
        const QNetworkProxy proxy(QNetworkProxy::HttpProxy, u"proxy.test"_s, 3128);
        QNetworkProxy::setApplicationProxy(proxy);
        const auto restore
                = qScopeGuard([] { QNetworkProxy::setApplicationProxy(QNetworkProxy()); });
        RouteProxyFactory factory;
        for (const QString &address : {u"http://example.test/"_s, u"https://example.test/"_s}) {
            const QList<QNetworkProxy> route
                    = factory.queryProxy(QNetworkProxyQuery(QUrl(address)));
            QCOMPARE(route.size(), 1);
            QCOMPARE(route.constFirst().type(), QNetworkProxy::HttpProxy);
            QCOMPARE(route.constFirst().hostName(), u"proxy.test"_s);
        }
    }

    void everyManagerOfThePoolHasTheRoute()
    {
        QObject owner;
        HostPool pool(&owner);
        for (QNetworkAccessManager *manager :
             {pool.lease(u"http://a:80"_s), pool.leaseAlone(u"http://a:80"_s)}) {
            auto *factory = dynamic_cast<RouteProxyFactory *>(manager->proxyFactory());
            QVERIFY(factory);
            QCOMPARE(routeOf(*factory, u"http://a/"_s), QNetworkProxy::DefaultProxy);
        }
    }
};

QTEST_GUILESS_MAIN(TestRouteProxyFactory)
#include "tst_routeproxyfactory.moc"
