#include <QTest>

#include "batch/UrlTemplate.h"
#include "ExpectedTest.h"

using namespace Qt::StringLiterals;

class TestUrlTemplate final : public QObject
{
    Q_OBJECT

private slots:
    void fillsEveryPlaceholder_data();
    void fillsEveryPlaceholder();
    void fillsByName();
    void namesPlaceholdersInOrder();
    void acceptsPercentEncodedBraces();
    void rejectsBadTemplates_data();
    void rejectsBadTemplates();
    void expandsIdList();
    void encodedIdStaysInItsPathSegment_data();
    void encodedIdStaysInItsPathSegment();
    void idListKeepsBadRows();
};

void TestUrlTemplate::fillsEveryPlaceholder_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");

    const QString items = u"https://api.example/items/{id}"_s;
    QTest::newRow("plain id") << items << u"42"_s << u"https://api.example/items/42"_s;
    QTest::newRow("unreserved characters stay")
            << items << u"a-b_c.d~e"_s << u"https://api.example/items/a-b_c.d~e"_s;
    QTest::newRow("slash") << items << u"a/b"_s << u"https://api.example/items/a%2Fb"_s;
    QTest::newRow("space") << items << u"a b"_s << u"https://api.example/items/a%20b"_s;
    QTest::newRow("question mark") << items << u"a?b"_s << u"https://api.example/items/a%3Fb"_s;
    QTest::newRow("hash") << items << u"a#b"_s << u"https://api.example/items/a%23b"_s;
    QTest::newRow("percent") << items << u"100%"_s << u"https://api.example/items/100%25"_s;
    QTest::newRow("unicode") << items << u"café"_s << u"https://api.example/items/caf%C3%A9"_s;
    QTest::newRow("outside the BMP")
            << items << u"😀"_s << u"https://api.example/items/%F0%9F%98%80"_s;
    QTest::newRow("in the query") << u"https://api.example/search?q={q}"_s << u"a&b=c"_s
                                  << u"https://api.example/search?q=a%26b%3Dc"_s;
    QTest::newRow("reserved: slash and query as written")
            << u"https://api.example/{+path}"_s << u"a/b?c=1#d"_s
            << u"https://api.example/a/b?c=1#d"_s;
    QTest::newRow("reserved: unicode as written")
            << u"https://api.example/{+path}"_s << u"café"_s << u"https://api.example/café"_s;
    QTest::newRow("name in capitals") << u"https://api.example/items/{ID}"_s << u"a/b"_s
                                      << u"https://api.example/items/a%2Fb"_s;
    QTest::newRow("spaces inside the braces")
            << u"https://api.example/items/{ id }"_s << u"7"_s << u"https://api.example/items/7"_s;
    QTest::newRow("same value in every placeholder")
            << u"https://{id}.example/items/{id}?x={+id}"_s << u"a/b"_s
            << u"https://a%2Fb.example/items/a%2Fb?x=a/b"_s;
    QTest::newRow("placeholder only")
            << u"{+id}"_s << u"https://example.com/x"_s << u"https://example.com/x"_s;
}

void TestUrlTemplate::fillsEveryPlaceholder()
{
    QFETCH(QString, pattern);
    QFETCH(QString, value);
    QFETCH(QString, expected);

    const salvo::Expected<salvo::UrlTemplate> parsed = salvo::UrlTemplate::parse(pattern);

    QVERIFY_RESULT(parsed);
    QCOMPARE(parsed->fillAll(value), expected);
}

void TestUrlTemplate::fillsByName()
{
    const salvo::Expected<salvo::UrlTemplate> parsed
            = salvo::UrlTemplate::parse(u"https://api.example/{Shop}/{+path}/{id}?q={missing}"_s);
    QVERIFY(parsed.hasValue());

    const QHash<QString, QString> values{
            {u"shop"_s, u"my shop"_s}, {u"path"_s, u"a/b"_s}, {u"id"_s, u"c/d"_s}};
    QCOMPARE(parsed->fill(values), u"https://api.example/my%20shop/a/b/c%2Fd?q="_s);
}

void TestUrlTemplate::namesPlaceholdersInOrder()
{
    const salvo::Expected<salvo::UrlTemplate> parsed
            = salvo::UrlTemplate::parse(u"https://x.example/{B}/{a}/{+b}/{ c }"_s);
    QVERIFY(parsed.hasValue());

    QCOMPARE(parsed->placeholderNames(), (QStringList{u"b"_s, u"a"_s, u"c"_s}));
}

void TestUrlTemplate::acceptsPercentEncodedBraces()
{
    // What QUrl::toString() and a browser's address bar make of "{id}".
    const auto parsed
            = salvo::UrlTemplate::parse(u"https://api.example/items/%7Bid%7D?v=%7bv%7d"_s);
    QVERIFY(parsed.hasValue());
    QCOMPARE(parsed->placeholderNames(), (QStringList{u"id"_s, u"v"_s}));
    QCOMPARE(parsed->fill({{u"id"_s, u"7"_s}, {u"v"_s, u"2"_s}}),
             u"https://api.example/items/7?v=2"_s);
}

