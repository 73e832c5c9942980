#include "ResultsModel.h"

#include "ResultsFilterModel.h"

#include <QApplication>
#include <QBrush>
#include <QColor>
#include <QIcon>
#include <QLocale>
#include <QStyle>

#include <algorithm>

#include "PlainText.h"
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
QVariant statusTint(const Result &result)
{
    QColor tint;
    if (result.error != ErrorKind::None || result.status >= 500)
        tint = QColor(220, 50, 47);
    else if (result.status >= 400)
        tint = QColor(230, 160, 0);
    else if (result.status >= 300)
        tint = QColor(38, 110, 210);
    else if (result.status >= 200)
        tint = QColor(40, 160, 60);
    else
        return {};
    tint.setAlpha(70);
    return QBrush(tint);
}

} // namespace

ResultsModel::ResultsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int ResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_results.size());
}

int ResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
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
    const Result &result = m_results.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(result, index.column());
    case SortRole:
        return sortData(result, index.column());
    case StatusClassRole:
        return statusClass(result);
    case Qt::AccessibleTextRole:
        if (index.column() == StatusColumn && !result.redirects.isEmpty())
            return tr("%1, after redirects").arg(result.status);
        return {};
    case Qt::ToolTipRole: {
        // Server text and addresses from someone's file: shown as text, never as markup.
        QStringList lines;
        if (index.column() == StatusColumn && !result.redirects.isEmpty())
            lines.append(redirectsNote(result));
        if ((index.column() == StatusColumn || index.column() == ErrorColumn)
            && !result.message.isEmpty())
            lines.append(result.message);
        if (index.column() == UrlColumn)
            lines.append(result.url);
        if (index.column() == StatusColumn && result.certificatesUnchecked)
            lines.append(uncheckedCertificatesNote());
        return lines.isEmpty() ? QVariant() : QVariant(plainToolTip(lines.join(u'\n')));
    }
    case Qt::DecorationRole:
        // Every row of a run that did not check certificates carries the warning.
        if (index.column() == StatusColumn && result.certificatesUnchecked)
            return warningIcon();
        return {};
    case Qt::BackgroundRole:
        return index.column() == StatusColumn ? statusTint(result) : QVariant();
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

QVariant ResultsModel::displayData(const Result &result, int column) const
{
    switch (column) {
    case IndexColumn:
        return result.index + 1; // people count from 1
    case UrlColumn:
        return result.url;
    case StatusColumn:
        if (result.error != ErrorKind::None)
            return errorKindLabel(result.error);
        if (result.status > 0 && !result.redirects.isEmpty())
            return redirectedStatus(result.status); // the mark the Redirected filter finds
        return result.status > 0 ? QVariant(result.status) : QVariant();
    case TimeColumn:
        return result.attempts > 0 ? tr("%1 ms").arg(result.elapsedMs) : QString();
    case SizeColumn:
        return result.status > 0 ? sizeText(result.bytes) : QString();
    case ContentTypeColumn:
        return result.contentType.section(u';', 0, 0).trimmed();
    case AttemptsColumn:
        return result.attempts;
    case ErrorColumn:
        return result.message;
    default:
        return {};
    }
}

QVariant ResultsModel::sortData(const Result &result, int column) const
{
    switch (column) {
    case IndexColumn:
        return result.index;
    case UrlColumn:
        return result.url;
    case StatusColumn:
        return result.error != ErrorKind::None ? errorSortBase + int(result.error) : result.status;
    case TimeColumn:
        return result.elapsedMs;
    case SizeColumn:
        return result.bytes;
    case ContentTypeColumn:
        return result.contentType;
    case AttemptsColumn:
        return result.attempts;
    case ErrorColumn:
        return result.message;
    default:
        return {};
    }
}

QVariant ResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
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
    m_results.reserve(rows);
    m_rowOfIndex.reserve(rows);
}

void ResultsModel::addResults(const ResultBatch &results)
{
    ResultBatch fresh;
    int firstChanged = -1;
    int lastChanged = -1;
    for (const Result &result : results) {
        const int row = m_rowOfIndex.value(result.index, -1);
        if (row < 0) {
            fresh.append(result);
            continue;
        }
        count(m_results.at(row), -1);
        count(result, +1);
        m_results[row] = result;
        firstChanged = firstChanged < 0 ? row : std::min(firstChanged, row);
        lastChanged = std::max(lastChanged, row);
    }
    if (firstChanged >= 0)
        emit dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));

    // A batch may name one row twice: the later result wins, still one row.
    QHash<int, qsizetype> positionInFresh;
    ResultBatch unique;
    unique.reserve(fresh.size());
    for (const Result &result : std::as_const(fresh)) {
        const auto it = positionInFresh.constFind(result.index);
        if (it != positionInFresh.cend()) {
            unique[*it] = result;
            continue;
        }
        positionInFresh.insert(result.index, unique.size());
        unique.append(result);
    }
    if (unique.isEmpty()) {
        if (firstChanged >= 0)
            emit statusClassCountsChanged();
        return;
    }
    const int first = int(m_results.size());
    beginInsertRows({}, first, first + int(unique.size()) - 1);
    for (const Result &result : std::as_const(unique)) {
        m_rowOfIndex.insert(result.index, int(m_results.size()));
        count(result, +1);
        m_results.append(result);
    }
    endInsertRows();
    emit statusClassCountsChanged();
}

void ResultsModel::count(const Result &result, int change)
{
    m_classCounts[statusClass(result)] += change;
    if (!result.redirects.isEmpty())
        m_classCounts[ResultsFilterModel::redirectedClass()] += change;
}

QString ResultsModel::redirectedStatus(int status)
{
    return tr("%1 \u21aa").arg(status); // ↪: came by way of a redirect
}

QString ResultsModel::redirectsNote(const Result &result)
{
    return tr("Redirected %n time(s) before this answer:", nullptr, int(result.redirects.size()))
            + u'\n' + result.redirects.join(u'\n');
}

void ResultsModel::clear()
{
    beginResetModel();
    m_results.clear();
    m_rowOfIndex.clear();
    m_classCounts.clear();
    endResetModel();
    emit statusClassCountsChanged();
}

} // namespace salvo::ui
