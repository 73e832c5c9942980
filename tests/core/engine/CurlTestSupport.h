#pragma once

#include <QCoroTask>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include "engine/CurlMulti.h"
#include "engine/CurlTransfer.h"

namespace salvo::test {

inline QCoro::Task<> performed(CurlMulti &multi, CurlTransfer &transfer)
{
    co_await multi.perform(transfer);
}

// Runs the transfer to its end, or for at most timeoutMs; false when it had not ended then.
inline bool performWithin(CurlMulti &multi, CurlTransfer &transfer, int timeoutMs = 10000)
{
    bool ended = false;
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    QCoro::connect(performed(multi, transfer), &loop, [&] {
        ended = true;
        loop.quit();
    });
    if (!ended)
        loop.exec();
    if (!ended)
        multi.abort(transfer); // no coroutine outlives the test
    return ended;
}

inline CurlTransfer::Request getOf(const QUrl &url, qint64 keepBodyBytes = 1 << 20)
{
    return {.url = url.toEncoded(), .method = "GET", .keepBodyBytes = keepBodyBytes};
}

} // namespace salvo::test
