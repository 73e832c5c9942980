#include "HarExportWriter.h"

#include "result/JsonString.h"

#include <QJsonDocument>
#include <QStringDecoder>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

#include "result/ErrorMessages.h"

namespace salvo {
namespace {

// Chrome writes this mimeType when it does not know the type.
const QString unknownMimeType = QStringLiteral("x-unknown");

QString isoUtc(const QDateTime &time)
{
    // A QDateTime in local time or without a spec writes no offset, which HAR rejects: only
    // one whose spec is UTC ends in "Z".
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QJsonArray headerArray(const HeaderList &headers)
{
    QJsonArray array;
    for (const auto &[name, value] : headers) {
        array.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(name)},
                                 {QStringLiteral("value"), QString::fromUtf8(value)}});
    }
    return array;
}

QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

// HAR checks every URL as an RFC 3986 URI: no spaces, no raw non-ASCII. A row whose text was
// never a URL (ErrorKind::InvalidUrl) is written percent-encoded, as close as it gets.
QString encodedUrl(const QUrl &url, const QString &text)
{
    if (url.isValid())
        return url.toString(QUrl::FullyEncoded);
    return QString::fromLatin1(text.toUtf8().toPercentEncoding(":/?#[]@!$&'()*+,;=%"));
}

// The protocol the answer came in, as HAR writes it. A run before the history kept it (format
// 5) is known to have spoken HTTP/1.1 over plain http://; over https:// it may have agreed on
// HTTP/2, so there it is unknown: "", which is what Chrome writes when it does not know either.
QString httpVersionFor(const Result &result, const QUrl &url)
{
    const QString &version = result.connection.httpVersion;
    if (version == u"h2")
        return QStringLiteral("HTTP/2");
    if (version == u"h3")
        return QStringLiteral("HTTP/3");
    if (!version.isEmpty())
        return version.toUpper();
    return url.scheme() == u"http" ? QStringLiteral("HTTP/1.1") : QString();
}

// "203.0.113.7:443" or "[2001:db8::1]:443" without its port, as HAR's serverIPAddress.
QString addressWithoutPort(const QString &address)
{
    const qsizetype colon = address.lastIndexOf(u':');
    QString host = colon > 0 ? address.first(colon) : address;
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    return host;
}

// Bytes that end a body cut at a byte cap in the middle of a UTF-8 sequence: the lead byte and
// the continuation bytes after it that do not complete it. 0 when the body ends on a boundary.
qsizetype incompleteUtf8Tail(QByteArrayView bytes)
{
    for (qsizetype back = 1; back <= std::min<qsizetype>(3, bytes.size()); ++back) {
        const auto byte = static_cast<quint8>(bytes.at(bytes.size() - back));
        if ((byte & 0xC0) == 0x80)
            continue; // a continuation byte: the lead is further back
        if (byte < 0xC0)
            return 0; // ASCII
        const qsizetype length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
        return length > back ? back : 0;
    }
    return 0;
}

struct ContentText
{
    QString text;
    bool base64 = false;
    qsizetype bytes = 0; // of the body the text holds
};

// The kept body as UTF-8 text when it is UTF-8, else base64. A truncated body may have been cut
// inside a character: that character's bytes are left out rather than base64 the whole body.
ContentText contentText(const QByteArray &body, bool truncated)
{
    QByteArrayView bytes(body);
    if (truncated)
        bytes.chop(incompleteUtf8Tail(bytes));
    // ConvertInitialBom: a BOM is part of the body as sent, so the text keeps it.
    QStringDecoder utf8(QStringConverter::Utf8,
                        QStringConverter::Flag::Stateless
                                | QStringConverter::Flag::ConvertInitialBom);
    QString text = utf8.decode(bytes);
    if (!utf8.hasError())
        return {std::move(text), false, bytes.size()};
    return {QString::fromLatin1(body.toBase64()), true, body.size()};
}

QJsonObject content(const Result &result)
{
    QJsonObject content{
            {QStringLiteral("size"), result.bytes},
            {QStringLiteral("mimeType"),
             result.contentType.isEmpty() ? unknownMimeType : result.contentType},
    };
    // Rows whose body was not kept have no text: an empty text would claim an empty body.
    if (result.body.isEmpty())
        return content;
    const ContentText kept = contentText(result.body, result.truncated);
    content.insert(QStringLiteral("text"), kept.text);
    if (kept.base64)
        content.insert(QStringLiteral("encoding"), QStringLiteral("base64"));
    if (result.truncated) {
        // HAR has no flag for a cut body; size stays the whole body's, as the spec defines it.
        content.insert(QStringLiteral("_bodyTruncated"), true);
        content.insert(QStringLiteral("comment"),
                       QStringLiteral("truncated: the first %1 of %2 bytes")
                               .arg(kept.bytes)
                               .arg(result.bytes));
    }
    return content;
}

} // namespace

