#include "NetworkErrors.h"

#include <QMetaEnum>

namespace salvo {

ErrorKind errorKindForNetworkError(QNetworkReply::NetworkError error, int httpStatus)
{
    using E = QNetworkReply::NetworkError;
    switch (error) {
    case E::NoError:
        return ErrorKind::None;
    case E::ConnectionRefusedError:
        return ErrorKind::ConnectionRefused;
    case E::RemoteHostClosedError:
        return ErrorKind::ConnectionReset;
    case E::HostNotFoundError:
        return ErrorKind::Dns;
    case E::TimeoutError:
        return ErrorKind::Timeout;
    case E::OperationCanceledError:
        return ErrorKind::Cancelled;
    case E::SslHandshakeFailedError:
        return ErrorKind::Tls;
    case E::TooManyRedirectsError:
        return ErrorKind::TooManyRedirects;
    case E::ProxyConnectionRefusedError:
    case E::ProxyConnectionClosedError:
    case E::ProxyNotFoundError:
    case E::ProxyTimeoutError:
    case E::ProxyAuthenticationRequiredError:
    case E::UnknownProxyError:
        return ErrorKind::Proxy;
    case E::ProtocolUnknownError:
        return ErrorKind::UnsupportedScheme;
    case E::ProtocolInvalidOperationError:
    case E::ProtocolFailure:
    case E::InsecureRedirectError:
        return ErrorKind::Protocol;
    case E::UnknownContentError:
        // Also what Qt reports for a body that fails to decompress.
        return httpStatus > 0 && httpStatus >= 400 ? ErrorKind::None : ErrorKind::Protocol;
    case E::ContentReSendError:
        // Qt needed to send the request again after its connection closed, and its body
        // would not rewind (SendOnceBody): a close before the answer.
        return httpStatus > 0 ? ErrorKind::None : ErrorKind::ConnectionReset;
    case E::ContentAccessDenied:
    case E::ContentOperationNotPermittedError:
    case E::ContentNotFoundError:
    case E::AuthenticationRequiredError:
    case E::ContentConflictError:
    case E::ContentGoneError:
    case E::InternalServerError:
    case E::OperationNotImplementedError:
    case E::ServiceUnavailableError:
    case E::UnknownServerError:
        return httpStatus > 0 ? ErrorKind::None : ErrorKind::Protocol;
    case E::TemporaryNetworkFailureError:
    case E::NetworkSessionFailedError:
    case E::BackgroundRequestNotAllowedError:
    case E::UnknownNetworkError:
        return ErrorKind::Other;
    }
    return ErrorKind::Other;
}

QString technicalErrorDetail(QNetworkReply::NetworkError error, const QString &errorString,
                             TimeoutKind timeout, qint64 timeoutMs, qint64 bytesReceived)
{
    if (timeout != TimeoutKind::None) {
        const QString timer = timeout == TimeoutKind::Deadline ? QStringLiteral("deadline")
                                                               : QStringLiteral("inactivity");
        return QStringLiteral("%1 timeout of %2 ms fired after %3 body bytes")
                .arg(timer)
                .arg(timeoutMs)
                .arg(bytesReceived);
    }
    const char *code = QMetaEnum::fromType<QNetworkReply::NetworkError>().valueToKey(error);
    const QString name = code ? QString::fromLatin1(code) : QString::number(int(error));
    if (errorString.isEmpty())
        return QStringLiteral("QNetworkReply::") + name;
    return QStringLiteral("QNetworkReply::%1: %2").arg(name, errorString);
}

} // namespace salvo
