#include "JobsModel.h"

#include "history/HistoryModel.h"
#include "PlainText.h"

namespace salvo::ui {

JobsModel::JobsModel(JobManager *manager, QObject *parent)
    : QAbstractTableModel(parent)
{
    connect(manager, &JobManager::jobAdded, this, &JobsModel::handleJobAdded);
    connect(manager, &JobManager::jobsChanged, this, &JobsModel::handleJobsChanged);
    for (const JobInfo &job : manager->jobs())
        handleJobAdded(job);
}

int JobsModel::rowOf(quint64 id) const
{
    for (int row = 0; row < m_jobs.size(); ++row) {
        if (m_jobs.at(row).id == id)
            return row;
    }
    return -1;
}

int JobsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int JobsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString JobsModel::stateText(const JobInfo &job)
{
    switch (job.state) {
    case JobState::Queued:
        return job.cancelRequested ? tr("cancelling") : tr("queued");
    case JobState::Running:
        return job.cancelRequested ? tr("cancelling") : tr("running");
    case JobState::Done:
        return tr("done");
    case JobState::Failed:
        return tr("failed");
    case JobState::Cancelled:
        return tr("cancelled");
    }
    return {};
}

QVariant JobsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_jobs.size())
        return {};
    const JobInfo &job = m_jobs.at(index.row());
    if (role == JobIdRole)
        return job.id;
    if (role == ProgressRole && index.column() == ProgressColumn) {
        if (job.state == JobState::Done)
            return 1000;
        return job.total > 0 ? int(std::min<qint64>(job.done * 1000 / job.total, 1000)) : -1;
    }
    if (role == Qt::ToolTipRole && index.column() == OutcomeColumn)
        return plainToolTip(job.outcome.message);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TitleColumn:
        return job.title;
    case StateColumn:
        return stateText(job);
    case ProgressColumn:
        if (job.total < 0)
            return job.hasEnded() ? QString() : tr("starting...");
        return tr("%1 of %2").arg(QLocale().toString(job.done), QLocale().toString(job.total));
    case ElapsedColumn: {
        if (!job.started.isValid())
            return QString();
        const QDateTime end
                = job.finished.isValid() ? job.finished : QDateTime::currentDateTimeUtc();
        return HistoryModel::durationText(job.started.msecsTo(end));
    }
    case OutcomeColumn:
        return job.outcome.message;
    default:
        return {};
    }
}

QVariant JobsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn:
        return tr("Job");
    case StateColumn:
        return tr("State");
    case ProgressColumn:
        return tr("Progress");
    case ElapsedColumn:
        return tr("Time");
    case OutcomeColumn:
        return tr("Result");
    default:
        return {};
    }
}

void JobsModel::refreshElapsed()
{
    for (int row = 0; row < m_jobs.size(); ++row) {
        if (m_jobs.at(row).state == JobState::Running)
            emit dataChanged(index(row, ElapsedColumn), index(row, ElapsedColumn));
    }
}

void JobsModel::handleJobAdded(const JobInfo &job)
{
    beginInsertRows({}, 0, 0);
    m_jobs.prepend(job);
    endInsertRows();
}

void JobsModel::handleJobsChanged(const QList<JobInfo> &jobs)
{
    for (const JobInfo &job : jobs) {
        const int row = rowOf(job.id);
        if (row < 0)
            continue;
        m_jobs[row] = job;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

} // namespace salvo::ui
