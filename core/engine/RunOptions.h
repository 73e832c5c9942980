#pragma once

// core/engine owns running a batch: BatchRun (the public face), the Dispatcher that hands
// rows to free slots, EngineWorker threads each with a CurlMulti (libcurl), and Fetcher, one
// row's request on the wire with its attempts, timers and body cap.

#include <QtGlobal>

class QJsonObject;

#include <chrono>

namespace salvo {

using Milliseconds = std::chrono::milliseconds;

struct RunOptions
{
    int concurrency = 64; // requests in flight at once, all hosts together
    int perHostConcurrency = 6; // requests in flight to one scheme://host:port
    int engineThreads = 0; // 0: one per core, at most maxAutomaticEngineThreads

    Milliseconds deadline{30'000}; // one attempt, redirects included
    Milliseconds inactivity{10'000}; // longest silence while waiting or receiving

    int retries = 0; // extra attempts after a connection error, timeout, 429 or 503
    Milliseconds retryBaseDelay{500};
    Milliseconds retryMaxDelay{30'000}; // also caps what Retry-After can ask for

    bool followRedirects = true;
    int maxRedirects = 10;

    qint64 maxBodyBytes = qint64(1) << 20; // kept per response; the rest is only counted
    bool keepBodies = true;
    bool keepHeaders = true;
    bool verifyTls = true;
    // Cookies a server sets are sent back on the run's later requests (a jar in memory that
    // ends with the run); off: every request goes without cookies, as before.
    bool keepCookies = false;

    // Requests started per second at most, all hosts together and to any one host; 0: no
    // limit. A host that answers 429 or 503 while retries are off is slowed down by itself.
    double ratePerSecond = 0;
    double ratePerHostPerSecond = 0;

    // Engine threads take only CPU time nothing else wants, so a window stays smooth on a
    // saturated machine (the dashboard sets it; a headless run wants all the CPU).
    bool yieldToCaller = false;

    static constexpr int maxPerHostConcurrency = 256;
    static constexpr double maxRatePerSecond = 100'000;
    static constexpr int maxConcurrency = 4096;
    // Threads a run gets when engineThreads leaves it to the machine: more rarely helps.
    static constexpr int maxAutomaticEngineThreads = 4;

    // Clamps every value into the range the engine supports.
    RunOptions normalized() const;
};

// Every field by name, as saved batches and the history keep them; a field missing from the
// JSON (an older Salvo wrote it) keeps its default, an unknown one (a newer Salvo) is ignored.
QJsonObject runOptionsToJson(const RunOptions &options);
RunOptions runOptionsFromJson(const QJsonObject &json);

} // namespace salvo
