#include "SchedulesModel.h"

#include <QFileInfo>
#include <QLocale>

#include "desktop/RecheckScheduler.h"
#include "PlainText.h"

namespace salvo::ui {
namespace {

QString localTimeText(const QDateTime &time)
{
    const QDateTime local = time.toLocalTime();
    // Today's times need no date.
    if (local.date() == QDate::currentDate())
        return QLocale().toString(local.time(), QLocale::ShortFormat);
    return QLocale().toString(local, QLocale::ShortFormat);
}

} // namespace

SchedulesModel::SchedulesModel(RecheckScheduler *scheduler, QObject *parent)
    : QAbstractTableModel(parent)
    , m_scheduler(scheduler)
    , m_schedules(scheduler->schedules())
{
    connect(m_scheduler, &RecheckScheduler::schedulesChanged, this,
            &SchedulesModel::handleSchedulesChanged);
}

int SchedulesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_schedules.size());
}

int SchedulesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int SchedulesModel::rowOf(qint64 scheduleId) const
{
    for (int row = 0; row < m_schedules.size(); ++row) {
        if (m_schedules.at(row).id == scheduleId)
            return row;
    }
    return -1;
}

QVariant SchedulesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_schedules.size())
        return {};
    const Schedule &schedule = m_schedules.at(index.row());
    if (role == ScheduleIdRole)
        return schedule.id;
    if (role == Qt::ToolTipRole && index.column() == NameColumn)
        return plainToolTip(schedule.batchPath);
    if (role == Qt::ToolTipRole && index.column() == OutcomeColumn)
        return plainToolTip(schedule.lastOutcome);
    if (role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(index.column())) {
    case NameColumn:
        return schedule.name.isEmpty() ? QFileInfo(schedule.batchPath).completeBaseName()
                                       : schedule.name;
    case WhenColumn:
        return describeWhen(schedule);
    case NextColumn:
        if (m_scheduler->isChecking(schedule.id))
            return tr("checking now");
        if (!schedule.enabled)
            return tr("paused");
        if (const QDateTime next = nextCheckTime(schedule); next.isValid())
            return next <= QDateTime::currentDateTimeUtc() ? tr("due now") : localTimeText(next);
        return tr("never");
    case LastColumn:
        return schedule.lastCheck.isValid() ? localTimeText(schedule.lastCheck) : tr("not yet");
    case OutcomeColumn:
        return schedule.lastOutcome;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant SchedulesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case NameColumn:
        return tr("Batch");
    case WhenColumn:
        return tr("When");
    case NextColumn:
        return tr("Next check");
    case LastColumn:
        return tr("Last check");
    case OutcomeColumn:
        return tr("What it found");
    case ColumnCount:
        break;
    }
    return {};
}

void SchedulesModel::handleSchedulesChanged()
{
    QList<Schedule> now = m_scheduler->schedules();
    const bool sameRows = now.size() == m_schedules.size()
            && std::equal(now.cbegin(), now.cend(), m_schedules.cbegin(),
                          [](const Schedule &a, const Schedule &b) { return a.id == b.id; });
    if (!sameRows) {
        beginResetModel();
        m_schedules = std::move(now);
        endResetModel();
        return;
    }
    // The same schedules: one change for all, so the selection stays where it was.
    m_schedules = std::move(now);
    if (!m_schedules.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

} // namespace salvo::ui
