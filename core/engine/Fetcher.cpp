#include "Fetcher.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QSslConfiguration>

#include <qcoro/qcoronetworkreply.h>
#include <qcoro/qcorotimer.h>

#include <algorithm>
#include <cmath>

#include "Logging.h"
#include "NetworkErrors.h"
#include "RetryPolicy.h"
#include "RetryWait.h"
#include "SendOnceBody.h"
#include "result/ErrorMessages.h"

namespace salvo {

struct Fetcher::Exchange
{
    QPointer<QNetworkReply> reply;
    qint64 attemptStart = 0;
    qint64 lastActivity = 0;
    TimeoutKind fired = TimeoutKind::None;
};

struct Fetcher::ExchangeOutcome
{
    int status = 0;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString errorString;
    TimeoutKind timeout = TimeoutKind::None;
    QByteArray body;
    qint64 bytes = 0;
    bool truncated = false;
    HeaderList headers;
    QString contentType;
    QByteArray location;
    QByteArray retryAfter;
    qint64 firstByteAt = -1;
    // What Qt told about the way there: it began opening a connection while this request was
    // first in its queue, and it wrote the request to a socket.
    bool connectionStarted = false;
    bool requestSent = false;
    bool resent = false; // this outcome is the resend's (Fetcher::request)
    bool http2 = false;
};

namespace {

struct DeleteLater
{
    // A reply may still be inside its own finished() signal when we are done with it.
    void operator()(QObject *object) const { object->deleteLater(); }
};

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// The methods RFC 9110 calls idempotent: sending one twice does what sending it once does.
bool isIdempotent(const QByteArray &method)
{
    return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE"
            || method == "OPTIONS" || method == "TRACE";
}

QNetworkReply *send(QNetworkAccessManager *manager, const QNetworkRequest &request,
                    const QByteArray &method, const QByteArray &body)
{
    if (method == "GET" && body.isEmpty())
        return manager->get(request);
    if (method == "HEAD")
        return manager->head(request);
    if (isIdempotent(method))
        return manager->sendCustomRequest(request, method, body);
    // Even without a body: Qt would send a POST again by itself, and only a body that
    // refuses to rewind stops it.
    auto *once = new SendOnceBody(body);
    QNetworkReply *reply = manager->sendCustomRequest(request, method, once);
    once->setParent(reply);
    return reply;
}

// The connection closed before a single byte of an answer that Qt let us see (a status line
// and headers), and no timer of ours ended it.
bool closedBeforeAnswering(QNetworkReply::NetworkError error, int status, qint64 bytes,
                           TimeoutKind timeout)
{
    return (error == QNetworkReply::RemoteHostClosedError
            || error == QNetworkReply::ContentReSendError)
            && status == 0 && bytes == 0 && timeout == TimeoutKind::None;
}

// Qt's own words, except where they say too little to act on.
QString errorWords(QNetworkReply::NetworkError error, int status, const QString &qtWords)
{
    // Qt 6.4 says only "Decompression failed: " both for a damaged stream and when its guard
    // against compression bombs stops unpacking.
    if (qtWords.contains(u"ecompress")) {
        return QStringLiteral("its compressed body is damaged, or unpacks to far more than was "
                              "sent (a compression bomb)");
    }
    // Qt says "Unknown error" when SendOnceBody kept it from sending a body again.
    if (error == QNetworkReply::ContentReSendError && status == 0)
        return QStringLiteral("the connection closed before an answer, and the request was not "
                              "sent again");
    return qtWords;
}

} // namespace

Fetcher::Fetcher(QObject *context, std::shared_ptr<const BatchSpec> spec, const RunOptions &options)
    : m_context(context)
    , m_spec(std::move(spec))
    , m_options(options)
    , m_pool(context)
{
    m_clock.start();
    m_prototype.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    m_prototype.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    m_prototype.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                             QNetworkRequest::AlwaysNetwork);
    m_prototype.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    m_prototype.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
    m_prototype.setRawHeader("User-Agent", QByteArrayLiteral("Salvo/" SALVO_VERSION));
    for (const auto &[name, value] : m_spec->headers)
        m_prototype.setRawHeader(name, value);
    if (!m_options.verifyTls) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_prototype.setSslConfiguration(tls);
    }
}

