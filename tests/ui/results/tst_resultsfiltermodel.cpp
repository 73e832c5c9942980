// ResultsFilterModel: a sorted, filtered table fed in batches shows exactly the order a full
// sort gives, whether the order is made at once or on the thread pool with rows arriving
// meanwhile, and the current row stays on its row through every change.

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include "results/ResultsFilterModel.h"
#include "results/ResultsModel.h"
#include "results/RowOrder.h"

using namespace salvo;
using salvo::ui::ResultsFilterModel;
using salvo::ui::ResultsModel;

namespace {

constexpr int reorderTimeoutMs = 20000;

// A row as a run makes them: mostly 2xx with times that repeat, some 4xx and 5xx, a few
// errors and redirects, several content types.
Result randomResult(int index, QRandomGenerator &random)
{
    Result result;
    result.index = index;
    result.url = QStringLiteral("http://host%1.test/items/%2")
                         .arg(random.bounded(5))
                         .arg(random.bounded(100000));
    result.method = "GET";
    result.attempts = 1;
    result.elapsedMs = random.bounded(40);
    const int kind = random.bounded(100);
    if (kind < 5) {
        result.error = kind < 2 ? ErrorKind::Timeout : ErrorKind::ConnectionReset;
        result.message = QStringLiteral("went wrong %1").arg(kind);
        return result;
    }
    result.status = kind < 80 ? 200 : (kind < 90 ? 404 : (kind < 95 ? 503 : 301));
    result.bytes = random.bounded(5000);
    result.contentType = kind % 3 == 0 ? QStringLiteral("application/json")
                                       : QStringLiteral("text/html; charset=utf-8");
    if (kind % 7 == 0)
        result.redirects = {QStringLiteral("http://elsewhere.test/%1").arg(index)};
    return result;
}

// Rows first..first+count-1, made as randomResult() makes them.
ResultBatch randomRows(int first, int count, QRandomGenerator &random)
{
    ResultBatch rows;
    for (int index = first; index < first + count; ++index)
        rows.append(randomResult(index, random));
    return rows;
}

// A table as the window has it: the results and the proxy the view shows.
struct Table
{
    Table() { proxy.setSourceModel(&model); }

    // The source rows the proxy shows, top to bottom.
    std::vector<int> shown() const;
    // What a full sort and filter of every row gives.
    std::vector<int> expected(const QString &statusClass, const QString &search, int column,
                              Qt::SortOrder order) const
    {
        return ui::orderRows(model.rows(), ui::RowFilter(statusClass, search),
                             ui::RowSort(column, order));
    }

    ResultsModel model;
    ResultsFilterModel proxy;
};

std::vector<int> Table::shown() const
{
    std::vector<int> rows;
    for (int row = 0; row < proxy.rowCount(); ++row)
        rows.push_back(proxy.mapToSource(proxy.index(row, 0)).row());
    return rows;
}

} // namespace

