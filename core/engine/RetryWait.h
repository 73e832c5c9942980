#pragma once

#include <QTimer>

#include <coroutine>
#include <utility>

#include "RunOptions.h"

namespace salvo {

// The pause before a retry, as an awaitable. It ends when its timer fires or when end() is
// called, whichever comes first. end() resumes the waiting coroutine at once, inside the
// call, so a stop takes effect even where no event loop will turn again (a worker being
// destroyed): no coroutine is left suspended.
class RetryWait final
{
public:
    explicit RetryWait(Milliseconds delay)
    {
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer); // never sooner than a Retry-After asked
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { end(); });
        m_timer.start(delay);
    }
    Q_DISABLE_COPY_MOVE(RetryWait)

    void end()
    {
        m_timer.stop();
        m_ended = true;
        if (std::coroutine_handle<> waiter = std::exchange(m_waiter, {}))
            waiter.resume(); // may destroy this object: nothing after it
    }

    // `co_await wait.ended();`
    struct Awaiter
    {
        RetryWait *wait;
        bool await_ready() const noexcept { return wait->m_ended; }
        void await_suspend(std::coroutine_handle<> waiter) noexcept { wait->m_waiter = waiter; }
        void await_resume() const noexcept { }
    };
    Awaiter ended() { return Awaiter{this}; }

private:
    QTimer m_timer;
    std::coroutine_handle<> m_waiter;
    bool m_ended = false;
};

} // namespace salvo
