// `salvo-cli export` as a person runs it: a real salvo-cli records a run against a loopback
// server, then writes it out in each format; mistakes on the command line get a sentence and
// exit 2; Ctrl+C mid-export leaves no file under the name asked for.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

#include "../../core/store/StoreTestSupport.h"
#include "NetworkIsolation.h"
#include "ProgramRun.h"
#include "TestServer.h"

using namespace Qt::StringLiterals;
using namespace salvo;
using salvo::test::ProgramRun;

namespace {

ProgramRun runCli(const QStringList &arguments)
{
    return salvo::test::runProgram(QStringLiteral(SALVO_CLI_PATH), arguments);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestSalvoCliExport final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_http = std::make_unique<TestServer>();
        QVERIFY(m_http->start());
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_db = m_dir->filePath(u"history.sqlite"_s);
        // A run of three rows recorded by salvo-cli itself, with their bodies.
        QFile list(m_dir->filePath(u"urls.txt"_s));
        QVERIFY(list.open(QIODevice::WriteOnly));
        list.write(m_http->url(u"/json/1"_s).toString().toUtf8() + '\n'
                   + m_http->url(u"/status/404"_s).toString().toUtf8() + '\n'
                   + m_http->url(u"/json/3"_s).toString().toUtf8() + '\n');
        list.close();
        const ProgramRun recorded = runCli({u"--db"_s, m_db, u"-q"_s, u"--bodies"_s, u"-o"_s,
                                            u"/dev/null"_s, list.fileName()});
        QCOMPARE(recorded.exitCode, 1); // the 404
        const ProgramRun history = runCli({u"history"_s, u"--db"_s, m_db});
        QCOMPARE(history.jsonLines().size(), 1);
        m_runId = history.jsonLines().constFirst().value(u"run_id").toInteger();
        QVERIFY(m_runId > 0);
    }

    void cleanupTestCase()
    {
        m_http.reset();
        m_dir.reset();
    }

