#pragma once

// ui/run owns the window's run workflow: the run bar (RunControls), the RunController that
// starts and steers each RunSession (a batch, the sample, re-runs, resumes) and RunStatus,
// which shows where the run stands in the status bar, the title and the taskbar.

#include <QWidget>

#include "engine/BatchRun.h"
#include "engine/RunOptions.h"

class QPushButton;
class QSpinBox;

namespace salvo::ui {

// Run, Pause/Resume and Stop, with the few settings a person changes between runs:
// concurrency, per-host limit, timeout and retries.
class RunControls final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunControls)

public:
    explicit RunControls(QWidget *parent = nullptr);

    // The settings as chosen, on top of `defaults` for everything the bar does not show.
    RunOptions options(const RunOptions &defaults = {}) const;

    // Shows the user's defaults in the four boxes, each held to its box's range.
    void setDefaults(const RunOptions &defaults);

    // Enables what makes sense in this state of the run (Ready also means "no run").
    void showState(BatchRun::State state);

signals:
    void runRequested();
    void pauseRequested();
    void resumeRequested();
    void stopRequested();

private:
    QPushButton *m_run;
    QPushButton *m_pause;
    QPushButton *m_stop;
    QSpinBox *m_concurrency;
    QSpinBox *m_perHost;
    QSpinBox *m_timeout;
    QSpinBox *m_retries;
    bool m_paused = false;
};

} // namespace salvo::ui
