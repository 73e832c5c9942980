// salvo-cli import as a person meets it: shards run by GNU parallel (the engine people already
// have) against a loopback server, put back into one run of the history that equals a run of
// the whole list on one machine, row for row, and opens, compares and exports like any other.
// Then every way the files can go wrong: a file given twice, shards of two runs or of two
// splits, a shard missing (with and without the batch), and files that are not salvo-cli's
// JSON Lines. Each has its outcome and its words, and nothing is imported twice.

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

#include "ExpectedTest.h"
#include "ProgramRun.h"
#include "TestFiles.h"
#include "TestServer.h"
#include "compare/RunComparison.h"
#include "desktop/PastRun.h"
#include "store/RunHistory.h"

using namespace Qt::StringLiterals;
using namespace salvo;

namespace {

using CliRun = salvo::test::ProgramRun;
using salvo::test::runSalvoCli;

const QString parallelProgram = u"/usr/bin/parallel"_s;

// What the history keeps of a row's outcome; times differ from run to run and are left out.
struct KeptRow
{
    int index = -1;
    int line = 0;
    QString url;
    QByteArray method;
    int status = 0;
    ErrorKind error = ErrorKind::None;
    qint64 bytes = 0;
    QString contentType;
    QStringList redirects;
    QByteArray bodyDigest;

    friend bool operator==(const KeptRow &, const KeptRow &) = default;
};

QDebug operator<<(QDebug debug, const KeptRow &row)
{
    return debug << row.index << row.line << row.url << row.status << errorKindName(row.error)
                 << row.bytes << row.bodyDigest.toHex().left(12);
}

QList<KeptRow> storedRows(const QString &history, qint64 runId)
{
    RunHistory reader(history);
    QList<KeptRow> rows;
    if (!reader.open())
        return rows;
    const Expected<QList<Result>> answers = reader.answersAfter(runId, -1, 1000);
    for (const Result &result : answers ? *answers : QList<Result>()) {
        rows.append({result.index, result.line, result.url, result.method, result.status,
                     result.error, result.bytes, result.contentType, result.redirects,
                     QCryptographicHash::hash(result.body, QCryptographicHash::Sha256)});
    }
    return rows;
}

Expected<RunSummary> runOf(const QString &history, qint64 runId)
{
    RunHistory reader(history);
    if (Expected<> opened = reader.open(); !opened)
        return opened.error();
    return reader.run(runId);
}

} // namespace

class TestSalvoCliImport final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void parallelShardsEqualTheOneMachineRun();
    void importedRunOpensComparesAndExports();
    void aFileGivenTwiceIsImportedOnce();
    void differentResultsForARowRefuse_data();
    void differentResultsForARowRefuse();
    void missingShardWithoutTheBatchRefuses();
    void missingShardWithTheBatchIsKeptToResume();
    void filesThatAreNotItsOutputRefuse_data();
    void filesThatAreNotItsOutputRefuse();
    void usageErrorsInWords_data();
    void usageErrorsInWords();

private:
    // The whole list on one machine, recorded in m_history with its bodies: its run id.
    qint64 runWhole();
    // Shard i of `count` into shard-<i>.jsonl (with the prefix), each in a history of its own
    // as on a machine of its own.
    QStringList runShards(int count, const QString &prefix = u"shard"_s);
    // Imports into m_history; the run id printed, or 0.
    CliRun import(const QStringList &arguments);

    std::unique_ptr<TestServer> m_http;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_list;
    QString m_history;
};

void TestSalvoCliImport::init()
{
    m_http = std::make_unique<TestServer>();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_http->start());
    QVERIFY(m_dir->isValid());
    // Answers of every kind the history keeps: bodies, statuses, a redirect, an invalid row
    // and a refused connection (nothing listens on port 1 of the loopback).
    QByteArray list = "# the list\n";
    for (int id = 0; id < 8; ++id)
        list += m_http->url(u"/json/%1"_s.arg(id)).toEncoded() + '\n';
    for (const QString &path : {u"/status/404"_s, u"/status/500"_s, u"/bytes/3000"_s,
                                u"/redirect/2"_s, u"/say?text=hello&type=text/plain"_s})
        list += m_http->url(path).toEncoded() + "\n\n";
    list += "not an address\nhttp://127.0.0.1:1/closed\n";
    m_list = writeTestFile(*m_dir, u"list.txt"_s, list);
    m_history = m_dir->filePath(u"history.db"_s);
}

