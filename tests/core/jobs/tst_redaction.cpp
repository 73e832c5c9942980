// Redaction: what an export leaves out of a result: secret response headers and secret query
// values in its address and redirects, and nothing else.

#include <QTest>

#include "jobs/Redaction.h"

using namespace Qt::StringLiterals;
using namespace salvo;

class TestRedaction final : public QObject
{
    Q_OBJECT

private slots:
    void secretNames_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<bool>("secret");
        QTest::newRow("Set-Cookie") << QByteArray("Set-Cookie") << true;
        QTest::newRow("Authorization") << QByteArray("authorization") << true;
        QTest::newRow("X-Api-Key") << QByteArray("X-Api-Key") << true;
        QTest::newRow("access_token") << QByteArray("access_token") << true;
        QTest::newRow("key") << QByteArray("key") << true;
        QTest::newRow("sig") << QByteArray("sig") << true;
        QTest::newRow("Content-Type") << QByteArray("Content-Type") << false;
        QTest::newRow("page") << QByteArray("page") << false;
        QTest::newRow("monkey (not a key)") << QByteArray("monkey") << false;
    }

    void secretNames()
    {
        QFETCH(QByteArray, name);
        QFETCH(bool, secret);
        QCOMPARE(isSecretName(name), secret);
    }

    void urls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("redacted");
        QTest::newRow("no query") << u"https://api.example/items/1"_s
                                  << u"https://api.example/items/1"_s;
        QTest::newRow("nothing secret") << u"https://api.example/items?page=2&q=a%20b"_s
                                        << u"https://api.example/items?page=2&q=a%20b"_s;
        QTest::newRow("a key among others")
                << u"https://api.example/items?page=2&api_key=s3cr3t&q=x"_s
                << u"https://api.example/items?page=2&api_key=REDACTED&q=x"_s;
        // Percent-encoding of an unreserved character is undone on the way.
        QTest::newRow("a token, encoded name") << u"https://api.example/?access%5Ftoken=abc"_s
                                               << u"https://api.example/?access_token=REDACTED"_s;
        QTest::newRow("an empty secret stays empty")
                << u"https://api.example/?token="_s << u"https://api.example/?token="_s;
        QTest::newRow("not an address") << u"not a url ?token=1"_s << u"not a url ?token=1"_s;
        // Addresses the engine sends although they are not strictly valid.
        QTest::newRow("a space in the path") << u"https://api.example/a b?api_key=s3cr3t"_s
                                             << u"https://api.example/a%20b?api_key=REDACTED"_s;
        QTest::newRow("braces") << u"https://api.example/{x}?token=s3cr3t"_s
                                << u"https://api.example/%7Bx%7D?token=REDACTED"_s;
        QTest::newRow("user and password")
                << u"https://me:pw@api.example/items"_s << u"https://REDACTED@api.example/items"_s;
    }

    void urls()
    {
        QFETCH(QString, url);
        QFETCH(QString, redacted);
        QCOMPARE(redactedUrl(url), redacted);
    }

    void requestBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("redacted");
        QTest::newRow("a form") << QByteArray("user=ann&password=hunter2&remember=1")
                                << QByteArray("application/x-www-form-urlencoded")
                                << QByteArray("user=ann&password=REDACTED&remember=1");
        QTest::newRow("JSON, nested")
                << QByteArray("{\"user\":\"ann\",\"config\":{\"client_secret\":\"s\"},"
                              "\"items\":[{\"token\":\"t\"}]}")
                << QByteArray("application/json")
                << QByteArray("{\"config\":{\"client_secret\":\"REDACTED\"},\"items\":[{"
                              "\"token\":\"REDACTED\"}],\"user\":\"ann\"}");
        QTest::newRow("JSON with nothing secret stays byte for byte")
                << QByteArray("{ \"b\": 1, \"a\": 2 }") << QByteArray("application/json")
                << QByteArray("{ \"b\": 1, \"a\": 2 }");
        QTest::newRow("plain text")
                << QByteArray("password=x") << QByteArray("text/plain") << QByteArray("password=x");
    }

    void requestBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, redacted);
        QCOMPARE(redactedRequestBody(body, contentType), redacted);
    }

    void results()
    {
        Result result;
        result.url = u"https://api.example/a?key=k1"_s;
        result.redirects = {u"https://api.example/b?sig=s1"_s, u"https://api.example/c"_s};
        result.headers = {{"Content-Type", "application/json"},
                          {"Set-Cookie", "session=abc"},
                          {"X-Auth-Token", "t"},
                          {"Location", "https://api.example/next?token=t2"}};
        result.body = "{\"token\":\"stays: the body is what was asked for\"}";
        const QByteArray body = result.body;
        redactSecrets(result);
        QCOMPARE(result.url, u"https://api.example/a?key=REDACTED"_s);
        QCOMPARE(
                result.redirects,
                (QStringList{u"https://api.example/b?sig=REDACTED"_s, u"https://api.example/c"_s}));
        QCOMPARE(result.headers,
                 (HeaderList{{"Content-Type", "application/json"},
                             {"Set-Cookie", "REDACTED"},
                             {"X-Auth-Token", "REDACTED"},
                             {"Location", "https://api.example/next?token=REDACTED"}}));
        QCOMPARE(result.body, body);
    }
};

QTEST_GUILESS_MAIN(TestRedaction)
#include "tst_redaction.moc"
