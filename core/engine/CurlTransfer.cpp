#include "CurlTransfer.h"

#include <QLocale>

#include <algorithm>
#include <cstring>

namespace salvo {
namespace {

// What Qt's guard against compression bombs used, kept: past 10 MiB unpacked, a body that
// unpacks to more than 40 times what was sent is stopped.
constexpr qint64 bombCheckFrom = qint64(10) << 20;
constexpr qint64 bombRatio = 40;

QString httpVersionName(long version)
{
    switch (version) {
    case CURL_HTTP_VERSION_1_0:
        return QStringLiteral("http/1.0");
    case CURL_HTTP_VERSION_1_1:
        return QStringLiteral("http/1.1");
    case CURL_HTTP_VERSION_2_0:
        return QStringLiteral("h2");
    case CURL_HTTP_VERSION_3:
        return QStringLiteral("h3");
    default:
        return {};
    }
}

// The leaf certificate's subject, issuer and end date, from libcurl's text of the chain
// ("Subject:CN = example.com", "Expire date:Jan  7 18:25:40 2027 GMT").
void readCertificate(CURL *easy, ConnectionFacts &facts)
{
    curl_certinfo *chain = nullptr;
    if (curl_easy_getinfo(easy, CURLINFO_CERTINFO, &chain) != CURLE_OK || !chain
        || chain->num_of_certs < 1)
        return;
    for (const curl_slist *field = chain->certinfo[0]; field; field = field->next) {
        const QByteArrayView line(field->data);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArrayView name = line.first(colon);
        const QString value = QString::fromUtf8(line.sliced(colon + 1)).trimmed();
        if (name == "Subject")
            facts.certificateSubject = value;
        else if (name == "Issuer")
            facts.certificateIssuer = value;
        else if (name == "Expire date")
            facts.certificateExpires
                    = QLocale::c()
                              .toDateTime(value.simplified(),
                                          QStringLiteral("MMM d HH:mm:ss yyyy 'GMT'"))
                              .date();
    }
}

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

} // namespace

CurlTransfer::CurlTransfer(Request request, const QElapsedTimer &clock)
    : m_request(std::move(request))
    , m_clock(clock)
    , m_easy(curl_easy_init())
{
    lastActivity = m_clock.elapsed();
    CURL *easy = m_easy;
    curl_easy_setopt(easy, CURLOPT_URL, m_request.url.constData());
    curl_easy_setopt(easy, CURLOPT_PRIVATE, this);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, m_errorBuffer);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &CurlTransfer::onBody);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &CurlTransfer::onHeader);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, this);
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, m_request.headers);
    curl_easy_setopt(easy, CURLOPT_PREREQFUNCTION, &CurlTransfer::onSending);
    curl_easy_setopt(easy, CURLOPT_PREREQDATA, this);
    // Only http and https, also after a redirect (which the engine follows itself).
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    // Every encoding libcurl can unpack, unpacked; the body is what the server meant.
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
    // The proxy the run's ProxyRoute chose, or "" for none: libcurl never picks one from the
    // environment by itself.
    curl_easy_setopt(easy, CURLOPT_PROXY, m_request.proxy.constData());
    if (!m_request.proxyUser.isEmpty()) {
        curl_easy_setopt(easy, CURLOPT_PROXYUSERNAME, m_request.proxyUser.constData());
        curl_easy_setopt(easy, CURLOPT_PROXYPASSWORD, m_request.proxyPassword.constData());
    }
    setCertificates();
    if (m_request.cookies) {
        curl_easy_setopt(easy, CURLOPT_SHARE, m_request.cookies);
        curl_easy_setopt(easy, CURLOPT_COOKIEFILE, ""); // the cookie engine, no file
    }
    // Over https, wait for the first connection's TLS handshake to say whether it speaks
    // HTTP/2 and can carry this request beside others, rather than open one more. (Plain http
    // never multiplexes: waiting there would hold every request behind the first answer.)
    if (m_request.url.startsWith("https:")) {
        curl_easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
        // The server certificate's subject, issuer and dates, read on each new connection.
        curl_easy_setopt(easy, CURLOPT_CERTINFO, 1L);
    }
    // The engine's own timers end a transfer; libcurl must not end one by itself.
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    if (!m_request.verifyTls) {
        curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
    }

    setMethodAndBody();
}

