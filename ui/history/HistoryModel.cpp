#include "HistoryModel.h"

#include <QLocale>

#include "PlainText.h"

namespace salvo::ui {
namespace {

// -1 while the run has no end yet.
qint64 durationMs(const RunSummary &run)
{
    if (!run.started.isValid() || !run.finished.isValid())
        return -1;
    return std::max<qint64>(0, run.started.msecsTo(run.finished));
}

} // namespace

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void HistoryModel::setEntries(QList<HistoryEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

qint64 HistoryModel::runIdAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row).run.id : 0;
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HistoryEntry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(entry, index.column());
    case RawRole:
        return raw(entry, index.column());
    case RunIdRole:
        return entry.run.id;
    case Qt::TextAlignmentRole:
        if (index.column() >= RowsColumn || index.column() == RunColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        // A batch's name comes from a file someone may have sent: text, never markup.
        if (index.column() == BatchColumn && entry.run.parentRunId != 0)
            return plainToolTip(
                    tr("%1\nRe-runs rows of run %2")
                            .arg(entry.run.batchName, QString::number(entry.run.parentRunId)));
        if (index.column() == BatchColumn)
            return plainToolTip(entry.run.batchName);
        if (index.column() == WhenColumn)
            return tr("Run %1").arg(entry.run.id);
        return {};
    default:
        return {};
    }
}

QVariant HistoryModel::display(const HistoryEntry &entry, int column) const
{
    const QLocale locale;
    const RunSummary &run = entry.run;
    switch (column) {
    case RunColumn:
        return QString::number(run.id);
    case WhenColumn:
        return locale.toString(run.started.toLocalTime(), QLocale::ShortFormat);
    case BatchColumn:
        // In front, so a long name elides and the link stays; the raw value (for sorting) is
        // the name alone. One arg() call: a name holding "%20" is no placeholder.
        if (run.parentRunId != 0)
            return tr("re-run of %1: %2").arg(QString::number(run.parentRunId), run.batchName);
        return run.batchName;
    case StateColumn:
        return stateText(run.state);
    case RowsColumn:
        return locale.toString(run.rowCount);
    case OkColumn:
        return locale.toString(run.okCount);
    case FailedColumn:
        return locale.toString(run.failedCount);
    case P50Column:
        return entry.latency ? tr("%1 ms").arg(locale.toString(entry.latency->p50Ms)) : QString();
    case P99Column:
        return entry.latency ? tr("%1 ms").arg(locale.toString(entry.latency->p99Ms)) : QString();
    case DurationColumn: {
        const qint64 ms = durationMs(run);
        return ms < 0 ? QString() : durationText(ms);
    }
    default:
        return {};
    }
}

QVariant HistoryModel::raw(const HistoryEntry &entry, int column) const
{
    const RunSummary &run = entry.run;
    switch (column) {
    case RunColumn:
        return run.id;
    case WhenColumn:
        return run.started.toMSecsSinceEpoch();
    case BatchColumn:
        return run.batchName;
    case StateColumn:
        return static_cast<int>(run.state);
    case RowsColumn:
        return run.rowCount;
    case OkColumn:
        return run.okCount;
    case FailedColumn:
        return run.failedCount;
    case P50Column:
        return entry.latency ? entry.latency->p50Ms : qint64(-1);
    case P99Column:
        return entry.latency ? entry.latency->p99Ms : qint64(-1);
    case DurationColumn:
        return durationMs(run);
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        if (section == P50Column)
            return tr("Half the answers took at most this long");
        if (section == P99Column)
            return tr("99 in 100 answers took at most this long");
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RunColumn:
        return tr("Run");
    case WhenColumn:
        return tr("When");
    case BatchColumn:
        return tr("Batch");
    case StateColumn:
        return tr("State");
    case RowsColumn:
        return tr("Rows");
    case OkColumn:
        return tr("OK");
    case FailedColumn:
        return tr("Failed");
    case P50Column:
        return tr("Median time");
    case P99Column:
        return tr("99% within");
    case DurationColumn:
        return tr("Duration");
    default:
        return {};
    }
}

QString HistoryModel::stateText(RunState state)
{
    switch (state) {
    case RunState::Running:
        return tr("running");
    case RunState::Finished:
        return tr("finished");
    case RunState::Cancelled:
        return tr("cancelled");
    case RunState::Interrupted:
        return tr("interrupted");
    }
    return {};
}

QString HistoryModel::durationText(qint64 ms)
{
    const QLocale locale;
    if (ms < 1'000)
        return tr("%1 ms").arg(locale.toString(ms));
    if (ms < 60'000)
        return tr("%1 s").arg(locale.toString(double(ms) / 1'000.0, 'f', 1));
    const qint64 seconds = ms / 1'000;
    if (seconds < 3'600) {
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    }
    const qint64 minutes = seconds / 60;
    return tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

} // namespace salvo::ui
