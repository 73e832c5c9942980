#pragma once

#include <QByteArrayView>
#include <QString>

#include "result/Result.h"

namespace salvo {

// What an export writes in place of a secret value.
inline constexpr QLatin1StringView redactedValue("REDACTED");

// A header or query parameter whose value an export leaves out: the names the history never
// keeps (Authorization, Cookie, tokens, keys, ...; isSecretHeader()) and what answers carry
// back (Set-Cookie, WWW-Authenticate stays: it names a scheme, not a secret).
bool isSecretName(QByteArrayView name);

// The address with the values of secret query parameters replaced (api_key=REDACTED) and any
// user name and password in it too. Anything that is not an address comes back unchanged.
QString redactedUrl(const QString &url);

// The batch's request body as an export may show it: in a form (x-www-form-urlencoded) or a
// JSON object, the values of secret fields (password, client_secret, token, ...) are
// replaced, however deep; any other body comes back unchanged.
QByteArray redactedRequestBody(const QByteArray &body, QByteArrayView contentType);

// Every secret an answer can carry, out of a result about to be exported: secret response
// header values, secret query values in its address, redirects and Location header. Bodies
// (and the request body the HAR names) stay as they came:
// they are what the person asked to see.
void redactSecrets(Result &result);

} // namespace salvo
