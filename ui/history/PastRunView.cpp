#include "PastRunView.h"

#include <QtConcurrent>

#include <utility>

namespace salvo::ui {

PastRunView::PastRunView(QString historyPath, QObject *parent)
    : QObject(parent)
    , m_historyPath(std::move(historyPath))
{ }

PastRunView::~PastRunView() = default;

void PastRunView::open(qint64 runId)
{
    drop();
    m_reading = new QFutureWatcher<Expected<PastRunPage>>(this);
    connect(m_reading, &QFutureWatcher<Expected<PastRunPage>>::resultsReadyAt, this,
            &PastRunView::handlePages);
    connect(m_reading, &QFutureWatcher<Expected<PastRunPage>>::finished, this,
            &PastRunView::handleReadFinished);
    m_reading->setFuture(QtConcurrent::run(readPastRunPages, m_historyPath, runId));
}

void PastRunView::drop()
{
    if (!m_reading)
        return;
    // Disconnected first: a page already queued for this view is not shown either.
    QFutureWatcher<Expected<PastRunPage>> *watcher = std::exchange(m_reading, nullptr);
    watcher->disconnect(this);
    watcher->cancel(); // the reader stops at its next page
    watcher->deleteLater();
}

void PastRunView::forget()
{
    drop();
    m_runId = 0;
}

void PastRunView::handlePages(int begin, int end)
{
    for (int index = begin; index < end && m_reading; ++index) {
        const Expected<PastRunPage> read = m_reading->resultAt(index);
        if (!read) {
            drop();
            emit readFailed(read.error().message);
            return;
        }
        const PastRunPage &page = *read;
        if (index == 0) {
            m_runId = page.runId;
            m_run = page.run;
            m_rowsRead = 0;
            emit firstPageArrived(page.runId, page.runResultCount);
        }
        m_rowsRead += int(page.results.size());
        emit resultsRead(page.results);
        emit readProgressed(page.runId, m_rowsRead);
    }
}

void PastRunView::handleReadFinished()
{
    // Every page is in the table now: the watcher goes, and its copy of them with it.
    std::exchange(m_reading, nullptr)->deleteLater();
    emit readFinished(m_runId);
}

} // namespace salvo::ui
