#include <QTest>

#include "batch/RowAddress.h"

using namespace Qt::StringLiterals;
using salvo::ErrorKind;
using salvo::requestForRow;
using salvo::RequestSpec;

namespace {

// Starts with a capital letter and ends with a full stop: something to show a person.
bool isSentence(const QString &text)
{
    return text.size() > 1 && text.front().isUpper() && text.endsWith(u'.');
}

} // namespace

class TestRowAddress final : public QObject
{
    Q_OBJECT

private slots:
    void acceptsHttpAddresses_data();
    void acceptsHttpAddresses();
    void rejectsOtherText_data();
    void rejectsOtherText();
    void rejectedSchemeIsNamedInMessage_data();
    void rejectedSchemeIsNamedInMessage();
    void addressWithoutSchemeGetsHttps_data();
    void addressWithoutSchemeGetsHttps();
    void keepsLineNumber();
    void rowWithItsOwnMethodAndBody();
};

void TestRowAddress::acceptsHttpAddresses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("host"); // as it goes on the wire (IDN in ACE form)
    QTest::addColumn<int>("port");

    QTest::newRow("http") << u"http://example.com/"_s << u"http"_s << u"example.com"_s << -1;
    QTest::newRow("https with path, query and fragment")
            << u"https://example.com/a/b?c=1&d=2#top"_s << u"https"_s << u"example.com"_s << -1;
    QTest::newRow("http without path")
            << u"http://example.com"_s << u"http"_s << u"example.com"_s << -1;
    QTest::newRow("port") << u"http://example.com:8080/x"_s << u"http"_s << u"example.com"_s
                          << 8080;
    QTest::newRow("uppercase scheme")
            << u"HTTPS://EXAMPLE.COM/Path"_s << u"https"_s << u"example.com"_s << -1;
    QTest::newRow("mixed-case scheme")
            << u"Http://example.com/"_s << u"http"_s << u"example.com"_s << -1;
    QTest::newRow("surrounding whitespace")
            << u" \t https://example.com/ \t"_s << u"https"_s << u"example.com"_s << -1;
    QTest::newRow("user info") << u"https://user:pw@example.com/"_s << u"https"_s
                               << u"example.com"_s << -1;
    QTest::newRow("percent-encoded path")
            << u"https://example.com/a%20b%2Fc"_s << u"https"_s << u"example.com"_s << -1;
    QTest::newRow("IPv4") << u"http://127.0.0.1:3000/"_s << u"http"_s << u"127.0.0.1"_s << 3000;
    QTest::newRow("IPv6 literal") << u"http://[::1]:8080/"_s << u"http"_s << u"::1"_s << 8080;
    QTest::newRow("IPv6 literal, no port")
            << u"https://[2001:db8::1]/items"_s << u"https"_s << u"2001:db8::1"_s << -1;
    QTest::newRow("IDN host") << u"https://bücher.example/straße"_s << u"https"_s
                              << u"xn--bcher-kva.example"_s << -1;
    QTest::newRow("very long URL") << (u"https://example.com/"_s + QString(100'000, u'a') + u"?q="_s
                                       + QString(10'000, u'b'))
                                   << u"https"_s << u"example.com"_s << -1;
}

void TestRowAddress::acceptsHttpAddresses()
{
    QFETCH(QString, text);
    QFETCH(QString, scheme);
    QFETCH(QString, host);
    QFETCH(int, port);

    const salvo::RequestSpec row = salvo::requestForAddress(text, 7);

    QCOMPARE(salvo::errorKindName(row.inputError), QString());
    QVERIFY(row.isRunnable());
    QVERIFY(row.inputErrorMessage.isEmpty());
    QCOMPARE(row.text, text.trimmed());
    QVERIFY2(row.url.isValid(), qPrintable(row.url.errorString()));
    QCOMPARE(row.url.scheme(), scheme);
    QCOMPARE(row.url.host(QUrl::EncodeUnicode), host);
    QCOMPARE(row.url.port(), port);
}

void TestRowAddress::addressWithoutSchemeGetsHttps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("address");

    QTest::newRow("host and path") << u"example.com/health"_s << u"https://example.com/health"_s;
    QTest::newRow("www") << u" www.example.com "_s << u"https://www.example.com"_s;
    // Looks like scheme "example.com" followed by a path; it is a host and port.
    QTest::newRow("host and port")
            << u"example.com:8080/path"_s << u"https://example.com:8080/path"_s;
    QTest::newRow("localhost and port") << u"localhost:3000"_s << u"https://localhost:3000"_s;
    QTest::newRow("IPv4") << u"127.0.0.1/x?y=1"_s << u"https://127.0.0.1/x?y=1"_s;
}

void TestRowAddress::addressWithoutSchemeGetsHttps()
{
    QFETCH(QString, text);
    QFETCH(QString, address);

    const RequestSpec row = salvo::requestForAddress(text, 2);

    QVERIFY(row.isRunnable());
    QCOMPARE(row.text, address);
    QCOMPARE(row.url, QUrl(address));
    QVERIFY2(row.inputNote.contains(u"https://"), qPrintable(row.inputNote));
    QVERIFY(salvo::requestForAddress(address, 2).inputNote.isEmpty());
}

void TestRowAddress::rejectsOtherText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<ErrorKind>("kind");

    QTest::newRow("empty") << QString() << ErrorKind::InvalidUrl;
    QTest::newRow("only whitespace") << u"  \t "_s << ErrorKind::InvalidUrl;
    QTest::newRow("a name with no dot") << u"intranet/health"_s << ErrorKind::InvalidUrl;
    QTest::newRow("a curl command") << u"curl https://example.com/"_s << ErrorKind::InvalidUrl;
    QTest::newRow("empty label") << u"a..b/x"_s << ErrorKind::InvalidUrl;
    QTest::newRow("a number") << u"42"_s << ErrorKind::InvalidUrl;
    QTest::newRow("a decimal") << u"1.5"_s << ErrorKind::InvalidUrl;
    QTest::newRow("a file name") << u"report.pdf x"_s << ErrorKind::InvalidUrl;
    QTest::newRow("protocol-relative") << u"//example.com/x"_s << ErrorKind::InvalidUrl;
    QTest::newRow("absolute path") << u"/etc/passwd"_s << ErrorKind::InvalidUrl;
    QTest::newRow("relative path") << u"../secrets.txt"_s << ErrorKind::InvalidUrl;
    QTest::newRow("Windows path") << u"C:\\Windows\\win.ini"_s << ErrorKind::UnsupportedScheme;
    QTest::newRow("about") << u"about:blank"_s << ErrorKind::UnsupportedScheme;
    QTest::newRow("file") << u"file:///etc/passwd"_s << ErrorKind::UnsupportedScheme;
    QTest::newRow("FILE uppercase") << u"FILE:///etc/passwd"_s << ErrorKind::UnsupportedScheme;
    QTest::newRow("data") << u"data:text/plain,hello"_s << ErrorKind::UnsupportedScheme;
    QTest::newRow("qrc") << u"qrc:/index.html"_s << ErrorKind::UnsupportedScheme;
    QTest::newRow("ftp") << u"ftp://example.com/file.txt"_s << ErrorKind::UnsupportedScheme;
    QTest::newRow("mailto") << u"mailto:someone@example.com"_s << ErrorKind::UnsupportedScheme;
    QTest::newRow("javascript") << u"javascript:alert(1)"_s << ErrorKind::UnsupportedScheme;
    QTest::newRow("JavaScript, mixed case")
            << u"JaVaScRiPt:alert(1)"_s << ErrorKind::UnsupportedScheme;
    QTest::newRow("view-source") << u"view-source:http://example.com/"_s
                                 << ErrorKind::UnsupportedScheme;
    QTest::newRow("ws") << u"ws://example.com/socket"_s << ErrorKind::UnsupportedScheme;
    QTest::newRow("space inside host") << u"http://exa mple.com/"_s << ErrorKind::InvalidUrl;
    QTest::newRow("space inside path") << u"https://example.com/a b"_s << ErrorKind::InvalidUrl;
    QTest::newRow("space after scheme") << u"https:// example.com/"_s << ErrorKind::InvalidUrl;
    QTest::newRow("no host") << u"http://"_s << ErrorKind::InvalidUrl;
    QTest::newRow("no host, https") << u"https://"_s << ErrorKind::InvalidUrl;
    QTest::newRow("no host, only a path") << u"https:///path"_s << ErrorKind::InvalidUrl;
    QTest::newRow("no slashes") << u"https:example.com"_s << ErrorKind::InvalidUrl;
    QTest::newRow("port out of range") << u"http://example.com:99999/"_s << ErrorKind::InvalidUrl;
    QTest::newRow("unclosed IPv6 literal") << u"http://[::1/"_s << ErrorKind::InvalidUrl;
}

