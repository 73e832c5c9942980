#include "ScheduleDialog.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "session/SavedBatch.h"

namespace salvo::ui {
namespace {

constexpr int defaultMinutes = 10;
constexpr int maxMinutes = 7 * 24 * 60; // a week
constexpr int defaultLatencyMs = 1000;
constexpr int maxLatencyMs = 600'000;
constexpr int maxCertificateWarningDays = 365;

} // namespace

ScheduleDialog::ScheduleDialog(const Schedule &initial, QWidget *parent)
    : QDialog(parent)
    , m_initial(initial)
    , m_name(new QLineEdit(this))
    , m_batchPath(new QLineEdit(this))
    , m_everyButton(new QRadioButton(tr("Every"), this))
    , m_minutes(new QSpinBox(this))
    , m_dailyButton(new QRadioButton(tr("Each day at"), this))
    , m_times(new QLineEdit(this))
    , m_watchLatency(new QCheckBox(tr("Tell me when an answer's time crosses"), this))
    , m_latency(new QSpinBox(this))
    , m_watchCertificates(new QCheckBox(tr("Tell me when a certificate expires within"), this))
    , m_certificateDays(new QSpinBox(this))
    , m_enabled(new QCheckBox(tr("Check on this schedule"), this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(initial.id == 0 ? tr("New scheduled check") : tr("Edit scheduled check"));
    auto *explanation = new QLabel(
            tr("Salvo runs the batch while it is open, keeps each check in the History and tells "
               "you when a check differs from the one before: an address answered with another "
               "status or error, or its time crossed the limit below, or a certificate is "
               "about to expire."),
            this);
    explanation->setWordWrap(true);
    m_problem->setObjectName(QStringLiteral("scheduleProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setStyleSheet(QStringLiteral("color: palette(highlight);"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_okButton = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    QFormLayout *form = buildForm();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    showSchedule(initial);
    for (QLineEdit *edit : {m_name, m_batchPath, m_times})
        connect(edit, &QLineEdit::textChanged, this, &ScheduleDialog::updateProblem);
    for (QAbstractButton *button : {static_cast<QAbstractButton *>(m_everyButton),
                                    static_cast<QAbstractButton *>(m_dailyButton),
                                    static_cast<QAbstractButton *>(m_watchLatency),
                                    static_cast<QAbstractButton *>(m_watchCertificates)})
        connect(button, &QAbstractButton::toggled, this, &ScheduleDialog::updateProblem);
    updateProblem();
}

// The batch, the name, when to check and what to watch, as rows of a form.
QFormLayout *ScheduleDialog::buildForm()
{
    m_name->setObjectName(QStringLiteral("scheduleNameEdit"));
    m_name->setPlaceholderText(tr("The batch file's name"));
    m_batchPath->setObjectName(QStringLiteral("scheduleBatchEdit"));
    m_batchPath->setPlaceholderText(tr("A saved batch (.salvo)"));
    auto *browse = new QPushButton(tr("Choose..."), this);
    connect(browse, &QPushButton::clicked, this, &ScheduleDialog::chooseBatch);
    auto *batchRow = new QHBoxLayout;
    batchRow->addWidget(m_batchPath, 1);
    batchRow->addWidget(browse);

    m_everyButton->setObjectName(QStringLiteral("scheduleEveryButton"));
    m_minutes->setObjectName(QStringLiteral("scheduleMinutesBox"));
    m_minutes->setRange(int(minimumInterval.count()), maxMinutes);
    m_minutes->setSuffix(tr(" min"));
    m_dailyButton->setObjectName(QStringLiteral("scheduleDailyButton"));
    m_times->setObjectName(QStringLiteral("scheduleTimesEdit"));
    m_times->setPlaceholderText(tr("09:00, 17:30"));
    auto *when = new QButtonGroup(this);
    when->addButton(m_everyButton);
    when->addButton(m_dailyButton);
    auto *everyRow = new QHBoxLayout;
    everyRow->addWidget(m_everyButton);
    everyRow->addWidget(m_minutes);
    everyRow->addStretch();
    auto *dailyRow = new QHBoxLayout;
    dailyRow->addWidget(m_dailyButton);
    dailyRow->addWidget(m_times, 1);

    m_watchLatency->setObjectName(QStringLiteral("scheduleWatchLatencyBox"));
    m_latency->setObjectName(QStringLiteral("scheduleLatencyBox"));
    m_latency->setRange(1, maxLatencyMs);
    m_latency->setSuffix(tr(" ms"));
    auto *latencyRow = new QHBoxLayout;
    latencyRow->addWidget(m_watchLatency);
    latencyRow->addWidget(m_latency);
    latencyRow->addStretch();
    m_watchCertificates->setObjectName(QStringLiteral("scheduleWatchCertificatesBox"));
    m_certificateDays->setObjectName(QStringLiteral("scheduleCertificateDaysBox"));
    m_certificateDays->setRange(1, maxCertificateWarningDays);
    m_certificateDays->setSuffix(tr(" days"));
    auto *certificateRow = new QHBoxLayout;
    certificateRow->addWidget(m_watchCertificates);
    certificateRow->addWidget(m_certificateDays);
    certificateRow->addStretch();
    m_enabled->setObjectName(QStringLiteral("scheduleEnabledBox"));

    auto *form = new QFormLayout;
    form->addRow(tr("Batch:"), batchRow);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("When:"), everyRow);
    form->addRow(QString(), dailyRow);
    form->addRow(QString(), latencyRow);
    form->addRow(QString(), certificateRow);
    form->addRow(QString(), m_enabled);
    return form;
}

void ScheduleDialog::showSchedule(const Schedule &initial)
{
    m_name->setText(initial.name);
    m_batchPath->setText(initial.batchPath);
    const bool daily = initial.every.count() == 0 && !initial.dailyAt.isEmpty();
    m_everyButton->setChecked(!daily);
    m_dailyButton->setChecked(daily);
    m_minutes->setValue(initial.every.count() > 0
                                ? int(std::max<qint64>(1, initial.every.count() / 60))
                                : defaultMinutes);
    m_times->setText(timesOfDayText(initial.dailyAt));
    m_watchLatency->setChecked(initial.latencyThresholdMs > 0);
    m_latency->setValue(initial.latencyThresholdMs > 0 ? int(initial.latencyThresholdMs)
                                                       : defaultLatencyMs);
    m_watchCertificates->setChecked(initial.certificateWarningDays > 0);
    m_certificateDays->setValue(initial.certificateWarningDays > 0 ? initial.certificateWarningDays
                                                                   : defaultCertificateWarningDays);
    m_enabled->setChecked(initial.id == 0 || initial.enabled);
}

Schedule ScheduleDialog::schedule() const
{
    Schedule edited = m_initial;
    // Absolute: a check runs whatever the folder Salvo was started from.
    const QString path = m_batchPath->text().trimmed();
    edited.batchPath = path.isEmpty() ? path : QFileInfo(path).absoluteFilePath();
    edited.name = m_name->text().trimmed();
    if (edited.name.isEmpty())
        edited.name = QFileInfo(edited.batchPath).completeBaseName();
    if (m_everyButton->isChecked()) {
        edited.every = std::chrono::minutes(m_minutes->value());
        edited.dailyAt.clear();
    } else {
        edited.every = std::chrono::seconds(0);
        const Expected<QList<QTime>> times = parseTimesOfDay(m_times->text());
        edited.dailyAt = times ? *times : QList<QTime>();
    }
    edited.latencyThresholdMs = m_watchLatency->isChecked() ? m_latency->value() : 0;
    edited.certificateWarningDays
            = m_watchCertificates->isChecked() ? m_certificateDays->value() : 0;
    edited.enabled = m_enabled->isChecked();
    return edited;
}

void ScheduleDialog::chooseBatch()
{
    const QString path = QFileDialog::getOpenFileName(
            this, tr("Choose a saved batch"), m_batchPath->text(),
            tr("Salvo batches (*.%1)").arg(QLatin1String(savedBatchSuffix)));
    if (!path.isEmpty())
        m_batchPath->setText(path);
}

QString ScheduleDialog::problem() const
{
    const QString path = m_batchPath->text().trimmed();
    if (path.isEmpty())
        return tr("Choose the saved batch to check.");
    if (QFileInfo(path).suffix().compare(QLatin1String(savedBatchSuffix), Qt::CaseInsensitive) != 0)
        return tr("Only saved batches (.salvo) can be checked: open the list, save it with File > "
                  "Save batch, and choose that file.");
    if (m_dailyButton->isChecked()) {
        if (const Expected<QList<QTime>> times = parseTimesOfDay(m_times->text()); !times)
            return times.error().message;
    }
    return {};
}

void ScheduleDialog::updateProblem()
{
    m_minutes->setEnabled(m_everyButton->isChecked());
    m_times->setEnabled(m_dailyButton->isChecked());
    m_latency->setEnabled(m_watchLatency->isChecked());
    m_certificateDays->setEnabled(m_watchCertificates->isChecked());
    const QString text = problem();
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
    m_okButton->setEnabled(text.isEmpty());
}

} // namespace salvo::ui
