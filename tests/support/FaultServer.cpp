#include "FaultServer.h"

#include <QFile>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <sys/socket.h>

#include "sample/RequestTargets.h"

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Closing with SO_LINGER set to zero sends RST instead of FIN: a connection reset.
void resetConnection(QTcpSocket *socket)
{
    const linger hard{1, 0};
    ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    socket->abort();
}

constexpr qint64 streamChunkBytes = 64 * 1024;

QByteArray headersFor(qint64 contentLength)
{
    return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
            + QByteArray::number(contentLength) + "\r\n\r\n";
}

} // namespace

FaultServer::FaultServer(Transport transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
{
    if (transport == Transport::Tls) {
        auto server = std::make_unique<QSslServer>();
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(
                QSslCertificate(readFile(QStringLiteral(SALVO_TEST_DATA_DIR "/test-cert.pem"))));
        tls.setPrivateKey(
                QSslKey(readFile(QStringLiteral(SALVO_TEST_DATA_DIR "/test-key.pem")), QSsl::Rsa));
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        server->setSslConfiguration(tls);
        m_server = std::move(server);
    } else {
        m_server = std::make_unique<QTcpServer>();
    }
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this,
            &FaultServer::handleNewConnections);
}

FaultServer::~FaultServer() = default;

bool FaultServer::start()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

QUrl FaultServer::url(const QString &path) const
{
    const QString scheme
            = m_transport == Transport::Tls ? QStringLiteral("https") : QStringLiteral("http");
    return QUrl(QStringLiteral("%1://127.0.0.1:%2%3")
                        .arg(scheme)
                        .arg(m_server->serverPort())
                        .arg(path));
}

void FaultServer::handleNewConnections()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { handleReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_concurrent -= m_waiting.take(socket);
            m_buffers.remove(socket);
            m_served.remove(socket);
            socket->deleteLater();
        });
        if (socket->bytesAvailable() > 0)
            handleReadyRead(socket);
    }
}

void FaultServer::handleReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (const QByteArray &target : salvo::takeRequestTargets(buffer)) {
        ++m_requests;
        ++m_waiting[socket];
        m_arrivals[target].append(++m_served[socket]);
        m_maxConcurrent = std::max(m_maxConcurrent, ++m_concurrent);
        respond(socket, target);
        emit requestReceived(target);
        if (!m_buffers.contains(socket))
            return; // the response closed the connection
    }
}

void FaultServer::finishRequest(QTcpSocket *socket)
{
    auto it = m_waiting.find(socket);
    if (it != m_waiting.end() && *it > 0) {
        --*it;
        --m_concurrent;
    }
}

void FaultServer::answerNow(QTcpSocket *socket, const QByteArray &body)
{
    finishRequest(socket);
    socket->write(headersFor(body.size()) + body);
}

void FaultServer::streamBody(QTcpSocket *socket, qint64 size)
{
    // Refilled whenever the socket drains below a few chunks: the client's reading, not
    // this server, sets the pace, and at most those few chunks wait in memory.
    auto remaining = std::make_shared<qint64>(size);
    const auto refill = [socket, remaining] {
        static const QByteArray chunk(streamChunkBytes, 'x');
        while (*remaining > 0 && socket->bytesToWrite() < 4 * streamChunkBytes) {
            const qint64 bytes = std::min(*remaining, streamChunkBytes);
            socket->write(chunk.constData(), bytes);
            *remaining -= bytes;
        }
    };
    connect(socket, &QTcpSocket::bytesWritten, socket, refill);
    refill();
}

void FaultServer::respond(QTcpSocket *socket, const QByteArray &path)
{
    if (path == "/ok") {
        answerNow(socket, "ok");
    } else if (path.startsWith("/delay/")) {
        const int ms = path.mid(7).toInt();
        QTimer::singleShot(ms, socket, [this, socket] { answerNow(socket, "late"); });
    } else if (path == "/hang") {
        // Say nothing, ever.
    } else if (path == "/trickle") {
        socket->write(headersFor(1000));
        auto *timer = new QTimer(socket);
        connect(timer, &QTimer::timeout, socket, [socket] { socket->write("."); });
        timer->start(100);
    } else if (path == "/stall-body") {
        socket->write(headersFor(1000) + QByteArray(10, '.'));
    } else if (path == "/reset") {
        finishRequest(socket);
        resetConnection(socket);
    } else if (path == "/reset-mid-body") {
        socket->write(headersFor(10000) + QByteArray(100, '.'));
        socket->flush();
        QTimer::singleShot(50, socket, [this, socket] {
            finishRequest(socket);
            resetConnection(socket);
        });
    } else if (path == "/early-close") {
        finishRequest(socket);
        socket->disconnectFromHost();
    } else if (path.startsWith("/close-first/") || path.startsWith("/close-then-hang/")) {
        const int closes = path.split('/').value(2).toInt();
        if (m_arrivals.value(path).size() <= closes) {
            finishRequest(socket);
            socket->disconnectFromHost();
        } else if (path.startsWith("/close-first/")) {
            answerNow(socket, "ok");
        }
    } else if (path == "/partial-headers") {
        finishRequest(socket);
        socket->write("HTTP/1.1 200 OK\r\nContent-Ty");
        socket->disconnectFromHost();
    } else if (path == "/bad-chunk") {
        finishRequest(socket);
        socket->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n100\r\nhello");
        socket->disconnectFromHost();
    } else if (path == "/bad-encoding") {
        finishRequest(socket);
        socket->write("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 10\r\n\r\n"
                      "notgzip!!!");
    } else if (path.startsWith("/stream/")) {
        const qint64 size = path.mid(8).toLongLong();
        finishRequest(socket);
        socket->write(headersFor(size));
        streamBody(socket, size);
    } else if (path.startsWith("http://")) {
        // Asked as a proxy: insist on credentials the client does not have.
        finishRequest(socket);
        socket->write(
                "HTTP/1.1 407 Proxy Authentication Required\r\n"
                "Proxy-Authenticate: Basic realm=\"salvo-test\"\r\nContent-Length: 0\r\n\r\n");
    } else if (path == "/garbage") {
        finishRequest(socket);
        static constexpr char garbage[] = "\x16\x03\x01 this is not HTTP at all \x00\xff\r\n\r\n";
        socket->write(garbage, sizeof garbage - 1);
        socket->disconnectFromHost();
    } else {
        finishRequest(socket);
        socket->write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
    }
}
