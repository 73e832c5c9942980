#pragma once

// core/network owns how a run reaches its endpoints: the proxy (ProxyRoute), the certificates
// (TlsFiles), the sign-in (SignIn, TokenSource), and what each run prepares of them once
// (RunAccess). The engine asks it, per request, which proxy, which client certificate and
// which credentials go with it.

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class QJsonObject;

namespace salvo {

enum class ProxyMode {
    System, // the environment's http_proxy, https_proxy and no_proxy, and the desktop's
    Manual, // the person's own
    None, // always direct
};

struct ProxySettings
{
    ProxyMode mode = ProxyMode::System;
    QString url; // Manual: "http://host:port" or "socks5://host:port"
    QString user;
    QString password; // a secret: the keychain's, or SALVO_PROXY_PASSWORD
    // Hosts that go direct, as curl writes them: "localhost,.internal,10.0.0.0/8", or "*".
    QString noProxy;

    friend bool operator==(const ProxySettings &, const ProxySettings &) = default;
};

enum class CertificateType { Pem, P12 };

// A client certificate presented to one host (or to every host when `host` is empty).
struct ClientCertificate
{
    QString host;
    QString certificateFile;
    QString keyFile; // empty: the key is in the certificate's file (PEM) or the bundle (P12)
    CertificateType type = CertificateType::Pem;
    QString passphrase; // a secret: the keychain's, or given on the command line

    friend bool operator==(const ClientCertificate &, const ClientCertificate &) = default;
};

struct TlsSettings
{
    // PEM files or folders of them: certificate authorities trusted beside the system's.
    QStringList extraAuthorities;
    QList<ClientCertificate> clientCertificates;

    friend bool operator==(const TlsSettings &, const TlsSettings &) = default;
};

enum class SignInKind { None, Basic, Bearer, ApiKey, OAuth2ClientCredentials };
enum class ApiKeyPlace { Header, Query };

// How every request of a batch signs in. The secrets (password, token, API key, client
// secret) live in the keychain or the environment, never in a file Salvo writes.
struct SignIn
{
    SignInKind kind = SignInKind::None;
    QString user; // Basic
    QString password; // Basic; secret
    QString token; // Bearer; secret
    QString apiKeyName; // ApiKey: the header's or query parameter's name
    QString apiKeyValue; // ApiKey; secret
    ApiKeyPlace apiKeyPlace = ApiKeyPlace::Header;
    QString tokenUrl; // OAuth2 client credentials
    QString clientId;
    QString clientSecret; // secret
    QString scope;

    friend bool operator==(const SignIn &, const SignIn &) = default;
};

// Each text field of the sign-in: what an environment's `{name}`s are filled in.
QList<QString *> signInTexts(SignIn &signIn);

// Everything about reaching the endpoints that a batch or the settings can say.
struct NetworkAccess
{
    ProxySettings proxy;
    TlsSettings tls;
    SignIn signIn;

    friend bool operator==(const NetworkAccess &, const NetworkAccess &) = default;
};

// Stable names, as files keep them: "system", "manual", "none"; "pem", "p12"; "none", "basic",
// "bearer", "api_key", "oauth2_client_credentials"; "header", "query".
QString proxyModeName(ProxyMode mode);
QString certificateTypeName(CertificateType type);
QString signInKindName(SignInKind kind);

// Every field by name, the secrets left out; a field missing keeps its default.
QJsonObject signInToJson(const SignIn &signIn);
SignIn signInFromJson(const QJsonObject &json);
std::optional<ProxyMode> proxyModeFromName(const QString &name);
QJsonObject networkAccessToJson(const NetworkAccess &access);
NetworkAccess networkAccessFromJson(const QJsonObject &json);

// The access without its secrets: what a saved batch and the history keep.
NetworkAccess withoutSecrets(NetworkAccess access);

// The secret values the access holds, the empty ones left out: what no file Salvo writes may
// contain.
QStringList secretValuesOf(const NetworkAccess &access);

} // namespace salvo
