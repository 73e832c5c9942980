// RegexQuery over bodies: the first group (or the whole match), nothing found, bytes that are
// not UTF-8, a bad pattern refused with its position, and catastrophic backtracking stopped.

#include <QTest>

#include "inspect/RegexQuery.h"

using namespace salvo;

class TestRegexQuery final : public QObject
{
    Q_OBJECT

private slots:
    void firstGroupOrWholeMatch()
    {
        const QByteArray body = "<span id=\"price\">€ 12.50</span> order=A-17";
        QCOMPARE(RegexQuery::compile(QStringLiteral("€ ([0-9.]+)")).value().evaluate(body).value,
                 QStringLiteral("12.50"));
        QCOMPARE(RegexQuery::compile(QStringLiteral("A-\\d+")).value().evaluate(body).value,
                 QStringLiteral("A-17"));
        QVERIFY(RegexQuery::compile(QStringLiteral("sku=(\\w+)"))
                        .value()
                        .evaluate(body)
                        .value.isNull());
    }

    void bytesThatAreNotUtf8DoNotStopIt()
    {
        const QByteArray body = QByteArray("\xff\xfe garbage ") + "id=42";
        QCOMPARE(RegexQuery::compile(QStringLiteral("id=(\\d+)")).value().evaluate(body).value,
                 QStringLiteral("42"));
    }

    void aBadPatternIsRefusedWithItsPosition()
    {
        const Expected<RegexQuery> query = RegexQuery::compile(QStringLiteral("price: (\\d+"));
        QVERIFY(!query);
        QVERIFY2(query.error().message.contains(u"at character 12"),
                 qPrintable(query.error().message));
    }

    void catastrophicBacktrackingIsStopped()
    {
        const QByteArray body = QByteArray(40, 'a') + '!';
        const RegexQuery::Outcome outcome
                = RegexQuery::compile(QStringLiteral("^(a+)+$")).value().evaluate(body);
        QVERIFY(outcome.value.isNull());
        QVERIFY2(outcome.error.contains(u"was stopped"), qPrintable(outcome.error));
    }
};

QTEST_GUILESS_MAIN(TestRegexQuery)
#include "tst_regexquery.moc"
