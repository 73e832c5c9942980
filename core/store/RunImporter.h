#pragma once

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

#include "ImportPlan.h"
#include "StoreTypes.h"
#include "batch/BatchInput.h"
#include "engine/RunOptions.h"

namespace salvo {

class ResultLines;
class RunRecorder;

// What an import keeps besides its results: the run's name, options and input, as a run
// would keep them (RunStore::beginRun).
struct ImportedRun
{
    QString batchName;
    RunOptions options;
    std::optional<BatchInput> input; // the text the batch was read from, when given
};

// Writes an ImportPlan into the history as one run, through the recorder every run goes
// through: the plan's batch first, then each row's result read again from its file, one store
// transaction per batch of results, pausing while the store's backlog is over its bound. The
// run ends finished when every row has a result, cancelled when some were cancelled, and
// interrupted (incomplete, to resume) when some are in no file. finished() gives the run's id,
// or 0 with a sentence when the history could not take it whole.
class RunImporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunImporter)

public:
    RunImporter(QString historyPath, ImportPlan plan, ImportedRun run, QObject *parent = nullptr);
    ~RunImporter() override;

    void start();
    // The history did not finish its writes in time and was left as it is (RunRecorder).
    bool leftStoreBehind() const;

    // Results sent to the store in one transaction.
    static constexpr int resultsPerBatch = 1'000;

signals:
    void finished(qint64 runId, const QString &problem);

private:
    void handleReady(qint64 runId);
    void handleBacklogChanged(bool overBound);
    void handleEnded();
    // Sends batches until the files are read, the backlog is over its bound, or a file fails.
    void appendMore();
    // The next batch of chosen results; an empty one at the end of the files.
    Expected<ResultBatch> nextBatch();
    void fail(const QString &problem);
    RunState endState() const;

    ImportPlan m_plan;
    ImportedRun m_run;
    std::unique_ptr<RunRecorder> m_recorder;
    std::unique_ptr<ResultLines> m_lines; // the file being read
    int m_file = -1;
    qint64 m_runId = 0;
    bool m_held = false;
    bool m_appending = false;
    bool m_allSent = false; // the run was ended: nothing more is appended
    QString m_problem;
};

} // namespace salvo
