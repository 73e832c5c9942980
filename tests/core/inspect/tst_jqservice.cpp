// JqService and salvo-jq: jq expressions evaluated in the one jq process, in order, with
// their values as cells show them; a body that is not JSON, a compile error and a run-time
// error in words; an expression that runs away in time or memory stopped, and jq restarted
// for the next ones.

#include <QCoroTask>
#include <QMutex>
#include <QSet>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

#include "inspect/JqService.h"

using namespace salvo;
using jqwire::Op;

namespace {

JqOutcome run(Op op, const QByteArray &program, const QByteArray &input = {})
{
    QFuture<JqOutcome> future = JqService::instance().submit(op, program, input);
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 20000))
        return {JqOutcome::Kind::Stopped, QStringLiteral("the test waited 20 s")};
    return future.result();
}

QList<JqOutcome> runAll(jqwire::Request request)
{
    QFuture<QList<JqOutcome>> future = JqService::instance().submit(std::move(request));
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 20000))
        return {};
    return future.result();
}

// Awaits `count` answers one after another from a coroutine on the calling thread, noting each
// value and whether it came back on that thread.
QCoro::Task<> awaitAnswers(int first, int count, QList<int> *values, std::atomic<int> *elsewhere,
                           std::atomic<int> *finished)
{
    QThread *const home = QThread::currentThread();
    for (int n = first; n < first + count; ++n) {
        // Built before the co_await: GCC 12 cannot take a braced list inside one.
        jqwire::Request request;
        request.programs.append({Op::Extract, ".n * 2"});
        request.programs.append({Op::Test, ".n >= 0"});
        request.input = QByteArray("{\"n\":") + QByteArray::number(n) + '}';
        const QList<JqOutcome> outcomes
                = co_await JqService::instance().answers(std::move(request));
        if (QThread::currentThread() != home)
            ++*elsewhere;
        values->append(outcomes.value(1).text == u"true" ? outcomes.value(0).text.toInt() / 2 : -1);
    }
    ++*finished;
}

} // namespace

class TestJqService final : public QObject
{
    Q_OBJECT

private slots:
    void valuesAreCellTexts_data()
    {
        QTest::addColumn<QByteArray>("program");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("text");
        const int value = int(JqOutcome::Kind::Value);
        const int null = int(JqOutcome::Kind::Null);
        QTest::newRow("string, raw")
                << QByteArray(".name") << QByteArray("{\"name\":\"Ölçü \\\"x\\\"\"}") << value
                << QStringLiteral("Ölçü \"x\"");
        QTest::newRow("number, shortest")
                << QByteArray(".items[1].price") << QByteArray("{\"items\":[{},{\"price\":12.50}]}")
                << value << QStringLiteral("12.5");
        QTest::newRow("object, compact")
                << QByteArray(".a") << QByteArray("{\"a\": {\"b\": [1, 2]}}") << value
                << QStringLiteral("{\"b\":[1,2]}");
        QTest::newRow("computed") << QByteArray("[.items[].qty] | add")
                                  << QByteArray("{\"items\":[{\"qty\":2},{\"qty\":3}]}") << value
                                  << QStringLiteral("5");
        QTest::newRow("missing key is null")
                << QByteArray(".nope") << QByteArray("{}") << null << QString();
        QTest::newRow("no output is null")
                << QByteArray("empty") << QByteArray("{}") << null << QString();
    }

    void valuesAreCellTexts()
    {
        QFETCH(QByteArray, program);
        QFETCH(QByteArray, input);
        QFETCH(int, kind);
        QFETCH(QString, text);
        const JqOutcome outcome = run(Op::Extract, program, input);
        QCOMPARE(int(outcome.kind), kind);
        QCOMPARE(outcome.text, text);
    }

    void testsSayTrueOrFalse()
    {
        const QByteArray stock = "{\"inStock\": true, \"items\": []}";
        QCOMPARE(run(Op::Test, ".inStock == true", stock).text, QStringLiteral("true"));
        QCOMPARE(run(Op::Test, ".items | length > 0", stock).text, QStringLiteral("false"));
        QCOMPARE(run(Op::Test, ".missing", stock).text, QStringLiteral("null"));
        QCOMPARE(run(Op::Test, "empty", stock).text, QStringLiteral("false"));
    }

    void notJsonIsSaid()
    {
        QCOMPARE(run(Op::Extract, ".a", "<html>not json</html>").kind, JqOutcome::Kind::NotJson);
        QCOMPARE(run(Op::Test, ".a", "").kind, JqOutcome::Kind::NotJson);
    }

