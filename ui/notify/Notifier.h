#pragma once

// ui/notify owns telling the person what happened while they looked elsewhere: the desktop
// notification through the tray icon, the webhook, and the icon that keeps Salvo in the tray.

#include <QObject>

#include "engine/Progress.h"
#include "desktop/RunDefaults.h"

class QSystemTrayIcon;
class QWidget;

namespace salvo {
class JobManager;
struct CheckReport;
struct Schedule;
} // namespace salvo

namespace salvo::ui {

class Notifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Notifier)

public:
    // The window owns it, and its tray menu.
    Notifier(QString historyPath, JobManager *jobs, QWidget *window);
    ~Notifier() override;

    void setSettings(const NotifySettings &settings) { m_settings = settings; }
    const NotifySettings &settings() const { return m_settings; }

    // After a run is in the history: the desktop notification and the webhook, as set.
    void tellRunEnded(qint64 runId, const salvo::Progress &progress, bool stopped);
    // A scheduled check found a change: the desktop notification and the webhook, as set.
    void tellCheckChanged(const salvo::Schedule &schedule, const salvo::CheckReport &report);
    // The window hides while checks go on: the icon stays, and says so the first time.
    void showKeptInTray(int checkCount);
    void hideTrayIcon();

signals:
    void openRequested();
    void quitRequested();

private:
    // The tray icon, made when first needed.
    QSystemTrayIcon *trayIcon();

    QString m_historyPath;
    JobManager *m_jobs;
    QWidget *m_window;
    NotifySettings m_settings;
    QSystemTrayIcon *m_trayIcon = nullptr;
    bool m_toldAboutTray = false;
};

} // namespace salvo::ui
