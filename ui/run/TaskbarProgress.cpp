#include "TaskbarProgress.h"

#include <QDBusMessage>

#include <algorithm>
#include <cmath>

namespace salvo::ui {

TaskbarProgress::TaskbarProgress(const QString &desktopFileName, QDBusConnection bus)
    : m_appUri(QStringLiteral("application://") + desktopFileName + QStringLiteral(".desktop"))
    , m_bus(std::move(bus))
{ }

void TaskbarProgress::show(double fraction, int count)
{
    fraction = std::clamp(fraction, 0.0, 1.0);
    // A change under half a percent is not worth a message to the desktop, but the end of the
    // bar always is.
    const bool reachedTheEnd = fraction == 1.0 && m_lastFraction != 1.0;
    if (std::abs(fraction - m_lastFraction) < 0.005 && count == m_lastCount && !reachedTheEnd)
        return;
    m_lastFraction = fraction;
    m_lastCount = count;
    send({{QStringLiteral("progress"), fraction},
          {QStringLiteral("progress-visible"), true},
          {QStringLiteral("count"), qint64(count)},
          {QStringLiteral("count-visible"), count > 0}});
}

void TaskbarProgress::hide()
{
    m_lastFraction = -1;
    m_lastCount = -1;
    send({{QStringLiteral("progress-visible"), false}, {QStringLiteral("count-visible"), false}});
}

void TaskbarProgress::send(const QVariantMap &properties)
{
    if (!m_bus.isConnected())
        return;
    QDBusMessage update = QDBusMessage::createSignal(
            objectPath(), QStringLiteral("com.canonical.Unity.LauncherEntry"),
            QStringLiteral("Update"));
    update << m_appUri << properties;
    m_bus.send(update);
}

} // namespace salvo::ui
