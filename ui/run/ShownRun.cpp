#include "ShownRun.h"

#include <QLocale>
#include <QTime>
#include <QtConcurrent>

#include "editor/BatchPane.h"
#include "results/ShownRunCaption.h"

namespace salvo::ui {
namespace {

QString pastRunText(const RunSummary &run)
{
    const QString when
            = QLocale().toString(run.started.toLocalTime(), QLocale::FormatType::ShortFormat);
    const QString name = run.batchName.isEmpty() ? ShownRun::tr("(unnamed)") : run.batchName;
    return ShownRun::tr("Run %1 from the history, started %2: %3, %4 rows.")
            .arg(run.id)
            .arg(when, name, QLocale().toString(run.rowCount));
}

} // namespace

ShownRun::ShownRun(QString historyPath, BatchPane *batchPane, ShownRunCaption *caption,
                   QObject *parent)
    : QObject(parent)
    , m_historyPath(std::move(historyPath))
    , m_batchPane(batchPane)
    , m_caption(caption)
{
    connect(&m_reading, &QFutureWatcherBase::finished, this, &ShownRun::handleBatchRead);
    connect(m_caption, &ShownRunCaption::loadRequested, this, &ShownRun::putInEditor);
}

ShownRun::~ShownRun()
{
    m_reading.cancel();
    m_reading.waitForFinished();
}

void ShownRun::showSessionRun(int rowCount)
{
    m_reading.cancel();
    m_shown.reset();
    m_sessionRows = rowCount;
    m_batchPane->markSettled(); // what ran is what the editor holds
    m_caption->showText(tr("The list in the editor, %1 rows.").arg(QLocale().toString(rowCount)),
                        false);
}

void ShownRun::noteRunSaved(qint64 runId)
{
    if (m_sessionRows < 0 || runId <= 0)
        return; // rows re-run beside another run, or a run not kept
    m_caption->showText(tr("Run %1: the list in the editor, %2 rows.")
                                .arg(runId)
                                .arg(QLocale().toString(m_sessionRows)),
                        false);
}

void ShownRun::showPastRun(qint64 runId)
{
    m_shown.reset();
    m_sessionRows = -1;
    m_caption->showText(tr("Run %1 from the history.").arg(runId), false);
    m_reading.setFuture(QtConcurrent::run(loadPastBatch, m_historyPath, runId));
}

void ShownRun::handleBatchRead()
{
    if (m_reading.isCanceled() || !m_reading.future().isResultReadyAt(0))
        return;
    Expected<PastBatch> read = m_reading.result();
    if (!read)
        return; // the table's own read says what went wrong
    m_shown = std::move(*read);
    const QString text = pastRunText(m_shown->run);
    if (!m_shown->input) {
        m_caption->showText(text + u' '
                                    + tr("Its list is not kept, so it cannot be put in the "
                                         "editor."),
                            false);
        return;
    }
    if (!m_batchPane->hasUnsettledEdits()) {
        putInEditor();
        return;
    }
    m_caption->showText(text + u' ' + tr("The editor holds another list: Run runs that one."),
                        true);
}

void ShownRun::putInEditor()
{
    if (!m_shown || !m_shown->input)
        return;
    // Secret values are not in the history: the editor's own, for the same names, stay.
    const HeaderList typed = m_batchPane->headers();
    m_batchPane->setBatchInput(*m_shown->input, m_shown->withheldHeaders);
    m_batchPane->fillHeaderValues(typed);
    m_batchPane->markSettled();
    m_caption->showText(pastRunText(m_shown->run) + u' ' + tr("Its list is in the editor."), false);
}

} // namespace salvo::ui
