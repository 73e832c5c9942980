#pragma once

#include <QHash>
#include <QObject>
#include <QTimer>

#include <coroutine>

#include <curl/curl.h>

class QSocketNotifier;

namespace salvo {

class CurlTransfer;

// One libcurl multi handle, driven by the event loop of the thread that owns it: libcurl
// says which sockets to watch and when its next timeout is (CURLMOPT_SOCKETFUNCTION and
// CURLMOPT_TIMERFUNCTION), and QSocketNotifier and QTimer call it back. Connections, TLS
// sessions and DNS answers are shared by every transfer of one multi; an HTTP/2 host's
// transfers share its connection.
//
// A transfer is awaited: `co_await multi.perform(transfer)` resumes when it ends, from the
// event loop (never inside a libcurl callback), or at once inside abort().
class CurlMulti final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CurlMulti)

public:
    explicit CurlMulti(QObject *parent = nullptr);
    ~CurlMulti() override;

    struct Perform
    {
        CurlMulti *multi;
        CurlTransfer *transfer;
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<> waiter);
        void await_resume() const noexcept { }
    };
    Perform perform(CurlTransfer &transfer) { return {this, &transfer}; }

    // Ends a transfer in flight: it resumes at once with CURLE_ABORTED_BY_CALLBACK. Call it
    // from the event loop, not from inside a transfer's callbacks.
    void abort(CurlTransfer &transfer);

    // Transfers started and not yet ended.
    int inFlight() const { return m_inFlight; }

private:
    static int onSocket(CURL *easy, curl_socket_t socket, int what, void *self, void *);
    static int onTimer(CURLM *multi, long timeoutMs, void *self);
    void start(CurlTransfer &transfer, std::coroutine_handle<> waiter);
    void socketAction(curl_socket_t socket, int events);
    void watch(curl_socket_t socket, int what);
    // Resumes every transfer libcurl has finished.
    void resumeFinished();
    void finish(CurlTransfer &transfer, CURLcode code);

    struct Watch
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
    };

    CURLM *m_multi;
    QTimer m_timer;
    // Kept by socket number and reused: libcurl may close a socket and open another with the
    // same number inside one call, and a notifier must never outlive its handler's call.
    QHash<curl_socket_t, Watch> m_watches;
    int m_inFlight = 0;
    bool m_resuming = false;
};

} // namespace salvo