void HarExportWriter::begin(const ExportHeader &header)
{
    // Salvo stores when a run started, not when each of its rows did: every entry starts at
    // the run's start. The timings and time of each entry are its own.
    QDateTime started = header.run.started.isValid() ? header.run.started : header.exported;
    if (!started.isValid())
        started = QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
    m_startedDateTime = isoUtc(started);
    m_method = header.method;
    m_requestHeaders = headerArray(header.requestHeaders);
    m_withheldHeaders = {};
    for (const QByteArray &name : header.withheldHeaders)
        m_withheldHeaders.append(QString::fromLatin1(name));
    m_requestBodySize = header.requestBody.size();
    m_postData = {};
    if (!header.requestBody.isEmpty()) {
        const QByteArray type = headerValue(header.requestHeaders, "Content-Type");
        m_postData.insert(QStringLiteral("mimeType"),
                          type.isEmpty() ? unknownMimeType : QString::fromLatin1(type));
        const ContentText body = contentText(header.requestBody, false);
        m_postData.insert(QStringLiteral("text"), body.text);
        // postData has no "encoding" in HAR 1.2: a custom field says how to read the text.
        if (body.base64)
            m_postData.insert(QStringLiteral("_encoding"), QStringLiteral("base64"));
    }
    m_firstEntry = true;
    m_inspection = inspectionFieldsOf(header.run);

    QString comment = header.run.batchName.isEmpty()
            ? QStringLiteral("Salvo run %1").arg(header.run.id)
            : QStringLiteral("Salvo run %1: %2")
                      .arg(QString::number(header.run.id), header.run.batchName);
    if (header.exported.isValid())
        comment += QStringLiteral(", exported ") + isoUtc(header.exported);
    if (!header.run.certificatesChecked)
        comment += QStringLiteral(". ") + uncheckedCertificatesNote();

    // "pages" is optional in HAR 1.2, but Firefox's importer walks it without looking first.
    m_device->write(QByteArrayLiteral("{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":"
                                      "\"Salvo\",\"version\":")
                    + jsonString(header.salvoVersion) + QByteArrayLiteral("},\"comment\":")
                    + jsonString(comment) + QByteArrayLiteral(",\"pages\":[],\"entries\":["));
}

void HarExportWriter::write(const Result &result)
{
    m_device->write(m_firstEntry ? "\n" : ",\n");
    m_firstEntry = false;
    m_device->write(QJsonDocument(entry(result)).toJson(QJsonDocument::Compact));
}

void HarExportWriter::finish()
{
    m_device->write(m_firstEntry ? "]}}\n" : "\n]}}\n");
}

QJsonObject HarExportWriter::request(const Result &result) const
{
    const QUrl url(result.url);
    const QByteArray method = !result.method.isEmpty() ? result.method
            : !m_method.isEmpty()                      ? m_method
                                                       : QByteArrayLiteral("GET");
    QJsonArray queryString;
    for (const auto &[name, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
        queryString.append(
                QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("value"), value}});
    }
    QJsonObject request{
            {QStringLiteral("method"), QString::fromLatin1(method)},
            {QStringLiteral("url"), encodedUrl(url, result.url)},
            {QStringLiteral("httpVersion"), httpVersionFor(result, url)},
            {QStringLiteral("cookies"), QJsonArray()},
            {QStringLiteral("headers"), m_requestHeaders},
            {QStringLiteral("queryString"), queryString},
            {QStringLiteral("headersSize"), -1},
            {QStringLiteral("bodySize"), m_requestBodySize},
    };
    if (!m_postData.isEmpty())
        request.insert(QStringLiteral("postData"), m_postData);
    if (!m_withheldHeaders.isEmpty()) {
        // The history never kept their values, so they cannot be shown; say they were sent.
        request.insert(QStringLiteral("_withheldHeaders"), m_withheldHeaders);
        QStringList names;
        for (const QJsonValue name : m_withheldHeaders)
            names.append(name.toString());
        request.insert(QStringLiteral("comment"),
                       QString(QStringLiteral("also sent, values withheld: ") + names.join(u", ")));
    }

    return request;
}

