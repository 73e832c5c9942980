#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

#include <qcoro/qcorotask.h>

#include <memory>

#include "HostPool.h"
#include "RunOptions.h"
#include "batch/BatchSpec.h"
#include "result/Result.h"

namespace salvo {

class RetryWait;
struct ErrorContext;

// Performs the request of one row from start to Result: attempts with backoff, redirects
// followed by hand and recorded, the deadline and inactivity timers, the body cap, and one
// resend on a new connection of an idempotent request whose connection closed before any
// answer (docs/engine.md, "Dropped connections"). Lives in one engine thread and uses that
// thread's HostPool; errors come back as values in the Result, never as exceptions.
class Fetcher final
{
public:
    Fetcher(QObject *context, std::shared_ptr<const BatchSpec> spec, const RunOptions &options);
    Q_DISABLE_COPY_MOVE(Fetcher)

    // Row `rowIndex` of the batch, made into `row`: a row that cannot be requested ends at
    // once with its input error, without touching the network.
    QCoro::Task<Result> fetch(int rowIndex, RequestSpec row);

    // Aborts every exchange and cuts every retry wait short; their rows end as cancelled.
    void cancelAll();

    // Aborts the exchanges whose deadline or inactivity timeout has passed.
    void abortExpired();

    int managerCount() const { return m_pool.managerCount(); }

private:
    struct Exchange; // one HTTP request on the wire
    struct ExchangeOutcome;

    QCoro::Task<ExchangeOutcome> exchange(QNetworkAccessManager *manager, QNetworkRequest request,
                                          QByteArray method, QByteArray body, qint64 attemptStart);
    // exchange() through the pool, sent once more on a new connection when shouldResend().
    QCoro::Task<ExchangeOutcome> request(QUrl url, bool sameOriginAsRow, QByteArray method,
                                         QByteArray body, qint64 attemptStart);
    bool shouldResend(const ExchangeOutcome &outcome, const QByteArray &method,
                      qint64 attemptStart) const;
    // Fills in the result's error from an outcome; false when the outcome is an answer.
    bool recordFailure(const ExchangeOutcome &outcome, const QByteArray &method,
                       ErrorContext &context, Result &result) const;
    QCoro::Task<> waitBeforeRetry(Milliseconds delay);
    QCoro::Task<> runAttempt(const RequestSpec &row, Result &result, QByteArray &retryAfter);

    QNetworkRequest requestFor(const QUrl &url, bool sameOriginAsRow) const;

    QObject *m_context;
    std::shared_ptr<const BatchSpec> m_spec;
    RunOptions m_options;
    HostPool m_pool;
    QNetworkRequest m_prototype; // everything every request shares, built once
    QElapsedTimer m_clock;
    QList<Exchange *> m_live;
    QList<RetryWait *> m_retryWaits;
    bool m_cancelled = false;
};

} // namespace salvo