void TestSalvoCliImport::cleanup()
{
    m_http.reset();
    m_dir.reset();
}

qint64 TestSalvoCliImport::runWhole()
{
    const CliRun run = runSalvoCli({u"-q"_s, u"--bodies"_s, u"--db"_s, m_history, m_list});
    if (!run.finished || run.exitCode != 1) // some rows fail on purpose
        qWarning("%s", run.report().constData());
    const QList<QJsonObject> lines = run.jsonLines();
    return lines.isEmpty() ? 0 : lines.constFirst().value(u"run_id"_s).toInteger();
}

QStringList TestSalvoCliImport::runShards(int count, const QString &prefix)
{
    QStringList files;
    for (int shard = 0; shard < count; ++shard) {
        const QString file = m_dir->filePath(u"%1-%2.jsonl"_s.arg(prefix).arg(shard));
        const CliRun run = runSalvoCli(
                {u"-q"_s, u"--bodies"_s, u"--shard"_s, u"%1/%2"_s.arg(shard).arg(count), u"--db"_s,
                 m_dir->filePath(u"machine-%1.db"_s.arg(shard)), u"-o"_s, file, m_list});
        if (!run.finished || run.exitCode > 1)
            qWarning("%s", run.report().constData());
        files.append(file);
    }
    return files;
}

CliRun TestSalvoCliImport::import(const QStringList &arguments)
{
    return runSalvoCli(QStringList{u"import"_s, u"--db"_s, m_history} + arguments);
}

void TestSalvoCliImport::parallelShardsEqualTheOneMachineRun()
{
    QVERIFY2(QFileInfo(parallelProgram).isExecutable(),
             "GNU parallel is missing: apt-get install parallel (the Makefile's TEST_PACKAGES, "
             "make test-deps)");
    const qint64 wholeRun = runWhole();
    QVERIFY(wholeRun > 0);

    // As packaging/scale-out/run-with-parallel runs them, on this machine (":") with four job
    // slots; salvo-cli's exit status 1 only says that some rows failed.
    const QString command = u"'%1' -q --bodies --shard {}/4 --db '%2/machine-{}.db' "
                            "-o '%2/shard-{}.jsonl' '%3' || [ $? -eq 1 ]"_s.arg(
                                    QStringLiteral(SALVO_CLI_PATH), m_dir->path(), m_list);
    const CliRun parallel = salvo::test::runProgram(parallelProgram,
                                                    {u"--will-cite"_s, u"--halt"_s, u"now,fail=1"_s,
                                                     u"--sshlogin"_s, u"4/:"_s, command, u":::"_s,
                                                     u"0"_s, u"1"_s, u"2"_s, u"3"_s});
    QVERIFY2(parallel.finished && parallel.exitCode == 0, parallel.report().constData());

    QStringList shards;
    for (int shard = 0; shard < 4; ++shard)
        shards.append(m_dir->filePath(u"shard-%1.jsonl"_s.arg(shard)));
    const CliRun imported = import(shards);
    QVERIFY2(imported.finished && imported.exitCode == 0, imported.report().constData());
    const qint64 importedRun = imported.out.trimmed().toLongLong();
    QVERIFY2(importedRun > wholeRun, imported.report().constData());
    QVERIFY2(imported.err.contains("15 results imported from 4 files into run"),
             imported.report().constData());

    const QList<KeptRow> whole = storedRows(m_history, wholeRun);
    QCOMPARE(whole.size(), 15);
    QCOMPARE(storedRows(m_history, importedRun), whole);
    const Expected<RunSummary> summary = runOf(m_history, importedRun);
    QVERIFY_RESULT(summary);
    QCOMPARE(summary->state, RunState::Finished);
    QCOMPARE(summary->rowCount, 15);
    QCOMPARE(summary->resultCount, 15);
    QCOMPARE(summary->okCount, runOf(m_history, wholeRun)->okCount);
    QCOMPARE(summary->batchName, u"shard-0.jsonl and 3 more (imported)"_s);
}

