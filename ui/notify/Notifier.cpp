#include "Notifier.h"

#include <QMenu>
#include <QSystemTrayIcon>
#include <QUrl>

#include <memory>
#include <utility>

#include "jobs/CheckReport.h"
#include "jobs/JobManager.h"
#include "jobs/NotifyJob.h"
#include "jobs/Schedule.h"

namespace salvo::ui {

Notifier::Notifier(QString historyPath, JobManager *jobs, QWidget *window)
    : QObject(window)
    , m_historyPath(std::move(historyPath))
    , m_jobs(jobs)
    , m_window(window)
{ }

Notifier::~Notifier() = default;

QSystemTrayIcon *Notifier::trayIcon()
{
    if (m_trayIcon)
        return m_trayIcon;
    m_trayIcon = new QSystemTrayIcon(m_window->windowIcon(), this);
    m_trayIcon->setToolTip(tr("Salvo"));
    connect(m_trayIcon, &QSystemTrayIcon::messageClicked, this, &Notifier::openRequested);
    connect(m_trayIcon, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    emit openRequested();
            });
    auto *menu = new QMenu(m_window);
    menu->setObjectName(QStringLiteral("trayMenu"));
    menu->addAction(tr("Open Salvo"), this, &Notifier::openRequested)
            ->setObjectName(QStringLiteral("trayOpenAction"));
    menu->addAction(tr("Quit Salvo"), this, &Notifier::quitRequested)
            ->setObjectName(QStringLiteral("trayQuitAction"));
    m_trayIcon->setContextMenu(menu);
    return m_trayIcon;
}

void Notifier::tellRunEnded(qint64 runId, const Progress &progress, bool stopped)
{
    const QString said = (stopped ? tr("Run %1 stopped: %2 of %3 rows.")
                                  : tr("Run %1 finished: %2 of %3 rows."))
                                 .arg(runId)
                                 .arg(progressCounts(progress))
                                 .arg(progress.total);
    if (m_settings.desktop && QSystemTrayIcon::isSystemTrayAvailable()) {
        trayIcon()->show();
        trayIcon()->showMessage(tr("Salvo"), said,
                                progress.failed > 0 ? QSystemTrayIcon::Warning
                                                    : QSystemTrayIcon::Information);
    }
    // The run is in the history by now: the job reads its summary there.
    if (!m_settings.webhookUrl.isEmpty() && runId > 0) {
        m_jobs->start(
                std::make_unique<NotifyJob>(QUrl(m_settings.webhookUrl), m_historyPath, runId));
    }
}

void Notifier::tellCheckChanged(const Schedule &schedule, const CheckReport &report)
{
    if (m_settings.desktop && QSystemTrayIcon::isSystemTrayAvailable()) {
        trayIcon()->show();
        trayIcon()->showMessage(tr("%1 changed").arg(schedule.name), report.sentence(),
                                QSystemTrayIcon::Warning);
    }
    if (!m_settings.webhookUrl.isEmpty()) {
        m_jobs->start(std::make_unique<NotifyJob>(QUrl(m_settings.webhookUrl), report.toJson(),
                                                  tr("the check of %1").arg(schedule.name),
                                                  report.notice.run.id));
    }
}

void Notifier::showKeptInTray(int checkCount)
{
    trayIcon()->show();
    if (std::exchange(m_toldAboutTray, true))
        return;
    trayIcon()->showMessage(tr("Salvo keeps checking"),
                            tr("%1 scheduled checks go on while the window is closed. Click the "
                               "Salvo icon to open it, or quit from its menu.")
                                    .arg(checkCount),
                            QSystemTrayIcon::Information);
}

void Notifier::hideTrayIcon()
{
    if (m_trayIcon)
        m_trayIcon->hide();
}

} // namespace salvo::ui
