// salvo-cli's history as a person meets it: a real salvo-cli process against loopback servers,
// recording into real SQLite files, read back through RunHistory and `salvo-cli history`. The
// centre is a run killed with SIGKILL mid-way: nothing committed is lost or doubled, and
// `salvo-cli resume` completes it with exactly one result per row.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <memory>
#include <numeric>
#include <sched.h>
#include <sys/mount.h>

#include "FaultServer.h"
#include "NetworkIsolation.h"
#include "ProgramRun.h"
#include "TestFiles.h"
#include "TestServer.h"
#include "store/RunHistory.h"
#include "store/Schema.h"

using namespace Qt::StringLiterals;
using namespace salvo;

namespace {

bool mountsArePrivate = false;

// A mount namespace of this process's own, inherited by the salvo-cli it starts: there a test
// can mount a tiny file system (a full disk) or a read-only one, which file modes cannot give
// root. Must run before any thread starts. False where the system does not allow it.
bool privateMounts()
{
    return unshare(CLONE_NEWNS) == 0
            && mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0;
}

using CliRun = salvo::test::ProgramRun;

QList<QJsonObject> jsonLines(const QByteArray &text)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : text.split('\n')) {
        if (!line.isEmpty())
            objects.append(QJsonDocument::fromJson(line).object());
    }
    return objects;
}

QList<QByteArray> linesOf(const QByteArray &text)
{
    QList<QByteArray> lines = text.split('\n');
    lines.removeAll(QByteArray());
    return lines;
}

void startCli(QProcess &process, const QStringList &arguments)
{
    process.start(QStringLiteral(SALVO_CLI_PATH), arguments);
}

CliRun runCli(const QStringList &arguments, const QByteArray &standardInput = {},
              int timeoutMs = 30'000)
{
    return salvo::test::runProgram(QStringLiteral(SALVO_CLI_PATH), arguments, standardInput,
                                   timeoutMs);
}

// Process state from /proc/<pid>/stat: 'T' once a SIGSTOP has taken hold.
char processState(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    const qsizetype nameEnd = text.lastIndexOf(')');
    return nameEnd < 0 || nameEnd + 2 >= text.size() ? char(0) : text.at(nameEnd + 2);
}

// The test's own look into a history file, behind the CLI's back.
class HistoryFile
{
    Q_DISABLE_COPY_MOVE(HistoryFile)

public:
    explicit HistoryFile(const QString &path)
        : m_name(u"history-file-%1"_s.arg(QRandomGenerator::global()->generate()))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (!db.open())
            qWarning() << "cannot open" << path << db.lastError().text();
    }
    ~HistoryFile()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }

    // The row indices of the run's committed results, in row order.
    QList<int> committedRows(qint64 runId) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        query.prepare(u"SELECT row_index FROM results WHERE run_id = ? ORDER BY row_index"_s);
        query.addBindValue(runId);
        QList<int> rows;
        if (!query.exec())
            qWarning() << query.lastError().text();
        while (query.next())
            rows.append(query.value(0).toInt());
        return rows;
    }

    QVariant value(const QString &sql) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (!query.exec(sql) || !query.next())
            return {};
        return query.value(0);
    }

private:
    QString m_name;
};

QList<int> indicesOf(const QList<QJsonObject> &records)
{
    QList<int> indices;
    for (const QJsonObject &record : records)
        indices.append(record.value(u"index"_s).toInt());
    std::sort(indices.begin(), indices.end());
    return indices;
}

} // namespace

class TestSalvoCliHistory final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void everyRecordCarriesTheRunId_data();
    void everyRecordCarriesTheRunId();
    void historyListsRunsNewestFirst();
    void historyIsOnByDefaultAndOffWhenAsked();
    void storeProblemLeavesTheRunWhole_data();
    void storeProblemLeavesTheRunWhole();
    void fullDiskMidRunIsReportedOnce();
    void killedRunResumesToOneResultPerRow();
    void resumeSendsEachRowsMethodAndBody();
    void resumeAsksForSecretHeadersAgain();
    void resumeOfACompleteRunPrintsNothing();
    void resumeOfAnUnknownRunExitsTwo();
    void optionsThatDoNotApplyAreRefused_data();
    void optionsThatDoNotApplyAreRefused();

