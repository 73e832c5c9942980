#pragma once

#include <QAbstractProxyModel>

#include <functional>
#include <memory>
#include <vector>

#include "RowOrder.h"
#include "store/StoreTypes.h"

namespace salvo::ui {

class ResultsModel;

// What the results table shows of a ResultsModel: one status class or all ("2xx", "3xx",
// "4xx", "5xx", or "errors" for every transport error), and rows whose URL or message
// contains the search text, sorted by one column (numbers as numbers).
//
// Made for a million rows: QSortFilterProxyModel inserts each batch of a sorted table one run
// of rows at a time, each costing a pass over every row, and sorts or filters all rows on the
// GUI thread. Here a batch of new rows is one insert and at most one layout change, and
// ordering every row again (a column clicked, a chip, a search) runs on the thread pool over a
// snapshot when there are more than backgroundThreshold() rows; the table shows the order it
// had until the new one arrives, and rows that arrived meanwhile are put in their places.
class ResultsFilterModel final : public QAbstractProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResultsFilterModel)

public:
    explicit ResultsFilterModel(QObject *parent = nullptr);
    ~ResultsFilterModel() override;

    static QString errorsClass() { return RowFilter::errorsClass(); }
    // Rows whose answer came after one redirect or more, whatever their final status.
    static QString redirectedClass() { return RowFilter::redirectedClass(); }

    void setStatusClass(const QString &statusClass);
    QString statusClass() const { return m_statusClass; }
    QString searchText() const { return m_searchText; }
    // The same rows as the status filter, as the history's queries take them: what an export
    // of a filtered table asks for, without listing a million rows.
    salvo::ResultFilter historyFilter() const { return m_wanted.filter.historyFilter(); }
    void setSearchText(const QString &text);
    // The rows whose kept body holds `text` (BodySearch), shown too while it is the search.
    void setBodyMatches(const QString &text, std::shared_ptr<const std::vector<char>> rows);

    // Takes a ResultsModel; any other model shows no rows.
    void setSourceModel(QAbstractItemModel *sourceModel) override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Up to this many rows, a new order is made at once, on this thread (a few milliseconds).
    int backgroundThreshold() const { return m_backgroundThreshold; }
    void setBackgroundThreshold(int rows) { m_backgroundThreshold = rows; }
    // A new order is being made on the thread pool; reordered() says when it is shown.
    bool isReordering() const { return m_reordering; }

signals:
    // The rows now follow the last filter, search and sort asked for.
    void reordered();

private:
    struct Ordering
    {
        RowFilter filter;
        RowSort sort;
    };
    // Rows to put into an order, sorted, each with the place in the order it goes before.
    struct Placement
    {
        std::vector<int> rows;
        std::vector<int> positions;
    };

    const ResultsModel *results() const;
    void handleRowsInserted(int first, int last);
    void handleRowsReplaced(const QList<int> &rows);
    void reorder();
    void finishReorder(std::vector<int> order, int snapshotRows);
    Placement place(const std::vector<int> &order, std::vector<int> rows) const;
    std::vector<int> accepted(std::vector<int> rows) const;
    // Moves, removes and adds rows so the table shows `order`, keeping the rows that stay
    // selected and current.
    void transitionTo(std::vector<int> order);
    // The same rows in another order. newRowOf maps a row shown now to its row in `order`;
    // without it, it is looked up.
    void permute(std::vector<int> order, const std::function<int(int)> &newRowOf = {});
    void rebuildPositions() const;

    std::vector<int> m_order; // the source row of each row shown
    mutable std::vector<int> m_positions; // the row shown of each source row, -1: none
    mutable bool m_positionsValid = false;
    Ordering m_shown; // what m_order follows; new rows are placed by it
    Ordering m_wanted; // what was asked for last
    QString m_statusClass;
    QString m_searchText;
    std::shared_ptr<const std::vector<char>> m_bodyMatches; // for m_searchText
    int m_backgroundThreshold = 20'000;
    quint64 m_generation = 0; // a new order asked for drops the ones still being made
    bool m_reordering = false;
    std::vector<int> m_replacedWhileReordering;
};

} // namespace salvo::ui
