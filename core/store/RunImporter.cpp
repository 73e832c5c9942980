#include "RunImporter.h"

#include <QCoreApplication>

#include "ResultLines.h"
#include "RunRecorder.h"

namespace salvo {

RunImporter::RunImporter(QString historyPath, ImportPlan plan, ImportedRun run, QObject *parent)
    : QObject(parent)
    , m_plan(std::move(plan))
    , m_run(std::move(run))
    , m_recorder(std::make_unique<RunRecorder>(historyPath))
{
    connect(m_recorder.get(), &RunRecorder::ready, this, &RunImporter::handleReady);
    connect(m_recorder.get(), &RunRecorder::backlogChanged, this,
            &RunImporter::handleBacklogChanged);
    connect(m_recorder.get(), &RunRecorder::ended, this, &RunImporter::handleEnded);
    connect(m_recorder.get(), &RunRecorder::historyOff, this, &RunImporter::fail);
    connect(m_recorder.get(), &RunRecorder::historyCut, this,
            [this](qint64, const QString &message) { fail(message); });
    connect(m_recorder.get(), &RunRecorder::flushTimedOut, this, [this] {
        fail(tr("The history file did not take the last results within %1 s.")
                     .arg(RunRecorder::flushTimeout.count()));
    });
}

RunImporter::~RunImporter() = default;

void RunImporter::start()
{
    m_recorder->begin(m_plan.batch, m_run.options, m_run.input, m_run.batchName);
}

bool RunImporter::leftStoreBehind() const
{
    return m_recorder->leftBehind();
}

void RunImporter::handleReady(qint64 runId)
{
    m_runId = runId;
    if (runId == 0) { // historyOff said why; nothing of the run is there
        m_allSent = true;
        m_recorder->end(RunState::Interrupted);
        return;
    }
    appendMore();
}

void RunImporter::handleBacklogChanged(bool overBound)
{
    m_held = overBound;
    if (!overBound && m_runId != 0)
        appendMore();
}

void RunImporter::appendMore()
{
    // Reentered from backlogChanged(false) while a batch is being sent: the loop goes on.
    if (m_appending || m_allSent)
        return;
    m_appending = true;
    while (!m_held) {
        Expected<ResultBatch> batch = nextBatch();
        if (!batch) {
            fail(batch.error().message);
            m_allSent = true;
            m_recorder->end(RunState::Interrupted);
            break;
        }
        if (batch->isEmpty()) {
            m_allSent = true;
            m_recorder->end(endState());
            break;
        }
        m_recorder->append(*batch);
    }
    m_appending = false;
}

Expected<ResultBatch> RunImporter::nextBatch()
{
    ResultBatch batch;
    while (batch.size() < resultsPerBatch) {
        if (!m_lines) {
            if (++m_file >= m_plan.files.size())
                break;
            m_lines = std::make_unique<ResultLines>(m_plan.files.at(m_file));
            if (Expected<> opened = m_lines->open(); !opened)
                return opened.error();
        }
        std::optional<Expected<ResultLine>> next = m_lines->next();
        if (!next) {
            m_lines.reset();
            continue;
        }
        if (!*next)
            return next->error();
        const Result &result = (*next)->result;
        const RowSource source = m_plan.sources.value(result.index, RowSource{-1, 0});
        // Only the line the plan chose for its row: a repeat is imported once.
        if (source.file == m_file && source.line == (*next)->lineNumber)
            batch.append(std::move((*next)->result));
    }
    return batch;
}

RunState RunImporter::endState() const
{
    if (m_plan.missingCount > 0)
        return RunState::Interrupted;
    return m_plan.cancelledRows > 0 ? RunState::Cancelled : RunState::Finished;
}

void RunImporter::fail(const QString &problem)
{
    if (m_problem.isEmpty())
        m_problem = problem;
}

void RunImporter::handleEnded()
{
    if (!m_problem.isEmpty() && m_runId != 0)
        m_problem = tr("%1 Run %2 in the history holds part of the import; delete it, and import "
                       "again once the history can take it.")
                            .arg(m_problem)
                            .arg(m_runId);
    emit finished(m_problem.isEmpty() ? m_runId : 0, m_problem);
}

} // namespace salvo