QNetworkRequest Fetcher::requestFor(const QUrl &url, bool sameOriginAsRow) const
{
    QNetworkRequest request = m_prototype;
    request.setUrl(url);
    if (!sameOriginAsRow) {
        // Credentials meant for one origin (scheme, host, port) are not handed to another,
        // nor sent in clear text after a redirect from https to http.
        request.setRawHeader("Authorization", QByteArray());
        request.setRawHeader("Cookie", QByteArray());
    }
    return request;
}

QCoro::Task<Result> Fetcher::fetch(int rowIndex, RequestSpec row)
{
    Result result;
    result.index = rowIndex;
    result.line = row.line;
    result.url = row.text;
    result.method = m_spec->methodFor(row);
    if (!row.isRunnable()) {
        result.error = row.inputError;
        result.message = row.inputErrorMessage;
        co_return result;
    }

    const qint64 rowStart = m_clock.elapsed();
    bool stopped = m_cancelled;
    while (!stopped) {
        ++result.attempts;
        QByteArray retryAfter;
        co_await runAttempt(row, result, retryAfter);
        if (m_cancelled || result.attempts > m_options.retries || !isRetryable(result))
            break;
        const double unitRandom = QRandomGenerator::global()->generateDouble();
        co_await waitBeforeRetry(retryDelay(
                m_options, result.attempts,
                retryAfterDelay(retryAfter, QDateTime::currentDateTimeUtc()), unitRandom));
        stopped = m_cancelled;
    }
    if (stopped) {
        // Stopped before the first try, or while waiting to try again: whatever the last
        // attempt said was not the final word.
        result.error = ErrorKind::Cancelled;
        result.timeout = TimeoutKind::None;
        result.message = describeError(ErrorKind::Cancelled, {});
    }
    result.elapsedMs = m_clock.elapsed() - rowStart;
    co_return result;
}

QCoro::Task<> Fetcher::runAttempt(const RequestSpec &row, Result &result, QByteArray &retryAfter)
{
    result.status = 0;
    result.error = ErrorKind::None;
    result.timeout = TimeoutKind::None;
    result.message.clear();
    result.detail.clear();
    result.redirects.clear();

    const qint64 attemptStart = m_clock.elapsed();
    QUrl url = row.url;
    QByteArray method = m_spec->methodFor(row);
    QByteArray body = m_spec->bodyFor(row);

    const QString rowOrigin = HostPool::hostKey(row.url);
    for (;;) {
        ExchangeOutcome outcome = co_await request(url, HostPool::hostKey(url) == rowOrigin, method,
                                                   body, attemptStart);
        result.status = outcome.status;
        result.bytes = outcome.bytes;
        result.truncated = outcome.truncated;
        result.body = std::move(outcome.body);
        result.headers = std::move(outcome.headers);
        result.contentType = outcome.contentType;
        result.firstByteMs = outcome.firstByteAt < 0 ? -1 : outcome.firstByteAt - attemptStart;
        result.resends += outcome.resent ? 1 : 0;
        retryAfter = outcome.retryAfter;

        ErrorContext context{.host = url.host(),
                             .scheme = url.scheme(),
                             .timeout = outcome.timeout,
                             .timeoutMs = 0,
                             .bytesReceived = outcome.bytes,
                             .redirectLimit = m_options.maxRedirects,
                             .detail = outcome.errorString,
                             .notResentMethod = {}};
        if (recordFailure(outcome, method, context, result))
            co_return;
        if (!m_options.followRedirects || !isRedirect(outcome.status) || outcome.location.isEmpty())
            co_return;

        if (result.redirects.size() >= m_options.maxRedirects) {
            result.error = ErrorKind::TooManyRedirects;
            result.message = describeError(ErrorKind::TooManyRedirects, context);
            co_return;
        }
        const QUrl target = url.resolved(QUrl(QString::fromUtf8(outcome.location)));
        result.redirects.append(target.toString());
        if (target.scheme() != u"http" && target.scheme() != u"https") {
            result.error = ErrorKind::UnsupportedScheme;
            context.scheme = target.scheme();
            result.message = describeError(ErrorKind::UnsupportedScheme, context);
            co_return;
        }
        if (!target.isValid() || target.host().isEmpty()) {
            result.error = ErrorKind::InvalidUrl;
            context.detail
                    = QStringLiteral("the server redirected to an address that is not valid");
            result.message = describeError(ErrorKind::InvalidUrl, context);
            co_return;
        }
        // What browsers do: 303 always, and 301/302 after a POST, continue with a GET.
        if ((outcome.status == 303 && method != "HEAD")
            || ((outcome.status == 301 || outcome.status == 302) && method == "POST")) {
            method = QByteArrayLiteral("GET");
            body.clear();
        }
        url = target;
    }
}

