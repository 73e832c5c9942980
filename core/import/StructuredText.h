#pragma once

#include <QByteArrayView>

#include <nlohmann/json.hpp>

#include "Expected.h"

namespace salvo {

// A JSON or YAML document as one tree, its keys in the order written: what API descriptions
// are read into, whichever of the two they were written in.
using StructuredTree = nlohmann::ordered_json;

// The document, read as JSON when it starts with `{` or `[` and as YAML (with yaml-cpp)
// otherwise. A sentence saying where it cannot be read; one too, for a YAML whose aliases
// would grow past what a description holds (a "billion laughs").
Expected<StructuredTree> readStructuredText(QByteArrayView text);

} // namespace salvo
