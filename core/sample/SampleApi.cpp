#include "SampleApi.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>

#include "RequestTargets.h"

namespace salvo {
namespace {

constexpr int itemCount = 12;

QByteArray response(int status, const QByteArray &reason, const QByteArray &contentType,
                    const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\nContent-Type: "
            + contentType + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n"
            + extraHeaders + "\r\n" + body;
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

SampleApi::SampleApi(QObject *parent)
    : QObject(parent)
    , m_server(this)
{
    connect(&m_server, &QTcpServer::newConnection, this, &SampleApi::handleNewConnection);
}

bool SampleApi::start()
{
    return m_server.isListening() || m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl SampleApi::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server.serverPort());
    return url;
}

QByteArray SampleApi::sampleBatch() const
{
    QFile file(QStringLiteral(":/samples/sample-batch.txt"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll().replace("{base}", baseUrl().toEncoded());
}

QJsonObject SampleApi::sampleInspection()
{
    QFile file(QStringLiteral(":/samples/sample-expect.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

void SampleApi::handleNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        // Owned by this object, so they go in ~QObject, after its connections are cut:
        // as children of m_server their `disconnected` would reach a destroyed m_buffers.
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { handleReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void SampleApi::handleReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (const QByteArray &target : takeRequestTargets(buffer))
        answer(socket, target);
}

void SampleApi::answer(QTcpSocket *socket, const QByteArray &path)
{
    if (path.startsWith("/items/")) {
        const int id = path.mid(7).toInt();
        if (id >= 1 && id <= itemCount) {
            socket->write(
                    response(200, "OK", "application/json",
                             json({{QStringLiteral("id"), id},
                                   {QStringLiteral("name"), QStringLiteral("Item %1").arg(id)},
                                   {QStringLiteral("price"), 4.5 * id},
                                   {QStringLiteral("inStock"), id % 3 != 0}})));
        } else {
            socket->write(
                    response(404, "Not Found", "application/json",
                             json({{QStringLiteral("error"), QStringLiteral("no such item")}})));
        }
    } else if (path == "/status/500") {
        socket->write(response(500, "Internal Server Error", "text/plain", "Something broke.\n"));
    } else if (path == "/redirect") {
        socket->write(response(302, "Found", "text/plain", {}, "Location: /items/1\r\n"));
    } else if (path == "/slow") {
        QTimer::singleShot(slowAnswerMs, socket, [socket] {
            socket->write(response(200, "OK", "text/plain", "Worth the wait.\n"));
        });
    } else if (path == "/hang") {
        // Never answers: the client's inactivity timeout ends it.
    } else {
        socket->write(response(404, "Not Found", "text/plain", "Not here.\n"));
    }
}

} // namespace salvo
