#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

#include <QCoroTask>

#include "stats/RunStats.h"
#include "store/StoreTypes.h"

namespace salvo {

// What a notification says about a run: its name, how it ended, its counts and latency. It
// names nothing on this machine (no file, no path, no address of the batch's rows), so it can
// go to a chat room or a ticket system as it is.
struct RunNotice
{
    RunSummary run; // id 0: a run not kept in the history
    std::optional<LatencyPercentiles> latency;
    QString event = QStringLiteral("run_finished");

    QJsonObject toJson() const;
};

struct WebhookOptions
{
    std::chrono::milliseconds timeout{10'000}; // per attempt, for the whole exchange
    int attempts = 3; // after a connection error, a timeout, 429 or 5xx
    std::chrono::milliseconds retryDelay{1'000}; // doubled after each attempt
};

struct WebhookOutcome
{
    bool delivered = false;
    int attempts = 0;
    int status = 0; // the last answer's HTTP status; 0 when none came
    QString message; // a sentence for a person, either way
};

// Posts a JSON document to a webhook URL, trying again after errors that may pass, and says how
// it went in one sentence: a failing webhook is reported, never silent. Lives on the thread that
// uses it (the GUI's or salvo-cli's); the network I/O is Qt's own.
class WebhookNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookNotifier)

public:
    explicit WebhookNotifier(WebhookOptions options = {}, QObject *parent = nullptr);
    ~WebhookNotifier() override;

    // Starts posting; finished() follows once, after the last attempt. A URL that is not http
    // or https fails at once.
    void post(const QUrl &url, const QByteArray &json);
    // Stops: the exchange under way is aborted, no further attempt is made, and finished()
    // follows with what was reached.
    void abort();

signals:
    void finished(const salvo::WebhookOutcome &outcome);

private:
    QCoro::Task<> deliver(QUrl url, QByteArray json);

    WebhookOptions m_options;
    QNetworkAccessManager m_network;
    QPointer<QNetworkReply> m_current;
    bool m_aborted = false;
    std::shared_ptr<bool> m_alive; // false once destroyed: a delivery under way then stops
};

} // namespace salvo

Q_DECLARE_METATYPE(salvo::WebhookOutcome)
