// Qt's own floor for a list of URLs: QNAMs as salvo-cli used them before its transport was
// libcurl (a per-QNAM proxy factory that takes Qt's buffered plain-http route, six requests a
// manager over HTTP/1.1, one manager's streams over HTTP/2), fed from a plain loop on one
// thread. run-benchmarks times it beside curl and salvo-cli: the reason Salvo's engine no
// longer goes through QNetworkAccessManager (docs/engine.md, "Why libcurl").
//
//   qnam-floor LIST IN_FLIGHT [--insecure]
// Exits 0 when every URL answered 2xx, 1 when some did not, 2 for bad usage.

#include <QCoreApplication>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>

#include <cstdio>

#include <QHash>
#include <QNetworkProxyFactory>
#include <QSet>

namespace {

// Plain http through DefaultProxy: Qt then opens a buffered socket, and connects directly.
class BufferedRoute final : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        return {QNetworkProxy(query.url().scheme() == u"http" ? QNetworkProxy::DefaultProxy
                                                               : QNetworkProxy::NoProxy)};
    }
};

// Qt 6.4 runs six connections per host in one QNAM, and one HTTP/2 connection's streams.
class ManagerPool
{
public:
    explicit ManagerPool(QObject *owner)
        : m_owner(owner)
    { }

    QNetworkAccessManager *lease(const QString &host)
    {
        QList<int> &counts = m_inFlight[host];
        const int limit = m_http2.contains(host) ? 100 : 6;
        for (qsizetype i = 0; i < counts.size(); ++i) {
            if (counts[i] < limit) {
                ++counts[i];
                return m_managers.at(i);
            }
        }
        if (counts.size() == m_managers.size()) {
            auto *manager = new QNetworkAccessManager(m_owner);
            manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
            manager->setTransferTimeout(0);
            manager->setProxyFactory(new BufferedRoute);
            m_managers.append(manager);
        }
        counts.append(1);
        return m_managers.at(counts.size() - 1);
    }
    void giveBack(const QString &host, QNetworkAccessManager *manager, bool http2)
    {
        --m_inFlight[host][m_managers.indexOf(manager)];
        if (http2)
            m_http2.insert(host);
    }

private:
    QObject *m_owner;
    QList<QNetworkAccessManager *> m_managers;
    QHash<QString, QList<int>> m_inFlight;
    QSet<QString> m_http2;
};

class FloorRun final : public QObject
{
public:
    FloorRun(QList<QUrl> urls, int inFlight, bool insecure)
        : m_urls(std::move(urls))
        , m_inFlight(inFlight)
        , m_pool(this)
    {
        if (insecure) {
            QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
            tls.setPeerVerifyMode(QSslSocket::VerifyNone);
            m_prototype.setSslConfiguration(tls);
        }
    }

    void start()
    {
        for (int i = 0; i < m_inFlight; ++i)
            startNext();
        if (m_urls.isEmpty())
            QCoreApplication::exit(0);
    }

private:
    void startNext()
    {
        if (m_next >= m_urls.size())
            return;
        const QUrl url = m_urls.at(m_next++);
        const QString host = url.scheme() + u"://" + url.authority();
        QNetworkAccessManager *manager = m_pool.lease(host);
        QNetworkRequest request = m_prototype;
        request.setUrl(url);
        QNetworkReply *reply = manager->get(request);
        connect(reply, &QNetworkReply::finished, this, [this, reply, host, manager] {
            reply->readAll();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            m_failed += status < 200 || status > 299;
            m_pool.giveBack(host, manager,
                            reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool());
            reply->deleteLater();
            if (++m_done == m_urls.size())
                QCoreApplication::exit(m_failed == 0 ? 0 : 1);
            else
                startNext();
        });
    }

    QList<QUrl> m_urls;
    int m_inFlight;
    ManagerPool m_pool;
    QNetworkRequest m_prototype;
    qsizetype m_next = 0;
    qsizetype m_done = 0;
    qsizetype m_failed = 0;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3 || args.at(2).toInt() <= 0) {
        std::fprintf(stderr, "usage: qnam-floor LIST IN_FLIGHT [--insecure]\n");
        return 2;
    }
    QFile list(args.at(1));
    if (!list.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "qnam-floor: cannot read %s\n", qPrintable(args.at(1)));
        return 2;
    }
    QList<QUrl> urls;
    for (const QByteArray &line : list.readAll().split('\n')) {
        if (!line.trimmed().isEmpty())
            urls.append(QUrl(QString::fromUtf8(line.trimmed())));
    }
    FloorRun run(std::move(urls), args.at(2).toInt(), args.contains(u"--insecure"));
    run.start();
    return app.exec();
}
