#pragma once

#include <QNetworkReply>

#include "result/ErrorKind.h"

namespace salvo {

// The ErrorKind for a QNetworkReply error that is about the transport. Errors Qt raises for
// HTTP statuses (ContentNotFoundError for 404, ...) are not transport errors: given an
// HTTP status they map to ErrorKind::None, since the answer itself is the result.
ErrorKind errorKindForNetworkError(QNetworkReply::NetworkError error, int httpStatus);

// The technical side of a failure, for people who want it: which timer fired and after how
// many bytes, or Qt's error code and its own words, such as
// "QNetworkReply::HostNotFoundError: Host nowhere.invalid not found".
QString technicalErrorDetail(QNetworkReply::NetworkError error, const QString &errorString,
                             TimeoutKind timeout, qint64 timeoutMs, qint64 bytesReceived);

} // namespace salvo
