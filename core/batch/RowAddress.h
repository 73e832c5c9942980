#pragma once

#include <QString>

#include "BatchSpec.h"

namespace salvo {

// Turns the address text of one row into a RequestSpec: a valid http(s) URL, or the
// invalid_url / unsupported_scheme error that keeps the row off the network.
RequestSpec requestForAddress(const QString &text, int line);

} // namespace salvo
