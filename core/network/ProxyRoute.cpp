#include "ProxyRoute.h"

#include <QCoreApplication>
#include <QHostAddress>

namespace salvo {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("salvo::ProxyRoute", text);
}

bool isLoopback(const QString &host)
{
    const QHostAddress address(host);
    return host == u"localhost" || (!address.isNull() && address.isLoopback());
}

// libcurl's name for a Qt proxy; empty for none. SOCKS5 resolves names at the proxy, as a
// browser does: inside a company network, only the proxy may know them.
QByteArray curlName(const QNetworkProxy &proxy, bool overTls)
{
    QUrl url;
    if (proxy.type() == QNetworkProxy::HttpProxy)
        url.setScheme(overTls ? QStringLiteral("https") : QStringLiteral("http"));
    else if (proxy.type() == QNetworkProxy::Socks5Proxy)
        url.setScheme(QStringLiteral("socks5h"));
    else
        return {};
    url.setHost(proxy.hostName());
    url.setPort(proxy.port());
    return url.toEncoded();
}

bool matchesEntry(QStringView entry, const QString &host)
{
    if (entry == u"*")
        return true;
    const qsizetype slash = entry.indexOf(u'/');
    if (slash > 0) {
        const QHostAddress address(host);
        const auto network = QHostAddress::parseSubnet(entry.toString());
        return !address.isNull() && network.first.protocol() == address.protocol()
                && address.isInSubnet(network);
    }
    QStringView name = entry;
    if (name.startsWith(u'.'))
        name = name.sliced(1);
    if (name.startsWith(u'[') && name.endsWith(u']'))
        name = name.sliced(1, name.size() - 2);
    if (host.compare(name, Qt::CaseInsensitive) == 0)
        return true;
    return host.size() > name.size() && host.endsWith(name, Qt::CaseInsensitive)
            && host.at(host.size() - name.size() - 1) == u'.';
}

} // namespace

Expected<QNetworkProxy> parseProxyUrl(const QString &written)
{
    const QString text = written.trimmed();
    const QUrl url(text.contains(u"://") ? text : QStringLiteral("http://") + text,
                   QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    const auto refuse = [&text](const QString &why) {
        return inputError(tr("The proxy \"%1\" cannot be used: %2").arg(text, why));
    };
    if (text.isEmpty())
        return inputError(tr("No proxy address was given."));
    if (!url.isValid() || url.host().isEmpty())
        return refuse(tr("write it as http://host:port or socks5://host:port."));
    QNetworkProxy proxy;
    if (scheme == u"http" || scheme == u"https") {
        proxy.setType(QNetworkProxy::HttpProxy);
    } else if (scheme == u"socks5" || scheme == u"socks5h") {
        proxy.setType(QNetworkProxy::Socks5Proxy);
    } else {
        return refuse(tr("Salvo speaks to http, https and socks5 proxies, not %1.").arg(scheme));
    }
    if (!url.path().isEmpty() && url.path() != u"/")
        return refuse(tr("a proxy address has no path (%1).").arg(url.path()));
    const int defaultPort = scheme == u"https" ? 443 : 1080;
    proxy.setHostName(url.host());
    proxy.setPort(quint16(url.port(defaultPort)));
    proxy.setUser(url.userName());
    proxy.setPassword(url.password());
    return proxy;
}

bool bypassesProxy(const QString &list, const QString &host)
{
    for (const QStringView entry : QStringView(list).split(u',', Qt::SkipEmptyParts)) {
        if (matchesEntry(entry.trimmed(), host))
            return true;
    }
    return false;
}

ProxyRoute::ProxyRoute(ProxySettings settings)
    : m_settings(std::move(settings))
{
    if (m_settings.mode != ProxyMode::Manual)
        return;
    // Settings are checked before a run (checkProxySettings); one that slips through goes direct.
    Expected<QNetworkProxy> manual = parseProxyUrl(m_settings.url);
    m_manual = manual ? *manual : QNetworkProxy(QNetworkProxy::NoProxy);
    m_manualOverTls = m_settings.url.trimmed().startsWith(u"https://", Qt::CaseInsensitive);
    if (!m_settings.user.isEmpty()) {
        m_manual.setUser(m_settings.user);
        m_manual.setPassword(m_settings.password);
    }
}

QList<QNetworkProxy> ProxyRoute::queryProxy(const QNetworkProxyQuery &query)
{
    return {proxyFor(query.url())};
}

QNetworkProxy ProxyRoute::proxyFor(const QUrl &url) const
{
    const QString host = url.host();
    switch (m_settings.mode) {
    case ProxyMode::None:
        return QNetworkProxy::NoProxy;
    case ProxyMode::Manual:
        return bypassesProxy(m_settings.noProxy, host) ? QNetworkProxy(QNetworkProxy::NoProxy)
                                                       : m_manual;
    case ProxyMode::System:
        break;
    }
    // A proxy elsewhere cannot reach this machine's own services.
    if (isLoopback(host) || bypassesProxy(m_settings.noProxy, host))
        return QNetworkProxy::NoProxy;
    const QList<QNetworkProxy> system
            = QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(url));
    return system.isEmpty() ? QNetworkProxy(QNetworkProxy::NoProxy) : system.constFirst();
}

ProxyRoute::Route ProxyRoute::routeFor(const QUrl &url) const
{
    const QNetworkProxy proxy = proxyFor(url);
    const bool manual = m_settings.mode == ProxyMode::Manual;
    return {.proxy = curlName(proxy, manual && m_manualOverTls),
            .user = proxy.user().toUtf8(),
            .password = proxy.password().toUtf8()};
}

} // namespace salvo
