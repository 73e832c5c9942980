#include "EngineWorker.h"

#include <algorithm>
#include <limits>

#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "Dispatcher.h"

namespace salvo {
namespace {

// Enough below the caller's thread that the scheduler serves it first when both want CPU.
constexpr int engineNiceness = 10;

// Results reach the run at most this long after they finish; the run coalesces further.
constexpr Milliseconds flushInterval{50};

// Rows started in one turn of the event loop. Rows that never reach the network finish as
// they start, so a long run of them would otherwise keep the thread from its timers.
constexpr int startsPerTurn = 512;

// How often timeouts are checked: fine enough for the shortest timeout, cheap for long ones.
Milliseconds sweepInterval(const RunOptions &options)
{
    const Milliseconds shortest = std::min(options.deadline, options.inactivity);
    return std::clamp(shortest / 20, Milliseconds(5), Milliseconds(100));
}

} // namespace

EngineWorker::EngineWorker(std::shared_ptr<const BatchSpec> spec,
                           std::shared_ptr<Dispatcher> dispatcher, const RunOptions &options,
                           int slotCount, std::shared_ptr<CookieJar> cookies)
    : m_dispatcher(std::move(dispatcher))
    , m_fetcher(this, std::move(spec), options, std::move(cookies))
    , m_timeoutSweep(this)
    , m_flushTimer(this)
    , m_paceTimer(this)
    , m_slots(slotCount)
    , m_yieldToCaller(options.yieldToCaller)
    , m_slowsDownHosts(options.retries == 0)
{
    m_paceTimer.setSingleShot(true);
    m_paceTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_paceTimer, &QTimer::timeout, this, &EngineWorker::pullWork);
    m_timeoutSweep.setInterval(sweepInterval(options));
    m_flushTimer.setInterval(flushInterval);
    connect(&m_timeoutSweep, &QTimer::timeout, this, [this] {
        m_fetcher.abortExpired();
        // A slot of this worker may have sat empty while another worker's rows held every
        // host at its limit; room freed there is noticed here on the next tick.
        pullWork();
    });
    connect(&m_flushTimer, &QTimer::timeout, this, &EngineWorker::flushResults);
}

EngineWorker::~EngineWorker()
{
    // Resumes every suspended coroutine so none is left waiting on a deleted reply.
    m_cancelled = true;
    m_fetcher.cancelAll();
}

void EngineWorker::start()
{
    if (m_yieldToCaller) {
        // SCHED_IDLE: this thread, which does all of its requests' network work, runs only
        // on CPU time nothing else wants, so a saturated machine still serves the window's
        // thread at once. Where that is
        // refused, a lower priority does most of it.
        sched_param idle{};
        if (pthread_setschedparam(pthread_self(), SCHED_IDLE, &idle) != 0)
            setpriority(PRIO_PROCESS, pid_t(syscall(SYS_gettid)), engineNiceness);
    }
    m_timeoutSweep.start();
    m_flushTimer.start();
    pullWork();
}

void EngineWorker::pullWork()
{
    // A row can finish inside this loop (an abort resumes its coroutine at once), and its
    // completion pulls again: the outer loop picks that up instead.
    if (m_pulling)
        return;
    m_pulling = true;
    int started = 0;
    while (!m_cancelled && m_active < m_slots) {
        if (started++ == startsPerTurn) {
            QMetaObject::invokeMethod(this, &EngineWorker::pullWork, Qt::QueuedConnection);
            break;
        }
        std::optional<DispatchedRow> row = m_dispatcher->take();
        if (!row) {
            if (const qint64 wait = m_dispatcher->pacedWaitMs(); wait >= 0)
                m_paceTimer.start(int(std::min<qint64>(wait, std::numeric_limits<int>::max())));
            break;
        }
        ++m_active;
        runRow(std::move(*row));
    }
    m_pulling = false;
}

QCoro::Task<> EngineWorker::runRow(DispatchedRow row)
{
    const int host = row.host;
    Result result = co_await m_fetcher.fetch(row.row, std::move(row.request));
    const bool tooMany = result.status == 429 || result.status == 503;
    m_dispatcher->release(host,
                          tooMany && m_slowsDownHosts ? Dispatcher::HostAnswer::TooMany
                                                      : Dispatcher::HostAnswer::Usual);
    --m_active;
    m_finished.append(std::move(result));
    pullWork();
}

void EngineWorker::cancel()
{
    m_cancelled = true;
    m_fetcher.cancelAll();
    flushResults();
}

void EngineWorker::flushResults()
{
    if (m_finished.isEmpty())
        return;
    emit resultsProduced(std::exchange(m_finished, {}));
}

} // namespace salvo
