#pragma once

#include <QByteArray>
#include <QList>

namespace salvo {

// For the small loopback servers (the sample API, the test servers): takes every complete
// request head ("GET /path HTTP/1.1 ... blank line") off the front of `buffer` and returns
// the request targets ("/path") in order. Requests with bodies are not expected.
QList<QByteArray> takeRequestTargets(QByteArray &buffer);

} // namespace salvo
