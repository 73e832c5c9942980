// JsonPath: which expressions are plain paths (walked without jq), what they find, and how a
// value reads in a cell.

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "inspect/JsonPath.h"

using namespace salvo;

namespace {

const char *const document
        = "{\"data\": {\"price\": 12.5, \"tags\": [\"a\", \"b\"], "
          "\"odd key\": true, \"nothing\": null}, \"items\": [{\"sku\": \"X-1\"}]}";

QString cell(const QString &expression)
{
    const std::optional<JsonPath> path = JsonPath::parse(expression);
    if (!path)
        return QStringLiteral("<not a path>");
    const QJsonDocument parsed = QJsonDocument::fromJson(document);
    return jsonCellText(path->valueIn(QJsonValue(parsed.object())));
}

} // namespace

class TestJsonPath final : public QObject
{
    Q_OBJECT

private slots:
    void plainPathsFindTheirValue_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("cell");
        QTest::newRow("key") << ".data.price"
                             << "12.5";
        QTest::newRow("jsonpath spelling") << "$.data.price"
                                           << "12.5";
        QTest::newRow("index") << ".items[0].sku"
                               << "X-1";
        QTest::newRow("jsonpath index") << "$.items[0].sku"
                                        << "X-1";
        QTest::newRow("negative index") << ".data.tags[-1]"
                                        << "b";
        QTest::newRow("quoted key") << ".data.\"odd key\""
                                    << "true";
        QTest::newRow("bracket key") << ".data[\"odd key\"]"
                                     << "true";
        QTest::newRow("array as JSON") << ".data.tags"
                                       << "[\"a\",\"b\"]";
        QTest::newRow("whole") << "."
                               << QString::fromUtf8(QJsonDocument::fromJson(document).toJson(
                                          QJsonDocument::Compact));
        QTest::newRow("missing key") << ".data.none" << QString();
        QTest::newRow("null") << ".data.nothing" << QString();
        QTest::newRow("past the end") << ".items[5].sku" << QString();
        QTest::newRow("key of a number") << ".data.price.cents" << QString();
    }

    void plainPathsFindTheirValue()
    {
        QFETCH(QString, expression);
        QFETCH(QString, cell);
        QCOMPARE(::cell(expression), cell);
        QCOMPARE(::cell(expression).isNull(), cell.isNull());
    }

    void everythingElseIsJqs_data()
    {
        QTest::addColumn<QString>("expression");
        for (const char *expression :
             {".items[].sku", ".items | length", ".a == 1", "map(.x)", ".a.b?", "$..price", "",
              "data.price", ".a[0:2]", ".a.[0]", ".a[+1]", ".a[99999999999]"})
            QTest::newRow(expression) << QString::fromUtf8(expression);
    }

    void everythingElseIsJqs()
    {
        QFETCH(QString, expression);
        QVERIFY(!JsonPath::parse(expression));
    }

    void jsonPathBecomesJq()
    {
        QCOMPARE(JsonPath::toJq(QStringLiteral("$.items[*].sku")), QStringLiteral(".items[].sku"));
        QCOMPARE(JsonPath::toJq(QStringLiteral("$[0]")), QStringLiteral(".[0]"));
        QCOMPARE(JsonPath::toJq(QStringLiteral(".a | length")), QStringLiteral(".a | length"));
    }

    void numbersReadAsWritten()
    {
        QCOMPARE(jsonCellText(QJsonValue(3.0)), QStringLiteral("3"));
        QCOMPARE(jsonCellText(QJsonValue(0.1)), QStringLiteral("0.1"));
        QCOMPARE(jsonCellText(QJsonValue(1e21)), QStringLiteral("1e+21"));
        QCOMPARE(jsonCellText(QJsonValue(false)), QStringLiteral("false"));
    }
};

QTEST_GUILESS_MAIN(TestJsonPath)
#include "tst_jsonpath.moc"
