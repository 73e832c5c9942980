// BatchRun against real loopback servers: one result per row whatever the servers do, each
// error kind, limits, timeouts, retries, redirects, body caps, cancel and pause.

#include <QDir>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include "FaultServer.h"
#include "NetworkIsolation.h"
#include "RunRecorder.h"
#include "TestServer.h"
#include "batch/CsvParser.h"

#include <sched.h>

using namespace Qt::StringLiterals;
using namespace salvo;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(salvo::ErrorKind)
Q_DECLARE_METATYPE(salvo::TimeoutKind)

namespace {

// The engine's debug log names each exchange as it ends: what a test can wait for when no
// signal says that an attempt has failed.
std::atomic<int> refusedAttempts{0};
QtMessageHandler previousMessageHandler = nullptr;

void countRefusedAttempts(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (qstrcmp(context.category, "salvo.engine") == 0) {
        if (message.contains(u"curl error 7"))
            ++refusedAttempts;
        return;
    }
    previousMessageHandler(type, context, message);
}

} // namespace

// `count` rows of the same address.
static QStringList copies(const QUrl &url, int count)
{
    return QStringList(count, url.toString());
}

class TestBatchRun final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void transportErrors_data();
    void transportErrors();
    void httpErrorStatusIsAnAnswerNotAnError();
    void refusedConnection();
    void unknownHost();
    void tlsCertificateIsChecked();
    void proxyFailure();
    void mixedBatchGivesOneResultPerRow();
    void fiveThousandRowsEachAnsweredOnce();
    void nonHttpRowsNeverReachTheNetwork();
    void perHostLimitHolds_data();
    void perHostLimitHolds();
    void totalConcurrencyLimitHolds();
    void retriesTransientFailures_data();
    void retriesTransientFailures();
    void honoursRetryAfter();
    void redirects_data();
    void redirects();
    void redirectToOtherSchemeIsRefused_data();
    void redirectToOtherSchemeIsRefused();
    void credentialsStayWithTheirOrigin();
    void bodyCap();
    void compressionBombStaysBounded();
    void methodHeadersAndBody();
    void perRowMethodAndBodyFromCsv();
    void resultsArriveInBatches();
    void progressReportsRateAndTimeLeft();
    void cancelStopsEverythingAtOnce();
    void cancelOfManyRowsComesInShares();
    void cancelBeforeStart();
    void cancelDuringRetryWait();
    void cancelFromAResultsSlotFinishesOnce();
    void destroyingARunDuringRetryWaitReturns();
    void pauseAndResume();
    void emptyBatchFinishes();
    void yieldingRunsTakeOnlyIdleCpu();

private:
    RunOptions fastOptions() const;

    std::unique_ptr<TestServer> m_http;
    std::unique_ptr<FaultServer> m_faults;
};

void TestBatchRun::init()
{
    m_http = std::make_unique<TestServer>();
    m_faults = std::make_unique<FaultServer>();
    QVERIFY(m_http->start());
    QVERIFY(m_faults->start());
}

void TestBatchRun::cleanup()
{
    m_http.reset();
    m_faults.reset();
}

RunOptions TestBatchRun::fastOptions() const
{
    RunOptions options;
    options.deadline = 5s;
    options.inactivity = 3s;
    options.retryBaseDelay = 10ms;
    return options;
}

void TestBatchRun::transportErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("deadlineMs");
    QTest::addColumn<int>("inactivityMs");
    QTest::addColumn<ErrorKind>("error");
    QTest::addColumn<TimeoutKind>("timeout");

    QTest::newRow("hang: inactivity")
            << "/hang" << 5000 << 300 << ErrorKind::Timeout << TimeoutKind::Inactivity;
    QTest::newRow("stalled body: inactivity")
            << "/stall-body" << 5000 << 300 << ErrorKind::Timeout << TimeoutKind::Inactivity;
    QTest::newRow("trickle: deadline")
            << "/trickle" << 700 << 5000 << ErrorKind::Timeout << TimeoutKind::Deadline;
    QTest::newRow("reset") << "/reset" << 5000 << 3000 << ErrorKind::ConnectionReset
                           << TimeoutKind::None;
    QTest::newRow("reset mid-body")
            << "/reset-mid-body" << 5000 << 3000 << ErrorKind::ConnectionReset << TimeoutKind::None;
    QTest::newRow("early close") << "/early-close" << 5000 << 3000 << ErrorKind::ConnectionReset
                                 << TimeoutKind::None;
    QTest::newRow("partial headers") << "/partial-headers" << 5000 << 3000
                                     << ErrorKind::ConnectionReset << TimeoutKind::None;
    QTest::newRow("short chunk") << "/bad-chunk" << 5000 << 3000 << ErrorKind::ConnectionReset
                                 << TimeoutKind::None;
    QTest::newRow("bad content encoding")
            << "/bad-encoding" << 5000 << 3000 << ErrorKind::Protocol << TimeoutKind::None;
    // An answer that is not HTTP at all.
    QTest::newRow("garbage") << "/garbage" << 5000 << 3000 << ErrorKind::Protocol
                             << TimeoutKind::None;
}