    void compileErrorsAreWords()
    {
        const JqOutcome outcome = run(Op::Check, ".items[");
        QCOMPARE(outcome.kind, JqOutcome::Kind::Error);
        QVERIFY2(outcome.text.contains(u"syntax error"), qPrintable(outcome.text));
        QVERIFY2(!outcome.text.startsWith(u"jq: error"), qPrintable(outcome.text));
        QCOMPARE(run(Op::Check, ".items[0].price").kind, JqOutcome::Kind::Null);
    }

    void runTimeErrorsAreWords()
    {
        const JqOutcome outcome = run(Op::Extract, ".a.b", "{\"a\": 5}");
        QCOMPARE(outcome.kind, JqOutcome::Kind::Error);
        QVERIFY2(outcome.text.contains(u"Cannot index number"), qPrintable(outcome.text));
    }

    void theEnvironmentIsNotVisible()
    {
        qputenv("SALVO_TEST_SECRET", "s3cret");
        const JqOutcome outcome = run(Op::Extract, "env.SALVO_TEST_SECRET", "{}");
        QCOMPARE(outcome.kind, JqOutcome::Kind::Null);
    }

    void aLoopIsStoppedAndTheNextOnesRun()
    {
        // Queued behind the loop: they must still be answered, by a new jq.
        QFuture<JqOutcome> loop
                = JqService::instance().submit(Op::Extract, "last(range(1e15))", "{}");
        QFuture<JqOutcome> after = JqService::instance().submit(Op::Extract, ".x", "{\"x\":1}");
        QVERIFY(QTest::qWaitFor([&] { return after.isFinished(); }, 30000));
        QCOMPARE(loop.result().kind, JqOutcome::Kind::Stopped);
        QVERIFY2(loop.result().text.contains(u"was stopped"), qPrintable(loop.result().text));
        QCOMPARE(after.result().kind, JqOutcome::Kind::Value);
        QCOMPARE(after.result().text, QStringLiteral("1"));
    }

    void memoryRunningAwayIsStopped()
    {
        // A string that doubles 40 times: a terabyte, asked for in milliseconds.
        const JqOutcome outcome
                = run(Op::Extract, "reduce range(40) as $i (\"x\"; . + .) | length", "{}");
        QCOMPARE(outcome.kind, JqOutcome::Kind::Stopped);
        QVERIFY2(outcome.text.contains(u"MB") || outcome.text.contains(u"memory"),
                 qPrintable(outcome.text));
        QCOMPARE(run(Op::Extract, ".y", "{\"y\":\"fine\"}").text, QStringLiteral("fine"));
    }

    void severalProgramsOnOneBodyAnswerEachInOrder()
    {
        const QList<JqOutcome> outcomes = runAll({.programs = {{Op::Extract, ".a"},
                                                               {Op::Test, ".a > 1"},
                                                               {Op::Extract, ".a.b"},
                                                               {Op::Check, ".items["},
                                                               {Op::Extract, "empty"},
                                                               {Op::Test, ".missing"}},
                                                  .input = "{\"a\": 2}"});
        QCOMPARE(outcomes.size(), 6);
        QCOMPARE(outcomes[0].kind, JqOutcome::Kind::Value);
        QCOMPARE(outcomes[0].text, QStringLiteral("2"));
        QCOMPARE(outcomes[1].text, QStringLiteral("true"));
        QCOMPARE(outcomes[2].kind, JqOutcome::Kind::Error);
        QVERIFY2(outcomes[2].text.contains(u"Cannot index number"), qPrintable(outcomes[2].text));
        QCOMPARE(outcomes[3].kind, JqOutcome::Kind::Error);
        QVERIFY2(outcomes[3].text.contains(u"syntax error"), qPrintable(outcomes[3].text));
        QCOMPARE(outcomes[4].kind, JqOutcome::Kind::Null);
        QCOMPARE(outcomes[5].text, QStringLiteral("null"));
    }

    void aBodyThatIsNotJsonIsSaidForEachProgram()
    {
        const QList<JqOutcome> outcomes = runAll(
                {.programs = {{Op::Extract, ".a"}, {Op::Extract, ".["}, {Op::Test, ".b | length"}},
                 .input = "<html>not json</html>"});
        QCOMPARE(outcomes.size(), 3);
        QCOMPARE(outcomes[0].kind, JqOutcome::Kind::NotJson);
        QCOMPARE(outcomes[1].kind,
                 JqOutcome::Kind::Error); // it does not compile, whatever the body
        QCOMPARE(outcomes[2].kind, JqOutcome::Kind::NotJson);
    }

