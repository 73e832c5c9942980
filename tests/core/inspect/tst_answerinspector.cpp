// AnswerInspector in real runs against loopback answers: JSON (plain paths and jq), HTML
// (XPath, regular expressions), a redirect to a login page, a 200 error page, a body that is
// not JSON, 1 MiB bodies, headers, times and sizes; and what a run without a plan looks like.

#include <QTest>
#include <QUrlQuery>

#include "RunRecorder.h"
#include "TestServer.h"
#include "inspect/Expectation.h"
#include "inspect/Extractor.h"

using namespace salvo;
using Kind = Expectation::Kind;

namespace {

RunOptions quickOptions()
{
    RunOptions options;
    options.deadline = std::chrono::seconds(20);
    options.inactivity = std::chrono::seconds(20);
    return options;
}

Extractor column(const QString &text)
{
    return Extractor::parse(text).value();
}

QString say(const QString &type, const QString &text, const QString &header = {})
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("type"), type);
    query.addQueryItem(QStringLiteral("text"), text);
    if (!header.isEmpty())
        query.addQueryItem(QStringLiteral("header"), header);
    return QStringLiteral("/say?") + query.toString(QUrl::FullyEncoded);
}

} // namespace

class TestAnswerInspector final : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;

    QString at(const QString &path) const
    {
        return m_server.url(path).toString(QUrl::FullyEncoded);
    }

    QList<Result> run(const QStringList &paths, InspectionPlan plan,
                      RunOptions options = quickOptions())
    {
        QStringList addresses;
        for (const QString &path : paths)
            addresses.append(at(path));
        BatchSpec spec = batchOf(addresses);
        spec.inspection = std::make_shared<const InspectionPlan>(std::move(plan));
        RunRecorder recorder(spec, options);
        if (!recorder.runToEnd(60000) || recorder.results.size() != paths.size())
            return {};
        QList<Result> results(paths.size());
        for (const Result &result : std::as_const(recorder.results))
            results[result.index] = result;
        return results;
    }

