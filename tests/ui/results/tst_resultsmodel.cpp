// ResultsModel: batches in, one insert or one dataChanged per batch, numbers sort as numbers.

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QIcon>
#include <QTest>
#include <QTextDocument>

#include "result/ErrorMessages.h"
#include "results/ResultsModel.h"
#include "results/RowOrder.h"

using namespace Qt::StringLiterals;
using namespace salvo;
using salvo::ui::ResultsModel;

namespace {

Result answer(int index, int status, qint64 elapsedMs = 10, qint64 bytes = 100)
{
    Result result;
    result.index = index;
    result.line = index + 1;
    result.url = QStringLiteral("https://example.test/items/%1").arg(index);
    result.method = "GET";
    result.status = status;
    result.elapsedMs = elapsedMs;
    result.bytes = bytes;
    result.attempts = 1;
    result.contentType = QStringLiteral("application/json; charset=utf-8");
    return result;
}

Result failure(int index, ErrorKind error)
{
    Result result = answer(index, 0, 5, 0);
    result.error = error;
    result.message = QStringLiteral("It went wrong.");
    return result;
}

// What a tooltip shows a person: Qt lays it out as rich text when it looks like HTML
// (QToolTip does exactly this test), as plain text otherwise.
QString shownToolTip(const QString &tip)
{
    if (!Qt::mightBeRichText(tip))
        return tip;
    QTextDocument document;
    document.setHtml(tip);
    return document.toPlainText();
}

} // namespace

