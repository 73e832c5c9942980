#pragma once

#include <QByteArray>
#include <QNetworkProxyFactory>
#include <QUrl>

#include "Expected.h"
#include "NetworkAccess.h"

namespace salvo {

// The one place that decides, for each request, which way it goes: through the person's
// proxy, the system's (the environment's http_proxy, https_proxy and no_proxy, and the
// desktop's settings, through QNetworkProxyFactory::systemProxyForQuery), or direct. The
// engine asks curlProxyFor() and hands the answer to libcurl. Thread-safe: it holds no state
// that changes.
class ProxyRoute final : public QNetworkProxyFactory
{
public:
    // `settings` as checkProxySettings() accepts them.
    explicit ProxyRoute(ProxySettings settings);

    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override;

    // The way a request to `url` goes, as libcurl takes it.
    struct Route
    {
        QByteArray proxy; // "http://host:port", "socks5h://host:port"; empty: direct
        QByteArray user;
        QByteArray password;
    };
    Route routeFor(const QUrl &url) const;

private:
    QNetworkProxy proxyFor(const QUrl &url) const;

    ProxySettings m_settings;
    QNetworkProxy m_manual;
    bool m_manualOverTls = false; // an https:// proxy, spoken to over TLS
};

// A proxy address as the person wrote it ("proxy.corp:3128", "http://proxy:8080",
// "socks5://10.0.0.1:1080"), read, or a sentence saying what is wrong with it.
Expected<QNetworkProxy> parseProxyUrl(const QString &written);

// Whether `host` is one of `list`'s, written as curl's --noproxy and no_proxy are: names match
// themselves and their subdomains (".corp" and "corp" both match "a.corp"), addresses match
// themselves or their network (10.0.0.0/8), and "*" matches every host.
bool bypassesProxy(const QString &list, const QString &host);

} // namespace salvo