void TestBatchRun::transportErrors()
{
    QFETCH(QString, path);
    QFETCH(int, deadlineMs);
    QFETCH(int, inactivityMs);
    QFETCH(ErrorKind, error);
    QFETCH(TimeoutKind, timeout);

    RunOptions options = fastOptions();
    options.deadline = Milliseconds(deadlineMs);
    options.inactivity = Milliseconds(inactivityMs);
    RunRecorder recorder(batchOf({m_faults->url(path).toString()}), options);
    QVERIFY(recorder.runToEnd());

    QCOMPARE(recorder.results.size(), 1);
    const Result result = recorder.results.first();
    QCOMPARE(errorKindName(result.error), errorKindName(error));
    QCOMPARE(int(result.timeout), int(timeout));
    QVERIFY(!result.ok());
    QVERIFY2(!result.message.isEmpty(), "every error has a sentence");
    QCOMPARE(result.attempts, 1);
    if (timeout == TimeoutKind::Inactivity)
        QVERIFY2(result.message.contains(u"inactivity"), qPrintable(result.message));
    if (timeout == TimeoutKind::Deadline) {
        QVERIFY2(result.message.contains(u"deadline"), qPrintable(result.message));
        QVERIFY(result.elapsedMs >= deadlineMs);
    }
}

void TestBatchRun::httpErrorStatusIsAnAnswerNotAnError()
{
    RunRecorder recorder(batchOf({m_http->url(QStringLiteral("/status/404")).toString(),
                                  m_http->url(QStringLiteral("/status/503")).toString(),
                                  m_http->url(QStringLiteral("/status/204")).toString()}),
                         fastOptions());
    QVERIFY(recorder.runToEnd());
    QCOMPARE(recorder.resultFor(0).status, 404);
    QCOMPARE(recorder.resultFor(0).error, ErrorKind::None);
    QVERIFY(!recorder.resultFor(0).ok());
    QVERIFY(recorder.resultFor(0).message.isEmpty());
    QCOMPARE(recorder.resultFor(1).status, 503);
    QCOMPARE(recorder.resultFor(1).error, ErrorKind::None);
    QCOMPARE(recorder.resultFor(2).status, 204);
    QVERIFY(recorder.resultFor(2).ok());
    QCOMPARE(recorder.lastProgress.ok, 1);
    QCOMPARE(recorder.lastProgress.failed, 2);
}

void TestBatchRun::refusedConnection()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();

    RunRecorder recorder(batchOf({QStringLiteral("http://127.0.0.1:%1/").arg(port)}),
                         fastOptions());
    QVERIFY(recorder.runToEnd());
    QCOMPARE(recorder.results.size(), 1);
    QCOMPARE(errorKindName(recorder.results.first().error), QStringLiteral("connection_refused"));
    QVERIFY(recorder.results.first().message.contains(u"refused"));
    QVERIFY2(recorder.results.first().detail.startsWith(u"curl error 7"),
             qPrintable(recorder.results.first().detail));
}

void TestBatchRun::unknownHost()
{
    if (!networkIsolated())
        QSKIP("Needs a network namespace of its own (run as root) so no lookup leaves the "
              "machine.");
    RunRecorder recorder(batchOf({QStringLiteral("http://no-such-host.invalid/")}), fastOptions());
    QVERIFY(recorder.runToEnd());
    QCOMPARE(errorKindName(recorder.results.first().error), QStringLiteral("dns"));
    QVERIFY(recorder.results.first().message.contains(u"no-such-host.invalid"));
}

void TestBatchRun::tlsCertificateIsChecked()
{
    FaultServer tls(FaultServer::Transport::Tls);
    QVERIFY(tls.start());
    const QString address = tls.url(QStringLiteral("/ok")).toString();

    // Checked by default: a self-signed certificate is a tls error, said in words.
    RunRecorder checked(batchOf({address}), fastOptions());
    QVERIFY(checked.runToEnd());
    QCOMPARE(errorKindName(checked.results.first().error), QStringLiteral("tls"));
    QVERIFY(!checked.results.first().message.isEmpty());
    QVERIFY(!checked.results.first().certificatesUnchecked);
    QCOMPARE(tls.requestCount(), 0); // nothing was sent to it

    // Checking off: the answer comes, and every result of the run says it was not checked,
    // the plain http row's and the invalid row's too.
    RunOptions insecure = fastOptions();
    insecure.verifyTls = false;
    RunRecorder accepted(
            batchOf({address, m_http->url(u"/status/200"_s).toString(), u"not an address"_s}),
            insecure);
    QVERIFY(accepted.runToEnd());
    QCOMPARE(accepted.resultFor(0).status, 200);
    QCOMPARE(accepted.resultFor(0).body, QByteArray("ok"));
    QCOMPARE(accepted.results.size(), 3);
    for (const Result &result : std::as_const(accepted.results))
        QVERIFY(result.certificatesUnchecked);
}