private:
    QString writeFile(const QString &name, const QByteArray &contents);
    // Three rows: an answer, a 404 and an invalid address.
    QString threeRows();
    // Starts salvo-cli, waits until the FaultServer has `requests` requests from it, then
    // presses Ctrl+C; returns what it printed.
    CliRun interrupted(const QStringList &arguments, int requests);
    qint64 onlyRunId(const QString &db);
    QString mountTmpfs(const QString &name, const QString &options);

    std::unique_ptr<TestServer> m_http;
    std::unique_ptr<FaultServer> m_faults;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
    QStringList m_mounts;
};

void TestSalvoCliHistory::init()
{
    m_http = std::make_unique<TestServer>();
    m_faults = std::make_unique<FaultServer>();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_http->start());
    QVERIFY(m_faults->start());
    QVERIFY(m_dir->isValid());
    m_db = m_dir->filePath(u"history.sqlite"_s);
    // Where salvo-cli keeps its history when not given --db.
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_dir->filePath(u"data-home"_s)));
}

void TestSalvoCliHistory::cleanup()
{
    for (const QString &mounted : std::as_const(m_mounts))
        umount2(QFile::encodeName(mounted).constData(), MNT_DETACH);
    m_mounts.clear();
    m_http.reset();
    m_faults.reset();
    m_dir.reset();
}

QString TestSalvoCliHistory::writeFile(const QString &name, const QByteArray &contents)
{
    return writeTestFile(*m_dir, name, contents);
}

QString TestSalvoCliHistory::threeRows()
{
    return writeFile(u"three.txt"_s,
                     m_http->url(u"/json/1"_s).toEncoded() + '\n'
                             + m_http->url(u"/status/404"_s).toEncoded() + "\nnot a url\n");
}

