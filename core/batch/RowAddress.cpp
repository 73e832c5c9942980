#include "RowAddress.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include "HttpToken.h"
#include "result/ErrorMessages.h"
#include "Translate.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::RowAddress")

RequestSpec rejected(RequestSpec row, ErrorKind kind, const ErrorContext &context)
{
    row.url = QUrl();
    row.inputError = kind;
    row.inputErrorMessage = describeError(kind, context);
    return row;
}

} // namespace

RequestSpec requestForAddress(const QString &text, int line)
{
    RequestSpec row;
    row.line = line;
    row.text = text.trimmed();

    if (row.text.isEmpty())
        return rejected(row, ErrorKind::InvalidUrl, {.detail = tr("it is empty")});

    // "host:8080/path" also looks like scheme:rest; a scheme is never followed by digits.
    static const QRegularExpression schemePattern(
            QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*):(?!\\d)"));
    const QRegularExpressionMatch scheme = schemePattern.match(row.text);
    if (!scheme.hasMatch()) {
        return rejected(row, ErrorKind::InvalidUrl,
                        {.detail = tr("it does not start with http:// or https://")});
    }
    const QString schemeName = scheme.captured(1).toLower();
    if (schemeName != u"http" && schemeName != u"https")
        return rejected(row, ErrorKind::UnsupportedScheme, {.scheme = schemeName});

    const QUrl url(row.text, QUrl::StrictMode);
    if (!url.isValid())
        return rejected(row, ErrorKind::InvalidUrl,
                        {.detail = tr("it contains characters an address cannot have")});
    if (url.host().isEmpty())
        return rejected(row, ErrorKind::InvalidUrl, {.detail = tr("it names no host")});

    row.url = url;
    return row;
}

RequestSpec requestForRow(const QString &text, int line, const QByteArray &method,
                          const std::optional<QByteArray> &body)
{
    RequestSpec row = requestForAddress(text, line);
    row.method = method;
    row.body = body;
    if (!method.isEmpty() && !isHttpToken(method) && row.isRunnable()) {
        row.inputError = ErrorKind::Other;
        row.inputErrorMessage = tr("\"%1\" in the method column is not an HTTP method.")
                                        .arg(QString::fromLatin1(method));
        row.url = QUrl();
    }
    return row;
}

} // namespace salvo
