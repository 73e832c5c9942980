// readJson: a JSON body read in document order into the tree and the indented text: keys as
// sent (duplicates too), numbers in their own digits, errors as a short reason and an
// offset, depth bounded.

#include <QTest>

#include "inspector/JsonReader.h"

using namespace Qt::StringLiterals;
using salvo::ui::JsonReading;
using salvo::ui::JsonTree;
using salvo::ui::readJson;

namespace {

constexpr int depthLimit = 1024;
constexpr qsizetype textLimit = qsizetype(1024) * 1024;

JsonReading readDocument(QByteArrayView json)
{
    return readJson(json, depthLimit, textLimit);
}

// "key=value" for each child of a node, as the tree's cells show them.
QStringList childrenOf(const JsonTree &tree, qsizetype id)
{
    QStringList children;
    for (qint32 row = 0; row < tree.node(id).childCount; ++row) {
        const JsonTree::Node &child = tree.node(tree.childOf(id, row));
        children.append(child.key + u'=' + child.text);
    }
    return children;
}

// The child of a node named by its key.
qsizetype childNamed(const JsonTree &tree, qsizetype id, const QString &key)
{
    for (qint32 row = 0; row < tree.node(id).childCount; ++row) {
        if (tree.node(tree.childOf(id, row)).key == key)
            return tree.childOf(id, row);
    }
    return -1;
}

} // namespace

class TestJsonReader final : public QObject
{
    Q_OBJECT

private slots:
    void keepsTheServersKeyOrderAtEveryLevel();
    void keepsDuplicateKeysInTheirPlace();
    void numbersKeepTheirDigits_data();
    void numbersKeepTheirDigits();
    void indentsLikeQJsonDocument();
    void treeNodesKnowTheirParentAndRow();
    void invalidJsonSaysWhatAndWhere_data();
    void invalidJsonSaysWhatAndWhere();
    void aLongBodyStaysOutOfTheReason();
    void depthIsBounded();
    void indentedTextStopsPastItsLimit();
};

void TestJsonReader::keepsTheServersKeyOrderAtEveryLevel()
{
    const JsonReading reading = readDocument(R"({"id":7,"name":"Mug","price":12.5,"in_stock":true,)"
                                             R"("tags":["a","b"],"nested":{"zeta":1,"alpha":2}})");
    QCOMPARE(reading.outcome, JsonReading::Outcome::Read);
    const JsonTree &tree = reading.tree;
    QCOMPARE(tree.node(0).type, JsonTree::Type::Object);
    QCOMPARE(childrenOf(tree, 0),
             QStringList({u"id=7"_s, u"name=\"Mug\""_s, u"price=12.5"_s, u"in_stock=true"_s,
                          u"tags="_s, u"nested="_s}));
    QCOMPARE(childrenOf(tree, childNamed(tree, 0, u"nested"_s)),
             QStringList({u"zeta=1"_s, u"alpha=2"_s}));
    QCOMPARE(childrenOf(tree, childNamed(tree, 0, u"tags"_s)),
             QStringList({u"=\"a\""_s, u"=\"b\""_s}));

    QCOMPARE(reading.indented,
             "{\n"
             "    \"id\": 7,\n"
             "    \"name\": \"Mug\",\n"
             "    \"price\": 12.5,\n"
             "    \"in_stock\": true,\n"
             "    \"tags\": [\n"
             "        \"a\",\n"
             "        \"b\"\n"
             "    ],\n"
             "    \"nested\": {\n"
             "        \"zeta\": 1,\n"
             "        \"alpha\": 2\n"
             "    }\n"
             "}\n");
}

// QJsonObject keeps one of two equal keys; a body viewer shows what was sent.
void TestJsonReader::keepsDuplicateKeysInTheirPlace()
{
    const JsonReading reading = readDocument(R"({"a": 1, "b": {"c": 2, "c": 3}, "a": "again"})");
    QCOMPARE(reading.outcome, JsonReading::Outcome::Read);
    QCOMPARE(childrenOf(reading.tree, 0), QStringList({u"a=1"_s, u"b="_s, u"a=\"again\""_s}));
    QCOMPARE(childrenOf(reading.tree, childNamed(reading.tree, 0, u"b"_s)),
             QStringList({u"c=2"_s, u"c=3"_s}));
    QCOMPARE(reading.indented,
             "{\n    \"a\": 1,\n    \"b\": {\n        \"c\": 2,\n        \"c\": 3\n    },\n"
             "    \"a\": \"again\"\n}\n");
}

