#include "ConnectionFacts.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace salvo {
namespace {

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonValue msOrNull(int ms)
{
    return ms < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(ms);
}

int msOf(const QJsonObject &record, const QString &key)
{
    const QJsonValue value = record.value(key);
    return value.isDouble() && value.toDouble() >= 0 ? value.toInt() : -1;
}

} // namespace

void addConnectionFields(QJsonObject &record, const ConnectionFacts &facts)
{
    record.insert(QStringLiteral("http_version"), textOrNull(facts.httpVersion));
    record.insert(QStringLiteral("remote_address"), textOrNull(facts.remoteAddress));
    record.insert(QStringLiteral("dns_ms"), msOrNull(facts.dnsMs));
    record.insert(QStringLiteral("connect_ms"), msOrNull(facts.connectMs));
    record.insert(QStringLiteral("tls_ms"), msOrNull(facts.tlsMs));
    record.insert(QStringLiteral("certificate_subject"), textOrNull(facts.certificateSubject));
    record.insert(QStringLiteral("certificate_issuer"), textOrNull(facts.certificateIssuer));
    record.insert(QStringLiteral("certificate_expires"),
                  facts.certificateExpires.isValid()
                          ? QJsonValue(facts.certificateExpires.toString(Qt::ISODate))
                          : QJsonValue(QJsonValue::Null));
}

ConnectionFacts connectionFactsFromJson(const QJsonObject &record)
{
    ConnectionFacts facts;
    facts.httpVersion = record.value(QStringLiteral("http_version")).toString();
    facts.remoteAddress = record.value(QStringLiteral("remote_address")).toString();
    facts.dnsMs = msOf(record, QStringLiteral("dns_ms"));
    facts.connectMs = msOf(record, QStringLiteral("connect_ms"));
    facts.tlsMs = msOf(record, QStringLiteral("tls_ms"));
    facts.certificateSubject = record.value(QStringLiteral("certificate_subject")).toString();
    facts.certificateIssuer = record.value(QStringLiteral("certificate_issuer")).toString();
    facts.certificateExpires = QDate::fromString(
            record.value(QStringLiteral("certificate_expires")).toString(), Qt::ISODate);
    return facts;
}

QString connectionFactsToText(const ConnectionFacts &facts)
{
    if (facts == ConnectionFacts())
        return {};
    QJsonObject record;
    // The certificate is kept with the answer whose connection read it: the rows on a
    // connection kept open would repeat it, a hundred bytes a row in a run of a million.
    ConnectionFacts kept = facts;
    if (facts.connectMs < 0 && facts.dnsMs < 0) {
        kept.certificateSubject.clear();
        kept.certificateIssuer.clear();
        kept.certificateExpires = {};
    }
    addConnectionFields(record, kept);
    // Only what is known: most of a history's rows reuse a connection.
    for (auto it = record.begin(); it != record.end();)
        it = it->isNull() ? record.erase(it) : std::next(it);
    return QString::fromUtf8(QJsonDocument(record).toJson(QJsonDocument::Compact));
}

ConnectionFacts connectionFactsFromText(const QString &text)
{
    if (text.isEmpty())
        return {};
    return connectionFactsFromJson(QJsonDocument::fromJson(text.toUtf8()).object());
}

} // namespace salvo
