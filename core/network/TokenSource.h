#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QFuture>
#include <QString>

#include <chrono>
#include <memory>
#include <mutex>

#include "NetworkAccess.h"

namespace salvo {

class ProxyRoute;

// What asking for a token came to: the token and its number, or a sentence.
struct TokenOutcome
{
    QByteArray token; // empty when `problem` says why
    quint64 generation = 0; // which token this is: 1, 2, ... as they are fetched
    QString problem;
};

// The OAuth2 client-credentials token of a run (RFC 6749, 4.4): fetched when first asked for,
// fetched again shortly before it expires, and once more when a server refuses it (401).
// Every engine thread asks it at once; one fetch runs at a time, on Qt's thread pool, and
// everyone who asked while it ran gets its outcome.
class TokenSource final
{
public:
    struct Reach
    {
        const ProxyRoute *route = nullptr; // the run's (it outlives this)
        QString authorityFile; // empty: libcurl's own
        bool verifyTls = true;
    };

    TokenSource(SignIn signIn, Reach reach);
    ~TokenSource();
    Q_DISABLE_COPY_MOVE(TokenSource)

    // The current token: a finished future when one is held and not about to expire.
    QFuture<TokenOutcome> token();

    // The token numbered `generation` was refused: the next token() fetches a new one, unless
    // one newer than it was fetched already.
    void refused(quint64 generation);

    // How long the endpoint may take to answer.
    static constexpr std::chrono::seconds fetchDeadline{30};
    // A failed fetch is the answer for this long, so a batch does not ask once per row.
    static constexpr std::chrono::seconds failureHold{5};

private:
    struct Fetched
    {
        QByteArray token;
        qint64 lifetimeMs = 0;
        QString problem;
    };
    Fetched fetch() const;
    // Keeps what a fetch came to, numbered, and hands it to those who waited.
    TokenOutcome keep(const Fetched &fetched);

    const SignIn m_signIn;
    const Reach m_reach;
    std::mutex m_mutex;
    TokenOutcome m_current;
    qint64 m_renewAt = 0; // m_clock time at which m_current is no longer handed out
    QElapsedTimer m_clock;
    QFuture<TokenOutcome> m_fetching;
    bool m_isFetching = false;
    quint64 m_lastGeneration = 0;
};

} // namespace salvo
