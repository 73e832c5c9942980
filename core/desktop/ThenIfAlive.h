#pragma once

#include <QCoreApplication>
#include <QFuture>
#include <QPointer>

#include <utility>

namespace salvo {

// Hands a worker's result to `handle` on the GUI thread, unless `receiver` was destroyed first
// (a window closed while its read was under way): then the result is dropped. Not
// future.then(receiver, ...): Qt 6.4 asserts there that the receiver still exists, which aborts
// a debug or sanitizer build whenever a window closes before its task ends.
template<typename T, typename Receiver, typename Handler>
void thenIfAlive(QFuture<T> future, Receiver *receiver, Handler handle)
{
    future.then(
            QCoreApplication::instance(),
            [guard = QPointer<Receiver>(receiver), handle = std::move(handle)](T value) mutable {
                if (guard)
                    handle(std::move(value));
            });
}

} // namespace salvo
