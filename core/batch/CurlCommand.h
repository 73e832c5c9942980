#pragma once

#include <QByteArray>
#include <QString>

#include "result/Result.h"

namespace salvo {

// The curl command line that sends the same request, for a person to paste into a shell:
// every argument single-quoted for POSIX shells, headers as -H, the body as --data-binary.
QString curlCommand(const QByteArray &method, const QString &url, const HeaderList &headers = {},
                    const QByteArray &body = {});

} // namespace salvo