void TestBatchRun::proxyFailure()
{
    QTcpServer closed; // a port nothing listens on: the proxy refuses
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    NetworkAccess access;
    access.proxy.mode = ProxyMode::Manual;
    access.proxy.url = QStringLiteral("http://127.0.0.1:%1").arg(port);
    BatchSpec batch = batchOf({QStringLiteral("http://example.test/")});
    batch.access = *RunAccess::prepare(access, nullptr);

    RunRecorder recorder(batch, fastOptions());
    QVERIFY(recorder.runToEnd());
    QCOMPARE(errorKindName(recorder.results.first().error), QStringLiteral("proxy"));
}

void TestBatchRun::mixedBatchGivesOneResultPerRow()
{
    const QStringList addresses = {
            m_http->url(QStringLiteral("/json/1")).toString(),
            m_faults->url(QStringLiteral("/delay/300")).toString(),
            m_faults->url(QStringLiteral("/hang")).toString(),
            m_faults->url(QStringLiteral("/reset-mid-body")).toString(),
            m_http->url(QStringLiteral("/loop")).toString(),
            m_http->url(QStringLiteral("/bytes/3000000")).toString(),
            QStringLiteral("this is not an address"),
            QStringLiteral("file:///etc/passwd"),
            QStringLiteral("ftp://127.0.0.1/x"),
            m_faults->url(QStringLiteral("/garbage")).toString(),
            m_faults->url(QStringLiteral("/trickle")).toString(),
    };
    RunOptions options = fastOptions();
    options.deadline = 1500ms;
    options.inactivity = 700ms;
    options.maxBodyBytes = 64 * 1024;
    RunRecorder recorder(batchOf(addresses), options);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(recorder.runToEnd());
    QVERIFY2(clock.elapsed() < 10000, "bounded by the timeouts, not by the servers");

    QCOMPARE(recorder.results.size(), addresses.size());
    for (int i = 0; i < addresses.size(); ++i) {
        const Result result = recorder.resultFor(i);
        QCOMPARE(result.index, i);
        QCOMPARE(result.line, i + 1);
        QCOMPARE(result.url, addresses.at(i));
        QVERIFY(result.ok() || !result.message.isEmpty() || result.status >= 400);
    }
    QCOMPARE(recorder.resultFor(0).status, 200);
    QCOMPARE(recorder.resultFor(1).status, 200);
    QCOMPARE(recorder.resultFor(2).error, ErrorKind::Timeout);
    QCOMPARE(recorder.resultFor(3).error, ErrorKind::ConnectionReset);
    QCOMPARE(recorder.resultFor(4).error, ErrorKind::TooManyRedirects);
    QCOMPARE(recorder.resultFor(5).status, 200);
    QVERIFY(recorder.resultFor(5).truncated);
    QCOMPARE(recorder.resultFor(5).body.size(), 64 * 1024);
    QCOMPARE(recorder.resultFor(6).error, ErrorKind::InvalidUrl);
    QCOMPARE(recorder.resultFor(7).error, ErrorKind::UnsupportedScheme);
    QCOMPARE(recorder.resultFor(8).error, ErrorKind::UnsupportedScheme);
    QCOMPARE(recorder.resultFor(9).error, ErrorKind::Protocol); // an answer that is not HTTP
    QCOMPARE(recorder.resultFor(10).timeout, TimeoutKind::Deadline);
    QCOMPARE(recorder.lastProgress.done, int(addresses.size()));
    QVERIFY(recorder.lastProgress.finished);
}

void TestBatchRun::fiveThousandRowsEachAnsweredOnce()
{
    QStringList addresses;
    for (int i = 0; i < 5000; ++i)
        addresses.append(m_http->url(QStringLiteral("/json/%1").arg(i)).toString());
    RunOptions options = fastOptions();
    options.perHostConcurrency = 16;
    RunRecorder recorder(batchOf(addresses), options);
    QVERIFY(recorder.runToEnd(60000));
    QCOMPARE(recorder.results.size(), 5000);
    QList<int> seen(5000, 0);
    for (const Result &result : std::as_const(recorder.results)) {
        QVERIFY(result.index >= 0 && result.index < 5000);
        ++seen[result.index];
        QCOMPARE(result.status, 200);
        QCOMPARE(result.body, QByteArray(R"({"id":)") + QByteArray::number(result.index) + '}');
    }
    QCOMPARE(seen.count(1), 5000);
    QCOMPARE(m_http->requestCount(), 5000);
    QCOMPARE(recorder.lastProgress.ok, 5000);
}