bool Fetcher::recordFailure(const ExchangeOutcome &outcome, const QByteArray &method,
                            ErrorContext &context, Result &result) const
{
    ErrorKind kind = errorKindForNetworkError(outcome.networkError, outcome.status);
    if (outcome.timeout != TimeoutKind::None) {
        kind = ErrorKind::Timeout;
        context.timeoutMs = (outcome.timeout == TimeoutKind::Deadline ? m_options.deadline
                                                                      : m_options.inactivity)
                                    .count();
    } else if (kind == ErrorKind::Cancelled && !m_cancelled) {
        kind = ErrorKind::Other; // aborted, but not by us
    }
    if (kind == ErrorKind::None)
        return false;
    if (kind == ErrorKind::ConnectionReset && !isIdempotent(method)
        && closedBeforeAnswering(outcome.networkError, outcome.status, outcome.bytes,
                                 outcome.timeout))
        context.notResentMethod = QString::fromLatin1(method);
    result.error = kind;
    result.timeout = outcome.timeout;
    result.message = describeError(kind, context);
    result.detail = technicalErrorDetail(outcome.networkError, outcome.errorString, outcome.timeout,
                                         context.timeoutMs, outcome.bytes);
    return true;
}

QCoro::Task<Fetcher::ExchangeOutcome> Fetcher::request(QUrl url, bool sameOriginAsRow,
                                                       QByteArray method, QByteArray body,
                                                       qint64 attemptStart)
{
    const QString hostKey = HostPool::hostKey(url);
    QNetworkAccessManager *manager = m_pool.lease(hostKey);
    ExchangeOutcome outcome = co_await exchange(manager, requestFor(url, sameOriginAsRow), method,
                                                body, attemptStart);
    m_pool.giveBack(hostKey, manager);
    if (outcome.http2)
        m_pool.noteHttp2(hostKey);
    if (!shouldResend(outcome, method, attemptStart))
        co_return outcome;

    // Once more, alone in a manager kept for resends, on a connection of its own: Qt drops
    // that connection as soon as the request is done (an expiry of 0 s), so the next
    // resend there opens a new one too.
    QNetworkRequest again = requestFor(url, sameOriginAsRow);
    again.setAttribute(QNetworkRequest::ConnectionCacheExpiryTimeoutSecondsAttribute, 0);
    QNetworkAccessManager *alone = m_pool.leaseAlone(hostKey);
    outcome = co_await exchange(alone, again, method, body, attemptStart);
    m_pool.giveBackAlone(hostKey, alone);
    outcome.resent = true;
    co_return outcome;
}

bool Fetcher::shouldResend(const ExchangeOutcome &outcome, const QByteArray &method,
                           qint64 attemptStart) const
{
    if (m_cancelled || !isIdempotent(method)
        || !closedBeforeAnswering(outcome.networkError, outcome.status, outcome.bytes,
                                  outcome.timeout)
        || m_clock.elapsed() - attemptStart >= m_options.deadline.count())
        return false;
    // Qt opened a connection for this request and wrote it there: a new connection the
    // server closed on purpose, and Qt has already sent the request once more itself. Any
    // other close before an answer came on a connection that had served others, or failed
    // the request while it still waited in Qt's queue (docs/engine.md, "Dropped
    // connections").
    return !(outcome.connectionStarted && outcome.requestSent);
}

