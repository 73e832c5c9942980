#include "RunAccess.h"

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryFile>
#include <QUrlQuery>

#include "TlsFiles.h"
#include "TokenSource.h"

namespace salvo {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("salvo::RunAccess", text);
}

bool isWebAddress(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == u"http" || url.scheme() == u"https")
            && !url.host().isEmpty();
}

// A header's name: a token of RFC 9110, which a typo with a space or colon is not.
bool isHeaderName(const QString &name)
{
    static const QString allowed = QStringLiteral("!#$%&'*+-.^_`|~");
    return !name.isEmpty() && std::all_of(name.begin(), name.end(), [](QChar c) {
        return c.isLetterOrNumber() && c.unicode() < 128 ? true : allowed.contains(c);
    });
}

QList<QByteArray> headersOf(const SignIn &signIn)
{
    switch (signIn.kind) {
    case SignInKind::Basic:
        return {"Authorization: Basic "
                + (signIn.user + u':' + signIn.password).toUtf8().toBase64()};
    case SignInKind::Bearer:
        return {"Authorization: Bearer " + signIn.token.toUtf8()};
    case SignInKind::ApiKey:
        if (signIn.apiKeyPlace == ApiKeyPlace::Header)
            return {signIn.apiKeyName.toUtf8() + ": " + signIn.apiKeyValue.toUtf8()};
        return {};
    case SignInKind::None:
    case SignInKind::OAuth2ClientCredentials:
        return {};
    }
    return {};
}

bool hostMatches(const QString &pattern, const QString &host)
{
    if (pattern.isEmpty() || pattern == u"*")
        return true;
    if (pattern.startsWith(u"*."))
        return host.endsWith(pattern.mid(1), Qt::CaseInsensitive);
    return host.compare(pattern, Qt::CaseInsensitive) == 0;
}

Expected<std::unique_ptr<QTemporaryFile>> authorityBundle(const QStringList &extra,
                                                          QStringList *warnings)
{
    if (extra.isEmpty())
        return std::unique_ptr<QTemporaryFile>();
    const Expected<QByteArray> added = readAuthorities(extra, warnings);
    if (!added)
        return added.error();
    // libcurl takes one bundle: the system's, with the person's after it. A file, not a blob,
    // so that libcurl parses it once for all of a thread's connections.
    auto file = std::make_unique<QTemporaryFile>(QDir::tempPath()
                                                 + QStringLiteral("/salvo-authorities-XXXXXX.pem"));
    const QByteArray bundle = systemAuthorities() + '\n' + *added;
    if (!file->open() || file->write(bundle) != bundle.size() || !file->flush())
        return inputError(tr("Cannot gather the certificate authorities into %1: %2")
                                  .arg(file->fileName(), file->errorString()));
    file->close();
    return file;
}

} // namespace

Expected<> checkProxySettings(const ProxySettings &proxy)
{
    if (proxy.mode != ProxyMode::Manual)
        return {};
    const Expected<QNetworkProxy> read = parseProxyUrl(proxy.url);
    if (!read)
        return read.error();
    return {};
}

Expected<> checkSignIn(const SignIn &signIn)
{
    const auto missing
            = [](const QString &what) { return inputError(tr("The sign-in needs %1.").arg(what)); };
    switch (signIn.kind) {
    case SignInKind::None:
        return {};
    case SignInKind::Basic:
        if (signIn.user.isEmpty())
            return missing(tr("a user name"));
        return {};
    case SignInKind::Bearer:
        if (signIn.token.isEmpty())
            return missing(tr("a token"));
        return {};
    case SignInKind::ApiKey:
        if (signIn.apiKeyName.isEmpty())
            return missing(tr("the name of the API key's header or query parameter"));
        if (signIn.apiKeyPlace == ApiKeyPlace::Header && !isHeaderName(signIn.apiKeyName))
            return inputError(tr("\"%1\" cannot be the name of a header.").arg(signIn.apiKeyName));
        if (signIn.apiKeyValue.isEmpty())
            return missing(tr("the API key"));
        return {};
    case SignInKind::OAuth2ClientCredentials:
        if (!isWebAddress(signIn.tokenUrl))
            return inputError(tr("The sign-in's token URL \"%1\" is not an http or https "
                                 "address.")
                                      .arg(signIn.tokenUrl));
        if (signIn.clientId.isEmpty())
            return missing(tr("a client id"));
        if (signIn.clientSecret.isEmpty())
            return missing(tr("a client secret"));
        return {};
    }
    return {};
}

Expected<std::shared_ptr<const RunAccess>> RunAccess::prepare(const NetworkAccess &access,
                                                              QStringList *warnings)
{
    if (Expected<> proxy = checkProxySettings(access.proxy); !proxy)
        return proxy.error();
    if (Expected<> signIn = checkSignIn(access.signIn); !signIn)
        return signIn.error();
    for (const ClientCertificate &certificate : access.tls.clientCertificates) {
        if (Expected<> checked = checkClientCertificate(certificate, warnings); !checked)
            return checked.error();
    }
    Expected<std::unique_ptr<QTemporaryFile>> authorities
            = authorityBundle(access.tls.extraAuthorities, warnings);
    if (!authorities)
        return authorities.error();

    std::shared_ptr<RunAccess> prepared(new RunAccess);
    prepared->m_settings = access;
    prepared->m_route = std::make_unique<ProxyRoute>(access.proxy);
    prepared->m_authorities = std::move(*authorities);
    prepared->m_signInHeaders = headersOf(access.signIn);
    if (access.signIn.kind == SignInKind::OAuth2ClientCredentials) {
        prepared->m_tokens = std::make_unique<TokenSource>(
                access.signIn,
                TokenSource::Reach{.route = prepared->m_route.get(),
                                   .authorityFile = prepared->authorityFile(),
                                   .verifyTls = true});
    }
    return std::shared_ptr<const RunAccess>(std::move(prepared));
}

RunAccess::~RunAccess() = default;

QString RunAccess::authorityFile() const
{
    return m_authorities ? m_authorities->fileName() : QString();
}

const ClientCertificate *RunAccess::clientCertificateFor(const QString &host) const
{
    for (const ClientCertificate &certificate : m_settings.tls.clientCertificates) {
        if (hostMatches(certificate.host, host))
            return &certificate;
    }
    return nullptr;
}

QUrl RunAccess::withApiKey(const QUrl &url) const
{
    const SignIn &signIn = m_settings.signIn;
    if (signIn.kind != SignInKind::ApiKey || signIn.apiKeyPlace != ApiKeyPlace::Query)
        return url;
    QUrlQuery query(url);
    query.addQueryItem(QString::fromUtf8(QUrl::toPercentEncoding(signIn.apiKeyName)),
                       QString::fromUtf8(QUrl::toPercentEncoding(signIn.apiKeyValue)));
    QUrl signedIn = url;
    signedIn.setQuery(query.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return signedIn;
}

} // namespace salvo
