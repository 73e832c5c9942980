#include "CurlMulti.h"

#include <QSocketNotifier>

#include <mutex>

#include "CurlTransfer.h"

namespace salvo {
namespace {

constexpr int keptConnections = 1024;

void initialiseLibcurlOnce()
{
    // curl_global_init is thread-safe in the libcurl Debian 12 ships (7.88), and must come
    // before the first handle anyway.
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

} // namespace

CurlMulti::CurlMulti(QObject *parent)
    : QObject(parent)
    , m_timer(this)
{
    initialiseLibcurlOnce();
    m_multi = curl_multi_init();
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETFUNCTION, &CurlMulti::onSocket);
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERFUNCTION, &CurlMulti::onTimer);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERDATA, this);
    // Idle connections kept for the next request. libcurl's default follows the number of
    // transfers attached at the moment, which dips between one transfer and the next, and
    // would close kept-alive connections the run is about to use again.
    curl_multi_setopt(m_multi, CURLMOPT_MAXCONNECTS, long(keptConnections));
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { socketAction(CURL_SOCKET_TIMEOUT, 0); });
}

CurlMulti::~CurlMulti()
{
    // Transfers still in flight belong to coroutines that their owner ends before this; a
    // multi handle is cleaned up only once no easy handle is attached.
    curl_multi_cleanup(m_multi);
}

void CurlMulti::Perform::await_suspend(std::coroutine_handle<> waiter)
{
    multi->start(*transfer, waiter);
}

void CurlMulti::start(CurlTransfer &transfer, std::coroutine_handle<> waiter)
{
    transfer.m_waiter = waiter;
    ++m_inFlight;
    const CURLMcode added = curl_multi_add_handle(m_multi, transfer.easy());
    if (added != CURLM_OK) {
        // Resumed from the event loop, never inside the co_await that started it.
        QMetaObject::invokeMethod(
                this, [this, &transfer] { finish(transfer, CURLE_FAILED_INIT); },
                Qt::QueuedConnection);
    }
}

void CurlMulti::abort(CurlTransfer &transfer)
{
    if (!transfer.m_waiter)
        return;
    curl_multi_remove_handle(m_multi, transfer.easy());
    finish(transfer, CURLE_ABORTED_BY_CALLBACK);
}

void CurlMulti::finish(CurlTransfer &transfer, CURLcode code)
{
    const std::coroutine_handle<> waiter = std::exchange(transfer.m_waiter, nullptr);
    if (!waiter)
        return;
    --m_inFlight;
    transfer.ended(code);
    waiter.resume();
}

int CurlMulti::onSocket(CURL *, curl_socket_t socket, int what, void *self, void *)
{
    static_cast<CurlMulti *>(self)->watch(socket, what);
    return 0;
}

int CurlMulti::onTimer(CURLM *, long timeoutMs, void *self)
{
    auto *multi = static_cast<CurlMulti *>(self);
    if (timeoutMs < 0)
        multi->m_timer.stop();
    else
        multi->m_timer.start(int(std::min<long>(timeoutMs, std::numeric_limits<int>::max())));
    return 0;
}

void CurlMulti::watch(curl_socket_t socket, int what)
{
    auto it = m_watches.find(socket);
    if (it == m_watches.end()) {
        if (what == CURL_POLL_REMOVE)
            return;
        Watch watch;
        watch.read = new QSocketNotifier(qintptr(socket), QSocketNotifier::Read, this);
        watch.write = new QSocketNotifier(qintptr(socket), QSocketNotifier::Write, this);
        connect(watch.read, &QSocketNotifier::activated, this,
                [this, socket] { socketAction(socket, CURL_CSELECT_IN); });
        connect(watch.write, &QSocketNotifier::activated, this,
                [this, socket] { socketAction(socket, CURL_CSELECT_OUT); });
        it = m_watches.insert(socket, watch);
    }
    const bool remove = what == CURL_POLL_REMOVE;
    it->read->setEnabled(!remove && (what & CURL_POLL_IN));
    it->write->setEnabled(!remove && (what & CURL_POLL_OUT));
}

void CurlMulti::socketAction(curl_socket_t socket, int events)
{
    int running = 0;
    curl_multi_socket_action(m_multi, socket, events, &running);
    resumeFinished();
}

void CurlMulti::resumeFinished()
{
    // A resumed transfer's coroutine may start the next one, whose work may end others:
    // the outer call collects those too.
    if (m_resuming)
        return;
    m_resuming = true;
    int left = 0;
    while (CURLMsg *message = curl_multi_info_read(m_multi, &left)) {
        if (message->msg != CURLMSG_DONE)
            continue;
        CURL *easy = message->easy_handle;
        const CURLcode code = message->data.result;
        CurlTransfer *transfer = nullptr;
        curl_easy_getinfo(easy, CURLINFO_PRIVATE, &transfer);
        curl_multi_remove_handle(m_multi, easy);
        if (transfer)
            finish(*transfer, code);
    }
    m_resuming = false;
}

} // namespace salvo
