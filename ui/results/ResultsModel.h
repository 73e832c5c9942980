#pragma once

// ui/results owns how results are shown: the table model, fed in batches by the run or a
// past run, the filter and search over it, and the pane with the table and its menu.

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include "result/Result.h"

namespace salvo::ui {

// One row per result, in the order results arrived. Results come in batches: each batch of
// new rows is one beginInsertRows, and each batch of results for rows already shown (a row
// run again) is one dataChanged over the span they touch. Cells hold compact values; text
// is made only when a view asks.
class ResultsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResultsModel)

public:
    enum Column {
        IndexColumn,
        UrlColumn,
        StatusColumn,
        TimeColumn,
        SizeColumn,
        ContentTypeColumn,
        AttemptsColumn,
        ErrorColumn,
        ColumnCount
    };

    enum Role {
        // A value that sorts as the column means: numbers as numbers, errors after answers.
        SortRole = Qt::UserRole + 1,
        // "2xx", "3xx", "4xx", "5xx", or the error's machine name: what filters match on.
        StatusClassRole,
    };

    explicit ResultsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // New results become rows at the end; a result for a row index already shown
    // replaces it in place.
    void addResults(const salvo::ResultBatch &results);
    void clear();
    // Room for this many rows, so a run read back page by page never stalls on regrowing its
    // index (a rehash of half a million entries took one page 130 ms).
    void reserve(qsizetype rows);

    const Result &resultAt(int row) const { return m_results.at(row); }
    // The model row showing input row `index`, or -1.
    int rowOfIndex(int index) const { return m_rowOfIndex.value(index, -1); }

    // "2xx".."5xx", "1xx", or the error's name; "" for a result without status or error.
    static QString statusClass(const Result &result);

    // The Status column's text for a final status reached by way of redirects.
    static QString redirectedStatus(int status);

    // How many rows each status class has now: what the filter chips show. Redirected rows
    // are counted once more, under ResultsFilterModel::redirectedClass().
    const QHash<QString, int> &statusClassCounts() const { return m_classCounts; }

signals:
    void statusClassCountsChanged();

private:
    QVariant displayData(const Result &result, int column) const;
    QVariant sortData(const Result &result, int column) const;
    void count(const Result &result, int change);
    static QString redirectsNote(const Result &result);

    QList<Result> m_results;
    QHash<int, int> m_rowOfIndex;
    QHash<QString, int> m_classCounts;
};

} // namespace salvo::ui
