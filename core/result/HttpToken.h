#pragma once

#include <QByteArrayView>

namespace salvo {

// An RFC 9110 token: what a method or a header name may be made of.
bool isHttpToken(QByteArrayView text);

} // namespace salvo
