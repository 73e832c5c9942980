#pragma once

#include <QDate>
#include <QString>

class QJsonObject;

namespace salvo {

// How an answer came: facts of its connection, where libcurl gives them. A time of -1 did not
// happen for this answer: its connection was one kept open by an earlier request, or it never
// got that far.
struct ConnectionFacts
{
    QString httpVersion; // "http/1.1", "h2", "http/1.0"; empty without an answer
    QString remoteAddress; // "127.0.0.1:8080", "[2001:db8::1]:443"
    int dnsMs = -1; // looking the name up
    int connectMs = -1; // the TCP connection, after the look-up
    int tlsMs = -1; // the TLS handshake, after the connection
    // The server's certificate (https); empty and invalid for plain http.
    QString certificateSubject;
    QString certificateIssuer;
    QDate certificateExpires; // the day its validity ends (UTC)

    bool isEmpty() const { return httpVersion.isEmpty() && remoteAddress.isEmpty(); }
    // Whole days from `today` until the certificate expires; negative once it has.
    int certificateDaysLeft(const QDate &today) const
    {
        return int(today.daysTo(certificateExpires));
    }

    friend bool operator==(const ConnectionFacts &, const ConnectionFacts &) = default;
};

// The facts as the JSON Lines records carry them, each field present (null when unknown):
// http_version, remote_address, dns_ms, connect_ms, tls_ms, certificate_subject,
// certificate_issuer, certificate_expires (an ISO date).
void addConnectionFields(QJsonObject &record, const ConnectionFacts &facts);
// Read back from such a record (or the history's JSON); a missing field stays unknown.
ConnectionFacts connectionFactsFromJson(const QJsonObject &record);

// The facts as one compact JSON text for the history, empty when there are none. An answer on
// a connection kept open leaves its certificate out: the answer that opened it has it.
QString connectionFactsToText(const ConnectionFacts &facts);
ConnectionFacts connectionFactsFromText(const QString &text);

} // namespace salvo
