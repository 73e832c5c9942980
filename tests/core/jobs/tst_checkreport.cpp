// reportCheck(): a check compared with the one before it in a real history file. Status and
// error changes, addresses added or gone, and times crossing the threshold are news; a body
// that changed alone is counted but is not; a check with nothing before it is the baseline.

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "../store/StoreTestSupport.h"
#include "jobs/CheckReport.h"
#include "ExpectedTest.h"

using namespace Qt::StringLiterals;
using namespace salvo;
using salvo::test::writeFinishedRun;

namespace {

struct Row
{
    QString path;
    int status = 200;
    qint64 elapsedMs = 40;
    ErrorKind error = ErrorKind::None;
    QByteArray body = "{}";
    Verdict verdict = Verdict::NotChecked;
    QString price; // the one extracted column, when the run reads one
    QString host = QStringLiteral("api.example");
    int certificateDaysLeft = 365;
};

} // namespace

class TestCheckReport final : public QObject
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_history.setUp()); }
    void cleanup() { m_history.tearDown(); }

    void theFirstCheckIsTheBaseline()
    {
        const qint64 run = writeRun({{u"/a"_s}, {u"/b"_s, 404}});
        const Expected<CheckReport> report = reportCheck(m_history.path, u"health"_s, 0, run, 0);
        QVERIFY(report);
        QVERIFY(!report->differs());
        QCOMPARE(report->previousRunId, 0);
        QCOMPARE(report->notice.run.okCount, 1);
        QCOMPARE(report->sentence(),
                 u"First check, kept as run %1: the next one is compared with it."_s.arg(run));
        QCOMPARE(report->toJson().value(u"event"_s).toString(), u"check_finished"_s);
    }

    void nothingChangedIsNoNews()
    {
        const qint64 before = writeRun({{u"/a"_s}, {u"/b"_s, 404}});
        // Other times under the threshold and another body: still no change worth telling.
        const qint64 after = writeRun(
                {{u"/a"_s, 200, 90, ErrorKind::None, R"({"at":"now"})"}, {u"/b"_s, 404, 10}});
        const Expected<CheckReport> report
                = reportCheck(m_history.path, u"health"_s, before, after, 500);
        QVERIFY(report);
        QVERIFY(!report->differs());
        QCOMPARE(report->bodyChanges, 1);
        QCOMPARE(report->sentence(), u"No change since run %1: 1 ok, 1 failed."_s.arg(before));
    }

    // A row that stops meeting its expectations is news, and so is one that meets them
    // again; another extracted value alone is counted, not told.
    void expectationsThatStartOrStopHoldingAreNews()
    {
        const qint64 before
                = writeRun({{u"/a"_s, 200, 40, ErrorKind::None, "{}", Verdict::Passed, u"4.5"_s},
                            {u"/b"_s, 200, 40, ErrorKind::None, "{}", Verdict::Failed, u"9"_s},
                            {u"/c"_s, 200, 40, ErrorKind::None, "{}", Verdict::Passed, u"1"_s}});
        const qint64 after
                = writeRun({{u"/a"_s, 200, 40, ErrorKind::None, "{}", Verdict::Failed, u"4.5"_s},
                            {u"/b"_s, 200, 40, ErrorKind::None, "{}", Verdict::Passed, u"9"_s},
                            {u"/c"_s, 200, 40, ErrorKind::None, "{}", Verdict::Passed, u"2"_s}});
        const Expected<CheckReport> report
                = reportCheck(m_history.path, u"shop"_s, before, after, 0);
        QVERIFY_RESULT(report);
        QVERIFY(report->differs());
        QCOMPARE(report->changedRows, 2);
        QCOMPARE(report->stoppedMeeting, 1);
        QCOMPARE(report->startedMeeting, 1);
        QCOMPARE(report->valueChanges, 1);
        const QString sentence = report->sentence();
        QVERIFY2(sentence.contains(u"1 no longer meet their expectations"_s), qPrintable(sentence));
        QVERIFY2(sentence.contains(u"https://api.example/a: no longer meets its expectations"_s),
                 qPrintable(sentence));
        const QJsonObject json = report->toJson();
        QCOMPARE(json[u"event"_s].toString(), u"check_changed"_s);
        QCOMPARE(json[u"changes"_s][u"stopped_meeting_expectations"_s].toInt(), 1);
        QCOMPARE(json[u"changed_rows"_s][0][u"what"_s][0].toString(), u"expectations"_s);
    }

    void findsEveryKindOfChange()
    {
        const qint64 before = writeRun({
                {u"/status"_s, 200},
                {u"/error"_s, 200},
                {u"/slow"_s, 200, 100},
                {u"/fast"_s, 200, 900},
                {u"/gone"_s, 200},
                {u"/same?api_key=hunter2"_s, 200},
        });
        const qint64 after = writeRun({
                {u"/status"_s, 503},
                {u"/error"_s, 0, 10'000, ErrorKind::Timeout},
                {u"/slow"_s, 200, 800},
                {u"/fast"_s, 200, 120},
                {u"/same?api_key=hunter2"_s, 200},
                {u"/new?api_key=hunter2"_s, 200},
        });
        const Expected<CheckReport> report
                = reportCheck(m_history.path, u"health"_s, before, after, 500);
        QVERIFY(report);
        QVERIFY(report->differs());
        QCOMPARE(report->statusChanges, 2); // 200 -> 503, and 200 -> no answer
        QCOMPARE(report->errorChanges, 1);
        QCOMPARE(report->slowerRows, 1);
        QCOMPARE(report->fasterRows, 1);
        QCOMPARE(report->newRows, 1);
        QCOMPARE(report->goneRows, 1);
        QCOMPARE(report->changedRows, 6);
        // The first changed addresses are named with what changed, the rest counted.
        QCOMPARE(report->sentence(),
                 u"6 rows changed since run %1: 2 changed status, 1 changed error, 1 new, 1 gone, "
                 "1 slower than 500 ms, 1 back under 500 ms. https://api.example/status: "
                 "200 \u2192 503; https://api.example/error: 200 \u2192 no answer (%2); "
                 "https://api.example/slow: 800 ms, over 500 ms; and 3 more."_s.arg(before)
                         .arg(salvo::errorKindLabel(ErrorKind::Timeout)));
        QVERIFY(!report->changesNamed(10).contains(u"hunter2"));
        QVERIFY2(report->changesNamed(10).contains(u"https://api.example/gone: no longer checked"),
                 qPrintable(report->changesNamed(10)));

        // The webhook's document: counts, and each change without the secret in its address.
        const QJsonObject json = report->toJson();
        QCOMPARE(json.value(u"event"_s).toString(), u"check_changed"_s);
        QCOMPARE(json.value(u"schedule"_s).toString(), u"health"_s);
        QCOMPARE(json.value(u"compared_with_run_id"_s).toInteger(), before);
        QCOMPARE(json.value(u"latency_threshold_ms"_s).toInteger(), 500);
        QCOMPARE(json.value(u"changes"_s).toObject().value(u"slower"_s).toInt(), 1);
        const QJsonArray rows = json.value(u"changed_rows"_s).toArray();
        QCOMPARE(rows.size(), 6);
        const QJsonObject first = rows.at(0).toObject();
        QCOMPARE(first.value(u"url"_s).toString(), u"https://api.example/status"_s);
        QCOMPARE(first.value(u"before"_s).toObject().value(u"status"_s).toInt(), 200);
        QCOMPARE(first.value(u"after"_s).toObject().value(u"status"_s).toInt(), 503);
        QCOMPARE(first.value(u"what"_s).toArray(), QJsonArray{u"status"_s});
        const QJsonObject timedOut = rows.at(1).toObject();
        QCOMPARE(timedOut.value(u"after"_s).toObject().value(u"error"_s).toString(), u"timeout"_s);
        const QByteArray text = QJsonDocument(json).toJson();
        QVERIFY2(!text.contains("hunter2"), text.constData());
        QVERIFY(text.contains("api_key=REDACTED"));
    }

    void listsTheFirstChangesOnly()
    {
        QList<Row> before;
        QList<Row> after;
        for (int i = 0; i < 50; ++i) {
            before.append({u"/item/%1"_s.arg(i), 200});
            after.append({u"/item/%1"_s.arg(i), 500});
        }
        const Expected<CheckReport> report
                = reportCheck(m_history.path, u"items"_s, writeRun(before), writeRun(after), 0);
        QVERIFY(report);
        QCOMPARE(report->changedRows, 50);
        QCOMPARE(report->changes.size(), CheckReport::maxListedChanges);
    }

    void aDeletedPreviousCheckMakesANewBaseline()
    {
        const qint64 after = writeRun({{u"/a"_s}});
        const Expected<CheckReport> report
                = reportCheck(m_history.path, u"health"_s, 9999, after, 0);
        QVERIFY(report);
        QVERIFY(!report->differs());
        QCOMPARE(report->previousRunId, 0);
        QCOMPARE(report->sentence(),
                 u"Run 9999, the check before, is no longer in the history: this check (run %1) "
                 "is the new baseline."_s.arg(after));
    }

    void aCertificateThatRunsOutSoonIsNewsEveryCheck()
    {
        Row soon{.path = u"/a"_s, .host = u"soon.example"_s, .certificateDaysLeft = 9};
        Row later{.path = u"/b"_s, .host = u"later.example"_s, .certificateDaysLeft = 40};
        Row gone{.path = u"/c"_s, .host = u"gone.example:8443"_s, .certificateDaysLeft = -2};
        const qint64 before = writeRun({soon, later, gone});
        const qint64 after = writeRun({soon, later, gone});
        const Expected<CheckReport> report
                = reportCheck(m_history.path, u"health"_s, before, after, 0, 14);
        QVERIFY_RESULT(report);
        QVERIFY(!report->differs());
        QVERIFY(report->isNews());
        QCOMPARE(report->expiringCertificates.size(), 2);
        QCOMPARE(report->expiringCertificates.at(0).host, u"gone.example:8443"_s);
        QCOMPARE(report->expiringCertificates.at(1).host, u"soon.example"_s);
        QCOMPARE(report->expiringCertificates.at(1).daysLeft, 9);
        const QString sentence = report->sentence();
        QVERIFY2(sentence.contains(u"The certificate of soon.example expires in 9 days ("_s
                                   + QDate::currentDate().addDays(9).toString(Qt::ISODate) + u")."),
                 qPrintable(sentence));
        QVERIFY2(sentence.contains(u"The certificate of gone.example:8443 expired on"_s),
                 qPrintable(sentence));
        QVERIFY(!sentence.contains(u"later.example"_s));
        const QJsonObject json = report->toJson();
        QCOMPARE(json.value(u"event"_s).toString(), u"certificate_expiring"_s);
        QCOMPARE(json.value(u"expiring_certificates"_s).toArray().size(), 2);

        // Not watched: no news.
        const Expected<CheckReport> unwatched
                = reportCheck(m_history.path, u"health"_s, before, after, 0, 0);
        QVERIFY_RESULT(unwatched);
        QVERIFY(!unwatched->isNews());
    }

    void aCheckNotInTheHistoryIsAnError()
    {
        const Expected<CheckReport> report = reportCheck(m_history.path, u"x"_s, 0, 777, 0);
        QVERIFY(!report);
        QCOMPARE(report.error().code, ErrorCode::NoSuchRun);
    }

private:
    qint64 writeRun(const QList<Row> &rows)
    {
        RunOptions options;
        options.keepBodies = true;
        ResultBatch results;
        for (int index = 0; index < rows.size(); ++index) {
            const Row &row = rows.at(index);
            Result result;
            result.index = index;
            result.line = index + 1;
            result.url = u"https://"_s + row.host + row.path;
            // Each row on a connection of its own, which read the certificate.
            result.connection.connectMs = 1;
            result.connection.certificateExpires
                    = QDate::currentDate().addDays(row.certificateDaysLeft);
            result.method = "GET";
            result.status = row.status;
            result.error = row.error;
            result.elapsedMs = row.elapsedMs;
            if (row.status > 0) {
                result.body = row.body;
                result.bytes = row.body.size();
            }
            result.attempts = 1;
            result.verdict = row.verdict;
            if (!row.price.isEmpty())
                result.extracted = {row.price};
            results.append(result);
        }
        auto plan = std::make_shared<InspectionPlan>();
        plan->expectations.append(Expectation::parse(Expectation::Kind::Status, u"200"_s).value());
        plan->extractors.append(Extractor::parse(u"price=.price"_s).value());
        return writeFinishedRun(*m_history.store, results, options, std::move(plan));
    }

    test::HistoryFixture m_history;
};

QTEST_GUILESS_MAIN(TestCheckReport)
#include "tst_checkreport.moc"