private slots:
    void initTestCase() { QVERIFY(m_server.start()); }

    void jsonAnswers()
    {
        const QList<Result> results
                = run({QStringLiteral("/json/7"), QStringLiteral("/big-json/1048576"),
                       say(QStringLiteral("text/plain"), QStringLiteral("not json at all"))},
                      {.expectations = {Expectation::textOf(Kind::Json, QStringLiteral("$.id")),
                                        Expectation::textOf(Kind::Json, QStringLiteral(".id > 5"))},
                       .extractors = {column(QStringLiteral("id=.id")),
                                      column(QStringLiteral("count=jq:.items | length")),
                                      column(QStringLiteral("last=$.last"))}});
        QCOMPARE(results.size(), 3);
        QCOMPARE(results[0].verdict, Verdict::Passed);
        QCOMPARE(results[0].extracted,
                 (QStringList{QStringLiteral("7"), QStringLiteral("0"), QString()}));

        // 1 MiB of JSON: read whole, by the native path and by jq alike.
        QVERIFY(results[1].bytes > 1'000'000);
        const int last = results[1].extracted.at(2).toInt();
        QVERIFY2(last > 10'000, qPrintable(results[1].extracted.join(u',')));
        QCOMPARE(results[1].extracted.at(1), QString::number(last + 1));
        QCOMPARE(results[1].verdict, Verdict::Failed);
        QCOMPARE(results[1].failedExpectations,
                 (QStringList{QStringLiteral("Expected $.id to be true, got null"),
                              QStringLiteral("Expected .id > 5 to hold, it gave false")}));

        QCOMPARE(results[2].verdict, Verdict::Failed);
        QCOMPARE(results[2].failedExpectations,
                 (QStringList{QStringLiteral("Expected $.id, but the answer is not JSON"),
                              QStringLiteral("Expected .id > 5, but the answer is not JSON")}));
        QCOMPARE(results[2].extracted, QStringList(3, QString()));
    }

    void nativeAndJqExpressionsInOneAnswer()
    {
        const QList<Result> results
                = run({QStringLiteral("/json/7"), QStringLiteral("/big-json/4096"),
                       say(QStringLiteral("text/plain"), QStringLiteral("not json at all"))},
                      {.expectations
                       = {Expectation::textOf(Kind::Json, QStringLiteral(".id > 5")),
                          Expectation::textOf(Kind::Json, QStringLiteral("[.id] | add > 5")),
                          Expectation::textOf(Kind::Json,
                                              QStringLiteral(".id | tostring | length == 1"))},
                       .extractors = {column(QStringLiteral("n=jq:[.items[]?.n] | length")),
                                      column(QStringLiteral("id=.id")),
                                      column(QStringLiteral("kind=.id | type"))}});
        QCOMPARE(results.size(), 3);
        QVERIFY2(results[0].verdict == Verdict::Passed,
                 qPrintable(results[0].failedExpectations.join(u'|')));
        QCOMPARE(results[0].extracted,
                 (QStringList{QStringLiteral("0"), QStringLiteral("7"), QStringLiteral("number")}));

        QCOMPARE(results[1].failedExpectations,
                 (QStringList{QStringLiteral("Expected .id > 5 to hold, it gave false"),
                              QStringLiteral("Expected [.id] | add > 5 to hold, it gave false"),
                              QStringLiteral("Expected .id | tostring | length == 1 to hold, it "
                                             "gave false")}));
        QVERIFY(results[1].extracted.at(0).toInt() > 10);
        QVERIFY(results[1].extracted.at(1).isNull());
        QCOMPARE(results[1].extracted.at(2), QStringLiteral("null"));

        QCOMPARE(results[2].failedExpectations.size(), 3);
        for (const QString &sentence : std::as_const(results[2].failedExpectations))
            QVERIFY2(sentence.endsWith(u"but the answer is not JSON"), qPrintable(sentence));
        QCOMPARE(results[2].extracted, QStringList(3, QString()));
    }

    void aBodyOnlyJqReadsGivesTheSameSentences()
    {
        // `01` is not strict JSON: jq reads this body, not Salvo, and the sentences are alike.
        const QList<Result> results
                = run({say(QStringLiteral("application/json"), QStringLiteral("{\"x\":01}"))},
                      {.expectations = {Expectation::textOf(Kind::Json, QStringLiteral("$.id")),
                                        Expectation::textOf(Kind::Json, QStringLiteral(".x > 5"))},
                       .extractors = {column(QStringLiteral("x=.x"))}});
        QCOMPARE(results.size(), 1);
        QCOMPARE(results[0].failedExpectations,
                 (QStringList{QStringLiteral("Expected $.id to be true, got null"),
                              QStringLiteral("Expected .x > 5 to hold, it gave false")}));
        QCOMPARE(results[0].extracted, QStringList{QStringLiteral("1")});
    }

    void aRunawayExpressionStopsOnlyItsAnswer()
    {
        const QString runaway = QStringLiteral("if .id == 1 then last(range(1e15)) else true end");
        const QList<Result> results
                = run({QStringLiteral("/json/1"), QStringLiteral("/json/2")},
                      {.expectations = {Expectation::textOf(Kind::Json, runaway)},
                       .extractors = {column(QStringLiteral("id=jq:.id + 0"))}});
        QCOMPARE(results.size(), 2);
        QCOMPARE(results[0].verdict, Verdict::Failed);
        QVERIFY2(results[0].failedExpectations.value(0).contains(u"was stopped"),
                 qPrintable(results[0].failedExpectations.join(u'|')));
        QVERIFY(results[0].extracted.at(0).isNull()); // asked in the same request as the loop
        QCOMPARE(results[0].extractionProblems.size(), 1);
        QCOMPARE(results[1].verdict, Verdict::Passed);
        QCOMPARE(results[1].extracted, QStringList{QStringLiteral("2")});
    }

    void htmlAnswersAndAnErrorPage()
    {
        const QString page = QStringLiteral(
                "<html><title>Blue Mug</title><div class=price>12.50</div><p>In stock</html>");
        const QString errorPage = QStringLiteral("<h1>Something went wrong</h1>");
        const QList<Result> results
                = run({say(QStringLiteral("text/html; charset=utf-8"), page),
                       say(QStringLiteral("text/html"), errorPage)},
                      {.expectations
                       = {Expectation::textOf(Kind::BodyLacks, QStringLiteral("went wrong")),
                          Expectation::textOf(Kind::BodyContains, QStringLiteral("In stock")),
                          Expectation::textOf(Kind::ContentType, QStringLiteral("text/html"))},
                       .extractors = {column(QStringLiteral("title=xpath://title")),
                                      column(QStringLiteral("price=re:class=price>([0-9.]+)"))}});
        QCOMPARE(results.size(), 2);
        QVERIFY2(results[0].verdict == Verdict::Passed,
                 qPrintable(results[0].failedExpectations.join(u'|') + results[0].message));
        QCOMPARE(results[0].extracted,
                 (QStringList{QStringLiteral("Blue Mug"), QStringLiteral("12.50")}));
        QCOMPARE(results[1].status, 200);
        QCOMPARE(results[1].verdict, Verdict::Failed);
        QCOMPARE(
                results[1].failedExpectations,
                (QStringList{
                        QStringLiteral("Expected the body not to contain \"went wrong\", it does"),
                        QStringLiteral("Expected the body to contain \"In stock\", it does not")}));
        QVERIFY(results[1].extracted.at(0).isNull());
    }

    void aRedirectToTheLoginPage()
    {
        const QString login = at(say(QStringLiteral("text/html"), QStringLiteral("Sign in")));
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("to"), login);
        const QString path = QStringLiteral("/goto?") + query.toString(QUrl::FullyEncoded);
        const InspectionPlan plan{
                .expectations
                = {Expectation::status(QStringLiteral("200")).value(),
                   Expectation::textOf(Kind::FinalUrlPrefix, at(QStringLiteral("/cart")))}};

        const QList<Result> followed = run({path}, plan);
        QCOMPARE(followed.size(), 1);
        QVERIFY2(followed[0].error == ErrorKind::None,
                 qPrintable(followed[0].message + followed[0].detail));
        QCOMPARE(followed[0].failedExpectations,
                 (QStringList{QStringLiteral("Expected the final address to start with %1, got %2")
                                      .arg(at(QStringLiteral("/cart")), QUrl(login).toString())}));

        RunOptions notFollowing = quickOptions();
        notFollowing.followRedirects = false;
        notFollowing.keepHeaders = false; // the sentence still names where it went
        const QList<Result> stopped = run({path}, plan, notFollowing);
        QCOMPARE(stopped.size(), 1);
        QCOMPARE(stopped[0].failedExpectations.value(0),
                 QStringLiteral("Expected status 200, got 302 to %1").arg(QUrl(login).toString()));
        QCOMPARE(stopped[0].status, 302);
        QVERIFY(stopped[0].headers.isEmpty());
    }

    void headersTimesAndSizes()
    {
        const QList<Result> results
                = run({say(QStringLiteral("text/plain"), QStringLiteral("ok"),
                           QStringLiteral("X-Stock: 3"))},
                      {.expectations
                       = {Expectation::header(QStringLiteral("X-Stock: 3")).value(),
                          Expectation::header(QStringLiteral("X-Missing")).value(),
                          Expectation::limitOf(Kind::MaxTimeMs, QStringLiteral("60000")).value(),
                          Expectation::limitOf(Kind::MinBytes, QStringLiteral("1000")).value()},
                       .extractors = {column(QStringLiteral("stock=header:x-stock"))}});
        QCOMPARE(results.size(), 1);
        QVERIFY2(results[0].error == ErrorKind::None,
                 qPrintable(results[0].message + results[0].detail));
        QCOMPARE(results[0].extracted, QStringList{QStringLiteral("3")});
        QCOMPARE(results[0].failedExpectations,
                 (QStringList{QStringLiteral("Expected header X-Missing, the answer has none"),
                              QStringLiteral("Expected more than 1000 bytes, got 2")}));
    }

    void bodiesAndHeadersNotKeptAreStillRead()
    {
        RunOptions options = quickOptions();
        options.keepBodies = false;
        options.keepHeaders = false;
        const QList<Result> results = run(
                {QStringLiteral("/bytes/1048576")},
                {.expectations = {Expectation::textOf(Kind::BodyContains, QStringLiteral("xxxx"))},
                 .extractors = {column(QStringLiteral("run=re:(x{5})")),
                                column(QStringLiteral("type=header:Content-Type"))}},
                options);
        QCOMPARE(results.size(), 1);
        QCOMPARE(results[0].verdict, Verdict::Passed);
        QCOMPARE(
                results[0].extracted,
                (QStringList{QStringLiteral("xxxxx"), QStringLiteral("application/octet-stream")}));
        QVERIFY(results[0].body.isEmpty());
        QVERIFY(results[0].headers.isEmpty());
        QVERIFY(!results[0].truncated);
    }

    void noAnswerFailsTheExpectations()
    {
        const QList<Result> results
                = run({QStringLiteral("/status/200")},
                      {.expectations = {Expectation::status(QStringLiteral("2xx")).value()}});
        QCOMPARE(results[0].verdict, Verdict::Passed);
        BatchSpec spec = batchOf({QStringLiteral("not a url")});
        spec.inspection = std::make_shared<const InspectionPlan>(
                InspectionPlan{.expectations = {Expectation::status(QStringLiteral("2xx")).value()},
                               .extractors = {column(QStringLiteral("a=.a"))}});
        RunRecorder recorder(spec, quickOptions());
        QVERIFY(recorder.runToEnd());
        QCOMPARE(recorder.results.size(), 1);
        QCOMPARE(recorder.results[0].verdict, Verdict::Failed);
        QCOMPARE(recorder.results[0].extracted, QStringList{QString()});
    }

    void withoutAPlanNothingIsAdded()
    {
        const QList<Result> results = run({QStringLiteral("/json/1")}, {});
        QCOMPARE(results.size(), 1);
        QCOMPARE(results[0].verdict, Verdict::NotChecked);
        QVERIFY(results[0].extracted.isEmpty());
        QVERIFY(results[0].failedExpectations.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAnswerInspector)
#include "tst_answerinspector.moc"