void TestBatchRun::nonHttpRowsNeverReachTheNetwork()
{
    const QStringList addresses = {
            QStringLiteral("file:///etc/passwd"),  QStringLiteral("data:text/plain,hello"),
            QStringLiteral("qrc:/anything"),       QStringLiteral("ftp://127.0.0.1/"),
            QStringLiteral("javascript:alert(1)"),
    };
    RunRecorder recorder(batchOf(addresses), fastOptions());
    QVERIFY(recorder.runToEnd());
    QCOMPARE(recorder.results.size(), addresses.size());
    for (const Result &result : std::as_const(recorder.results)) {
        QCOMPARE(result.error, ErrorKind::UnsupportedScheme);
        QCOMPARE(result.attempts, 0);
        QCOMPARE(result.bytes, 0);
        QVERIFY(result.body.isEmpty());
    }
}

void TestBatchRun::perHostLimitHolds_data()
{
    QTest::addColumn<int>("perHost");
    QTest::newRow("below one QNAM's six") << 4;
    QTest::newRow("one QNAM's six") << 6;
    QTest::newRow("beyond six: a pool of QNAMs") << 20;
}

void TestBatchRun::perHostLimitHolds()
{
    QFETCH(int, perHost);
    QStringList addresses = copies(m_faults->url(QStringLiteral("/delay/300")), perHost * 3);
    RunOptions options = fastOptions();
    options.perHostConcurrency = perHost;
    options.concurrency = 64;
    RunRecorder recorder(batchOf(addresses), options);
    QVERIFY(recorder.runToEnd());
    QCOMPARE(recorder.results.size(), addresses.size());
    QCOMPARE(m_faults->maxConcurrentRequests(), perHost);
}

void TestBatchRun::totalConcurrencyLimitHolds()
{
    QStringList addresses = copies(m_faults->url(QStringLiteral("/delay/200")), 15);
    RunOptions options = fastOptions();
    options.perHostConcurrency = 50;
    options.concurrency = 3;
    RunRecorder recorder(batchOf(addresses), options);
    QVERIFY(recorder.runToEnd());
    QCOMPARE(m_faults->maxConcurrentRequests(), 3);
}

void TestBatchRun::retriesTransientFailures_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("retries");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("attempts");

    QTest::newRow("503 twice, three retries") << "/flaky/a/2" << 3 << 200 << 3;
    QTest::newRow("503 twice, one retry") << "/flaky/b/2" << 1 << 503 << 2;
    QTest::newRow("no retries by default") << "/flaky/c/1" << 0 << 503 << 1;
    QTest::newRow("404 is not retried") << "/status/404" << 3 << 404 << 1;
}

void TestBatchRun::retriesTransientFailures()
{
    QFETCH(QString, path);
    QFETCH(int, retries);
    QFETCH(int, status);
    QFETCH(int, attempts);

    RunOptions options = fastOptions();
    options.retries = retries;
    RunRecorder recorder(batchOf({m_http->url(path).toString()}), options);
    QVERIFY(recorder.runToEnd());
    QCOMPARE(recorder.results.first().status, status);
    QCOMPARE(recorder.results.first().attempts, attempts);
}

void TestBatchRun::honoursRetryAfter()
{
    RunOptions options = fastOptions();
    options.retries = 2;
    RunRecorder recorder(batchOf({m_http->url(QStringLiteral("/ratelimited/r/1")).toString()}),
                         options);
    QVERIFY(recorder.runToEnd());
    const Result result = recorder.results.first();
    QCOMPARE(result.status, 200);
    QCOMPARE(result.attempts, 2);
    QVERIFY2(result.elapsedMs >= 1000, "waited the second Retry-After asked for");
}

void TestBatchRun::redirects_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("follow");
    QTest::addColumn<int>("maxRedirects");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("chainLength");

    QTest::newRow("followed") << "/redirect/3" << true << 10 << 200 << "" << 3;
    QTest::newRow("not followed") << "/redirect/3" << false << 10 << 302 << "" << 0;
    QTest::newRow("over the limit")
            << "/redirect/3" << true << 2 << 302 << "too_many_redirects" << 2;
    QTest::newRow("loop") << "/loop" << true << 10 << 302 << "too_many_redirects" << 10;
}

void TestBatchRun::redirects()
{
    QFETCH(QString, path);
    QFETCH(bool, follow);
    QFETCH(int, maxRedirects);
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(int, chainLength);

    RunOptions options = fastOptions();
    options.followRedirects = follow;
    options.maxRedirects = maxRedirects;
    RunRecorder recorder(batchOf({m_http->url(path).toString()}), options);
    QVERIFY(recorder.runToEnd());
    const Result result = recorder.results.first();
    QCOMPARE(result.status, status);
    QCOMPARE(errorKindName(result.error), error);
    QCOMPARE(result.redirects.size(), chainLength);
    if (path.startsWith(u"/redirect/") && chainLength > 0)
        QCOMPARE(result.redirects.first(), m_http->url(QStringLiteral("/redirect/2")).toString());
    QCOMPARE(result.ok(), error.isEmpty());
}

