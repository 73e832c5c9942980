#include "ErrorMessages.h"

#include <QCoreApplication>

namespace salvo {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("salvo::ErrorMessages", text);
}

QString seconds(qint64 ms)
{
    if (ms % 1000 == 0)
        return QString::number(ms / 1000) + QStringLiteral(" s");
    return QString::number(double(ms) / 1000.0, 'g', 3) + QStringLiteral(" s");
}

} // namespace

QString describeError(ErrorKind kind, const ErrorContext &context)
{
    const QString host = context.host.isEmpty() ? tr("the server") : context.host;
    switch (kind) {
    case ErrorKind::None:
        return {};
    case ErrorKind::InvalidUrl:
        return context.detail.isEmpty()
                ? tr("This line is not a web address.")
                : tr("This line is not a web address: %1.").arg(context.detail);
    case ErrorKind::UnsupportedScheme:
        return tr("Only http:// and https:// addresses can be requested; this one starts with "
                  "\"%1:\".")
                .arg(context.scheme);
    case ErrorKind::Dns:
        return tr("The name %1 could not be found. Check the spelling of the address.").arg(host);
    case ErrorKind::ConnectionRefused:
        return tr("%1 refused the connection. Nothing is listening there, or a firewall says no.")
                .arg(host);
    case ErrorKind::ConnectionReset:
        if (context.bytesReceived > 0)
            return tr("%1 closed the connection after %2 bytes, before the answer was complete.")
                    .arg(host)
                    .arg(context.bytesReceived);
        return tr("%1 closed the connection without sending a complete HTTP answer.").arg(host);
    case ErrorKind::Tls:
        return context.detail.isEmpty()
                ? tr("The secure connection to %1 failed.").arg(host)
                : tr("The secure connection to %1 failed: %2").arg(host, context.detail);
    case ErrorKind::Timeout:
        if (context.timeout == TimeoutKind::Inactivity)
            return tr("%1 sent nothing for %2, so Salvo gave up (inactivity timeout).")
                    .arg(host, seconds(context.timeoutMs));
        return tr("%1 did not finish answering within %2 (request deadline).")
                .arg(host, seconds(context.timeoutMs));
    case ErrorKind::TooManyRedirects:
        return tr("The address redirected more than %1 times; it is probably a redirect loop.")
                .arg(context.redirectLimit);
    case ErrorKind::Cancelled:
        return tr("The run was stopped before this request finished.");
    case ErrorKind::Protocol:
        return context.detail.isEmpty()
                ? tr("%1 sent an answer that is not valid HTTP.").arg(host)
                : tr("%1 sent an answer that is not valid HTTP: %2").arg(host, context.detail);
    case ErrorKind::Proxy:
        return context.detail.isEmpty()
                ? tr("The proxy server failed to pass the request on.")
                : tr("The proxy server failed to pass the request on: %1").arg(context.detail);
    case ErrorKind::Other:
        return context.detail.isEmpty() ? tr("The request failed for an unknown reason.")
                                        : tr("The request failed: %1").arg(context.detail);
    }
    return tr("The request failed for an unknown reason.");
}

} // namespace salvo