void TestJsonReader::numbersKeepTheirDigits_data()
{
    QTest::addColumn<QByteArray>("number");
    QTest::newRow("zero") << QByteArray("0");
    QTest::newRow("negative") << QByteArray("-42");
    QTest::newRow("beyond double precision") << QByteArray("9007199254740993");
    QTest::newRow("largest unsigned 64-bit") << QByteArray("18446744073709551615");
    QTest::newRow("a double would round it") << QByteArray("12345678901234567890");
    QTest::newRow("smallest signed 64-bit") << QByteArray("-9223372036854775808");
    QTest::newRow("beyond 64 bits") << QByteArray("123456789012345678901234567890");
    QTest::newRow("beyond 64 bits, negative") << QByteArray("-123456789012345678901234567890");
    QTest::newRow("trailing zero") << QByteArray("1.10");
    QTest::newRow("negative zero fraction") << QByteArray("-0.0");
    QTest::newRow("exponent") << QByteArray("1e3");
    QTest::newRow("exponent with sign") << QByteArray("2.5E-3");
    QTest::newRow("many digits") << QByteArray("3.14159265358979323846264338327950288");
}

void TestJsonReader::numbersKeepTheirDigits()
{
    QFETCH(QByteArray, number);
    const JsonReading reading = readDocument(QByteArray("[" + number + "]"));
    QCOMPARE(reading.outcome, JsonReading::Outcome::Read);
    QCOMPARE(reading.tree.node(0).childCount, 1);
    const JsonTree::Node &node = reading.tree.node(reading.tree.childOf(0, 0));
    QCOMPARE(node.type, JsonTree::Type::Number);
    QCOMPARE(node.text, QString::fromLatin1(number));
    QCOMPARE(reading.indented, "[\n    " + number + "\n]\n");
}

void TestJsonReader::indentsLikeQJsonDocument()
{
    // Escapes as QJsonDocument writes them; non-ASCII stays UTF-8, \u escapes are decoded.
    const JsonReading reading
            = readDocument(R"([{}, [], [[]], {"s": "q\"b\\n\n t\t\u0001\u00e9/"},)"
                           R"( null, false])");
    QCOMPARE(reading.outcome, JsonReading::Outcome::Read);
    QCOMPARE(reading.indented,
             "[\n"
             "    {},\n"
             "    [],\n"
             "    [\n"
             "        []\n"
             "    ],\n"
             "    {\n"
             "        \"s\": \"q\\\"b\\\\n\\n t\\t\\u0001\xc3\xa9/\"\n"
             "    },\n"
             "    null,\n"
             "    false\n"
             "]\n");
    const qsizetype object = reading.tree.childOf(0, 3);
    QCOMPARE(childrenOf(reading.tree, object),
             QStringList({u"s=\"q\\\"b\\\\n\\n t\\t\\u0001\u00e9/\""_s}));
}

void TestJsonReader::treeNodesKnowTheirParentAndRow()
{
    const JsonReading reading
            = readDocument(R"({"a": [1, {"b": [2, 3]}], "c": {"d": {}}, "e": 4})");
    QCOMPARE(reading.outcome, JsonReading::Outcome::Read);
    const JsonTree &tree = reading.tree;
    QCOMPARE(tree.size(), 10);
    // Every child names its parent and its row, and is found there.
    for (qsizetype id = 0; id < tree.size(); ++id) {
        for (qint32 row = 0; row < tree.node(id).childCount; ++row) {
            const qint32 child = tree.childOf(id, row);
            QCOMPARE(tree.node(child).parent, qint32(id));
            QCOMPARE(tree.node(child).row, row);
        }
    }
    QCOMPARE(tree.node(0).parent, -1);
    const qsizetype d = childNamed(tree, childNamed(tree, 0, u"c"_s), u"d"_s);
    QCOMPARE(tree.node(d).type, JsonTree::Type::Object);
    QCOMPARE(tree.node(d).childCount, 0);
}

