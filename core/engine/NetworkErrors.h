#pragma once

#include <QString>

#include <curl/curl.h>

#include "result/ErrorKind.h"

namespace salvo {

// The ErrorKind for the way a libcurl transfer ended. A transfer that brought an HTTP
// answer has no transport error, whatever its status: the answer itself is the result.
// `osError` is the system's errno behind a failed connect (CURLINFO_OS_ERRNO), which tells a
// refused connection from an unreachable host.
ErrorKind errorKindForCurl(CURLcode code, int osError);

// The technical side of a failure, for people who want it: which timer fired and after how
// many bytes, or libcurl's code and its own words, such as
// "curl error 6 (Couldn't resolve host name): Could not resolve host: nowhere.invalid".
QString technicalErrorDetail(CURLcode code, const QString &curlWords, TimeoutKind timeout,
                             qint64 timeoutMs, qint64 bytesReceived);

} // namespace salvo
