#pragma once

#include <QSortFilterProxyModel>

#include "store/StoreTypes.h"

namespace salvo::ui {

// What the results table shows of a ResultsModel: one status class or all ("2xx", "3xx",
// "4xx", "5xx", or "errors" for every transport error), and rows whose URL or message
// contains the search text. Sorts by ResultsModel::SortRole, so numbers sort as numbers.
class ResultsFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResultsFilterModel)

public:
    explicit ResultsFilterModel(QObject *parent = nullptr);

    static QString errorsClass() { return QStringLiteral("errors"); }
    // Rows whose answer came after one redirect or more, whatever their final status.
    static QString redirectedClass() { return QStringLiteral("redirected"); }

    void setStatusClass(const QString &statusClass);
    QString statusClass() const { return m_statusClass; }
    QString searchText() const { return m_searchText; }
    // The same rows as the status filter, as the history's queries take them: what an export
    // of a filtered table asks for, without listing a million rows.
    salvo::ResultFilter historyFilter() const;
    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_statusClass;
    QString m_searchText;
};

} // namespace salvo::ui
