// salvo-cli --shard I/N as a person runs it: a real process against a loopback server. A shard
// requests rows I, I+N, I+2N... of any input (a URL list, ids with a template, a CSV file, a
// saved batch), keeps each row's index and line in the whole input, tags each line with its
// shard, and its run in the history says which shard it was. Bad values are usage errors in
// words.

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "ExpectedTest.h"
#include "ProgramRun.h"
#include "TestFiles.h"
#include "TestServer.h"
#include "session/SavedBatch.h"
#include "store/RunHistory.h"

using namespace Qt::StringLiterals;

namespace {

using CliRun = salvo::test::ProgramRun;
using salvo::test::runSalvoCli;

// What a line says of its row, as a whole run and a shard must agree on it.
struct RowLine
{
    int index = -1;
    int line = 0;
    QString url;
    int status = 0;

    friend bool operator==(const RowLine &, const RowLine &) = default;
};

QList<RowLine> rowLinesOf(const CliRun &run)
{
    QList<RowLine> rows;
    for (const QJsonObject &line : run.jsonLines()) {
        rows.append({line.value(u"index"_s).toInt(), line.value(u"line"_s).toInt(),
                     line.value(u"url"_s).toString(), line.value(u"status"_s).toInt()});
    }
    std::sort(rows.begin(), rows.end(),
              [](const RowLine &a, const RowLine &b) { return a.index < b.index; });
    return rows;
}

} // namespace

class TestSalvoCliShard final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void shardKeepsRowNumbers_data();
    void shardKeepsRowNumbers();
    void shardsCoverTheInputOnce();
    void shardRunSaysWhichShardItIs();
    void shardWithNoRowsSaysSo();
    void usageErrorsInWords_data();
    void usageErrorsInWords();
    void helpListsShardAndImport();

private:
    // Arguments that give the same batch of 10 rows as each kind of input.
    QStringList inputOfKind(const QString &kind);

    std::unique_ptr<TestServer> m_http;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSalvoCliShard::init()
{
    m_http = std::make_unique<TestServer>();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_http->start());
    QVERIFY(m_dir->isValid());
}

void TestSalvoCliShard::cleanup()
{
    m_http.reset();
    m_dir.reset();
}

QStringList TestSalvoCliShard::inputOfKind(const QString &kind)
{
    const QString urlTemplate = m_http->url({}).toString() + u"/json/{id}"_s;
    // Comments and blank lines make a row's line differ from its index + 1.
    QByteArray ids = "# ids\n";
    QByteArray list = "# addresses\n\n";
    QByteArray csv = "id,note\n";
    for (int id = 0; id < 10; ++id) {
        ids += QByteArray::number(id) + (id % 3 == 0 ? "\n\n" : "\n");
        list += m_http->url(u"/json/%1"_s.arg(id)).toEncoded() + (id % 4 == 0 ? "\n\n" : "\n");
        csv += QByteArray::number(id) + ",n" + QByteArray::number(id) + '\n';
    }
    list += "not an address\n"; // an invalid row keeps its number too
    if (kind == u"list")
        return {writeTestFile(*m_dir, u"list.txt"_s, list)};
    if (kind == u"ids")
        return {u"--template"_s, urlTemplate, u"--ids"_s, writeTestFile(*m_dir, u"ids.txt"_s, ids)};
    if (kind == u"csv")
        return {u"--template"_s, urlTemplate, writeTestFile(*m_dir, u"rows.csv"_s, csv)};
    salvo::SavedBatch saved;
    saved.name = u"Saved ids"_s;
    saved.input.kind = salvo::InputKind::IdList;
    saved.input.urlTemplate = urlTemplate;
    saved.input.data = ids;
    return {writeTestFile(*m_dir, u"ids.salvo"_s, salvo::writeSavedBatch(saved))};
}

void TestSalvoCliShard::shardKeepsRowNumbers_data()
{
    QTest::addColumn<QString>("kind");
    for (const char *kind : {"list", "ids", "csv", "salvo"})
        QTest::newRow(kind) << QString::fromLatin1(kind);
}

void TestSalvoCliShard::shardKeepsRowNumbers()
{
    QFETCH(QString, kind);
    const QStringList input = inputOfKind(kind);
    const CliRun whole = runSalvoCli(QStringList{u"-q"_s, u"--no-history"_s} + input);
    QVERIFY2(whole.finished && whole.exitCode <= 1, whole.report().constData());
    const QList<RowLine> wholeRows = rowLinesOf(whole);
    QVERIFY(wholeRows.size() >= 10);

    const CliRun shard
            = runSalvoCli(QStringList{u"-q"_s, u"--no-history"_s, u"--shard"_s, u"1/3"_s} + input);
    QVERIFY2(shard.finished && shard.exitCode <= 1, shard.report().constData());
    QList<RowLine> expected;
    for (int row = 1; row < wholeRows.size(); row += 3)
        expected.append(wholeRows.at(row));
    QCOMPARE(rowLinesOf(shard), expected);
    for (const QJsonObject &line : shard.jsonLines()) {
        QCOMPARE(line.value(u"shard"_s).toString(), u"1/3"_s);
        QCOMPARE(line.value(u"input_rows"_s).toInt(), wholeRows.size());
    }
}

