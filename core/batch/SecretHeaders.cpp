#include "SecretHeaders.h"

#include <algorithm>
#include <array>

namespace salvo {

bool isSecretHeader(QByteArrayView name)
{
    const QByteArray lower = name.toByteArray().toLower();
    static constexpr std::array exact{"authorization", "proxy-authorization", "cookie"};
    for (const char *secret : exact) {
        if (lower == secret)
            return true;
    }
    static constexpr std::array parts{"auth",    "token",      "secret",   "password",
                                      "passwd",  "apikey",     "api-key",  "api_key",
                                      "session", "credential", "signature"};
    for (const char *part : parts) {
        if (lower.contains(part))
            return true;
    }
    return false;
}

SplitHeaders splitSecretHeaders(const HeaderList &headers)
{
    SplitHeaders split;
    for (const auto &header : headers)
        (isSecretHeader(header.first) ? split.secret : split.kept).append(header);
    return split;
}

HeaderList withHeadersReplaced(HeaderList headers, const HeaderList &replacements)
{
    for (const auto &header : replacements) {
        headers.removeIf([&](const auto &old) {
            return old.first.compare(header.first, Qt::CaseInsensitive) == 0;
        });
        headers.append(header);
    }
    return headers;
}

QList<QByteArray> fillWithheldHeaders(HeaderList &headers, const QList<QByteArray> &withheld,
                                      const HeaderList &given)
{
    HeaderList found;
    QList<QByteArray> missing;
    for (const QByteArray &name : withheld) {
        const auto match = std::find_if(given.cbegin(), given.cend(), [&](const auto &header) {
            return header.first.compare(name, Qt::CaseInsensitive) == 0 && !header.second.isEmpty();
        });
        if (match != given.cend())
            found.append(*match);
        else
            missing.append(name);
    }
    headers = withHeadersReplaced(std::move(headers), found);
    return missing;
}

} // namespace salvo
