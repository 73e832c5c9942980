#pragma once

#include <QList>
#include <QString>

#include <deque>
#include <mutex>
#include <optional>
#include <vector>

namespace salvo {

// Hands out rows to engine workers when they have a free slot, never more than the
// per-host limit to one scheme://host:port at a time across all workers. Rows of one host
// keep their input order; hosts take turns. Thread-safe: every worker calls it.
class Dispatcher final
{
public:
    // hostKeys[i] is the host of runnable row rows[i]; both lists have the same length.
    Dispatcher(const QList<int> &rows, const QStringList &hostKeys, int perHostLimit);

    // The next row whose host has room, or nothing when none has (or paused, or stopped).
    std::optional<int> take();

    // A row taken earlier is done; its host has room again.
    void release(int row);

    void setPaused(bool paused);

    // Stops handing out rows and returns every row not yet taken.
    QList<int> stop();

    int inFlight() const;

private:
    struct Host
    {
        std::deque<int> pending;
        int inFlight = 0;
        bool queuedReady = false;
    };

    void markReadyLocked(int host);

    mutable std::mutex m_mutex;
    std::vector<Host> m_hosts;
    std::vector<int> m_hostOfRow; // indexed by row; -1 for rows this dispatcher never had
    std::deque<int> m_readyHosts; // hosts with pending rows and room, in turn order
    int m_perHostLimit;
    int m_inFlight = 0;
    bool m_paused = false;
    bool m_stopped = false;
};

} // namespace salvo
