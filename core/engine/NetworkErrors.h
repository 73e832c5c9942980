#pragma once

#include <QNetworkReply>

#include "result/ErrorKind.h"

namespace salvo {

// The ErrorKind for a QNetworkReply error that is about the transport. Errors Qt raises for
// HTTP statuses (ContentNotFoundError for 404, ...) are not transport errors: given an
// HTTP status they map to ErrorKind::None, since the answer itself is the result.
ErrorKind errorKindForNetworkError(QNetworkReply::NetworkError error, int httpStatus);

} // namespace salvo
