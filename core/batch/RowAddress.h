#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

#include "BatchSpec.h"

namespace salvo {

// Turns the address text of one row into a RequestSpec: a valid http(s) URL, or the
// invalid_url / unsupported_scheme error that keeps the row off the network.
RequestSpec requestForAddress(const QString &text, int line);

// A row with its own method and body (a CSV's method and body columns): the address as
// above, and a method that is not an HTTP token makes the row an `other` error. The history
// rebuilds stored rows through this too, so a row that was invalid stays invalid with the
// same error.
RequestSpec requestForRow(const QString &text, int line, const QByteArray &method,
                          const std::optional<QByteArray> &body);

} // namespace salvo