CliRun TestSalvoCliHistory::interrupted(const QStringList &arguments, int requests)
{
    QProcess process;
    startCli(process, arguments);
    if (!process.waitForStarted(5000))
        return {};
    process.closeWriteChannel();
    if (!QTest::qWaitFor([&] { return m_faults->requestCount() >= requests; }, 10'000))
        return {};
    ::kill(pid_t(process.processId()), SIGINT);
    if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 10'000))
        return {};
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

qint64 TestSalvoCliHistory::onlyRunId(const QString &db)
{
    RunHistory history(db);
    if (!history.open())
        return 0;
    const Expected<QList<RunSummary>> runs = history.runs();
    return runs && runs->size() == 1 ? runs->constFirst().id : 0;
}

QString TestSalvoCliHistory::mountTmpfs(const QString &name, const QString &options)
{
    const QString path = m_dir->filePath(name);
    QDir().mkpath(path);
    if (!mountsArePrivate
        || mount("tmpfs", QFile::encodeName(path).constData(), "tmpfs", 0,
                 options.toLatin1().constData())
                != 0)
        return {};
    m_mounts.append(path);
    return path;
}

void TestSalvoCliHistory::everyRecordCarriesTheRunId_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("jsonl") << u"jsonl"_s;
    QTest::newRow("json") << u"json"_s;
    QTest::newRow("csv") << u"csv"_s;
}

void TestSalvoCliHistory::everyRecordCarriesTheRunId()
{
    QFETCH(QString, format);
    const QString input = threeRows();
    runCli({u"-q"_s, u"--db"_s, m_db, input}); // run 1, so the id is not the default 1
    const CliRun run = runCli({u"-q"_s, u"--db"_s, m_db, u"-f"_s, format, input});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.isEmpty(), run.err.constData());
    QList<QJsonObject> records;
    if (format == u"jsonl") {
        records = jsonLines(run.out);
    } else if (format == u"json") {
        for (const QJsonValue record : QJsonDocument::fromJson(run.out).array())
            records.append(record.toObject());
    } else {
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        QVERIFY2(lines.at(0).trimmed().endsWith(",redirects,resends,run_id"),
                 lines.at(0).constData());
        for (const QByteArray &line : lines.mid(1))
            records.append({{u"run_id"_s, line.trimmed().split(',').constLast().toInt()}});
    }
    QCOMPARE(records.size(), 3);
    for (const QJsonObject &record : std::as_const(records))
        QCOMPARE(record.value(u"run_id"_s).toInteger(), 2);

    const CliRun off = runCli({u"-q"_s, u"--no-history"_s, u"-f"_s, format, input});
    QCOMPARE(off.exitCode, 1);
    QVERIFY(!off.out.contains("run_id"));
}

void TestSalvoCliHistory::historyListsRunsNewestFirst()
{
    const QString input = threeRows();
    const QString allOk = writeFile(u"ok.txt"_s, m_http->url(u"/json/2"_s).toEncoded() + '\n');
    QCOMPARE(runCli({u"-q"_s, u"--db"_s, m_db, input}).exitCode, 1);
    QCOMPARE(runCli({u"-q"_s, u"--db"_s, m_db, allOk}).exitCode, 0);
    QByteArray hanging;
    for (int i = 0; i < 5; ++i)
        hanging += m_faults->url(u"/hang"_s).toEncoded() + '\n';
    const QString hangs = writeFile(u"hangs.txt"_s, hanging);
    const CliRun stopped = interrupted({u"-q"_s, u"--db"_s, m_db, u"-c"_s, u"2"_s, hangs}, 2);
    QCOMPARE(stopped.exitCode, 1);
    QCOMPARE(linesOf(stopped.out).size(), 5); // every row printed, as cancelled

    const CliRun listed = runCli({u"history"_s, u"--db"_s, m_db});
    QCOMPARE(listed.exitCode, 0);
    const QList<QJsonObject> runs = jsonLines(listed.out);
    QCOMPARE(runs.size(), 3);
    for (const QJsonObject &run : runs) {
        for (const char *field : {"run_id", "name", "state", "started", "finished", "rows",
                                  "results", "ok", "failed", "rerun_of"})
            QVERIFY2(run.contains(QLatin1String(field)), field);
        QVERIFY(run.value(u"rerun_of"_s).isNull()); // runs of salvo-cli re-run no other run
        const QDateTime started
                = QDateTime::fromString(run.value(u"started"_s).toString(), Qt::ISODateWithMs);
        QVERIFY(started.isValid());
        QCOMPARE(started.timeSpec(), Qt::UTC);
        QVERIFY(qAbs(started.secsTo(QDateTime::currentDateTimeUtc())) < 120);
    }
    const auto field = [&](int at, const QString &name) { return runs.at(at).value(name); };
    QCOMPARE(field(0, u"run_id"_s).toInt(), 3);
    QCOMPARE(field(0, u"state"_s).toString(), u"cancelled");
    QCOMPARE(field(0, u"name"_s).toString(), u"hangs.txt");
    QCOMPARE(field(0, u"rows"_s).toInt(), 5);
    QCOMPARE(field(0, u"results"_s).toInt(), 0); // cancelled rows wait for a resume
    QCOMPARE(field(1, u"run_id"_s).toInt(), 2);
    QCOMPARE(field(1, u"state"_s).toString(), u"finished");
    QCOMPARE(field(1, u"ok"_s).toInt(), 1);
    QCOMPARE(field(2, u"run_id"_s).toInt(), 1);
    QCOMPARE(field(2, u"rows"_s).toInt(), 3);
    QCOMPARE(field(2, u"results"_s).toInt(), 3);
    QCOMPARE(field(2, u"ok"_s).toInt(), 1);
    QCOMPARE(field(2, u"failed"_s).toInt(), 2);
    QVERIFY(field(2, u"finished"_s).toString() >= field(2, u"started"_s).toString());

    const QList<QJsonObject> newest
            = jsonLines(runCli({u"history"_s, u"--db"_s, m_db, u"--limit"_s, u"1"_s}).out);
    QCOMPARE(newest.size(), 1);
    QCOMPARE(newest.at(0).value(u"run_id"_s).toInt(), 3);
}

void TestSalvoCliHistory::historyIsOnByDefaultAndOffWhenAsked()
{
    const QString input = threeRows();
    const QString defaultFile = m_dir->filePath(u"data-home/Salvo/Salvo/history.sqlite"_s);
    QCOMPARE(runCli({u"-q"_s, u"--no-history"_s, input}).exitCode, 1);
    QCOMPARE(runCli({u"-q"_s, u"--sample"_s}).exitCode, 1);
    QVERIFY(!QFile::exists(defaultFile));
    const CliRun nothing = runCli({u"history"_s});
    QCOMPARE(nothing.exitCode, 0);
    QVERIFY(nothing.out.isEmpty());
    QVERIFY2(nothing.err.contains("no history"), nothing.err.constData());

    // The default file is the window's: the one under the application data folder.
    const CliRun recorded = runCli({input});
    QCOMPARE(recorded.exitCode, 1);
    QVERIFY(QFile::exists(defaultFile));
    QVERIFY2(recorded.err.contains("3 rows: 1 ok, 2 failed, in ")
                     && recorded.err.contains(". Run 1 in the history."),
             recorded.err.constData());
    QCOMPARE(jsonLines(runCli({u"history"_s}).out).size(), 1);

    // --sample is kept when a file is named.
    QCOMPARE(runCli({u"-q"_s, u"--sample"_s, u"--db"_s, m_db}).exitCode, 1);
    QCOMPARE(jsonLines(runCli({u"history"_s, u"--db"_s, m_db}).out)
                     .constFirst()
                     .value(u"rows"_s)
                     .toInt(),
             16);
}

void TestSalvoCliHistory::storeProblemLeavesTheRunWhole_data()
{
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QString>("says");
    QTest::newRow("damaged file") << u"damaged"_s << u"not a Salvo history file"_s;
    QTest::newRow("newer Salvo's file") << u"newer"_s << u"newer version of Salvo"_s;
    QTest::newRow("read-only file system") << u"read-only"_s << u"is read-only"_s;
    QTest::newRow("folder cannot be made") << u"no-folder"_s << u"cannot be created"_s;
    QTest::newRow("locked by another program") << u"locked"_s << u"locked for more than 5 s"_s;
}

void TestSalvoCliHistory::storeProblemLeavesTheRunWhole()
{
    QFETCH(QString, problem);
    QFETCH(QString, says);
    const QString input = threeRows();
    QString db = m_db;
    const QString lockName = u"locker"_s;
    if (problem == u"damaged") {
        QByteArray noise(qsizetype(32) * 1024, Qt::Uninitialized);
        QRandomGenerator(7).fillRange(reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
        writeFile(u"history.sqlite"_s, noise);
    } else if (problem == u"newer") {
        QCOMPARE(runCli({u"-q"_s, u"--db"_s, db, input}).exitCode, 1);
        QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw"_s);
        raw.setDatabaseName(db);
        QVERIFY(raw.open());
        QVERIFY(QSqlQuery(raw).exec(u"PRAGMA user_version = %1"_s.arg(latestSchemaVersion() + 1)));
        raw.close();
        raw = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"raw"_s);
    } else if (problem == u"read-only") {
        const QString folder = mountTmpfs(u"ro"_s, u"size=4m"_s);
        if (folder.isEmpty())
            QSKIP("cannot mount a file system here (needs root and mount namespaces)");
        db = folder + u"/history.sqlite"_s;
        QCOMPARE(runCli({u"-q"_s, u"--db"_s, db, input}).exitCode, 1);
        QCOMPARE(mount(nullptr, QFile::encodeName(folder).constData(), nullptr,
                       MS_REMOUNT | MS_RDONLY, nullptr),
                 0);
    } else if (problem == u"no-folder") {
        db = u"/proc/salvo-no-such-folder/history.sqlite"_s;
    } else if (problem == u"locked") {
        QCOMPARE(runCli({u"-q"_s, u"--db"_s, db, input}).exitCode, 1);
        QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, lockName);
        raw.setDatabaseName(db);
        QVERIFY(raw.open());
        QVERIFY(QSqlQuery(raw).exec(u"BEGIN EXCLUSIVE"_s));
    }
    const QByteArray before = [&] {
        QFile file(db);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();

    const CliRun run = runCli({u"--db"_s, db, input});
    if (problem == u"locked") {
        QSqlDatabase::database(lockName, false).close();
        QSqlDatabase::removeDatabase(lockName);
    }
    QCOMPARE(run.exitCode, 1); // as without the history: one row failed
    const QList<QJsonObject> records = jsonLines(run.out);
    QCOMPARE(records.size(), 3);
    for (const QJsonObject &record : records)
        QVERIFY(!record.contains(u"run_id"_s));
    const QList<QByteArray> errors = linesOf(run.err);
    QCOMPARE(errors.size(), 2); // the problem, then the summary
    QVERIFY2(errors.at(0).startsWith("salvo-cli: History is off for this run: "),
             run.err.constData());
    QVERIFY2(errors.at(0).contains(says.toUtf8()), run.err.constData());
    QVERIFY2(errors.at(1).startsWith("3 rows: 1 ok, 2 failed, in "), run.err.constData());
    QVERIFY(!errors.at(1).contains("history"));
    if (problem == u"damaged" || problem == u"newer") {
        QFile file(db);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), before); // left untouched
    }
}

