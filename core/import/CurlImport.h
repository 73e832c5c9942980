#pragma once

#include <QStringView>

#include "ImportedRequest.h"

namespace salvo {

// Whether the text is curl commands: its first word is curl (or curl.exe).
bool looksLikeCurlCommands(QStringView text);

// Each curl command of the text (one or many, bash or cmd quoting, continuations joined)
// as the request curl would send; a command with several addresses gives one request each.
// Understood: -X, -H, -d/--data/--data-raw/--data-binary/--data-ascii/--data-urlencode,
// --json, -u, -b (cookies written out), -A, -e, -I, -G, --compressed, -k, -L, --url, and
// options that change nothing Salvo sends (-s, -v, -o, ...). Any other option is named in a
// warning; a command without an address, or that is not curl, is skipped with why.
ImportedRequests importCurlCommands(QStringView text);

} // namespace salvo
