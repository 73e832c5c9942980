#pragma once

#include <QString>
#include <QUrl>

namespace salvo {

// "scheme://host:port": the unit the per-host limit counts by, and the origin that
// credentials stay within after a redirect.
inline QString originKey(const QUrl &url)
{
    const int defaultPort = url.scheme() == u"https" ? 443 : 80;
    return url.scheme() + u"://" + url.host() + u':' + QString::number(url.port(defaultPort));
}

} // namespace salvo
