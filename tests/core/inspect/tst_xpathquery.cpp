// XPathQuery on answers as they come: forgiving HTML, XML, nothing found, a bad expression
// refused with its position, and a query that would take forever stopped.

#include <QTest>

#include "inspect/XPathQuery.h"

using namespace salvo;

namespace {

XPathQuery::Outcome evaluate(const QString &expression, const QByteArray &body,
                             const QString &type = QStringLiteral("text/html"))
{
    const MarkupDocument document(body, type);
    return XPathQuery::compile(expression).value().evaluate(document);
}

} // namespace

class TestXPathQuery final : public QObject
{
    Q_OBJECT

private slots:
    void readsHtmlAsBrowsersWriteIt()
    {
        // Unclosed tags, no html or body element, an entity: as real pages are.
        const QByteArray page = "<title> Blue Mug &amp; Saucer </title><div class=price>12,50 €"
                                "<p>In stock<p>Ships today<span data-sku=\"BM-1\"></span>";
        QCOMPARE(evaluate(QStringLiteral("//title"), page).value,
                 QStringLiteral("Blue Mug & Saucer"));
        QCOMPARE(evaluate(QStringLiteral("//div[@class='price']/text()"), page).value,
                 QStringLiteral("12,50 €"));
        QCOMPARE(evaluate(QStringLiteral("string(//span/@data-sku)"), page).value,
                 QStringLiteral("BM-1"));
        QCOMPARE(evaluate(QStringLiteral("count(//p)"), page).value, QStringLiteral("2"));
        QVERIFY(evaluate(QStringLiteral("//h1"), page).value.isNull());
    }

    void readsXml()
    {
        const QByteArray sitemap = "<?xml version=\"1.0\"?><urlset><url><loc>https://a.test/1</loc>"
                                   "</url></urlset>";
        QCOMPARE(
                evaluate(QStringLiteral("//loc"), sitemap, QStringLiteral("application/xml")).value,
                QStringLiteral("https://a.test/1"));
    }

    void notMarkupFindsNothing()
    {
        QVERIFY(evaluate(QStringLiteral("//title"), QByteArray()).value.isNull());
        QVERIFY(evaluate(QStringLiteral("//title"), QByteArray("{\"a\":1}")).value.isNull());
    }

    void aBadExpressionIsRefusedWithItsPosition()
    {
        const Expected<XPathQuery> query = XPathQuery::compile(QStringLiteral("//div[@class='x'"));
        QVERIFY(!query);
        QVERIFY2(query.error().message.contains(u"at character"),
                 qPrintable(query.error().message));
    }

    void aRunawayQueryIsStopped()
    {
        QByteArray page = "<html><body>";
        for (int i = 0; i < 20000; ++i)
            page += "<i>x</i>";
        const XPathQuery::Outcome outcome
                = evaluate(QStringLiteral("count(//i[count(//i) > count(//i[. = 'y'])])"), page);
        QVERIFY(outcome.value.isNull());
        QVERIFY2(outcome.error.contains(u"was stopped"), qPrintable(outcome.error));
    }
};

QTEST_GUILESS_MAIN(TestXPathQuery)
#include "tst_xpathquery.moc"
