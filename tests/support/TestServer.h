#pragma once

// tests/support holds the loopback servers the tests run against: TestServer (QtHttpServer)
// for well-formed HTTP, FaultServer (raw QTcpServer, optionally TLS) for byte-level faults
// and timing. Both listen on 127.0.0.1 only, at a free port. QtHttpServer's API changes in
// later Qt versions, so it is used nowhere but here.

#include <QHash>
#include <QHttpServer>
#include <QObject>
#include <QUrl>

// Routes:
//   /status/<code>              that status, small text body
//   /json/<id>                  {"id": <id>} as application/json
//   /echo                       the request as JSON: method, body, headers
//   /redirect/<n>               302 to /redirect/<n-1>; /redirect/0 answers 200
//   /loop                       302 to itself
//   /redirect-to/<scheme>       302 to <scheme>://... (file, ftp, data)
//   /goto?to=<url>[&status=<n>] 302 (or <n>) to <url>
//   /say?text=<t>[&type=<content type>][&header=<name: value>]
//                               200 with body <t>, and that content type and header:
//                               what a hostile server would send
//   /bytes/<n>                  n bytes of body
//   /big-json/<n>               about n bytes of JSON: {"items":[{"n":0,"name":"item 0"},...],
//                               "last":<the last n>}
//   /deflate/<n>                n zero bytes, sent deflate-compressed (a small "bomb")
//   /flaky/<key>/<failures>     503 for the first <failures> hits of <key>, then 200
//   /ratelimited/<key>/<failures>  429 with Retry-After: 1 likewise, then 200
//   /hook                       204, keeping the request's body and headers (hookRequests())
class TestServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestServer)

public:
    explicit TestServer(QObject *parent = nullptr);

    bool start();
    QUrl url(const QString &path) const;
    int requestCount() const { return m_requests; }

    // What /hook was sent, oldest first.
    struct HookRequest
    {
        QByteArray method;
        QByteArray body;
        QByteArray contentType;
        QByteArray userAgent;
    };
    const QList<HookRequest> &hookRequests() const { return m_hookRequests; }

private:
    QHttpServerResponse failThenSucceed(const QString &key, int failures, bool rateLimited);

    QHttpServer m_server;
    quint16 m_port = 0;
    int m_requests = 0;
    QHash<QString, int> m_hits;
    QList<HookRequest> m_hookRequests;
};
