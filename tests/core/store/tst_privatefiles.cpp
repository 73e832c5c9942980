// Files at rest: Salvo's folders, the history, the schedules and their lock are the owner's
// only, whatever the umask; exports and saved batches follow the umask.

#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include "ExpectedTest.h"
#include "StoreTestSupport.h"
#include "jobs/Schedule.h"
#include "store/Database.h"
#include "store/PrivateFiles.h"
#include "store/RunStore.h"

using namespace salvo;

namespace {

int modeOf(const QString &path)
{
    struct stat status
    { };
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return -1;
    return int(status.st_mode & 07777);
}

// The process's umask for the life of one object.
class Umask
{
public:
    explicit Umask(mode_t mask)
        : m_old(::umask(mask))
    { }
    ~Umask() { ::umask(m_old); }
    Q_DISABLE_COPY_MOVE(Umask)

private:
    mode_t m_old;
};

void makeFileWithMode(const QString &path, int mode)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QCOMPARE(::chmod(QFile::encodeName(path).constData(), mode_t(mode)), 0);
}

} // namespace

class TestPrivateFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void newHistoryIsTheOwnersOnlyUnderAnOpenUmask()
    {
        const Umask open(0);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        {
            RunStore store({.path = path});
            QVERIFY_RESULT(store.open().result());
            // A run written makes SQLite's journal files too: they take the file's mode.
            const RunTicket run = store.beginRun(BatchSpec{}, RunOptions{});
            store.appendResults(run, test::answeredRows(0, 3));
            test::settle(store);
            for (const QString &name : QDir(dir.path()).entryList(QDir::Files))
                QCOMPARE(modeOf(dir.filePath(name)), 0600);
        }
        QCOMPARE(modeOf(path), 0600);
    }

    void existingHistoryIsTightenedOnOpen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        {
            RunStore store({.path = path});
            QVERIFY_RESULT(store.open().result());
        }
        // As an older Salvo left it.
        QCOMPARE(::chmod(QFile::encodeName(path).constData(), 0644), 0);
        RunStore store({.path = path});
        QVERIFY_RESULT(store.open().result());
        QCOMPARE(modeOf(path), 0600);
    }

    void defaultHistoryFolderIsPrivate()
    {
        const Umask open(0);
        const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir(data).removeRecursively();
        const QString history = defaultHistoryPath();
        QCOMPARE(QFileInfo(history).absolutePath(), QFileInfo(data).absoluteFilePath());
        QCOMPARE(modeOf(data), 0700);
        QDir(data).removeRecursively();
    }

    void startTightensDataAndConfigFolders()
    {
        const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        const QString config = QFileInfo(QSettings().fileName()).absolutePath();
        QVERIFY(QDir().mkpath(data));
        QVERIFY(QDir().mkpath(config));
        QCOMPARE(::chmod(QFile::encodeName(data).constData(), 0755), 0);
        QCOMPARE(::chmod(QFile::encodeName(config).constData(), 0775), 0);
        protectSalvoFolders();
        QCOMPARE(modeOf(data), 0700);
        QCOMPARE(modeOf(QFileInfo(data).absolutePath()), 0700);
        QCOMPARE(modeOf(config), 0700);
    }

    void schedulesAreTheOwnersOnly()
    {
        const Umask open(0);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("schedules.json"));
        Schedule schedule;
        schedule.id = 1;
        schedule.every = std::chrono::minutes(5);
        schedule.batchPath = dir.filePath(QStringLiteral("batch.salvo"));
        QVERIFY_RESULT(saveScheduleFile(path, {schedule}));
        QCOMPARE(modeOf(path), 0600);
        // A file another program loosened is written back tight.
        QCOMPARE(::chmod(QFile::encodeName(path).constData(), 0666), 0);
        QVERIFY_RESULT(saveScheduleFile(path, {schedule}));
        QCOMPARE(modeOf(path), 0600);
    }

    void aLockFileIsMadePrivate()
    {
        const Umask open(0);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("schedules.json.lock"));
        QLockFile lock(path);
        QVERIFY(lock.tryLock(0));
        QCOMPARE(modeOf(path), 0666); // what QLockFile makes under this umask
        QVERIFY(ensurePrivateFile(path));
        QCOMPARE(modeOf(path), 0600);
        // Still the lock: its content is untouched.
        QLockFile second(path);
        QVERIFY(!second.tryLock(0));
    }

    void existingFileKeepsItsContent()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("kept"));
        makeFileWithMode(path, 0644);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("content");
        file.close();
        QVERIFY(ensurePrivateFile(path));
        QCOMPARE(modeOf(path), 0600);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("content"));
    }
};

QTEST_GUILESS_MAIN(TestPrivateFiles)
#include "tst_privatefiles.moc"
