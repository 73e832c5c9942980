#pragma once

#include <QJsonObject>

#include "Expected.h"
#include "Result.h"

namespace salvo {

// A result read back from the JSON object resultToJson() wrote (a line of salvo-cli's JSON
// Lines output): what `salvo-cli import` puts into the history. Fields resultToJson() always
// writes are required; those it writes only sometimes (the answer's headers and body, run_id,
// certificates_checked) are read when present. "ok" is not read: Result::ok() says it again
// from the status and error. An error says in words which field is missing or wrong ("it has no
// \"url\""), to follow "this line is not a result:".
Expected<Result> resultFromJson(const QJsonObject &record);

} // namespace salvo
