#include "ResultsModel.h"

#include <QApplication>
#include <QBrush>
#include <QColor>
#include <QIcon>
#include <QLocale>
#include <QStyle>

#include <algorithm>

#include "PlainText.h"
#include "RowOrder.h"
#include "result/ErrorMessages.h"

namespace salvo::ui {
namespace {

// Errors sort after every HTTP status, grouped by kind.
constexpr int errorSortBase = 1000;

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QIcon warningIcon()
{
    if (!qobject_cast<QApplication *>(QCoreApplication::instance()))
        return {}; // no style without widgets (a model test, a benchmark)
    static const QIcon icon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    return icon;
}

// A light tint behind the status, readable on light and dark palettes alike: 2xx green,
// 3xx blue, 4xx amber, 5xx and no answer red.
QVariant statusTint(const RowCells &cells)
{
    QColor tint;
    if (cells.error != 0 || cells.status >= 500)
        tint = QColor(220, 50, 47);
    else if (cells.status >= 400)
        tint = QColor(230, 160, 0);
    else if (cells.status >= 300)
        tint = QColor(38, 110, 210);
    else if (cells.status >= 200)
        tint = QColor(40, 160, 60);
    else
        return {};
    tint.setAlpha(70);
    return QBrush(tint);
}

// The hundreds of an HTTP status 100-599; 0 for anything else (no answer).
int hundredsOf(int status)
{
    return status >= 100 && status < 600 ? status / 100 : 0;
}

QString redirectsNote(const QStringList &redirects)
{
    return ResultsModel::tr("Redirected %n time(s) before this answer:", nullptr,
                            int(redirects.size()))
            + u'\n' + redirects.join(u'\n');
}

} // namespace

ResultsModel::ResultsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

ResultsModel::~ResultsModel() = default;

int ResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
}

int ResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : firstValueColumn() + int(m_rows.valueNames().size());
}

void ResultsModel::setInspectedColumns(bool expects, const QStringList &extracted,
                                       const QStringList &inputColumns)
{
    clear();
    beginResetModel();
    m_rows.setInspectedColumns(expects, extracted, inputColumns);
    endResetModel();
}

// A value that sorts as numbers when it is one, after every number when it is text, and
// last when there is none.
static QVariant valueSortKey(const QString &value)
{
    bool number = false;
    const double parsed = value.trimmed().toDouble(&number);
    if (number)
        return parsed;
    return value;
}

QVariant ResultsModel::inspectedData(int row, int column, int role) const
{
    const RowCells &cells = m_rows.cells(row);
    if (column == passedColumn()) {
        if (!cells.hasFlag(RowCells::Checked))
            return {};
        switch (role) {
        case Qt::DisplayRole:
            return cells.isUnmet() ? tr("\u2717 Failed") : tr("\u2713 Passed");
        case SortRole:
            return cells.isUnmet() ? 0 : 1;
        case Qt::ToolTipRole:
            return cells.isUnmet() ? QVariant(plainToolTip(m_rows.unmet(row).join(u'\n')))
                                   : QVariant();
        case Qt::ForegroundRole:
            return cells.isUnmet() ? QVariant(QBrush(QColor(200, 40, 40))) : QVariant();
        default:
            return {};
        }
    }
    const QString value = m_rows.value(row, column - firstValueColumn());
    switch (role) {
    case Qt::DisplayRole:
        return value;
    case SortRole:
        return valueSortKey(value);
    case Qt::ToolTipRole:
        return value.size() > 40 ? QVariant(plainToolTip(value)) : QVariant();
    default:
        return {};
    }
}

QString ResultsModel::statusClass(const Result &result)
{
    if (result.error != ErrorKind::None)
        return errorKindName(result.error);
    if (result.status >= 100 && result.status < 600)
        return QString::number(result.status / 100) + QStringLiteral("xx");
    return {};
}