void TestSalvoCliShard::shardsCoverTheInputOnce()
{
    const QStringList input = inputOfKind(u"list"_s);
    const CliRun whole = runSalvoCli(QStringList{u"-q"_s, u"--no-history"_s} + input);
    QList<RowLine> together;
    for (int shard = 0; shard < 4; ++shard) {
        const CliRun run = runSalvoCli(
                QStringList{u"-q"_s, u"--no-history"_s, u"--shard"_s, u"%1/4"_s.arg(shard)}
                + input);
        QVERIFY2(run.finished && run.exitCode <= 1, run.report().constData());
        together += rowLinesOf(run);
    }
    std::sort(together.begin(), together.end(),
              [](const RowLine &a, const RowLine &b) { return a.index < b.index; });
    QCOMPARE(together, rowLinesOf(whole));
}

void TestSalvoCliShard::shardRunSaysWhichShardItIs()
{
    const QString history = m_dir->filePath(u"history.db"_s);
    const QStringList input = inputOfKind(u"list"_s);
    const CliRun run
            = runSalvoCli(QStringList{u"-q"_s, u"--db"_s, history, u"--shard"_s, u"2/4"_s} + input);
    QVERIFY2(run.finished && run.exitCode <= 1, run.report().constData());

    salvo::RunHistory reader(history);
    QVERIFY_RESULT(reader.open());
    const salvo::Expected<QList<salvo::RunSummary>> runs = reader.runs();
    QVERIFY_RESULT(runs);
    QCOMPARE(runs->size(), 1);
    QCOMPARE(runs->constFirst().batchName, u"list.txt, shard 2/4"_s);
    QCOMPARE(runs->constFirst().rowCount, 3); // rows 2, 6, 10 of 11
    // Its own rows, not the list it ran a slice of: opening it again shows what it ran.
    QVERIFY(!reader.batchInput(runs->constFirst().id));
}

void TestSalvoCliShard::shardWithNoRowsSaysSo()
{
    const CliRun run = runSalvoCli(QStringList{u"--no-history"_s, u"--shard"_s, u"11/12"_s}
                                   + inputOfKind(u"list"_s));
    QVERIFY2(run.finished && run.exitCode == 0, run.report().constData());
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains("shard 11/12 holds none of the input's 11 rows"),
             run.report().constData());
}

void TestSalvoCliShard::usageErrorsInWords_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("words");
    // A run gets --no-history and a file of one address, which INPUT stands for elsewhere.
    QTest::newRow("I equal to N") << QStringList{u"--shard"_s, u"4/4"_s}
                                  << u"shards count from 0: with 4 of them, I goes from 0 to 3"_s;
    QTest::newRow("I above N") << QStringList{u"--shard"_s, u"7/4"_s} << u"I goes from 0 to 3"_s;
    QTest::newRow("negative I") << QStringList{u"--shard"_s, u"-1/4"_s} << u"count from 0"_s;
    QTest::newRow("no shards") << QStringList{u"--shard"_s, u"0/0"_s} << u"must be 1 or more"_s;
    QTest::newRow("negative N") << QStringList{u"--shard"_s, u"0/-2"_s} << u"must be 1 or more"_s;
    QTest::newRow("not numbers") << QStringList{u"--shard"_s, u"one/four"_s}
                                 << u"two whole numbers such as 0/4"_s;
    QTest::newRow("no slash") << QStringList{u"--shard"_s, u"3"_s} << u"written I/N"_s;
    QTest::newRow("fraction") << QStringList{u"--shard"_s, u"0.5/4"_s} << u"written I/N"_s;
    QTest::newRow("empty") << QStringList{u"--shard"_s, QString()} << u"written I/N"_s;
    QTest::newRow("to history") << QStringList{u"history"_s, u"--shard"_s, u"0/2"_s}
                                << u"--shard does not apply to history"_s;
    QTest::newRow("to import") << QStringList{u"import"_s, u"INPUT"_s, u"--shard"_s, u"0/2"_s}
                               << u"--shard does not apply to import"_s;
}

void TestSalvoCliShard::usageErrorsInWords()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, words);
    const QString input = writeTestFile(*m_dir, u"one.txt"_s, "http://a.test/\n");
    arguments.replaceInStrings(u"INPUT"_s, input);
    if (arguments.constFirst() == u"--shard")
        arguments << u"--no-history"_s << input;
    const CliRun run = runSalvoCli(arguments);
    QVERIFY2(run.finished && run.exitCode == 2, run.report().constData());
    QVERIFY2(QString::fromUtf8(run.err).contains(words), run.report().constData());
    QVERIFY(run.out.isEmpty());
}

void TestSalvoCliShard::helpListsShardAndImport()
{
    const CliRun help = runSalvoCli({u"--help"_s});
    QVERIFY2(help.finished && help.exitCode == 0, help.report().constData());
    QVERIFY(help.out.contains("--shard <I/N>"));
    QVERIFY(help.out.contains("import FILE..."));
    QVERIFY(help.out.contains("--batch <FILE>"));
}

QTEST_GUILESS_MAIN(TestSalvoCliShard)
#include "tst_salvoclishard.moc"
