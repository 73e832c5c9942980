#pragma once

#include <QFutureWatcher>
#include <QObject>

#include "desktop/PastRun.h"
#include "result/Result.h"

namespace salvo::ui {

// A run of the history in the results table: read page by page off the GUI thread. The table
// holds only a summary of each row (a past run of a million rows fits in memory without its
// bodies); a selected row's answer is read by ShownAnswers.
class PastRunView final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PastRunView)

public:
    explicit PastRunView(QString historyPath, QObject *parent = nullptr);
    ~PastRunView() override;

    // Starts reading the run; its first page takes the table (firstPageArrived).
    void open(qint64 runId);
    bool isReading() const { return m_reading != nullptr; }
    // Stops a read under way: a page already on its way is not shown either.
    void drop();
    // The past run shown, 0 when the table shows a run of this session.
    qint64 shownRunId() const { return m_runId; }
    // What the history says of the run shown (its checks and columns); empty before its first
    // page.
    const salvo::RunSummary &shownRun() const { return m_run; }
    // A run of this session takes the table.
    void forget();

signals:
    // The table is this run's now: what it showed goes. Its results follow.
    void firstPageArrived(qint64 runId, int resultCount);
    void resultsRead(const salvo::ResultBatch &results);
    void readProgressed(qint64 runId, int rowsSoFar);
    void readFinished(qint64 runId);
    void readFailed(const QString &message);

private:
    void handlePages(int begin, int end);
    void handleReadFinished();

    QString m_historyPath;
    QFutureWatcher<Expected<PastRunPage>> *m_reading = nullptr; // deleted when done, with its pages
    qint64 m_runId = 0;
    salvo::RunSummary m_run;
    int m_rowsRead = 0;
};

} // namespace salvo::ui
