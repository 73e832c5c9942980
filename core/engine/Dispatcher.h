#pragma once

#include <QHash>
#include <QString>

#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "Pacer.h"
#include "batch/BatchSpec.h"

#include <QElapsedTimer>

namespace salvo {

// One row handed to a worker: its number in the batch, the request read from it, and the
// host it counts against (noHost for a row that never reaches the network).
struct DispatchedRow
{
    static constexpr int noHost = -1;
    int row = 0;
    int host = noHost;
    RequestSpec request;
};

// Hands out rows to engine workers when they have a free slot, never more than the
// per-host limit to one scheme://host:port at a time across all workers. Rows are read from
// the batch only as they are needed: a row is made into a request when a slot could take
// it, and at most readAheadLimit rows wait read while their hosts are full. Rows of one host
// keep their input order; hosts with rows read take turns. Thread-safe: every worker calls
// it.
class Dispatcher final
{
public:
    // Rows read but held back because their host is at its limit: the look-ahead that lets a
    // second host's rows start while a first host's fill its slots.
    static constexpr int readAheadLimit = 4096;

    // `perSecond`, `perHostPerSecond`: the most requests started a second; 0 for no limit.
    Dispatcher(std::shared_ptr<const BatchSpec> spec, int perHostLimit, double perSecond = 0,
               double perHostPerSecond = 0);

    // The next row to run, or nothing when none can start now (every host read is full or
    // must wait its turn under the rate limit, or paused, or stopped, or the batch is all
    // handed out).
    std::optional<DispatchedRow> take();
    // After take() found nothing: the milliseconds until a row waiting under the rate limit
    // may start, or -1 when none waits for that.
    qint64 pacedWaitMs() const;

    // What a row's host answered, as far as pacing goes.
    enum class HostAnswer { Usual, TooMany };
    // A row taken earlier is done; its host has room again. TooMany (it answered 429 or
    // 503, and the run does not retry): its host is slowed down.
    void release(int host, HostAnswer answer = HostAnswer::Usual);
    // The hosts slowed down so far.
    QList<SlowedHost> slowedHosts() const;

    void setPaused(bool paused);

    // Stops handing out rows and returns every row not yet taken, read or not, in order.
    QList<int> stop();

    int inFlight() const;

private:
    struct Host
    {
        std::deque<DispatchedRow> pending;
        int inFlight = 0;
        bool queuedReady = false;
        QString name; // as a person knows it: the host of its first row
    };

    void markReadyLocked(int host);
    std::optional<DispatchedRow> takeReadyLocked();
    // Reads the next row of the batch: a row that never reaches the network comes back at
    // once; any other waits in its host's queue.
    std::optional<DispatchedRow> readNextLocked();
    int hostIdLocked(const QString &hostKey, const QString &name);

    std::shared_ptr<const BatchSpec> m_spec;
    mutable std::mutex m_mutex;
    std::vector<Host> m_hosts;
    QHash<QString, int> m_hostIds;
    std::deque<int> m_readyHosts; // hosts with pending rows and room, in turn order
    qsizetype m_nextRow = 0; // the first row not read yet
    int m_readAhead = 0; // rows read and waiting in hosts' queues
    int m_perHostLimit;
    int m_inFlight = 0;
    bool m_paused = false;
    bool m_stopped = false;
    Pacer m_pacer;
    QElapsedTimer m_clock;
    qint64 m_pacedUntil = -1; // when the row the last take() held back may start; -1: none
};

} // namespace salvo
