// RunStore, the writer: one transaction per batch (all of it or none), counters in step,
// secrets kept out, resume, a run left open saved as interrupted, the backlog bound, and a
// sentence (never a crash, never a wait) for a full disk, a read-only, damaged, newer or locked
// file. Real SQLite files in a temporary folder; the failures are real SQLite errors, made as
// each test explains.

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#ifdef Q_OS_LINUX
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>
#endif

#include "StoreTestSupport.h"
#include "store/Database.h"
#include "store/RunHistory.h"
#include "store/RunStore.h"
#include "store/Schema.h"
#include "ExpectedTest.h"

using namespace Qt::StringLiterals;
using namespace salvo;
using salvo::test::answeredRow;
using salvo::test::answeredRows;
using salvo::test::RawSql;
using salvo::test::settle;
using salvo::test::urlListBatch;

namespace {

QByteArray fileDigest(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

QString messageOf(const QSignalSpy &spy, int at = 0)
{
    return spy.size() > at ? spy.at(at).at(0).toString() : QString();
}

#ifdef Q_OS_LINUX
// chattr +i / -i: an immutable file refuses writes even from root.
bool setImmutable(const QString &path, bool immutable)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    if (fd < 0)
        return false;
    int flags = 0;
    bool done = ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
    if (done) {
        flags = immutable ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
        done = ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
    }
    ::close(fd);
    return done;
}
#endif

} // namespace

