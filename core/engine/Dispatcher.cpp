#include "Dispatcher.h"

#include <algorithm>

#include "Origin.h"

namespace salvo {

Dispatcher::Dispatcher(std::shared_ptr<const BatchSpec> spec, int perHostLimit)
    : m_spec(std::move(spec))
    , m_perHostLimit(std::max(perHostLimit, 1))
{ }

void Dispatcher::markReadyLocked(int host)
{
    Host &h = m_hosts[size_t(host)];
    if (!h.queuedReady && !h.pending.empty() && h.inFlight < m_perHostLimit) {
        h.queuedReady = true;
        m_readyHosts.push_back(host);
    }
}

int Dispatcher::hostIdLocked(const QString &hostKey)
{
    auto it = m_hostIds.find(hostKey);
    if (it == m_hostIds.end()) {
        it = m_hostIds.insert(hostKey, int(m_hosts.size()));
        m_hosts.emplace_back();
    }
    return *it;
}

std::optional<DispatchedRow> Dispatcher::takeReadyLocked()
{
    while (!m_readyHosts.empty()) {
        const int host = m_readyHosts.front();
        m_readyHosts.pop_front();
        Host &h = m_hosts[size_t(host)];
        h.queuedReady = false;
        if (h.pending.empty() || h.inFlight >= m_perHostLimit)
            continue;
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
    const int host = hostIdLocked(originKey(request.url));
    m_hosts[size_t(host)].pending.push_back({row, host, std::move(request)});
    ++m_readAhead;
    markReadyLocked(host);
    return std::nullopt;
}

std::optional<DispatchedRow> Dispatcher::take()
{
    const std::lock_guard lock(m_mutex);
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

void Dispatcher::release(int host)
{
    if (host == DispatchedRow::noHost)
        return;
    const std::lock_guard lock(m_mutex);
    --m_hosts[size_t(host)].inFlight;
    --m_inFlight;
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

int Dispatcher::inFlight() const
{
    const std::lock_guard lock(m_mutex);
    return m_inFlight;
}

} // namespace salvo