void TestUrlTemplate::rejectsBadTemplates_data()
{
    QTest::addColumn<QString>("pattern");

    QTest::newRow("empty") << QString();
    QTest::newRow("no placeholder") << u"https://api.example/items/"_s;
    QTest::newRow("unclosed brace") << u"https://api.example/items/{id"_s;
    QTest::newRow("second brace unclosed") << u"https://api.example/{shop}/{id"_s;
    QTest::newRow("empty braces") << u"https://api.example/items/{}"_s;
    QTest::newRow("reserved with no name") << u"https://api.example/items/{+}"_s;
    QTest::newRow("only a closing brace") << u"https://api.example/items/}"_s;
}

void TestUrlTemplate::rejectsBadTemplates()
{
    QFETCH(QString, pattern);

    const salvo::Expected<salvo::UrlTemplate> parsed = salvo::UrlTemplate::parse(pattern);
    QVERIFY(!parsed.hasValue());
    QVERIFY(!parsed.error().message.isEmpty());

    const salvo::Expected<QList<salvo::RequestSpec>> rows
            = salvo::expandIdList(pattern, "1\n2\n"_ba);
    QVERIFY(!rows.hasValue());
    QCOMPARE(rows.error().message, parsed.error().message);
}

void TestUrlTemplate::expandsIdList()
{
    const QByteArray ids
            = "\xEF\xBB\xBF"
              "1\r\n\r\n# skipped\r\n  a/b  \r\n\t\r\n  # also skipped\r\nc\xC3\xA9"_ba;

    const salvo::Expected<QList<salvo::RequestSpec>> rows
            = salvo::expandIdList(u"https://api.example/items/{id}"_s, ids);

    QVERIFY(rows.hasValue());
    QCOMPARE(rows.value().size(), 3);
    const salvo::RequestSpec &first = rows.value().at(0);
    const salvo::RequestSpec &second = rows.value().at(1);
    const salvo::RequestSpec &third = rows.value().at(2);
    QCOMPARE(first.line, 1);
    QCOMPARE(first.text, u"https://api.example/items/1"_s);
    QCOMPARE(second.line, 4);
    QCOMPARE(second.text, u"https://api.example/items/a%2Fb"_s);
    QCOMPARE(third.line, 7);
    QCOMPARE(third.text, u"https://api.example/items/c%C3%A9"_s);
    for (const salvo::RequestSpec &row : rows.value())
        QVERIFY2(row.isRunnable(), qPrintable(row.inputErrorMessage));
}

void TestUrlTemplate::encodedIdStaysInItsPathSegment_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("path"); // of the URL the request goes to, fully encoded

    QTest::newRow("slash") << u"a/b"_s << u"/items/a%2Fb/details"_s;
    QTest::newRow("dot segments") << u"../admin"_s << u"/items/..%2Fadmin/details"_s;
    QTest::newRow("question mark") << u"a?b"_s << u"/items/a%3Fb/details"_s;
    QTest::newRow("hash") << u"a#b"_s << u"/items/a%23b/details"_s;
    QTest::newRow("space") << u"a b"_s << u"/items/a%20b/details"_s;
    QTest::newRow("unicode") << u"é"_s << u"/items/%C3%A9/details"_s;
}

void TestUrlTemplate::encodedIdStaysInItsPathSegment()
{
    QFETCH(QString, id);
    QFETCH(QString, path);

    const salvo::Expected<QList<salvo::RequestSpec>> rows
            = salvo::expandIdList(u"https://api.example/items/{id}/details"_s, id.toUtf8());

    QVERIFY(rows.hasValue());
    QCOMPARE(rows.value().size(), 1);
    const salvo::RequestSpec &row = rows.value().first();
    QVERIFY2(row.isRunnable(), qPrintable(row.inputErrorMessage));
    QCOMPARE(row.url.path(QUrl::FullyEncoded), path);
    QVERIFY(!row.url.hasQuery());
    QVERIFY(!row.url.hasFragment());
}

void TestUrlTemplate::idListKeepsBadRows()
{
    const salvo::Expected<QList<salvo::RequestSpec>> rows = salvo::expandIdList(
            u"{+id}"_s, "https://a.example/\n\nnot-an-address\nftp://b.example/\n"_ba);

    QVERIFY(rows.hasValue());
    QCOMPARE(rows.value().size(), 3);
    QCOMPARE(rows.value().at(0).line, 1);
    QVERIFY(rows.value().at(0).isRunnable());
    QCOMPARE(rows.value().at(1).line, 3);
    QCOMPARE(rows.value().at(1).inputError, salvo::ErrorKind::InvalidUrl);
    QVERIFY(rows.value().at(1).url.isEmpty());
    QCOMPARE(rows.value().at(2).line, 4);
    QCOMPARE(rows.value().at(2).inputError, salvo::ErrorKind::UnsupportedScheme);
    QVERIFY(rows.value().at(2).url.isEmpty());
}

QTEST_GUILESS_MAIN(TestUrlTemplate)
#include "tst_urltemplate.moc"
