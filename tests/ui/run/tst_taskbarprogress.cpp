// TaskbarProgress on a private session bus: a listener on the bus sees the launcher updates
// a dock would see, with the app's desktop id, the fraction and the badge.

#include <QDBusConnection>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "run/TaskbarProgress.h"

using namespace Qt::StringLiterals;
using salvo::ui::TaskbarProgress;

// What a dock receives.
class LauncherListener final : public QObject
{
    Q_OBJECT

public:
    QList<std::pair<QString, QVariantMap>> updates;

signals:
    void received();

public slots:
    void update(const QString &appUri, const QVariantMap &properties)
    {
        updates.append({appUri, properties});
        emit received();
    }
};

class TestTaskbarProgress final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void sendsProgressAndBadge();
    void hidesWhenTheRunEnds();
    void skipsChangesTooSmallToSee();
    void withoutABusDoesNothing();

private:
    bool waitForUpdates(int count);

    QProcess m_daemon;
    QString m_address;
    std::unique_ptr<QDBusConnection> m_sender;
    std::unique_ptr<QDBusConnection> m_listenerBus;
    LauncherListener m_listener;
};

void TestTaskbarProgress::initTestCase()
{
    const QString daemon = QStandardPaths::findExecutable(u"dbus-daemon"_s);
    QVERIFY2(!daemon.isEmpty(), "dbus-daemon is needed (Debian package dbus-daemon)");
    m_daemon.start(daemon,
                   {u"--session"_s, u"--nofork"_s, u"--print-address=1"_s,
                    u"--address=unix:tmpdir=/tmp"_s});
    QVERIFY(m_daemon.waitForStarted());
    QVERIFY(QTest::qWaitFor([&] { return m_daemon.canReadLine(); }, 10000));
    m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
    QVERIFY(!m_address.isEmpty());

    m_sender = std::make_unique<QDBusConnection>(
            QDBusConnection::connectToBus(m_address, u"sender"_s));
    m_listenerBus = std::make_unique<QDBusConnection>(
            QDBusConnection::connectToBus(m_address, u"listener"_s));
    QVERIFY(m_sender->isConnected());
    QVERIFY(m_listenerBus->isConnected());
    QVERIFY(m_listenerBus->connect({}, {}, u"com.canonical.Unity.LauncherEntry"_s, u"Update"_s,
                                   &m_listener, SLOT(update(QString, QVariantMap))));
}

void TestTaskbarProgress::cleanupTestCase()
{
    m_sender.reset();
    m_listenerBus.reset();
    QDBusConnection::disconnectFromBus(u"sender"_s);
    QDBusConnection::disconnectFromBus(u"listener"_s);
    m_daemon.terminate();
    m_daemon.waitForFinished();
}

bool TestTaskbarProgress::waitForUpdates(int count)
{
    return QTest::qWaitFor([&] { return m_listener.updates.size() >= count; }, 10000);
}

void TestTaskbarProgress::sendsProgressAndBadge()
{
    m_listener.updates.clear();
    TaskbarProgress progress(u"app.salvo.Salvo"_s, *m_sender);
    progress.show(0.25, 3);
    QVERIFY(waitForUpdates(1));
    const auto &[appUri, properties] = m_listener.updates.constFirst();
    QCOMPARE(appUri, u"application://app.salvo.Salvo.desktop"_s);
    QCOMPARE(properties.value(u"progress"_s).toDouble(), 0.25);
    QCOMPARE(properties.value(u"progress-visible"_s).toBool(), true);
    QCOMPARE(properties.value(u"count"_s).toLongLong(), 3);
    QCOMPARE(properties.value(u"count-visible"_s).toBool(), true);
}

void TestTaskbarProgress::hidesWhenTheRunEnds()
{
    m_listener.updates.clear();
    TaskbarProgress progress(u"app.salvo.Salvo"_s, *m_sender);
    progress.show(0.5);
    progress.hide();
    QVERIFY(waitForUpdates(2));
    const QVariantMap shown = m_listener.updates.at(0).second;
    QCOMPARE(shown.value(u"count-visible"_s).toBool(), false); // no failures, no badge
    const QVariantMap hidden = m_listener.updates.at(1).second;
    QCOMPARE(hidden.value(u"progress-visible"_s).toBool(), false);
    QCOMPARE(hidden.value(u"count-visible"_s).toBool(), false);
}

void TestTaskbarProgress::skipsChangesTooSmallToSee()
{
    m_listener.updates.clear();
    TaskbarProgress progress(u"app.salvo.Salvo"_s, *m_sender);
    for (int done = 0; done <= 1000; ++done)
        progress.show(done / 1000.0);
    progress.hide(); // the marker that every update before it has arrived
    QVERIFY(QTest::qWaitFor(
            [&] {
                return !m_listener.updates.isEmpty()
                        && !m_listener.updates.constLast()
                                    .second.value(u"progress-visible"_s)
                                    .toBool();
            },
            10000));
    // One message per half percent at most, not one per row.
    QVERIFY2(m_listener.updates.size() <= 202,
             qPrintable(QString::number(m_listener.updates.size())));
    QVERIFY(m_listener.updates.size() >= 100);
    QCOMPARE(m_listener.updates.at(m_listener.updates.size() - 2)
                     .second.value(u"progress"_s)
                     .toDouble(),
             1.0);
}

void TestTaskbarProgress::withoutABusDoesNothing()
{
    const QDBusConnection none
            = QDBusConnection::connectToBus(u"unix:path=/nonexistent"_s, u"nowhere"_s);
    QVERIFY(!none.isConnected());
    TaskbarProgress progress(u"app.salvo.Salvo"_s, none);
    progress.show(0.5, 1); // must neither crash nor block
    progress.hide();
    QDBusConnection::disconnectFromBus(u"nowhere"_s);
}

QTEST_GUILESS_MAIN(TestTaskbarProgress)
#include "tst_taskbarprogress.moc"
