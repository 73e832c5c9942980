// BodySearch: the search box's look into the kept bodies, read from a real history file on
// the thread pool; a newer search replaces the one under way.

#include <QSignalSpy>
#include <QTest>

#include "../../core/store/StoreTestSupport.h"
#include "results/BodySearch.h"
#include "results/ResultsFilterModel.h"
#include "results/ResultsModel.h"

using namespace Qt::StringLiterals;
using namespace salvo;
using salvo::ui::BodyMatches;
using salvo::ui::BodySearch;

class TestBodySearch final : public QObject
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_history.setUp()); }
    void cleanup() { m_history.tearDown(); }

    void findsTextInKeptBodiesInAnyCase()
    {
        const qint64 runId = writeRun({"alpha", "Beta gamma",
                                       "{\"name\":\"\xc3\x9c"
                                       "ber\"}",
                                       ""});
        BodySearch search(m_history.path);
        QSignalSpy found(&search, &BodySearch::found);
        search.search(u"GAMMA"_s, {{runId, {}}});
        QVERIFY(found.wait(10'000));
        QCOMPARE(found.at(0).at(0).toString(), u"GAMMA"_s);
        QCOMPARE(matchedRows(found.at(0).at(1).value<BodyMatches>()), QList<int>{1});

        found.clear();
        search.search(u"\u00fcber"_s, {{runId, {}}}); // not ASCII, another case
        QVERIFY(found.wait(10'000));
        QCOMPARE(matchedRows(found.at(0).at(1).value<BodyMatches>()), QList<int>{2});
    }

    // A re-run keeps its rows under its own numbers: they are found under their input rows.
    void rowsOfAReRunAreTheirInputRows()
    {
        const qint64 runId = writeRun({"nothing", "needle here"});
        BodySearch search(m_history.path);
        QSignalSpy found(&search, &BodySearch::found);
        search.search(u"needle"_s, {{runId, {{0, 7}, {1, 9}}}});
        QVERIFY(found.wait(10'000));
        QCOMPARE(matchedRows(found.at(0).at(1).value<BodyMatches>()), QList<int>{9});
    }

    // Typing on replaces the search: only the last text is answered.
    void aNewerSearchReplacesTheOneUnderWay()
    {
        const qint64 runId = writeRun({"one", "two"});
        BodySearch search(m_history.path);
        QSignalSpy found(&search, &BodySearch::found);
        search.search(u"on"_s, {{runId, {}}});
        search.search(u"tw"_s, {{runId, {}}});
        QVERIFY(found.wait(10'000));
        QVERIFY(!found.wait(BodySearch::delayMs * 3));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.at(0).at(0).toString(), u"tw"_s);
        search.search(QString(), {{runId, {}}});
        QVERIFY(!found.wait(BodySearch::delayMs * 3)); // an empty text looks for nothing
    }

    // The table shows the rows whose body holds the text beside the ones it finds itself.
    void theTableShowsRowsFoundInBodies()
    {
        ui::ResultsModel model;
        ResultBatch rows;
        for (int i = 0; i < 3; ++i)
            rows.append(test::answeredRow(i));
        model.addResults(rows);
        ui::ResultsFilterModel table;
        table.setSourceModel(&model);
        table.setSearchText(u"needle"_s);
        QCOMPARE(table.rowCount(), 0);
        auto matches = std::make_shared<std::vector<char>>(std::vector<char>{0, 0, 1});
        table.setBodyMatches(u"other"_s, matches); // for a text no longer searched: ignored
        QCOMPARE(table.rowCount(), 0);
        table.setBodyMatches(u"needle"_s, matches);
        QCOMPARE(table.rowCount(), 1);
        QCOMPARE(model.inputRowAt(table.mapToSource(table.index(0, 0)).row()), 2);
        table.setSearchText(u"needles"_s); // another text: those matches go
        QCOMPARE(table.rowCount(), 0);
    }

private:
    qint64 writeRun(const QList<QByteArray> &bodies)
    {
        ResultBatch results;
        for (int i = 0; i < bodies.size(); ++i) {
            Result result = test::answeredRow(i);
            result.body = bodies.at(i);
            result.bytes = bodies.at(i).size();
            results.append(result);
        }
        RunOptions options;
        options.keepBodies = true;
        return test::writeFinishedRun(*m_history.store, results, options);
    }
    static QList<int> matchedRows(const BodyMatches &matches)
    {
        QList<int> rows;
        for (size_t row = 0; matches && row < matches->size(); ++row) {
            if ((*matches)[row] != 0)
                rows.append(int(row));
        }
        return rows;
    }

    test::HistoryFixture m_history;
};

QTEST_MAIN(TestBodySearch)
#include "tst_bodysearch.moc"
