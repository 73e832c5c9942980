#pragma once

// ui/jobs owns the Jobs panel: the jobs a JobManager runs in the background, newest first, with
// their progress, how long they took, and what they left or why they failed.

#include <QAbstractTableModel>
#include <QList>

#include "jobs/JobManager.h"

namespace salvo::ui {

// One row per job, newest first, kept up to date from the manager's batched reports.
class JobsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobsModel)

public:
    enum Column {
        TitleColumn,
        StateColumn,
        ProgressColumn,
        ElapsedColumn,
        OutcomeColumn,
        ColumnCount,
    };

    // ProgressColumn: done/total as 0..1000, or -1 when indeterminate.
    static constexpr int ProgressRole = Qt::UserRole + 1;
    static constexpr int JobIdRole = Qt::UserRole + 2;

    explicit JobsModel(JobManager *manager, QObject *parent = nullptr);

    const JobInfo &jobAt(int row) const { return m_jobs.at(row); }
    // The time column of jobs still going moves on without a report: the panel calls this
    // every second.
    void refreshElapsed();
    int rowOf(quint64 id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "queued", "running", "done", "failed", "cancelled", "cancelling".
    static QString stateText(const JobInfo &job);

private:
    void handleJobAdded(const salvo::JobInfo &job);
    void handleJobsChanged(const QList<salvo::JobInfo> &jobs);

    QList<JobInfo> m_jobs; // newest first
};

} // namespace salvo::ui
