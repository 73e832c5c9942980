#include "TestServer.h"

#include <QCryptographicHash>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonObject>
#include <QUrlQuery>

namespace {

using Status = QHttpServerResponse::StatusCode;

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QStringLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QStringLiteral("PATCH");
    default:
        return QStringLiteral("OTHER");
    }
}

QHttpServerResponse redirectTo(const QByteArray &location, Status status = Status::Found)
{
    QHttpServerResponse response(QByteArrayLiteral("text/plain"), QByteArrayLiteral("moved"),
                                 status);
    response.addHeader(QByteArrayLiteral("Location"), QByteArray(location));
    return response;
}

} // namespace

TestServer::TestServer(QObject *parent)
    : QObject(parent)
{
    m_server.route(QStringLiteral("/status/<arg>"), [this](int code) {
        ++m_requests;
        return QHttpServerResponse(QByteArrayLiteral("text/plain"),
                                   QByteArray("status ") + QByteArray::number(code), Status(code));
    });
    m_server.route(QStringLiteral("/json/<arg>"), [this](int id) {
        ++m_requests;
        return QHttpServerResponse(QJsonObject{{QStringLiteral("id"), id}});
    });
    // Who signed in, without the secret: a test checks the password by its digest, and the
    // answer (kept in the history) never holds it.
    m_server.route(QStringLiteral("/signed-in"), [this](const QHttpServerRequest &request) {
        ++m_requests;
        const QByteArray authorization = request.value("Authorization");
        const QByteArray credentials = QByteArray::fromBase64(authorization.mid(6));
        const qsizetype colon = credentials.indexOf(':');
        if (!authorization.startsWith("Basic ") || colon < 0)
            return QHttpServerResponse(Status::Unauthorized);
        return QHttpServerResponse(QJsonObject{
                {QStringLiteral("user"), QString::fromUtf8(credentials.first(colon))},
                {QStringLiteral("password_sha256"),
                 QString::fromLatin1(QCryptographicHash::hash(credentials.mid(colon + 1),
                                                              QCryptographicHash::Sha256)
                                             .toHex())}});
    });
    m_server.route(QStringLiteral("/echo"), [this](const QHttpServerRequest &request) {
        ++m_requests;
        QJsonObject headers;
        for (const auto &[name, value] : request.headers())
            headers.insert(QString::fromLatin1(name).toLower(), QString::fromUtf8(value));
        return QHttpServerResponse(
                QJsonObject{{QStringLiteral("method"), methodName(request.method())},
                            {QStringLiteral("body"), QString::fromUtf8(request.body())},
                            {QStringLiteral("headers"), headers}});
    });
    m_server.route(QStringLiteral("/hook"), [this](const QHttpServerRequest &request) {
        ++m_requests;
        QByteArray contentType;
        QByteArray userAgent;
        for (const auto &[name, value] : request.headers()) {
            if (name.compare("Content-Type", Qt::CaseInsensitive) == 0)
                contentType = value;
            else if (name.compare("User-Agent", Qt::CaseInsensitive) == 0)
                userAgent = value;
        }
        m_hookRequests.append(
                {methodName(request.method()).toLatin1(), request.body(), contentType, userAgent});
        return QHttpServerResponse(QHttpServerResponse::StatusCode::NoContent);
    });
    m_server.route(QStringLiteral("/redirect/<arg>"), [this](int remaining) {
        ++m_requests;
        if (remaining <= 0)
            return QHttpServerResponse(QByteArrayLiteral("text/plain"),
                                       QByteArrayLiteral("arrived"));
        return redirectTo("/redirect/" + QByteArray::number(remaining - 1));
    });
    m_server.route(QStringLiteral("/loop"), [this] {
        ++m_requests;
        return redirectTo(QByteArrayLiteral("/loop"));
    });
    m_server.route(QStringLiteral("/redirect-to/<arg>"), [this](const QString &scheme) {
        ++m_requests;
        if (scheme == u"file")
            return redirectTo(QByteArrayLiteral("file:///etc/passwd"));
        if (scheme == u"data")
            return redirectTo(QByteArrayLiteral("data:text/plain,hello"));
        return redirectTo(scheme.toLatin1() + "://127.0.0.1/somewhere");
    });
    m_server.route(QStringLiteral("/goto"), [this](const QHttpServerRequest &request) {
        ++m_requests;
        const QUrlQuery query = request.query();
        const int status = query.hasQueryItem(QStringLiteral("status"))
                ? query.queryItemValue(QStringLiteral("status")).toInt()
                : 302;
        return redirectTo(query.queryItemValue(QStringLiteral("to"), QUrl::FullyDecoded).toUtf8(),
                          Status(status));
    });
    m_server.route(QStringLiteral("/say"), [this](const QHttpServerRequest &request) {
        ++m_requests;
        const QUrlQuery query = request.query();
        QHttpServerResponse response(
                query.queryItemValue(QStringLiteral("type"), QUrl::FullyDecoded).toUtf8(),
                query.queryItemValue(QStringLiteral("text"), QUrl::FullyDecoded).toUtf8());
        if (query.hasQueryItem(QStringLiteral("header"))) {
            const QString header
                    = query.queryItemValue(QStringLiteral("header"), QUrl::FullyDecoded);
            response.addHeader(header.section(u':', 0, 0).trimmed().toUtf8(),
                               header.section(u':', 1).trimmed().toUtf8());
        }
        return response;
    });
    m_server.route(QStringLiteral("/bytes/<arg>"), [this](qint64 size) {
        ++m_requests;
        return QHttpServerResponse(QByteArrayLiteral("application/octet-stream"),
                                   QByteArray(size, 'x'));
    });
    m_server.route(QStringLiteral("/big-json/<arg>"), [this](qint64 size) {
        ++m_requests;
        // {"items":[{"n":0,"name":"item 0"},...],"last":N}, padded to about `size` bytes.
        QByteArray body = "{\"items\":[";
        qint64 n = 0;
        while (body.size() < size - 64) {
            body += (n > 0 ? "," : "") + QByteArray("{\"n\":") + QByteArray::number(n)
                    + ",\"name\":\"item " + QByteArray::number(n) + "\"}";
            ++n;
        }
        body += "],\"last\":" + QByteArray::number(n - 1) + "}";
        return QHttpServerResponse(QByteArrayLiteral("application/json"), std::move(body));
    });
    m_server.route(QStringLiteral("/deflate/<arg>"), [this](qint64 size) {
        ++m_requests;
        // qCompress writes a 4-byte length, then a zlib stream: what "deflate" means in HTTP.
        QByteArray compressed = qCompress(QByteArray(size, '\0'), 9).mid(4);
        QHttpServerResponse response(QByteArrayLiteral("application/octet-stream"),
                                     std::move(compressed));
        response.addHeader(QByteArrayLiteral("Content-Encoding"), QByteArrayLiteral("deflate"));
        return response;
    });
    m_server.route(QStringLiteral("/flaky/<arg>/<arg>"), [this](const QString &key, int failures) {
        return failThenSucceed(key, failures, false);
    });
    m_server.route(QStringLiteral("/ratelimited/<arg>/<arg>"),
                   [this](const QString &key, int failures) {
                       return failThenSucceed(key, failures, true);
                   });
}

bool TestServer::start()
{
    m_port = m_server.listen(QHostAddress::LocalHost, 0);
    return m_port != 0;
}

QUrl TestServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
}

QHttpServerResponse TestServer::failThenSucceed(const QString &key, int failures, bool rateLimited)
{
    ++m_requests;
    const int hit = ++m_hits[key];
    if (hit > failures)
        return QHttpServerResponse(QByteArrayLiteral("text/plain"), QByteArrayLiteral("fine now"));
    if (!rateLimited) {
        return QHttpServerResponse(QByteArrayLiteral("text/plain"), QByteArrayLiteral("busy"),
                                   Status::ServiceUnavailable);
    }
    QHttpServerResponse response(QByteArrayLiteral("text/plain"), QByteArrayLiteral("slow down"),
                                 Status::TooManyRequests);
    response.addHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1"));
    return response;
}
