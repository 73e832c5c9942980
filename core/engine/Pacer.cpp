#include "Pacer.h"

#include <algorithm>
#include <cmath>

namespace salvo {
namespace {

double intervalOf(double perSecond)
{
    return perSecond > 0 ? 1000.0 / perSecond : 0;
}

// The start after one at `now`, `interval` later than the last due time: a start that came a
// little late (a timer's tick) is caught up on, but time no request was waiting is not saved
// up for a burst.
qint64 nextDue(qint64 due, qint64 now, double interval)
{
    return qint64(std::llround(double(std::max(due, now - qint64(interval))) + interval));
}

} // namespace

Pacer::Pacer(double perSecond, double perHostPerSecond)
    : m_overallIntervalMs(intervalOf(perSecond))
    , m_hostIntervalMs(intervalOf(perHostPerSecond))
{ }

Pacer::HostPace &Pacer::paceOf(int host)
{
    if (size_t(host) >= m_hosts.size())
        m_hosts.resize(size_t(host) + 1, HostPace{.intervalMs = m_hostIntervalMs});
    return m_hosts[size_t(host)];
}

bool Pacer::overallMayStart(qint64 now) const
{
    return m_overallIntervalMs <= 0 || now >= m_overallNext;
}

bool Pacer::hostMayStart(int host, qint64 now) const
{
    return now >= hostDueAt(host);
}

qint64 Pacer::hostDueAt(int host) const
{
    if (size_t(host) >= m_hosts.size())
        return 0;
    const HostPace &pace = m_hosts[size_t(host)];
    return pace.intervalMs > 0 ? pace.next : 0;
}

void Pacer::started(int host, qint64 now)
{
    if (m_overallIntervalMs > 0)
        m_overallNext = nextDue(m_overallNext, now, m_overallIntervalMs);
    if (m_hostIntervalMs <= 0 && size_t(host) >= m_hosts.size())
        return; // no host is paced, and this one was never slowed
    HostPace &pace = paceOf(host);
    if (pace.intervalMs > 0)
        pace.next = nextDue(pace.next, now, pace.intervalMs);
}

void Pacer::slowDown(int host, const QString &hostName, qint64 now)
{
    HostPace &pace = paceOf(host);
    if (pace.lastSlowdown >= 0 && now - pace.lastSlowdown < qint64(pace.intervalMs))
        return;
    pace.lastSlowdown = now;
    pace.name = hostName;
    const double first = intervalOf(firstSlowdownPerSecond);
    pace.intervalMs = std::min(std::max(pace.intervalMs * 2, first), double(slowestIntervalMs));
    pace.next = std::max(pace.next, now + qint64(pace.intervalMs));
}

QList<SlowedHost> Pacer::slowedHosts() const
{
    QList<SlowedHost> slowed;
    for (const HostPace &pace : m_hosts) {
        if (!pace.name.isEmpty())
            slowed.append({pace.name, 1000.0 / pace.intervalMs});
    }
    return slowed;
}

} // namespace salvo