    void aLoopStopsEveryProgramOfItsRequestAndTheNextRequestRuns()
    {
        QFuture<QList<JqOutcome>> looping = JqService::instance().submit(
                {.programs = {{Op::Extract, ".x"}, {Op::Extract, "last(range(1e15))"}},
                 .input = "{\"x\":1}"});
        QFuture<QList<JqOutcome>> after = JqService::instance().submit(
                {.programs = {{Op::Extract, ".x"}, {Op::Test, ".x == 1"}}, .input = "{\"x\":1}"});
        QVERIFY(QTest::qWaitFor([&] { return after.isFinished(); }, 30000));
        const QList<JqOutcome> stopped = looping.result();
        QCOMPARE(stopped.size(), 2);
        for (const JqOutcome &outcome : stopped) {
            QCOMPARE(outcome.kind, JqOutcome::Kind::Stopped);
            QVERIFY2(outcome.text.contains(u"was stopped"), qPrintable(outcome.text));
        }
        QCOMPARE(after.result().size(), 2);
        QCOMPARE(after.result().at(0).text, QStringLiteral("1"));
        QCOMPARE(after.result().at(1).text, QStringLiteral("true"));
    }

    void coroutinesOnSeveralThreadsAreResumedOnTheirOwnWithTheirOwnAnswers()
    {
        constexpr int threadCount = 3;
        constexpr int perThread = 200;
        std::atomic<int> elsewhere = 0;
        std::atomic<int> finished = 0;
        std::vector<QList<int>> values(threadCount);
        std::vector<std::unique_ptr<QThread>> threads;
        std::vector<std::unique_ptr<QObject>> contexts;
        for (int t = 0; t < threadCount; ++t) {
            threads.push_back(std::make_unique<QThread>());
            contexts.push_back(std::make_unique<QObject>());
            contexts.back()->moveToThread(threads.back().get());
            threads.back()->start();
            QMetaObject::invokeMethod(contexts.back().get(), [&, t] {
                awaitAnswers(t * 1000, perThread, &values[std::size_t(t)], &elsewhere, &finished);
            });
        }
        const bool allFinished = QTest::qWaitFor([&] { return finished == threadCount; }, 30000);
        for (int t = 0; t < threadCount; ++t) {
            QMetaObject::invokeMethod(
                    contexts[std::size_t(t)].get(),
                    [context = contexts[std::size_t(t)].get()] { delete context; },
                    Qt::BlockingQueuedConnection);
            contexts[std::size_t(t)].release();
            threads[std::size_t(t)]->quit();
            QVERIFY(threads[std::size_t(t)]->wait(10000));
        }
        QVERIFY(allFinished);
        QCOMPARE(elsewhere.load(), 0);
        for (int t = 0; t < threadCount; ++t) {
            QList<int> expected;
            for (int n = t * 1000; n < t * 1000 + perThread; ++n)
                expected.append(n);
            QCOMPARE(values[std::size_t(t)], expected);
        }
    }

    void manyAtOnceFromManyThreadsKeepTheirOwnAnswers()
    {
        QList<QFuture<JqOutcome>> futures;
        std::vector<std::unique_ptr<QThread>> threads;
        QMutex mutex;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back(QThread::create([&, t] {
                for (int i = 0; i < 250; ++i) {
                    const int n = t * 1000 + i;
                    QFuture<JqOutcome> future = JqService::instance().submit(
                            Op::Extract, ".n * 2",
                            QByteArray("{\"n\":") + QByteArray::number(n) + '}');
                    QMutexLocker lock(&mutex);
                    futures.append(future);
                }
            }));
            threads.back()->start();
        }
        for (auto &thread : threads)
            QVERIFY(thread->wait(20000));
        QCOMPARE(futures.size(), 1000);
        QSet<int> seen;
        for (QFuture<JqOutcome> &future : futures) {
            QVERIFY(QTest::qWaitFor([&] { return future.isFinished(); }, 20000));
            seen.insert(future.result().text.toInt() / 2);
        }
        QCOMPARE(seen.size(), 1000);
    }
};

QTEST_GUILESS_MAIN(TestJqService)
#include "tst_jqservice.moc"
