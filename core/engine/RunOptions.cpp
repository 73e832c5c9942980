#include "RunOptions.h"

#include <QThread>

#include <algorithm>

namespace salvo {

RunOptions RunOptions::normalized() const
{
    RunOptions options = *this;
    options.concurrency = std::clamp(concurrency, 1, maxConcurrency);
    options.perHostConcurrency = std::clamp(perHostConcurrency, 1, maxPerHostConcurrency);
    if (options.engineThreads <= 0)
        options.engineThreads = std::clamp(QThread::idealThreadCount(), 1, 4);
    // A thread with no slot would sit idle.
    options.engineThreads = std::clamp(options.engineThreads, 1, options.concurrency);
    options.deadline = std::max(deadline, Milliseconds(1));
    options.inactivity = std::max(inactivity, Milliseconds(1));
    options.retries = std::clamp(retries, 0, 100);
    options.maxRedirects = std::clamp(maxRedirects, 0, 100);
    options.maxBodyBytes = std::max<qint64>(maxBodyBytes, 0);
    return options;
}

} // namespace salvo
