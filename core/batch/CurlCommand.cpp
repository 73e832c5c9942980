#include "CurlCommand.h"

#include <QStringList>

namespace salvo {
namespace {

// Inside single quotes a shell takes everything as written except the quote itself, which
// is closed, escaped and reopened.
QString shellQuoted(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

} // namespace

QString curlCommand(const QByteArray &method, const QString &url, const HeaderList &headers,
                    const QByteArray &body)
{
    QStringList parts{QStringLiteral("curl")};
    if (!method.isEmpty() && method != "GET")
        parts << (method == "HEAD" ? QStringLiteral("--head")
                                   : QStringLiteral("-X ") + QString::fromLatin1(method));
    for (const auto &[name, value] : headers)
        parts << QStringLiteral("-H ")
                        + shellQuoted(QString::fromLatin1(name) + QStringLiteral(": ")
                                      + QString::fromUtf8(value));
    if (!body.isEmpty())
        parts << QStringLiteral("--data-binary ") + shellQuoted(QString::fromUtf8(body));
    parts << shellQuoted(url);
    return parts.join(u' ');
}

} // namespace salvo