QVariant ResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const RowCells &cells = m_rows.cells(row);
    if (index.column() >= ColumnCount)
        return inspectedData(row, index.column(), role);
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case SortRole:
        return sortData(row, index.column());
    case StatusClassRole:
        if (cells.error != 0)
            return errorKindName(cells.errorKind());
        return hundredsOf(cells.status) > 0 ? QString::number(cells.status / 100) + u"xx"
                                            : QString();
    case Qt::AccessibleTextRole:
        if (index.column() == StatusColumn && cells.isRedirected())
            return tr("%1, after redirects").arg(cells.status);
        return {};
    case Qt::ToolTipRole:
        return toolTip(row, index.column());
    case Qt::DecorationRole:
        // Every row of a run that did not check certificates carries the warning.
        if (index.column() == StatusColumn && cells.hasFlag(RowCells::CertificatesUnchecked))
            return warningIcon();
        return {};
    case Qt::BackgroundRole:
        return index.column() == StatusColumn ? statusTint(cells) : QVariant();
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case IndexColumn:
        case TimeColumn:
        case SizeColumn:
        case AttemptsColumn:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        }
    default:
        return {};
    }
}

QVariant ResultsModel::toolTip(int row, int column) const
{
    // Server text and addresses from someone's file: shown as text, never as markup.
    const RowCells &cells = m_rows.cells(row);
    QStringList lines;
    if (column == StatusColumn && cells.isRedirected())
        lines.append(redirectsNote(m_rows.redirects(row)));
    if ((column == StatusColumn || column == ErrorColumn) && cells.message != 0)
        lines.append(m_rows.message(row));
    if (column == UrlColumn)
        lines.append(m_rows.url(row));
    if (column == StatusColumn && cells.hasFlag(RowCells::CertificatesUnchecked))
        lines.append(uncheckedCertificatesNote());
    return lines.isEmpty() ? QVariant() : QVariant(plainToolTip(lines.join(u'\n')));
}

QVariant ResultsModel::displayData(int row, int column) const
{
    const RowCells &cells = m_rows.cells(row);
    switch (column) {
    case IndexColumn:
        return cells.inputRow + 1; // people count from 1
    case UrlColumn:
        return m_rows.url(row);
    case StatusColumn:
        if (cells.error != 0)
            return errorKindLabel(cells.errorKind());
        if (cells.status > 0 && cells.isRedirected())
            return redirectedStatus(cells.status); // the mark the Redirected filter finds
        return cells.status > 0 ? QVariant(int(cells.status)) : QVariant();
    case TimeColumn:
        return cells.attempts > 0 ? tr("%1 ms").arg(cells.elapsedMs) : QString();
    case SizeColumn:
        return cells.status > 0 ? sizeText(cells.bytes) : QString();
    case ContentTypeColumn:
        return m_rows.contentType(row).section(u';', 0, 0).trimmed();
    case AttemptsColumn:
        return int(cells.attempts);
    case ErrorColumn:
        return m_rows.message(row);
    default:
        return {};
    }
}

QVariant ResultsModel::sortData(int row, int column) const
{
    const RowCells &cells = m_rows.cells(row);
    switch (column) {
    case IndexColumn:
        return cells.inputRow;
    case UrlColumn:
        return m_rows.url(row);
    case StatusColumn:
        return cells.error != 0 ? errorSortBase + int(cells.error) : int(cells.status);
    case TimeColumn:
        return qint64(cells.elapsedMs);
    case SizeColumn:
        return cells.bytes;
    case ContentTypeColumn:
        return m_rows.contentType(row);
    case AttemptsColumn:
        return int(cells.attempts);
    case ErrorColumn:
        return m_rows.message(row);
    default:
        return {};
    }
}

QVariant ResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section == passedColumn())
        return tr("Passed");
    if (section >= firstValueColumn())
        return m_rows.valueNames().value(section - firstValueColumn());
    switch (section) {
    case IndexColumn:
        return tr("#");
    case UrlColumn:
        return tr("URL");
    case StatusColumn:
        return tr("Status");
    case TimeColumn:
        return tr("Time");
    case SizeColumn:
        return tr("Size");
    case ContentTypeColumn:
        return tr("Type");
    case AttemptsColumn:
        return tr("Attempts");
    case ErrorColumn:
        return tr("Error");
    default:
        return {};
    }
}

void ResultsModel::reserve(qsizetype rows)
{
    m_rowOfInput.reserve(size_t(rows)); // the rows' cells come in blocks, which need no room
}

int ResultsModel::rowOfIndex(int index) const
{
    return index >= 0 && size_t(index) < m_rowOfInput.size() ? m_rowOfInput[size_t(index)] : -1;
}

