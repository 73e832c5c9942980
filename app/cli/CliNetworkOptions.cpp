#include "CliNetworkOptions.h"

#include <QDir>

#include <cmath>

#include "CliOptions.h"
#include "Translate.h"
#include "network/RunAccess.h"

namespace salvo::cli {
namespace {

SALVO_FILE_TR("salvo::cli")

// "name:value" at its first colon not written "\:", as curl splits --cert and -u; the value
// is empty when there is no colon.
std::pair<QString, QString> splitAtColon(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == u'\\' && i + 1 < text.size() && text.at(i + 1) == u':') {
            ++i;
            continue;
        }
        if (text.at(i) == u':') {
            QString name = text.first(i);
            return {name.replace(QStringLiteral("\\:"), QStringLiteral(":")), text.sliced(i + 1)};
        }
    }
    return {QString(text).replace(QStringLiteral("\\:"), QStringLiteral(":")), QString()};
}

// A secret given after a colon, or else read from `variable`; an error naming both ways.
Expected<std::pair<QString, QString>> nameAndSecret(const QString &given, const QString &option,
                                                    const char *variable,
                                                    const QProcessEnvironment &environment)
{
    auto [name, secret] = splitAtColon(given);
    if (!given.contains(u':'))
        secret = environment.value(QLatin1String(variable));
    if (given.contains(u':') || !secret.isEmpty())
        return std::pair{name, secret};
    return usageError(tr("--%1 %2 has no password: write %2:PASSWORD, or set %3.")
                              .arg(option, given, QLatin1String(variable)));
}

Expected<> readProxy(const QCommandLineParser &parser, const CliNetworkOptions &options,
                     const QProcessEnvironment &environment, ProxySettings &proxy)
{
    proxy.noProxy = parser.value(options.noProxy);
    if (!parser.isSet(options.proxy)) {
        if (parser.isSet(options.proxyUser))
            return usageError(tr("--proxy-user needs a proxy: give it with -x URL."));
        return {};
    }
    // curl's -x "" turns the proxy off, the environment's too.
    if (parser.value(options.proxy).isEmpty()) {
        proxy.mode = ProxyMode::None;
        return {};
    }
    proxy.mode = ProxyMode::Manual;
    proxy.url = parser.value(options.proxy);
    if (parser.isSet(options.proxyUser)) {
        const auto credentials
                = nameAndSecret(parser.value(options.proxyUser), QStringLiteral("proxy-user"),
                                "SALVO_PROXY_PASSWORD", environment);
        if (!credentials)
            return credentials.error();
        std::tie(proxy.user, proxy.password) = *credentials;
    }
    if (Expected<> checked = checkProxySettings(proxy); !checked)
        return usageError(checked.error().message);
    return {};
}

Expected<> readCertificates(const QCommandLineParser &parser, const CliNetworkOptions &options,
                            const QProcessEnvironment &environment, TlsSettings &tls)
{
    tls.extraAuthorities = parser.values(options.cacert);
    if (!parser.isSet(options.cert)) {
        if (parser.isSet(options.key) || parser.isSet(options.certType))
            return usageError(tr("--key and --cert-type go with a client certificate: give it "
                                 "with --cert FILE."));
        return {};
    }
    ClientCertificate certificate;
    std::tie(certificate.certificateFile, certificate.passphrase)
            = splitAtColon(parser.value(options.cert));
    if (!parser.value(options.cert).contains(u':'))
        certificate.passphrase = environment.value(QStringLiteral("SALVO_CERT_PASSWORD"));
    certificate.keyFile = parser.value(options.key);
    const QString type = parser.value(options.certType).toUpper();
    if (type == u"P12" || type == u"PKCS12" || type == u"PFX")
        certificate.type = CertificateType::P12;
    else if (!type.isEmpty() && type != u"PEM")
        return usageError(
                tr("--cert-type is PEM or P12, not %1.").arg(parser.value(options.certType)));
    tls.clientCertificates.append(certificate);
    return {};
}

