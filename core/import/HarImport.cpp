#include "HarImport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace salvo {
namespace {

using namespace Qt::StringLiterals;

QString tr(const char *text)
{
    return QCoreApplication::translate("salvo::HarImport", text);
}

QJsonArray entriesOf(QByteArrayView text, QString *problem = nullptr)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError) {
        if (problem)
            *problem = tr("it is not JSON (at character %1: %2)")
                               .arg(error.offset)
                               .arg(error.errorString());
        return {};
    }
    const QJsonValue entries = document.object().value(u"log"_s).toObject().value(u"entries"_s);
    if (!entries.isArray() && problem)
        *problem = tr("it has no log.entries: a HAR file is saved from the Network panel of a "
                      "browser's developer tools");
    return entries.toArray();
}

// The entry's kind: Chromium's own _resourceType, or one read from the answer's type.
QString kindOf(const QJsonObject &entry)
{
    const QString given = entry.value(u"_resourceType"_s).toString().toLower();
    if (!given.isEmpty())
        return given;
    const QString mime = entry.value(u"response"_s)
                                 .toObject()
                                 .value(u"content"_s)
                                 .toObject()
                                 .value(u"mimeType"_s)
                                 .toString()
                                 .toLower();
    if (mime.startsWith(u"text/html"))
        return u"document"_s;
    if (mime.contains(u"json") || mime.contains(u"xml"))
        return u"xhr"_s;
    if (mime.contains(u"javascript") || mime.contains(u"ecmascript"))
        return u"script"_s;
    if (mime.startsWith(u"text/css"))
        return u"stylesheet"_s;
    if (mime.startsWith(u"image/"))
        return u"image"_s;
    if (mime.startsWith(u"font/") || mime.contains(u"font"))
        return u"font"_s;
    if (mime.startsWith(u"audio/") || mime.startsWith(u"video/"))
        return u"media"_s;
    return u"other"_s;
}

// Headers the connection makes or that only describe this one exchange: libcurl writes its
// own, and a copied one would be wrong for the new request.
bool isConnectionHeader(const QString &lowerName)
{
    static const QStringList names{u"host"_s,           u"content-length"_s,    u"connection"_s,
                                   u"keep-alive"_s,     u"proxy-connection"_s,  u"te"_s,
                                   u"trailer"_s,        u"transfer-encoding"_s, u"upgrade"_s,
                                   u"accept-encoding"_s};
    return names.contains(lowerName);
}

HeaderList headersOf(const QJsonObject &request, bool keepCookies)
{
    HeaderList headers;
    for (const QJsonValue &value : request.value(u"headers"_s).toArray()) {
        const QString name = value[u"name"_s].toString();
        const QString lower = name.toLower();
        if (name.isEmpty() || name.startsWith(u':') || isConnectionHeader(lower))
            continue;
        if (lower == u"cookie" && !keepCookies)
            continue;
        headers.append({name.toLatin1(), value[u"value"_s].toString().toUtf8()});
    }
    return headers;
}

std::optional<QByteArray> bodyOf(const QJsonObject &request)
{
    const QJsonObject posted = request.value(u"postData"_s).toObject();
    if (posted.isEmpty())
        return std::nullopt;
    if (posted.contains(u"text"_s))
        return posted.value(u"text"_s).toString().toUtf8();
    // Form fields without their text: written back as a form.
    QStringList fields;
    for (const QJsonValue &param : posted.value(u"params"_s).toArray())
        fields.append(QString::fromLatin1(QUrl::toPercentEncoding(param[u"name"_s].toString()))
                      + u'='
                      + QString::fromLatin1(QUrl::toPercentEncoding(param[u"value"_s].toString())));
    return fields.join(u'&').toUtf8();
}

// Why an entry cannot be sent again; empty when it can.
QString refusalOf(const QJsonObject &request, const QUrl &url)
{
    if (request.isEmpty() || request.value(u"url"_s).toString().isEmpty())
        return tr("it has no request address");
    if (!url.isValid())
        return tr("its address cannot be read (%1)").arg(url.errorString());
    const QString scheme = url.scheme().toLower();
    if (scheme == u"ws" || scheme == u"wss")
        return tr("it is a WebSocket, which Salvo does not speak");
    if (scheme != u"http" && scheme != u"https")
        return tr("its address is %1:, not a web address").arg(scheme);
    if (url.host().isEmpty())
        return tr("its address has no host");
    return {};
}

} // namespace

bool looksLikeHar(QByteArrayView text)
{
    const QByteArrayView start
            = text.trimmed().first(std::min<qsizetype>(text.trimmed().size(), 4096));
    return start.startsWith("{") && start.contains("\"log\"");
}

HarContents harContents(QByteArrayView text)
{
    HarContents contents;
    for (const QJsonValue &value : entriesOf(text)) {
        const QJsonObject entry = value.toObject();
        const QJsonObject request = entry.value(u"request"_s).toObject();
        const QUrl url(request.value(u"url"_s).toString());
        ++contents.entries;
        if (!refusalOf(request, url).isEmpty()) // skipped whatever is chosen: not a choice
            continue;
        ++contents.domains[url.host().toLower()];
        ++contents.types[kindOf(entry)];
    }
    return contents;
}

ImportedRequests importHar(QByteArrayView text, const HarChoice &choice)
{
    ImportedRequests imported;
    QString problem;
    const QJsonArray entries = entriesOf(text, &problem);
    if (!problem.isEmpty()) {
        imported.skipped.append({tr("the file"), problem});
        return imported;
    }
    int leftOut = 0;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject entry = entries.at(i).toObject();
        const QJsonObject request = entry.value(u"request"_s).toObject();
        const QUrl url(request.value(u"url"_s).toString());
        const QString where = tr("entry %1").arg(i + 1);
        if (const QString refusal = refusalOf(request, url); !refusal.isEmpty()) {
            imported.skipped.append({where, refusal});
            continue;
        }
        if ((!choice.domains.isEmpty() && !choice.domains.contains(url.host().toLower()))
            || (!choice.types.isEmpty() && !choice.types.contains(kindOf(entry)))) {
            ++leftOut;
            continue;
        }
        const QString method = request.value(u"method"_s).toString().trimmed().toUpper();
        imported.requests.append(
                {.name = {},
                 .group = {},
                 .method = method.isEmpty() ? QByteArrayLiteral("GET") : method.toLatin1(),
                 .url = url.toString(QUrl::FullyEncoded),
                 .headers = headersOf(request, choice.keepCookies),
                 .body = bodyOf(request)});
    }
    if (leftOut > 0)
        imported.warnings.append(QCoreApplication::translate(
                "salvo::HarImport", "%n entries were left out by the hosts and kinds chosen.",
                nullptr, leftOut));
    return imported;
}

} // namespace salvo
