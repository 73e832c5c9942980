#include "Dispatcher.h"

#include <QHash>

#include <algorithm>

namespace salvo {

Dispatcher::Dispatcher(const QList<int> &rows, const QStringList &hostKeys, int perHostLimit)
    : m_perHostLimit(std::max(perHostLimit, 1))
{
    Q_ASSERT(rows.size() == hostKeys.size());
    const size_t rowSpan = rows.isEmpty()
            ? 0
            : static_cast<size_t>(*std::max_element(rows.cbegin(), rows.cend())) + 1;
    m_hostOfRow.assign(rowSpan, -1);

    QHash<QString, int> hostIds;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        auto it = hostIds.find(hostKeys.at(i));
        if (it == hostIds.end()) {
            it = hostIds.insert(hostKeys.at(i), int(m_hosts.size()));
            m_hosts.emplace_back();
        }
        m_hosts[size_t(*it)].pending.push_back(rows.at(i));
        m_hostOfRow[size_t(rows.at(i))] = *it;
    }
    for (int host = 0; host < int(m_hosts.size()); ++host)
        markReadyLocked(host);
}

void Dispatcher::markReadyLocked(int host)
{
    Host &h = m_hosts[size_t(host)];
    if (!h.queuedReady && !h.pending.empty() && h.inFlight < m_perHostLimit) {
        h.queuedReady = true;
        m_readyHosts.push_back(host);
    }
}

std::optional<int> Dispatcher::take()
{
    const std::lock_guard lock(m_mutex);
    if (m_paused || m_stopped)
        return std::nullopt;
    while (!m_readyHosts.empty()) {
        const int host = m_readyHosts.front();
        m_readyHosts.pop_front();
        Host &h = m_hosts[size_t(host)];
        h.queuedReady = false;
        if (h.pending.empty() || h.inFlight >= m_perHostLimit)
            continue;
        const int row = h.pending.front();
        h.pending.pop_front();
        ++h.inFlight;
        ++m_inFlight;
        markReadyLocked(host);
        return row;
    }
    return std::nullopt;
}

void Dispatcher::release(int row)
{
    const std::lock_guard lock(m_mutex);
    const int host = m_hostOfRow.at(size_t(row));
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
    for (Host &h : m_hosts) {
        remaining.append(QList<int>(h.pending.cbegin(), h.pending.cend()));
        h.pending.clear();
    }
    m_readyHosts.clear();
    std::sort(remaining.begin(), remaining.end());
    return remaining;
}

int Dispatcher::inFlight() const
{
    const std::lock_guard lock(m_mutex);
    return m_inFlight;
}

} // namespace salvo
