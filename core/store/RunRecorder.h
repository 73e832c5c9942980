#pragma once

#include <QIODevice>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <deque>
#include <memory>
#include <optional>

#include "batch/BatchInput.h"
#include "batch/BatchSpec.h"
#include "engine/RunOptions.h"
#include "result/Result.h"
#include "store/RunStore.h"

namespace salvo {

// Records one run in the history as it goes, for salvo-cli and the window alike. The run never
// depends on it: when the file cannot be written (read-only, locked, damaged, of a newer Salvo,
// a full disk) it says so once through a signal, and the run goes on. ready() gives the run's id
// once the store has it (0: the history is off for this run), so the caller can hold its first
// results until every record can carry the id.
//
// What the store answers comes from the event loop, never from within a call (a caller that
// makes this and connects afterwards misses nothing), and in the order the store did the work:
// ready() or historyOff() before ended(), and a write's failure before the end it preceded.
// Hence every answer of the store reaches this through its queued signals, none through a
// future: a continuation attached to a future already finished runs at once, inside the call,
// and ahead of the store's signals still queued. (backlogChanged(true) alone is said at once,
// by the append() that passes the bound.)
class RunRecorder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunRecorder)

public:
    explicit RunRecorder(const QString &path, QObject *parent = nullptr);
    // For tests: a store made as they need it (a short busy timeout, say).
    explicit RunRecorder(StoreConfig config, QObject *parent = nullptr);
    ~RunRecorder() override;

    // A new run, or more results for a stored one; ready() follows either way. parentRunId:
    // the run this one re-runs rows of (RunStore::beginRun), 0 for none.
    void begin(const BatchSpec &batch, const RunOptions &options,
               const std::optional<BatchInput> &input, const QString &batchName,
               qint64 parentRunId = 0);
    void resume(qint64 runId);
    // Rows cancelled (Ctrl+C, Stop) are not saved: they have no result yet, so a resume runs them.
    void append(const ResultBatch &results);
    // Saves how the run ended and waits for every write, at most flushTimeout; then ended().
    void end(RunState state);
    // Asks the store to say when every result appended so far is written or has failed:
    // flushed() follows, in order with the store's other answers. What a reader of the history
    // that found a row missing waits for (the writer is a batch behind).
    void requestFlush();

    // The run's id once ready() said it and nothing has failed since; else 0.
    qint64 savedRunId() const { return m_state == State::Recording ? m_runId : 0; }
    // True when end() stopped waiting for a store that did not finish: the caller must then
    // leave the process without destroying this (salvo-cli's main.cpp), as destruction waits
    // for the store.
    bool leftBehind() const { return m_leftBehind; }

    // Generous: a backlog at its bound (50,000 rows) takes a few seconds to commit; a file
    // that another program keeps locked costs 5 s per batch before each fails.
    static constexpr std::chrono::seconds flushTimeout{60};

signals:
    void ready(qint64 runId);
    // Forwarded from the store while it records: true asks the caller to pause its run.
    void backlogChanged(bool overBound);
    void ended();
    // After requestFlush(): every result appended before it is written, or failed.
    void flushed();
    // The run could not be begun in the history: nothing of it is there. A sentence.
    void historyOff(const QString &message);
    // A write failed mid-run: the history holds the run up to here, and a resume of runId
    // completes it.
    void historyCut(qint64 runId, const QString &message);
    // end() stopped waiting for the store; runId is 0 when the run had no id yet.
    void flushTimedOut(qint64 runId);

private:
    enum class State {
        Opening, // until the store has begun the run or failed to
        Recording,
        Cut, // a write failed mid-run: nothing more is sent, and the run ends interrupted
        Off, // the run could not be begun: nothing of it is in the history
    };

    void handleRunBegun(salvo::RunTicket ticket, qint64 runId);
    void handleRunRefused(salvo::RunTicket ticket, const QString &reason);
    void handleWriteFailed(const QString &message);
    void handleBacklogChanged(bool overBound);
    void handleFlushed();
    void handleFlushTimeout();
    void turnOff(const QString &message);

    // Whom each flush asked of the store is for, in the order the store answers them.
    enum class FlushFor { Reader, End };

    std::unique_ptr<RunStore> m_store;
    std::deque<FlushFor> m_flushesAsked;
    RunTicket m_ticket = 0;
    qint64 m_runId = 0;
    State m_state = State::Opening;
    bool m_ended = false;
    bool m_leftBehind = false;
    QTimer m_flushTimer;
};

} // namespace salvo
