#include "Redaction.h"

#include <QUrl>
#include <QUrlQuery>

#include "store/StoreCodec.h"

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
