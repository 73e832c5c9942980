// compareRuns(): two runs written to a real history file, matched by address (the n-th
// occurrence with the n-th), with what changed in each row: status, error, body (JSON key order
// and spacing not counting), rows on one side only, and latency deltas.

#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "../store/StoreTestSupport.h"
#include "compare/RunComparison.h"
#include "store/RunStore.h"
#include "ExpectedTest.h"

using namespace Qt::StringLiterals;
using namespace salvo;
using salvo::test::writeFinishedRun;

namespace {

struct Row
{
    QString path;
    int status = 200;
    QByteArray body;
    qint64 elapsedMs = 40;
    ErrorKind error = ErrorKind::None;
};

QString urlOf(const QString &path)
{
    return u"https://api.example"_s + path;
}

// Changes as a person reads them in the table, for one readable QCOMPARE.
QString describe(const ComparedRow &row)
{
    QStringList parts;
    if (row.changes.testFlag(RowChange::Status))
        parts << u"status"_s;
    if (row.changes.testFlag(RowChange::Error))
        parts << u"error"_s;
    if (row.changes.testFlag(RowChange::Body))
        parts << u"body"_s;
    if (row.changes.testFlag(RowChange::OnlyOlder))
        parts << u"only older"_s;
    if (row.changes.testFlag(RowChange::OnlyNewer))
        parts << u"only newer"_s;
    return QStringLiteral("%1 %2->%3: %4")
            .arg(row.url.mid(urlOf({}).size()))
            .arg(row.older.rowIndex)
            .arg(row.newer.rowIndex)
            .arg(parts.isEmpty() ? u"same"_s : parts.join(u", "));
}

} // namespace

