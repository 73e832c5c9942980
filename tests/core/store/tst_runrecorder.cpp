// RunRecorder, what it tells whoever records a run: every answer of the store comes from the
// event loop (never from within begin() or end()), and in the store's order, whatever the
// timing: the run's id or why the history is off before ended(), and a write that failed
// before ended(). The run ends at once after begin() (before the store has answered) or once
// the store has answered, against real SQLite files that fail as each test explains.

#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <memory>

#include "StoreTestSupport.h"
#include "store/RunHistory.h"
#include "store/RunRecorder.h"
#include "store/RunStore.h"

using namespace Qt::StringLiterals;
using namespace salvo;
using salvo::test::answeredRows;
using salvo::test::RawSql;
using salvo::test::urlListBatch;

namespace {

constexpr auto shortBusyTimeout = std::chrono::milliseconds(200);

// What a recorder said, in order: "ready <id>", "historyOff: <message>",
// "historyCut <id>: <message>", "flushTimedOut", "ended".
class Told
{
public:
    explicit Told(RunRecorder &recorder)
    {
        QObject::connect(&recorder, &RunRecorder::ready,
                         [this](qint64 runId) { events.append(u"ready %1"_s.arg(runId)); });
        QObject::connect(&recorder, &RunRecorder::historyOff, [this](const QString &message) {
            events.append(u"historyOff: "_s + message);
        });
        QObject::connect(&recorder, &RunRecorder::historyCut,
                         [this](qint64 runId, const QString &message) {
                             events.append(u"historyCut %1: %2"_s.arg(runId).arg(message));
                         });
        QObject::connect(&recorder, &RunRecorder::flushTimedOut,
                         [this] { events.append(u"flushTimedOut"_s); });
        QObject::connect(&recorder, &RunRecorder::ended, [this] { events.append(u"ended"_s); });
    }

    bool hasEnded() const { return events.contains(u"ended"_s); }

    QStringList events;
};

} // namespace

class TestRunRecorder final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void historyOffComesWithItsReasonBeforeEnded_data();
    void historyOffComesWithItsReasonBeforeEnded();
    void aRunThatEndsBeforeTheStoreAnswersKeepsItsId();
    void aWriteThatFailsBeforeTheEndIsSaidBeforeIt();

private:
    // A history file the store can open, for a test to spoil.
    bool makeHistory();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestRunRecorder::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"history.sqlite"_s);
}

void TestRunRecorder::cleanup()
{
    m_dir.reset();
}

bool TestRunRecorder::makeHistory()
{
    RunStore store({.path = m_path});
    return bool(store.open().result());
}

void TestRunRecorder::historyOffComesWithItsReasonBeforeEnded_data()
{
    QTest::addColumn<QString>("problem");
    QTest::addColumn<bool>("endsAtOnce"); // else once the store has answered
    QTest::addColumn<QString>("says");
    QTest::addColumn<int>("rounds"); // more where a round is cheap, for more timings
    for (const bool atOnce : {true, false}) {
        const char *when = atOnce ? "the run ends at once" : "the run ends after the answer";
        QTest::addRow("folder cannot be made, %s", when)
                << u"no-folder"_s << atOnce << u"cannot be created"_s << 20;
        QTest::addRow("damaged file, %s", when)
                << u"damaged"_s << atOnce << u"not a Salvo history file"_s << 20;
        // The store answers only after the busy timeout: the run has long ended by then.
        QTest::addRow("locked by another program, %s", when)
                << u"locked"_s << atOnce << u"locked for more than 0.2 s"_s << 1;
    }
}