void CurlTransfer::setCertificates()
{
    CURL *easy = m_easy;
    if (!m_request.authorityFile.isEmpty())
        curl_easy_setopt(easy, CURLOPT_CAINFO, m_request.authorityFile.constData());
    if (m_request.certificateFile.isEmpty())
        return;
    curl_easy_setopt(easy, CURLOPT_SSLCERT, m_request.certificateFile.constData());
    curl_easy_setopt(easy, CURLOPT_SSLCERTTYPE, m_request.certificateType.constData());
    if (!m_request.keyFile.isEmpty())
        curl_easy_setopt(easy, CURLOPT_SSLKEY, m_request.keyFile.constData());
    if (!m_request.keyPassphrase.isEmpty())
        curl_easy_setopt(easy, CURLOPT_KEYPASSWD, m_request.keyPassphrase.constData());
}

void CurlTransfer::setMethodAndBody()
{
    CURL *easy = m_easy;
    const QByteArray &method = m_request.method;
    if (method == "HEAD") {
        curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
        return;
    }
    if (method == "GET" && m_request.body.isEmpty())
        return;
    if (method != "POST")
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, method.constData());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(m_request.body.size()));
    // A body being sent is activity too, for the inactivity timer.
    curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, &CurlTransfer::onProgress);
    curl_easy_setopt(easy, CURLOPT_XFERINFODATA, this);
    if (m_request.sendAgainAllowed) {
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, m_request.body.constData());
        return;
    }
    // libcurl sends a request once more by itself when the reused connection it went out on
    // was closed before any answer, rewinding its body first. A POST or PATCH must reach the
    // server at most once: its body is read through a callback that refuses to rewind, so
    // libcurl gives up instead (CURLE_SEND_FAIL_REWIND). A request without a body has nothing
    // to rewind; it goes on a new connection of its own, which libcurl never sends again on.
    if (m_request.body.isEmpty()) {
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, "");
        curl_easy_setopt(easy, CURLOPT_FRESH_CONNECT, 1L);
        return;
    }
    curl_easy_setopt(easy, CURLOPT_POST, 1L);
    curl_easy_setopt(easy, CURLOPT_READFUNCTION, &CurlTransfer::onReadBody);
    curl_easy_setopt(easy, CURLOPT_READDATA, this);
    curl_easy_setopt(easy, CURLOPT_SEEKFUNCTION, &CurlTransfer::onRewindBody);
    curl_easy_setopt(easy, CURLOPT_SEEKDATA, this);
}

size_t CurlTransfer::onReadBody(char *buffer, size_t, size_t room, void *self)
{
    auto *transfer = static_cast<CurlTransfer *>(self);
    const QByteArray &body = transfer->m_request.body;
    const qsizetype count = std::min(qsizetype(room), body.size() - transfer->m_bodySent);
    std::memcpy(buffer, body.constData() + transfer->m_bodySent, size_t(count));
    transfer->m_bodySent += count;
    return size_t(count);
}

int CurlTransfer::onRewindBody(void *, curl_off_t, int)
{
    return CURL_SEEKFUNC_CANTSEEK;
}

CurlTransfer::~CurlTransfer()
{
    curl_easy_cleanup(m_easy);
}

size_t CurlTransfer::onBody(char *data, size_t, size_t size, void *self)
{
    auto *transfer = static_cast<CurlTransfer *>(self);
    transfer->lastActivity = transfer->m_clock.elapsed();
    const qint64 arrived = qint64(size);
    transfer->bytes += arrived;
    const qint64 room = transfer->m_request.keepBodyBytes - transfer->body.size();
    // A first chunk is copied at its size: most bodies come in one, and then neither a grown
    // buffer nor squeeze()'s copy of it is made.
    if (room > 0 && transfer->body.isEmpty())
        transfer->body = QByteArray(data, qsizetype(std::min(room, arrived)));
    else if (room > 0)
        transfer->body.append(data, qsizetype(std::min(room, arrived)));
    if (arrived > room && transfer->m_request.keepBodyBytes > 0)
        transfer->truncated = true;
    if (transfer->bytes > bombCheckFrom) {
        curl_off_t sent = 0;
        curl_easy_getinfo(transfer->m_easy, CURLINFO_SIZE_DOWNLOAD_T, &sent);
        if (sent > 0 && transfer->bytes / sent > bombRatio) {
            transfer->compressionBomb = true;
            return 0; // CURLE_WRITE_ERROR
        }
    }
    return size;
}

