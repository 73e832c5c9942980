#include "ErrorKind.h"

#include <QCoreApplication>

namespace salvo {

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None:
        return {};
    case ErrorKind::InvalidUrl:
        return QStringLiteral("invalid_url");
    case ErrorKind::UnsupportedScheme:
        return QStringLiteral("unsupported_scheme");
    case ErrorKind::Dns:
        return QStringLiteral("dns");
    case ErrorKind::ConnectionRefused:
        return QStringLiteral("connection_refused");
    case ErrorKind::ConnectionReset:
        return QStringLiteral("connection_reset");
    case ErrorKind::Tls:
        return QStringLiteral("tls");
    case ErrorKind::Timeout:
        return QStringLiteral("timeout");
    case ErrorKind::TooManyRedirects:
        return QStringLiteral("too_many_redirects");
    case ErrorKind::Cancelled:
        return QStringLiteral("cancelled");
    case ErrorKind::Protocol:
        return QStringLiteral("protocol");
    case ErrorKind::Proxy:
        return QStringLiteral("proxy");
    case ErrorKind::SignIn:
        return QStringLiteral("sign_in");
    case ErrorKind::Other:
        return QStringLiteral("other");
    }
    return QStringLiteral("other");
}

ErrorKind errorKindFromName(QStringView name)
{
    for (int i = 1; i < errorKindCount; ++i) {
        const auto kind = static_cast<ErrorKind>(i);
        if (name == errorKindName(kind))
            return kind;
    }
    return ErrorKind::Other;
}

QString errorKindLabel(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None:
        return {};
    case ErrorKind::InvalidUrl:
        return QCoreApplication::translate("salvo::ErrorKind", "Invalid URL");
    case ErrorKind::UnsupportedScheme:
        return QCoreApplication::translate("salvo::ErrorKind", "Not http(s)");
    case ErrorKind::Dns:
        return QCoreApplication::translate("salvo::ErrorKind", "Unknown host");
    case ErrorKind::ConnectionRefused:
        return QCoreApplication::translate("salvo::ErrorKind", "Connection refused");
    case ErrorKind::ConnectionReset:
        return QCoreApplication::translate("salvo::ErrorKind", "Connection reset");
    case ErrorKind::Tls:
        return QCoreApplication::translate("salvo::ErrorKind", "Secure connection failed");
    case ErrorKind::Timeout:
        return QCoreApplication::translate("salvo::ErrorKind", "Timeout");
    case ErrorKind::TooManyRedirects:
        return QCoreApplication::translate("salvo::ErrorKind", "Too many redirects");
    case ErrorKind::Cancelled:
        return QCoreApplication::translate("salvo::ErrorKind", "Cancelled");
    case ErrorKind::Protocol:
        return QCoreApplication::translate("salvo::ErrorKind", "Bad answer");
    case ErrorKind::Proxy:
        return QCoreApplication::translate("salvo::ErrorKind", "Proxy");
    case ErrorKind::SignIn:
        return QCoreApplication::translate("salvo::ErrorKind", "Sign-in failed");
    case ErrorKind::Other:
        return QCoreApplication::translate("salvo::ErrorKind", "Other");
    }
    return {};
}

QString timeoutKindName(TimeoutKind kind)
{
    switch (kind) {
    case TimeoutKind::None:
        return {};
    case TimeoutKind::Deadline:
        return QStringLiteral("deadline");
    case TimeoutKind::Inactivity:
        return QStringLiteral("inactivity");
    }
    return {};
}

TimeoutKind timeoutKindFromName(QStringView name)
{
    if (name == timeoutKindName(TimeoutKind::Deadline))
        return TimeoutKind::Deadline;
    if (name == timeoutKindName(TimeoutKind::Inactivity))
        return TimeoutKind::Inactivity;
    return TimeoutKind::None;
}

} // namespace salvo