QJsonObject HarExportWriter::response(const Result &result) const
{
    const QUrl url(result.url);
    const QUrl finalUrl = result.redirects.isEmpty() ? url : QUrl(result.redirects.constLast());
    const bool answered = result.status > 0;
    // The body's size on the wire is known only when it was not compressed: Qt unpacks it.
    const QByteArray encoding = headerValue(result.headers, "Content-Encoding");
    const bool unpacked
            = !encoding.isEmpty() && encoding.compare("identity", Qt::CaseInsensitive) != 0;
    QJsonObject response{
            {QStringLiteral("status"), result.status},
            {QStringLiteral("statusText"), QString()}, // Salvo keeps the code, not the phrase
            {QStringLiteral("httpVersion"),
             answered ? httpVersionFor(result, finalUrl) : QString()},
            {QStringLiteral("cookies"), QJsonArray()},
            {QStringLiteral("headers"), headerArray(result.headers)},
            {QStringLiteral("content"), content(result)},
            {QStringLiteral("redirectURL"),
             result.redirects.isEmpty() ? QString()
                                        : encodedUrl(finalUrl, result.redirects.constLast())},
            {QStringLiteral("headersSize"), -1},
            {QStringLiteral("bodySize"), answered && !unpacked ? result.bytes : qint64(-1)},
    };
    if (!result.redirects.isEmpty()) {
        QJsonArray redirects;
        for (const QString &location : result.redirects)
            redirects.append(encodedUrl(QUrl(location), location));
        response.insert(QStringLiteral("_redirects"), redirects);
    }
    if (result.error != ErrorKind::None) {
        // Where Chrome puts a failed request's reason, and where its importer reads it.
        response.insert(QStringLiteral("_error"),
                        result.message.isEmpty() ? errorKindLabel(result.error) : result.message);
        response.insert(QStringLiteral("_errorKind"), errorKindName(result.error));
        if (!result.detail.isEmpty())
            response.insert(QStringLiteral("_errorDetail"), result.detail);
        if (result.timeout != TimeoutKind::None)
            response.insert(QStringLiteral("_timeout"), timeoutKindName(result.timeout));
    }

    return response;
}

// The connection's phases where a new connection was made for the answer (else -1: one kept
// open carried it), sending folded into the wait, and the rest receiving. HAR counts ssl inside
// connect too, so their sum without ssl is the entry's time, as HAR requires.
QJsonObject HarExportWriter::timings(const Result &result)
{
    const ConnectionFacts &facts = result.connection;
    const qint64 elapsed = std::max<qint64>(0, result.elapsedMs);
    const qint64 firstByte
            = result.firstByteMs >= 0 ? std::min(result.firstByteMs, elapsed) : elapsed;
    const qint64 dns = std::min<qint64>(std::max(facts.dnsMs, -1), firstByte);
    const qint64 tls = facts.tlsMs;
    const qint64 connect = facts.connectMs < 0
            ? -1
            : std::min<qint64>(facts.connectMs + std::max<qint64>(tls, 0),
                               firstByte - std::max<qint64>(dns, 0));
    const qint64 wait = firstByte - std::max<qint64>(dns, 0) - std::max<qint64>(connect, 0);
    return QJsonObject{
            {QStringLiteral("blocked"), -1},
            {QStringLiteral("dns"), dns},
            {QStringLiteral("connect"), connect},
            {QStringLiteral("ssl"), connect < 0 ? -1 : std::min(tls, connect)},
            {QStringLiteral("send"), 0},
            {QStringLiteral("wait"), wait},
            {QStringLiteral("receive"), elapsed - firstByte},
    };
}

QJsonObject HarExportWriter::entry(const Result &result) const
{
    const qint64 elapsed = std::max<qint64>(0, result.elapsedMs);
    QJsonObject entry{
            {QStringLiteral("startedDateTime"), m_startedDateTime},
            {QStringLiteral("time"), elapsed},
            {QStringLiteral("request"), request(result)},
            {QStringLiteral("response"), response(result)},
            {QStringLiteral("cache"), QJsonObject()},
            {QStringLiteral("timings"), timings(result)},
            {QStringLiteral("_line"), result.line},
            {QStringLiteral("_attempts"), result.attempts},
            {QStringLiteral("_resends"), result.resends},
    };
    if (!result.connection.remoteAddress.isEmpty()) {
        entry.insert(QStringLiteral("serverIPAddress"),
                     addressWithoutPort(result.connection.remoteAddress));
    }
    // What the run checked and read, as custom fields (HAR's own names are camel case).
    QJsonObject inspected;
    addInspectionFields(inspected, result, m_inspection);
    const std::pair<const char16_t *, const char16_t *> customNames[] = {
            {u"passed", u"_passed"},
            {u"failed_expectations", u"_failedExpectations"},
            {u"extracted", u"_extracted"},
            {u"columns", u"_columns"},
    };
    for (const auto &[name, custom] : customNames) {
        const QString key = QString::fromUtf16(name);
        if (inspected.contains(key))
            entry.insert(QString::fromUtf16(custom), inspected.value(key));
    }
    if (result.certificatesUnchecked) {
        entry.insert(QStringLiteral("_certificatesChecked"), false);
        entry.insert(QStringLiteral("comment"), uncheckedCertificatesNote());
    }
    return entry;
}

} // namespace salvo