class TestResultsModel final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); } // sizes and numbers as in C

    void passesTheModelTester()
    {
        ResultsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addResults({answer(0, 200), failure(1, ErrorKind::Timeout)});
        model.addResults({answer(1, 200), answer(2, 404)});
        model.clear();
        model.addResults({answer(5, 500)});
        QCOMPARE(model.rowCount(), 1);
    }

    void oneInsertPerBatch()
    {
        ResultsModel model;
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        ResultBatch batch;
        for (int i = 0; i < 1000; ++i)
            batch.append(answer(i, 200));
        model.addResults(batch);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 0);
        QCOMPARE(inserted.first().at(2).toInt(), 999);
        QCOMPARE(model.rowCount(), 1000);
    }

    void rerunRowsUpdateInPlaceWithOneDataChanged()
    {
        ResultsModel model;
        ResultBatch first;
        for (int i = 0; i < 10; ++i)
            first.append(i % 3 == 0 ? failure(i, ErrorKind::ConnectionReset) : answer(i, 200));
        model.addResults(first);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.addResults(
                {answer(3, 200), answer(9, 200), answer(0, 200), answer(6, 200)}); // re-run
        QCOMPARE(changed.count(), 1);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
        QCOMPARE(changed.first().at(1).toModelIndex().row(), 9);
        QCOMPARE(model.rowCount(), 10);
        for (int row = 0; row < 10; ++row)
            QCOMPARE(model.resultAt(row).status, 200);
    }

    void aRowNamedTwiceInOneBatchIsOneRow()
    {
        ResultsModel model;
        model.addResults({answer(4, 503), answer(4, 200)});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.resultAt(0).status, 200);
        QCOMPARE(model.rowOfIndex(4), 0);
        QCOMPARE(model.rowOfIndex(5), -1);
    }

    void showsWhatAPersonReads()
    {
        ResultsModel model;
        model.addResults({answer(0, 200, 1234, 2048), failure(1, ErrorKind::Dns)});
        const auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
            return model.data(model.index(row, column), role);
        };
        QCOMPARE(cell(0, ResultsModel::IndexColumn).toInt(), 1);
        QCOMPARE(cell(0, ResultsModel::StatusColumn).toInt(), 200);
        QCOMPARE(cell(0, ResultsModel::TimeColumn).toString(), QStringLiteral("1234 ms"));
        QCOMPARE(cell(0, ResultsModel::SizeColumn).toString(), QStringLiteral("2.0 kB"));
        QCOMPARE(cell(0, ResultsModel::ContentTypeColumn).toString(),
                 QStringLiteral("application/json"));
        QCOMPARE(cell(0, 0, ResultsModel::StatusClassRole).toString(), QStringLiteral("2xx"));
        QCOMPARE(cell(1, ResultsModel::StatusColumn).toString(), errorKindLabel(ErrorKind::Dns));
        QCOMPARE(cell(1, ResultsModel::ErrorColumn).toString(), QStringLiteral("It went wrong."));
        QCOMPARE(cell(1, ResultsModel::StatusColumn, Qt::ToolTipRole).toString(),
                 QStringLiteral("It went wrong."));
        QCOMPARE(cell(1, 0, ResultsModel::StatusClassRole).toString(), QStringLiteral("dns"));
        QCOMPARE(model.headerData(ResultsModel::StatusColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Status"));
    }

    // Addresses come from someone's file and messages quote servers: a tooltip shows them as
    // the characters they are, not as markup.
    void serverTextInTooltipsIsText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("bold") << QStringLiteral("<b>bold</b> host");
        QTest::newRow("script") << QStringLiteral("<script>alert(1)</script>");
        QTest::newRow("image") << QStringLiteral("<img src=x onerror=alert(1)> and more");
        QTest::newRow("end of a table") << QStringLiteral("</table></td><td>fake cell");
        QTest::newRow("entity") << QStringLiteral("&lt;b&gt; stays &amp; as typed");
        QTest::newRow("two lines") << QStringLiteral("first <i>line</i>\nsecond  line");
        QTest::newRow("plain") << QStringLiteral("a & b < c");
    }

    void serverTextInTooltipsIsText()
    {
        QFETCH(QString, text);
        Result row = failure(0, ErrorKind::InvalidUrl);
        row.url = text;
        row.message = text;
        ResultsModel model;
        model.addResults({row});
        for (const int column : {int(ResultsModel::UrlColumn), int(ResultsModel::StatusColumn),
                                 int(ResultsModel::ErrorColumn)}) {
            const QString tip = model.data(model.index(0, column), Qt::ToolTipRole).toString();
            QCOMPARE(shownToolTip(tip), text);
        }
    }

    // A run without certificate checks: every row says so, with a sign and a sentence.
    void uncheckedCertificatesOnEveryRow()
    {
        QList<Result> rows{answer(0, 200), answer(1, 404), failure(2, ErrorKind::Timeout)};
        ResultsModel model;
        model.addResults(rows);
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex status = model.index(row, ResultsModel::StatusColumn);
            QVERIFY(model.data(status, Qt::DecorationRole).isNull());
            QVERIFY(!model.data(status, Qt::ToolTipRole).toString().contains(u"not checked"));
        }
        for (Result &result : rows) {
            result.index += 3;
            result.certificatesUnchecked = true;
        }
        model.addResults(rows);
        for (int row = 3; row < model.rowCount(); ++row) {
            const QModelIndex status = model.index(row, ResultsModel::StatusColumn);
            QVERIFY(!model.data(status, Qt::DecorationRole).value<QIcon>().isNull());
            QVERIFY(shownToolTip(model.data(status, Qt::ToolTipRole).toString())
                            .contains(uncheckedCertificatesNote()));
        }
    }

    // A row keeps what the table shows and nothing of its answer: the headers, the body and
    // the error's detail stay in the history. What is kept comes back as it went in.
    void keepsWhatTheTableShowsOfARow()
    {
        Result full = answer(7, 200, 321, 2048);
        full.line = 8;
        full.firstByteMs = 12;
        full.truncated = true;
        full.resends = 1;
        full.attempts = 2;
        full.timeout = TimeoutKind::None;
        full.redirects = {QStringLiteral("https://example.test/a"),
                          QStringLiteral("https://example.test/b")};
        full.headers = {{"Content-Type", "application/json"}, {"Server", "test"}};
        full.body = QByteArray(2048, 'x');
        full.detail = QStringLiteral("the network layer's words");
        full.certificatesUnchecked = true;
        ResultsModel model;
        model.addResults({full, failure(8, ErrorKind::Timeout)});

        const Result kept = model.resultAt(0);
        QCOMPARE(kept.index, full.index);
        QCOMPARE(kept.url, full.url);
        QCOMPARE(kept.method, full.method);
        QCOMPARE(kept.status, full.status);
        QCOMPARE(kept.elapsedMs, full.elapsedMs);
        QCOMPARE(kept.bytes, full.bytes);
        QCOMPARE(kept.truncated, full.truncated);
        QCOMPARE(kept.contentType, full.contentType);
        QCOMPARE(kept.attempts, full.attempts);
        QCOMPARE(kept.resends, full.resends);
        QCOMPARE(kept.redirects, full.redirects);
        QCOMPARE(kept.certificatesUnchecked, full.certificatesUnchecked);
        QVERIFY(kept.body.isEmpty());
        QVERIFY(kept.headers.isEmpty());
        QVERIFY(kept.detail.isEmpty());
        const Result failed = model.resultAt(1);
        QCOMPARE(failed.error, ErrorKind::Timeout);
        QCOMPARE(failed.message, QStringLiteral("It went wrong."));
        QVERIFY(!model.isOkAt(1));
        QCOMPARE(model.inputRowAt(1), 8);
    }

    // What a row costs: 50,000 rows of 2 KB JSON answers (headers, detail and all) keep
    // under 128 bytes each, their addresses included; a whole Result kept about 4 KB.
    void keepsUnder128BytesPerRow()
    {
        constexpr int rows = 50'000;
        ResultsModel model;
        model.reserve(rows);
        for (int first = 0; first < rows; first += 1000) {
            ResultBatch batch;
            for (int index = first; index < first + 1000; ++index) {
                Result row = answer(index, 200, index % 50, 2048);
                row.url = QStringLiteral("http://127.0.0.1:43122/items/%1.json").arg(index);
                row.body = QByteArray(2048, '{');
                row.headers = {{"Content-Type", "application/json"},
                               {"Content-Length", "2048"},
                               {"Server", "nginx/1.22.1"}};
                batch.append(row);
            }
            model.addResults(batch);
        }
        QCOMPARE(model.rowCount(), rows);
        QVERIFY2(model.bytesHeldPerRow() < 128,
                 qPrintable(QString::number(model.bytesHeldPerRow())));
        QVERIFY(model.bytesHeldPerRow() > 40); // it counts the rows' cells and addresses
    }

    void inspectedColumns();

    void numbersSortAsNumbers()
    {
        ResultsModel model;
        model.addResults({answer(0, 200, 900), answer(1, 404, 80), failure(2, ErrorKind::Timeout),
                          answer(3, 200, 1000), answer(4, 301, 9)});
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(ResultsModel::SortRole);

        proxy.sort(ResultsModel::TimeColumn, Qt::AscendingOrder);
        QList<qint64> times;
        for (int row = 0; row < proxy.rowCount(); ++row)
            times.append(
                    proxy.data(proxy.index(row, ResultsModel::TimeColumn), ResultsModel::SortRole)
                            .toLongLong());
        QCOMPARE(times, (QList<qint64>{5, 9, 80, 900, 1000})); // "1000 ms" after "900 ms"

        proxy.sort(ResultsModel::StatusColumn, Qt::AscendingOrder);
        const QModelIndex last = proxy.index(proxy.rowCount() - 1, ResultsModel::StatusColumn);
        QCOMPARE(proxy.data(last, ResultsModel::StatusClassRole).toString(),
                 QStringLiteral("timeout"));
        QCOMPARE(proxy.data(proxy.index(0, ResultsModel::StatusColumn)).toInt(), 200);
    }
};