// The sign-in the options choose; at most one kind.
Expected<> readSignIn(const QCommandLineParser &parser, const CliNetworkOptions &options,
                      const QProcessEnvironment &environment, SignIn &signIn)
{
    const QList<const QCommandLineOption *> kinds{&options.user, &options.bearer, &options.apiKey,
                                                  &options.oauth2};
    if (std::count_if(kinds.cbegin(), kinds.cend(),
                      [&](const QCommandLineOption *each) { return parser.isSet(*each); })
        > 1)
        return usageError(tr("Give one sign-in: -u, --bearer, --api-key or "
                             "--oauth2-client-credentials."));
    if (parser.isSet(options.user)) {
        signIn.kind = SignInKind::Basic;
        const auto credentials = nameAndSecret(parser.value(options.user), QStringLiteral("user"),
                                               "SALVO_PASSWORD", environment);
        if (!credentials)
            return credentials.error();
        std::tie(signIn.user, signIn.password) = *credentials;
    } else if (parser.isSet(options.bearer)
               || (!parser.isSet(options.oauth2) && !parser.isSet(options.apiKey)
                   && environment.contains(QStringLiteral("SALVO_TOKEN")))) {
        signIn.kind = SignInKind::Bearer;
        signIn.token = parser.isSet(options.bearer)
                ? parser.value(options.bearer)
                : environment.value(QStringLiteral("SALVO_TOKEN"));
    } else if (parser.isSet(options.apiKey)) {
        signIn.kind = SignInKind::ApiKey;
        std::tie(signIn.apiKeyName, signIn.apiKeyValue)
                = splitAtColon(parser.value(options.apiKey));
        const QString place = parser.value(options.apiKeyIn).toLower();
        if (!place.isEmpty() && place != u"header" && place != u"query")
            return usageError(tr("--api-key-in is header or query, not %1.").arg(place));
        signIn.apiKeyPlace = place == u"query" ? ApiKeyPlace::Query : ApiKeyPlace::Header;
    } else if (parser.isSet(options.oauth2)) {
        signIn.kind = SignInKind::OAuth2ClientCredentials;
        signIn.tokenUrl = parser.value(options.tokenUrl);
        signIn.clientId = parser.value(options.clientId);
        signIn.clientSecret = parser.isSet(options.clientSecret)
                ? parser.value(options.clientSecret)
                : environment.value(QStringLiteral("SALVO_CLIENT_SECRET"));
        signIn.scope = parser.value(options.scope);
    }
    for (const QCommandLineOption *each :
         {&options.tokenUrl, &options.clientId, &options.clientSecret, &options.scope}) {
        if (parser.isSet(*each) && signIn.kind != SignInKind::OAuth2ClientCredentials)
            return usageError(tr("--%1 goes with --oauth2-client-credentials.")
                                      .arg(each->names().constLast()));
    }
    if (Expected<> checked = checkSignIn(signIn); !checked)
        return usageError(checked.error().message);
    return {};
}

} // namespace

CliNetworkOptions::CliNetworkOptions()
    : proxy({QStringLiteral("x"), QStringLiteral("proxy")},
            tr("Send every request through this proxy: http://host:port or socks5://host:port "
               "(\"\" for none). Default: the environment's http_proxy, https_proxy and "
               "no_proxy."),
            QStringLiteral("URL"))
    , proxyUser(QStringLiteral("proxy-user"),
                tr("The proxy's user and password (or set SALVO_PROXY_PASSWORD)."),
                QStringLiteral("USER:PASS"))
    , noProxy(QStringLiteral("noproxy"),
              tr("Hosts that go direct, comma-separated: names (and their subdomains), "
                 "addresses, networks such as 10.0.0.0/8, or *."),
              QStringLiteral("LIST"))
    , cacert(QStringLiteral("cacert"),
             tr("Also trust the certificate authorities in this PEM file or folder (may be "
                "repeated)."),
             QStringLiteral("FILE"))
    , cert(QStringLiteral("cert"),
           tr("Present this client certificate, with its passphrase after a colon (or set "
              "SALVO_CERT_PASSWORD)."),
           QStringLiteral("FILE[:PASS]"))
    , key(QStringLiteral("key"), tr("The client certificate's private key, when not in its file."),
          QStringLiteral("FILE"))
    , certType(QStringLiteral("cert-type"), tr("The client certificate's format: PEM or P12."),
               QStringLiteral("TYPE"))
    , user({QStringLiteral("u"), QStringLiteral("user")},
           tr("Sign in with HTTP Basic (or set SALVO_PASSWORD and give USER)."),
           QStringLiteral("USER:PASS"))
    , bearer(QStringLiteral("bearer"), tr("Sign in with this bearer token (or set SALVO_TOKEN)."),
             QStringLiteral("TOKEN"))
    , apiKey(QStringLiteral("api-key"), tr("Sign in with an API key: its header's name and value."),
             QStringLiteral("NAME:KEY"))
    , apiKeyIn(QStringLiteral("api-key-in"),
               tr("Where the API key goes: header (default) or query."), QStringLiteral("WHERE"))
    , oauth2(QStringLiteral("oauth2-client-credentials"),
             tr("Sign in with an OAuth2 token from --token-url, fetched before the first request "
                "and again before it expires."))
    , tokenUrl(QStringLiteral("token-url"), tr("The OAuth2 token endpoint."), QStringLiteral("URL"))
    , clientId(QStringLiteral("client-id"), tr("The OAuth2 client id."), QStringLiteral("ID"))
    , clientSecret(QStringLiteral("client-secret"),
                   tr("The OAuth2 client secret (or set SALVO_CLIENT_SECRET)."),
                   QStringLiteral("SECRET"))
    , scope(QStringLiteral("scope"), tr("The OAuth2 scope asked for."), QStringLiteral("SCOPE"))
    , cookies(QStringLiteral("cookies"),
              tr("Keep the cookies servers set and send them back on the run's later requests."))
    , rate(QStringLiteral("rate"),
           tr("Start at most N requests a second (N/s), minute (N/m) or hour (N/h)."),
           QStringLiteral("N/s"))
    , ratePerHost(QStringLiteral("rate-per-host"),
                  tr("Start at most N requests a second, minute or hour to any one host."),
                  QStringLiteral("N/s"))
    , env(QStringLiteral("env"),
          tr("Fill {name} in the addresses, headers and body from this environment."),
          QStringLiteral("NAME"))
    , envFile(QStringLiteral("env-file"),
              tr("The environments file (default: the window's, %1).")
                      .arg(QDir::toNativeSeparators(defaultEnvironmentsPath())),
              QStringLiteral("FILE"))
{ }

