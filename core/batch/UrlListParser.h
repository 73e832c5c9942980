#pragma once

#include <QByteArrayView>
#include <QList>

#include "BatchSpec.h"

namespace salvo {

// A URL list: one address per line. Blank lines and lines starting with '#' are not rows;
// every other line is, valid or not.
QList<RequestSpec> parseUrlList(QByteArrayView data);

} // namespace salvo
