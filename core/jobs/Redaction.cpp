#include "Redaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUrlQuery>

#include "batch/SecretHeaders.h"

namespace salvo {

bool isSecretName(QByteArrayView name)
{
    if (isSecretHeader(name))
        return true;
    const QByteArray lower = name.toByteArray().toLower();
    // Query parameters say less than headers: "key" and "sig" alone are how many APIs name
    // their keys and signatures.
    return lower == "set-cookie" || lower == "key" || lower == "sig";
}

QString redactedUrl(const QString &url)
{
    // Tolerant, as the engine reads addresses: a space or a brace must not let a key through.
    QUrl parsed(url, QUrl::TolerantMode);
    if (!parsed.isValid() || parsed.scheme().isEmpty())
        return url;
    const bool hadUserInfo = !parsed.userInfo().isEmpty();
    if (hadUserInfo) {
        parsed.setUserName(QString(redactedValue));
        parsed.setPassword(QString());
    }
    if (!parsed.hasQuery())
        return hadUserInfo ? parsed.toString(QUrl::FullyEncoded) : url;
    QUrlQuery query(parsed);
    bool changed = false;
    QList<std::pair<QString, QString>> items = query.queryItems(QUrl::FullyEncoded);
    for (auto &[name, value] : items) {
        if (!value.isEmpty() && isSecretName(QUrl::fromPercentEncoding(name.toUtf8()).toUtf8())) {
            value = redactedValue;
            changed = true;
        }
    }
    if (!changed)
        return hadUserInfo ? parsed.toString(QUrl::FullyEncoded) : url;
    query.setQueryItems(items);
    parsed.setQuery(query);
    return parsed.toString(QUrl::FullyEncoded);
}

namespace {

QJsonValue redactedJson(const QJsonValue &value)
{
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            *it = isSecretName(it.key().toUtf8()) && !it.value().isNull()
                    ? QJsonValue(QString(redactedValue))
                    : redactedJson(it.value());
        }
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (auto it = array.begin(); it != array.end(); ++it)
            *it = redactedJson(*it);
        return array;
    }
    return value;
}

} // namespace

QByteArray redactedRequestBody(const QByteArray &body, QByteArrayView contentType)
{
    const QByteArray type = contentType.toByteArray().toLower();
    if (type.startsWith("application/x-www-form-urlencoded")) {
        QUrlQuery form(QString::fromUtf8(body));
        QList<std::pair<QString, QString>> items = form.queryItems(QUrl::FullyEncoded);
        bool changed = false;
        for (auto &[name, value] : items) {
            if (!value.isEmpty()
                && isSecretName(QUrl::fromPercentEncoding(name.toUtf8()).toUtf8())) {
                value = redactedValue;
                changed = true;
            }
        }
        if (!changed)
            return body;
        form.setQueryItems(items);
        return form.toString(QUrl::FullyEncoded).toUtf8();
    }
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || (!json.isObject() && !json.isArray()))
        return body;
    const QJsonValue redacted
            = redactedJson(json.isObject() ? QJsonValue(json.object()) : QJsonValue(json.array()));
    const QJsonDocument out = redacted.isObject() ? QJsonDocument(redacted.toObject())
                                                  : QJsonDocument(redacted.toArray());
    return out == json ? body : out.toJson(QJsonDocument::Compact);
}

void redactSecrets(Result &result)
{
    for (auto &[name, value] : result.headers) {
        if (isSecretName(name))
            value = QByteArray(redactedValue.data(), redactedValue.size());
        else if (name.compare("Location", Qt::CaseInsensitive) == 0)
            value = redactedUrl(QString::fromUtf8(value)).toUtf8();
    }
    result.url = redactedUrl(result.url);
    for (QString &redirect : result.redirects)
        redirect = redactedUrl(redirect);
}

} // namespace salvo