void TestBatchRun::redirectToOtherSchemeIsRefused_data()
{
    QTest::addColumn<int>("status");
    for (const int status : {301, 302, 303, 307, 308})
        QTest::addRow("%d", status) << status;
}

void TestBatchRun::redirectToOtherSchemeIsRefused()
{
    QFETCH(int, status);

    const QStringList targets = {
            u"file:///etc/passwd"_s,    u"FILE:///etc/passwd"_s,  u"ftp://127.0.0.1/x"_s,
            u"data:text/plain,hello"_s, u"javascript:alert(1)"_s, u"about:blank"_s,
            u"qrc:/anything"_s,
    };
    QStringList addresses;
    for (const QString &target : targets) {
        QUrl address = m_http->url(u"/goto"_s);
        address.setQuery(u"status=%1&to=%2"_s.arg(status).arg(
                QString::fromLatin1(QUrl::toPercentEncoding(target))));
        addresses.append(address.toString());
    }
    RunRecorder recorder(batchOf(addresses), fastOptions());
    QVERIFY(recorder.runToEnd());

    QCOMPARE(recorder.results.size(), addresses.size());
    for (int i = 0; i < targets.size(); ++i) {
        const Result result = recorder.resultFor(i);
        QCOMPARE(errorKindName(result.error), u"unsupported_scheme"_s);
        QCOMPARE(result.status, status);
        QVERIFY(!result.ok());
        // Said in words, naming the scheme; the body is the redirect's, never the target's.
        const QString scheme = targets.at(i).section(u':', 0, 0).toLower();
        QVERIFY2(result.message.contains(u'"' + scheme + u':'), qPrintable(result.message));
        QCOMPARE(result.body, QByteArray("moved"));
    }
    QCOMPARE(m_http->requestCount(), int(addresses.size()));
}

void TestBatchRun::credentialsStayWithTheirOrigin()
{
    TestServer other;
    QVERIFY(other.start());
    const QString otherEcho = other.url(QStringLiteral("/echo")).toString();
    QUrl crossOrigin = m_http->url(QStringLiteral("/goto"));
    crossOrigin.setQuery(QStringLiteral("to=")
                         + QString::fromLatin1(QUrl::toPercentEncoding(otherEcho)));
    QUrl sameOrigin = m_http->url(QStringLiteral("/goto"));
    sameOrigin.setQuery(QStringLiteral("to=/echo"));

    BatchSpec spec = batchOf({crossOrigin.toString(), sameOrigin.toString()});
    spec.headers = {{"Authorization", "Bearer secret"}, {"X-Other", "kept"}};
    RunRecorder recorder(spec, fastOptions());
    QVERIFY(recorder.runToEnd());

    // Another port on the same host is another origin.
    const Result crossed = recorder.resultFor(0);
    QCOMPARE(crossed.status, 200);
    QCOMPARE(crossed.redirects, QStringList{otherEcho});
    QVERIFY2(!crossed.body.contains("secret"), crossed.body.constData());
    QVERIFY(crossed.body.contains(R"("x-other":"kept")"));
    const Result stayed = recorder.resultFor(1);
    QVERIFY2(stayed.body.contains(R"("authorization":"Bearer secret")"), stayed.body.constData());
}

void TestBatchRun::bodyCap()
{
    RunOptions options = fastOptions();
    options.maxBodyBytes = 1000;
    RunRecorder kept(batchOf({m_http->url(QStringLiteral("/bytes/5000")).toString(),
                              m_http->url(QStringLiteral("/bytes/1000")).toString()}),
                     options);
    QVERIFY(kept.runToEnd());
    QCOMPARE(kept.resultFor(0).bytes, 5000);
    QCOMPARE(kept.resultFor(0).body.size(), 1000);
    QVERIFY(kept.resultFor(0).truncated);
    QCOMPARE(kept.resultFor(1).bytes, 1000);
    QVERIFY(!kept.resultFor(1).truncated);

    options.keepBodies = false;
    RunRecorder counted(batchOf({m_http->url(QStringLiteral("/bytes/5000")).toString()}), options);
    QVERIFY(counted.runToEnd());
    QCOMPARE(counted.results.first().bytes, 5000);
    QVERIFY(counted.results.first().body.isEmpty());
}

void TestBatchRun::compressionBombStaysBounded()
{
    // 64 MiB of zeros travel as about 64 KiB.
    RunOptions options = fastOptions();
    options.maxBodyBytes = 4096;
    options.inactivity = 30s; // the test server compresses 64 MiB first: slow under valgrind
    options.deadline = 60s;
    RunRecorder recorder(batchOf({m_http->url(QStringLiteral("/deflate/67108864")).toString()}),
                         options);
    QVERIFY(recorder.runToEnd(30000));
    const Result result = recorder.results.first();
    QVERIFY(result.body.size() <= 4096);
    // The transfer's guard stops it past 10 MiB unpacked, long before 64 MiB.
    QCOMPARE(result.error, ErrorKind::Protocol);
    QVERIFY2(result.message.contains(u"compression bomb"), qPrintable(result.message));
    QVERIFY2(result.bytes < 16 << 20, qPrintable(QString::number(result.bytes)));
}

