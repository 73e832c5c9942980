// Which rows a shard requests (interleaved, each once across the shards), how --shard's text is
// read, and the tag a shard's output carries.

#include <QJsonObject>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <limits>
#include <numeric>

#include "ExpectedTest.h"
#include "batch/BatchInput.h"
#include "batch/Shard.h"

using namespace Qt::StringLiterals;
using salvo::Shard;
using salvo::ShardTag;

class TestShard final : public QObject
{
    Q_OBJECT

private slots:
    void rowsAreInterleaved();
    void shardsTakeEveryRowOnce_data();
    void shardsTakeEveryRowOnce();
    void selectionKeepsTheInputRows();
    void readsText_data();
    void readsText();
    void tagRoundTrips();
    void badTagsAreRefused_data();
    void badTagsAreRefused();
};

void TestShard::rowsAreInterleaved()
{
    QCOMPARE(salvo::shardRows(10, {1, 4}), (QList<int>{1, 5, 9}));
    QCOMPARE(salvo::shardRows(10, {0, 1}), (QList<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
    QCOMPARE(salvo::shardRows(3, {5, 8}), QList<int>()); // more shards than rows
    QCOMPARE(salvo::shardRows(0, {0, 2}), QList<int>());
    // A count near the largest int does not wrap around.
    QCOMPARE(salvo::shardRows(5, {1, std::numeric_limits<int>::max()}), QList<int>{1});
}

void TestShard::shardsTakeEveryRowOnce_data()
{
    QTest::addColumn<int>("rowCount");
    QTest::addColumn<int>("count");
    QTest::newRow("even") << 12 << 4;
    QTest::newRow("uneven") << 13 << 4;
    QTest::newRow("one shard") << 7 << 1;
    QTest::newRow("more shards than rows") << 3 << 5;
}

void TestShard::shardsTakeEveryRowOnce()
{
    QFETCH(int, rowCount);
    QFETCH(int, count);
    QList<int> all;
    qsizetype smallest = rowCount;
    qsizetype largest = 0;
    for (int index = 0; index < count; ++index) {
        const QList<int> rows = salvo::shardRows(rowCount, {index, count});
        all += rows;
        smallest = std::min(smallest, rows.size());
        largest = std::max(largest, rows.size());
    }
    std::sort(all.begin(), all.end());
    QList<int> expected(rowCount);
    std::iota(expected.begin(), expected.end(), 0);
    QCOMPARE(all, expected);
    QVERIFY(largest - smallest <= 1);
}

void TestShard::selectionKeepsTheInputRows()
{
    salvo::BatchSpec whole;
    whole.method = "PUT";
    whole.body = "{}";
    whole.headers = {{"X-Trace", "1"}};
    QByteArray list = "# two lines before the rows\n\n";
    for (int row = 0; row < 7; ++row)
        list += "http://a.test/" + QByteArray::number(row) + '\n';
    whole.rows = salvo::parseBatchInput(salvo::InputKind::UrlList, list).value();
    const salvo::ShardSelection selection = salvo::selectShard(whole, {2, 3});
    QCOMPARE(selection.inputRows, (QList<int>{2, 5}));
    QCOMPARE(selection.batch.rows.size(), 2);
    QCOMPARE(selection.batch.rows.at(1).text, u"http://a.test/5"_s);
    QCOMPARE(selection.batch.rows.at(1).line, 8);
    QCOMPARE(selection.batch.rows.at(1).url, QUrl(u"http://a.test/5"_s));
    QCOMPARE(selection.batch.method, QByteArray("PUT"));
    QCOMPARE(selection.batch.body, QByteArray("{}"));
    QCOMPARE(selection.batch.headers, whole.headers);
}

void TestShard::readsText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("index"); // -1: refused
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("words");
    QTest::newRow("first of four") << u"0/4"_s << 0 << 4 << QString();
    QTest::newRow("last of four") << u"3/4"_s << 3 << 4 << QString();
    QTest::newRow("spaces") << u" 1 / 2 "_s << 1 << 2 << QString();
    QTest::newRow("one of one") << u"0/1"_s << 0 << 1 << QString();
    QTest::newRow("I is N") << u"4/4"_s << -1 << 0 << u"with 4 of them, I goes from 0 to 3"_s;
    QTest::newRow("I negative") << u"-1/4"_s << -1 << 0 << u"shards count from 0"_s;
    QTest::newRow("N zero") << u"0/0"_s << -1 << 0 << u"it must be 1 or more"_s;
    QTest::newRow("words") << u"one/four"_s << -1 << 0 << u"two whole numbers"_s;
    QTest::newRow("no slash") << u"2"_s << -1 << 0 << u"written I/N"_s;
    QTest::newRow("nothing") << QString() << -1 << 0 << u"written I/N"_s;
    QTest::newRow("too big") << u"0/99999999999"_s << -1 << 0 << u"written I/N"_s;
}

void TestShard::readsText()
{
    QFETCH(QString, text);
    QFETCH(int, index);
    QFETCH(int, count);
    QFETCH(QString, words);
    const salvo::Expected<Shard> shard = salvo::shardFromText(text);
    if (index < 0) {
        QVERIFY_ERROR_SAYS(shard, words);
        return;
    }
    QVERIFY_RESULT(shard);
    QCOMPARE(*shard, (Shard{index, count}));
    QCOMPARE(salvo::shardFromText(salvo::shardText(*shard)).value(), *shard);
}

void TestShard::tagRoundTrips()
{
    const ShardTag tag{{2, 5}, 1000};
    const QJsonObject fields = salvo::shardTagFields(tag);
    QCOMPARE(fields.value(u"shard"_s).toString(), u"2/5"_s);
    QCOMPARE(fields.value(u"input_rows"_s).toInt(), 1000);
    QJsonObject record{{u"index"_s, 7}};
    for (auto field = fields.begin(); field != fields.end(); ++field)
        record.insert(field.key(), field.value());
    const auto read = salvo::shardTagOf(record);
    QVERIFY_RESULT(read);
    QCOMPARE(read->value(), tag);
    const auto untagged = salvo::shardTagOf(QJsonObject{{u"index"_s, 7}});
    QVERIFY_RESULT(untagged);
    QVERIFY(!untagged->has_value());
}

void TestShard::badTagsAreRefused_data()
{
    QTest::addColumn<QJsonObject>("record");
    QTest::addColumn<QString>("words");
    QTest::newRow("shard not I/N")
            << QJsonObject{{u"shard"_s, u"two"_s}, {u"input_rows"_s, 8}} << u"\"shard\""_s;
    QTest::newRow("shard a number")
            << QJsonObject{{u"shard"_s, 2}, {u"input_rows"_s, 8}} << u"\"shard\""_s;
    QTest::newRow("no input rows") << QJsonObject{{u"shard"_s, u"1/4"_s}} << u"\"input_rows\""_s;
    QTest::newRow("input rows too few")
            << QJsonObject{{u"shard"_s, u"3/4"_s}, {u"input_rows"_s, 2}} << u"\"input_rows\""_s;
    QTest::newRow("input rows alone") << QJsonObject{{u"input_rows"_s, 8}} << u"\"shard\""_s;
}

void TestShard::badTagsAreRefused()
{
    QFETCH(QJsonObject, record);
    QFETCH(QString, words);
    QVERIFY_ERROR_SAYS(salvo::shardTagOf(record), words);
}

QTEST_GUILESS_MAIN(TestShard)
#include "tst_shard.moc"
