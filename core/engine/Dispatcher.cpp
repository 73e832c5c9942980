#include "Dispatcher.h"

#include <algorithm>

#include "Origin.h"

namespace salvo {

Dispatcher::Dispatcher(std::shared_ptr<const BatchSpec> spec, int perHostLimit, double perSecond,
                       double perHostPerSecond)
    : m_spec(std::move(spec))
    , m_perHostLimit(std::max(perHostLimit, 1))
    , m_pacer(perSecond, perHostPerSecond)
{
    m_clock.start();
}

void Dispatcher::markReadyLocked(int host)
{
    Host &h = m_hosts[size_t(host)];
    if (!h.queuedReady && !h.pending.empty() && h.inFlight < m_perHostLimit) {
        h.queuedReady = true;
        m_readyHosts.push_back(host);
    }
}

int Dispatcher::hostIdLocked(const QString &hostKey, const QString &name)
{
    auto it = m_hostIds.find(hostKey);
    if (it == m_hostIds.end()) {
        it = m_hostIds.insert(hostKey, int(m_hosts.size()));
        m_hosts.emplace_back().name = name;
    }
    return *it;
}

std::optional<DispatchedRow> Dispatcher::takeReadyLocked()
{
    if (m_readyHosts.empty())
        return std::nullopt;
    const qint64 now = m_clock.elapsed();
    if (!m_pacer.overallMayStart(now)) {
        m_pacedUntil = m_pacer.overallDueAt();
        return std::nullopt;
    }
    // Each host ready now gets one look: one that must wait its turn goes to the back.
    for (size_t looks = m_readyHosts.size(); looks > 0 && !m_readyHosts.empty(); --looks) {
        const int host = m_readyHosts.front();
        m_readyHosts.pop_front();
        Host &h = m_hosts[size_t(host)];
        h.queuedReady = false;
        if (h.pending.empty() || h.inFlight >= m_perHostLimit)
            continue;
        if (!m_pacer.hostMayStart(host, now)) {
            const qint64 due = m_pacer.hostDueAt(host);
            m_pacedUntil = m_pacedUntil < 0 ? due : std::min(m_pacedUntil, due);
            h.queuedReady = true;
            m_readyHosts.push_back(host);
            continue;
        }
        m_pacer.started(host, now);
        DispatchedRow row = std::move(h.pending.front());
        h.pending.pop_front();
        --m_readAhead;
        ++h.inFlight;
        ++m_inFlight;
        markReadyLocked(host);
        return row;
    }
    return std::nullopt;
}

std::optional<DispatchedRow> Dispatcher::readNextLocked()
{
    const int row = int(m_nextRow++);
    RequestSpec request = m_spec->rows.at(row);
    if (!request.isRunnable())
        return DispatchedRow{row, DispatchedRow::noHost, std::move(request)};
    const int host = hostIdLocked(originKey(request.url), request.url.host());
    m_hosts[size_t(host)].pending.push_back({row, host, std::move(request)});
    ++m_readAhead;
    markReadyLocked(host);
    return std::nullopt;
}

std::optional<DispatchedRow> Dispatcher::take()
{
    const std::lock_guard lock(m_mutex);
    m_pacedUntil = -1;
    if (m_paused || m_stopped)
        return std::nullopt;
    for (;;) {
        if (std::optional<DispatchedRow> ready = takeReadyLocked())
            return ready;
        if (m_nextRow >= m_spec->rows.size() || m_readAhead >= readAheadLimit)
            return std::nullopt;
        if (std::optional<DispatchedRow> offline = readNextLocked())
            return offline;
    }
}

qint64 Dispatcher::pacedWaitMs() const
{
    const std::lock_guard lock(m_mutex);
    return m_pacedUntil < 0 ? -1 : std::max<qint64>(m_pacedUntil - m_clock.elapsed(), 0);
}

void Dispatcher::release(int host, HostAnswer answer)
{
    if (host == DispatchedRow::noHost)
        return;
    const std::lock_guard lock(m_mutex);
    --m_hosts[size_t(host)].inFlight;
    --m_inFlight;
    if (answer == HostAnswer::TooMany)
        m_pacer.slowDown(host, m_hosts[size_t(host)].name, m_clock.elapsed());
    if (!m_stopped)
        markReadyLocked(host);
}

void Dispatcher::setPaused(bool paused)
{
    const std::lock_guard lock(m_mutex);
    m_paused = paused;
}

QList<int> Dispatcher::stop()
{
    const std::lock_guard lock(m_mutex);
    m_stopped = true;
    QList<int> remaining;
    remaining.reserve(m_readAhead + (m_spec->rows.size() - m_nextRow));
    for (Host &h : m_hosts) {
        for (const DispatchedRow &row : h.pending)
            remaining.append(row.row);
        h.pending.clear();
    }
    m_readAhead = 0;
    m_readyHosts.clear();
    std::sort(remaining.begin(), remaining.end());
    for (; m_nextRow < m_spec->rows.size(); ++m_nextRow)
        remaining.append(int(m_nextRow));
    return remaining;
}

QList<SlowedHost> Dispatcher::slowedHosts() const
{
    const std::lock_guard lock(m_mutex);
    return m_pacer.slowedHosts();
}

int Dispatcher::inFlight() const
{
    const std::lock_guard lock(m_mutex);
    return m_inFlight;
}

} // namespace salvo