void TestSalvoCliImport::importedRunOpensComparesAndExports()
{
    const qint64 wholeRun = runWhole();
    const CliRun imported = import(runShards(3));
    QVERIFY2(imported.finished && imported.exitCode == 0, imported.report().constData());
    const qint64 importedRun = imported.out.trimmed().toLongLong();

    // The window's way to a past run: its pages, then one answer when its row is selected.
    QFuture<Expected<PastRunPage>> pages
            = QtConcurrent::run(readPastRunPages, m_history, importedRun);
    pages.waitForFinished();
    QCOMPARE(pages.resultCount(), 1);
    QVERIFY_RESULT(pages.result());
    QCOMPARE(pages.result()->results.size(), 15);
    const Expected<PastResponse> answer = loadPastResponse(m_history, importedRun, 3);
    QVERIFY_RESULT(answer);
    QVERIFY(answer->body.contains("3"));
    QCOMPARE(answer->body, loadPastResponse(m_history, wholeRun, 3)->body);

    const Expected<RunComparison> compared = compareRuns(m_history, wholeRun, importedRun);
    QVERIFY_RESULT(compared);
    QCOMPARE(compared->rows.size(), 15);
    QCOMPARE(compared->changedCount, 0);

    const QString csv = m_dir->filePath(u"imported.csv"_s);
    const CliRun exported = runSalvoCli({u"export"_s, QString::number(importedRun), u"--db"_s,
                                         m_history, u"-f"_s, u"csv"_s, u"-o"_s, csv, u"-q"_s});
    QVERIFY2(exported.finished && exported.exitCode == 0, exported.report().constData());
    QFile written(csv);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QVERIFY(written.readAll().contains(m_http->url(u"/json/7"_s).toEncoded()));
}

void TestSalvoCliImport::aFileGivenTwiceIsImportedOnce()
{
    const qint64 wholeRun = runWhole();
    QStringList shards = runShards(2);
    shards.append(shards.constFirst());
    const CliRun imported = import(shards);
    QVERIFY2(imported.finished && imported.exitCode == 0, imported.report().constData());
    QVERIFY2(imported.err.contains("shard-0.jsonl is given more than once: each of its rows is "
                                   "imported once (rows 0, 2, 4, 6, 8 and 3 more)"),
             imported.report().constData());
    QCOMPARE(storedRows(m_history, imported.out.trimmed().toLongLong()),
             storedRows(m_history, wholeRun));
}

void TestSalvoCliImport::differentResultsForARowRefuse_data()
{
    QTest::addColumn<int>("otherCount"); // the other run's number of shards
    QTest::addColumn<QString>("words");
    QTest::newRow("shards of two runs")
            << 2 << u"other-0.jsonl hold different results for rows 0, 2, 4, 6, 8 and 3 more"_s;
    QTest::newRow("shards of two splits") << 3 << u"shards of two different splits"_s;
}

void TestSalvoCliImport::differentResultsForARowRefuse()
{
    QFETCH(int, otherCount);
    QFETCH(QString, words);
    const QStringList shards = runShards(2);
    const QStringList others = runShards(otherCount, u"other"_s);
    const CliRun imported = import({shards.at(0), others.at(0), shards.at(1)});
    QVERIFY2(imported.finished && imported.exitCode == 2, imported.report().constData());
    QVERIFY2(QString::fromUtf8(imported.err).contains(words), imported.report().constData());
    QVERIFY2(imported.err.contains("they come from different runs. Leave out the file that "
                                   "should not count."),
             imported.report().constData());
    QVERIFY(imported.err.contains("nothing was imported."));
    QVERIFY(imported.out.isEmpty());
    QVERIFY(!QFileInfo::exists(m_history));
}

