#pragma once

#include <QFutureWatcher>
#include <QObject>

#include "desktop/PastRun.h"

namespace salvo::ui {

class BatchPane;
class ShownRunCaption;

// Which batch the results table holds, said above it. A run of this session ran the list in
// the editor. A run opened from the history brings its list into the editor when the editor
// holds nothing it would lose (empty, or as last run, opened or saved), so that Run runs what
// the table shows; otherwise the caption offers to put it there.
class ShownRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShownRun)

public:
    ShownRun(QString historyPath, BatchPane *batchPane, ShownRunCaption *caption,
             QObject *parent = nullptr);
    ~ShownRun() override;

    // A run of the editor's list starts; once it is in the history, its number is said too.
    void showSessionRun(int rowCount);
    void noteRunSaved(qint64 runId);
    // A run of the history takes the table: its batch is read on a worker.
    void showPastRun(qint64 runId);

signals:
    void told(const QString &text);

private:
    void handleBatchRead();
    void putInEditor();

    QString m_historyPath;
    BatchPane *m_batchPane;
    ShownRunCaption *m_caption;
    QFutureWatcher<Expected<PastBatch>> m_reading;
    std::optional<PastBatch> m_shown; // the past run shown, once read
    int m_sessionRows = -1; // the rows of this session's run shown; -1: another run is
};

} // namespace salvo::ui