void TestRowAddress::rejectsOtherText()
{
    QFETCH(QString, text);
    QFETCH(ErrorKind, kind);

    const salvo::RequestSpec row = salvo::requestForAddress(text, 3);

    QCOMPARE(salvo::errorKindName(row.inputError), salvo::errorKindName(kind));
    QVERIFY(!row.isRunnable());
    QVERIFY(row.url.isEmpty());
    QCOMPARE(row.text, text.trimmed());
    QVERIFY2(isSentence(row.inputErrorMessage), qPrintable(row.inputErrorMessage));
}

void TestRowAddress::rejectedSchemeIsNamedInMessage_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("scheme");

    QTest::newRow("file") << u"file:///etc/passwd"_s << u"file"_s;
    QTest::newRow("FILE uppercase") << u"FILE:///etc/passwd"_s << u"file"_s;
    QTest::newRow("ftp") << u"ftp://example.com/"_s << u"ftp"_s;
    QTest::newRow("javascript") << u"javascript:alert(1)"_s << u"javascript"_s;
}

void TestRowAddress::rejectedSchemeIsNamedInMessage()
{
    QFETCH(QString, text);
    QFETCH(QString, scheme);

    const salvo::RequestSpec row = salvo::requestForAddress(text, 1);

    QVERIFY2(row.inputErrorMessage.contains(u'"' + scheme + u":\""_s),
             qPrintable(row.inputErrorMessage));
}

