#include "NetworkErrors.h"

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
    case E::ContentAccessDenied:
    case E::ContentOperationNotPermittedError:
    case E::ContentNotFoundError:
    case E::AuthenticationRequiredError:
    case E::ContentReSendError:
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

} // namespace salvo
