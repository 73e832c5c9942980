#include "SecretHeaders.h"

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

} // namespace salvo