class TestRunStore : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(QStringLiteral("history.sqlite"));
    }

    void cleanup()
    {
#ifdef Q_OS_LINUX
        if (!m_immutable.isEmpty())
            setImmutable(m_immutable, false);
        m_immutable.clear();
#endif
        m_dir.reset();
    }

    void defaultPathIsInTheAppDataFolder()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString path = defaultHistoryPath();
        QVERIFY2(path.endsWith(u"/history.sqlite"), qPrintable(path));
        QVERIFY(QFileInfo(path).absoluteDir().exists());
        QStandardPaths::setTestModeEnabled(false);
    }

    void savesARunWithItsResults()
    {
        RunStore store({.path = m_path});
        QSignalSpy begun(&store, &RunStore::runBegun);
        QSignalSpy failed(&store, &RunStore::writeFailed);
        const Expected<> opened = store.open().result();
        QVERIFY_RESULT(opened);

        RunOptions options;
        options.concurrency = 12;
        const RunTicket ticket
                = store.beginRun(urlListBatch(10), options, std::nullopt, u"Items"_s);
        store.appendResults(ticket, answeredRows(0, 5));
        store.appendResults(ticket, answeredRows(5, 5));
        store.finishRun(ticket, RunState::Finished);
        settle(store);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(begun.size(), 1);
        QCOMPARE(begun.at(0).at(0).value<RunTicket>(), ticket);
        const qint64 runId = begun.at(0).at(1).toLongLong();
        QVERIFY(runId > 0);
        QCOMPARE(store.pendingRows(), 0);

        RunHistory history(m_path);
        QVERIFY(history.open());
        const Expected<RunSummary> run = history.run(runId);
        QVERIFY(run);
        QCOMPARE(run->state, RunState::Finished);
        QCOMPARE(run->batchName, u"Items");
        QCOMPARE(run->rowCount, 10);
        QCOMPARE(run->resultCount, 10);
        QCOMPARE(run->okCount, 9); // row 9 is a 404
        QCOMPARE(run->failedCount, 1);
        QVERIFY(run->started.isValid());
        QVERIFY(run->finished >= run->started);
        QCOMPARE(history.runOptions(runId)->concurrency, 12);
    }

    void beginRunOpensTheFileWhenOpenWasNotCalled()
    {
        RunStore store({.path = m_path});
        QSignalSpy begun(&store, &RunStore::runBegun);
        store.beginRun(urlListBatch(1), {});
        settle(store);
        QCOMPARE(begun.size(), 1);
    }

    void countersMoveWithEachCommit()
    {
        RunStore store({.path = m_path});
        QSignalSpy begun(&store, &RunStore::runBegun);
        const RunTicket ticket = store.beginRun(urlListBatch(300), {});
        settle(store);
        const qint64 runId = begun.at(0).at(1).toLongLong();
        RawSql raw(m_path);
        for (int first = 0; first < 300; first += 100) {
            store.appendResults(ticket, answeredRows(first, 100));
            settle(store);
            const QString where = QStringLiteral(" WHERE run_id = %1").arg(runId);
            QCOMPARE(raw.value(u"SELECT count(*) FROM results"_s + where).toInt(), first + 100);
            QCOMPARE(raw.value(QStringLiteral("SELECT result_count FROM runs WHERE id = %1")
                                       .arg(runId))
                             .toInt(),
                     first + 100);
            QCOMPARE(raw.value(QStringLiteral("SELECT failed_count FROM runs WHERE id = %1")
                                       .arg(runId))
                             .toInt(),
                     raw.value(u"SELECT count(*) FROM results"_s + where
                               + u" AND NOT (status_class IN (2, 3))"_s)
                             .toInt());
        }
    }

    // A batch holding the same row twice breaks the key: none of it is saved, the counters
    // do not move, and the batches around it are saved as usual.
    void batchWithARepeatedRowIsNotSavedAtAll()
    {
        RunStore store({.path = m_path});
        QSignalSpy begun(&store, &RunStore::runBegun);
        QSignalSpy failed(&store, &RunStore::writeFailed);
        const RunTicket ticket = store.beginRun(urlListBatch(20), {});
        store.appendResults(ticket, answeredRows(0, 10));
        ResultBatch repeated = answeredRows(10, 3);
        repeated[0].body = "a body that must not stay behind";
        repeated.append(answeredRow(11));
        store.appendResults(ticket, repeated);
        ResultBatch alreadySaved{answeredRow(13), answeredRow(4)};
        store.appendResults(ticket, alreadySaved);
        store.appendResults(ticket, answeredRows(14, 2));
        settle(store);

        QCOMPARE(failed.size(), 2);
        QVERIFY2(messageOf(failed, 0).contains(u"row 11 (line 12) already has a saved result"),
                 qPrintable(messageOf(failed, 0)));
        QVERIFY2(messageOf(failed, 0).contains(u"none of this batch was saved"),
                 qPrintable(messageOf(failed, 0)));
        QVERIFY2(messageOf(failed, 1).contains(u"row 4 "), qPrintable(messageOf(failed, 1)));
        const qint64 runId = begun.at(0).at(1).toLongLong();
        RawSql raw(m_path);
        QCOMPARE(raw.column(QStringLiteral("SELECT row_index FROM results WHERE run_id = %1 "
                                           "ORDER BY row_index")
                                    .arg(runId)),
                 (QStringList{u"0"_s, u"1"_s, u"2"_s, u"3"_s, u"4"_s, u"5"_s, u"6"_s, u"7"_s,
                              u"8"_s, u"9"_s, u"14"_s, u"15"_s}));
        QCOMPARE(raw.value(QStringLiteral("SELECT result_count FROM runs WHERE id = %1").arg(runId))
                         .toInt(),
                 12);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM responses")).toInt(), 0);
        QCOMPARE(store.pendingRows(), 0);
    }

    void secretHeadersStayOutOfTheHistory()
    {
        RunStore store({.path = m_path});
        QSignalSpy begun(&store, &RunStore::runBegun);
        BatchSpec batch = urlListBatch(2);
        batch.headers = {{"Authorization", "Bearer s3cr3t-1"},
                         {"Accept", "application/json"},
                         {"X-Api-Key", "s3cr3t-2"},
                         {"Cookie", "session=s3cr3t-3"},
                         {"X-Auth-Token", "s3cr3t-4"},
                         {"X-Trace", "kept"}};
        BatchInput input = salvo::test::urlListInput(2);
        input.headers = batch.headers;
        store.beginRun(batch, {}, input);
        settle(store);
        const qint64 runId = begun.at(0).at(1).toLongLong();

        RunHistory history(m_path);
        QVERIFY(history.open());
        const HeaderList kept{{"Accept", "application/json"}, {"X-Trace", "kept"}};
        QCOMPARE(history.runBatch(runId)->headers, kept);
        QCOMPARE(history.batchInput(runId)->headers, kept);
        QCOMPARE(*history.withheldHeaders(runId),
                 (QList<QByteArray>{"Authorization", "X-Api-Key", "Cookie", "X-Auth-Token"}));
        store.flush().waitForFinished();
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QFile wal(m_path + u"-wal");
        QVERIFY(wal.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll() + wal.readAll();
        QVERIFY(!bytes.contains("s3cr3t"));
    }

    void sameInputSharesOneBatchRow()
    {
        RunStore store({.path = m_path});
        store.beginRun(urlListBatch(3), {}, std::nullopt, u"same"_s);
        store.beginRun(urlListBatch(3), {}, std::nullopt, u"same"_s);
        store.beginRun(urlListBatch(4), {}, std::nullopt, u"same"_s);
        settle(store);
        RawSql raw(m_path);
        QCOMPARE(raw.value(u"SELECT count(*) FROM runs"_s).toInt(), 3);
        QCOMPARE(raw.value(u"SELECT count(*) FROM batches"_s).toInt(), 2);
    }

    void runLeftOpenIsSavedAsInterrupted()
    {
        qint64 runId = 0;
        {
            RunStore store({.path = m_path});
            QSignalSpy begun(&store, &RunStore::runBegun);
            const RunTicket ticket = store.beginRun(urlListBatch(10), {});
            store.appendResults(ticket, answeredRows(0, 4));
            settle(store);
            runId = begun.at(0).at(1).toLongLong();
        }
        RunHistory history(m_path);
        QVERIFY(history.open());
        const Expected<RunSummary> run = history.run(runId);
        QCOMPARE(run->state, RunState::Interrupted);
        QCOMPARE(run->resultCount, 4);
        QVERIFY(run->finished.isValid());
    }

    // A process that died mid-run left its run "running"; the next writer to open the file
    // saves it as interrupted, ended at its last commit.
    void runOfADeadProcessIsSavedAsInterruptedAtOpen()
    {
        QProcess process;
        process.start(u"/bin/true"_s, {});
        QVERIFY(process.waitForStarted());
        const qint64 deadPid = process.processId();
        QVERIFY(process.waitForFinished());
        {
            RunStore store({.path = m_path});
            const RunTicket ticket = store.beginRun(urlListBatch(10), {});
            store.appendResults(ticket, answeredRows(0, 4));
            store.finishRun(ticket, RunState::Finished);
            store.beginRun(urlListBatch(10), {});
            settle(store);
        }
        RawSql raw(m_path);
        QVERIFY(raw.exec(u"UPDATE runs SET state = 'running', finished_ms = NULL,"
                         " updated_ms = 1700000000000, owner_start = 0, owner_pid = "_s
                         + QString::number(deadPid)));
        RunStore store({.path = m_path});
        QVERIFY(store.open().result());
        QCOMPARE(raw.column(u"SELECT state FROM runs ORDER BY id"_s),
                 (QStringList{u"interrupted"_s, u"interrupted"_s}));
        QCOMPARE(raw.value(u"SELECT finished_ms FROM runs WHERE id = 1"_s).toLongLong(),
                 1700000000000);
    }

    void resumeCompletesTheSameRun()
    {
        qint64 runId = 0;
        {
            RunStore store({.path = m_path});
            QSignalSpy begun(&store, &RunStore::runBegun);
            const RunTicket ticket = store.beginRun(urlListBatch(10), {});
            store.appendResults(ticket, answeredRows(0, 3));
            store.appendResults(ticket, answeredRows(6, 2));
            settle(store);
            runId = begun.at(0).at(1).toLongLong();
        }
        RunHistory history(m_path);
        QVERIFY(history.open());
        const QList<int> missing = *history.missingRows(runId);
        QCOMPARE(missing, (QList<int>{3, 4, 5, 8, 9}));

        RunStore store({.path = m_path});
        QSignalSpy begun(&store, &RunStore::runBegun);
        QSignalSpy failed(&store, &RunStore::writeFailed);
        const RunTicket ticket = store.resumeRun(runId);
        settle(store);
        QCOMPARE(begun.size(), 1);
        QCOMPARE(begun.at(0).at(1).toLongLong(), runId);
        QCOMPARE(history.run(runId)->state, RunState::Running);

        // A second resume of the run while this one writes it is refused, in the same
        // transaction that would have taken it over.
        {
            RunStore rival({.path = m_path});
            QSignalSpy rivalFailed(&rival, &RunStore::writeFailed);
            QSignalSpy rivalBegun(&rival, &RunStore::runBegun);
            rival.resumeRun(runId);
            settle(rival);
            QCOMPARE(rivalBegun.size(), 0);
            QCOMPARE(rivalFailed.size(), 1);
            QVERIFY2(messageOf(rivalFailed).contains(u"another salvo-cli or window"),
                     qPrintable(messageOf(rivalFailed)));
        }
        ResultBatch rest;
        for (int row : missing)
            rest.append(answeredRow(row));
        store.appendResults(ticket, rest);
        store.finishRun(ticket, RunState::Finished);
        settle(store);
        QCOMPARE(failed.size(), 0);
        const Expected<RunSummary> run = history.run(runId);
        QCOMPARE(run->state, RunState::Finished);
        QCOMPARE(run->resultCount, 10);
        QVERIFY(history.missingRows(runId)->isEmpty());
        QCOMPARE(history.runs()->size(), 1);

        store.resumeRun(runId + 100);
        settle(store);
        QCOMPARE(failed.size(), 1);
        QVERIFY2(messageOf(failed).contains(u"has no run"), qPrintable(messageOf(failed)));
    }

    void destructionWaitsForQueuedWrites()
    {
        {
            RunStore store({.path = m_path});
            const RunTicket ticket = store.beginRun(urlListBatch(20'000), {});
            for (int first = 0; first < 20'000; first += 100)
                store.appendResults(ticket, answeredRows(first, 100));
            store.finishRun(ticket, RunState::Finished);
        }
        RawSql raw(m_path);
        QCOMPARE(raw.value(u"SELECT count(*) FROM results"_s).toInt(), 20'000);
        QCOMPARE(raw.value(u"SELECT result_count FROM runs"_s).toInt(), 20'000);
        QCOMPARE(raw.value(u"SELECT state FROM runs"_s).toString(), u"finished");
    }

    // The writer is slower than a loop that appends, so the backlog passes a small bound: the
    // caller hears it at once (and would pause), hears again when the writer has caught up,
    // and no row is lost on the way.
    void backlogBoundIsSignalledAndCleared()
    {
        constexpr int total = 100'000;
        RunStore store({.path = m_path, .backlogRows = 2'000});
        QSignalSpy backlog(&store, &RunStore::backlogChanged);
        QSignalSpy failed(&store, &RunStore::writeFailed);
        QVERIFY(store.open().result());
        const RunTicket ticket = store.beginRun(urlListBatch(total), {});
        int peak = 0;
        for (int first = 0; first < total; first += 500) {
            store.appendResults(ticket, answeredRows(first, 500));
            peak = std::max(peak, store.pendingRows());
        }
        QVERIFY2(peak > 2'000, qPrintable(QString::number(peak)));
        QVERIFY(!backlog.isEmpty());
        QCOMPARE(backlog.at(0).at(0).toBool(), true);
        QVERIFY(store.isOverBound());

        QTRY_VERIFY_WITH_TIMEOUT(!store.isOverBound(), 60'000);
        QCOMPARE(backlog.constLast().at(0).toBool(), false);
        for (int i = 1; i < backlog.size(); ++i) // true and false take turns
            QCOMPARE(backlog.at(i).at(0).toBool(), !backlog.at(i - 1).at(0).toBool());
        settle(store);
        QCOMPARE(store.pendingRows(), 0);
        QCOMPARE(store.pendingBytes(), 0);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(RawSql(m_path).value(u"SELECT count(*) FROM results"_s).toInt(), total);
    }

    void backlogBoundCountsBodyBytes()
    {
        RunStore store({.path = m_path, .backlogBytes = 1 << 20});
        QSignalSpy backlog(&store, &RunStore::backlogChanged);
        const RunTicket ticket = store.beginRun(urlListBatch(2), {});
        ResultBatch big{answeredRow(0), answeredRow(1)};
        big[0].body = QByteArray(qsizetype(700) * 1024, 'x');
        big[1].body = QByteArray(qsizetype(700) * 1024, 'y');
        store.appendResults(ticket, big);
        QCOMPARE(backlog.size(), 1);
        QCOMPARE(backlog.at(0).at(0).toBool(), true);
        QTRY_COMPARE(backlog.size(), 2);
        QCOMPARE(backlog.at(1).at(0).toBool(), false);
    }

    // PRAGMA max_page_count caps the file, and SQLite then answers SQLITE_FULL ("database or
    // disk is full"): the same code, and the same path through the store, as a full disk.
    void fullDiskIsReportedAndNothingHalfWritten()
    {
        RunStore store({.path = m_path, .extraPragmas = {u"PRAGMA max_page_count = 40"_s}});
        QSignalSpy begun(&store, &RunStore::runBegun);
        QSignalSpy failed(&store, &RunStore::writeFailed);
        QVERIFY(store.open().result());
        // Few rows in the batch, so that it fits: the results are what fills the file.
        const RunTicket ticket = store.beginRun(urlListBatch(10), {});
        for (int first = 0; first < 20'000 && failed.isEmpty(); first += 200) {
            store.appendResults(ticket, answeredRows(first, 200));
            settle(store);
        }
        QVERIFY(!failed.isEmpty());
        QVERIFY2(messageOf(failed).contains(u"is full"), qPrintable(messageOf(failed)));
        QVERIFY2(messageOf(failed).startsWith(u"Could not save 200 results of run"),
                 qPrintable(messageOf(failed)));
        const qint64 runId = begun.at(0).at(1).toLongLong();
        RawSql raw(m_path);
        const int saved = raw.value(u"SELECT count(*) FROM results"_s).toInt();
        QVERIFY(saved > 0);
        QCOMPARE(saved % 200, 0); // whole batches only
        QCOMPARE(raw.value(QStringLiteral("SELECT result_count FROM runs WHERE id = %1").arg(runId))
                         .toInt(),
                 saved);
        QCOMPARE(raw.value(u"PRAGMA integrity_check"_s).toString(), u"ok");
    }

    void readOnlyFileIsReported_data()
    {
        QTest::addColumn<QString>("how");
        // Root ignores file modes and CI runs as root: the driver's read-only flag stands in
        // for a read-only file there (SQLite answers SQLITE_READONLY either way). The other
        // two rows are real where the system allows them.
        QTest::newRow("opened read-only (simulated)") << u"flag"_s;
        QTest::newRow("immutable file (chattr +i)") << u"immutable"_s;
        QTest::newRow("mode 0444 (not as root)") << u"mode"_s;
    }

    void readOnlyFileIsReported()
    {
        QFETCH(QString, how);
        {
            RunStore made({.path = m_path});
            QVERIFY(made.open().result());
        }
        StoreConfig config{.path = m_path};
        if (how == u"flag") {
            config.extraConnectOptions = u"QSQLITE_OPEN_READONLY"_s;
        } else if (how == u"immutable") {
#ifdef Q_OS_LINUX
            if (!setImmutable(m_path, true))
                QSKIP("this file system or user cannot make a file immutable");
            m_immutable = m_path;
#else
            QSKIP("Linux only");
#endif
        } else {
#ifdef Q_OS_UNIX
            if (::geteuid() == 0)
                QSKIP("file modes do not stop root");
#endif
            QVERIFY(QFile::setPermissions(m_path, QFile::ReadOwner | QFile::ReadGroup));
        }
        const QByteArray before = fileDigest(m_path);
        RunStore store(config);
        QSignalSpy failed(&store, &RunStore::writeFailed);
        const Expected<> opened = store.open().result();
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ErrorCode::ReadOnly);
        QVERIFY_ERROR_SAYS(opened, u"is read-only");
        const RunTicket ticket = store.beginRun(urlListBatch(1), {});
        store.appendResults(ticket, answeredRows(0, 1));
        settle(store);
        QCOMPARE(failed.size(), 1);
        QVERIFY2(messageOf(failed).contains(u"is read-only"), qPrintable(messageOf(failed)));
        QCOMPARE(store.pendingRows(), 0);
        QCOMPARE(fileDigest(m_path), before);
    }

    void damagedFileIsReported()
    {
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray noise(qsizetype(32) * 1024, Qt::Uninitialized);
        QRandomGenerator generator(7);
        generator.fillRange(reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
        file.write(noise);
        file.close();

        RunStore store({.path = m_path});
        QSignalSpy failed(&store, &RunStore::writeFailed);
        QSignalSpy refused(&store, &RunStore::runRefused);
        const Expected<> opened = store.open().result();
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ErrorCode::NotADatabase);
        const RunTicket ticket = store.beginRun(urlListBatch(1), {});
        store.appendResults(ticket, answeredRows(0, 1));
        store.finishRun(ticket, RunState::Finished);
        settle(store);
        QCOMPARE(failed.size(), 1);
        QVERIFY2(messageOf(failed).contains(u"not a Salvo history file"),
                 qPrintable(messageOf(failed)));
        QVERIFY(messageOf(failed).contains(u"This run is not saved to the history."));
        // The reason by itself, for the run's own caller.
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.at(0).at(0).value<RunTicket>(), ticket);
        QCOMPARE(refused.at(0).at(1).toString(), opened.error().message);
        QCOMPARE(fileDigest(m_path), QCryptographicHash::hash(noise, QCryptographicHash::Sha256));
    }

    // flushed() comes after every answer the store sent for the work queued before it, even
    // when the store did that work before anyone listened (a future finished by then would run
    // its continuation at once, ahead of them), and never from within requestFlush().
    void flushedComesAfterTheAnswersBeforeIt()
    {
        RunStore store({.path = m_path});
        RunStore unopenable({.path = u"/proc/salvo-no-such-folder/history.sqlite"_s});
        QStringList told;
        for (RunStore *each : {&store, &unopenable}) {
            const QString name = each == &store ? u"store"_s : u"unopenable"_s;
            connect(each, &RunStore::runBegun, this,
                    [&told, name] { told.append(name + u" runBegun"_s); });
            connect(each, &RunStore::runRefused, this,
                    [&told, name] { told.append(name + u" runRefused"_s); });
            connect(each, &RunStore::writeFailed, this,
                    [&told, name] { told.append(name + u" writeFailed"_s); });
            connect(each, &RunStore::flushed, this,
                    [&told, name] { told.append(name + u" flushed"_s); });
        }
        const RunTicket ticket = store.beginRun(urlListBatch(2), {});
        store.appendResults(ticket, answeredRows(0, 2));
        store.finishRun(ticket, RunState::Finished);
        unopenable.beginRun(urlListBatch(2), {});
        store.flush().waitForFinished(); // done: its answers wait in the queue
        unopenable.flush().waitForFinished();
        store.requestFlush();
        unopenable.requestFlush();
        QVERIFY(told.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(told.size(), 5, 10'000);
        // Each store in its own order; the two threads' answers may interleave.
        QCOMPARE(told.filter(QRegularExpression(u"^store "_s)),
                 (QStringList{u"store runBegun"_s, u"store flushed"_s}));
        QCOMPARE(told.filter(QRegularExpression(u"^unopenable "_s)),
                 (QStringList{u"unopenable runRefused"_s, u"unopenable writeFailed"_s,
                              u"unopenable flushed"_s}));
    }

    void newerFileIsRefused()
    {
        {
            RawSql raw(m_path);
            QVERIFY(raw.exec(
                    QStringLiteral("PRAGMA user_version = %1").arg(latestSchemaVersion() + 1)));
        }
        RunStore store({.path = m_path});
        const Expected<> opened = store.open().result();
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ErrorCode::NewerSchema);
    }

    // Another program holds the write lock (BEGIN EXCLUSIVE) past the busy timeout: the batch
    // is reported, the run goes on, and once the lock is gone the next batch is saved.
    void lockedFileIsReportedAfterTheBusyTimeout()
    {
        RunStore store({.path = m_path, .busyTimeout = std::chrono::milliseconds(150)});
        QSignalSpy begun(&store, &RunStore::runBegun);
        QSignalSpy failed(&store, &RunStore::writeFailed);
        const RunTicket ticket = store.beginRun(urlListBatch(30), {});
        store.appendResults(ticket, answeredRows(0, 10));
        settle(store);
        QCOMPARE(failed.size(), 0);

        RawSql other(m_path);
        QVERIFY(other.exec(u"BEGIN EXCLUSIVE"_s));
        store.appendResults(ticket, answeredRows(10, 10));
        settle(store);
        QCOMPARE(failed.size(), 1);
        QVERIFY2(messageOf(failed).contains(u"locked for more than 0.15 s"),
                 qPrintable(messageOf(failed)));
        QVERIFY(other.exec(u"ROLLBACK"_s));

        store.appendResults(ticket, answeredRows(20, 10));
        settle(store);
        QCOMPARE(failed.size(), 1);
        RunHistory history(m_path);
        QVERIFY(history.open());
        const qint64 runId = begun.at(0).at(1).toLongLong();
        QCOMPARE(history.run(runId)->resultCount, 20);
        QCOMPARE(history.missingRows(runId)->size(), 10);
        QCOMPARE(history.missingRows(runId)->constFirst(), 10);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    QString m_immutable;
};

QTEST_GUILESS_MAIN(TestRunStore)
#include "tst_runstore.moc"
