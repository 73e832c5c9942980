#pragma once

// core/sample owns the sample API: a tiny HTTP server on 127.0.0.1 that gives a newcomer
// every kind of result (answers, 404s, a slow one, a timeout, a redirect) without a network.

#include <QByteArray>
#include <QJsonObject>
#include <QHash>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

#include <chrono>

class QTcpSocket;

namespace salvo {

class SampleApi final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SampleApi)

public:
    explicit SampleApi(QObject *parent = nullptr);

    // Listens on 127.0.0.1 at a free port; false when that is not possible.
    bool start();
    QUrl baseUrl() const;

    // A URL list against this server, with one line that is not an address and one that is
    // not http, to show every kind of result.
    QByteArray sampleBatch() const;
    // What the sample expects of each answer and reads out of it, in the form of a saved
    // batch's "inspect": that every item is in stock (two are not), and each item's price.
    static QJsonObject sampleInspection();

    static constexpr int slowAnswerMs = 1500;
    // Longer than the slow answer, so that one succeeds, and short enough that the row
    // that never answers times out within seconds.
    static constexpr std::chrono::milliseconds inactivityTimeout{2000};

private:
    void handleNewConnection();
    void handleReadyRead(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const QByteArray &path);

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace salvo
