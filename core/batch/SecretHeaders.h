#pragma once

#include <QByteArrayView>

#include "result/Result.h"

namespace salvo {

// A request header that carries a credential (Authorization, Cookie, X-Api-Key, *token*, ...):
// its value goes to the keychain, never into a file, the history, an export or a log.
bool isSecretHeader(QByteArrayView name);

// Headers split by that rule, each keeping its order.
struct SplitHeaders
{
    HeaderList kept;
    HeaderList secret;
};
SplitHeaders splitSecretHeaders(const HeaderList &headers);

// The headers with each of the given ones in place of one of the same name (in any case).
HeaderList withHeadersReplaced(HeaderList headers, const HeaderList &replacements);

// Fills the secret headers a saved batch or the history did not keep (`withheld`, by name)
// from those given (-H, the Headers tab, the keychain), by name in any case, when given with a
// value. Returns the names still without one.
QList<QByteArray> fillWithheldHeaders(HeaderList &headers, const QList<QByteArray> &withheld,
                                      const HeaderList &given);

} // namespace salvo
