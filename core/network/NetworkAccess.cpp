#include "NetworkAccess.h"

#include <QJsonArray>
#include <QJsonObject>

#include <array>
#include <utility>

namespace salvo {
namespace {

template<typename Enum, size_t N>
QString nameIn(const std::array<std::pair<Enum, const char *>, N> &names, Enum value)
{
    for (const auto &[each, name] : names) {
        if (each == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template<typename Enum, size_t N>
Enum valueIn(const std::array<std::pair<Enum, const char *>, N> &names, const QString &name,
             Enum fallback)
{
    for (const auto &[each, text] : names) {
        if (name == QLatin1String(text))
            return each;
    }
    return fallback;
}

constexpr std::array proxyModes{std::pair{ProxyMode::System, "system"},
                                std::pair{ProxyMode::Manual, "manual"},
                                std::pair{ProxyMode::None, "none"}};
constexpr std::array certificateTypes{std::pair{CertificateType::Pem, "pem"},
                                      std::pair{CertificateType::P12, "p12"}};
constexpr std::array signInKinds{
        std::pair{SignInKind::None, "none"}, std::pair{SignInKind::Basic, "basic"},
        std::pair{SignInKind::Bearer, "bearer"}, std::pair{SignInKind::ApiKey, "api_key"},
        std::pair{SignInKind::OAuth2ClientCredentials, "oauth2_client_credentials"}};
constexpr std::array apiKeyPlaces{std::pair{ApiKeyPlace::Header, "header"},
                                  std::pair{ApiKeyPlace::Query, "query"}};

QJsonObject proxyToJson(const ProxySettings &proxy)
{
    return {{QStringLiteral("mode"), proxyModeName(proxy.mode)},
            {QStringLiteral("url"), proxy.url},
            {QStringLiteral("user"), proxy.user},
            {QStringLiteral("no_proxy"), proxy.noProxy}};
}

ProxySettings proxyFromJson(const QJsonObject &json)
{
    ProxySettings proxy;
    proxy.mode = valueIn(proxyModes, json.value(QStringLiteral("mode")).toString(), proxy.mode);
    proxy.url = json.value(QStringLiteral("url")).toString();
    proxy.user = json.value(QStringLiteral("user")).toString();
    proxy.noProxy = json.value(QStringLiteral("no_proxy")).toString();
    return proxy;
}

QJsonObject tlsToJson(const TlsSettings &tls)
{
    QJsonArray certificates;
    for (const ClientCertificate &each : tls.clientCertificates) {
        certificates.append(QJsonObject{{QStringLiteral("host"), each.host},
                                        {QStringLiteral("cert"), each.certificateFile},
                                        {QStringLiteral("key"), each.keyFile},
                                        {QStringLiteral("type"), certificateTypeName(each.type)}});
    }
    return {{QStringLiteral("cacert"), QJsonArray::fromStringList(tls.extraAuthorities)},
            {QStringLiteral("client_certificates"), certificates}};
}

TlsSettings tlsFromJson(const QJsonObject &json)
{
    TlsSettings tls;
    for (const QJsonValue &path : json.value(QStringLiteral("cacert")).toArray()) {
        if (!path.toString().isEmpty())
            tls.extraAuthorities.append(path.toString());
    }
    for (const QJsonValue &value : json.value(QStringLiteral("client_certificates")).toArray()) {
        const QJsonObject each = value.toObject();
        ClientCertificate certificate;
        certificate.host = each.value(QStringLiteral("host")).toString();
        certificate.certificateFile = each.value(QStringLiteral("cert")).toString();
        certificate.keyFile = each.value(QStringLiteral("key")).toString();
        certificate.type = valueIn(certificateTypes, each.value(QStringLiteral("type")).toString(),
                                   CertificateType::Pem);
        if (!certificate.certificateFile.isEmpty())
            tls.clientCertificates.append(certificate);
    }
    return tls;
}

} // namespace

QString proxyModeName(ProxyMode mode)
{
    return nameIn(proxyModes, mode);
}

QString certificateTypeName(CertificateType type)
{
    return nameIn(certificateTypes, type);
}

QString signInKindName(SignInKind kind)
{
    return nameIn(signInKinds, kind);
}

QJsonObject signInToJson(const SignIn &signIn)
{
    return {{QStringLiteral("kind"), signInKindName(signIn.kind)},
            {QStringLiteral("user"), signIn.user},
            {QStringLiteral("api_key_name"), signIn.apiKeyName},
            {QStringLiteral("api_key_in"), nameIn(apiKeyPlaces, signIn.apiKeyPlace)},
            {QStringLiteral("token_url"), signIn.tokenUrl},
            {QStringLiteral("client_id"), signIn.clientId},
            {QStringLiteral("scope"), signIn.scope}};
}

SignIn signInFromJson(const QJsonObject &json)
{
    SignIn signIn;
    signIn.kind = valueIn(signInKinds, json.value(QStringLiteral("kind")).toString(), signIn.kind);
    signIn.user = json.value(QStringLiteral("user")).toString();
    signIn.apiKeyName = json.value(QStringLiteral("api_key_name")).toString();
    signIn.apiKeyPlace = valueIn(apiKeyPlaces, json.value(QStringLiteral("api_key_in")).toString(),
                                 signIn.apiKeyPlace);
    signIn.tokenUrl = json.value(QStringLiteral("token_url")).toString();
    signIn.clientId = json.value(QStringLiteral("client_id")).toString();
    signIn.scope = json.value(QStringLiteral("scope")).toString();
    return signIn;
}

std::optional<ProxyMode> proxyModeFromName(const QString &name)
{
    for (const auto &[mode, text] : proxyModes) {
        if (name == QLatin1String(text))
            return mode;
    }
    return std::nullopt;
}

QJsonObject networkAccessToJson(const NetworkAccess &access)
{
    return {{QStringLiteral("proxy"), proxyToJson(access.proxy)},
            {QStringLiteral("tls"), tlsToJson(access.tls)},
            {QStringLiteral("sign_in"), signInToJson(access.signIn)}};
}

NetworkAccess networkAccessFromJson(const QJsonObject &json)
{
    return {.proxy = proxyFromJson(json.value(QStringLiteral("proxy")).toObject()),
            .tls = tlsFromJson(json.value(QStringLiteral("tls")).toObject()),
            .signIn = signInFromJson(json.value(QStringLiteral("sign_in")).toObject())};
}

NetworkAccess withoutSecrets(NetworkAccess access)
{
    access.proxy.password.clear();
    for (ClientCertificate &certificate : access.tls.clientCertificates)
        certificate.passphrase.clear();
    access.signIn.password.clear();
    access.signIn.token.clear();
    access.signIn.apiKeyValue.clear();
    access.signIn.clientSecret.clear();
    return access;
}

QStringList secretValuesOf(const NetworkAccess &access)
{
    QStringList secrets{access.proxy.password, access.signIn.password, access.signIn.token,
                        access.signIn.apiKeyValue, access.signIn.clientSecret};
    for (const ClientCertificate &certificate : access.tls.clientCertificates)
        secrets.append(certificate.passphrase);
    secrets.removeAll(QString());
    return secrets;
}

QList<QString *> signInTexts(SignIn &signIn)
{
    return {&signIn.user,       &signIn.password,     &signIn.token,
            &signIn.apiKeyName, &signIn.apiKeyValue,  &signIn.tokenUrl,
            &signIn.clientId,   &signIn.clientSecret, &signIn.scope};
}

} // namespace salvo
