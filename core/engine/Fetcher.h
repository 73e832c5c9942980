#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QUrl>

#include <qcoro/qcorotask.h>

#include <memory>

#include "CurlMulti.h"
#include "inspect/AnswerInspector.h"
#include "RunOptions.h"
#include "batch/BatchSpec.h"
#include "result/Result.h"

namespace salvo {

class RetryWait;
struct ErrorContext;

// Performs the request of one row from start to Result: attempts with backoff, redirects
// followed by hand and recorded, the deadline and inactivity timers and the body cap. Lives
// in one engine thread and sends through that thread's CurlMulti, whose connections its rows
// share; errors come back as values in the Result, never as exceptions.
class Fetcher final
{
public:
    Fetcher(QObject *context, std::shared_ptr<const BatchSpec> spec, const RunOptions &options);
    ~Fetcher();
    Q_DISABLE_COPY_MOVE(Fetcher)

    // Row `rowIndex` of the batch, made into `row`: a row that cannot be requested ends at
    // once with its input error, without touching the network.
    QCoro::Task<Result> fetch(int rowIndex, RequestSpec row);

    // Aborts every exchange and cuts every retry wait short; their rows end as cancelled.
    void cancelAll();

    // Aborts the exchanges whose deadline or inactivity timeout has passed.
    void abortExpired();

private:
    struct Exchange; // one HTTP request on the wire
    struct ExchangeOutcome;

    QCoro::Task<ExchangeOutcome> exchange(QUrl url, bool sameOriginAsRow, QByteArray method,
                                          QByteArray body, qint64 attemptStart,
                                          AnswerReading reading);
    // Fills in the result's error from an outcome; false when the outcome is an answer.
    bool recordFailure(const ExchangeOutcome &outcome, const QByteArray &method,
                       ErrorContext &context, Result &result) const;
    void abortExchange(quint64 id);
    QCoro::Task<> waitBeforeRetry(Milliseconds delay);
    QCoro::Task<> runAttempt(const RequestSpec &row, Result &result, QByteArray &retryAfter);

    std::shared_ptr<const BatchSpec> m_spec;
    RunOptions m_options;
    CurlMulti *m_multi; // a child of the context, so it lives in the engine thread
    // The request headers, built once: for the row's origin, and for another origin after a
    // redirect (no credentials).
    curl_slist *m_headers = nullptr;
    curl_slist *m_crossOriginHeaders = nullptr;
    QByteArray m_proxy; // the application's, as libcurl names it; empty for none
    AnswerInspector m_inspector; // expectations and extracted columns, on this thread
    QElapsedTimer m_clock;
    QList<Exchange *> m_live;
    quint64 m_lastExchangeId = 0;
    QList<RetryWait *> m_retryWaits;
    bool m_cancelled = false;
};

} // namespace salvo
