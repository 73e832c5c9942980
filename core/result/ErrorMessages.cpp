#include "ErrorMessages.h"

#include <QCoreApplication>

#include "Translate.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::ErrorMessages")

// OpenSSL's words for a certificate no trusted authority vouches for.
bool isUnknownAuthority(const QString &detail)
{
    return detail.contains(QStringLiteral("unable to get local issuer"))
            || detail.contains(QStringLiteral("self-signed certificate"))
            || detail.contains(QStringLiteral("self signed certificate"));
}

QString seconds(qint64 ms)
{
    if (ms % 1000 == 0)
        return QString::number(ms / 1000) + QStringLiteral(" s");
    // Fixed notation, to the millisecond: 'g' wrote 1000.5 s as "1e+03 s".
    QString text = QString::number(double(ms) / 1000.0, 'f', 3);
    while (text.endsWith(u'0'))
        text.chop(1);
    return text + QStringLiteral(" s");
}

// The lower layer's words end without a full stop more often than not.
QString finished(const QString &detail)
{
    QString trimmed = detail.trimmed();
    if (trimmed.isEmpty() || trimmed.endsWith(u'.') || trimmed.endsWith(u'!')
        || trimmed.endsWith(u'?'))
        return trimmed;
    return trimmed + u'.';
}

} // namespace

QString describeError(ErrorKind kind, const ErrorContext &context)
{
    // Every sentence that names the host starts with it, so the fallback is capitalised.
    const QString host = context.host.isEmpty() ? tr("The server") : context.host;
    const QString hostInSentence = context.host.isEmpty() ? tr("the server") : context.host;
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
        if (context.host.isEmpty())
            return tr("The server's name could not be found. Check the spelling of the address.");
        return tr("The name %1 could not be found. Check the spelling of the address.").arg(host);
    case ErrorKind::ConnectionRefused:
        return tr("%1 refused the connection. Nothing is listening there, or a firewall says no.")
                .arg(host);
    case ErrorKind::ConnectionReset:
        if (!context.notResentMethod.isEmpty())
            return tr("%1 closed the connection before answering. Salvo did not send this %2 "
                      "again by itself, because sending a %2 twice could do what it asks twice.")
                    .arg(host, context.notResentMethod);
        if (context.bytesReceived > 0)
            return tr("%1 closed the connection after %2 bytes, before the answer was complete.")
                    .arg(host)
                    .arg(context.bytesReceived);
        return tr("%1 closed the connection without sending a complete HTTP answer.").arg(host);
    case ErrorKind::Tls: {
        const QString failed = context.detail.isEmpty()
                ? tr("The secure connection to %1 failed.").arg(hostInSentence)
                : tr("The secure connection to %1 failed: %2")
                          .arg(hostInSentence, finished(context.detail));
        if (!isUnknownAuthority(context.detail))
            return failed;
        return failed + u' '
                + tr("If the server's certificate comes from your company's own certificate "
                     "authority, add that authority: Settings, Network in the window, --cacert "
                     "FILE in salvo-cli.");
    }
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
        return context.detail.isEmpty() ? tr("%1 sent an answer that is not valid HTTP.").arg(host)
                                        : tr("%1 sent an answer that is not valid HTTP: %2")
                                                  .arg(host, finished(context.detail));
    case ErrorKind::Proxy:
        return context.detail.isEmpty() ? tr("The proxy server failed to pass the request on.")
                                        : tr("The proxy server failed to pass the request on: %1")
                                                  .arg(finished(context.detail));
    case ErrorKind::SignIn:
        return context.detail.isEmpty()
                ? tr("Salvo could not sign in, so the request was not sent.")
                : tr("Salvo could not sign in, so the request was not "
                     "sent: %1")
                          .arg(finished(context.detail));
    case ErrorKind::Other:
        return context.detail.isEmpty()
                ? tr("The request failed for an unknown reason.")
                : tr("The request failed: %1").arg(finished(context.detail));
    }
    return tr("The request failed for an unknown reason.");
}

QString uncheckedCertificatesLabel()
{
    return tr("certificate not checked");
}

QString uncheckedCertificatesNote()
{
    return tr("Certificates were not checked in this run: an https answer may have come from "
              "someone between Salvo and the server.");
}

QString resentSentence(int resends)
{
    const QString why = tr("the server closed a connection it had kept open before answering. "
                           "This is not a retry.");
    return resends == 1 ? tr("Sent again once on a new connection: %1").arg(why)
                        : tr("Sent again %1 times on new connections: %2").arg(resends).arg(why);
}

} // namespace salvo
