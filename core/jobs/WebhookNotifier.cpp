#include "WebhookNotifier.h"

#include <QCoroNetworkReply>
#include <QCoroTimer>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <memory>

#include "Redaction.h"
#include "store/StoreCodec.h"

namespace salvo {
namespace {

// The webhook as a person may see it in a log: scheme and host only, since chat services keep
// their token in the path and others in the query.
QString shownUrl(const QUrl &url)
{
    return url.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment
                        | QUrl::RemoveUserInfo);
}

bool isWorthRetrying(int status, QNetworkReply::NetworkError error)
{
    if (status == 429 || status >= 500)
        return true;
    return status == 0 && error != QNetworkReply::NoError;
}

} // namespace

QJsonObject RunNotice::toJson() const
{
    QJsonObject object = runSummaryToJson(run);
    object.insert(QStringLiteral("event"), event);
    // A batch of the window is named after its first address: its secrets stay out.
    object.insert(QStringLiteral("name"), redactedUrl(run.batchName));
    object.insert(QStringLiteral("salvo_version"), QStringLiteral(SALVO_VERSION));
    if (run.started.isValid() && run.finished.isValid())
        object.insert(QStringLiteral("duration_ms"), run.started.msecsTo(run.finished));
    if (latency) {
        object.insert(QStringLiteral("latency_ms"),
                      QJsonObject{{QStringLiteral("p50"), latency->p50Ms},
                                  {QStringLiteral("p90"), latency->p90Ms},
                                  {QStringLiteral("p99"), latency->p99Ms},
                                  {QStringLiteral("max"), latency->maxMs}});
    }
    return object;
}

WebhookNotifier::WebhookNotifier(WebhookOptions options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_alive(std::make_shared<bool>(true))
{ }

// A delivery under way outlives this: it sees the token and stops after its next wait, and
// the reply it waits on is aborted, not deleted (a deleted reply never resumes it).
WebhookNotifier::~WebhookNotifier()
{
    *m_alive = false;
    abort();
}

void WebhookNotifier::post(const QUrl &url, const QByteArray &json)
{
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https")
        || url.host().isEmpty()) {
        const WebhookOutcome outcome{
                false, 0, 0,
                tr("Could not notify the webhook: \"%1\" is not a web address (http or https).")
                        .arg(url.toString())};
        // Always after post() returns, as when the network answers.
        QTimer::singleShot(0, this, [this, outcome] { emit finished(outcome); });
        return;
    }
    deliver(url, json);
}

void WebhookNotifier::abort()
{
    m_aborted = true;
    // Through a plain pointer: GCC 12 reads QPointer's dereference as a possible null.
    if (QNetworkReply *current = m_current.data())
        current->abort();
}

QCoro::Task<> WebhookNotifier::deliver(QUrl url, QByteArray json)
{
    const std::shared_ptr<bool> alive = m_alive;
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Salvo/" SALVO_VERSION));
    request.setTransferTimeout(int(m_options.timeout.count()));
    WebhookOutcome outcome;
    auto delay = m_options.retryDelay;
    for (int attempt = 1; attempt <= std::max(1, m_options.attempts); ++attempt) {
        outcome.attempts = attempt;
        std::unique_ptr<QNetworkReply, void (*)(QNetworkReply *)> reply(
                m_network.post(request, json), [](QNetworkReply *done) { done->deleteLater(); });
        m_current = reply.get();
        co_await reply.get();
        if (!*alive)
            co_return;
        m_current = nullptr;
        outcome.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QNetworkReply::NetworkError error = reply->error();
        if (outcome.status >= 200 && outcome.status < 300) {
            outcome.delivered = true;
            outcome.message = tr("Notified %1 (HTTP %2).").arg(shownUrl(url)).arg(outcome.status);
            break;
        }
        const QString reason = error == QNetworkReply::OperationCanceledError
                ? tr("no answer within %1 s").arg(m_options.timeout.count() / 1000.0)
                : outcome.status > 0 ? tr("it answered HTTP %1").arg(outcome.status)
                                     : reply->errorString();
        outcome.message = outcome.attempts == 1
                ? tr("Could not notify %1: %2.").arg(shownUrl(url), reason)
                : tr("Could not notify %1: %2 (tried %3 times).")
                          .arg(shownUrl(url), reason)
                          .arg(outcome.attempts);
        if (m_aborted) {
            outcome.message = tr("Stopped notifying %1.").arg(shownUrl(url));
            break;
        }
        if (!isWorthRetrying(outcome.status, error) || attempt == m_options.attempts)
            break;
        co_await QCoro::sleepFor(delay);
        if (!*alive)
            co_return;
        delay *= 2;
        if (m_aborted) {
            outcome.message = tr("Stopped notifying %1.").arg(shownUrl(url));
            break;
        }
    }
    emit finished(outcome);
}

} // namespace salvo
