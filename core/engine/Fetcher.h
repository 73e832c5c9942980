#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QUrl>

#include <qcoro/qcorotask.h>

#include <memory>
#include <utility>

#include "CookieJar.h"
#include "CurlMulti.h"
#include "CurlTransfer.h"
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
    // `cookies`: the run's jar when it keeps cookies, else null.
    Fetcher(QObject *context, std::shared_ptr<const BatchSpec> spec, const RunOptions &options,
            std::shared_ptr<CookieJar> cookies = nullptr);
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
    // A row's own header lists, freed with it.
    struct RowHeaders
    {
        RowHeaders() = default;
        RowHeaders(curl_slist *same, curl_slist *other)
            : sameOrigin(same)
            , otherOrigin(other)
        { }
        RowHeaders(RowHeaders &&moved) noexcept
            : sameOrigin(std::exchange(moved.sameOrigin, nullptr))
            , otherOrigin(std::exchange(moved.otherOrigin, nullptr))
        { }
        RowHeaders &operator=(RowHeaders &&moved) noexcept
        {
            std::swap(sameOrigin, moved.sameOrigin);
            std::swap(otherOrigin, moved.otherOrigin);
            return *this;
        }
        ~RowHeaders()
        {
            curl_slist_free_all(sameOrigin);
            curl_slist_free_all(otherOrigin);
        }
        curl_slist *sameOrigin = nullptr;
        curl_slist *otherOrigin = nullptr;
    };
    // The batch's headers with the row's own in place of those of their names, and the
    // headers and `body` with the row's own {name}s filled.
    RowHeaders fillRow(const RequestSpec &row, QByteArray &body) const;
    struct ExchangeOutcome;

    // `headers`: the request's (the row's own, or credential-free after a redirect to
    // another origin); `bearer`: the sign-in's token header for this exchange, or empty.
    QCoro::Task<ExchangeOutcome> exchange(QUrl url, const curl_slist *headers, QByteArray method,
                                          QByteArray body, qint64 attemptStart,
                                          AnswerReading reading, QByteArray bearer);
    // The request's way out (proxy, certificates), as libcurl takes it.
    void setRoute(CurlTransfer::Request &request, const QUrl &url);
    // The sign-in's token, when the sign-in has one; false when none could be had (the
    // result says why).
    QCoro::Task<bool> signInToken(Result &result, QByteArray &token, quint64 &generation);
    // libcurl reads the server certificate only when it opens a connection: what it read is
    // kept by origin for the answers on connections kept open.
    void rememberCertificate(const QString &origin, bool newConnection, ConnectionFacts &facts);
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
    std::shared_ptr<const RunAccess> m_access; // never null: the spec's, or the system's
    QHash<QString, ProxyRoute::Route> m_routes; // by origin, as the route is asked once
    QByteArray m_authorityFile;
    QHash<QString, ConnectionFacts> m_certificates; // by origin: the server certificate's facts
    std::shared_ptr<CookieJar> m_cookies;
    AnswerInspector m_inspector; // expectations and extracted columns, on this thread
    QElapsedTimer m_clock;
    QList<Exchange *> m_live;
    quint64 m_lastExchangeId = 0;
    QList<RetryWait *> m_retryWaits;
    bool m_cancelled = false;
};

} // namespace salvo