QList<QCommandLineOption> CliNetworkOptions::all() const
{
    return {proxy,        proxyUser, noProxy, cacert,   cert,        key,      certType,
            user,         bearer,    apiKey,  apiKeyIn, oauth2,      tokenUrl, clientId,
            clientSecret, scope,     cookies, rate,     ratePerHost, env,      envFile};
}

QList<QCommandLineOption> CliNetworkOptions::reach() const
{
    QList<QCommandLineOption> reaching = all();
    reaching.removeIf([this](const QCommandLineOption &option) {
        return option.names() == cookies.names() || option.names() == rate.names()
                || option.names() == ratePerHost.names();
    });
    return reaching;
}

Expected<NetworkAccess> readNetworkAccess(const QCommandLineParser &parser,
                                          const CliNetworkOptions &options,
                                          const QProcessEnvironment &environment)
{
    NetworkAccess access;
    if (Expected<> read = readProxy(parser, options, environment, access.proxy); !read)
        return read.error();
    if (Expected<> read = readCertificates(parser, options, environment, access.tls); !read)
        return read.error();
    if (Expected<> read = readSignIn(parser, options, environment, access.signIn); !read)
        return read.error();
    return access;
}

Expected<Environment> readEnvironment(const QCommandLineParser &parser,
                                      const CliNetworkOptions &options)
{
    if (!parser.isSet(options.env)) {
        if (parser.isSet(options.envFile))
            return usageError(tr("--env-file goes with --env NAME: which of its environments?"));
        return Environment();
    }
    const QString path = parser.isSet(options.envFile) ? parser.value(options.envFile)
                                                       : defaultEnvironmentsPath();
    Expected<Environment> found = findEnvironment(path, parser.value(options.env));
    if (!found)
        return usageError(found.error().message);
    return found;
}

Expected<double> parseRate(const QString &text)
{
    const QString written = text.trimmed();
    const qsizetype slash = written.indexOf(u'/');
    const QString count = slash < 0 ? written : written.first(slash);
    const QString unit = slash < 0 ? QStringLiteral("h") : written.sliced(slash + 1).toLower();
    bool isNumber = false;
    const double requests = count.toDouble(&isNumber);
    double perSeconds = 0;
    if (unit == u"s")
        perSeconds = 1;
    else if (unit == u"m")
        perSeconds = 60;
    else if (unit == u"h")
        perSeconds = 3600;
    else if (unit == u"d")
        perSeconds = 86400;
    if (!isNumber || requests <= 0 || perSeconds == 0 || !std::isfinite(requests))
        return usageError(tr("\"%1\" is not a rate: write it as 20/s, 300/m or 1000/h.").arg(text));
    return requests / perSeconds;
}

Expected<> readPacing(const QCommandLineParser &parser, const CliNetworkOptions &options,
                      RunOptions &run)
{
    run.keepCookies = run.keepCookies || parser.isSet(options.cookies);
    for (const auto &[option, field] :
         {std::pair{&options.rate, &run.ratePerSecond},
          std::pair{&options.ratePerHost, &run.ratePerHostPerSecond}}) {
        if (!parser.isSet(*option))
            continue;
        const Expected<double> rate = parseRate(parser.value(*option));
        if (!rate)
            return rate.error();
        *field = *rate;
    }
    return {};
}

} // namespace salvo::cli
