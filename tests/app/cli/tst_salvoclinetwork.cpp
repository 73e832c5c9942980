// salvo-cli reaching endpoints the way a company network needs: through a real squid proxy
// (with and without its own sign-in), to nginx asking for a client certificate, with the
// certificate authorities and keys openssl made for the test, signing in with Basic, bearer,
// API keys and OAuth2 tokens that expire, and at a pace the person sets.

#include <QElapsedTimer>
#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <algorithm>

#include "NetworkFixtures.h"
#include "ProgramRun.h"

using namespace salvo::test;

namespace {

ProgramRun runCli(const QStringList &arguments, const QProcessEnvironment &environment = {})
{
    return runProgram(QStringLiteral(SALVO_CLI_PATH), arguments, {}, 60'000, environment);
}

QByteArray headerOf(const QHttpServerRequest &request, const QByteArray &name)
{
    for (const auto &[each, value] : request.headers()) {
        if (each.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QHttpServerResponse text(const QByteArray &body,
                         QHttpServerResponse::StatusCode status
                         = QHttpServerResponse::StatusCode::Ok)
{
    return QHttpServerResponse(QByteArrayLiteral("text/plain"), body, status);
}

// The API the sign-in and pacing tests talk to: a token endpoint whose tokens last two
// seconds, an API that refuses any other token, pages that say what sign-in came with them,
// and a clock of when each request arrived.
class ApiServer
{
public:
    bool start()
    {
        m_clock.start();
        m_server.route(QStringLiteral("/token"),
                       [this](const QHttpServerRequest &request) { return issueToken(request); });
        m_server.route(QStringLiteral("/html-token"), [] {
            return QHttpServerResponse(QByteArrayLiteral("text/html"),
                                       QByteArrayLiteral("<html><body>Sign in</body></html>"));
        });
        m_server.route(QStringLiteral("/api/<arg>"),
                       [this](int, const QHttpServerRequest &request) { return guarded(request); });
        m_server.route(QStringLiteral("/whoami"), [](const QHttpServerRequest &request) {
            const QJsonObject seen{
                    {QStringLiteral("authorization"),
                     QString::fromUtf8(headerOf(request, "Authorization"))},
                    {QStringLiteral("x-api-key"),
                     QString::fromUtf8(headerOf(request, "X-Api-Key"))},
                    {QStringLiteral("cookie"), QString::fromUtf8(headerOf(request, "Cookie"))},
                    {QStringLiteral("query"), request.url().query(QUrl::FullyEncoded)}};
            return QHttpServerResponse(seen);
        });
        m_server.route(QStringLiteral("/set-cookie"), [] {
            QHttpServerResponse response = text("cookie set");
            response.addHeader(QByteArrayLiteral("Set-Cookie"),
                               QByteArrayLiteral("session=kept-between-requests; Path=/"));
            return response;
        });
        m_server.route(QStringLiteral("/paced/<arg>/<arg>"), [this](const QString &host, int) {
            m_arrivals[host].append(m_clock.elapsed());
            return text("here");
        });
        m_server.route(QStringLiteral("/crowded/<arg>"), [this](int) {
            m_arrivals[QStringLiteral("crowded")].append(m_clock.elapsed());
            // The first request is one too many; then the server copes.
            if (++m_crowdedHits == 1)
                return text("slow down", QHttpServerResponse::StatusCode::TooManyRequests);
            return text("fine");
        });
        m_port = m_server.listen(QHostAddress::LocalHost, 0);
        return m_port != 0;
    }

    QString url(const QString &path, const QString &host = QStringLiteral("127.0.0.1")) const
    {
        return QStringLiteral("http://%1:%2%3").arg(host).arg(m_port).arg(path);
    }
    int tokensIssued() const { return m_tokens.size(); }
    QList<qint64> arrivals(const QString &key) const { return m_arrivals.value(key); }

    static constexpr qint64 tokenLifetimeMs = 2000;

private:
    QHttpServerResponse issueToken(const QHttpServerRequest &request)
    {
        const QByteArray expected
                = "Basic " + QByteArrayLiteral("salvo-client:s3cret-client").toBase64();
        if (headerOf(request, "Authorization") != expected
            || !request.body().contains("grant_type=client_credentials"))
            return QHttpServerResponse(
                    QJsonObject{{QStringLiteral("error"), QStringLiteral("invalid_client")}},
                    QHttpServerResponse::StatusCode::Unauthorized);
        const QString token = QStringLiteral("token-%1").arg(m_tokens.size() + 1);
        m_tokens.insert(token, m_clock.elapsed());
        return QHttpServerResponse(
                QJsonObject{{QStringLiteral("access_token"), token},
                            {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                            {QStringLiteral("expires_in"), 2}});
    }

    QHttpServerResponse guarded(const QHttpServerRequest &request)
    {
        const QString token = QString::fromUtf8(headerOf(request, "Authorization"))
                                      .remove(QStringLiteral("Bearer "));
        const auto issued = m_tokens.constFind(token);
        if (issued == m_tokens.cend() || m_clock.elapsed() - *issued >= tokenLifetimeMs)
            return text("token expired or unknown", QHttpServerResponse::StatusCode::Unauthorized);
        return text("welcome");
    }

    QHttpServer m_server;
    quint16 m_port = 0;
    QElapsedTimer m_clock;
    QHash<QString, qint64> m_tokens; // token -> when issued
    QHash<QString, QList<qint64>> m_arrivals;
    int m_crowdedHits = 0;
};

QList<QJsonObject> recordsOf(const ProgramRun &run)
{
    QList<QJsonObject> records = run.jsonLines();
    std::sort(records.begin(), records.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(QStringLiteral("index")).toInt() < b.value(QStringLiteral("index")).toInt();
    });
    return records;
}

QString writeList(const QTemporaryDir &dir, const QString &name, const QStringList &urls)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(urls.join(u'\n').toUtf8() + '\n');
    return path;
}

qint64 spanOf(const QList<qint64> &times)
{
    return times.isEmpty() ? 0
                           : *std::max_element(times.cbegin(), times.cend())
                    - *std::min_element(times.cbegin(), times.cend());
}

} // namespace

class TestSalvoCliNetwork final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ApiServer m_api;
    TestCertificates m_certificates;

    QStringList base() const { return {QStringLiteral("--no-history")}; }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_api.start());
        QVERIFY2(m_certificates.make(), qPrintable(m_certificates.error()));
    }

