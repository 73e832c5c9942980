// What an import decides from its files before anything is written (ImportPlan), and how it
// writes them into the history (RunImporter): shards put back row for row, a row given twice,
// two results for one row, rows no file holds, results not of the batch given, and a history
// that cannot take the run.

#include <QBuffer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

#include "ExpectedTest.h"
#include "StoreTestSupport.h"
#include "TestFiles.h"
#include "batch/Shard.h"
#include "result/ResultWriter.h"
#include "store/ImportPlan.h"
#include "store/RunHistory.h"
#include "store/RunImporter.h"

using namespace Qt::StringLiterals;
using namespace salvo;
using salvo::test::answeredRow;

namespace {

// A run's answered rows, of those given, as salvo-cli writes them (with its shard's tag).
QByteArray jsonLines(const QList<int> &rows, std::optional<ShardTag> tag = std::nullopt,
                     int status = 200)
{
    QByteArray text;
    QBuffer buffer(&text);
    buffer.open(QIODevice::WriteOnly);
    const std::unique_ptr<ResultWriter> writer
            = ResultWriter::create(ResultFormat::JsonLines, &buffer, true, 0);
    if (tag)
        writer->setRecordFields(shardTagFields(*tag));
    for (const int row : rows) {
        Result result = answeredRow(row, status);
        result.body = "{\"id\":" + QByteArray::number(row) + '}';
        writer->write(result);
    }
    return text;
}

// The rows of shard `index` of `count` over `rowCount` rows, tagged.
QByteArray shardLines(int index, int count, int rowCount, int status = 200)
{
    return jsonLines(shardRows(rowCount, {index, count}), ShardTag{{index, count}, rowCount},
                     status);
}

} // namespace

class TestImportPlan final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void shardsMakeEveryRowOnce();
    void aRowGivenTwiceIsNoted();
    void twoResultsForARowAreAProblem();
    void rowsInNoFileAreCountedAndNamed();
    void shardsOfDifferentInputsAreAProblem();
    void aFileOfTwoShardsIsAProblem();
    void aKnownBatchChecksEveryResult();
    void importerWritesOneRunInRowOrder();
    void importerKeepsAnIncompleteRunToResume();
    void importerSaysWhenTheHistoryCannotTakeIt();

private:
    QString file(const QString &name, const QByteArray &contents)
    {
        return writeTestFile(*m_dir, name, contents);
    }
    // Runs the importer to its end: the run id, or 0 and the problem.
    std::pair<qint64, QString> importInto(const QString &history, ImportPlan plan);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestImportPlan::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestImportPlan::cleanup()
{
    m_dir.reset();
}