class TestResultsFilterModel final : public QObject
{
    Q_OBJECT

private slots:
    void passesTheModelTester()
    {
        Table table;
        QAbstractItemModelTester tester(&table.proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QRandomGenerator random(7);
        table.proxy.sort(ResultsModel::TimeColumn, Qt::DescendingOrder);
        for (int batch = 0; batch < 5; ++batch)
            table.model.addResults(randomRows(batch * 40, 40, random));
        table.proxy.setStatusClass(QStringLiteral("2xx"));
        table.model.addResults({randomResult(3, random), randomResult(500, random)}); // one again
        table.proxy.setSearchText(QStringLiteral("host1"));
        table.proxy.sort(ResultsModel::UrlColumn, Qt::AscendingOrder);
        table.model.clear();
        table.model.addResults({randomResult(0, random)});
        QVERIFY(table.proxy.rowCount() <= 1);
    }

    void liveRowsTakeTheirSortedPlaces_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::addColumn<QString>("statusClass");
        for (int column = 0; column < ResultsModel::ColumnCount; ++column) {
            for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                QTest::addRow("column %d %s", column, order == Qt::AscendingOrder ? "up" : "down")
                        << column << order << QString();
            }
        }
        QTest::newRow("time, 2xx only")
                << int(ResultsModel::TimeColumn) << Qt::DescendingOrder << QStringLiteral("2xx");
        QTest::newRow("status, errors only")
                << int(ResultsModel::StatusColumn) << Qt::AscendingOrder
                << ResultsFilterModel::errorsClass();
    }

    void liveRowsTakeTheirSortedPlaces()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        QFETCH(QString, statusClass);
        Table table;
        table.proxy.sort(column, order);
        table.proxy.setStatusClass(statusClass);
        QRandomGenerator random(column * 2 + int(order));
        // Rows finish out of input order, as concurrent requests do.
        QList<int> indices(600);
        std::iota(indices.begin(), indices.end(), 0);
        std::shuffle(indices.begin(), indices.end(), random);
        for (int first = 0; first < indices.size(); first += 75) {
            ResultBatch batch;
            for (int i = first; i < first + 75; ++i)
                batch.append(randomResult(indices.at(i), random));
            table.model.addResults(batch);
            QCOMPARE(table.shown(), table.expected(statusClass, {}, column, order));
        }
    }

    void rowsRunAgainMoveAndLeaveTheFilter()
    {
        Table table;
        table.proxy.sort(ResultsModel::TimeColumn, Qt::AscendingOrder);
        table.proxy.setStatusClass(QStringLiteral("2xx"));
        QRandomGenerator random(3);
        table.model.addResults(randomRows(0, 300, random));
        ResultBatch again;
        for (int i = 0; i < 300; i += 7)
            again.append(randomResult(i, random));
        table.model.addResults(again);
        QCOMPARE(table.shown(),
                 table.expected(QStringLiteral("2xx"), {}, ResultsModel::TimeColumn,
                                Qt::AscendingOrder));
    }

    void filtersAndSearchPickRows()
    {
        Table table;
        QRandomGenerator random(11);
        table.model.addResults(randomRows(0, 400, random));
        const QStringList classes{QString(),
                                  QStringLiteral("2xx"),
                                  QStringLiteral("4xx"),
                                  ResultsFilterModel::errorsClass(),
                                  ResultsFilterModel::redirectedClass(),
                                  QStringLiteral("timeout")};
        for (const QString &statusClass : classes) {
            table.proxy.setStatusClass(statusClass);
            for (const QString &search :
                 {QString(), QStringLiteral("HOST3"), QStringLiteral("wrong 1")}) {
                table.proxy.setSearchText(search);
                const std::vector<int> expected
                        = table.expected(statusClass, search, -1, Qt::AscendingOrder);
                QCOMPARE(table.shown(), expected);
                for (const int row : expected) {
                    const Result shown = table.model.resultAt(row);
                    QVERIFY(statusClass.isEmpty() || statusClass == ResultsModel::statusClass(shown)
                            || (statusClass == ResultsFilterModel::errorsClass()
                                && shown.error != ErrorKind::None)
                            || (statusClass == ResultsFilterModel::redirectedClass()
                                && !shown.redirects.isEmpty()));
                    QVERIFY(search.isEmpty() || shown.url.contains(search, Qt::CaseInsensitive)
                            || shown.message.contains(search, Qt::CaseInsensitive));
                }
            }
        }
    }

    // Above the threshold the order is made on the thread pool: the rows that arrive or run
    // again meanwhile still end in their places.
    void backgroundOrderPlacesRowsThatCameMeanwhile()
    {
        Table table;
        table.proxy.setBackgroundThreshold(0);
        QAbstractItemModelTester tester(&table.proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QRandomGenerator random(5);
        table.model.addResults(randomRows(0, 5000, random));

        QSignalSpy reordered(&table.proxy, &ResultsFilterModel::reordered);
        table.proxy.sort(ResultsModel::SizeColumn, Qt::DescendingOrder);
        table.proxy.setStatusClass(QStringLiteral("2xx"));
        QVERIFY(table.proxy.isReordering());
        ResultBatch meanwhile = randomRows(5000, 300, random);
        meanwhile.append(randomResult(17, random)); // a row run again
        table.model.addResults(meanwhile);
        QTRY_VERIFY_WITH_TIMEOUT(!table.proxy.isReordering(), reorderTimeoutMs);
        QCOMPARE(reordered.count(), 1); // the first order asked for was dropped for the second
        QCOMPARE(table.shown(),
                 table.expected(QStringLiteral("2xx"), {}, ResultsModel::SizeColumn,
                                Qt::DescendingOrder));
    }

    // The row a person is on stays current, on the same result, as rows arrive above it and as
    // the table is sorted again.
    void theCurrentRowStaysOnItsResult()
    {
        Table table;
        QItemSelectionModel selection(&table.proxy);
        table.proxy.sort(ResultsModel::TimeColumn, Qt::DescendingOrder);
        QRandomGenerator random(9);
        table.model.addResults(randomRows(0, 200, random));
        const QModelIndex chosen
                = table.proxy.mapFromSource(table.model.index(table.model.rowOfIndex(42), 0));
        selection.setCurrentIndex(chosen,
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QSignalSpy currentChanged(&selection, &QItemSelectionModel::currentRowChanged);
        const auto currentInputRow = [&] {
            return table.model.inputRowAt(table.proxy.mapToSource(selection.currentIndex()).row());
        };
        for (int first = 200; first < 1000; first += 100) {
            table.model.addResults(randomRows(first, 100, random));
            QCOMPARE(currentInputRow(), 42);
        }
        table.proxy.sort(ResultsModel::UrlColumn, Qt::AscendingOrder);
        QCOMPARE(currentInputRow(), 42);
        QCOMPARE(currentChanged.count(), 0); // the inspector is not asked again
        QCOMPARE(selection.selectedRows().size(), 1);
    }
};

QTEST_MAIN(TestResultsFilterModel) // the status tints are brushes
#include "tst_resultsfiltermodel.moc"
