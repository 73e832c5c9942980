#pragma once

#include <QHash>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

#include <memory>

class QTcpSocket;

// A raw HTTP/1.1 server for what a well-behaved server never does, and for timing. Plain or
// TLS (a self-signed certificate for 127.0.0.1). Routes:
//   /ok                 200 "ok", keep-alive
//   /delay/<ms>         200 after <ms>
//   /hang               reads the request, never answers
//   /trickle            headers for 1000 bytes, then one byte every 100 ms
//   /stall-body         headers for 1000 bytes, 10 bytes, then silence
//   /reset              a TCP reset instead of an answer
//   /reset-mid-body     headers for 10000 bytes, 100 bytes, then a TCP reset
//   /early-close        closes the connection without answering
//   /close-first/<n>/<key>  closes the connection without answering the first <n> times
//                       this path comes, then answers 200 "ok" (as nginx's `return 444`)
//   /close-then-hang/<n>/<key>  likewise, then reads the request and never answers
//   /partial-headers    half a header block, then closes
//   /bad-chunk          a chunk shorter than its announced size, then closes
//   /bad-encoding       a body that says gzip and is not
//   /garbage            bytes that are not HTTP, then closes
//   /stream/<n>         200 with a body of n bytes, written as the client reads it, so a
//                       body of gigabytes costs the server a few chunks of memory
//   http://...          asked as a proxy: 407, credentials required
class FaultServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FaultServer)

public:
    enum class Transport { Plain, Tls };
    explicit FaultServer(Transport transport = Transport::Plain, QObject *parent = nullptr);
    ~FaultServer() override;

    bool start();
    QUrl url(const QString &path) const;

    int requestCount() const { return m_requests; }
    // For each time a request for `path` came, oldest first: which request it was on its
    // connection, 1 for a new connection (as nginx's $connection_requests).
    QList<int> arrivals(const QByteArray &path) const { return m_arrivals.value(path); }
    // Most requests that were waiting for their answer at the same time.
    int maxConcurrentRequests() const { return m_maxConcurrent; }

signals:
    // After the request's answer (or close) was begun.
    void requestReceived(const QByteArray &path);

private:
    void handleNewConnections();
    void handleReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const QByteArray &path);
    void finishRequest(QTcpSocket *socket);
    void answerNow(QTcpSocket *socket, const QByteArray &body);
    void streamBody(QTcpSocket *socket, qint64 size);

    Transport m_transport;
    std::unique_ptr<QTcpServer> m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QHash<QTcpSocket *, int> m_waiting; // requests received and not yet answered, per socket
    QHash<QTcpSocket *, int> m_served; // requests received on each connection
    QHash<QByteArray, QList<int>> m_arrivals;
    int m_concurrent = 0;
    int m_maxConcurrent = 0;
    int m_requests = 0;
};
