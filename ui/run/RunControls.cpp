#include "RunControls.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

#include <algorithm>

namespace salvo::ui {
namespace {

QSpinBox *spinBox(int minimum, int maximum, int value, const QString &name, const QString &tip,
                  QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setValue(value);
    box->setAccessibleName(name);
    box->setToolTip(tip);
    return box;
}

} // namespace

RunControls::RunControls(QWidget *parent)
    : QWidget(parent)
{
    const RunOptions defaults;
    m_run = new QPushButton(tr("Run"), this);
    m_run->setObjectName(QStringLiteral("runButton"));
    m_run->setToolTip(tr("Request every address in the list (Ctrl+Enter)"));
    m_run->setDefault(true);
    m_pause = new QPushButton(tr("Pause"), this);
    m_pause->setObjectName(QStringLiteral("pauseButton"));
    m_pause->setToolTip(tr("Start no new requests until you resume; those under way finish"));
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_stop->setToolTip(tr("Stop now: requests under way are cut off, the rest are marked "
                          "cancelled (Esc)"));

    m_concurrency
            = spinBox(1, RunOptions::maxConcurrency, defaults.concurrency, tr("Requests at once"),
                      tr("How many requests may be under way at the same time, all "
                         "servers together"),
                      this);
    m_perHost = spinBox(1, RunOptions::maxPerHostConcurrency, defaults.perHostConcurrency,
                        tr("Per server"),
                        tr("How many requests may go to the same server at once. Servers "
                           "often slow down or refuse when asked too much."),
                        this);
    m_timeout = spinBox(1, 3600, int(defaults.deadline.count() / 1000), tr("Timeout"),
                        tr("Give up on a request that takes longer than this, in seconds"), this);
    m_timeout->setSuffix(tr(" s"));
    m_concurrency->setObjectName(QStringLiteral("concurrencyBox"));
    m_perHost->setObjectName(QStringLiteral("perHostBox"));
    m_timeout->setObjectName(QStringLiteral("timeoutBox"));
    m_retries = spinBox(0, 10, defaults.retries, tr("Retries"),
                        tr("Try again this many times when a server is busy (429, 503), "
                           "times out or drops the connection"),
                        this);

    m_retries->setObjectName(QStringLiteral("retriesBox"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_run);
    layout->addWidget(m_pause);
    layout->addWidget(m_stop);
    layout->addSpacing(12);
    for (QSpinBox *box : {m_concurrency, m_perHost, m_timeout, m_retries}) {
        auto *label = new QLabel(box->accessibleName(), this);
        label->setBuddy(box);
        label->setToolTip(box->toolTip());
        layout->addWidget(label);
        layout->addWidget(box);
    }
    layout->addStretch();

    connect(m_run, &QPushButton::clicked, this, &RunControls::runRequested);
    connect(m_stop, &QPushButton::clicked, this, &RunControls::stopRequested);
    connect(m_pause, &QPushButton::clicked, this,
            [this] { m_paused ? emit resumeRequested() : emit pauseRequested(); });
    showState(BatchRun::State::Ready);
}

RunOptions RunControls::options(const RunOptions &defaults) const
{
    RunOptions options = defaults;
    options.concurrency = m_concurrency->value();
    options.perHostConcurrency = m_perHost->value();
    options.deadline = Milliseconds(qint64(m_timeout->value()) * 1000);
    options.retries = m_retries->value();
    return options;
}

void RunControls::setDefaults(const RunOptions &defaults)
{
    m_concurrency->setValue(defaults.concurrency);
    m_perHost->setValue(defaults.perHostConcurrency);
    // Rounded up: the box never gives a request less time than the default does.
    const qint64 ms = defaults.deadline.count();
    const qint64 seconds = ms / 1000 + (ms % 1000 > 0 ? 1 : 0);
    m_timeout->setValue(
            int(std::clamp<qint64>(seconds, m_timeout->minimum(), m_timeout->maximum())));
    m_retries->setValue(defaults.retries);
}

void RunControls::showState(BatchRun::State state)
{
    const bool active = state == BatchRun::State::Running || state == BatchRun::State::Paused;
    m_paused = state == BatchRun::State::Paused;
    m_run->setEnabled(!active && state != BatchRun::State::Cancelling);
    m_pause->setEnabled(active);
    m_pause->setText(m_paused ? tr("Resume") : tr("Pause"));
    m_stop->setEnabled(active);
}

} // namespace salvo::ui
