// Qt's own floor for a list of URLs: the same QNAMs salvo-cli uses (HostPool: its proxy
// factory, six a manager over HTTP/1.1, one manager's streams over HTTP/2), fed from a plain
// loop on one thread, with no Salvo code around a request: no coroutine, dispatcher, timer,
// result or output. run-benchmarks times it beside curl and salvo-cli, so a ratio to curl can
// be split into what Qt costs and what Salvo adds.
//
//   qnam-floor LIST IN_FLIGHT [--insecure]
// Exits 0 when every URL answered 2xx, 1 when some did not, 2 for bad usage.

#include <QCoreApplication>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>

#include <cstdio>

#include "engine/HostPool.h"

using namespace salvo;

namespace {

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
        const QString host = HostPool::hostKey(url);
        QNetworkAccessManager *manager = m_pool.lease(host);
        QNetworkRequest request = m_prototype;
        request.setUrl(url);
        QNetworkReply *reply = manager->get(request);
        connect(reply, &QNetworkReply::finished, this, [this, reply, host, manager] {
            reply->readAll();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            m_failed += status < 200 || status > 299;
            if (reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool())
                m_pool.noteHttp2(host);
            m_pool.giveBack(host, manager);
            reply->deleteLater();
            if (++m_done == m_urls.size())
                QCoreApplication::exit(m_failed == 0 ? 0 : 1);
            else
                startNext();
        });
    }

    QList<QUrl> m_urls;
    int m_inFlight;
    HostPool m_pool;
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
