#pragma once

#include <QAbstractTableModel>

#include "jobs/Schedule.h"

namespace salvo {
class RecheckScheduler;
} // namespace salvo

namespace salvo::ui {

// The scheduler's schedules as the Checks tab lists them: a row each, with when the next check
// is due and what the last one found. Follows the scheduler's schedulesChanged().
class SchedulesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchedulesModel)

public:
    enum Column { NameColumn, WhenColumn, NextColumn, LastColumn, OutcomeColumn, ColumnCount };
    static constexpr int ScheduleIdRole = Qt::UserRole + 1;

    explicit SchedulesModel(RecheckScheduler *scheduler, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    Schedule scheduleAt(int row) const { return m_schedules.at(row); }
    int rowOf(qint64 scheduleId) const;

private:
    void handleSchedulesChanged();

    RecheckScheduler *m_scheduler;
    QList<Schedule> m_schedules;
};

} // namespace salvo::ui
