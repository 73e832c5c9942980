#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QString>

#include <coroutine>

#include <curl/curl.h>

#include "result/Result.h"

namespace salvo {

// One HTTP request on the wire through libcurl, and what came back: the status, headers and
// body of the final answer (the body kept up to a cap, every byte counted), and libcurl's
// code and words when it failed. Made, performed by a CurlMulti, then read; one use.
class CurlTransfer final
{
public:
    struct Request
    {
        QByteArray url; // fully encoded
        QByteArray method; // GET, HEAD, POST, ...
        QByteArray body; // sent when not empty, or when the method is not GET or HEAD
        curl_slist *headers = nullptr; // not owned; outlives the transfer
        bool verifyTls = true;
        qint64 keepBodyBytes = 0; // the rest is counted, not kept
        bool keepHeaders = true;
        // libcurl may send the request once more on a new connection when the reused one
        // closed before any answer, as curl does: true for idempotent methods only.
        bool sendAgainAllowed = true;
        QByteArray proxy; // "scheme://host:port", or empty to go direct
        QByteArray proxyUser; // empty: the proxy asks for no sign-in
        QByteArray proxyPassword;
        QByteArray authorityFile; // every certificate authority trusted; empty: libcurl's own
        // The client certificate presented, when one is; its file names as libcurl takes them.
        QByteArray certificateFile;
        QByteArray certificateType; // "PEM" or "P12"
        QByteArray keyFile; // empty: in the certificate's file
        QByteArray keyPassphrase;
        CURLSH *cookies = nullptr; // the run's cookie jar, when it keeps cookies; not owned
    };

    CurlTransfer(Request request, const QElapsedTimer &clock);
    ~CurlTransfer();
    Q_DISABLE_COPY_MOVE(CurlTransfer)

    CURL *easy() const { return m_easy; }

    // Filled in as the answer arrives.
    int status = 0;
    // The final answer's headers ended with their blank line: an answer cut short inside
    // them is no answer.
    bool headersComplete = false;
    HeaderList headers;
    QByteArray contentType;
    QByteArray location;
    QByteArray retryAfter;
    QByteArray body;
    qint64 bytes = 0; // body bytes received, after decoding
    bool truncated = false;
    qint64 firstByteAt = -1; // clock time of the status line of the final answer
    qint64 lastActivity = 0; // clock time of the last byte either way
    bool http2 = false;
    // Times the request went out: libcurl sends it once more on a new connection when the
    // reused one it went out on closed before any answer (counted by CURLOPT_PREREQFUNCTION).
    int sends = 0;
    // The body unpacked to far more than was sent, and was stopped (a compression bomb).
    bool compressionBomb = false;

    // Set when the transfer ends: the HTTP version, address and times of the answer, and the
    // server certificate when a new TLS connection was made for it (libcurl sees none on a
    // connection kept open).
    ConnectionFacts facts;
    bool newConnection = false;

    CURLcode code = CURLE_OK;
    QString errorText; // libcurl's own words, or empty

private:
    friend class CurlMulti;
    static size_t onBody(char *data, size_t, size_t size, void *self);
    static size_t onHeader(char *data, size_t, size_t size, void *self);
    static size_t onReadBody(char *buffer, size_t, size_t room, void *self);
    static int onRewindBody(void *self, curl_off_t offset, int origin);
    static int onSending(void *self, char *, char *, int, int);
    static int onProgress(void *self, curl_off_t, curl_off_t, curl_off_t, curl_off_t uploaded);
    void setMethodAndBody();
    void setCertificates();
    void headerLine(QByteArrayView line);
    void ended(CURLcode result);
    void readConnectionFacts();

    Request m_request;
    const QElapsedTimer &m_clock;
    CURL *m_easy;
    char m_errorBuffer[CURL_ERROR_SIZE] = {};
    curl_off_t m_uploaded = 0;
    qsizetype m_bodySent = 0;
    bool m_inHeaders = false;
    std::coroutine_handle<> m_waiter;
};

} // namespace salvo
