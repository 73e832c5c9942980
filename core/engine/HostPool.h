#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

class QNetworkAccessManager;
class QUrl;

namespace salvo {

// A pool of QNetworkAccessManagers owned by one engine thread. Qt 6.4 runs at most six
// connections per host in one QNAM (and queues the rest, with their timers running), so
// a host that may have more requests in flight gets more QNAMs: lease() returns one that
// has a free connection for that host, making a new one when all are busy.
//
// A host that answered over HTTP/2 needs no more managers: one h2 connection carries up to
// streamsPerManager requests at once, and one manager with many streams costs far less CPU
// a request than many managers with six each (docs/engine.md, "HTTP/2"). Until a host has
// answered over h2, it is treated as HTTP/1.1, so Qt never queues a request.
//
// Requests sent again after a connection closed before answering (Fetcher's resend) go
// to managers of their own, leaseAlone(), each carrying at most one request per host at a
// time. Qt 6.4 fails every request waiting in a QNAM's queue for a host when one of that
// host's connections closes after its resend budget is spent (docs/engine.md, "Dropped
// connections"); a request alone in its manager has no such neighbour to fail with.
class HostPool final
{
public:
    explicit HostPool(QObject *owner);
    Q_DISABLE_COPY_MOVE(HostPool)

    static constexpr int connectionsPerManager = 6;
    // Qt 6.4 opens up to 100 streams on one HTTP/2 connection.
    static constexpr int streamsPerManager = 100;

    // "scheme://host:port", the unit QNAM limits connections by.
    static QString hostKey(const QUrl &url);

    QNetworkAccessManager *lease(const QString &hostKey);
    void giveBack(const QString &hostKey, QNetworkAccessManager *manager);
    // The host answered over HTTP/2: from now on its requests share a manager's connection.
    void noteHttp2(const QString &hostKey) { m_http2Hosts.insert(hostKey); }

    // A manager kept for resends that has no request to hostKey in flight.
    QNetworkAccessManager *leaseAlone(const QString &hostKey);
    void giveBackAlone(const QString &hostKey, QNetworkAccessManager *manager);

    int managerCount() const { return int(m_managers.size()); }
    int loneManagerCount() const { return int(m_loneManagers.size()); }

private:
    QNetworkAccessManager *createManager();

    QObject *m_owner;
    QList<QNetworkAccessManager *> m_managers;
    QHash<QString, QList<int>> m_inFlight; // per host: requests in flight on each manager
    QSet<QString> m_http2Hosts;
    QList<QNetworkAccessManager *> m_loneManagers;
    QHash<QString, QList<bool>> m_loneBusy; // per host: whether each lone manager has one
};

} // namespace salvo
