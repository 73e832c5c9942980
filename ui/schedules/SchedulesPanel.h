#pragma once

// ui/schedules owns the Checks tab and the dialog that edits a scheduled check; the checks
// themselves run in core/desktop's RecheckScheduler.

#include <QWidget>

#include <optional>

#include "jobs/Schedule.h"

class QCheckBox;
class QLabel;
class QPushButton;
class QTableView;

namespace salvo {
class RecheckScheduler;
} // namespace salvo

namespace salvo::ui {

class SchedulesModel;

// The Checks tab: every scheduled check with when it runs next and what its last check found.
// New and Edit open the schedule's dialog; Check now, Pause and Remove act on the selected one.
class SchedulesPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchedulesPanel)

public:
    explicit SchedulesPanel(RecheckScheduler *scheduler, QWidget *parent = nullptr);

    SchedulesModel *model() const { return m_model; }
    std::optional<Schedule> selectedSchedule() const;
    void selectSchedule(qint64 id);

    // The batch a new schedule starts from: the saved batch last opened or saved.
    void setSuggestedBatch(const QString &path) { m_suggestedBatch = path; }
    // Opens the dialog for a new schedule.
    void newSchedule();

    // Whether the window keeps checking from the system tray once closed (kept in QSettings).
    bool keepsCheckingInTray() const;

signals:
    // Show changes (or a double-click): the selected check's last run against the one before.
    void compareRunsRequested(qint64 olderRunId, qint64 newerRunId);

private:
    void setUpTable();
    void editSelected();
    // A double-click shows what the last check found; a check with nothing to compare opens
    // for editing.
    void openSelected();
    void showSelectedChanges();
    // Asks first: a removed check cannot be brought back.
    void askToRemoveSelected();
    void updateButtons();

    RecheckScheduler *m_scheduler;
    SchedulesModel *m_model;
    QTableView *m_table;
    QLabel *m_empty;
    QLabel *m_problem; // why the schedules could not be read, or are another Salvo's
    QPushButton *m_newButton;
    QPushButton *m_editButton;
    QPushButton *m_changesButton;
    QPushButton *m_checkNowButton;
    QPushButton *m_pauseButton;
    QPushButton *m_removeButton;
    QCheckBox *m_keepInTray;
    QString m_suggestedBatch;
};

} // namespace salvo::ui
