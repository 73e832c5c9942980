#include "RunStatus.h"

#include <QAction>
#include <QGuiApplication>
#include <QLabel>
#include <QMainWindow>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>

#include "RunController.h"

namespace salvo::ui {
namespace {

// "12 s", "3 min 5 s": how long is left, rounded up to whole seconds.
QString durationText(qint64 ms)
{
    if (ms < 60'000)
        return RunStatus::tr("%1 s").arg((ms + 999) / 1000);
    return RunStatus::tr("%1 min %2 s").arg(ms / 60'000).arg((ms / 1000) % 60);
}

} // namespace

RunStatus::RunStatus(QMainWindow *window, RunController *runs)
    : QObject(window)
    , m_window(window)
    , m_runs(runs)
    , m_text(new QLabel(window))
    , m_progress(new QProgressBar(window))
    , m_compareButton(new QPushButton(window))
    , m_compareAction(new QAction(tr("&Compare with the original run"), window))
    , m_taskbar(QGuiApplication::desktopFileName())
{
    m_text->setObjectName(QStringLiteral("progressText"));
    m_text->setTextFormat(Qt::PlainText); // paths and errors, never markup
    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->setAccessibleName(tr("Progress"));
    m_compareButton->setObjectName(QStringLiteral("compareWithOriginalButton"));
    m_compareButton->setFlat(true);
    m_compareAction->setObjectName(QStringLiteral("compareWithOriginalAction"));
    m_compareAction->setEnabled(false);
    QStatusBar *bar = window->statusBar();
    bar->addWidget(m_text, 1);
    bar->addPermanentWidget(m_progress);
    bar->addPermanentWidget(m_compareButton);
    m_progress->hide();
    m_compareButton->hide();

    connect(m_compareButton, &QPushButton::clicked, m_compareAction, &QAction::trigger);
    connect(m_compareAction, &QAction::triggered, this, [this] {
        const auto [original, rerun] = m_runs->offeredComparison();
        emit comparisonRequested(original, rerun);
    });
    connect(runs, &RunController::told, this, &RunStatus::tell);
    connect(runs, &RunController::noted, bar,
            [bar](const QString &text) { bar->showMessage(text, 20'000); });
    connect(runs, &RunController::runStarting, this,
            [this](bool, int rowCount) { showRunStarting(rowCount); });
    connect(runs, &RunController::progressChanged, this, &RunStatus::showProgress);
    connect(runs, &RunController::stateChanged, this, &RunStatus::showState);
    connect(runs, &RunController::comparisonOffered, this, &RunStatus::offerComparison);
    connect(runs, &RunController::comparisonWithdrawn, this, &RunStatus::withdrawComparison);
}

RunStatus::~RunStatus() = default;

void RunStatus::tell(const QString &text)
{
    m_text->setText(text);
}

void RunStatus::showRunStarting(int rowCount)
{
    m_progress->setRange(0, rowCount);
    m_progress->setValue(0);
    m_progress->show();
}

void RunStatus::showProgress(const Progress &progress)
{
    m_progress->setValue(progress.done);
    QString text = tr("%1 of %2 done: %3, %4 under way")
                           .arg(progress.done)
                           .arg(progress.total)
                           .arg(progressCounts(progress))
                           .arg(progress.inFlight);
    if (progress.ratePerSecond > 0 && !progress.finished)
        text += tr(", %1 per second").arg(qRound(progress.ratePerSecond));
    if (progress.paused)
        text += tr(", paused");
    else if (progress.etaMs > 0 && !progress.finished)
        text += tr(", about %1 left").arg(durationText(progress.etaMs));
    // A host that asked for fewer requests (429, 503) was slowed down: say which and how far.
    if (const QString slowed = slowdownSentence(progress.slowedHosts); !slowed.isEmpty())
        text += u' ' + slowed;
    m_text->setText(text);
    const int percent = progress.total > 0 ? progress.done * 100 / progress.total : 100;
    m_window->setWindowTitle(progress.finished ? tr("Salvo") : tr("Salvo - %1%").arg(percent));
    if (progress.finished)
        m_taskbar.hide();
    else
        m_taskbar.show(progress.total > 0 ? double(progress.done) / progress.total : 0.0,
                       progress.failed);
}

void RunStatus::showState(BatchRun::State state)
{
    if (state != BatchRun::State::Finished)
        return;
    m_progress->hide();
    m_taskbar.hide();
}

void RunStatus::offerComparison(qint64 originalRunId, qint64 rerunRunId)
{
    m_compareButton->setText(tr("Compare with run %1").arg(originalRunId));
    m_compareButton->setToolTip(
            tr("Run %1 and its re-run, run %2, side by side").arg(originalRunId).arg(rerunRunId));
    m_compareButton->show();
    m_compareAction->setEnabled(true);
    m_window->statusBar()->showMessage(
            tr("Run %1 re-ran rows of run %2.").arg(rerunRunId).arg(originalRunId), 20'000);
}

void RunStatus::withdrawComparison()
{
    m_compareButton->hide();
    m_compareAction->setEnabled(false);
}

} // namespace salvo::ui
