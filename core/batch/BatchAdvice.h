#pragma once

#include <QStringList>

#include "BatchInput.h"

namespace salvo {

// What is worth saying about a batch before it runs, each in one sentence: ids that look
// like web addresses, a body sent with GET or HEAD, a body that is not the JSON it seems to
// be. None of these stops the run; the window shows them under the batch and salvo-cli
// prints them. Reads only the first rows, so it is cheap for any size of list.
QStringList adviceBeforeRun(const BatchInput &input);

} // namespace salvo
