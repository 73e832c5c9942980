#include <QJsonArray>
#include <QTest>

#include "ExpectedTest.h"
#include "inspect/InspectionPlan.h"

using namespace Qt::StringLiterals;
using namespace salvo;

class TestInspectionPlan final : public QObject
{
    Q_OBJECT

private slots:
    // Every kind keeps its name, and each expectation the text it was written as: what a
    // saved batch and the history read back into the same plan.
    void roundTripsEveryKind_data()
    {
        QTest::addColumn<QString>("kindName");
        QTest::addColumn<QString>("written");
        QTest::newRow("status") << u"status"_s << u"301|302"_s;
        QTest::newRow("url") << u"url"_s << u"https://a.example/done"_s;
        QTest::newRow("url_prefix") << u"url_prefix"_s << u"https://a.example/"_s;
        QTest::newRow("text") << u"text"_s << u"In stock"_s;
        QTest::newRow("no_text") << u"no_text"_s << u"Sign in"_s;
        QTest::newRow("json") << u"json"_s << u".items | length > 0"_s;
        QTest::newRow("header equals") << u"header"_s << u"Cache-Control: no-store"_s;
        QTest::newRow("header contains") << u"header"_s << u"Server: *nginx*"_s;
        QTest::newRow("header exists") << u"header"_s << u"ETag"_s;
        QTest::newRow("content_type") << u"content_type"_s << u"json"_s;
        QTest::newRow("max_time") << u"max_time"_s << u"500"_s;
        QTest::newRow("size_above") << u"size_above"_s << u"100"_s;
        QTest::newRow("size_below") << u"size_below"_s << u"1000000"_s;
    }
    void roundTripsEveryKind()
    {
        QFETCH(QString, kindName);
        QFETCH(QString, written);
        const std::optional<Expectation::Kind> kind = expectationKindFromName(kindName);
        QVERIFY(kind);
        QCOMPARE(expectationKindName(*kind), kindName);
        InspectionPlan plan;
        plan.expectations.append(Expectation::parse(*kind, written).value());
        plan.extractors.append(Extractor::parse(u"title=xpath://h1"_s).value());
        const QJsonObject json = inspectionToJson(plan);
        QCOMPARE(json[u"expect"_s][0][u"kind"_s].toString(), kindName);
        QCOMPARE(json[u"expect"_s][0][u"value"_s].toString(), written);
        QCOMPARE(json[u"extract"_s][0][u"expression"_s].toString(), u"xpath://h1"_s);
        const Expected<InspectionPlan> back = inspectionFromJson(json);
        QVERIFY_RESULT(back);
        QCOMPARE(back->expectations.size(), 1);
        const Expectation &expectation = back->expectations.first();
        QCOMPARE(expectation.kind, *kind);
        QCOMPARE(expectation.describe(), plan.expectations.first().describe());
        QCOMPARE(expectation.statuses, plan.expectations.first().statuses);
        QCOMPARE(expectation.headerName, plan.expectations.first().headerName);
        QCOMPARE(expectation.limit, plan.expectations.first().limit);
        QCOMPARE(back->extractors.first().name, u"title"_s);
        QCOMPARE(back->extractors.first().kind, Extractor::Kind::XPath);
    }

    // A file edited by hand, or written by a later Salvo, says which entry it cannot read.
    void refusesWhatItCannotRead_data()
    {
        QTest::addColumn<QJsonObject>("json");
        QTest::addColumn<QString>("mentioned");
        const auto expect = [](const QString &kind, const QString &value) {
            return QJsonObject{
                    {u"expect"_s, QJsonArray{QJsonObject{{u"kind"_s, kind}, {u"value"_s, value}}}}};
        };
        QTest::newRow("unknown kind") << expect(u"colour"_s, u"red"_s) << u"colour"_s;
        QTest::newRow("bad status") << expect(u"status"_s, u"2x"_s) << u"Expectation 1"_s;
        QTest::newRow("negative time") << expect(u"max_time"_s, u"-5"_s) << u"Expectation 1"_s;
        QTest::newRow("column without a name")
                << QJsonObject{{u"extract"_s, QJsonArray{QJsonObject{{u"expression"_s, u".a"_s}}}}}
                << u"Column 1"_s;
    }
    void refusesWhatItCannotRead()
    {
        QFETCH(QJsonObject, json);
        QFETCH(QString, mentioned);
        const Expected<InspectionPlan> read = inspectionFromJson(json);
        QVERIFY(!read);
        QVERIFY2(read.error().message.contains(mentioned), qPrintable(read.error().message));
    }

    void emptyIsEmpty()
    {
        const Expected<InspectionPlan> read = inspectionFromJson({});
        QVERIFY_RESULT(read);
        QVERIFY(read->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestInspectionPlan)
#include "tst_inspectionplan.moc"
