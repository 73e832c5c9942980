#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

class QNetworkAccessManager;
class QUrl;

namespace salvo {

// A pool of QNetworkAccessManagers owned by one engine thread. Qt 6.4 runs at most six
// connections per host in one QNAM (and queues the rest, with their timers running), so
// a host that may have more requests in flight gets more QNAMs: lease() returns one that
// has a free connection for that host, making a new one when all are busy.
class HostPool final
{
public:
    explicit HostPool(QObject *owner);
    Q_DISABLE_COPY_MOVE(HostPool)

    static constexpr int connectionsPerManager = 6;

    // "scheme://host:port", the unit QNAM limits connections by.
    static QString hostKey(const QUrl &url);

    QNetworkAccessManager *lease(const QString &hostKey);
    void giveBack(const QString &hostKey, QNetworkAccessManager *manager);

    int managerCount() const { return int(m_managers.size()); }

private:
    QNetworkAccessManager *createManager();

    QObject *m_owner;
    QList<QNetworkAccessManager *> m_managers;
    QHash<QString, QList<int>> m_inFlight; // per host: requests in flight on each manager
};

} // namespace salvo
