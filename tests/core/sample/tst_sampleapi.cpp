// The sample batch against the sample API shows a newcomer every kind of result.

#include <QTest>

#include "NetworkIsolation.h"
#include "RunRecorder.h"
#include "batch/UrlListParser.h"
#include "sample/SampleApi.h"

using namespace salvo;
using namespace std::chrono_literals;

class TestSampleApi final : public QObject
{
    Q_OBJECT

private slots:
    void sampleBatchShowsEveryKindOfResult()
    {
        SampleApi api;
        QVERIFY(api.start());
        QCOMPARE(api.baseUrl().host(), QStringLiteral("127.0.0.1"));

        BatchSpec spec;
        spec.rows = parseUrlList(api.sampleBatch());
        QCOMPARE(spec.rows.size(), 16);
        RunOptions options;
        options.inactivity = SampleApi::inactivityTimeout;
        RunRecorder recorder(spec, options);
        QVERIFY(recorder.runToEnd(10000));
        QCOMPARE(recorder.results.size(), spec.rows.size());

        QSet<int> statuses;
        QSet<ErrorKind> errors;
        bool followedRedirect = false;
        for (const Result &result : std::as_const(recorder.results)) {
            statuses.insert(result.status);
            errors.insert(result.error);
            followedRedirect = followedRedirect || !result.redirects.isEmpty();
        }
        QVERIFY(statuses.contains(200));
        QVERIFY(statuses.contains(404));
        QVERIFY(statuses.contains(500));
        QVERIFY(followedRedirect);
        QVERIFY(errors.contains(ErrorKind::Timeout));
        QVERIFY(errors.contains(ErrorKind::InvalidUrl));
        QVERIFY(errors.contains(ErrorKind::UnsupportedScheme));
        QCOMPARE(recorder.lastProgress.ok, 10);
    }
};

int main(int argc, char *argv[])
{
    isolateNetwork();
    QCoreApplication app(argc, argv);
    TestSampleApi test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_sampleapi.moc"