int CurlTransfer::onSending(void *self, char *, char *, int, int)
{
    ++static_cast<CurlTransfer *>(self)->sends;
    return CURL_PREREQFUNC_OK;
}

size_t CurlTransfer::onHeader(char *data, size_t, size_t size, void *self)
{
    auto *transfer = static_cast<CurlTransfer *>(self);
    transfer->lastActivity = transfer->m_clock.elapsed();
    transfer->headerLine(QByteArrayView(data, qsizetype(size)).trimmed());
    return size;
}

int CurlTransfer::onProgress(void *self, curl_off_t, curl_off_t, curl_off_t, curl_off_t uploaded)
{
    auto *transfer = static_cast<CurlTransfer *>(self);
    if (uploaded != transfer->m_uploaded) {
        transfer->m_uploaded = uploaded;
        transfer->lastActivity = transfer->m_clock.elapsed();
    }
    return 0;
}

void CurlTransfer::headerLine(QByteArrayView line)
{
    if (line.startsWith("HTTP/")) {
        // A new answer begins: an interim 1xx, or the final one. Only the last is kept.
        headers.clear();
        contentType.clear();
        location.clear();
        retryAfter.clear();
        firstByteAt = lastActivity;
        m_inHeaders = true;
        headersComplete = false;
        return;
    }
    if (line.isEmpty()) {
        headersComplete = m_inHeaders;
        m_inHeaders = false;
        return;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return;
    const QByteArrayView name = line.first(colon).trimmed();
    const QByteArrayView value = line.sliced(colon + 1).trimmed();
    if (equalsIgnoringCase(name, "content-type"))
        contentType = value.toByteArray();
    else if (equalsIgnoringCase(name, "location"))
        location = value.toByteArray();
    else if (equalsIgnoringCase(name, "retry-after"))
        retryAfter = value.toByteArray();
    if (m_request.keepHeaders)
        headers.append({name.toByteArray(), value.toByteArray()});
}

void CurlTransfer::ended(CURLcode result)
{
    code = result;
    long httpStatus = 0;
    curl_easy_getinfo(m_easy, CURLINFO_RESPONSE_CODE, &httpStatus);
    status = int(httpStatus);
    long version = 0;
    curl_easy_getinfo(m_easy, CURLINFO_HTTP_VERSION, &version);
    http2 = version == CURL_HTTP_VERSION_2_0;
    readConnectionFacts();
    if (result != CURLE_OK) {
        errorText = QString::fromUtf8(m_errorBuffer);
        if (errorText.isEmpty())
            errorText = QString::fromUtf8(curl_easy_strerror(result));
    }
    body.squeeze();
}

void CurlTransfer::readConnectionFacts()
{
    long version = 0;
    curl_easy_getinfo(m_easy, CURLINFO_HTTP_VERSION, &version);
    if (status > 0)
        facts.httpVersion = httpVersionName(version);
    char *address = nullptr;
    long port = 0;
    curl_easy_getinfo(m_easy, CURLINFO_PRIMARY_IP, &address);
    curl_easy_getinfo(m_easy, CURLINFO_PRIMARY_PORT, &port);
    if (address && *address) {
        const QString ip = QString::fromLatin1(address);
        facts.remoteAddress
                = (ip.contains(u':') ? u'[' + ip + u']' : ip) + u':' + QString::number(port);
    }
    long connects = 0;
    curl_easy_getinfo(m_easy, CURLINFO_NUM_CONNECTS, &connects);
    newConnection = connects > 0;
    if (!newConnection)
        return;
    // libcurl's times are from the start, each including the one before it.
    curl_off_t lookedUp = 0, connected = 0, handshaken = 0;
    curl_easy_getinfo(m_easy, CURLINFO_NAMELOOKUP_TIME_T, &lookedUp);
    curl_easy_getinfo(m_easy, CURLINFO_CONNECT_TIME_T, &connected);
    curl_easy_getinfo(m_easy, CURLINFO_APPCONNECT_TIME_T, &handshaken);
    const auto ms = [](curl_off_t microseconds) { return int(microseconds / 1000); };
    facts.dnsMs = ms(lookedUp);
    if (connected > 0)
        facts.connectMs = ms(connected - lookedUp);
    if (handshaken > 0)
        facts.tlsMs = ms(handshaken - connected);
    readCertificate(m_easy, facts);
}

} // namespace salvo
