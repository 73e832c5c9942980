#pragma once

#include <QTimer>
#include <QWidget>

#include "JobsModel.h"

class QLabel;
class QPushButton;
class QTableView;

namespace salvo::ui {

// The Jobs tab: every background job of this session with a progress bar, its time and what it
// left. Cancel stops the selected job; Open shows the file it wrote in the program the desktop
// uses for it (so does a double click).
class JobsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobsPanel)

public:
    explicit JobsPanel(JobManager *manager, QWidget *parent = nullptr);

    JobsModel *model() const { return m_model; }
    std::optional<JobInfo> selectedJob() const;

signals:
    // A job's file is to be opened: the window hands it to the desktop (tests listen instead).
    void openRequested(const QString &filePath);

private:
    void handleSelectionChanged();
    void handleCancelClicked();
    void handleOpenClicked();

    JobManager *m_manager;
    JobsModel *m_model;
    QTableView *m_table;
    QLabel *m_empty;
    QPushButton *m_cancelButton;
    QPushButton *m_openButton;
    QTimer m_elapsedTimer;
};

} // namespace salvo::ui
