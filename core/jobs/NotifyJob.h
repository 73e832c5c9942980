#pragma once

#include <QJsonObject>
#include <QUrl>

#include "Job.h"
#include "WebhookNotifier.h"

namespace salvo {

// Tells a webhook how a run went, as a job: it shows in the Jobs panel with its outcome, so a
// webhook that could not be told is seen there and not lost. The notifier runs in an event
// loop of the job's own, on the job's pool thread.
class NotifyJob final : public Job
{
public:
    NotifyJob(QUrl url, RunNotice notice, WebhookOptions options = {});
    // The notice of a run read from the history first, on the job's thread.
    NotifyJob(QUrl url, QString historyPath, qint64 runId, WebhookOptions options = {});
    // A document made elsewhere, such as a scheduled check's report; `subject` ends the title
    // ("Tell example.org about <subject>").
    NotifyJob(QUrl url, QJsonObject document, QString subject, qint64 runId,
              WebhookOptions options = {});

    QString title() const override;
    JobKind kind() const override { return JobKind::Notify; }
    JobOutcome run(JobControl &control) override;

private:
    QUrl m_url;
    RunNotice m_notice;
    QString m_historyPath; // empty: m_notice is given
    QJsonObject m_document; // when set, sent instead of m_notice's
    QString m_subject;
    WebhookOptions m_options;
};

} // namespace salvo
