// Extractor: NAME=EXPR with its kind's prefix (jq by default), and mistakes refused in words.

#include <QTest>

#include "inspect/Extractor.h"

using namespace salvo;

class TestExtractor final : public QObject
{
    Q_OBJECT

private slots:
    void kindsByPrefix_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expression");
        QTest::newRow("jq by default") << "price=.data.price"
                                       << "price" << int(Extractor::Kind::Jq) << ".data.price";
        QTest::newRow("jq") << "n=jq:.items | length"
                            << "n" << int(Extractor::Kind::Jq) << ".items | length";
        QTest::newRow("xpath") << "title=xpath://title"
                               << "title" << int(Extractor::Kind::XPath) << "//title";
        QTest::newRow("re, = inside") << "id=re:id=(\\d+)"
                                      << "id" << int(Extractor::Kind::Regex) << "id=(\\d+)";
        QTest::newRow("header") << "server=header: Server "
                                << "server" << int(Extractor::Kind::Header) << "Server";
        QTest::newRow("name trimmed") << " sku =.sku"
                                      << "sku" << int(Extractor::Kind::Jq) << ".sku";
    }

    void kindsByPrefix()
    {
        QFETCH(QString, text);
        QFETCH(QString, name);
        QFETCH(int, kind);
        QFETCH(QString, expression);
        const Expected<Extractor> parsed = Extractor::parse(text);
        QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().message));
        QCOMPARE(parsed.value().name, name);
        QCOMPARE(int(parsed.value().kind), kind);
        QCOMPARE(parsed.value().expression, expression);
    }

    void mistakesAreRefused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("saying");
        QTest::newRow("no =") << ".price"
                              << "NAME=EXPRESSION";
        QTest::newRow("no name") << "=.price"
                                 << "no column name";
        QTest::newRow("no expression") << "price="
                                       << "no expression";
        QTest::newRow("bad header name") << "h=header:Bad Name"
                                         << "not a header name";
    }

    void mistakesAreRefused()
    {
        QFETCH(QString, text);
        QFETCH(QString, saying);
        const Expected<Extractor> parsed = Extractor::parse(text);
        QVERIFY(!parsed);
        QVERIFY2(parsed.error().message.contains(saying), qPrintable(parsed.error().message));
    }
};

QTEST_GUILESS_MAIN(TestExtractor)
#include "tst_extractor.moc"
