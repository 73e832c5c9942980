#include "NotifyJob.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>
#include <QTimer>

#include "store/RunHistory.h"

namespace salvo {

NotifyJob::NotifyJob(QUrl url, RunNotice notice, WebhookOptions options)
    : m_url(std::move(url))
    , m_notice(std::move(notice))
    , m_options(options)
{ }

NotifyJob::NotifyJob(QUrl url, QString historyPath, qint64 runId, WebhookOptions options)
    : m_url(std::move(url))
    , m_historyPath(std::move(historyPath))
    , m_options(options)
{
    m_notice.run.id = runId;
}

NotifyJob::NotifyJob(QUrl url, QJsonObject document, QString subject, qint64 runId,
                     WebhookOptions options)
    : m_url(std::move(url))
    , m_document(std::move(document))
    , m_subject(std::move(subject))
    , m_options(options)
{
    m_notice.run.id = runId;
}

QString NotifyJob::title() const
{
    const QString host = m_url.host().isEmpty() ? m_url.toString() : m_url.host();
    if (!m_subject.isEmpty())
        return QCoreApplication::translate("salvo::NotifyJob", "Tell %1 about %2")
                .arg(host, m_subject);
    return m_notice.run.id > 0
            ? QCoreApplication::translate("salvo::NotifyJob", "Tell %1 about run %2")
                      .arg(host)
                      .arg(m_notice.run.id)
            : QCoreApplication::translate("salvo::NotifyJob", "Tell %1 about the run").arg(host);
}

JobOutcome NotifyJob::run(JobControl &control)
{
    if (!m_historyPath.isEmpty()) {
        RunHistory history(m_historyPath);
        Expected<> opened = history.open();
        Expected<RunSummary> run
                = opened ? history.run(m_notice.run.id) : Expected<RunSummary>(opened.error());
        if (!run)
            return {JobState::Failed, run.error().message, {}, m_notice.run.id};
        m_notice.run = *run;
        if (const auto latency = history.latencyPercentiles(m_notice.run.id))
            m_notice.latency = *latency;
    }
    QEventLoop loop;
    WebhookNotifier notifier(m_options);
    WebhookOutcome outcome;
    QObject::connect(&notifier, &WebhookNotifier::finished, &loop,
                     [&](const WebhookOutcome &ended) {
                         outcome = ended;
                         loop.quit();
                     });
    // A cancel reaches the notifier at once: the exchange under way is aborted.
    QTimer watch;
    watch.setInterval(50);
    QObject::connect(&watch, &QTimer::timeout, &loop, [&] {
        if (control.isCancelled())
            notifier.abort();
    });
    watch.start();
    const QJsonObject document = m_document.isEmpty() ? m_notice.toJson() : m_document;
    notifier.post(m_url, QJsonDocument(document).toJson(QJsonDocument::Compact));
    loop.exec();
    if (outcome.delivered)
        return {JobState::Done, outcome.message, {}, m_notice.run.id};
    return {control.isCancelled() ? JobState::Cancelled : JobState::Failed,
            outcome.message,
            {},
            m_notice.run.id};
}

} // namespace salvo