// A disk that fills mid-run: said once, every result still printed, and the run reads
// interrupted afterwards, with what was saved before.
void TestSalvoCliHistory::fullDiskMidRunIsReportedOnce()
{
    const QString folder = mountTmpfs(u"full"_s, u"size=256k"_s);
    if (folder.isEmpty())
        QSKIP("cannot mount a file system here (needs root and mount namespaces)");
    const QString db = folder + u"/history.sqlite"_s;
    QByteArray input;
    for (int i = 0; i < 4'000; ++i)
        input += m_faults->url(u"/ok"_s).toEncoded() + '\n';
    const QString urls = writeFile(u"many.txt"_s, input);
    const CliRun run = runCli({u"--db"_s, db, u"-c"_s, u"32"_s, u"--per-host"_s, u"32"_s, urls});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(jsonLines(run.out).size(), 4'000);
    const QList<QByteArray> errors = linesOf(run.err);
    QCOMPARE(errors.size(), 2);
    QVERIFY2(errors.at(0).startsWith("salvo-cli: History stops here for run 1: "),
             run.err.constData());
    QVERIFY2(errors.at(0).contains("is full"), run.err.constData());
    QVERIFY2(errors.at(0).contains("salvo-cli resume 1"), run.err.constData());
    QVERIFY2(errors.at(1).startsWith("4000 rows: 4000 ok, 0 failed"), run.err.constData());
    QVERIFY(!errors.at(1).contains("in the history"));

    const QList<QJsonObject> runs = jsonLines(runCli({u"history"_s, u"--db"_s, db}).out);
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.at(0).value(u"state"_s).toString(), u"interrupted");
    const int saved = runs.at(0).value(u"results"_s).toInt();
    QVERIFY2(saved > 0 && saved < 4'000, qPrintable(QString::number(saved)));
    HistoryFile file(db);
    QCOMPARE(file.committedRows(1).size(), saved);
}

// The issue's centre. A real salvo-cli on 20,000 URLs that each answer after 10 ms is stopped
// (SIGSTOP, so nothing moves while the committed rows are read), then killed with SIGKILL.
void TestSalvoCliHistory::killedRunResumesToOneResultPerRow()
{
    constexpr int rows = 20'000;
    QByteArray input;
    for (int i = 0; i < rows; ++i)
        input += m_faults->url(u"/delay/10"_s).toEncoded() + '\n';
    const QString urls = writeFile(u"urls.txt"_s, input);
    const QStringList pace{u"-c"_s, u"64"_s, u"--per-host"_s, u"64"_s};
    QProcess process;
    startCli(process,
             QStringList{u"-q"_s, u"--db"_s, m_db, u"-o"_s, m_dir->filePath(u"first.jsonl"_s), urls}
                     + pace);
    QVERIFY(process.waitForStarted(5000));

    // Poll the file as another reader would, until a few thousand results are committed.
    std::unique_ptr<RunHistory> history;
    qint64 runId = 0;
    const bool enough = QTest::qWaitFor(
            [&] {
                if (!history) {
                    history = std::make_unique<RunHistory>(m_db);
                    if (!history->open()) {
                        history.reset(); // not made yet
                        return false;
                    }
                }
                const Expected<QList<RunSummary>> runs = history->runs(1);
                if (!runs || runs->isEmpty())
                    return false;
                runId = runs->constFirst().id;
                return runs->constFirst().resultCount >= 4'000;
            },
            30'000);
    QVERIFY2(enough, "salvo-cli did not commit 4,000 results within 30 s");
    QCOMPARE(history->run(runId)->state, RunState::Running);

    const qint64 pid = process.processId();
    QCOMPARE(::kill(pid_t(pid), SIGSTOP), 0);
    QVERIFY(QTest::qWaitFor([&] { return processState(pid) == 'T'; }, 5'000));
    HistoryFile file(m_db);
    const QList<int> beforeKill = file.committedRows(runId);
    QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
    QVERIFY(process.waitForFinished(5'000));
    QCOMPARE(process.exitStatus(), QProcess::CrashExit);
    QVERIFY2(beforeKill.size() >= 4'000 && beforeKill.size() < rows,
             qPrintable(QString::number(beforeKill.size())));

    // Nothing committed was lost, nothing is there twice, and the counters agree.
    const QList<int> afterKill = file.committedRows(runId);
    QCOMPARE(afterKill, beforeKill);
    QCOMPARE(QSet<int>(afterKill.cbegin(), afterKill.cend()).size(), afterKill.size());
    QCOMPARE(history->run(runId)->resultCount, afterKill.size());

    const QList<QJsonObject> listed = jsonLines(runCli({u"history"_s, u"--db"_s, m_db}).out);
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.at(0).value(u"run_id"_s).toInteger(), runId);
    QCOMPARE(listed.at(0).value(u"state"_s).toString(), u"interrupted");
    QCOMPARE(listed.at(0).value(u"rows"_s).toInt(), rows);
    QCOMPARE(listed.at(0).value(u"results"_s).toInt(), afterKill.size());

    QList<int> missing;
    for (int row = 0, next = 0; row < rows; ++row) {
        if (next < afterKill.size() && afterKill.at(next) == row)
            ++next;
        else
            missing.append(row);
    }
    const CliRun resumed = runCli(
            QStringList{u"resume"_s, QString::number(runId), u"-q"_s, u"--db"_s, m_db} + pace, {},
            60'000);
    QCOMPARE(resumed.exitCode, 0);
    QVERIFY2(resumed.err.isEmpty(), resumed.err.constData());
    const QList<QJsonObject> records = jsonLines(resumed.out);
    QCOMPARE(records.size(), missing.size());
    QCOMPARE(indicesOf(records), missing); // exactly the missing rows, each once
    for (const QJsonObject &record : records) {
        QCOMPARE(record.value(u"run_id"_s).toInteger(), runId);
        QCOMPARE(record.value(u"line"_s).toInt(), record.value(u"index"_s).toInt() + 1);
        QCOMPARE(record.value(u"status"_s).toInt(), 200);
    }

    QList<int> all(rows);
    std::iota(all.begin(), all.end(), 0);
    QCOMPARE(file.committedRows(runId), all);
    const Expected<RunSummary> run = history->run(runId);
    QCOMPARE(run->state, RunState::Finished);
    QCOMPARE(run->resultCount, rows);
    QCOMPARE(run->okCount, rows);
    QVERIFY(history->missingRows(runId)->isEmpty());
    QCOMPARE(history->runs()->size(), 1);
}

// A CSV run with a method and body per row, stopped with Ctrl+C while its first row hangs: the
// rows not reached were not sent (not even read), and the resume sends each of them as the
// run would have, the row with a bad method answered with its error without being sent.
void TestSalvoCliHistory::resumeSendsEachRowsMethodAndBody()
{
    const QString echo = m_http->url(u"/echo"_s).toString();
    const QString csv = writeFile(
            u"rows.csv"_s,
            u"url,method,body\n%1,,\n%2,post,\"{\"\"a\"\":1}\"\n%2,put,\n%2,,\n%2,delete,\n"
            "%2,not a method,\n"_s.arg(m_faults->url(u"/hang"_s).toString(), echo)
                    .toUtf8());
    const CliRun stopped = interrupted({u"-q"_s, u"--db"_s, m_db, u"-c"_s, u"1"_s, u"-X"_s,
                                        u"PATCH"_s, u"-d"_s, u"batch body"_s, csv},
                                       1);
    QCOMPARE(stopped.exitCode, 1);
    QCOMPARE(jsonLines(stopped.out).size(), 6);
    const qint64 runId = onlyRunId(m_db);
    QVERIFY(runId > 0);
    {
        RunHistory history(m_db);
        QVERIFY(history.open());
        QCOMPARE(history.run(runId)->state, RunState::Cancelled);
        QCOMPARE(*history.missingRows(runId), (QList<int>{0, 1, 2, 3, 4, 5}));
    }

    // The hanging row gives up after a second: a resume may shorten the timeout.
    const CliRun resumed = runCli({u"resume"_s, QString::number(runId), u"--db"_s, m_db, u"-q"_s,
                                   u"--bodies"_s, u"-c"_s, u"8"_s, u"-t"_s, u"1"_s});
    QCOMPARE(resumed.exitCode, 1); // the hanging row timed out
    QHash<int, QJsonObject> byIndex;
    for (const QJsonObject &record : jsonLines(resumed.out))
        byIndex.insert(record.value(u"index"_s).toInt(), record);
    QCOMPARE(byIndex.keys().size(), 6);
    QCOMPARE(byIndex.value(0).value(u"error"_s).toString(), u"timeout");
    const auto echoed = [&](int row) {
        return QJsonDocument::fromJson(byIndex.value(row).value(u"body"_s).toString().toUtf8())
                .object();
    };
    QCOMPARE(echoed(1).value(u"method"_s).toString(), u"POST");
    QCOMPARE(echoed(1).value(u"body"_s).toString(), uR"({"a":1})"_s);
    QCOMPARE(echoed(2).value(u"method"_s).toString(), u"PUT");
    QCOMPARE(echoed(2).value(u"body"_s).toString(), u"batch body");
    QCOMPARE(echoed(3).value(u"method"_s).toString(), u"PATCH");
    QCOMPARE(echoed(4).value(u"method"_s).toString(), u"DELETE");
    for (int row = 1; row <= 4; ++row) {
        QCOMPARE(byIndex.value(row).value(u"line"_s).toInt(), row + 2);
        QCOMPARE(byIndex.value(row).value(u"method"_s).toString(),
                 echoed(row).value(u"method"_s).toString());
    }

    RunHistory history(m_db);
    QVERIFY(history.open());
    QCOMPARE(history.run(runId)->state, RunState::Finished);
    QCOMPARE(history.run(runId)->resultCount, 6);
    const QList<Result> stored = *history.resultsPage(runId, 5, 1);
    QCOMPARE(stored.constFirst().error, ErrorKind::Other); // the bad method, never sent
    QCOMPARE(byIndex.value(5).value(u"error"_s).toString(), u"other");
}

void TestSalvoCliHistory::resumeAsksForSecretHeadersAgain()
{
    const QString urls = writeFile(u"auth.txt"_s,
                                   m_faults->url(u"/hang"_s).toEncoded() + '\n'
                                           + m_http->url(u"/echo"_s).toEncoded() + '\n');
    const QStringList headers{u"-H"_s, u"Authorization: Bearer s3cr3t"_s, u"-H"_s,
                              u"X-Trace: kept"_s};
    for (const bool givenAgain : {false, true}) {
        const QString db = m_dir->filePath(u"auth-%1.sqlite"_s.arg(givenAgain));
        const int before = m_faults->requestCount();
        QCOMPARE(interrupted(QStringList{u"-q"_s, u"--db"_s, db, u"-c"_s, u"1"_s, urls} + headers,
                             before + 1)
                         .exitCode,
                 1);
        QStringList arguments{u"resume"_s, QString::number(onlyRunId(db)),
                              u"--db"_s,   db,
                              u"-q"_s,     u"--bodies"_s,
                              u"-t"_s,     u"1"_s,
                              u"-c"_s,     u"2"_s};
        if (givenAgain)
            arguments << u"-H"_s << u"authorization: Bearer again"_s;
        const CliRun resumed = runCli(arguments);
        QCOMPARE(resumed.exitCode, 1);
        const QByteArray warning
                = "salvo-cli: the Authorization header was not stored; pass it again with -H.\n";
        QCOMPARE(resumed.err, givenAgain ? QByteArray() : warning);
        QJsonObject sent;
        for (const QJsonObject &record : jsonLines(resumed.out)) {
            if (record.value(u"index"_s).toInt() == 1)
                sent = QJsonDocument::fromJson(record.value(u"body"_s).toString().toUtf8())
                               .object()
                               .value(u"headers"_s)
                               .toObject();
        }
        QCOMPARE(sent.value(u"x-trace"_s).toString(), u"kept");
        QCOMPARE(sent.value(u"authorization"_s).toString(),
                 givenAgain ? u"Bearer again"_s : QString());
        QFile file(db);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("s3cr3t"));
    }
}

void TestSalvoCliHistory::resumeOfACompleteRunPrintsNothing()
{
    QCOMPARE(runCli({u"-q"_s, u"--db"_s, m_db, threeRows()}).exitCode, 1);
    for (const QString &format : {u"jsonl"_s, u"json"_s}) {
        const CliRun resumed = runCli({u"resume"_s, u"1"_s, u"--db"_s, m_db, u"-f"_s, format});
        QCOMPARE(resumed.exitCode, 0);
        QVERIFY2(resumed.out.isEmpty(), resumed.out.constData());
        QCOMPARE(resumed.err,
                 QByteArray("salvo-cli: run 1 has a result for every row; nothing to resume.\n"));
    }
    QCOMPARE(jsonLines(runCli({u"history"_s, u"--db"_s, m_db}).out).size(), 1);
}

void TestSalvoCliHistory::resumeOfAnUnknownRunExitsTwo()
{
    const CliRun noFile = runCli({u"resume"_s, u"3"_s, u"--db"_s, m_db});
    QCOMPARE(noFile.exitCode, 2);
    QVERIFY2(noFile.err.contains("no history"), noFile.err.constData());

    QCOMPARE(runCli({u"-q"_s, u"--db"_s, m_db, threeRows()}).exitCode, 1);
    const CliRun unknown = runCli({u"resume"_s, u"3"_s, u"--db"_s, m_db});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY(unknown.out.isEmpty());
    QVERIFY2(unknown.err.contains("has no run 3"), unknown.err.constData());
}

void TestSalvoCliHistory::optionsThatDoNotApplyAreRefused_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("says");
    QTest::newRow("resume without a run id") << QStringList{u"resume"_s} << u"one run id"_s;
    QTest::newRow("resume with a word") << QStringList{u"resume"_s, u"last"_s} << u"one run id"_s;
    QTest::newRow("resume with another method")
            << QStringList{u"resume"_s, u"1"_s, u"-X"_s, u"POST"_s} << u"--method cannot"_s;
    QTest::newRow("resume with inputs")
            << QStringList{u"resume"_s, u"1"_s, u"urls.txt"_s} << u"one run id"_s;
    QTest::newRow("resume without history")
            << QStringList{u"resume"_s, u"1"_s, u"--no-history"_s} << u"--no-history cannot"_s;
    QTest::newRow("history with a run option")
            << QStringList{u"history"_s, u"-c"_s, u"4"_s} << u"--concurrency does not apply"_s;
    QTest::newRow("history with a bad limit")
            << QStringList{u"history"_s, u"--limit"_s, u"0"_s} << u"--limit"_s;
    QTest::newRow("run with --limit")
            << QStringList{u"--limit"_s, u"3"_s, u"-"_s} << u"--limit does not apply to run"_s;
    QTest::newRow("--db and --no-history")
            << QStringList{u"--db"_s, u"x.sqlite"_s, u"--no-history"_s, u"-"_s} << u"contradict"_s;
}

void TestSalvoCliHistory::optionsThatDoNotApplyAreRefused()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, says);
    const CliRun run = runCli(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains(says.toUtf8()), run.err.constData());
}

int main(int argc, char *argv[])
{
    isolateNetwork();
    mountsArePrivate = privateMounts();
    QCoreApplication app(argc, argv);
    TestSalvoCliHistory test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_salvoclihistory.moc"
