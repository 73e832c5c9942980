#pragma once

#include <QObject>

#include "TaskbarProgress.h"
#include "engine/BatchRun.h"
#include "engine/Progress.h"

class QAction;
class QLabel;
class QMainWindow;
class QProgressBar;
class QPushButton;

namespace salvo::ui {

class RunController;

// Where the run stands, wherever the person looks: the status line and progress bar, the
// window's title, the taskbar entry, and the offer to compare a re-run with its original.
class RunStatus final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunStatus)

public:
    // Puts its widgets in the window's status bar and follows the controller's runs.
    RunStatus(QMainWindow *window, RunController *runs);
    ~RunStatus() override;

    // The Run menu's "Compare with the original run", enabled while a comparison is offered.
    QAction *compareAction() const { return m_compareAction; }
    // A sentence on the status line: where something stands, or why it did not start.
    void tell(const QString &text);

signals:
    void comparisonRequested(qint64 originalRunId, qint64 rerunRunId);

private:
    void showRunStarting(int rowCount);
    void showProgress(const salvo::Progress &progress);
    void showState(salvo::BatchRun::State state);
    void offerComparison(qint64 originalRunId, qint64 rerunRunId);
    void withdrawComparison();

    QMainWindow *m_window;
    RunController *m_runs;
    QLabel *m_text;
    QProgressBar *m_progress;
    QPushButton *m_compareButton;
    QAction *m_compareAction;
    TaskbarProgress m_taskbar;
};

} // namespace salvo::ui