void TestJsonReader::invalidJsonSaysWhatAndWhere_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("reason"); // how the reason starts
    QTest::addColumn<qint64>("offset");
    QTest::newRow("trailing comma")
            << QByteArray(R"({"a": 1,})") << u"unexpected '}'"_s << qint64(9);
    QTest::newRow("cut short") << QByteArray(R"({"a": [1, 2)") << u"unexpected end of input"_s
                               << qint64(11);
    QTest::newRow("garbage after the value")
            << QByteArray("{} x") << u"invalid literal"_s << qint64(4);
    QTest::newRow("single quotes") << QByteArray("{'a': 1}") << u"invalid literal"_s << qint64(2);
    QTest::newRow("bad literal") << QByteArray("[tru]") << u"invalid literal"_s << qint64(5);
    QTest::newRow("ill-formed UTF-8") << QByteArray("[\"caf\xe9\"]")
                                      << u"invalid string: ill-formed UTF-8 byte"_s << qint64(7);
    QTest::newRow("number overflow") << QByteArray("[1e400]") << u"number overflow"_s << qint64(6);
    QTest::newRow("empty") << QByteArray() << u"unexpected end of input"_s << qint64(0);
}

void TestJsonReader::invalidJsonSaysWhatAndWhere()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, reason);
    QFETCH(qint64, offset);
    const JsonReading reading = readDocument(json);
    QCOMPARE(reading.outcome, JsonReading::Outcome::Invalid);
    QVERIFY2(reading.error.startsWith(reason), qPrintable(reading.error));
    QCOMPARE(reading.errorOffset, offset);
    QVERIFY(reading.tree.isEmpty());
    QVERIFY(reading.indented.isEmpty());
}

// What the parser had read when it failed is the body itself: it is not in the reason.
void TestJsonReader::aLongBodyStaysOutOfTheReason()
{
    const QByteArray unterminated = "[\"" + QByteArray(100'000, 'x');
    const JsonReading reading = readDocument(unterminated);
    QCOMPARE(reading.outcome, JsonReading::Outcome::Invalid);
    QVERIFY2(!reading.error.contains(u"xxxx"), qPrintable(reading.error.left(200)));
    QVERIFY2(reading.error.size() <= 121, qPrintable(reading.error.left(200)));
    QVERIFY(!reading.error.isEmpty());
}

void TestJsonReader::depthIsBounded()
{
    const auto nested = [](int depth) -> QByteArray {
        return QByteArray(depth, '[') + "1" + QByteArray(depth, ']');
    };
    QCOMPARE(readDocument(nested(depthLimit)).outcome, JsonReading::Outcome::Read);
    QCOMPARE(readDocument(nested(depthLimit + 1)).outcome, JsonReading::Outcome::TooDeep);
    // Far deeper, and cut: the limit answers before the end is seen, without recursion.
    QCOMPARE(readDocument(QByteArray(1'000'000, '[')).outcome, JsonReading::Outcome::TooDeep);
    QCOMPARE(readDocument(QByteArray(1'000'000, '{')).outcome, JsonReading::Outcome::Invalid);
    QByteArray objects;
    for (int i = 0; i < 2000; ++i)
        objects += "{\"k\":";
    QCOMPARE(readDocument(objects).outcome, JsonReading::Outcome::TooDeep);
}

void TestJsonReader::indentedTextStopsPastItsLimit()
{
    QByteArray json = "[";
    for (int i = 0; i < 1000; ++i)
        json += (i > 0 ? "," : "") + QByteArray::number(i);
    json += "]";
    const JsonReading reading = readJson(json, depthLimit, 100);
    QCOMPARE(reading.outcome, JsonReading::Outcome::Read);
    QCOMPARE(reading.indented.size(), 101); // one byte past: the view knows it was cut
    QVERIFY(reading.indented.startsWith("[\n    0,\n    1,\n"));
    QCOMPARE(reading.tree.node(0).childCount, 1000); // the tree is whole
}

QTEST_APPLESS_MAIN(TestJsonReader)
#include "tst_jsonreader.moc"
