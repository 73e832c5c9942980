#include "NetworkFixtures.h"

#include <QDir>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

namespace salvo::test {
namespace {

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

// squid drops root for its own user, which must read the configuration and write the log.
void openToEveryone(const QString &folder)
{
    QFile::setPermissions(folder,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                  | QFileDevice::ReadOther | QFileDevice::WriteOther
                                  | QFileDevice::ExeOther | QFileDevice::ReadGroup
                                  | QFileDevice::WriteGroup | QFileDevice::ExeGroup);
}

QString run(const QString &program, const QStringList &arguments, QByteArray *out = nullptr)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted(5000) || !process.waitForFinished(60'000))
        return program + QStringLiteral(": ") + process.errorString();
    if (out)
        *out = process.readAllStandardOutput();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return program + QStringLiteral(" failed: ")
                + QString::fromUtf8(process.readAllStandardError());
    return {};
}

void stop(QProcess &process)
{
    if (process.state() == QProcess::NotRunning)
        return;
    process.terminate();
    if (!process.waitForFinished(5000)) {
        process.kill();
        process.waitForFinished(5000);
    }
}

} // namespace

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

bool waitUntilListening(quint16 port, int deadlineMs)
{
    return QTest::qWaitFor(
            [port] {
                QTcpSocket socket;
                socket.connectToHost(QHostAddress::LocalHost, port);
                return socket.waitForConnected(200);
            },
            deadlineMs);
}

bool TestCertificates::make()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary folder");
        return false;
    }
    m_error = run(QStringLiteral(SALVO_TEST_SUPPORT_DIR "/make-certificates"), {m_dir.path()});
    return m_error.isEmpty();
}

SquidProxy::~SquidProxy()
{
    stop(m_process);
}

bool SquidProxy::start(const Options &options)
{
    m_port = freeLoopbackPort();
    const QString dir = m_dir.path();
    openToEveryone(dir);
    QByteArray hosts;
    for (auto it = options.hosts.cbegin(); it != options.hosts.cend(); ++it)
        hosts += it.value().toUtf8() + ' ' + it.key().toUtf8() + '\n';
    QByteArray config = "http_port 127.0.0.1:" + QByteArray::number(m_port) + "\n" + "pid_filename "
            + dir.toUtf8() + "/squid.pid\n" + "access_log stdio:" + dir.toUtf8() + "/access.log\n"
            + "cache_log " + dir.toUtf8() + "/cache.log\n" + "hosts_file " + dir.toUtf8()
            + "/hosts\n" + "cache deny all\ncache_dir null /tmp\nshutdown_lifetime 0 seconds\n";
    if (options.user.isEmpty()) {
        config += "http_access allow all\n";
    } else {
        QByteArray hash;
        if (m_error
            = run(QStringLiteral("openssl"),
                  {QStringLiteral("passwd"), QStringLiteral("-apr1"), options.password}, &hash);
            !m_error.isEmpty())
            return false;
        writeFile(dir + QStringLiteral("/passwd"),
                  options.user.toUtf8() + ':' + hash.trimmed() + '\n');
        config += "auth_param basic program /usr/lib/squid/basic_ncsa_auth " + dir.toUtf8()
                + "/passwd\nacl signedin proxy_auth REQUIRED\nhttp_access allow signedin\n"
                  "http_access deny all\n";
    }
    if (!writeFile(dir + QStringLiteral("/squid.conf"), config)
        || !writeFile(dir + QStringLiteral("/hosts"), hosts)) {
        m_error = QStringLiteral("cannot write squid's configuration");
        return false;
    }
    for (const QString &name : QDir(dir).entryList(QDir::Files))
        openToEveryone(dir + u'/' + name);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(QStringLiteral("/usr/sbin/squid"),
                    {QStringLiteral("-N"), QStringLiteral("-n"),
                     QStringLiteral("salvotest%1").arg(m_port), QStringLiteral("-f"),
                     dir + QStringLiteral("/squid.conf")});
    if (!m_process.waitForStarted(5000) || !waitUntilListening(m_port)) {
        m_error = QStringLiteral("squid did not start: ") + m_process.errorString() + u' '
                + QString::fromUtf8(m_process.readAll());
        return false;
    }
    return true;
}

QString SquidProxy::url() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

QStringList SquidProxy::accessLog() const
{
    QFile file(m_dir.filePath(QStringLiteral("access.log")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    // waitUntilListening()'s connection, which sent nothing.
    lines.removeIf([](const QString &line) {
        return line.contains(QStringLiteral("error:transaction-end-before-headers"));
    });
    return lines;
}

TlsServer::~TlsServer()
{
    stop(m_process);
}

bool TlsServer::start(const TestCertificates &certificates, bool requireClientCertificate)
{
    m_port = freeLoopbackPort();
    const QByteArray dir = m_dir.path().toUtf8();
    const auto file = [&certificates](const char *name) {
        return certificates.path(QString::fromLatin1(name)).toUtf8();
    };
    QByteArray clientCheck;
    if (requireClientCertificate)
        clientCheck = "ssl_client_certificate " + file("ca.pem") + ";\nssl_verify_client on;\n";
    // One process, no master: it stays this user and stops with the test.
    const QByteArray config = "daemon off;\nmaster_process off;\nworker_processes 1;\n"
                              "error_log "
            + dir + "/error.log;\npid " + dir + "/nginx.pid;\n"
            + "events { worker_connections 64; }\nhttp {\naccess_log " + dir + "/access.log;\n"
            + "client_body_temp_path " + dir + ";\nproxy_temp_path " + dir + ";\n"
            + "fastcgi_temp_path " + dir + ";\nuwsgi_temp_path " + dir + ";\n" + "scgi_temp_path "
            + dir + ";\nserver {\nlisten 127.0.0.1:" + QByteArray::number(m_port)
            + " ssl;\nssl_certificate " + file("server.pem") + ";\nssl_certificate_key "
            + file("server.key") + ";\n" + clientCheck
            + "location / { default_type text/plain; return 200 \"hello $ssl_client_s_dn\\n\"; }\n"
              "}\n}\n";
    if (!writeFile(m_dir.filePath(QStringLiteral("nginx.conf")), config)) {
        m_error = QStringLiteral("cannot write nginx's configuration");
        return false;
    }
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(QStringLiteral("/usr/sbin/nginx"),
                    {QStringLiteral("-c"), m_dir.filePath(QStringLiteral("nginx.conf")),
                     QStringLiteral("-e"), m_dir.filePath(QStringLiteral("error.log"))});
    if (!m_process.waitForStarted(5000) || !waitUntilListening(m_port)) {
        m_error = QStringLiteral("nginx did not start: ") + m_process.errorString() + u' '
                + QString::fromUtf8(m_process.readAll());
        return false;
    }
    return true;
}

QUrl TlsServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("https://127.0.0.1:%1%2").arg(m_port).arg(path));
}

} // namespace salvo::test
