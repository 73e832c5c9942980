#include "Fetcher.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QFile>
#include <QScopeGuard>
#include <QRandomGenerator>

#include <qcoro/qcorofuture.h>
#include <qcoro/qcorotimer.h>

#include <algorithm>
#include <cmath>

#include "CurlTransfer.h"
#include "Logging.h"
#include "NetworkErrors.h"
#include "Origin.h"
#include "RetryPolicy.h"
#include "RetryWait.h"
#include "batch/SecretHeaders.h"
#include "batch/Variables.h"
#include "network/TokenSource.h"
#include "result/ErrorMessages.h"

namespace salvo {

struct Fetcher::Exchange
{
    quint64 id; // unique in this Fetcher: an ended exchange's address may be reused
    CurlTransfer *transfer;
    qint64 attemptStart = 0;
    TimeoutKind fired = TimeoutKind::None;
};

struct Fetcher::ExchangeOutcome
{
    int status = 0;
    CURLcode code = CURLE_OK;
    int osError = 0;
    QString errorString;
    TimeoutKind timeout = TimeoutKind::None;
    QByteArray body;
    qint64 bytes = 0;
    bool truncated = false;
    bool compressionBomb = false;
    HeaderList headers;
    QString contentType;
    QByteArray location;
    QByteArray retryAfter;
    qint64 firstByteAt = -1;
    int resends = 0; // libcurl's, on a new connection after the reused one closed
    bool viaProxy = false;
    ConnectionFacts facts;
};

namespace {

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

curl_slist *headerList(const HeaderList &headers, bool withCredentials,
                       const QList<QByteArray> &signInHeaders = {})
{
    curl_slist *list = nullptr;
    const auto add = [&list](const QByteArray &line) {
        if (curl_slist *longer = curl_slist_append(list, line.constData()))
            list = longer;
    };
    add(QByteArrayLiteral("User-Agent: Salvo/" SALVO_VERSION));
    // libcurl would ask a server to confirm a large body before sending it (Expect:
    // 100-continue) and wait a second for an answer that many servers never send.
    add(QByteArrayLiteral("Expect:"));
    for (const auto &[name, value] : headers) {
        const bool credential = name.compare("Authorization", Qt::CaseInsensitive) == 0
                || name.compare("Cookie", Qt::CaseInsensitive) == 0;
        if (credential && !withCredentials)
            continue;
        // "Name;" sends a header with an empty value; "Name:" would remove it.
        add(value.isEmpty() ? QByteArray(name + ';') : QByteArray(name + ": " + value));
    }
    for (const QByteArray &line : signInHeaders)
        add(line);
    return list;
}

// The access of a batch that names none: the system's proxy, the system's certificate
// authorities, no sign-in. Made once; it cannot fail.
std::shared_ptr<const RunAccess> systemAccess()
{
    static const std::shared_ptr<const RunAccess> access
            = *RunAccess::prepare(NetworkAccess{}, nullptr);
    return access;
}

// A copy of `list` with one more line: a header of this exchange only.
curl_slist *withLine(const curl_slist *list, const QByteArray &line)
{
    curl_slist *copy = nullptr;
    for (const curl_slist *each = list; each; each = each->next)
        copy = curl_slist_append(copy, each->data);
    return curl_slist_append(copy, line.constData());
}

// libcurl's words, except where they say too little to act on.
QString errorWords(const CurlTransfer &transfer)
{
    if (transfer.compressionBomb) {
        return QStringLiteral("its compressed body unpacks to far more than was sent (a "
                              "compression bomb)");
    }
    if (transfer.code == CURLE_BAD_CONTENT_ENCODING)
        return QStringLiteral("its compressed body is damaged: ") + transfer.errorText;
    if (transfer.code == CURLE_SEND_FAIL_REWIND)
        return QStringLiteral("the connection closed before an answer, and the request was not "
                              "sent again");
    return transfer.errorText;
}

} // namespace

Fetcher::Fetcher(QObject *context, std::shared_ptr<const BatchSpec> spec, const RunOptions &options,
                 std::shared_ptr<CookieJar> cookies)
    : m_spec(std::move(spec))
    , m_options(options)
    , m_multi(new CurlMulti(context))
    , m_access(m_spec->access ? m_spec->access : systemAccess())
    , m_authorityFile(QFile::encodeName(m_access->authorityFile()))
    , m_cookies(std::move(cookies))
    , m_inspector(m_spec->inspection)
{
    // Credentials go only to the row's own origin: a redirect elsewhere loses them.
    m_headers = headerList(m_spec->headers, true, m_access->signInHeaders());
    m_crossOriginHeaders = headerList(m_spec->headers, false);
    m_clock.start();
}

Fetcher::~Fetcher()
{
    // Every transfer has ended by now (the worker cancels first); their handles are gone.
    curl_slist_free_all(m_headers);
    curl_slist_free_all(m_crossOriginHeaders);
}

QCoro::Task<Result> Fetcher::fetch(int rowIndex, RequestSpec row)
{
    Result result;
    result.index = rowIndex;
    result.line = row.line;
    result.url = row.text;
    result.method = m_spec->methodFor(row);
    result.columns = row.columns;
    if (!row.isRunnable()) {
        result.error = row.inputError;
        result.message = row.inputErrorMessage;
        if (m_inspector.hasWork() || !row.expectations.isEmpty())
            co_await m_inspector.inspect(result, row.expectations);
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
    if (m_inspector.hasWork() || !row.expectations.isEmpty()) {
        co_await m_inspector.inspect(result, row.expectations);
        // What was read for the expectations and columns only is not kept.
        if (!m_options.keepBodies) {
            result.body.clear();
            result.truncated = false;
        }
        if (!m_options.keepHeaders)
            result.headers.clear();
    }
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

    const QString rowOrigin = originKey(row.url);
    const AnswerReading reading = m_inspector.readingFor(row.expectations);
    // Headers and a body with the row's own {name}s filled, when the batch has such.
    RowHeaders own;
    if (m_spec->rowVariables || !row.headers.isEmpty())
        own = fillRow(row, body);
    const curl_slist *rowHeaders = own.sameOrigin ? own.sameOrigin : m_headers;
    const curl_slist *otherHeaders = own.otherOrigin ? own.otherOrigin : m_crossOriginHeaders;
    bool signedInAgain = false;
    for (;;) {
        const bool sameOrigin = originKey(url) == rowOrigin;
        QByteArray token;
        quint64 tokenGeneration = 0;
        // Only an OAuth2 sign-in waits for anything: no coroutine is made for the others.
        if (sameOrigin && m_access->tokens()) {
            const bool signedIn = co_await signInToken(result, token, tokenGeneration);
            if (!signedIn)
                co_return;
        }
        // (Not a ?: in the co_await's full expression: GCC 12 destroys its temporary twice.)
        QUrl sent = url;
        if (sameOrigin)
            sent = m_access->withApiKey(url);
        ExchangeOutcome outcome = co_await exchange(sent, sameOrigin ? rowHeaders : otherHeaders,
                                                    method, body, attemptStart, reading, token);
        if (outcome.status == 401 && !token.isEmpty() && !signedInAgain && !m_cancelled) {
            // The token was refused (it expired early, or was revoked): once with a new one.
            m_access->tokens()->refused(tokenGeneration);
            signedInAgain = true;
            continue;
        }
        result.status = outcome.status;
        result.bytes = outcome.bytes;
        result.truncated = outcome.truncated;
        result.body = std::move(outcome.body);
        result.headers = std::move(outcome.headers);
        if (reading.location && !reading.headers && !m_options.keepHeaders
            && !outcome.location.isEmpty()) {
            // All the headers are not kept for a status's sentence: only where it led.
            result.headers = {{QByteArrayLiteral("Location"), outcome.location}};
        }
        result.contentType = outcome.contentType;
        result.firstByteMs = outcome.firstByteAt < 0 ? -1 : outcome.firstByteAt - attemptStart;
        result.resends += outcome.resends;
        result.connection = outcome.facts;
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
    ErrorKind kind = errorKindForCurl(outcome.code, outcome.osError);
    if (outcome.timeout != TimeoutKind::None) {
        kind = ErrorKind::Timeout;
        context.timeoutMs = (outcome.timeout == TimeoutKind::Deadline ? m_options.deadline
                                                                      : m_options.inactivity)
                                    .count();
    } else if (kind == ErrorKind::Cancelled && !m_cancelled) {
        kind = ErrorKind::Other; // aborted, but not by us
    } else if (outcome.viaProxy && outcome.code == CURLE_COULDNT_CONNECT) {
        kind = ErrorKind::Proxy; // it was the proxy that could not be reached
    }
    if (kind == ErrorKind::None)
        return false;
    if (outcome.code == CURLE_SEND_FAIL_REWIND)
        context.notResentMethod = QString::fromLatin1(method);
    result.error = kind;
    result.timeout = outcome.timeout;
    result.message = describeError(kind, context);
    result.detail = technicalErrorDetail(outcome.code, outcome.errorString, outcome.timeout,
                                         context.timeoutMs, outcome.bytes);
    return true;
}

Fetcher::RowHeaders Fetcher::fillRow(const RequestSpec &row, QByteArray &body) const
{
    const auto lookup
            = [this, &row](const QString &name) { return rowVariable(*m_spec, row, name); };
    HeaderList headers = withHeadersReplaced(m_spec->headers, row.headers);
    if (m_spec->rowVariables) {
        for (auto &[name, value] : headers)
            value = fillPlaceholders(QString::fromUtf8(value), lookup).toUtf8();
        body = fillPlaceholders(QString::fromUtf8(body), lookup).toUtf8();
    }
    return RowHeaders(headerList(headers, true, m_access->signInHeaders()),
                      headerList(headers, false));
}

QCoro::Task<bool> Fetcher::signInToken(Result &result, QByteArray &token, quint64 &generation)
{
    TokenSource *tokens = m_access->tokens();
    if (!tokens)
        co_return true;
    QFuture<TokenOutcome> asked = tokens->token();
    // (Not a ?: around co_await: GCC 12 miscompiles that.)
    TokenOutcome outcome;
    if (asked.isFinished())
        outcome = asked.result();
    else
        outcome = co_await asked;
    if (outcome.token.isEmpty()) {
        result.error = ErrorKind::SignIn;
        result.message = describeError(ErrorKind::SignIn, {.detail = outcome.problem});
        co_return false;
    }
    token = "Authorization: Bearer " + outcome.token;
    generation = outcome.generation;
    co_return true;
}

void Fetcher::setRoute(CurlTransfer::Request &request, const QUrl &url)
{
    const QString origin = originKey(url);
    auto route = m_routes.constFind(origin);
    if (route == m_routes.cend())
        route = m_routes.insert(origin, m_access->route().routeFor(url));
    request.proxy = route->proxy;
    request.proxyUser = route->user;
    request.proxyPassword = route->password;
    request.authorityFile = m_authorityFile;
    if (const ClientCertificate *certificate = m_access->clientCertificateFor(url.host())) {
        request.certificateFile = QFile::encodeName(certificate->certificateFile);
        request.certificateType
                = certificate->type == CertificateType::P12 ? QByteArray("P12") : QByteArray("PEM");
        request.keyFile = QFile::encodeName(certificate->keyFile);
        request.keyPassphrase = certificate->passphrase.toUtf8();
    }
    request.cookies = m_cookies ? m_cookies->share() : nullptr;
}

QCoro::Task<Fetcher::ExchangeOutcome> Fetcher::exchange(QUrl url, const curl_slist *headers,
                                                        QByteArray method, QByteArray body,
                                                        qint64 attemptStart, AnswerReading reading,
                                                        QByteArray bearer)
{
    // The token changes during a run: its header goes on a list of this exchange's own.
    curl_slist *ownHeaders = bearer.isEmpty() ? nullptr : withLine(headers, bearer);
    const auto freeOwnHeaders = qScopeGuard([ownHeaders] { curl_slist_free_all(ownHeaders); });
    CurlTransfer::Request request{
            .url = url.toEncoded(),
            .method = method,
            .body = body,
            .headers = ownHeaders ? ownHeaders : const_cast<curl_slist *>(headers),
            .verifyTls = m_options.verifyTls,
            .keepBodyBytes = m_options.keepBodies || reading.body ? m_options.maxBodyBytes : 0,
            .keepHeaders = m_options.keepHeaders || reading.headers,
            .sendAgainAllowed = isIdempotent(method)};
    setRoute(request, url);
    const bool viaProxy = !request.proxy.isEmpty();
    CurlTransfer transfer(std::move(request), m_clock);
    Exchange live{.id = ++m_lastExchangeId,
                  .transfer = &transfer,
                  .attemptStart = attemptStart,
                  .fired = TimeoutKind::None};
    m_live.append(&live);
    co_await m_multi->perform(transfer);
    m_live.removeOne(&live);

    ExchangeOutcome outcome;
    if (transfer.code == CURLE_OK && transfer.status > 0 && !transfer.headersComplete) {
        // libcurl takes a close inside the headers as their end; an answer cut short there
        // is no answer.
        transfer.code = CURLE_PARTIAL_FILE;
        transfer.status = 0;
        transfer.errorText = QStringLiteral("the connection closed in the middle of the answer's "
                                            "headers");
    }
    outcome.code = transfer.code;
    outcome.timeout = live.fired;
    if (transfer.code != CURLE_OK) {
        long osError = 0;
        curl_easy_getinfo(transfer.easy(), CURLINFO_OS_ERRNO, &osError);
        outcome.osError = int(osError);
        outcome.errorString = errorWords(transfer);
    }
    outcome.status = transfer.status;
    outcome.resends = std::max(0, transfer.sends - 1);
    outcome.viaProxy = viaProxy;
    outcome.facts = std::move(transfer.facts);
    rememberCertificate(originKey(url), transfer.newConnection, outcome.facts);
    outcome.bytes = transfer.bytes;
    outcome.truncated = transfer.truncated;
    outcome.body = std::move(transfer.body);
    if (outcome.status > 0) {
        outcome.headers = std::move(transfer.headers);
        outcome.contentType = QString::fromLatin1(transfer.contentType);
        outcome.location = std::move(transfer.location);
        outcome.retryAfter = std::move(transfer.retryAfter);
        outcome.firstByteAt
                = transfer.firstByteAt >= 0 ? transfer.firstByteAt : transfer.lastActivity;
    }
    // Never the query or user info: they can hold secrets (api_key=...), and logs get shared.
    qCDebug(lcEngine) << method
                      << url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery
                                      | QUrl::RemoveFragment)
                      << outcome.status << "curl error" << int(outcome.code);
    co_return outcome;
}

void Fetcher::rememberCertificate(const QString &origin, bool newConnection, ConnectionFacts &facts)
{
    if (newConnection && facts.certificateExpires.isValid()) {
        ConnectionFacts &kept = m_certificates[origin];
        kept.certificateSubject = facts.certificateSubject;
        kept.certificateIssuer = facts.certificateIssuer;
        kept.certificateExpires = facts.certificateExpires;
        return;
    }
    const auto kept = m_certificates.constFind(origin);
    if (kept == m_certificates.cend())
        return;
    facts.certificateSubject = kept->certificateSubject;
    facts.certificateIssuer = kept->certificateIssuer;
    facts.certificateExpires = kept->certificateExpires;
}

QCoro::Task<> Fetcher::waitBeforeRetry(Milliseconds delay)
{
    RetryWait wait(delay);
    m_retryWaits.append(&wait);
    co_await wait.ended();
    m_retryWaits.removeOne(&wait);
}

void Fetcher::abortExchange(quint64 id)
{
    for (Exchange *live : std::as_const(m_live)) {
        if (live->id == id) {
            m_multi->abort(*live->transfer); // resumes its row at once
            return;
        }
    }
}

void Fetcher::cancelAll()
{
    m_cancelled = true;
    // Each abort resumes a row at once, which edits m_live: work on the ids.
    QList<quint64> ids;
    for (const Exchange *live : std::as_const(m_live))
        ids.append(live->id);
    for (const quint64 id : std::as_const(ids))
        abortExchange(id);
    // Each end() resumes its row at once, which removes it from m_retryWaits.
    const QList<RetryWait *> waits = m_retryWaits;
    for (RetryWait *wait : waits)
        wait->end();
}

void Fetcher::abortExpired()
{
    const qint64 now = m_clock.elapsed();
    QList<quint64> expired;
    for (Exchange *live : std::as_const(m_live)) {
        if (now - live->attemptStart >= m_options.deadline.count())
            live->fired = TimeoutKind::Deadline;
        else if (now - live->transfer->lastActivity >= m_options.inactivity.count())
            live->fired = TimeoutKind::Inactivity;
        else
            continue;
        expired.append(live->id);
    }
    for (const quint64 id : std::as_const(expired))
        abortExchange(id);
}

} // namespace salvo
