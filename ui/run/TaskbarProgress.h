#pragma once

#include <QDBusConnection>
#include <QString>

namespace salvo::ui {

// The run's progress on the taskbar or dock icon, where the desktop shows it: the Unity
// launcher API that KDE Plasma, Ubuntu's dock and Dash to Dock read from the session bus.
// Without a session bus it does nothing.
class TaskbarProgress final
{
public:
    // `desktopFileName`: the .desktop file the launcher knows the app by (without ".desktop").
    explicit TaskbarProgress(const QString &desktopFileName,
                             QDBusConnection bus = QDBusConnection::sessionBus());

    // fraction in [0, 1]; `count` is shown as a badge (such as the failures so far) when > 0.
    void show(double fraction, int count = 0);
    void hide();

    static QString objectPath() { return QStringLiteral("/app/salvo/Salvo/launcher"); }

private:
    void send(const QVariantMap &properties);

    QString m_appUri;
    QDBusConnection m_bus;
    double m_lastFraction = -1;
    int m_lastCount = -1;
};

} // namespace salvo::ui