void TestBatchRun::methodHeadersAndBody()
{
    BatchSpec spec = batchOf({m_http->url(QStringLiteral("/echo")).toString()});
    spec.method = "POST";
    spec.body = "name=salvo";
    spec.headers = {{"X-Batch", "42"}, {"Content-Type", "application/x-www-form-urlencoded"}};
    RunRecorder recorder(spec, fastOptions());
    QVERIFY(recorder.runToEnd());
    const Result result = recorder.results.first();
    QCOMPARE(result.method, QByteArray("POST"));
    QCOMPARE(result.status, 200);
    QVERIFY2(result.body.contains(R"("method":"POST")"), result.body.constData());
    QVERIFY(result.body.contains(R"("body":"name=salvo")"));
    QVERIFY(result.body.contains(R"("x-batch":"42")"));
    QVERIFY(result.contentType.startsWith(u"application/json"));
}

void TestBatchRun::perRowMethodAndBodyFromCsv()
{
    const QByteArray csv = "url,method,body\n" + m_http->url(QStringLiteral("/echo")).toEncoded()
            + ",PUT,first\n" + m_http->url(QStringLiteral("/echo")).toEncoded() + ",,\n";
    Expected<CsvBatch> rows = parseCsvBatch(csv);
    QVERIFY(rows.hasValue());
    BatchSpec spec;
    spec.rows = rows->rows;
    RunRecorder recorder(spec, fastOptions());
    QVERIFY(recorder.runToEnd());
    QVERIFY(recorder.resultFor(0).body.contains(R"("method":"PUT")"));
    QVERIFY(recorder.resultFor(0).body.contains(R"("body":"first")"));
    QCOMPARE(recorder.resultFor(0).method, QByteArray("PUT"));
    QVERIFY(recorder.resultFor(1).body.contains(R"("method":"GET")"));
}

void TestBatchRun::resultsArriveInBatches()
{
    QStringList addresses;
    for (int i = 0; i < 400; ++i)
        addresses.append(m_http->url(QStringLiteral("/json/%1").arg(i)).toString());
    RunRecorder recorder(batchOf(addresses), fastOptions());
    QVERIFY(recorder.runToEnd());
    QCOMPARE(recorder.results.size(), 400);
    QVERIFY2(recorder.deliverySizes.size() < 100, "results travel in batches, not one by one");
    // Deliveries before the last come from the 100 ms tick, never closer together.
    for (qsizetype i = 2; i + 1 < recorder.deliveryTimesMs.size(); ++i) {
        const qint64 gap = recorder.deliveryTimesMs.at(i) - recorder.deliveryTimesMs.at(i - 1);
        QVERIFY2(gap >= BatchRun::deliveryIntervalMs - 5, qPrintable(QString::number(gap)));
    }
}

void TestBatchRun::progressReportsRateAndTimeLeft()
{
    QStringList addresses = copies(m_faults->url(QStringLiteral("/delay/150")), 12);
    RunOptions options = fastOptions();
    options.concurrency = 2;
    options.perHostConcurrency = 2;
    RunRecorder recorder(batchOf(addresses), options);
    QVERIFY(recorder.runToEnd());

    bool sawRate = false;
    bool sawTimeLeft = false;
    bool sawInFlight = false;
    int done = 0;
    for (const Progress &progress : std::as_const(recorder.progressSeen)) {
        QCOMPARE(progress.total, 12);
        QVERIFY(progress.done >= done); // never goes back
        QCOMPARE(progress.ok + progress.failed + progress.notSent, progress.done);
        QVERIFY(progress.inFlight <= 2);
        done = progress.done;
        sawRate = sawRate || progress.ratePerSecond > 0;
        sawTimeLeft = sawTimeLeft || (!progress.finished && progress.etaMs > 0);
        sawInFlight = sawInFlight || progress.inFlight == 2;
    }
    QVERIFY(sawRate);
    QVERIFY(sawTimeLeft);
    QVERIFY(sawInFlight);
    QVERIFY(recorder.lastProgress.finished);
    QCOMPARE(recorder.lastProgress.etaMs, 0);
    QCOMPARE(recorder.lastProgress.inFlight, 0);
}

