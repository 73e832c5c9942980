// Fetcher against a real loopback server: one row's request from start to Result, and when
// libcurl sends a request once more (a resend) after its connection closed before any answer.
// Each row runs in an event loop with a watchdog, and with the engine's sweep for expired
// timers.

#include <QEventLoop>
#include <QTest>
#include <QTimer>

#include <qcoro/qcorotask.h>

#include <optional>

#include "FaultServer.h"
#include "TestServer.h"
#include "engine/Fetcher.h"

using namespace Qt::StringLiterals;
using namespace salvo;
using namespace std::chrono_literals;

namespace {

struct Row
{
    QUrl url;
    QByteArray method = QByteArrayLiteral("GET");
    QByteArray body;
};

std::shared_ptr<const BatchSpec> specOf(const QList<Row> &rows)
{
    QList<RequestSpec> requests;
    for (const Row &row : rows) {
        RequestSpec request;
        request.line = int(requests.size()) + 1;
        request.text = row.url.toString();
        request.url = row.url;
        request.method = row.method;
        request.body = row.body;
        requests.append(request);
    }
    auto spec = std::make_shared<BatchSpec>();
    spec->rows = std::move(requests);
    return spec;
}

RunOptions fastOptions()
{
    RunOptions options;
    options.deadline = 5s;
    options.inactivity = 3s;
    options.retryBaseDelay = 10ms;
    return options;
}

// A Fetcher of its own for each test: its connections start empty.
class FetcherRun
{
public:
    FetcherRun(const QList<Row> &rows, const RunOptions &options = fastOptions())
        : m_spec(specOf(rows))
        , m_fetcher(&m_context, m_spec, options)
    { }

    Fetcher &fetcher() { return m_fetcher; }

    // Row `index` to its Result, or nothing when it has not ended within timeoutMs (then the
    // row is cancelled, so no coroutine outlives the test).
    std::optional<Result> fetch(int index, int timeoutMs = 15000)
    {
        std::optional<Result> result;
        QEventLoop loop;
        QTimer sweep;
        QObject::connect(&sweep, &QTimer::timeout, &loop, [this] { m_fetcher.abortExpired(); });
        sweep.start(20);
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        QCoro::connect(m_fetcher.fetch(index, m_spec->rows.at(index)), &loop, [&](Result value) {
            result = std::move(value);
            loop.quit();
        });
        if (!result)
            loop.exec();
        if (!result) {
            m_fetcher.cancelAll();
            QCoreApplication::processEvents();
        }
        return result;
    }

private:
    QObject m_context;
    std::shared_ptr<const BatchSpec> m_spec;
    Fetcher m_fetcher;
};

} // namespace

class TestFetcher final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void resendsAGetWhoseReusedConnectionClosed();
    void neverResendsAPostOrPatch_data();
    void neverResendsAPostOrPatch();
    void aPostWithoutABodyGoesAlone();
    void noResendWhenTheConnectionWasNew();
    void noResendOnceTheAnswerBegan();
    void resendIsNotARetry();
    void deadlineCoversTheResend();
    void cancelStopsTheResend();
    void postFollowsA307WithItsBody();

private:
    QUrl url(const QString &path) const { return m_server->url(path); }
    QList<int> arrivals(const QString &path) const { return m_server->arrivals(path.toUtf8()); }

    std::unique_ptr<FaultServer> m_server;
};

void TestFetcher::init()
{
    m_server = std::make_unique<FaultServer>();
    QVERIFY(m_server->start());
}

void TestFetcher::cleanup()
{
    m_server.reset();
}

// The first row leaves a kept-alive connection; the second goes on it and the server closes
// it without a word. libcurl sends it once more on a new connection, as curl does, and the
// answer comes: one attempt, one resend.
void TestFetcher::resendsAGetWhoseReusedConnectionClosed()
{
    const QString path = u"/close-first/1/get"_s;
    FetcherRun run({{url(u"/ok"_s)}, {url(path)}});
    QCOMPARE(run.fetch(0).value().status, 200);

    const std::optional<Result> result = run.fetch(1);
    QVERIFY(result);
    QCOMPARE(result->status, 200);
    QVERIFY(result->ok());
    QCOMPARE(result->body, QByteArray("ok"));
    QCOMPARE(result->resends, 1);
    QCOMPARE(result->attempts, 1);
    // The second request on the kept-alive connection, then the first on a new one.
    QCOMPARE(arrivals(path), (QList<int>{2, 1}));
}

