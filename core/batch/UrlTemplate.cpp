#include "UrlTemplate.h"

#include <QCoreApplication>
#include <QUrl>

#include "LineRows.h"
#include "RowAddress.h"
#include "TextLines.h"
#include "Translate.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::UrlTemplate")

QString encoded(const QString &value, bool reserved)
{
    if (reserved)
        return value;
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

} // namespace

Expected<UrlTemplate> UrlTemplate::parse(const QString &written)
{
    // A template copied from a browser's address bar has its braces percent-encoded.
    QString text = written;
    text.replace(QStringLiteral("%7B"), QStringLiteral("{"), Qt::CaseInsensitive)
            .replace(QStringLiteral("%7D"), QStringLiteral("}"), Qt::CaseInsensitive);
    UrlTemplate result;
    Part current;
    qsizetype i = 0;
    while (i < text.size()) {
        const QChar c = text.at(i);
        if (c != u'{') {
            current.literal.append(c);
            ++i;
            continue;
        }
        const qsizetype close = text.indexOf(u'}', i + 1);
        if (close < 0)
            return inputError(tr("The URL template has a '{' that is never closed."));
        QString name = text.mid(i + 1, close - i - 1).trimmed();
        if (name.startsWith(u'+')) {
            current.reserved = true;
            name = name.mid(1).trimmed();
        }
        if (name.isEmpty())
            return inputError(tr("The URL template has an empty placeholder {}."));
        current.name = name.toLower();
        result.m_parts.append(current);
        current = Part();
        i = close + 1;
    }
    if (result.m_parts.isEmpty()) {
        return inputError(
                tr("The URL template has no placeholder; write one such as {id} where each value "
                   "goes."));
    }
    result.m_parts.append(current);
    return result;
}

QStringList UrlTemplate::placeholderNames() const
{
    QStringList names;
    for (const Part &part : m_parts) {
        if (!part.name.isEmpty() && !names.contains(part.name))
            names.append(part.name);
    }
    return names;
}

QString UrlTemplate::fill(const QHash<QString, QString> &values) const
{
    QString url;
    for (const Part &part : m_parts) {
        url += part.literal;
        if (!part.name.isEmpty())
            url += encoded(values.value(part.name), part.reserved);
    }
    return url;
}

QString UrlTemplate::fillAll(const QString &value) const
{
    QString url;
    for (const Part &part : m_parts) {
        url += part.literal;
        if (!part.name.isEmpty())
            url += encoded(value, part.reserved);
    }
    return url;
}

Expected<QList<RequestSpec>> expandIdList(const QString &urlTemplate, QByteArrayView idList)
{
    Expected<UrlTemplate> parsed = UrlTemplate::parse(urlTemplate);
    if (!parsed)
        return parsed.error();
    return BatchRows(LineRows::read(idList.toByteArray(), std::move(*parsed))).toList();
}

} // namespace salvo
