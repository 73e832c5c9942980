#include "RouteProxyFactory.h"

namespace salvo {

QList<QNetworkProxy> RouteProxyFactory::queryProxy(const QNetworkProxyQuery &query)
{
    // What the application as a whole would use (its proxy, or its own factory's answer).
    QList<QNetworkProxy> route = QNetworkProxyFactory::proxyForQuery(query);
    const bool direct = route.isEmpty() || route.constFirst().type() == QNetworkProxy::NoProxy;
    // https sockets are buffered already, and a DefaultProxy there would be asked to tunnel.
    if (direct && query.protocolTag() == u"http")
        return {QNetworkProxy(QNetworkProxy::DefaultProxy)};
    return route;
}

} // namespace salvo