void TestRowAddress::keepsLineNumber()
{
    QCOMPARE(salvo::requestForAddress(u"https://example.com/"_s, 42).line, 42);
    QCOMPARE(salvo::requestForAddress(u"not an address"_s, 43).line, 43);
}

// A CSV row, or a row the history makes again for a resume.
void TestRowAddress::rowWithItsOwnMethodAndBody()
{
    const RequestSpec posted = requestForRow(u" https://a.example/x "_s, 4, "POST", "{}");
    QVERIFY(posted.isRunnable());
    QCOMPARE(posted.line, 4);
    QCOMPARE(posted.text, u"https://a.example/x");
    QCOMPARE(posted.method, QByteArray("POST"));
    QCOMPARE(posted.body, std::optional<QByteArray>("{}"));

    const RequestSpec plain = requestForRow(u"https://a.example/"_s, 1, {}, std::nullopt);
    QVERIFY(plain.isRunnable());
    QVERIFY(plain.method.isEmpty());
    QVERIFY(!plain.body);

    const RequestSpec badMethod = requestForRow(u"https://a.example/"_s, 2, "NOT A METHOD", {});
    QCOMPARE(badMethod.inputError, ErrorKind::Other);
    QVERIFY(badMethod.inputErrorMessage.contains(u"\"NOT A METHOD\" in the method column"));
    QVERIFY(badMethod.url.isEmpty());

    // The address's own error comes first.
    QCOMPARE(requestForRow(u"nowhere"_s, 3, "NOT A METHOD", {}).inputError, ErrorKind::InvalidUrl);
}

QTEST_GUILESS_MAIN(TestRowAddress)
#include "tst_rowaddress.moc"
