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
        return writeFinishedRun(*m_history.store, results, options);
    }

    test::HistoryFixture m_history;
};

QTEST_GUILESS_MAIN(TestRunComparison)
#include "tst_runcomparison.moc"
