#pragma once

#include <QString>

#include <memory>
#include <vector>

#include "CompactResults.h"
#include "store/StoreTypes.h"

namespace salvo::ui {

// Which rows the table shows: one status class or all ("2xx".."5xx", "errors" for every
// transport error, "redirected", "unmet" for the rows that failed an expectation, or one
// error's machine name), and rows whose address, message, failed expectations or values
// (extracted, and the input's own columns) contain the search text, whatever its case.
class RowFilter
{
public:
    static QString errorsClass() { return QStringLiteral("errors"); }
    static QString redirectedClass() { return QStringLiteral("redirected"); }
    // Rows that failed an expectation.
    static QString unmetClass() { return QStringLiteral("unmet"); }

    RowFilter() = default;
    // bodyMatches: the input rows whose kept body holds the search text (BodySearch).
    RowFilter(const QString &statusClass, const QString &searchText,
              std::shared_ptr<const std::vector<char>> bodyMatches = nullptr);

    bool accepts(const CompactResults &rows, int row) const;
    bool acceptsAll() const { return m_kind == Kind::All && m_search.isEmpty(); }
    // The same rows as the status class, as the history's queries take them (not the search).
    salvo::ResultFilter historyFilter() const;

private:
    enum class Kind { All, StatusClass, Errors, Redirected, Unmet, Error };

    Kind m_kind = Kind::All;
    int m_statusClass = 0; // the hundreds, for Kind::StatusClass
    ErrorKind m_error = ErrorKind::None; // for Kind::Error
    QString m_search;
    std::shared_ptr<const std::vector<char>> m_bodyMatches;
};

// The order of one column, numbers as numbers, errors after every status; in a column of
// values, numbers first and as numbers, then text. Rows that sort
// alike keep the order they were added in, whichever the direction.
class RowSort
{
public:
    RowSort() = default; // the order rows were added in
    RowSort(int column, Qt::SortOrder order);

    int column() const { return m_column; }
    Qt::SortOrder order() const { return m_order; }
    // Whether row `a` comes before row `b`: a strict order over distinct rows.
    bool before(const CompactResults &rows, int a, int b) const;

private:
    int compare(const CompactResults &rows, int a, int b) const;

    int m_column = -1;
    Qt::SortOrder m_order = Qt::AscendingOrder;
};

// The rows of `rows` that the filter passes, in the sort's order. A million rows take a few
// hundred milliseconds: the window runs this on the thread pool, over a snapshot.
std::vector<int> orderRows(const CompactResults &rows, const RowFilter &filter,
                           const RowSort &sort);

} // namespace salvo::ui