void TestSalvoCliImport::missingShardWithoutTheBatchRefuses()
{
    const QStringList shards = runShards(4);
    const CliRun imported = import({shards.at(0), shards.at(1), shards.at(3)});
    QVERIFY2(imported.finished && imported.exitCode == 2, imported.report().constData());
    QVERIFY2(imported.err.contains("4 rows are in none of the files (rows 2, 6, 10, 14). No file "
                                   "is shard 2/4."),
             imported.report().constData());
    QVERIFY(imported.err.contains("name that batch with --batch FILE"));
    QVERIFY(imported.out.isEmpty());
    QVERIFY(!QFileInfo::exists(m_history));
}

void TestSalvoCliImport::missingShardWithTheBatchIsKeptToResume()
{
    const qint64 wholeRun = runWhole();
    const QStringList shards = runShards(4);
    const CliRun imported
            = import({u"--batch"_s, m_list, shards.at(0), shards.at(2), shards.at(3)});
    QVERIFY2(imported.finished && imported.exitCode == 1, imported.report().constData());
    const qint64 importedRun = imported.out.trimmed().toLongLong();
    QVERIFY(importedRun > wholeRun);
    QVERIFY2(imported.err.contains(u"4 rows are in none of the files (rows 1, 5, 9, 13). No file "
                                   "is shard 1/4. Run %1 is kept incomplete; `salvo-cli resume "
                                   "%1` requests them."_s.arg(importedRun)
                                           .toUtf8()),
             imported.report().constData());
    Expected<RunSummary> summary = runOf(m_history, importedRun);
    QVERIFY_RESULT(summary);
    QCOMPARE(summary->state, RunState::Interrupted);
    QCOMPARE(summary->rowCount, 15);
    QCOMPARE(summary->resultCount, 11);
    QCOMPARE(summary->batchName, u"list.txt"_s);

    // The batch is known, so the rows no file held are requested as the shards would have.
    const CliRun resumed = runSalvoCli({u"resume"_s, QString::number(importedRun), u"--db"_s,
                                        m_history, u"-q"_s, u"--bodies"_s});
    QVERIFY2(resumed.finished && resumed.exitCode == 1, resumed.report().constData());
    QCOMPARE(resumed.jsonLines().size(), 4);
    summary = runOf(m_history, importedRun);
    QCOMPARE(summary->state, RunState::Finished);
    QCOMPARE(storedRows(m_history, importedRun), storedRows(m_history, wholeRun));
}

void TestSalvoCliImport::filesThatAreNotItsOutputRefuse_data()
{
    QTest::addColumn<QByteArray>("contents"); // of bad.jsonl; empty: see `name`
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("words");
    QTest::newRow("empty") << QByteArray() << u"bad.jsonl"_s
                           << u"bad.jsonl is empty: it holds no results."_s;
    QTest::newRow("blank lines only")
            << QByteArray("\n\n") << u"bad.jsonl"_s << u"bad.jsonl is empty"_s;
    QTest::newRow("csv output") << QByteArray("index,line,url\r\n0,1,http://a.test/\r\n")
                                << u"bad.jsonl"_s
                                << u"bad.jsonl is not what salvo-cli writes: its first line is "
                                   "not a JSON object. Import reads salvo-cli's JSON Lines "
                                   "output (-f jsonl, its default)."_s;
    QTest::newRow("json output") << QByteArray("[\n{\"index\":0}\n]\n") << u"bad.jsonl"_s
                                 << u"its first line is not a JSON object"_s;
    QTest::newRow("binary") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0", 11) << u"bad.jsonl"_s
                            << u"its first line is not a JSON object"_s;
    QTest::newRow("not a result") << QByteArray("{\"name\":\"x\"}\n") << u"bad.jsonl"_s
                                  << u"line 1 of "_s;
    QTest::newRow("wrong field") << QByteArray() << u"field"_s
                                 << u"line 2 of %1 is not a salvo-cli result: its \"status\" is "
                                    "not a whole number of at least 100."_s;
    QTest::newRow("last line cut short") << QByteArray() << u"cut"_s
                                         << u"the last line of %1 (line 5) is cut short: the run "
                                            "that wrote it did not finish."_s;
    QTest::newRow("folder") << QByteArray() << u"folder"_s
                            << u"%1 is a folder, not a file of results."_s;
    QTest::newRow("no such file") << QByteArray() << u"missing"_s
                                  << u"cannot read %1: No such file or directory."_s;
}

