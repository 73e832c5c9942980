#include "ComparisonModel.h"

#include <QFont>

#include "PlainText.h"

namespace salvo::ui {
namespace {

QString msText(qint64 ms)
{
    return ComparisonModel::tr("%1 ms").arg(ms);
}

} // namespace

ComparisonModel::ComparisonModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void ComparisonModel::setComparison(const RunComparison &comparison)
{
    beginResetModel();
    m_rows = comparison.rows;
    m_olderRunId = comparison.older.id;
    m_newerRunId = comparison.newer.id;
    m_expects = comparison.older.expects || comparison.newer.expects;
    m_sharedColumns = comparison.sharedColumns;
    m_sharedColumnPlaces = comparison.sharedColumnPlaces;
    endResetModel();
}

int ComparisonModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ComparisonModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount + (m_expects ? 1 : 0) + int(m_sharedColumns.size());
}

// "value" when both runs read the same, "before → after" when not: extracted columns side
// by side, like the Status column.
QVariant ComparisonModel::inspectedDisplay(const ComparedRow &row, int column) const
{
    const auto verdictText = [](const ComparedSide &side) {
        if (!side.present() || side.verdict == Verdict::NotChecked)
            return QStringLiteral("-");
        return side.verdict == Verdict::Passed ? tr("\u2713 passed") : tr("\u2717 failed");
    };
    QString before;
    QString after;
    if (m_expects && column == ColumnCount) {
        before = verdictText(row.older);
        after = verdictText(row.newer);
    } else {
        const auto [olderPlace, newerPlace]
                = m_sharedColumnPlaces.at(column - ColumnCount - (m_expects ? 1 : 0));
        before = row.older.present() ? row.older.extracted.value(olderPlace) : QStringLiteral("-");
        after = row.newer.present() ? row.newer.extracted.value(newerPlace) : QStringLiteral("-");
    }
    return before == after ? after : tr("%1 → %2").arg(before, after);
}

QVariant ComparisonModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ComparedRow &row = m_rows.at(index.row());
    if (index.column() >= ColumnCount && (role == Qt::DisplayRole || role == RawRole))
        return inspectedDisplay(row, index.column());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case RawRole:
        return raw(row, index.column());
    case ChangedRole:
        return row.changed() ? 1 : 0;
    case Qt::ToolTipRole:
        return index.column() == UrlColumn ? QVariant(plainToolTip(row.url)) : QVariant();
    case Qt::FontRole:
        if (row.changed() && index.column() == ChangeColumn) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == RowColumn || index.column() == OlderTimeColumn
            || index.column() == NewerTimeColumn || index.column() == TimeDeltaColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant ComparisonModel::display(const ComparedRow &row, int column) const
{
    switch (column) {
    case RowColumn:
        return (row.newer.present() ? row.newer.rowIndex : row.older.rowIndex) + 1;
    case UrlColumn:
        return row.url;
    case StatusColumn: {
        const QString before = outcomeText(row.older);
        const QString after = outcomeText(row.newer);
        return before == after ? after : tr("%1 → %2").arg(before, after);
    }
    case OlderTimeColumn:
        return row.older.present() ? msText(row.older.elapsedMs) : QString();
    case NewerTimeColumn:
        return row.newer.present() ? msText(row.newer.elapsedMs) : QString();
    case TimeDeltaColumn:
        if (const std::optional<qint64> delta = row.latencyDeltaMs())
            return *delta > 0 ? tr("+%1 ms").arg(*delta) : msText(*delta);
        return QString();
    case ChangeColumn:
        return changeText(row);
    default:
        return {};
    }
}

QVariant ComparisonModel::raw(const ComparedRow &row, int column) const
{
    switch (column) {
    case RowColumn:
        return row.newer.present() ? row.newer.rowIndex : row.older.rowIndex;
    case UrlColumn:
        return row.url;
    case StatusColumn:
        return row.newer.present() ? row.newer.status : -1;
    case OlderTimeColumn:
        return row.older.present() ? row.older.elapsedMs : qint64(-1);
    case NewerTimeColumn:
        return row.newer.present() ? row.newer.elapsedMs : qint64(-1);
    case TimeDeltaColumn:
        // Rows without a delta sort below every delta, whichever way.
        return row.latencyDeltaMs().value_or(std::numeric_limits<qint64>::min());
    case ChangeColumn:
        return int(row.changes.toInt());
    default:
        return {};
    }
}

QVariant ComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section >= ColumnCount) {
        if (m_expects && section == ColumnCount)
            return tr("Passed");
        return m_sharedColumns.value(section - ColumnCount - (m_expects ? 1 : 0));
    }
    switch (section) {
    case RowColumn:
        return tr("Row");
    case UrlColumn:
        return tr("Address");
    case StatusColumn:
        return tr("Status");
    case OlderTimeColumn:
        return tr("Run %1").arg(m_olderRunId);
    case NewerTimeColumn:
        return tr("Run %1").arg(m_newerRunId);
    case TimeDeltaColumn:
        return tr("Time change");
    case ChangeColumn:
        return tr("What changed");
    default:
        return {};
    }
}

QString ComparisonModel::outcomeText(const ComparedSide &side)
{
    if (!side.present())
        return QStringLiteral("-");
    if (side.error != ErrorKind::None)
        return side.status > 0 ? tr("%1 (%2)").arg(side.status).arg(errorKindLabel(side.error))
                               : errorKindLabel(side.error);
    return QString::number(side.status);
}

QString ComparisonModel::changeText(const ComparedRow &row) const
{
    if (row.changes.testFlag(RowChange::OnlyOlder))
        return tr("only in run %1").arg(m_olderRunId);
    if (row.changes.testFlag(RowChange::OnlyNewer))
        return tr("only in run %1").arg(m_newerRunId);
    QStringList parts;
    if (row.changes.testFlag(RowChange::Status))
        parts.append(tr("status"));
    if (row.changes.testFlag(RowChange::Error))
        parts.append(tr("error"));
    if (row.changes.testFlag(RowChange::Body))
        parts.append(tr("body"));
    if (row.changes.testFlag(RowChange::Verdict))
        parts.append(row.newer.verdict == Verdict::Passed ? tr("now meets its expectations")
                                                          : tr("no longer meets its expectations"));
    if (row.changes.testFlag(RowChange::Values))
        parts.append(tr("values"));
    return parts.join(tr(", "));
}

} // namespace salvo::ui