// The history cannot be opened: ready(0) and the reason as the store gave it, then ended(),
// never ended() alone, and nothing from within begin() or end(), where a caller that connects
// after making the recorder (RunSession's own callers do) would not hear it.
void TestRunRecorder::historyOffComesWithItsReasonBeforeEnded()
{
    QFETCH(QString, problem);
    QFETCH(bool, endsAtOnce);
    QFETCH(QString, says);
    QFETCH(int, rounds);
    QString path = m_path;
    std::unique_ptr<RawSql> locker;
    if (problem == u"no-folder") {
        path = u"/proc/salvo-no-such-folder/history.sqlite"_s;
    } else if (problem == u"damaged") {
        QByteArray noise(qsizetype(32) * 1024, Qt::Uninitialized);
        QRandomGenerator(7).fillRange(reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(noise), noise.size());
    } else {
        QVERIFY(makeHistory());
        locker = std::make_unique<RawSql>(path);
        QVERIFY(locker->exec(u"BEGIN EXCLUSIVE"_s));
    }
    for (int round = 0; round < rounds; ++round) {
        RunRecorder recorder(StoreConfig{.path = path, .busyTimeout = shortBusyTimeout});
        Told told(recorder);
        recorder.begin(urlListBatch(3), {}, std::nullopt, u"three rows"_s);
        QVERIFY2(told.events.isEmpty(), qPrintable(told.events.join(u" | ")));
        if (!endsAtOnce)
            QTRY_VERIFY_WITH_TIMEOUT(!told.events.isEmpty(), 10'000);
        recorder.append(answeredRows(0, 3));
        const qsizetype toldBeforeEnd = told.events.size();
        recorder.end(RunState::Finished);
        QCOMPARE(told.events.size(), toldBeforeEnd); // nothing from within end() either
        QTRY_VERIFY_WITH_TIMEOUT(told.hasEnded(), 10'000);

        QCOMPARE(told.events.size(), 3);
        QVERIFY2(told.events.at(0).startsWith(u"historyOff: "_s), qPrintable(told.events.at(0)));
        QVERIFY2(told.events.at(0).contains(says), qPrintable(told.events.at(0)));
        // The reason as it is, not wrapped in the store's sentence for writeFailed().
        QVERIFY2(!told.events.at(0).contains(u"This run is not saved"_s),
                 qPrintable(told.events.at(0)));
        QCOMPARE(told.events.at(1), u"ready 0"_s);
        QCOMPARE(told.events.at(2), u"ended"_s);
        QCOMPARE(recorder.savedRunId(), 0);
    }
}

// The run ends before the store has begun it in the file: it still gets its id, before ended(),
// and the history holds the run whole.
void TestRunRecorder::aRunThatEndsBeforeTheStoreAnswersKeepsItsId()
{
    for (int round = 0; round < 20; ++round) {
        qint64 runId = 0;
        {
            RunRecorder recorder(m_path);
            Told told(recorder);
            recorder.begin(urlListBatch(3), {}, std::nullopt, u"three rows"_s);
            recorder.append(answeredRows(0, 3));
            recorder.end(RunState::Finished);
            QVERIFY2(told.events.isEmpty(), qPrintable(told.events.join(u" | ")));
            QTRY_VERIFY_WITH_TIMEOUT(told.hasEnded(), 10'000);
            QCOMPARE(told.events.size(), 2);
            QVERIFY2(told.events.at(0).startsWith(u"ready "_s), qPrintable(told.events.at(0)));
            runId = told.events.at(0).mid(6).toLongLong();
            QVERIFY2(runId > 0, qPrintable(told.events.at(0)));
            QCOMPARE(told.events.at(1), u"ended"_s);
            QCOMPARE(recorder.savedRunId(), runId);
        }
        RunHistory history(m_path);
        QVERIFY(history.open());
        const Expected<RunSummary> run = history.run(runId);
        QVERIFY(run);
        QCOMPARE(run->state, RunState::Finished);
        QCOMPARE(run->resultCount, 3);
    }
}

// A batch that cannot be written (another program took the file's lock mid-run) and the end
// asked for at once after it: the cut is said, then ended(), never ended() alone.
void TestRunRecorder::aWriteThatFailsBeforeTheEndIsSaidBeforeIt()
{
    QVERIFY(makeHistory());
    RunRecorder recorder(StoreConfig{.path = m_path, .busyTimeout = shortBusyTimeout});
    Told told(recorder);
    recorder.begin(urlListBatch(6), {}, std::nullopt, u"six rows"_s);
    recorder.append(answeredRows(0, 3));
    QTRY_VERIFY_WITH_TIMEOUT(!told.events.isEmpty(), 10'000);
    QVERIFY2(told.events.at(0).startsWith(u"ready "_s), qPrintable(told.events.at(0)));
    const qint64 runId = told.events.at(0).mid(6).toLongLong();
    QVERIFY(runId > 0);

    RawSql other(m_path);
    QVERIFY(other.exec(u"BEGIN EXCLUSIVE"_s));
    recorder.append(answeredRows(3, 3));
    recorder.end(RunState::Finished);
    QCOMPARE(told.events.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(told.hasEnded(), 10'000);
    QVERIFY(other.exec(u"ROLLBACK"_s));

    QCOMPARE(told.events.size(), 3);
    const QString cut = u"historyCut %1: "_s.arg(runId);
    QVERIFY2(told.events.at(1).startsWith(cut), qPrintable(told.events.at(1)));
    QVERIFY2(told.events.at(1).contains(u"locked for more than 0.2 s"_s),
             qPrintable(told.events.at(1)));
    QCOMPARE(told.events.at(2), u"ended"_s);
    QCOMPARE(recorder.savedRunId(), 0); // the history does not hold the run whole
}

QTEST_GUILESS_MAIN(TestRunRecorder)
#include "tst_runrecorder.moc"