// A run that checks and reads its answers: a Passed column with the failed sentences, the
// extracted columns and the input's own after it; values that are numbers sort as numbers;
// the failed rows are counted, filtered and found by search.
void TestResultsModel::inspectedColumns()
{
    ResultsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setInspectedColumns(true, {u"price"_s}, {u"sku"_s});
    QCOMPARE(model.columnCount(), ResultsModel::ColumnCount + 3);
    QCOMPARE(model.headerData(model.passedColumn(), Qt::Horizontal).toString(), u"Passed"_s);
    QCOMPARE(model.headerData(model.firstValueColumn(), Qt::Horizontal).toString(), u"price"_s);
    QCOMPARE(model.headerData(model.firstValueColumn() + 1, Qt::Horizontal).toString(), u"sku"_s);

    const QStringList prices{u"9.5"_s, u"10"_s, QString(), u"n/a"_s, u"100"_s};
    ResultBatch rows;
    for (int i = 0; i < prices.size(); ++i) {
        Result row = answer(i, 200);
        row.verdict = i == 1 ? Verdict::Failed : Verdict::Passed;
        if (i == 1)
            row.failedExpectations = {u"Expected .inStock == true to hold, it gave false"_s};
        row.extracted = {prices.at(i)};
        row.columns = {u"SKU-%1"_s.arg(i)};
        rows.append(row);
    }
    model.addResults(rows);
    const int passed = model.passedColumn();
    const int price = model.firstValueColumn();
    QVERIFY(model.index(1, passed).data().toString().contains(u"Failed"_s));
    QCOMPARE(shownToolTip(model.index(1, passed).data(Qt::ToolTipRole).toString()),
             u"Expected .inStock == true to hold, it gave false"_s);
    QVERIFY(model.index(0, passed).data().toString().contains(u"Passed"_s));
    QCOMPARE(model.index(4, price).data().toString(), u"100"_s);
    QCOMPARE(model.index(3, price + 1).data().toString(), u"SKU-3"_s);
    QCOMPARE(model.statusClassCounts().value(ResultsModel::unmetClass()), 1);
    // What the table keeps of a row carries its verdict and values.
    const Result kept = model.resultAt(1);
    QCOMPARE(kept.verdict, Verdict::Failed);
    QCOMPARE(kept.extracted, QStringList{u"10"_s});
    QCOMPARE(kept.columns, QStringList{u"SKU-1"_s});

    // Numbers by number, then text, then nothing.
    const std::shared_ptr<const ui::CompactResults> snapshot = model.snapshot();
    QList<QString> sorted;
    for (const int row : ui::orderRows(*snapshot, {}, ui::RowSort(price, Qt::AscendingOrder)))
        sorted.append(prices.at(row));
    QCOMPARE(sorted, (QList<QString>{u"9.5"_s, u"10"_s, u"100"_s, u"n/a"_s, QString()}));
    const std::vector<int> unmet
            = ui::orderRows(*snapshot, ui::RowFilter(ui::RowFilter::unmetClass(), {}), {});
    QCOMPARE(unmet, std::vector<int>{1});
    QCOMPARE(ui::RowFilter(ui::RowFilter::unmetClass(), {}).historyFilter().unmetOnly, true);
    const std::vector<int> found = ui::orderRows(*snapshot, ui::RowFilter({}, u"sku-4"_s), {});
    QCOMPARE(found, std::vector<int>{4});
    const std::vector<int> sentence = ui::orderRows(*snapshot, ui::RowFilter({}, u"INSTOCK"_s), {});
    QCOMPARE(sentence, std::vector<int>{1});

    // A run that checks nothing has none of these columns.
    model.setInspectedColumns(false, {}, {});
    QCOMPARE(model.columnCount(), int(ResultsModel::ColumnCount));
    QCOMPARE(model.passedColumn(), -1);
}

QTEST_MAIN(TestResultsModel) // a QApplication: the warning sign comes from the style
#include "tst_resultsmodel.moc"
