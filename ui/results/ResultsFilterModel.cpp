#include "ResultsFilterModel.h"

#include "ResultsModel.h"

namespace salvo::ui {

ResultsFilterModel::ResultsFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ResultsModel::SortRole);
    setDynamicSortFilter(true);
}

void ResultsFilterModel::setStatusClass(const QString &statusClass)
{
    if (m_statusClass == statusClass)
        return;
    m_statusClass = statusClass;
    invalidateRowsFilter();
}

void ResultsFilterModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (m_searchText == trimmed)
        return;
    m_searchText = trimmed;
    invalidateRowsFilter();
}

salvo::ResultFilter ResultsFilterModel::historyFilter() const
{
    if (m_statusClass.isEmpty())
        return {};
    if (m_statusClass == errorsClass())
        return ResultFilter::transportErrors();
    if (m_statusClass == redirectedClass())
        return ResultFilter::redirected();
    if (m_statusClass.size() == 3 && m_statusClass.endsWith(u"xx")
        && m_statusClass.front().isDigit())
        return ResultFilter::ofStatusClass(m_statusClass.front().digitValue());
    return ResultFilter::ofError(errorKindFromName(m_statusClass));
}

bool ResultsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *results = qobject_cast<const ResultsModel *>(sourceModel());
    if (!results || sourceParent.isValid())
        return true;
    const Result &result = results->resultAt(sourceRow);
    if (m_statusClass == redirectedClass()) {
        if (result.redirects.isEmpty())
            return false;
    } else if (!m_statusClass.isEmpty()) {
        const QString rowClass = ResultsModel::statusClass(result);
        const bool isError = result.error != ErrorKind::None;
        if (m_statusClass == errorsClass() ? !isError : rowClass != m_statusClass)
            return false;
    }
    if (!m_searchText.isEmpty()) {
        return result.url.contains(m_searchText, Qt::CaseInsensitive)
                || result.message.contains(m_searchText, Qt::CaseInsensitive);
    }
    return true;
}

} // namespace salvo::ui
