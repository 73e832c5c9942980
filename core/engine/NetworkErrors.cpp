#include "NetworkErrors.h"

#include <cerrno>

namespace salvo {

ErrorKind errorKindForCurl(CURLcode code, int osError)
{
    switch (code) {
    case CURLE_OK:
        return ErrorKind::None;
    case CURLE_COULDNT_RESOLVE_HOST:
        return ErrorKind::Dns;
    case CURLE_COULDNT_CONNECT:
        return osError == ECONNREFUSED ? ErrorKind::ConnectionRefused : ErrorKind::Other;
    case CURLE_GOT_NOTHING: // closed before a byte of the answer
    case CURLE_RECV_ERROR: // reset while receiving
    case CURLE_SEND_ERROR: // reset while sending
    case CURLE_PARTIAL_FILE: // closed before the whole body
    case CURLE_SEND_FAIL_REWIND: // closed before an answer, and not sent again (POST)
        return ErrorKind::ConnectionReset;
    case CURLE_OPERATION_TIMEDOUT:
        return ErrorKind::Timeout;
    case CURLE_ABORTED_BY_CALLBACK:
        return ErrorKind::Cancelled;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_USE_SSL_FAILED:
        return ErrorKind::Tls;
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_PROXY:
        return ErrorKind::Proxy;
    case CURLE_UNSUPPORTED_PROTOCOL:
        // Only http and https reach libcurl (rows and redirects are checked first): this is
        // an answer that is not HTTP at all ("Received HTTP/0.9 when not allowed").
        return ErrorKind::Protocol;
    case CURLE_URL_MALFORMAT:
        return ErrorKind::InvalidUrl;
    case CURLE_TOO_MANY_REDIRECTS:
        return ErrorKind::TooManyRedirects;
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_WRITE_ERROR: // the body stopped as a compression bomb
    case CURLE_HTTP3:
    case CURLE_UNRECOVERABLE_POLL:
        return ErrorKind::Protocol;
    default:
        return ErrorKind::Other;
    }
}

QString technicalErrorDetail(CURLcode code, const QString &curlWords, TimeoutKind timeout,
                             qint64 timeoutMs, qint64 bytesReceived)
{
    if (timeout != TimeoutKind::None) {
        const QString timer = timeout == TimeoutKind::Deadline ? QStringLiteral("deadline")
                                                               : QStringLiteral("inactivity");
        return QStringLiteral("%1 timeout of %2 ms fired after %3 body bytes")
                .arg(timer)
                .arg(timeoutMs)
                .arg(bytesReceived);
    }
    const QString head = QStringLiteral("curl error %1 (%2)")
                                 .arg(int(code))
                                 .arg(QString::fromUtf8(curl_easy_strerror(code)));
    if (curlWords.isEmpty())
        return head;
    return head + u": " + curlWords;
}

} // namespace salvo
