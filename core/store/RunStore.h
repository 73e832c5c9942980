#pragma once

// core/store owns the run history: one SQLite file with its schema and forward migrations,
// RunStore (the writer, on a thread of its own, one transaction per batch of results) and
// RunHistory (the queries: the list of runs, a page of results, one body, what a resume needs).

#include <QFuture>
#include <QObject>
#include <QStringList>
#include <QThread>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>

#include "Expected.h"
#include "StoreTypes.h"
#include "batch/BatchInput.h"
#include "batch/BatchSpec.h"
#include "engine/RunOptions.h"
#include "result/Result.h"

namespace salvo {

class StoreWriter;

struct StoreConfig
{
    QString path; // defaultHistoryPath() in the apps

    // The backlog bound: results queued but not yet committed, counted in rows and in bytes
    // (bodies make rows of very different sizes). Past either, backlogChanged(true) asks the
    // caller to pause its run; below half of both, backlogChanged(false) lets it go on.
    int backlogRows = 50'000;
    qint64 backlogBytes = qint64(256) << 20;

    // How long a write waits for another process's lock before it is reported as Busy.
    std::chrono::milliseconds busyTimeout{5'000};

    // For tests, to make failures that are hard to make for real: QSQLITE connect options
    // added at open (QSQLITE_OPEN_READONLY) and pragmas run after the schema is in place
    // (PRAGMA max_page_count, which makes SQLite report a full disk).
    QString extraConnectOptions;
    QStringList extraPragmas;
};

// Saves runs to the history file as they go. Every call returns at once: the work is queued
// to the store thread, which owns the SQLite connection and does it in call order. Results are
// committed one batch per transaction together with the run's counters, so after a crash the
// file holds every batch that was committed and nothing of the one in flight.
//
// Run ids: SQLite hands out a run's id when its row is inserted, on the store thread, and
// neither a window nor a CLI should wait for the disk to start a run. beginRun() therefore
// returns a ticket at once; later calls name the run by its ticket and the store thread, which
// does the calls in order, knows the id by then. runBegun(ticket, id) tells the id to whoever
// needs it (a history list, a "resume run 42" hint). Allocating ids on the caller's side is not
// safe: a CLI and a window may write to the same file at once.
//
// When the history cannot be written (full disk, read-only or damaged file, a lock held by
// another program), writeFailed() says so in plain words and the run goes on without it:
// nothing is thrown and nothing blocks. The batches that failed are missing from the history,
// where RunHistory::missingRows() finds them for a resume.
//
// Use it from the thread that created it; destroying it waits until every queued write is
// done (or has failed), then stops the thread. Runs begun but not finished by then are saved
// as interrupted.
class RunStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunStore)

public:
    explicit RunStore(StoreConfig config, QObject *parent = nullptr);
    ~RunStore() override;

    // Opens the file, creating or upgrading it, and saves the runs of processes that died
    // mid-run as interrupted. The future is ready when that is done: the
    // CLI may wait for it, the window continues with QFuture::then(this, ...). Calls made
    // before it is ready are queued behind it; beginRun() opens the file itself when open()
    // was not called. Calling it again after a failure tries again.
    QFuture<Expected<>> open();

    // Saves a new run of `batch`: its rows as they run (what a resume sends again, see
    // RunHistory::runRows), its method, headers (secrets withheld) and body. `input` is the
    // text a person gave, kept so the window can open the batch again; a run without one (a
    // sample) keeps only its rows. The rows are encoded on the store thread: a million cost
    // it about half a second, and the caller nothing. batchName labels the run in the history
    // list; empty: the URL template, else the first row's address. parentRunId links a re-run
    // of some of a run's rows to that run (0: none); a parent no longer in the history is
    // left out, as deleting it later would.
    RunTicket beginRun(const BatchSpec &batch, const RunOptions &options,
                       const std::optional<BatchInput> &input = std::nullopt,
                       const QString &batchName = {}, qint64 parentRunId = 0);
    // Continues a stored run (an interrupted one): it is marked running again, and the results
    // appended for the ticket complete it. Appending a row it already holds fails that batch.
    RunTicket resumeRun(qint64 runId);
    // Queues one transaction: every result of the batch and the run's counters, or nothing.
    void appendResults(RunTicket run, const ResultBatch &results);
    void finishRun(RunTicket run, RunState state);

    // Ready when everything queued before it has been committed or has failed.
    QFuture<void> flush();
    // The same, told by flushed(), which comes the way runBegun, runRefused and writeFailed
    // come: queued from the store thread in the order it did the work, so it arrives after
    // every one of them sent for the work queued before it. A future does not promise that:
    // QFuture::then(context, ...) on a future already finished runs at once, ahead of signals
    // still queued.
    void requestFlush();

    // Queued and not yet committed.
    int pendingRows() const { return m_backlog.rows.load(); }
    qint64 pendingBytes() const { return m_backlog.bytes.load(); }
    bool isOverBound() const { return m_backlog.overBound.load(); }
    const StoreConfig &config() const { return m_config; }

signals:
    void runBegun(salvo::RunTicket run, qint64 runId);
    // The run could not be begun or resumed: nothing of it is in the history. The reason as
    // it is (why the file could not be opened, say); writeFailed() follows with it in a
    // sentence of its own, for callers that watch only that.
    void runRefused(salvo::RunTicket run, const QString &reason);
    // A sentence for a person: what was not saved and why.
    void writeFailed(const QString &message);
    // True: the backlog passed the bound, pause the run. False: it is below half again.
    void backlogChanged(bool overBound);
    // After requestFlush(): everything queued before it is done.
    void flushed();

private:
    friend class StoreWriter;

    // Shared with the store thread, which counts the backlog down as it commits.
    struct Backlog
    {
        std::atomic<int> rows{0};
        std::atomic<qint64> bytes{0};
        std::atomic<bool> overBound{false};
    };

    void handleBacklogDrained();
    template<typename Work>
    void post(Work &&work);

    StoreConfig m_config;
    Backlog m_backlog;
    RunTicket m_lastTicket = 0;
    QThread m_thread;
    std::unique_ptr<StoreWriter> m_writer;
};

} // namespace salvo