    void writesEachFormat_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("opening");
        QTest::newRow("csv") << u"csv"_s << QByteArray("\xEF\xBB\xBFindex,line,url");
        QTest::newRow("json") << u"json"_s << QByteArray("[\n{");
        QTest::newRow("jsonl") << u"jsonl"_s << QByteArray("{\"");
        QTest::newRow("har") << u"har"_s << QByteArray("{\"log\":");
        QTest::newRow("junit") << u"junit"_s << QByteArray("<?xml");
        QTest::newRow("html") << u"html"_s << QByteArray("<!DOCTYPE html>");
    }

    void writesEachFormat()
    {
        QFETCH(QString, format);
        QFETCH(QByteArray, opening);
        const QString target = m_dir->filePath(u"run."_s + format);
        const ProgramRun exported = runCli({u"export"_s, QString::number(m_runId), u"--db"_s, m_db,
                                            u"-f"_s, format, u"-o"_s, target});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        QVERIFY2(exported.err.contains("Exported 3 rows to "), exported.err.constData());
        const QByteArray written = readAll(target);
        QVERIFY2(written.startsWith(opening), written.left(80).constData());
        if (format == u"jsonl") {
            const QList<QByteArray> lines = written.trimmed().split('\n');
            QCOMPARE(lines.size(), 3);
            const QJsonObject second = QJsonDocument::fromJson(lines.at(1)).object();
            QCOMPARE(second.value(u"status").toInt(), 404);
            QCOMPARE(second.value(u"run_id").toInteger(), m_runId);
            const QJsonObject first = QJsonDocument::fromJson(lines.at(0)).object();
            QCOMPARE(QJsonDocument::fromJson(first.value(u"body").toString().toUtf8())
                             .object()
                             .value(u"id")
                             .toInt(),
                     1);
        }
    }

    void mistakesAreSaidInWords_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("said");
        QTest::newRow("no run id")
                << QStringList{u"export"_s, u"-o"_s, u"x.csv"_s} << u"export takes one run id"_s;
        QTest::newRow("no -o") << QStringList{u"export"_s, u"1"_s} << u"name it with -o FILE"_s;
        QTest::newRow("unknown format")
                << QStringList{u"export"_s, u"1"_s, u"-f"_s, u"pdf"_s, u"-o"_s, u"x.pdf"_s}
                << u"unknown format \"pdf\""_s;
        QTest::newRow("a run option")
                << QStringList{u"export"_s, u"1"_s, u"-c"_s, u"8"_s, u"-o"_s, u"x.csv"_s}
                << u"--concurrency does not apply to export"_s;
    }

    void mistakesAreSaidInWords()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, said);
        const ProgramRun refused = runCli(arguments << u"--db"_s << m_db);
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(QString::fromUtf8(refused.err).contains(said), refused.err.constData());
    }

    void anUnknownRunWritesNothing()
    {
        const QString target = m_dir->filePath(u"none.csv"_s);
        const ProgramRun refused = runCli({u"export"_s, QString::number(m_runId + 50), u"--db"_s,
                                           m_db, u"-f"_s, u"csv"_s, u"-o"_s, target});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains("no run"), refused.err.constData());
        QVERIFY(!QFile::exists(target));
    }

    // An export is renamed over its target: over the history, or its journal, it would be lost.
    void neverWritesOverTheHistory()
    {
        const QByteArray before = readAll(m_db);
        for (const QString &target : {m_db, m_dir->filePath(u"sub/../history.sqlite"_s)}) {
            QVERIFY(QDir(m_dir->path()).mkpath(u"sub"_s));
            const ProgramRun refused = runCli({u"export"_s, QString::number(m_runId), u"--db"_s,
                                               m_db, u"-f"_s, u"csv"_s, u"-o"_s, target});
            QCOMPARE(refused.exitCode, 2);
            QVERIFY2(refused.err.contains("would destroy the history"), refused.err.constData());
        }
        QCOMPARE(readAll(m_db), before);
        const ProgramRun history = runCli({u"history"_s, u"--db"_s, m_db});
        QCOMPARE(history.exitCode, 0);
        QCOMPARE(history.jsonLines().constFirst().value(u"run_id").toInteger(), m_runId);
    }

    // Ctrl+C on a big export: exit 1, and neither the file nor a temporary one is left.
    void interruptLeavesNoFile()
    {
        const QString db = m_dir->filePath(u"big.sqlite"_s);
        qint64 bigRun = 0;
        {
            RunStore store({.path = db});
            QVERIFY(store.open().result());
            ResultBatch rows;
            for (Result row : test::answeredRows(0, 60'000)) {
                row.body = QByteArray(500, 'x');
                row.bytes = row.body.size();
                rows.append(row);
            }
            bigRun = test::writeFinishedRun(store, rows);
        }
        const QString target = m_dir->filePath(u"big.jsonl"_s);
        QProcess cli;
        cli.start(QStringLiteral(SALVO_CLI_PATH),
                  {u"export"_s, QString::number(bigRun), u"--db"_s, db, u"-f"_s, u"jsonl"_s,
                   u"-o"_s, target});
        QVERIFY(cli.waitForStarted(5000));
        // Under way once the file it writes into this folder has some rows in it. QSaveFile on
        // Linux writes an unnamed file (O_TMPFILE) that only gets its name when complete, so it
        // is found through the process's open files.
        const auto partial = [&] {
            const QString fds = u"/proc/%1/fd"_s.arg(cli.processId());
            for (const QFileInfo &fd : QDir(fds).entryInfoList(QDir::Files | QDir::System)) {
                const QString file = fd.symLinkTarget();
                if (file.startsWith(m_dir->path()) && !file.startsWith(db) && fd.size() > 100'000)
                    return true; // not the history (big.sqlite and its -wal, -shm)
            }
            return false;
        };
        QVERIFY(QTest::qWaitFor(partial, 30'000));
        ::kill(pid_t(cli.processId()), SIGINT);
        QVERIFY(QTest::qWaitFor([&] { return cli.state() == QProcess::NotRunning; }, 10'000));
        QCOMPARE(cli.exitCode(), 1);
        QVERIFY2(cli.readAllStandardError().contains("Export cancelled"), "says it stopped");
        QVERIFY(QDir(m_dir->path()).entryList({u"big.jsonl*"_s}, QDir::Files).isEmpty());
    }

private:
    std::unique_ptr<TestServer> m_http;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
    qint64 m_runId = 0;
};

int main(int argc, char *argv[])
{
    isolateNetwork();
    QCoreApplication app(argc, argv);
    TestSalvoCliExport test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_salvocliexport.moc"
