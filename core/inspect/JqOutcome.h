#pragma once

#include <QString>

namespace salvo {

// What one jq evaluation gave.
struct JqOutcome
{
    enum class Kind {
        Value, // text: the value as a cell shows it (for a test: "true", "false" or "null")
        Null, // nothing, or null
        Error, // text: jq's words (a compile error, or an error at run time)
        NotJson, // the answer is not JSON
        Stopped, // text: why Salvo stopped it (too long, too much memory, jq crashed)
    };
    Kind kind = Kind::Null;
    QString text;
};

} // namespace salvo