QCoro::Task<Fetcher::ExchangeOutcome> Fetcher::exchange(QNetworkAccessManager *manager,
                                                        QNetworkRequest request, QByteArray method,
                                                        QByteArray body, qint64 attemptStart)
{
    std::unique_ptr<QNetworkReply, DeleteLater> reply(send(manager, request, method, body));
    Exchange live{.reply = reply.get(),
                  .attemptStart = attemptStart,
                  .lastActivity = m_clock.elapsed(),
                  .fired = TimeoutKind::None};
    ExchangeOutcome outcome;

    const qint64 cap = m_options.keepBodies ? m_options.maxBodyBytes : 0;
    const auto drain = [&] {
        live.lastActivity = m_clock.elapsed();
        const qint64 available = reply->bytesAvailable();
        if (available <= 0)
            return;
        outcome.bytes += available;
        const qint64 room = cap - outcome.body.size();
        if (room > 0)
            outcome.body.append(reply->read(std::min(room, available)));
        if (available > room) {
            reply->skip(available - std::max<qint64>(room, 0));
            outcome.truncated = m_options.keepBodies;
        }
    };
    QObject::connect(reply.get(), &QNetworkReply::readyRead, m_context, drain);
    QObject::connect(reply.get(), &QNetworkReply::metaDataChanged, m_context, [&] {
        live.lastActivity = m_clock.elapsed();
        if (outcome.firstByteAt < 0)
            outcome.firstByteAt = live.lastActivity;
        outcome.http2 = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool();
    });
    QObject::connect(reply.get(), &QNetworkReply::uploadProgress, m_context,
                     [&] { live.lastActivity = m_clock.elapsed(); });
    QObject::connect(reply.get(), &QNetworkReply::socketStartedConnecting, m_context,
                     [&] { outcome.connectionStarted = true; });
    QObject::connect(reply.get(), &QNetworkReply::requestSent, m_context,
                     [&] { outcome.requestSent = true; });

    m_live.append(&live);
    co_await reply.get();
    m_live.removeOne(&live);
    drain();
    QObject::disconnect(reply.get(), nullptr, m_context, nullptr);

    outcome.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    outcome.networkError = reply->error();
    if (outcome.networkError != QNetworkReply::NoError)
        outcome.errorString
                = errorWords(outcome.networkError, outcome.status, reply->errorString());
    outcome.timeout = live.fired;
    if (outcome.status > 0) {
        outcome.contentType = QString::fromLatin1(reply->rawHeader("Content-Type"));
        outcome.location = reply->rawHeader("Location");
        outcome.retryAfter = reply->rawHeader("Retry-After");
        if (m_options.keepHeaders) {
            const auto pairs = reply->rawHeaderPairs();
            outcome.headers = HeaderList(pairs.cbegin(), pairs.cend());
        }
        if (outcome.firstByteAt < 0)
            outcome.firstByteAt = live.lastActivity;
        outcome.http2 = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool();
    }
    outcome.body.squeeze(); // a read buffer keeps 16-32 KiB of capacity
    // Never the query or user info: they can hold secrets (api_key=...), and logs get shared.
    qCDebug(lcEngine) << method
                      << request.url().adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery
                                                | QUrl::RemoveFragment)
                      << outcome.status << outcome.networkError;
    co_return outcome;
}

QCoro::Task<> Fetcher::waitBeforeRetry(Milliseconds delay)
{
    RetryWait wait(delay);
    m_retryWaits.append(&wait);
    co_await wait.ended();
    m_retryWaits.removeOne(&wait);
}

void Fetcher::cancelAll()
{
    m_cancelled = true;
    QList<QPointer<QNetworkReply>> replies;
    for (const Exchange *live : std::as_const(m_live))
        replies.append(live->reply);
    // abort() resumes the awaiting coroutine at once, which edits m_live: work on a copy.
    for (const QPointer<QNetworkReply> &reply : replies) {
        if (reply)
            reply->abort();
    }
    // Each end() resumes its row at once, which removes it from m_retryWaits.
    const QList<RetryWait *> waits = m_retryWaits;
    for (RetryWait *wait : waits)
        wait->end();
}

void Fetcher::abortExpired()
{
    const qint64 now = m_clock.elapsed();
    QList<QPointer<QNetworkReply>> expired;
    for (Exchange *live : std::as_const(m_live)) {
        if (now - live->attemptStart >= m_options.deadline.count())
            live->fired = TimeoutKind::Deadline;
        else if (now - live->lastActivity >= m_options.inactivity.count())
            live->fired = TimeoutKind::Inactivity;
        else
            continue;
        expired.append(live->reply);
    }
    for (const QPointer<QNetworkReply> &reply : expired) {
        if (reply)
            reply->abort();
    }
}

} // namespace salvo