class TestRunComparison : public QObject
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_history.setUp()); }
    void cleanup() { m_history.tearDown(); }

    void findsWhatChangedRowByRow()
    {
        const qint64 older = writeRun({
                {u"/a/0"_s, 200, R"({"x": 1, "y": [1, 2]})", 40},
                {u"/a/1"_s, 200, R"({"x": 1})", 40},
                {u"/a/2"_s, 200, "plain", 50},
                {u"/a/3"_s, 0, {}, 5, ErrorKind::Dns},
                {u"/a/4"_s, 200, "gone next time", 40},
                {u"/a/0"_s, 500, "oops", 30},
        });
        const qint64 newer = writeRun({
                {u"/a/0"_s, 200, "{\n  \"y\": [1,2],\n  \"x\": 1\n}\n", 45},
                {u"/a/1"_s, 200, R"({"x": 2})", 40},
                {u"/a/2"_s, 404, "plain", 70},
                {u"/a/3"_s, 200, {}, 20},
                {u"/a/0"_s, 500, "oops", 35},
                {u"/a/9"_s, 200, "new", 40},
        });
        const Expected<RunComparison> comparison = compareRuns(m_history.path, older, newer);
        QVERIFY_RESULT(comparison);
        QStringList described;
        for (const ComparedRow &row : comparison->rows)
            described << describe(row);
        QCOMPARE(described,
                 (QStringList{
                         u"/a/0 0->0: same"_s,
                         u"/a/1 1->1: body"_s,
                         u"/a/2 2->2: status"_s,
                         u"/a/3 3->3: status, error"_s,
                         u"/a/0 5->4: same"_s,
                         u"/a/9 -1->5: only newer"_s,
                         u"/a/4 4->-1: only older"_s,
                 }));
        QCOMPARE(comparison->changedCount, 5);
        QCOMPARE(comparison->statusChanges, 2);
        QCOMPARE(comparison->errorChanges, 1);
        QCOMPARE(comparison->bodyChanges, 1);
        QCOMPARE(comparison->older.id, older);
        QCOMPARE(comparison->newer.id, newer);

        // Latency: answered on both sides only.
        QCOMPARE(comparison->rows.at(0).latencyDeltaMs(), std::optional<qint64>(5));
        QCOMPARE(comparison->rows.at(2).latencyDeltaMs(), std::optional<qint64>(20));
        QCOMPARE(comparison->rows.at(3).latencyDeltaMs(), std::nullopt); // an error before
        QCOMPARE(comparison->rows.at(5).latencyDeltaMs(), std::nullopt);
        QVERIFY(comparison->olderLatency && comparison->newerLatency);
    }

    // Without kept bodies the bodies are not compared: a status change still shows.
    void bodiesNotKeptAreNotCompared()
    {
        RunOptions options;
        options.keepBodies = false;
        const qint64 older = writeRun({{u"/b"_s, 200, "one"}, {u"/c"_s, 200, "x"}}, options);
        const qint64 newer = writeRun({{u"/b"_s, 200, "two"}, {u"/c"_s, 503, "x"}}, options);
        const Expected<RunComparison> comparison = compareRuns(m_history.path, older, newer);
        QVERIFY(comparison);
        QCOMPARE(describe(comparison->rows.at(0)), u"/b 0->0: same"_s);
        QCOMPARE(describe(comparison->rows.at(1)), u"/c 1->1: status"_s);
        QVERIFY(!comparison->rows.at(0).older.keptBody);
    }

    // Rows that start or stop meeting their expectations, and columns both runs read, side
    // by side by name: a column only one run has is not compared.
    void comparesVerdictsAndValues()
    {
        const auto planOf = [](const QStringList &columns) {
            auto plan = std::make_shared<InspectionPlan>();
            plan->expectations.append(
                    Expectation::parse(Expectation::Kind::Status, u"200"_s).value());
            for (const QString &column : columns)
                plan->extractors.append(Extractor::parse(column + u"=." + column).value());
            return plan;
        };
        ResultBatch olderRows = rowsOf({{u"/a"_s}, {u"/b"_s}, {u"/c"_s}});
        olderRows[0].verdict = Verdict::Passed;
        olderRows[0].extracted = {u"4.5"_s, u"yes"_s};
        olderRows[1].verdict = Verdict::Passed;
        olderRows[1].extracted = {u"9"_s, u"no"_s};
        olderRows[2].verdict = Verdict::Failed;
        olderRows[2].extracted = {u"1"_s, u"yes"_s};
        const qint64 older = writeFinishedRun(*m_history.store, olderRows, {},
                                              planOf({u"price"_s, u"stock"_s}));
        ResultBatch newerRows = rowsOf({{u"/a"_s}, {u"/b"_s}, {u"/c"_s}});
        newerRows[0].verdict = Verdict::Passed;
        newerRows[0].extracted = {u"new"_s, u"4.5"_s}; // same price, a column of its own
        newerRows[1].verdict = Verdict::Failed;
        newerRows[1].extracted = {u"x"_s, u"9.5"_s};
        newerRows[2].verdict = Verdict::Passed;
        newerRows[2].extracted = {u"y"_s, u"1"_s};
        const qint64 newer = writeFinishedRun(*m_history.store, newerRows, {},
                                              planOf({u"label"_s, u"price"_s}));

        const Expected<RunComparison> comparison = compareRuns(m_history.path, older, newer);
        QVERIFY_RESULT(comparison);
        QCOMPARE(comparison->sharedColumns, QStringList{u"price"_s});
        QCOMPARE(comparison->sharedColumnPlaces, (QList<std::pair<int, int>>{{0, 1}}));
        QCOMPARE(comparison->rows.size(), 3);
        QCOMPARE(comparison->rows[0].changes, RowChanges());
        QCOMPARE(comparison->rows[1].changes, RowChange::Verdict | RowChange::Values);
        QCOMPARE(comparison->rows[2].changes, RowChanges(RowChange::Verdict));
        QCOMPARE(comparison->rows[1].newer.verdict, Verdict::Failed);
        QCOMPARE(comparison->verdictChanges, 2);
        QCOMPARE(comparison->valueChanges, 1);
        QCOMPARE(comparison->changedCount, 2);
    }

    void unknownRunIsAnError()
    {
        const qint64 older = writeRun({{u"/a"_s}});
        const Expected<RunComparison> comparison = compareRuns(m_history.path, older, older + 7);
        QVERIFY(!comparison);
        QCOMPARE(comparison.error().code, ErrorCode::NoSuchRun);
    }

private:
    qint64 writeRun(const QList<Row> &rows, const RunOptions &options = {})
    {
        return writeFinishedRun(*m_history.store, rowsOf(rows, options), options);
    }

    static ResultBatch rowsOf(const QList<Row> &rows, const RunOptions &options = {})
    {
        ResultBatch results;
        for (int index = 0; index < rows.size(); ++index) {
            const Row &row = rows.at(index);
            Result result;
            result.index = index;
            result.line = index + 1;
            result.url = urlOf(row.path);
            result.method = "GET";
            result.status = row.status;
            result.error = row.error;
            result.elapsedMs = row.elapsedMs;
            result.bytes = row.body.size();
            if (options.keepBodies)
                result.body = row.body;
            result.attempts = 1;
            results.append(result);
        }
        return results;
    }

    test::HistoryFixture m_history;
};

QTEST_GUILESS_MAIN(TestRunComparison)
#include "tst_runcomparison.moc"