std::shared_ptr<const CompactResults> ResultsModel::snapshot() const
{
    return std::make_shared<const CompactResults>(m_rows);
}

qsizetype ResultsModel::bytesHeldPerRow() const
{
    if (m_rows.size() == 0)
        return 0;
    const auto held = m_rows.bytesHeld() + qsizetype(m_rowOfInput.capacity() * sizeof(qint32));
    return held / m_rows.size();
}

void ResultsModel::addResults(const ResultBatch &results)
{
    // A batch may name one row twice: the later result wins, still one row. The positions
    // of the fresh results, each input row once, the later result kept.
    std::vector<int> fresh;
    QList<int> replaced;
    int firstChanged = -1;
    int lastChanged = -1;
    for (int i = 0; i < int(results.size()); ++i) {
        const Result &result = results.at(i);
        if (result.index < 0)
            continue;
        if (size_t(result.index) >= m_rowOfInput.size())
            m_rowOfInput.resize(size_t(result.index) + 1, -1);
        const int row = m_rowOfInput[size_t(result.index)];
        if (row >= 0) {
            count(m_rows.cells(row), -1);
            m_rows.replace(row, result);
            count(m_rows.cells(row), +1);
            replaced.append(row);
            firstChanged = firstChanged < 0 ? row : std::min(firstChanged, row);
            lastChanged = std::max(lastChanged, row);
            continue;
        }
        // Marked with the position in the batch until the rows are made: -2 - position.
        const int marked = m_rowOfInput[size_t(result.index)];
        if (marked <= -2)
            fresh[size_t(-2 - marked)] = i;
        else {
            m_rowOfInput[size_t(result.index)] = -2 - int(fresh.size());
            fresh.push_back(i);
        }
    }
    if (firstChanged >= 0) {
        emit rowsReplaced(replaced);
        emit dataChanged(index(firstChanged, 0), index(lastChanged, columnCount() - 1));
    }
    if (!fresh.empty())
        appendRows(results, fresh);
    if (firstChanged >= 0 || !fresh.empty())
        emit statusClassCountsChanged();
}

void ResultsModel::appendRows(const ResultBatch &results, const std::vector<int> &fresh)
{
    const int first = m_rows.size();
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (const int position : fresh) {
        const Result &result = results.at(position);
        m_rowOfInput[size_t(result.index)] = m_rows.size();
        m_rows.append(result);
        count(m_rows.cells(m_rows.size() - 1), +1);
    }
    endInsertRows();
}

void ResultsModel::count(const RowCells &cells, int change)
{
    if (cells.error != 0)
        m_errorCounts[cells.error] += change;
    else
        m_hundredsCounts[size_t(hundredsOf(cells.status))] += change;
    if (cells.isRedirected())
        m_redirectedCount += change;
    if (cells.isUnmet())
        m_unmetCount += change;
}

QHash<QString, int> ResultsModel::statusClassCounts() const
{
    QHash<QString, int> counts;
    for (int hundreds = 0; hundreds < int(m_hundredsCounts.size()); ++hundreds) {
        if (m_hundredsCounts[size_t(hundreds)] != 0)
            counts.insert(hundreds == 0 ? QString() : QString::number(hundreds) + u"xx",
                          m_hundredsCounts[size_t(hundreds)]);
    }
    for (int kind = 1; kind < errorKindCount; ++kind) {
        if (m_errorCounts[size_t(kind)] != 0)
            counts.insert(errorKindName(ErrorKind(kind)), m_errorCounts[size_t(kind)]);
    }
    if (m_redirectedCount != 0)
        counts.insert(RowFilter::redirectedClass(), m_redirectedCount);
    if (m_unmetCount != 0)
        counts.insert(unmetClass(), m_unmetCount);
    return counts;
}

QString ResultsModel::redirectedStatus(int status)
{
    return tr("%1 \u21aa").arg(status); // ↪: came by way of a redirect
}

void ResultsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    std::vector<qint32>().swap(m_rowOfInput);
    m_hundredsCounts.fill(0);
    m_errorCounts.fill(0);
    m_redirectedCount = 0;
    m_unmetCount = 0;
    endResetModel();
    emit statusClassCountsChanged();
}

} // namespace salvo::ui