std::pair<qint64, QString> TestImportPlan::importInto(const QString &history, ImportPlan plan)
{
    RunImporter importer(history, std::move(plan), ImportedRun{u"imported"_s, {}, std::nullopt});
    QSignalSpy finished(&importer, &RunImporter::finished);
    importer.start();
    if (!finished.wait(30'000))
        return {0, u"did not finish"_s};
    return {finished.at(0).at(0).toLongLong(), finished.at(0).at(1).toString()};
}

void TestImportPlan::shardsMakeEveryRowOnce()
{
    const ImportPlan plan = planImport({file(u"b.jsonl"_s, shardLines(1, 3, 10)),
                                        file(u"a.jsonl"_s, shardLines(0, 3, 10)),
                                        file(u"c.jsonl"_s, shardLines(2, 3, 10))},
                                       std::nullopt);
    QVERIFY2(plan.canImport(), qPrintable(plan.problems.join(u'\n')));
    QVERIFY(plan.notes.isEmpty());
    QVERIFY(plan.isComplete());
    QCOMPARE(plan.rowCount, 10);
    QCOMPARE(plan.sources.size(), 10);
    QCOMPARE(plan.sources.value(4).file, 0); // row 4 is of shard 1, the first file
    QCOMPARE(plan.sources.value(4).line, 2);
    QVERIFY(plan.bodiesKept);
    // Without a batch, its rows as the results name them.
    QCOMPARE(plan.batch.rows.size(), 10);
    QCOMPARE(plan.batch.rows.at(7).text, answeredRow(7).url);
    QCOMPARE(plan.batch.rows.at(7).line, 8);
    QVERIFY(plan.batch.rows.at(7).isRunnable());
}

void TestImportPlan::aRowGivenTwiceIsNoted()
{
    const QString shard = file(u"a.jsonl"_s, shardLines(0, 2, 6));
    const ImportPlan plan
            = planImport({shard, file(u"b.jsonl"_s, shardLines(1, 2, 6)), shard}, std::nullopt);
    QVERIFY(plan.canImport());
    QCOMPARE(plan.sources.size(), 6);
    QCOMPARE(plan.notes.size(), 1);
    QVERIFY2(plan.notes.constFirst().contains(u"is given more than once: each of its rows is "
                                              "imported once (rows 0, 2, 4)"),
             qPrintable(plan.notes.constFirst()));
}

void TestImportPlan::twoResultsForARowAreAProblem()
{
    const ImportPlan plan = planImport({file(u"a.jsonl"_s, shardLines(0, 2, 6)),
                                        file(u"b.jsonl"_s, shardLines(1, 2, 6)),
                                        file(u"again.jsonl"_s, shardLines(0, 2, 6, 500))},
                                       std::nullopt);
    QVERIFY(!plan.canImport());
    QCOMPARE(plan.problems.size(), 1);
    QVERIFY2(plan.problems.constFirst().contains(u"a.jsonl and "_s)
                     && plan.problems.constFirst().contains(
                             u"again.jsonl hold different results for rows 0, 2, 4: they come "
                             "from different runs."),
             qPrintable(plan.problems.constFirst()));
}

void TestImportPlan::rowsInNoFileAreCountedAndNamed()
{
    const ImportPlan plan = planImport(
            {file(u"0.jsonl"_s, shardLines(0, 4, 30)), file(u"3.jsonl"_s, shardLines(3, 4, 30))},
            std::nullopt);
    QVERIFY(plan.canImport());
    QCOMPARE(plan.rowCount, 30);
    QCOMPARE(plan.missingCount, 15);
    QCOMPARE(plan.firstMissing, (QList<int>{1, 2, 5, 6, 9}));
    QCOMPARE(plan.missingShards, (QList<Shard>{{1, 4}, {2, 4}}));
    QVERIFY(plan.batch.rows.isEmpty()); // nothing to rebuild the missing rows from
    QCOMPARE(rowListText(plan.firstMissing, plan.missingCount),
             u"rows 1, 2, 5, 6, 9 and 10 more"_s);
    QCOMPARE(rowListText({4}, 1), u"row 4"_s);
}

void TestImportPlan::shardsOfDifferentInputsAreAProblem()
{
    const ImportPlan plan = planImport(
            {file(u"a.jsonl"_s, shardLines(0, 2, 6)), file(u"b.jsonl"_s, shardLines(1, 2, 8))},
            std::nullopt);
    QVERIFY(!plan.canImport());
    QVERIFY2(plan.problems.constFirst().contains(
                     u"rows, and %1 of one of 8 rows: they are not shards of one batch."_s.arg(
                             m_dir->filePath(u"b.jsonl"_s))),
             qPrintable(plan.problems.join(u'\n')));
}

void TestImportPlan::aFileOfTwoShardsIsAProblem()
{
    const ImportPlan plan = planImport(
            {file(u"mixed.jsonl"_s, shardLines(0, 2, 6) + shardLines(1, 2, 6))}, std::nullopt);
    QVERIFY(!plan.canImport());
    QVERIFY2(plan.problems.constFirst().contains(u"line 4 of "_s)
                     && plan.problems.constFirst().contains(
                             u"comes from another run than the lines before it (1/2 against "
                             "0/2)"),
             qPrintable(plan.problems.join(u'\n')));
}

void TestImportPlan::aKnownBatchChecksEveryResult()
{
    BatchSpec batch = salvo::test::urlListBatch(6);
    const QString shard = file(u"a.jsonl"_s, shardLines(0, 2, 6));
    ImportPlan plan = planImport({shard}, batch);
    QVERIFY(plan.canImport());
    QCOMPARE(plan.missingCount, 3);
    QCOMPARE(plan.batch.rows.size(), 6); // the batch given, whole

    QList<salvo::RequestSpec> changed = batch.rows.toList();
    changed[2].text = u"https://elsewhere.example/2"_s;
    batch.rows = std::move(changed);
    plan = planImport({shard}, batch);
    QVERIFY(!plan.canImport());
    QVERIFY2(plan.problems.constFirst().contains(
                     u"is row 2 for https://api.example/items/2, but row 2 of the batch given is "
                     "https://elsewhere.example/2: the file is not of that batch."),
             qPrintable(plan.problems.join(u'\n')));

    plan = planImport({shard}, salvo::test::urlListBatch(8));
    QVERIFY(!plan.canImport());
    QVERIFY2(plan.problems.constFirst().contains(u"is a shard of an input of 6 rows, but the batch "
                                                 "given has 8 rows"),
             qPrintable(plan.problems.join(u'\n')));
}

void TestImportPlan::importerWritesOneRunInRowOrder()
{
    // More rows than one batch of the store holds, in two shards.
    const int rows = RunImporter::resultsPerBatch * 2 + 500;
    ImportPlan plan = planImport({file(u"a.jsonl"_s, shardLines(0, 2, rows)),
                                  file(u"b.jsonl"_s, shardLines(1, 2, rows))},
                                 std::nullopt);
    QVERIFY(plan.canImport());
    const QString history = m_dir->filePath(u"history.sqlite"_s);
    const auto [runId, problem] = importInto(history, std::move(plan));
    QVERIFY2(runId > 0, qPrintable(problem));

    RunHistory reader(history);
    QVERIFY_RESULT(reader.open());
    const Expected<RunSummary> run = reader.run(runId);
    QVERIFY_RESULT(run);
    QCOMPARE(run->state, RunState::Finished);
    QCOMPARE(run->rowCount, rows);
    QCOMPARE(run->resultCount, rows);
    const Expected<QList<Result>> page = reader.answersAfter(runId, 1499, 2);
    QVERIFY_RESULT(page);
    QCOMPARE(page->constFirst().index, 1500);
    QCOMPARE(page->constFirst().body, QByteArray("{\"id\":1500}"));
    const Expected<BatchRows> stored = reader.runRows(runId, {2499});
    QVERIFY_RESULT(stored);
    QCOMPARE(stored->at(0).text, answeredRow(2499).url);
}

void TestImportPlan::importerKeepsAnIncompleteRunToResume()
{
    ImportPlan plan
            = planImport({file(u"a.jsonl"_s, shardLines(1, 3, 9))}, salvo::test::urlListBatch(9));
    QCOMPARE(plan.missingCount, 6);
    const QString history = m_dir->filePath(u"history.sqlite"_s);
    const auto [runId, problem] = importInto(history, std::move(plan));
    QVERIFY2(runId > 0, qPrintable(problem));
    RunHistory reader(history);
    QVERIFY_RESULT(reader.open());
    QCOMPARE(reader.run(runId)->state, RunState::Interrupted);
    const Expected<QList<int>> missing = reader.missingRows(runId);
    QVERIFY_RESULT(missing);
    QCOMPARE(*missing, (QList<int>{0, 2, 3, 5, 6, 8}));
}

void TestImportPlan::importerSaysWhenTheHistoryCannotTakeIt()
{
    ImportPlan plan = planImport({file(u"a.jsonl"_s, shardLines(0, 1, 3))}, std::nullopt);
    // A history whose folder is a file: it cannot be made.
    const QString history = file(u"not-a-folder"_s, "x") + u"/history.sqlite"_s;
    const auto [runId, problem] = importInto(history, std::move(plan));
    QCOMPARE(runId, 0);
    QVERIFY2(!problem.isEmpty(), "no words for a history that could not take the run");
}

QTEST_GUILESS_MAIN(TestImportPlan)
#include "tst_importplan.moc"
