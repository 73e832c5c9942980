#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QFuture>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QPromise>
#include <QString>

#include <chrono>
#include <coroutine>
#include <deque>
#include <memory>
#include <vector>

#include "JqOutcome.h"
#include "JqWire.h"

class QProcess;
class QThread;
class QTimer;

namespace salvo {

// The one jq of the process: a salvo-jq process fed from a thread of its own, since jq 1.6
// is not safe from several threads at once. Any thread submits and awaits the future.
// Requests (one body, one or more programs) run one after another, in the order submitted,
// several in the pipe at once. One that runs past the time limit, or makes jq grow past the
// memory limit, is stopped (jq is restarted for the others) and each of its programs ends as
// Stopped; the run goes on. A coroutine awaits answers() without a future: it is resumed on
// its own thread, with the others whose answers came in the same read, by one posted event.
class JqService final : public QObject
{
    Q_OBJECT

    struct Waiter
    {
        QList<JqOutcome> outcomes;
        std::coroutine_handle<> coroutine;
        QObject *resumer = nullptr; // lives in the awaiting coroutine's thread
    };

public:
    // What `co_await JqService::instance().answers(request)` awaits: one outcome per program.
    class Answers
    {
    public:
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<> coroutine);
        QList<JqOutcome> await_resume() { return std::move(m_waiter.outcomes); }

    private:
        friend class JqService;
        Answers(JqService &service, jqwire::Request request)
            : m_service(service)
            , m_request(std::move(request))
        { }

        JqService &m_service;
        jqwire::Request m_request;
        Waiter m_waiter; // in the coroutine's frame until it is resumed
    };

    // Of jq's computing time; the clock's limit is only a backstop (a machine swapping).
    static constexpr std::chrono::milliseconds timeLimit{2000};
    static constexpr std::chrono::milliseconds wallTimeLimit{20'000};
    static constexpr qint64 memoryLimitBytes = qint64(512) << 20;

    // The process-wide service, started at first use and ended with the application.
    static JqService &instance();

    // Every program of the request on its input: one outcome per program, in order.
    QFuture<QList<JqOutcome>> submit(jqwire::Request request);
    QFuture<JqOutcome> submit(jqwire::Op op, QByteArray program, QByteArray input = {});
    // The same, for a coroutine (from any thread with an event loop); cheaper than a future.
    Answers answers(jqwire::Request request) { return Answers(*this, std::move(request)); }

    // Where salvo-jq is looked for: $SALVO_JQ_WORKER, next to the program, in ../bin and in
    // Salvo's libexec folder.
    static QString workerPath();

private:
    struct Pending
    {
        jqwire::Request request;
        std::shared_ptr<QPromise<QList<JqOutcome>>> promise; // or
        Waiter *waiter = nullptr;
    };

    JqService();
    ~JqService() override;

    void post(Pending pending); // from any thread
    void takeInbox();
    void finish(Pending &pending, QList<JqOutcome> outcomes);
    void resumeFinished();
    void ensureProcess();
    void sendMore();
    void readAnswers();
    void startHeadClock();
    void checkHead();
    void stopHead(const QString &why);
    void processEnded();
    void failAll(const QString &why);

    QThread *m_thread = nullptr;
    QProcess *m_process = nullptr;
    QTimer *m_watchdog = nullptr;
    std::deque<Pending> m_waiting; // not yet written
    std::deque<Pending> m_sent; // written, answers to come in this order
    qint64 m_bytesInPipe = 0;
    QByteArray m_buffer;
    QElapsedTimer m_headSince; // since the first of m_sent became jq's work
    qint64 m_headComputingMs = 0; // jq's computing time then
    bool m_stopping = false; // the process is being killed on purpose
    bool m_closing = false; // the application is ending: nobody is resumed any more

    QMutex m_inboxLock;
    std::vector<Pending> m_inbox; // posted, not yet taken by the service's thread
    // Coroutines whose answers came, by the object of their thread that resumes them.
    QHash<QObject *, std::vector<std::coroutine_handle<>>> m_toResume;
};

} // namespace salvo
