#include "HostPool.h"

#include <QNetworkAccessManager>
#include <QUrl>

#include "RouteProxyFactory.h"

namespace salvo {

HostPool::HostPool(QObject *owner)
    : m_owner(owner)
{ }

QString HostPool::hostKey(const QUrl &url)
{
    const int defaultPort = url.scheme() == u"https" ? 443 : 80;
    return url.scheme() + u"://" + url.host() + u':' + QString::number(url.port(defaultPort));
}

QNetworkAccessManager *HostPool::createManager()
{
    auto *manager = new QNetworkAccessManager(m_owner);
    // The engine follows redirects itself, to record the chain and count the hops.
    manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    // Qt's transfer timeout starts at get(), queue time included; our timers do not.
    manager->setTransferTimeout(0);
    manager->setAutoDeleteReplies(false);
    // The manager owns its factory.
    manager->setProxyFactory(new RouteProxyFactory);
    return manager;
}

QNetworkAccessManager *HostPool::lease(const QString &hostKey)
{
    QList<int> &counts = m_inFlight[hostKey];
    const int perManager
            = m_http2Hosts.contains(hostKey) ? streamsPerManager : connectionsPerManager;
    for (qsizetype i = 0; i < counts.size(); ++i) {
        if (counts[i] < perManager) {
            ++counts[i];
            return m_managers.at(i);
        }
    }
    const qsizetype index = counts.size();
    if (index == m_managers.size())
        m_managers.append(createManager());
    counts.append(1);
    return m_managers.at(index);
}

void HostPool::giveBack(const QString &hostKey, QNetworkAccessManager *manager)
{
    const qsizetype index = m_managers.indexOf(manager);
    auto it = m_inFlight.find(hostKey);
    if (index < 0 || it == m_inFlight.end() || index >= it->size())
        return;
    --(*it)[index];
}

QNetworkAccessManager *HostPool::leaseAlone(const QString &hostKey)
{
    QList<bool> &busy = m_loneBusy[hostKey];
    busy.resize(m_loneManagers.size(), false);
    for (qsizetype i = 0; i < busy.size(); ++i) {
        if (!busy[i]) {
            busy[i] = true;
            return m_loneManagers.at(i);
        }
    }
    m_loneManagers.append(createManager());
    busy.append(true);
    return m_loneManagers.constLast();
}

void HostPool::giveBackAlone(const QString &hostKey, QNetworkAccessManager *manager)
{
    const qsizetype index = m_loneManagers.indexOf(manager);
    auto it = m_loneBusy.find(hostKey);
    if (index < 0 || it == m_loneBusy.end() || index >= it->size())
        return;
    (*it)[index] = false;
}

} // namespace salvo
