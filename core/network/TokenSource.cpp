#include "TokenSource.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>

#include <curl/curl.h>

#include <algorithm>

#include "ProxyRoute.h"
#include "ThreadTlsState.h"

namespace salvo {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("salvo::TokenSource", text);
}

// Without expires_in, a token is taken to last an hour, as most servers issue them.
constexpr qint64 assumedLifetimeMs = 3'600'000;

size_t collect(char *data, size_t, size_t size, void *body)
{
    auto *text = static_cast<QByteArray *>(body);
    // A token answer is small; a page that goes on is not one.
    constexpr qsizetype largest = 1 << 20;
    if (text->size() + qsizetype(size) > largest)
        return 0;
    text->append(data, qsizetype(size));
    return size;
}

size_t collectContentType(char *data, size_t, size_t size, void *type)
{
    const QByteArray line = QByteArray(data, qsizetype(size)).trimmed();
    if (line.startsWith("HTTP/"))
        static_cast<QByteArray *>(type)->clear();
    else if (line.toLower().startsWith("content-type:"))
        *static_cast<QByteArray *>(type) = line.mid(13).trimmed().toLower();
    return size;
}

// The client's id and secret as RFC 6749 2.3.1 sends them: form-encoded, then HTTP Basic.
QByteArray clientCredentials(const SignIn &signIn)
{
    const QByteArray pair = QUrl::toPercentEncoding(signIn.clientId) + ':'
            + QUrl::toPercentEncoding(signIn.clientSecret);
    return "Authorization: Basic " + pair.toBase64();
}

QByteArray requestBody(const SignIn &signIn)
{
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("client_credentials"));
    if (!signIn.scope.isEmpty())
        form.addQueryItem(QStringLiteral("scope"), signIn.scope);
    return form.query(QUrl::FullyEncoded).toUtf8();
}

// What the endpoint's answer says, as a token or a sentence.
std::pair<QByteArray, qint64> readAnswer(long status, const QByteArray &type,
                                         const QByteArray &body, const QString &where,
                                         QString &problem)
{
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    const QString error = json.value(QStringLiteral("error")).toString();
    const QString description = json.value(QStringLiteral("error_description")).toString();
    if (type.contains("html") || body.trimmed().startsWith('<')) {
        problem = tr("the token endpoint %1 answered %2 with a web page, not a token: is the "
                     "token URL the endpoint's own?")
                          .arg(where)
                          .arg(status);
    } else if (status < 200 || status >= 300) {
        problem = error.isEmpty() ? tr("the token endpoint %1 answered %2.").arg(where).arg(status)
                                  : tr("the token endpoint %1 answered %2: %3 %4")
                                            .arg(where)
                                            .arg(status)
                                            .arg(error, description)
                                            .trimmed();
    } else if (json.value(QStringLiteral("access_token")).toString().isEmpty()) {
        problem = tr("the token endpoint %1 answered without an access_token.").arg(where);
    }
    if (!problem.isEmpty())
        return {};
    const double seconds = json.value(QStringLiteral("expires_in")).toDouble(-1);
    const qint64 lifetime = seconds > 0 ? qint64(seconds * 1000) : assumedLifetimeMs;
    return {json.value(QStringLiteral("access_token")).toString().toUtf8(), lifetime};
}

} // namespace

TokenSource::TokenSource(SignIn signIn, Reach reach)
    : m_signIn(std::move(signIn))
    , m_reach(std::move(reach))
{
    m_clock.start();
}

TokenSource::~TokenSource()
{
    // A fetch still running reads this object's settings.
    m_fetching.waitForFinished();
}

QFuture<TokenOutcome> TokenSource::token()
{
    const std::lock_guard lock(m_mutex);
    if (m_isFetching)
        return m_fetching;
    if (m_current.generation > 0 && m_clock.elapsed() < m_renewAt)
        return QtFuture::makeReadyFuture(m_current);
    m_isFetching = true;
    m_fetching = QtConcurrent::run([this] { return keep(fetch()); });
    return m_fetching;
}

void TokenSource::refused(quint64 generation)
{
    const std::lock_guard lock(m_mutex);
    if (generation == m_current.generation)
        m_renewAt = 0;
}

TokenOutcome TokenSource::keep(const Fetched &fetched)
{
    const std::lock_guard lock(m_mutex);
    m_current = {
            .token = fetched.token, .generation = ++m_lastGeneration, .problem = fetched.problem};
    const qint64 now = m_clock.elapsed();
    if (fetched.problem.isEmpty()) {
        // Renewed before it runs out, with room for a request to arrive while it is good.
        const qint64 margin = std::min<qint64>(60'000, fetched.lifetimeMs / 4);
        m_renewAt = now + fetched.lifetimeMs - margin;
    } else {
        m_renewAt = now + std::chrono::milliseconds(failureHold).count();
    }
    m_isFetching = false;
    return m_current;
}

TokenSource::Fetched TokenSource::fetch() const
{
    const QUrl url(m_signIn.tokenUrl);
    const QString where = url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery).toString();
    const QByteArray address = url.toEncoded();
    const QByteArray body = requestBody(m_signIn);
    QByteArray answer;
    QByteArray type;
    CURL *easy = curl_easy_init();
    curl_slist *headers = curl_slist_append(nullptr, clientCredentials(m_signIn).constData());
    headers = curl_slist_append(headers, "Accept: application/json");
    curl_easy_setopt(easy, CURLOPT_URL, address.constData());
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, body.constData());
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS,
                     long(std::chrono::milliseconds(fetchDeadline).count()));
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &collect);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &answer);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &collectContentType);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &type);
    const ProxyRoute::Route route
            = m_reach.route ? m_reach.route->routeFor(url) : ProxyRoute::Route{};
    curl_easy_setopt(easy, CURLOPT_PROXY, route.proxy.constData());
    if (!route.user.isEmpty()) {
        curl_easy_setopt(easy, CURLOPT_PROXYUSERNAME, route.user.constData());
        curl_easy_setopt(easy, CURLOPT_PROXYPASSWORD, route.password.constData());
    }
    const QByteArray authorities = QFile::encodeName(m_reach.authorityFile);
    if (!authorities.isEmpty())
        curl_easy_setopt(easy, CURLOPT_CAINFO, authorities.constData());
    if (!m_reach.verifyTls) {
        curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    const CURLcode code = curl_easy_perform(easy);
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(easy);
    releaseThisThreadsTlsState(); // a pooled thread may be the last thing the process waits on

    Fetched fetched;
    if (code != CURLE_OK) {
        fetched.problem = tr("the token endpoint %1 could not be reached: %2")
                                  .arg(where, QString::fromUtf8(curl_easy_strerror(code)));
        return fetched;
    }
    std::tie(fetched.token, fetched.lifetimeMs)
            = readAnswer(status, type, answer, where, fetched.problem);
    return fetched;
}

} // namespace salvo
