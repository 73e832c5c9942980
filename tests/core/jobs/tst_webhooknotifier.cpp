// WebhookNotifier against loopback servers: the summary arrives as JSON, a webhook that fails
// for a moment is tried again, one that refuses or never answers is reported in a sentence, and
// an address that is not http or https is refused at once. RunNotice names nothing local.

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <QSignalSpy>
#include <QTest>

#include <memory>

#include "FaultServer.h"
#include "NetworkIsolation.h"
#include "TestServer.h"
#include "jobs/WebhookNotifier.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace salvo;

namespace {

RunNotice finishedRun()
{
    RunNotice notice;
    notice.run.id = 12;
    notice.run.batchName = u"health checks"_s;
    notice.run.state = RunState::Finished;
    notice.run.started = QDateTime(QDate(2026, 11, 25), QTime(10, 0), QTimeZone::utc());
    notice.run.finished = notice.run.started.addMSecs(2'500);
    notice.run.rowCount = 40;
    notice.run.resultCount = 40;
    notice.run.okCount = 38;
    notice.run.failedCount = 2;
    notice.latency = LatencyPercentiles{45, 90, 300, 410};
    return notice;
}

WebhookOutcome outcomeOf(QSignalSpy &finished)
{
    if (finished.isEmpty() && !finished.wait(20'000))
        return {false, -1, -1, u"(no outcome)"_s};
    return finished.constFirst().constFirst().value<WebhookOutcome>();
}

} // namespace

class TestWebhookNotifier final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_http = std::make_unique<TestServer>();
        QVERIFY(m_http->start());
    }

    void cleanup() { m_http.reset(); }

    void noticeSaysWhatARunCameTo()
    {
        const QJsonObject json = finishedRun().toJson();
        QCOMPARE(json.value(u"event").toString(), u"run_finished"_s);
        QCOMPARE(json.value(u"run_id").toInteger(), 12);
        QCOMPARE(json.value(u"name").toString(), u"health checks"_s);
        QCOMPARE(json.value(u"state").toString(), u"finished"_s);
        QCOMPARE(json.value(u"started").toString(), u"2026-11-25T10:00:00.000Z"_s);
        QCOMPARE(json.value(u"duration_ms").toInteger(), 2'500);
        QCOMPARE(json.value(u"rows").toInt(), 40);
        QCOMPARE(json.value(u"ok").toInt(), 38);
        QCOMPARE(json.value(u"failed").toInt(), 2);
        QCOMPARE(json.value(u"latency_ms").toObject().value(u"p99").toInt(), 300);
        RunNotice unkept = finishedRun();
        unkept.run.id = 0;
        QVERIFY(unkept.toJson().value(u"run_id").isNull());
    }

    void deliversTheSummary()
    {
        WebhookNotifier notifier;
        QSignalSpy finished(&notifier, &WebhookNotifier::finished);
        const QByteArray json = QJsonDocument(finishedRun().toJson()).toJson();
        notifier.post(m_http->url(u"/hook"_s), json);
        const WebhookOutcome outcome = outcomeOf(finished);
        QVERIFY2(outcome.delivered, qPrintable(outcome.message));
        QCOMPARE(outcome.attempts, 1);
        QCOMPARE(outcome.status, 204);
        QCOMPARE(outcome.message,
                 u"Notified %1 (HTTP 204)."_s.arg(
                         m_http->url(u"/hook"_s).toString(QUrl::RemovePath)));
        QCOMPARE(m_http->hookRequests().size(), 1);
        const TestServer::HookRequest &received = m_http->hookRequests().constFirst();
        QCOMPARE(received.method, QByteArray("POST"));
        QCOMPARE(received.contentType, QByteArray("application/json"));
        QVERIFY(received.userAgent.startsWith("Salvo/"));
        QCOMPARE(received.body, json);
    }

    void aMomentaryFailureIsTriedAgain()
    {
        WebhookNotifier notifier({10s, 3, 10ms});
        QSignalSpy finished(&notifier, &WebhookNotifier::finished);
        notifier.post(m_http->url(u"/flaky/hook/2"_s), "{}");
        const WebhookOutcome outcome = outcomeOf(finished);
        QVERIFY2(outcome.delivered, qPrintable(outcome.message));
        QCOMPARE(outcome.attempts, 3);
        QCOMPARE(m_http->requestCount(), 3);
    }

    void failuresAreSaidInWords_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("attempts");
        QTest::addColumn<QString>("said");
        QTest::newRow("refused for good: not tried again")
                << u"/status/403"_s << 1 << u"it answered HTTP 403"_s;
        QTest::newRow("down every time")
                << u"/status/503"_s << 3 << u"it answered HTTP 503 (tried 3 times)"_s;
    }

    void failuresAreSaidInWords()
    {
        QFETCH(QString, path);
        QFETCH(int, attempts);
        QFETCH(QString, said);
        WebhookNotifier notifier({10s, 3, 10ms});
        QSignalSpy finished(&notifier, &WebhookNotifier::finished);
        const QUrl url = m_http->url(path + u"?token=s3cr3t"_s);
        notifier.post(url, "{}");
        const WebhookOutcome outcome = outcomeOf(finished);
        QVERIFY(!outcome.delivered);
        QCOMPARE(outcome.attempts, attempts);
        QVERIFY2(outcome.message.startsWith(u"Could not notify "_s), qPrintable(outcome.message));
        QVERIFY2(outcome.message.contains(said), qPrintable(outcome.message));
        // Tokens live in a webhook's query or path: neither is repeated.
        QVERIFY2(!outcome.message.contains(u"s3cr3t"), qPrintable(outcome.message));
        QVERIFY2(!outcome.message.contains(path), qPrintable(outcome.message));
    }

    void aWebhookThatNeverAnswersTimesOut()
    {
        FaultServer silent;
        QVERIFY(silent.start());
        WebhookNotifier notifier({300ms, 2, 10ms});
        QSignalSpy finished(&notifier, &WebhookNotifier::finished);
        notifier.post(silent.url(u"/hang"_s), "{}");
        const WebhookOutcome outcome = outcomeOf(finished);
        QVERIFY(!outcome.delivered);
        QCOMPARE(outcome.attempts, 2);
        QVERIFY2(outcome.message.contains(u"no answer within 0.3 s (tried 2 times)"_s),
                 qPrintable(outcome.message));
    }

    // Destroyed while it waits to try again: nothing is told, nothing crashes, and the server
    // hears no more.
    void destroyedMidDeliveryStopsQuietly()
    {
        auto notifier = std::make_unique<WebhookNotifier>(WebhookOptions{10s, 3, 200ms});
        QSignalSpy finished(notifier.get(), &WebhookNotifier::finished);
        notifier->post(m_http->url(u"/status/503"_s), "{}");
        QVERIFY(QTest::qWaitFor([&] { return m_http->requestCount() == 1; }, 10'000));
        notifier.reset();
        QTest::qWait(600); // past when the next two attempts would have gone
        QCOMPARE(m_http->requestCount(), 1);
    }

    void notAWebAddressIsRefusedAtOnce_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("file") << u"file:///etc/passwd"_s;
        QTest::newRow("no scheme") << u"hooks.example/abc"_s;
        QTest::newRow("empty") << QString();
    }

    void notAWebAddressIsRefusedAtOnce()
    {
        QFETCH(QString, url);
        WebhookNotifier notifier;
        QSignalSpy finished(&notifier, &WebhookNotifier::finished);
        notifier.post(QUrl(url), "{}");
        QVERIFY(finished.isEmpty()); // said from the event loop, as a network answer would be
        const WebhookOutcome outcome = outcomeOf(finished);
        QVERIFY(!outcome.delivered);
        QCOMPARE(outcome.attempts, 0);
        QVERIFY2(outcome.message.contains(u"is not a web address"_s), qPrintable(outcome.message));
    }

private:
    std::unique_ptr<TestServer> m_http;
};

int main(int argc, char *argv[])
{
    isolateNetwork();
    QCoreApplication app(argc, argv);
    TestWebhookNotifier test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_webhooknotifier.moc"