void TestSalvoCliImport::filesThatAreNotItsOutputRefuse()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, name);
    QFETCH(QString, words);
    const QStringList shards = runShards(2);
    QFile good(shards.at(1));
    QVERIFY(good.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = good.readAll().split('\n');
    QString bad = writeTestFile(*m_dir, u"bad.jsonl"_s, contents);
    if (name == u"field") {
        QByteArray changed = lines.at(1);
        changed.replace("\"status\":", "\"status\":\"200\",\"was\":");
        bad = writeTestFile(*m_dir, u"bad.jsonl"_s, lines.at(0) + '\n' + changed + '\n');
    } else if (name == u"cut") {
        bad = writeTestFile(*m_dir, u"bad.jsonl"_s,
                            lines.mid(0, 4).join('\n') + '\n' + lines.at(4).left(40));
    } else if (name == u"folder") {
        bad = m_dir->path();
    } else if (name == u"missing") {
        bad = m_dir->filePath(u"never-written.jsonl"_s);
    }
    const CliRun imported = import({shards.at(0), bad});
    QVERIFY2(imported.finished && imported.exitCode == 2, imported.report().constData());
    if (words.contains(u"%1"))
        words = words.arg(QDir::toNativeSeparators(bad));
    QVERIFY2(QString::fromUtf8(imported.err).contains(words), imported.report().constData());
    QVERIFY(imported.err.contains("nothing was imported."));
    QVERIFY(imported.out.isEmpty());
    QVERIFY(!QFileInfo::exists(m_history)); // nothing was even begun
}

void TestSalvoCliImport::usageErrorsInWords_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("words");
    QTest::newRow("no files") << QStringList{u"import"_s}
                              << u"import takes the JSON Lines files salvo-cli wrote"_s;
    QTest::newRow("standard input")
            << QStringList{u"import"_s, u"-"_s} << u"import reads files, not standard input (-)"_s;
    QTest::newRow("template without the batch")
            << QStringList{u"import"_s, u"a.jsonl"_s, u"--template"_s, u"http://a.test/{id}"_s}
            << u"--template describes the batch the imported runs requested: give that batch "
               "with --batch FILE"_s;
    QTest::newRow("no history") << QStringList{u"import"_s, u"a.jsonl"_s, u"--no-history"_s}
                                << u"--no-history does not apply to import."_s;
    QTest::newRow("output") << QStringList{u"import"_s, u"a.jsonl"_s, u"-o"_s, u"x.jsonl"_s}
                            << u"--output does not apply to import."_s;
    QTest::newRow("batch to a run") << QStringList{u"--batch"_s, u"a.txt"_s, u"a.txt"_s}
                                    << u"--batch does not apply to run."_s;
    QTest::newRow("unreadable batch")
            << QStringList{u"import"_s, u"a.jsonl"_s, u"--batch"_s, u"no-such-list.txt"_s}
            << u"cannot read no-such-list.txt"_s;
}

void TestSalvoCliImport::usageErrorsInWords()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, words);
    const CliRun run = runSalvoCli(arguments);
    QVERIFY2(run.finished && run.exitCode == 2, run.report().constData());
    QVERIFY2(QString::fromUtf8(run.err).contains(words), run.report().constData());
    QVERIFY(run.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestSalvoCliImport)
#include "tst_salvocliimport.moc"
