#include "RowAddress.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include "result/HttpToken.h"
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

// "example.com/health" or "localhost:8080/x": a host and a path typed without a scheme, as
// into a browser's address bar. The host is a name that ends in a word (so "42" and "1.5"
// stay ids, not addresses), a dotted IPv4 address, or localhost.
bool looksLikeBareHost(const QString &text)
{
    static const QRegularExpression bareHost(
            QStringLiteral("^(?:localhost|\\d{1,3}(?:\\.\\d{1,3}){3}"
                           "|(?:[^\\s/:?#@.]+\\.)+\\p{L}[^\\s/:?#@.]*)"
                           "(?::\\d{1,5})?(?:[/?#]\\S*)?$"),
            QRegularExpression::CaseInsensitiveOption);
    if (!bareHost.match(text).hasMatch())
        return false;
    const QUrl url(QStringLiteral("https://") + text, QUrl::StrictMode);
    return url.isValid() && !url.host().isEmpty();
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
    if (!scheme.hasMatch() && looksLikeBareHost(row.text)) {
        // Browsers add the scheme; so does Salvo, and the editor says so on the line.
        row.text.prepend(QStringLiteral("https://"));
        row.inputNote = tr("https:// was added, as a browser adds it");
        row.url = QUrl(row.text, QUrl::StrictMode);
        return row;
    }
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
