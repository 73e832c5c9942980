#pragma once

#include <QDialog>

#include "jobs/Schedule.h"

class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace salvo::ui {

// Edits one schedule: which saved batch, every how many minutes or at which times of day, and
// the time beyond which an answer counts as slow. OK waits until the schedule can run.
class ScheduleDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScheduleDialog)

public:
    explicit ScheduleDialog(const Schedule &initial, QWidget *parent = nullptr);

    // `initial` with the fields as edited.
    Schedule schedule() const;

private:
    QFormLayout *buildForm();
    void showSchedule(const Schedule &initial);
    void chooseBatch();
    void updateProblem();
    // Why the schedule cannot be saved as it is; empty when it can.
    QString problem() const;

    Schedule m_initial;
    QLineEdit *m_name;
    QLineEdit *m_batchPath;
    QRadioButton *m_everyButton;
    QSpinBox *m_minutes;
    QRadioButton *m_dailyButton;
    QLineEdit *m_times;
    QCheckBox *m_watchLatency;
    QSpinBox *m_latency;
    QCheckBox *m_watchCertificates;
    QSpinBox *m_certificateDays;
    QCheckBox *m_enabled;
    QLabel *m_problem;
    QPushButton *m_okButton;
};

} // namespace salvo::ui
