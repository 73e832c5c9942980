#pragma once

#include <QString>

#include "Expected.h"
#include "InspectionPlan.h"

namespace salvo {

// Whether an expression compiles, before any run: jq (through the jq process), XPath or a
// regular expression. The reason says what is wrong and where, in a sentence. Blocks for
// jq's round trip (a few ms): call it off the GUI thread.
Expected<> checkJq(const QString &expression);
Expected<> checkExtractor(const Extractor &extractor);
// Every expression of the plan; the first problem found.
Expected<> checkPlan(const InspectionPlan &plan);

} // namespace salvo
