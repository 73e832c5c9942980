#pragma once

// Real network parts for the tests of proxies, certificates and sign-in, started by the test
// on 127.0.0.1 and stopped with it: squid as a proxy (with or without its own sign-in), nginx
// that asks for a client certificate, and certificates made by openssl when the test runs.

#include <QHash>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace salvo::test {

// A port on 127.0.0.1 that nothing listened on a moment ago.
quint16 freeLoopbackPort();

// Waits until something accepts connections on 127.0.0.1:port, or the deadline passes.
bool waitUntilListening(quint16 port, int deadlineMs = 15'000);

// The certificates of tests/support/make-certificates, made in a folder of their own.
class TestCertificates
{
public:
    // False with a reason in error() when openssl could not make them.
    bool make();
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString folder() const { return m_dir.path(); }
    const QString &error() const { return m_error; }

private:
    QTemporaryDir m_dir;
    QString m_error;
};

// squid, listening on 127.0.0.1. Names in `hosts` resolve at the proxy (its hosts file), so
// a request for http://api.salvo.test:PORT/ reaches this machine through it.
class SquidProxy
{
public:
    struct Options
    {
        QString user; // empty: the proxy asks for no sign-in
        QString password;
        QHash<QString, QString> hosts; // name -> address
    };

    ~SquidProxy();
    bool start(const Options &options);
    QString url() const;
    // The requests the proxy passed or refused, one access-log line each.
    QStringList accessLog() const;
    const QString &error() const { return m_error; }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QString m_error;
};

// nginx over TLS with the server certificate of `certificates`; it answers every request with
// "hello " and the client certificate's subject. With `requireClientCertificate`, a request
// without one signed by the test CA gets 400.
class TlsServer
{
public:
    ~TlsServer();
    bool start(const TestCertificates &certificates, bool requireClientCertificate);
    QUrl url(const QString &path = QStringLiteral("/")) const;
    const QString &error() const { return m_error; }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace salvo::test