void TestFetcher::neverResendsAPostOrPatch_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("POST") << QByteArray("POST") << QByteArray("order=1");
    QTest::newRow("PATCH") << QByteArray("PATCH") << QByteArray("{\"n\":1}");
    QTest::newRow("DELETE, idempotent, is sent again") << QByteArray("DELETE") << QByteArray();
}

// libcurl would send the request again by itself, rewinding its body; Salvo's body refuses
// to rewind, so the server sees a POST or PATCH once. (The DELETE row shows the same server
// path does get a resend where the method allows it.)
void TestFetcher::neverResendsAPostOrPatch()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    const QString path = u"/close-first/1/"_s + QString::fromLatin1(method);
    FetcherRun run({{url(u"/ok"_s)}, {url(path), method, body}});
    QCOMPARE(run.fetch(0).value().status, 200);

    const std::optional<Result> result = run.fetch(1);
    QVERIFY(result);
    QCOMPARE(result->attempts, 1);
    if (method == "DELETE") {
        QCOMPARE(result->status, 200);
        QCOMPARE(result->resends, 1);
        QCOMPARE(arrivals(path), (QList<int>{2, 1}));
        return;
    }
    QCOMPARE(errorKindName(result->error), u"connection_reset"_s);
    QCOMPARE(result->status, 0);
    QCOMPARE(result->resends, 0);
    QCOMPARE(arrivals(path), QList<int>{2});
    QVERIFY2(result->message.contains(u"closed the connection before answering"),
             qPrintable(result->message));
    QVERIFY2(result->message.contains(u"did not send this " + QString::fromLatin1(method)
                                      + u" again"),
             qPrintable(result->message));
    QVERIFY2(result->message.contains(u"twice"), qPrintable(result->message));
}

// A POST without a body has nothing that could refuse to rewind: it goes on a connection of
// its own, which libcurl never sends again on. The server sees it once, first on its
// connection.
void TestFetcher::aPostWithoutABodyGoesAlone()
{
    const QString path = u"/close-first/1/empty-post"_s;
    FetcherRun run({{url(u"/ok"_s)}, {url(path), "POST", {}}});
    QCOMPARE(run.fetch(0).value().status, 200);

    const std::optional<Result> result = run.fetch(1);
    QVERIFY(result);
    QCOMPARE(errorKindName(result->error), u"connection_reset"_s);
    QCOMPARE(result->resends, 0);
    QCOMPARE(arrivals(path), QList<int>{1});
}

// A new connection that the server closes before answering was closed on purpose: nothing is
// sent again.
void TestFetcher::noResendWhenTheConnectionWasNew()
{
    const QString path = u"/close-first/1/new"_s;
    FetcherRun run({{url(path)}});
    const std::optional<Result> result = run.fetch(0);
    QVERIFY(result);
    QCOMPARE(errorKindName(result->error), u"connection_reset"_s);
    QCOMPARE(result->resends, 0);
    QCOMPARE(arrivals(path), QList<int>{1});
    QVERIFY2(result->message.contains(u"without sending a complete HTTP answer"),
             qPrintable(result->message));
}

// Headers and part of the body came before the reset: the server had begun to answer, so the
// request is not sent again.
void TestFetcher::noResendOnceTheAnswerBegan()
{
    const QString path = u"/reset-mid-body"_s;
    FetcherRun run({{url(u"/ok"_s)}, {url(path)}});
    QCOMPARE(run.fetch(0).value().status, 200);

    const std::optional<Result> result = run.fetch(1);
    QVERIFY(result);
    QCOMPARE(errorKindName(result->error), u"connection_reset"_s);
    QVERIFY(result->bytes > 0);
    QCOMPARE(result->resends, 0);
    QCOMPARE(arrivals(path), QList<int>{2});
}

