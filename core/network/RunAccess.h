#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

#include "Expected.h"
#include "NetworkAccess.h"
#include "ProxyRoute.h"

class QTemporaryFile;

namespace salvo {

class TokenSource;

// A batch's NetworkAccess made ready for a run, once: its files read and checked, the
// certificate authorities gathered into one bundle, the sign-in's headers made. Every engine
// thread reads it at once; nothing in it changes but the token source's token, which guards
// itself.
class RunAccess final
{
public:
    // The access checked and prepared, or a sentence saying what is wrong (a proxy address
    // that cannot be read, a certificate file that is not one, a key that is not the
    // certificate's, a sign-in missing its secret). What the run can go on with but should
    // be known (an expired certificate authority) is a sentence in `warnings`.
    static Expected<std::shared_ptr<const RunAccess>> prepare(const NetworkAccess &access,
                                                              QStringList *warnings);
    ~RunAccess();
    Q_DISABLE_COPY_MOVE(RunAccess)

    const NetworkAccess &settings() const { return m_settings; }
    const ProxyRoute &route() const { return *m_route; }

    // The file of every certificate authority trusted (the system's and the person's); empty
    // when the person added none, and libcurl's own are used.
    QString authorityFile() const;

    // The client certificate for a request to `host`, or null for none.
    const ClientCertificate *clientCertificateFor(const QString &host) const;

    // The request headers the sign-in adds, written "Name: value" (Basic, Bearer, an API key
    // in a header); the OAuth2 token is the token source's.
    const QList<QByteArray> &signInHeaders() const { return m_signInHeaders; }
    // The URL with the API key added to its query, when the key goes there.
    QUrl withApiKey(const QUrl &url) const;
    // Null unless the sign-in is OAuth2 client credentials.
    TokenSource *tokens() const { return m_tokens.get(); }

private:
    RunAccess() = default;

    NetworkAccess m_settings;
    std::unique_ptr<ProxyRoute> m_route;
    std::unique_ptr<QTemporaryFile> m_authorities;
    QList<QByteArray> m_signInHeaders;
    std::unique_ptr<TokenSource> m_tokens;
};

// Whether the settings are whole and readable, without preparing them: what the window checks
// as the person types. The same sentences as RunAccess::prepare().
Expected<> checkProxySettings(const ProxySettings &proxy);
Expected<> checkSignIn(const SignIn &signIn);

} // namespace salvo
