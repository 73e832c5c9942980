// Expectation: what a person can write (and what is refused, in words), and the sentence an
// unmet expectation gives: what was expected and what came.

#include <QTest>

#include "inspect/Expectation.h"

using namespace salvo;
using Kind = Expectation::Kind;

namespace {

QString unmet(const Expectation &expectation, Answer answer)
{
    return unmetExpectation(expectation, answer);
}

} // namespace

class TestExpectation final : public QObject
{
    Q_OBJECT

private slots:
    void statusesAreCodesClassesAndLists()
    {
        const Expectation expectation
                = Expectation::status(QStringLiteral("200 | 3xx,404")).value();
        for (const int status : {200, 301, 399, 404})
            QVERIFY2(unmet(expectation, {.status = status}).isEmpty(),
                     qPrintable(QString::number(status)));
        for (const int status : {201, 400, 500, 0})
            QVERIFY(!unmet(expectation, {.status = status}).isEmpty());
        for (const char *bad : {"", "abc", "2xy", "700", "6xx", "20"})
            QVERIFY2(!Expectation::status(QString::fromUtf8(bad)), bad);
        QVERIFY(Expectation::status(QStringLiteral("abc")).error().message.contains(u"\"abc\""));
    }

    void aRedirectToTheLoginPageSaysWhere()
    {
        const Expectation expectation = Expectation::status(QStringLiteral("200")).value();
        const QString sentence
                = unmet(expectation, {.status = 302, .location = "https://shop.test/login"});
        QCOMPARE(sentence,
                 QStringLiteral("Expected status 200, got 302 to https://shop.test/login"));
    }

    void finalAddress()
    {
        const Answer answer{.status = 200,
                            .finalUrl = QStringLiteral("https://shop.test/login?next=/cart")};
        QVERIFY(!unmet(Expectation::textOf(Kind::FinalUrl,
                                           QStringLiteral("https://shop.test/cart")),
                       answer)
                         .isEmpty());
        QVERIFY(unmet(Expectation::textOf(Kind::FinalUrlPrefix,
                                          QStringLiteral("https://shop.test/login")),
                      answer)
                        .isEmpty());
        QCOMPARE(
                unmet(Expectation::textOf(Kind::FinalUrl, QStringLiteral("https://shop.test/cart")),
                      answer),
                QStringLiteral("Expected the final address https://shop.test/cart, got "
                               "https://shop.test/login?next=/cart"));
    }

    void bodyText()
    {
        const QByteArray body = "<h1>Something went wrong</h1>";
        const Answer answer{.status = 200, .body = &body};
        QVERIFY(!unmet(Expectation::textOf(Kind::BodyContains, QStringLiteral("In stock")), answer)
                         .isEmpty());
        QCOMPARE(unmet(Expectation::textOf(Kind::BodyLacks, QStringLiteral("went wrong")), answer),
                 QStringLiteral("Expected the body not to contain \"went wrong\", it does"));
        QVERIFY(unmet(Expectation::textOf(Kind::BodyContains, QStringLiteral("Something")), answer)
                        .isEmpty());
    }

    void headers()
    {
        const QList<std::pair<QByteArray, QByteArray>> headers{
                {"Cache-Control", "max-age=60, public"}};
        const Answer answer{.status = 200, .headers = &headers};
        QVERIFY(unmet(Expectation::header(QStringLiteral("cache-control")).value(), answer)
                        .isEmpty());
        QCOMPARE(unmet(Expectation::header(QStringLiteral("X-Frame-Options")).value(), answer),
                 QStringLiteral("Expected header X-Frame-Options, the answer has none"));
        QCOMPARE(unmet(Expectation::header(QStringLiteral("Cache-Control: no-store")).value(),
                       answer),
                 QStringLiteral("Expected header Cache-Control: no-store, got max-age=60, public"));
        QVERIFY(unmet(Expectation::header(QStringLiteral("Cache-Control: *PUBLIC*")).value(),
                      answer)
                        .isEmpty());
        QVERIFY(!Expectation::header(QStringLiteral("Bad Name: x")));
    }

    void contentType()
    {
        const Answer answer{.status = 200,
                            .contentType
                            = QStringLiteral("application/problem+json; charset=utf-8")};
        QVERIFY(unmet(Expectation::textOf(Kind::ContentType,
                                          QStringLiteral("application/problem+json")),
                      answer)
                        .isEmpty());
        QVERIFY(unmet(Expectation::textOf(Kind::ContentType, QStringLiteral("json")), answer)
                        .isEmpty());
        QVERIFY(!unmet(Expectation::textOf(Kind::ContentType, QStringLiteral("text/html")), answer)
                         .isEmpty());
        // Media types are compared in any case.
        const Answer shouted{.status = 200, .contentType = QStringLiteral(" Application/JSON ")};
        QVERIFY(unmet(Expectation::textOf(Kind::ContentType, QStringLiteral("application/json")),
                      shouted)
                        .isEmpty());
        QVERIFY(unmet(Expectation::textOf(Kind::ContentType, QStringLiteral("JSON")), answer)
                        .isEmpty());
        QVERIFY(!unmet(Expectation::textOf(Kind::ContentType, QStringLiteral("application/jso")),
                       shouted)
                         .isEmpty());
    }

    void timeAndSize()
    {
        const Answer answer{.status = 200, .elapsedMs = 812, .bytes = 512};
        QCOMPARE(
                unmet(Expectation::limitOf(Kind::MaxTimeMs, QStringLiteral("500")).value(), answer),
                QStringLiteral("Expected an answer in under 500 ms, it took 812 ms"));
        QVERIFY(unmet(Expectation::limitOf(Kind::MaxTimeMs, QStringLiteral("1000")).value(), answer)
                        .isEmpty());
        QVERIFY(!unmet(Expectation::limitOf(Kind::MinBytes, QStringLiteral("1000")).value(), answer)
                         .isEmpty());
        QVERIFY(unmet(Expectation::limitOf(Kind::MaxBytes, QStringLiteral("1000")).value(), answer)
                        .isEmpty());
        QVERIFY(!Expectation::limitOf(Kind::MaxTimeMs, QStringLiteral("-5")));
        QVERIFY(!Expectation::limitOf(Kind::MaxTimeMs, QStringLiteral("fast")));
    }
};

QTEST_GUILESS_MAIN(TestExpectation)
#include "tst_expectation.moc"