// With one retry allowed: a row its resend saved has used no retry (attempts 1); a row whose
// resend failed too still gets its retry (attempts 2).
void TestFetcher::resendIsNotARetry()
{
    RunOptions options = fastOptions();
    options.retries = 1;
    const QString saved = u"/close-first/1/saved"_s;
    FetcherRun savedRun({{url(u"/ok"_s)}, {url(saved)}}, options);
    QCOMPARE(savedRun.fetch(0).value().status, 200);
    const std::optional<Result> first = savedRun.fetch(1);
    QVERIFY(first);
    QCOMPARE(first->status, 200);
    QCOMPARE(first->resends, 1);
    QCOMPARE(first->attempts, 1);

    // Closed twice: on the kept-alive connection, then the resend on a new one. The retry
    // gets the answer.
    const QString retried = u"/close-first/2/retried"_s;
    FetcherRun retriedRun({{url(u"/ok"_s)}, {url(retried)}}, options);
    QCOMPARE(retriedRun.fetch(0).value().status, 200);
    const std::optional<Result> second = retriedRun.fetch(1);
    QVERIFY(second);
    QCOMPARE(second->status, 200);
    QCOMPARE(second->resends, 1);
    QCOMPARE(second->attempts, 2);
    QCOMPARE(arrivals(retried).size(), 3);
}

// The deadline of an attempt covers its resend: a resend that hangs ends as a deadline
// timeout, counted from the attempt's start.
void TestFetcher::deadlineCoversTheResend()
{
    RunOptions options = fastOptions();
    options.deadline = 600ms;
    const QString path = u"/close-then-hang/1/deadline"_s;
    FetcherRun run({{url(u"/ok"_s)}, {url(path)}}, options);
    QCOMPARE(run.fetch(0).value().status, 200);

    const std::optional<Result> result = run.fetch(1);
    QVERIFY(result);
    QCOMPARE(errorKindName(result->error), u"timeout"_s);
    QCOMPARE(result->timeout, TimeoutKind::Deadline);
    QCOMPARE(result->resends, 1);
    QCOMPARE(arrivals(path).size(), 2);
    QVERIFY(result->elapsedMs >= 600);
    QVERIFY2(result->elapsedMs < 3000, qPrintable(QString::number(result->elapsedMs)));
}

void TestFetcher::cancelStopsTheResend()
{
    const QString path = u"/close-then-hang/1/cancel"_s;
    FetcherRun run({{url(u"/ok"_s)}, {url(path)}});
    QCOMPARE(run.fetch(0).value().status, 200);

    // Cancelled as soon as the resend reaches the server, while it waits for an answer.
    connect(m_server.get(), &FaultServer::requestReceived, this, [&](const QByteArray &target) {
        if (target == path.toUtf8() && m_server->arrivals(target).size() == 2)
            run.fetcher().cancelAll();
    });
    const std::optional<Result> result = run.fetch(1);
    QVERIFY(result);
    QCOMPARE(errorKindName(result->error), u"cancelled"_s);
    QCOMPARE(arrivals(path).size(), 2);
}

// A 307 or 308 after a POST: the redirect is followed, the body sent on to the new address.
void TestFetcher::postFollowsA307WithItsBody()
{
    TestServer http;
    QVERIFY(http.start());
    for (const int status : {307, 308}) {
        QUrl address = http.url(u"/goto"_s);
        address.setQuery(u"status=%1&to=/echo"_s.arg(status));
        FetcherRun run({{address, "POST", "order=1"}});
        const std::optional<Result> result = run.fetch(0);
        QVERIFY(result);
        QCOMPARE(result->status, 200);
        QCOMPARE(result->redirects.size(), 1);
        QVERIFY2(result->body.contains(R"("method":"POST")"), result->body.constData());
        QVERIFY2(result->body.contains("order=1"), result->body.constData());
    }
}

QTEST_GUILESS_MAIN(TestFetcher)
#include "tst_fetcher.moc"
