#pragma once

// ui/results owns how results are shown: the table model, fed in batches by the run or a
// past run, the filter and search over it, and the pane with the table and its menu.

#include <QAbstractTableModel>
#include <QHash>

#include <array>
#include <memory>
#include <vector>

#include "CompactResults.h"
#include "result/Result.h"

namespace salvo::ui {

// One row per result, in the order results arrived. Results come in batches: each batch of
// new rows is one beginInsertRows, and each batch of results for rows already shown (a row
// run again) is one dataChanged over the span they touch. A row keeps only what the table
// shows (RowCells, about 40 bytes and its address); text is made only when a view asks, and
// the answer is read from the history when its row is selected.
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
    ~ResultsModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // New results become rows at the end; a result for a row index already shown
    // replaces it in place. Only what the table shows is kept of each.
    void addResults(const salvo::ResultBatch &results);
    void clear();
    // The columns of a run that checks and reads its answers, after the table's own: Passed
    // when it expects anything, then its extracted columns, then its input's own columns.
    // Clears the rows; set it before a run's first results.
    void setInspectedColumns(bool expects, const QStringList &extracted,
                             const QStringList &inputColumns);
    // The column of the Passed cells, or -1; the first column of the values.
    int passedColumn() const { return m_rows.expects() ? int(ColumnCount) : -1; }
    int firstValueColumn() const { return int(ColumnCount) + (m_rows.expects() ? 1 : 0); }
    // The class the "failed expectations" filter and its count go by.
    static QString unmetClass() { return QStringLiteral("unmet"); }
    // Room for this many rows, so a run never stalls on regrowing its rows mid-way.
    void reserve(qsizetype rows);

    // What the table knows of a row: a Result without its answer (CompactResults::summary).
    Result resultAt(int row) const { return m_rows.summary(row); }
    int inputRowAt(int row) const { return m_rows.cells(row).inputRow; }
    bool isOkAt(int row) const { return m_rows.cells(row).ok(); }
    const CompactResults &rows() const { return m_rows; }
    // A copy of the rows for the thread pool, which reads it while more arrive here.
    std::shared_ptr<const CompactResults> snapshot() const;
    // The model row showing input row `index`, or -1.
    int rowOfIndex(int index) const;

    // The memory this model holds for its rows, divided by their number: what a row costs.
    qsizetype bytesHeldPerRow() const;

    // "2xx".."5xx", "1xx", or the error's name; "" for a result without status or error.
    static QString statusClass(const Result &result);

    // The Status column's text for a final status reached by way of redirects.
    static QString redirectedStatus(int status);

    // How many rows each status class has now: what the filter chips show. Redirected rows
    // are counted once more, under RowFilter::redirectedClass().
    QHash<QString, int> statusClassCounts() const;

signals:
    void statusClassCountsChanged();
    // These rows (model rows) now show a newer result: a row run again. dataChanged follows.
    void rowsReplaced(const QList<int> &rows);

private:
    QVariant displayData(int row, int column) const;
    QVariant inspectedData(int row, int column, int role) const;
    QVariant sortData(int row, int column) const;
    QVariant toolTip(int row, int column) const;
    void count(const RowCells &cells, int change);
    void appendRows(const salvo::ResultBatch &results, const std::vector<int> &fresh);

    CompactResults m_rows;
    std::vector<qint32> m_rowOfInput; // by input row; -1: not shown
    // Rows per status hundreds (0: neither a status nor an error), per error kind, and
    // redirected: the chips' counts without a pass over the rows.
    std::array<int, 10> m_hundredsCounts{};
    std::array<int, errorKindCount> m_errorCounts{};
    int m_redirectedCount = 0;
    int m_unmetCount = 0;
};

} // namespace salvo::ui