    void throughAProxyWhoseLogShowsEveryRequest()
    {
        SquidProxy proxy;
        QVERIFY2(proxy.start({.hosts
                              = {{QStringLiteral("api.salvo.test"), QStringLiteral("127.0.0.1")}}}),
                 qPrintable(proxy.error()));
        // A name only the proxy knows: the request can only have gone through it.
        const QString list = writeList(
                m_dir, QStringLiteral("proxied.txt"),
                {m_api.url(QStringLiteral("/whoami"), QStringLiteral("api.salvo.test")),
                 m_api.url(QStringLiteral("/set-cookie"), QStringLiteral("api.salvo.test"))});
        const ProgramRun run = runCli(base() << QStringLiteral("-x") << proxy.url() << list);
        QVERIFY2(run.finished && run.exitCode == 0, run.report().constData());
        for (const QJsonObject &record : recordsOf(run))
            QCOMPARE(record.value(QStringLiteral("status")).toInt(), 200);
        const QStringList log = proxy.accessLog();
        QCOMPARE(log.size(), 2);
        QVERIFY(log.filter(QStringLiteral("TCP_MISS/200 ")).size() == 2);
        QVERIFY(log.filter(QStringLiteral("GET http://api.salvo.test:")).size() == 2);
    }

    void aProxyThatAsksForSignIn()
    {
        SquidProxy proxy;
        QVERIFY2(proxy.start({.user = QStringLiteral("proxyuser"),
                              .password = QStringLiteral("pa:ss word"),
                              .hosts
                              = {{QStringLiteral("api.salvo.test"), QStringLiteral("127.0.0.1")}}}),
                 qPrintable(proxy.error()));
        const QString list = writeList(
                m_dir, QStringLiteral("signed.txt"),
                {m_api.url(QStringLiteral("/whoami"), QStringLiteral("api.salvo.test"))});
        // The password after the first colon keeps its own colon, as curl reads it.
        const ProgramRun signedIn = runCli(
                base() << QStringLiteral("-x") << proxy.url() << QStringLiteral("--proxy-user")
                       << QStringLiteral("proxyuser:pa:ss word") << list);
        QVERIFY2(signedIn.finished && signedIn.exitCode == 0, signedIn.report().constData());
        QVERIFY(proxy.accessLog().last().contains(QStringLiteral("TCP_MISS/200")));
        QVERIFY(proxy.accessLog().last().contains(QStringLiteral(" proxyuser ")));

        // The password from the environment, which no process list shows.
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("SALVO_PROXY_PASSWORD"), QStringLiteral("wrong"));
        const ProgramRun refused = runCli(base() << QStringLiteral("-x") << proxy.url()
                                                 << QStringLiteral("--proxy-user")
                                                 << QStringLiteral("proxyuser") << list,
                                          environment);
        QVERIFY2(refused.finished && refused.exitCode == 1, refused.report().constData());
        QCOMPARE(recordsOf(refused).first().value(QStringLiteral("status")).toInt(), 407);
        QVERIFY(proxy.accessLog().last().contains(QStringLiteral("TCP_DENIED/407")));
    }

    void noProxyHostsAndTheSystemsProxy()
    {
        SquidProxy proxy;
        QVERIFY2(proxy.start({.hosts
                              = {{QStringLiteral("api.salvo.test"), QStringLiteral("127.0.0.1")}}}),
                 qPrintable(proxy.error()));
        const QString direct = writeList(m_dir, QStringLiteral("direct.txt"),
                                         {m_api.url(QStringLiteral("/whoami"))});
        const ProgramRun bypassed = runCli(
                base() << QStringLiteral("-x") << proxy.url() << QStringLiteral("--noproxy")
                       << QStringLiteral("localhost,127.0.0.0/8") << direct);
        QVERIFY2(bypassed.finished && bypassed.exitCode == 0, bypassed.report().constData());
        QVERIFY(proxy.accessLog().isEmpty());

        // Without -x, the environment's http_proxy is the system's proxy.
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("http_proxy"), proxy.url());
        const QString named = writeList(
                m_dir, QStringLiteral("named.txt"),
                {m_api.url(QStringLiteral("/whoami"), QStringLiteral("api.salvo.test"))});
        const ProgramRun system = runCli(base() << named, environment);
        QVERIFY2(system.finished && system.exitCode == 0, system.report().constData());
        QCOMPARE(proxy.accessLog().size(), 1);
        // ...and -x "" turns it off.
        const ProgramRun off
                = runCli(base() << QStringLiteral("-x") << QString() << named, environment);
        QCOMPARE(recordsOf(off).first().value(QStringLiteral("error")).toString(),
                 QStringLiteral("dns"));
        QCOMPARE(proxy.accessLog().size(), 1);
    }

    void aMalformedProxyIsASentenceBeforeTheRun()
    {
        const QString list = writeList(m_dir, QStringLiteral("one.txt"),
                                       {m_api.url(QStringLiteral("/whoami"))});
        for (const QString &proxy :
             {QStringLiteral("http://proxy:port"), QStringLiteral("ftp://proxy.corp:21"),
              QStringLiteral("http://proxy.corp:3128/path")}) {
            const ProgramRun run = runCli(base() << QStringLiteral("-x") << proxy << list);
            QVERIFY2(run.finished && run.exitCode == 2, run.report().constData());
            QVERIFY2(run.err.contains(
                             QByteArray("The proxy \"" + proxy.toUtf8() + "\" cannot be used")),
                     run.err.constData());
            QVERIFY(run.out.isEmpty());
        }
    }

    void clientCertificatesAgainstNginxThatAsksForOne()
    {
        TlsServer server;
        QVERIFY2(server.start(m_certificates, true), qPrintable(server.error()));
        const QString list
                = writeList(m_dir, QStringLiteral("mtls.txt"), {server.url().toString()});
        const auto file = [this](const char *name) {
            return m_certificates.path(QString::fromLatin1(name));
        };
        const QStringList trusted = base()
                << QStringLiteral("--bodies") << QStringLiteral("--cacert") << file("ca.pem");

        // The test CA is nobody's: without --cacert the server's certificate is not trusted.
        const ProgramRun untrusted = runCli(base() << list);
        QCOMPARE(recordsOf(untrusted).first().value(QStringLiteral("error")).toString(),
                 QStringLiteral("tls"));
        QVERIFY(recordsOf(untrusted)
                        .first()
                        .value(QStringLiteral("message"))
                        .toString()
                        .contains(QStringLiteral("--cacert")));

        const ProgramRun pem = runCli(QStringList(trusted)
                                      << QStringLiteral("--cert") << file("client.pem")
                                      << QStringLiteral("--key") << file("client.key") << list);
        QVERIFY2(pem.finished && pem.exitCode == 0, pem.report().constData());
        QCOMPARE(recordsOf(pem).first().value(QStringLiteral("body")).toString(),
                 QStringLiteral("hello CN=Salvo test client,O=Salvo tests\n"));

        const ProgramRun locked
                = runCli(QStringList(trusted)
                         << QStringLiteral("--cert") << file("client.pem") + u":open sesame"
                         << QStringLiteral("--key") << file("client-locked.key") << list);
        QVERIFY2(locked.finished && locked.exitCode == 0, locked.report().constData());

        const ProgramRun p12
                = runCli(QStringList(trusted)
                         << QStringLiteral("--cert") << file("client.p12") + u":open sesame"
                         << QStringLiteral("--cert-type") << QStringLiteral("P12") << list);
        QVERIFY2(p12.finished && p12.exitCode == 0, p12.report().constData());

        // No certificate: nginx's own answer, a row like any other.
        const ProgramRun missing = runCli(QStringList(trusted) << list);
        QCOMPARE(recordsOf(missing).first().value(QStringLiteral("status")).toInt(), 400);
    }

    void certificateMistakesAreSentencesBeforeTheRun_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("sentence");
        const auto file = [this](const char *name) {
            return m_certificates.path(QString::fromLatin1(name));
        };
        QTest::newRow("key of another certificate")
                << QStringList{QStringLiteral("--cert"), file("client.pem"),
                               QStringLiteral("--key"), file("other.key")}
                << QStringLiteral("does not belong to the certificate");
        QTest::newRow("wrong passphrase")
                << QStringList{QStringLiteral("--cert"), file("client.pem") + u":wrong",
                               QStringLiteral("--key"), file("client-locked.key")}
                << QStringLiteral("The passphrase does not open the key");
        QTest::newRow("no passphrase")
                << QStringList{QStringLiteral("--cert"), file("client.pem"),
                               QStringLiteral("--key"), file("client-locked.key")}
                << QStringLiteral("locked with a passphrase, and none was given");
        QTest::newRow("wrong P12 passphrase")
                << QStringList{QStringLiteral("--cert"), file("client.p12") + u":wrong",
                               QStringLiteral("--cert-type"), QStringLiteral("p12")}
                << QStringLiteral("The passphrase does not open");
        QTest::newRow("certificate not PEM")
                << QStringList{QStringLiteral("--cert"), file("not-pem.pem"),
                               QStringLiteral("--key"), file("client.key")}
                << QStringLiteral("is not a PEM certificate");
        QTest::newRow("missing key file")
                << QStringList{QStringLiteral("--cert"), file("client.pem"),
                               QStringLiteral("--key"), file("no-such.key")}
                << QStringLiteral("Cannot read");
        QTest::newRow("certificate authority not PEM")
                << QStringList{QStringLiteral("--cacert"), file("not-pem.pem")}
                << QStringLiteral("is not a PEM certificate authority");
    }

    void certificateMistakesAreSentencesBeforeTheRun()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, sentence);
        const QString list = writeList(m_dir, QStringLiteral("mistake.txt"),
                                       {m_api.url(QStringLiteral("/whoami"))});
        const ProgramRun run = runCli(base() << options << list);
        QVERIFY2(run.finished && run.exitCode == 2, run.report().constData());
        QVERIFY2(run.err.contains(sentence.toUtf8()), run.err.constData());
        QVERIFY(run.out.isEmpty());
    }

    void anExpiredAuthorityIsSaidAndItsServersFail()
    {
        TlsServer server;
        QVERIFY2(server.start(m_certificates, false), qPrintable(server.error()));
        const QString list
                = writeList(m_dir, QStringLiteral("expired.txt"), {server.url().toString()});
        const ProgramRun run
                = runCli(base() << QStringLiteral("--cacert")
                                << m_certificates.path(QStringLiteral("expired-ca.pem")) << list);
        QVERIFY2(run.finished && run.exitCode == 1, run.report().constData());
        QVERIFY2(run.err.contains("\"Salvo Expired CA\"") && run.err.contains("has expired"),
                 run.err.constData());
        QCOMPARE(recordsOf(run).first().value(QStringLiteral("error")).toString(),
                 QStringLiteral("tls"));
    }

    void factsOfEachAnswer()
    {
        TlsServer server;
        QVERIFY2(server.start(m_certificates, false), qPrintable(server.error()));
        const QString list = writeList(m_dir, QStringLiteral("facts.txt"),
                                       {server.url(QStringLiteral("/a")).toString(),
                                        server.url(QStringLiteral("/b")).toString()});
        const QString db = m_dir.filePath(QStringLiteral("facts.sqlite"));
        // One connection: the second answer comes on the connection the first opened.
        const ProgramRun run = runCli({QStringLiteral("--db"), db, QStringLiteral("-c"),
                                       QStringLiteral("1"), QStringLiteral("--cacert"),
                                       m_certificates.path(QStringLiteral("ca.pem")), list});
        QVERIFY2(run.finished && run.exitCode == 0, run.report().constData());
        const QList<QJsonObject> records = recordsOf(run);
        QCOMPARE(records.size(), 2);
        const QString port = QString::number(server.url().port());
        for (const QJsonObject &record : records) {
            QCOMPARE(record.value(QStringLiteral("http_version")).toString(),
                     QStringLiteral("http/1.1"));
            QCOMPARE(record.value(QStringLiteral("remote_address")).toString(),
                     QStringLiteral("127.0.0.1:") + port);
            QVERIFY(record.value(QStringLiteral("certificate_subject"))
                            .toString()
                            .contains(QStringLiteral("CN = localhost")));
            QVERIFY(record.value(QStringLiteral("certificate_issuer"))
                            .toString()
                            .contains(QStringLiteral("CN = Salvo Test CA")));
            // make-certificates gives 30 days.
            const QDate expires = QDate::fromString(
                    record.value(QStringLiteral("certificate_expires")).toString(), Qt::ISODate);
            QVERIFY(std::abs(QDate::currentDate().daysTo(expires) - 30) <= 1);
        }
        QVERIFY(records.at(0).value(QStringLiteral("tls_ms")).toInt(-1) >= 0);
        QVERIFY(records.at(0).value(QStringLiteral("connect_ms")).toInt(-1) >= 0);
        QVERIFY(records.at(1).value(QStringLiteral("tls_ms")).isNull());

        // The history keeps them, and HAR tells them its way.
        const QString har = m_dir.filePath(QStringLiteral("facts.har"));
        const ProgramRun exported
                = runCli({QStringLiteral("export"), QStringLiteral("1"), QStringLiteral("--db"), db,
                          QStringLiteral("-f"), QStringLiteral("har"), QStringLiteral("-o"), har});
        QVERIFY2(exported.finished && exported.exitCode == 0, exported.report().constData());
        QFile file(har);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject first = QJsonDocument::fromJson(file.readAll())
                                          .object()
                                          .value(QStringLiteral("log"))
                                          .toObject()
                                          .value(QStringLiteral("entries"))
                                          .toArray()
                                          .at(0)
                                          .toObject();
        QCOMPARE(first.value(QStringLiteral("response"))
                         .toObject()
                         .value(QStringLiteral("httpVersion")),
                 QStringLiteral("HTTP/1.1"));
        QCOMPARE(first.value(QStringLiteral("serverIPAddress")).toString(),
                 QStringLiteral("127.0.0.1"));
        const QJsonObject timings = first.value(QStringLiteral("timings")).toObject();
        QVERIFY(timings.value(QStringLiteral("ssl")).toInt(-1) >= 0);
        QVERIFY(timings.value(QStringLiteral("connect")).toInt()
                >= timings.value(QStringLiteral("ssl")).toInt());
    }

    void eachSignInReachesTheServer_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("seen");
        QTest::newRow("basic") << QStringList{QStringLiteral("-u"), QStringLiteral("ann:pass:word")}
                               << QStringLiteral("authorization")
                               << QStringLiteral("Basic ")
                        + QString::fromLatin1(QByteArrayLiteral("ann:pass:word").toBase64());
        QTest::newRow("bearer") << QStringList{QStringLiteral("--bearer"),
                                               QStringLiteral("tok-123")}
                                << QStringLiteral("authorization")
                                << QStringLiteral("Bearer tok-123");
        QTest::newRow("api key in a header")
                << QStringList{QStringLiteral("--api-key"), QStringLiteral("X-Api-Key:k-456")}
                << QStringLiteral("x-api-key") << QStringLiteral("k-456");
        QTest::newRow("api key in the query")
                << QStringList{QStringLiteral("--api-key"), QStringLiteral("api_key:k 7&8"),
                               QStringLiteral("--api-key-in"), QStringLiteral("query")}
                << QStringLiteral("query") << QStringLiteral("page=1&api_key=k%207%268");
    }

    void eachSignInReachesTheServer()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, field);
        QFETCH(QString, seen);
        const QString list = writeList(m_dir, QStringLiteral("whoami.txt"),
                                       {m_api.url(QStringLiteral("/whoami?page=1"))});
        const ProgramRun run = runCli(base() << QStringLiteral("--bodies") << options << list);
        QVERIFY2(run.finished && run.exitCode == 0, run.report().constData());
        const QJsonObject record = recordsOf(run).first();
        const QJsonObject echoed
                = QJsonDocument::fromJson(record.value(QStringLiteral("body")).toString().toUtf8())
                          .object();
        QCOMPARE(echoed.value(field).toString(), seen);
        // The address a person wrote is what the result names: the key is not added to it.
        QCOMPARE(record.value(QStringLiteral("url")).toString(),
                 m_api.url(QStringLiteral("/whoami?page=1")));
    }

    void secretsFromTheEnvironment()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("SALVO_PASSWORD"), QStringLiteral("from-env"));
        environment.insert(QStringLiteral("SALVO_TOKEN"), QStringLiteral("env-token"));
        const QString list = writeList(m_dir, QStringLiteral("env.txt"),
                                       {m_api.url(QStringLiteral("/whoami"))});
        const ProgramRun basic = runCli(base() << QStringLiteral("--bodies") << QStringLiteral("-u")
                                               << QStringLiteral("ann") << list,
                                        environment);
        QVERIFY(recordsOf(basic)
                        .first()
                        .value(QStringLiteral("body"))
                        .toString()
                        .contains(
                                QString::fromLatin1(QByteArrayLiteral("ann:from-env").toBase64())));
        const ProgramRun bearer = runCli(base() << QStringLiteral("--bodies") << list, environment);
        QVERIFY(recordsOf(bearer)
                        .first()
                        .value(QStringLiteral("body"))
                        .toString()
                        .contains(QStringLiteral("Bearer env-token")));
        QVERIFY(bearer.err.contains("SALVO_TOKEN"));

        environment.remove(QStringLiteral("SALVO_PASSWORD"));
        const ProgramRun missing = runCli(
                base() << QStringLiteral("-u") << QStringLiteral("ann") << list, environment);
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("SALVO_PASSWORD"), missing.err.constData());
    }

    void cookiesAreKeptOnlyWhenAskedFor()
    {
        // One connection at a time, so the cookie is set before the next row asks.
        const QStringList urls{m_api.url(QStringLiteral("/set-cookie")),
                               m_api.url(QStringLiteral("/whoami"))};
        const QString list = writeList(m_dir, QStringLiteral("cookies.txt"), urls);
        const QStringList options = base()
                << QStringLiteral("--bodies") << QStringLiteral("-c") << QStringLiteral("1");
        const ProgramRun kept = runCli(QStringList(options) << QStringLiteral("--cookies") << list);
        QCOMPARE(QJsonDocument::fromJson(
                         recordsOf(kept).at(1).value(QStringLiteral("body")).toString().toUtf8())
                         .object()
                         .value(QStringLiteral("cookie"))
                         .toString(),
                 QStringLiteral("session=kept-between-requests"));
        const ProgramRun forgotten = runCli(QStringList(options) << list);
        QVERIFY(!recordsOf(forgotten)
                         .at(1)
                         .value(QStringLiteral("body"))
                         .toString()
                         .contains(QStringLiteral("session=")));
    }

    void oauth2TokensAreRenewedAndNeverRefused()
    {
        QStringList urls;
        for (int row = 0; row < 200; ++row)
            urls.append(m_api.url(QStringLiteral("/api/%1").arg(row)));
        const QString list = writeList(m_dir, QStringLiteral("oauth.txt"), urls);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("SALVO_CLIENT_SECRET"), QStringLiteral("s3cret-client"));
        const int issuedBefore = m_api.tokensIssued();
        // 200 rows over about 6 s, while each token lasts 2 s.
        const ProgramRun run = runCli(
                base() << QStringLiteral("--rate") << QStringLiteral("33/s")
                       << QStringLiteral("--oauth2-client-credentials")
                       << QStringLiteral("--token-url") << m_api.url(QStringLiteral("/token"))
                       << QStringLiteral("--client-id") << QStringLiteral("salvo-client") << list,
                environment);
        QVERIFY2(run.finished && run.exitCode == 0, run.report().constData());
        const QList<QJsonObject> records = recordsOf(run);
        QCOMPARE(records.size(), 200);
        for (const QJsonObject &record : records)
            QCOMPARE(record.value(QStringLiteral("status")).toInt(), 200);
        QVERIFY2(m_api.tokensIssued() - issuedBefore >= 3,
                 qPrintable(QString::number(m_api.tokensIssued() - issuedBefore)));
    }

    void aTokenEndpointThatAnswersAPageFailsEachRowInWords()
    {
        const QString list = writeList(
                m_dir, QStringLiteral("html.txt"),
                {m_api.url(QStringLiteral("/api/1")), m_api.url(QStringLiteral("/api/2"))});
        const ProgramRun run = runCli(
                base() << QStringLiteral("--oauth2-client-credentials")
                       << QStringLiteral("--token-url") << m_api.url(QStringLiteral("/html-token"))
                       << QStringLiteral("--client-id") << QStringLiteral("x")
                       << QStringLiteral("--client-secret") << QStringLiteral("y") << list);
        QVERIFY2(run.finished && run.exitCode == 1, run.report().constData());
        const QList<QJsonObject> records = recordsOf(run);
        QCOMPARE(records.size(), 2);
        for (const QJsonObject &record : records) {
            QCOMPARE(record.value(QStringLiteral("error")).toString(), QStringLiteral("sign_in"));
            QVERIFY2(record.value(QStringLiteral("message"))
                             .toString()
                             .contains(QStringLiteral("with a web page, not a token")),
                     qPrintable(record.value(QStringLiteral("message")).toString()));
        }
    }

    void variablesFromAnEnvironmentAndTheRows()
    {
        const QString environments = m_dir.filePath(QStringLiteral("environments.json"));
        QFile file(environments);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"staging\": {\"base_url\": \"" + m_api.url(QString()).toUtf8()
                   + "\", \"token\": \"t-1\"}, \"empty\": {}}");
        file.close();
        const QString csv = m_dir.filePath(QStringLiteral("skus.csv"));
        QFile rows(csv);
        QVERIFY(rows.open(QIODevice::WriteOnly));
        rows.write("sku,name\nA-1,Lamp\nB-2,Desk\n");
        rows.close();
        const QStringList options{QStringLiteral("--no-history"),
                                  QStringLiteral("--bodies"),
                                  QStringLiteral("--env-file"),
                                  environments,
                                  QStringLiteral("--template"),
                                  QStringLiteral("{base_url}/whoami?sku={sku}"),
                                  QStringLiteral("-H"),
                                  QStringLiteral("X-Api-Key: {token}-{sku}"),
                                  csv};
        const ProgramRun run = runCli(QStringList(options)
                                      << QStringLiteral("--env") << QStringLiteral("staging"));
        QVERIFY2(run.finished && run.exitCode == 0, run.report().constData());
        const QList<QJsonObject> records = recordsOf(run);
        QCOMPARE(records.size(), 2);
        const QJsonObject echoed
                = QJsonDocument::fromJson(
                          records.at(1).value(QStringLiteral("body")).toString().toUtf8())
                          .object();
        QCOMPARE(echoed.value(QStringLiteral("query")).toString(), QStringLiteral("sku=B-2"));
        QCOMPARE(echoed.value(QStringLiteral("x-api-key")).toString(), QStringLiteral("t-1-B-2"));

        const ProgramRun undefined = runCli(QStringList(options)
                                            << QStringLiteral("--env") << QStringLiteral("empty"));
        QVERIFY2(undefined.finished && undefined.exitCode == 2, undefined.report().constData());
        QVERIFY2(undefined.err.contains("{base_url}"), undefined.err.constData());
        QVERIFY(undefined.out.isEmpty());
    }

    void aRateSpreadsTheRequests()
    {
        QStringList urls;
        for (int row = 0; row < 60; ++row)
            urls.append(m_api.url(QStringLiteral("/paced/overall/%1").arg(row)));
        const QString list = writeList(m_dir, QStringLiteral("paced.txt"), urls);
        const ProgramRun run
                = runCli(base() << QStringLiteral("--rate") << QStringLiteral("20/s") << list);
        QVERIFY2(run.finished && run.exitCode == 0, run.report().constData());
        const QList<qint64> arrivals = m_api.arrivals(QStringLiteral("overall"));
        QCOMPARE(arrivals.size(), 60);
        // 59 gaps of 50 ms: about 3 s, within 10%.
        const qint64 span = spanOf(arrivals);
        QVERIFY2(span >= 2950 * 9 / 10 && span <= 2950 * 11 / 10,
                 qPrintable(QString::number(span)));
    }

    void aRatePerHostLetsHostsGoSideBySide()
    {
        QStringList urls;
        for (int row = 0; row < 20; ++row) {
            urls.append(m_api.url(QStringLiteral("/paced/first/%1").arg(row)));
            urls.append(m_api.url(QStringLiteral("/paced/second/%1").arg(row),
                                  QStringLiteral("localhost")));
        }
        const QString list = writeList(m_dir, QStringLiteral("perhost.txt"), urls);
        const ProgramRun run = runCli(base() << QStringLiteral("--rate-per-host")
                                             << QStringLiteral("600/m") << list);
        QVERIFY2(run.finished && run.exitCode == 0, run.report().constData());
        const QList<qint64> first = m_api.arrivals(QStringLiteral("first"));
        const QList<qint64> second = m_api.arrivals(QStringLiteral("second"));
        QCOMPARE(first.size(), 20);
        QCOMPARE(second.size(), 20);
        // 19 gaps of 100 ms each, the two hosts at once.
        for (const qint64 span : {spanOf(first), spanOf(second)})
            QVERIFY2(span >= 1900 * 9 / 10 && span <= 1900 * 11 / 10,
                     qPrintable(QString::number(span)));
        QVERIFY(spanOf(first + second) <= 1900 * 12 / 10);
    }

    void aHostThatAnswers429IsSlowedDownAndSaid()
    {
        QStringList urls;
        for (int row = 0; row < 10; ++row)
            urls.append(m_api.url(QStringLiteral("/crowded/%1").arg(row)));
        const QString list = writeList(m_dir, QStringLiteral("crowded.txt"), urls);
        const ProgramRun run
                = runCli(base() << QStringLiteral("--per-host") << QStringLiteral("1") << list);
        QVERIFY2(run.finished && run.exitCode == 1, run.report().constData());
        QVERIFY2(run.err.contains("Slowed down 127.0.0.1 to 4 requests a second"),
                 run.err.constData());
        // After the first 429, a request each quarter second: the server's clock sees the
        // starts a little late or early as its own loop is busy: each gap within 100 ms of it,
        // and the eight after the first answered together within 10%.
        QList<qint64> arrivals = m_api.arrivals(QStringLiteral("crowded"));
        std::sort(arrivals.begin(), arrivals.end());
        QCOMPARE(arrivals.size(), 10);
        for (qsizetype i = 1; i < arrivals.size(); ++i)
            QVERIFY2(arrivals[i] - arrivals[i - 1] >= 150,
                     qPrintable(QString::number(arrivals[i] - arrivals[i - 1])));
        const qint64 paced = arrivals.last() - arrivals.at(1);
        QVERIFY2(paced >= 8 * 250 * 9 / 10, qPrintable(QString::number(paced)));
    }
};

QTEST_GUILESS_MAIN(TestSalvoCliNetwork)
#include "tst_salvoclinetwork.moc"
