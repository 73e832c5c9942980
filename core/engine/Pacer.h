#pragma once

#include <QList>
#include <QString>

#include <vector>

namespace salvo {

// A host the run slowed down because it answered 429 or 503, and how far.
struct SlowedHost
{
    QString host;
    double ratePerSecond = 0;

    friend bool operator==(const SlowedHost &, const SlowedHost &) = default;
};

// When requests may start: at most so many a second over all hosts, and to each host, and a
// host that answered 429 (too many requests) or 503 (unavailable) slower from then on. Times
// are a steady clock's milliseconds. Not thread-safe: the Dispatcher calls it under its lock.
class Pacer final
{
public:
    Pacer(double perSecond, double perHostPerSecond);

    // Whether a request to `host` (the Dispatcher's number for it) may start at `now`.
    bool overallMayStart(qint64 now) const;
    bool hostMayStart(int host, qint64 now) const;
    // A request to `host` started at `now`.
    void started(int host, qint64 now);
    // When the next start overall or to `host` may be; `now` or before when it may already.
    qint64 overallDueAt() const { return m_overallNext; }
    qint64 hostDueAt(int host) const;

    // `host` answered 429 or 503: its requests start at most half as often from now on (at
    // most once per interval, so that a burst of such answers counts once).
    void slowDown(int host, const QString &hostName, qint64 now);
    QList<SlowedHost> slowedHosts() const;

    // The slowest a host is slowed to: one request each so many milliseconds.
    static constexpr qint64 slowestIntervalMs = 10'000;
    // A host first slowed down gets at most this many requests a second.
    static constexpr double firstSlowdownPerSecond = 4;

private:
    struct HostPace
    {
        double intervalMs = 0;
        qint64 next = 0;
        qint64 lastSlowdown = -1;
        QString name; // set once slowed down
    };
    HostPace &paceOf(int host);

    double m_overallIntervalMs;
    double m_hostIntervalMs;
    qint64 m_overallNext = 0;
    std::vector<HostPace> m_hosts;
};

} // namespace salvo