void TestBatchRun::cancelStopsEverythingAtOnce()
{
    // The invalid row is read first, and answered; the rows never reached are not sent.
    QStringList addresses{QStringLiteral("not an address")};
    addresses.append(copies(m_faults->url(QStringLiteral("/hang")), 60));
    RunOptions options = fastOptions();
    options.concurrency = 8;
    options.perHostConcurrency = 8;
    options.inactivity = 60s;
    options.deadline = 60s;
    RunRecorder recorder(batchOf(addresses), options);
    recorder.run().start();
    QTRY_COMPARE_WITH_TIMEOUT(m_faults->requestCount(), 8, 5000);

    QElapsedTimer clock;
    clock.start();
    recorder.run().cancel();
    QVERIFY(recorder.waitForFinished(2000));
    QVERIFY2(clock.elapsed() < 1000, "stop takes effect at once");

    QCOMPARE(recorder.results.size(), addresses.size());
    int cancelled = 0;
    for (int i = 0; i < addresses.size(); ++i)
        cancelled += recorder.resultFor(i).error == ErrorKind::Cancelled ? 1 : 0;
    QCOMPARE(cancelled, 60);
    QCOMPARE(recorder.resultFor(0).error, ErrorKind::InvalidUrl);
    QCOMPARE(recorder.resultFor(60).url, addresses.constLast());
    QCOMPARE(recorder.resultFor(60).line, 61);
    QCOMPARE(m_faults->requestCount(), 8); // nothing new started after the stop
}

