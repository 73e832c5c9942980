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

} // namespace salvo
