// The window with scheduled checks and "Keep checking from the system tray" on, on a real X
// server with a tray (tests/support/with-tray): closing the window hides it, its icon stays in
// the tray and the checks go on; the tray's Open brings it back and Quit ends it.

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "MainWindow.h"
#include "NetworkIsolation.h"
#include "TestServer.h"
#include "session/SavedBatch.h"
#include "jobs/Schedule.h"
#include "desktop/RecheckScheduler.h"
#include "ExpectedTest.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace salvo;
using namespace salvo::ui;

class TestMainWindowTray final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QSettings().clear();
        QFile::remove(defaultSchedulesPath());
    }

    void cleanup()
    {
        QSettings().clear();
        QFile::remove(defaultSchedulesPath());
    }

    void closingKeepsCheckingInTheTray()
    {
        // trayer takes its selection a while after its panel shows, longer on a busy machine.
        QTRY_VERIFY2_WITH_TIMEOUT(QSystemTrayIcon::isSystemTrayAvailable(),
                                  "no system tray: run this test through tests/support/with-tray",
                                  20'000);
        TestServer http;
        QVERIFY(http.start());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SavedBatch batch;
        batch.input.data = http.url(u"/status/200"_s).toEncoded() + '\n';
        const QString batchPath = dir.filePath(u"health.salvo"_s);
        QFile file(batchPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(writeSavedBatch(batch));
        file.close();
        Schedule schedule;
        schedule.id = 1;
        schedule.name = u"health"_s;
        schedule.batchPath = batchPath;
        schedule.every = 1s;
        QVERIFY_RESULT(saveScheduleFile(defaultSchedulesPath(), {schedule}));
        {
            QSettings settings;
            settings.setValue(u"schedules/keepCheckingInTray"_s, true);
            settings.setValue(u"notify/desktop"_s, false);
        }

        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy ended(window.scheduler(), &RecheckScheduler::checkEnded);
        QTRY_VERIFY_WITH_TIMEOUT(ended.size() >= 1, 20'000);

        // Closed as with the title bar's button: hidden, in the tray, still checking.
        QVERIFY(!window.close());
        QVERIFY(!window.isVisible());
        auto *tray = window.findChild<QSystemTrayIcon *>();
        QVERIFY(tray);
        QVERIFY(tray->isVisible());
        const qsizetype checksBefore = ended.size();
        QTRY_VERIFY_WITH_TIMEOUT(ended.size() >= checksBefore + 2, 20'000);

        // The tray's menu opens the window again, and quits.
        window.findChild<QAction *>(u"trayOpenAction"_s)->trigger();
        QTRY_VERIFY(window.isVisible());
        window.findChild<QAction *>(u"trayQuitAction"_s)->trigger();
        QTRY_VERIFY(!window.isVisible());
        QVERIFY(!tray->isVisible());
    }
};

int main(int argc, char *argv[])
{
    isolateNetwork();
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    TestMainWindowTray test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainwindowtray.moc"