// A stop early in a big batch answers the rows it never reached in shares, one delivery after
// another, each row once: the caller's thread is never held for all of them at once.
void TestBatchRun::cancelOfManyRowsComesInShares()
{
    constexpr int rowCount = 50'000;
    RunOptions options = fastOptions();
    options.concurrency = 2;
    options.perHostConcurrency = 2;
    options.inactivity = 60s;
    options.deadline = 60s;
    RunRecorder recorder(batchOf(copies(m_faults->url(QStringLiteral("/hang")), rowCount)),
                         options);
    QList<qsizetype> deliveries;
    connect(&recorder.run(), &BatchRun::resultsReady, this,
            [&deliveries](const ResultBatch &results) { deliveries.append(results.size()); });
    recorder.run().start();
    QTRY_COMPARE_WITH_TIMEOUT(m_faults->requestCount(), 2, 5000);
    recorder.run().cancel();
    QVERIFY(recorder.waitForFinished(10'000));

    QCOMPARE(recorder.results.size(), rowCount);
    QList<int> seen(rowCount, 0);
    for (const Result &result : std::as_const(recorder.results)) {
        ++seen[result.index];
        QCOMPARE(result.error, ErrorKind::Cancelled);
    }
    QCOMPARE(seen, QList<int>(rowCount, 1));
    QVERIFY2(deliveries.size() >= 3, qPrintable(QString::number(deliveries.size())));
    QVERIFY(*std::max_element(deliveries.cbegin(), deliveries.cend()) <= 20'002);
    QCOMPARE(recorder.lastProgress.notSent, rowCount);
}

void TestBatchRun::cancelBeforeStart()
{
    RunRecorder recorder(
            batchOf({m_http->url(QStringLiteral("/json/1")).toString(), QStringLiteral("nope")}),
            fastOptions());
    recorder.run().cancel();
    QVERIFY(recorder.waitForFinished(2000));
    QCOMPARE(recorder.results.size(), 2);
    // No row was reached: each is not sent, as its input wrote it.
    QCOMPARE(recorder.resultFor(0).error, ErrorKind::Cancelled);
    QCOMPARE(recorder.resultFor(1).error, ErrorKind::Cancelled);
    QCOMPARE(recorder.resultFor(1).url, QStringLiteral("nope"));
    QCOMPARE(recorder.resultFor(1).line, 2);
    QCOMPARE(m_http->requestCount(), 0);
}

void TestBatchRun::cancelDuringRetryWait()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();

    RunOptions options = fastOptions();
    options.retries = 3;
    options.retryBaseDelay = 30s; // long enough that only the stop can end the wait
    RunRecorder recorder(batchOf({QStringLiteral("http://127.0.0.1:%1/").arg(port),
                                  m_http->url(QStringLiteral("/flaky/w/5")).toString()}),
                         options);
    refusedAttempts = 0;
    QLoggingCategory::setFilterRules(QStringLiteral("salvo.engine.debug=true"));
    previousMessageHandler = qInstallMessageHandler(countRefusedAttempts);
    const auto restoreLog = qScopeGuard([] {
        qInstallMessageHandler(previousMessageHandler);
        QLoggingCategory::setFilterRules({});
    });
    recorder.run().start();
    // Both first attempts have failed: both rows wait to try again.
    QTRY_VERIFY_WITH_TIMEOUT(m_http->requestCount() == 1 && refusedAttempts == 1, 5000);

    QElapsedTimer clock;
    clock.start();
    recorder.run().cancel();
    QVERIFY(recorder.waitForFinished(2000));
    QVERIFY2(clock.elapsed() < 1000, "a retry wait ends at once on stop");
    for (int i = 0; i < 2; ++i) {
        const Result result = recorder.resultFor(i);
        QCOMPARE(errorKindName(result.error), QStringLiteral("cancelled"));
        QCOMPARE(result.attempts, 1);
    }
}

void TestBatchRun::cancelFromAResultsSlotFinishesOnce()
{
    // One row fails at once (invalid), the other hangs until the stop.
    RunOptions options = fastOptions();
    options.inactivity = 60s;
    options.deadline = 60s;
    RunRecorder recorder(batchOf({QStringLiteral("not an address"),
                                  m_faults->url(QStringLiteral("/hang")).toString()}),
                         options);
    QSignalSpy finished(&recorder.run(), &BatchRun::finished);
    connect(&recorder.run(), &BatchRun::resultsReady, this,
            [&recorder] { recorder.run().cancel(); });
    recorder.run().start();
    QVERIFY(recorder.waitForFinished(2000));
    QTest::qWait(300); // give a second finished() every chance to show up
    QCOMPARE(finished.count(), 1);
    QCOMPARE(recorder.results.size(), 2);
    QCOMPARE(recorder.resultFor(1).error, ErrorKind::Cancelled);
}

void TestBatchRun::destroyingARunDuringRetryWaitReturns()
{
    RunOptions options = fastOptions();
    options.retries = 2;
    options.retryBaseDelay = 60s;
    auto recorder = std::make_unique<RunRecorder>(
            batchOf({m_http->url(QStringLiteral("/flaky/d/5")).toString()}), options);
    recorder->run().start();
    QTRY_COMPARE_WITH_TIMEOUT(m_http->requestCount(), 1, 5000);
    QTest::qWait(100);
    QElapsedTimer clock;
    clock.start();
    recorder.reset(); // must not wait for the minute-long retry wait
    QVERIFY(clock.elapsed() < 2000);
}

void TestBatchRun::pauseAndResume()
{
    QStringList addresses = copies(m_faults->url(QStringLiteral("/delay/100")), 20);
    RunOptions options = fastOptions();
    options.concurrency = 2;
    options.perHostConcurrency = 2;
    RunRecorder recorder(batchOf(addresses), options);
    recorder.run().start();
    QVERIFY(recorder.waitForResults(2));

    recorder.run().pause();
    QCOMPARE(recorder.run().state(), BatchRun::State::Paused);
    const int startedAtPause = m_faults->requestCount();
    // What was in flight finishes; nothing new starts while paused.
    QTRY_COMPARE_WITH_TIMEOUT(recorder.lastProgress.inFlight, 0, 3000);
    QTest::qWait(400);
    QCOMPARE(m_faults->requestCount(), startedAtPause);
    QVERIFY(recorder.results.size() < 20);
    QVERIFY(recorder.lastProgress.paused);

    recorder.run().resume();
    QVERIFY(recorder.waitForFinished());
    QCOMPARE(recorder.results.size(), 20);
    QCOMPARE(m_faults->requestCount(), 20);
    QCOMPARE(recorder.lastProgress.ok, 20);
}

void TestBatchRun::emptyBatchFinishes()
{
    RunRecorder recorder(BatchSpec(), fastOptions());
    QVERIFY(recorder.runToEnd(2000));
    QVERIFY(recorder.results.isEmpty());
    QCOMPARE(recorder.lastProgress.total, 0);
}

// The scheduling policy of every thread of this process whose name starts with `prefix`.
static QList<int> policiesOfThreads(const QString &prefix)
{
    QList<int> policies;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        if (comm.open(QIODevice::ReadOnly) && QString::fromUtf8(comm.readAll()).startsWith(prefix))
            policies.append(sched_getscheduler(pid_t(tid.toInt())));
    }
    return policies;
}

void TestBatchRun::yieldingRunsTakeOnlyIdleCpu()
{
    QStringList addresses = copies(m_faults->url(QStringLiteral("/hang")), 8);
    RunOptions options = fastOptions();
    options.yieldToCaller = true;
    RunRecorder recorder(batchOf(addresses), options);
    recorder.run().start();
    // Every request is on the wire: the engine's threads do all of it (libcurl needs no
    // threads of its own for addresses that need no name lookup).
    QTRY_COMPARE_WITH_TIMEOUT(m_faults->requestCount(), 8, 5000);

    const QList<int> engine = policiesOfThreads(QStringLiteral("salvo-engine"));
    QVERIFY(!engine.isEmpty());
    for (const int policy : engine)
        QCOMPARE(policy, SCHED_IDLE);
    QCOMPARE(sched_getscheduler(0), SCHED_OTHER); // the caller's thread keeps its priority
    recorder.run().cancel();
    QVERIFY(recorder.waitForFinished());
}

int main(int argc, char *argv[])
{
    isolateNetwork(); // before any thread: every thread after it inherits the namespace
    QCoreApplication app(argc, argv);
    TestBatchRun test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_batchrun.moc"
