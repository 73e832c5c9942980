#include "ResultsFilterModel.h"

#include <QtConcurrent>

#include <algorithm>
#include <numeric>
#include <span>

#include "ResultsModel.h"
#include "desktop/ThenIfAlive.h"

namespace salvo::ui {
namespace {

// Each row before its place: the merge of two sorted lists, in one pass of copies.
std::vector<int> merged(std::span<const int> order, const std::vector<int> &rows,
                        const std::vector<int> &positions)
{
    std::vector<int> result;
    result.reserve(order.size() + rows.size());
    size_t copied = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto position = size_t(positions[i]);
        result.insert(result.end(), order.begin() + qsizetype(copied),
                      order.begin() + qsizetype(position));
        copied = position;
        result.push_back(rows[i]);
    }
    result.insert(result.end(), order.begin() + qsizetype(copied), order.end());
    return result;
}

} // namespace

ResultsFilterModel::ResultsFilterModel(QObject *parent)
    : QAbstractProxyModel(parent)
{ }

ResultsFilterModel::~ResultsFilterModel() = default;

const ResultsModel *ResultsFilterModel::results() const
{
    return qobject_cast<const ResultsModel *>(sourceModel());
}

void ResultsFilterModel::setSourceModel(QAbstractItemModel *source)
{
    beginResetModel();
    if (QAbstractItemModel *old = sourceModel())
        old->disconnect(this);
    QAbstractProxyModel::setSourceModel(source);
    ++m_generation;
    m_reordering = false;
    m_order.clear();
    m_positionsValid = false;
    if (auto *model = qobject_cast<ResultsModel *>(source)) {
        connect(model, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) {
                    handleRowsInserted(first, last);
                });
        connect(model, &ResultsModel::rowsReplaced, this, &ResultsFilterModel::handleRowsReplaced);
        connect(model, &QAbstractItemModel::dataChanged, this, [this] {
            // The rows replaced are in their places already: whatever is on screen repaints.
            if (!m_order.empty())
                emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
        });
        connect(model, &QAbstractItemModel::modelAboutToBeReset, this,
                &ResultsFilterModel::beginResetModel);
        connect(model, &QAbstractItemModel::modelReset, this, [this] {
            ++m_generation; // an order being made is of rows gone
            m_reordering = false;
            m_order.clear();
            m_positionsValid = false;
            m_shown = m_wanted;
            endResetModel();
        });
        m_shown = m_wanted;
        m_order = orderRows(model->rows(), m_shown.filter, m_shown.sort);
    }
    endResetModel();
}

QModelIndex ResultsFilterModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= rowCount() || column < 0 || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex ResultsFilterModel::parent(const QModelIndex &) const
{
    return {};
}

int ResultsFilterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

int ResultsFilterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !sourceModel() ? 0 : sourceModel()->columnCount();
}

QVariant ResultsFilterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // Not QAbstractProxyModel's: it maps a column through row 0, which an empty table lacks.
    if (orientation == Qt::Horizontal && sourceModel())
        return sourceModel()->headerData(section, orientation, role);
    return QAbstractProxyModel::headerData(section, orientation, role);
}

QModelIndex ResultsFilterModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || proxyIndex.model() != this || !sourceModel()
        || size_t(proxyIndex.row()) >= m_order.size())
        return {};
    return sourceModel()->index(m_order[size_t(proxyIndex.row())], proxyIndex.column());
}

QModelIndex ResultsFilterModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.model() != sourceModel())
        return {};
    rebuildPositions();
    const auto sourceRow = size_t(sourceIndex.row());
    if (sourceRow >= m_positions.size() || m_positions[sourceRow] < 0)
        return {};
    return index(m_positions[sourceRow], sourceIndex.column());
}

void ResultsFilterModel::rebuildPositions() const
{
    if (m_positionsValid)
        return;
    const ResultsModel *model = results();
    m_positions.assign(size_t(model ? model->rowCount() : 0), -1);
    for (size_t row = 0; row < m_order.size(); ++row) {
        if (size_t(m_order[row]) < m_positions.size())
            m_positions[size_t(m_order[row])] = int(row);
    }
    m_positionsValid = true;
}

void ResultsFilterModel::setStatusClass(const QString &statusClass)
{
    if (m_statusClass == statusClass)
        return;
    m_statusClass = statusClass;
    m_wanted.filter = RowFilter(m_statusClass, m_searchText, m_bodyMatches);
    reorder();
}

void ResultsFilterModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (m_searchText == trimmed)
        return;
    m_searchText = trimmed;
    m_bodyMatches.reset(); // they were for another text
    m_wanted.filter = RowFilter(m_statusClass, m_searchText);
    reorder();
}

void ResultsFilterModel::setBodyMatches(const QString &text,
                                        std::shared_ptr<const std::vector<char>> rows)
{
    if (text.trimmed() != m_searchText)
        return; // typed on since
    m_bodyMatches = std::move(rows);
    m_wanted.filter = RowFilter(m_statusClass, m_searchText, m_bodyMatches);
    reorder();
}

void ResultsFilterModel::sort(int column, Qt::SortOrder order)
{
    m_wanted.sort = RowSort(column, order);
    reorder();
}

std::vector<int> ResultsFilterModel::accepted(std::vector<int> rows) const
{
    if (m_shown.filter.acceptsAll())
        return rows;
    const CompactResults &all = results()->rows();
    std::erase_if(rows, [&](int row) { return !m_shown.filter.accepts(all, row); });
    return rows;
}

ResultsFilterModel::Placement ResultsFilterModel::place(const std::vector<int> &order,
                                                        std::vector<int> rows) const
{
    const CompactResults &all = results()->rows();
    const auto before = [&](int a, int b) { return m_shown.sort.before(all, a, b); };
    Placement placement;
    std::sort(rows.begin(), rows.end(), before);
    placement.positions.reserve(rows.size());
    auto from = order.begin();
    for (const int row : rows) {
        // Rows are sorted, so each goes at or after the place of the one before it.
        from = std::lower_bound(from, order.end(), row, before);
        placement.positions.push_back(int(from - order.begin()));
    }
    placement.rows = std::move(rows);
    return placement;
}

void ResultsFilterModel::handleRowsInserted(int first, int last)
{
    std::vector<int> fresh(size_t(last - first + 1));
    std::iota(fresh.begin(), fresh.end(), first);
    fresh = accepted(std::move(fresh));
    if (fresh.empty())
        return;
    const Placement placement = place(m_order, std::move(fresh));
    const auto count = int(placement.rows.size());
    const int shown = rowCount();
    const auto &positions = placement.positions;
    if (positions.front() == positions.back()) {
        // One run of rows in one place (the end, in arrival or row order): one insert.
        beginInsertRows({}, positions.front(), positions.front() + count - 1);
        m_order.insert(m_order.begin() + positions.front(), placement.rows.begin(),
                       placement.rows.end());
        m_positionsValid = false;
        endInsertRows();
        return;
    }
    // Rows in many places: QSortFilterProxyModel would insert each run apart, each insert a
    // pass over every row of the table and the view. Here: one insert at the end, then one
    // layout change that moves them to their places.
    beginInsertRows({}, shown, shown + count - 1);
    m_order.insert(m_order.end(), placement.rows.begin(), placement.rows.end());
    m_positionsValid = false;
    endInsertRows();
    std::vector<int> next
            = merged(std::span<const int>(m_order).first(size_t(shown)), placement.rows, positions);
    permute(std::move(next), [&](int row) {
        if (row >= shown) // a new row: its place, after the new rows before it
            return positions[size_t(row - shown)] + (row - shown);
        const auto newBefore = std::upper_bound(positions.begin(), positions.end(), row);
        return row + int(newBefore - positions.begin());
    });
}

void ResultsFilterModel::handleRowsReplaced(const QList<int> &rows)
{
    if (m_reordering)
        m_replacedWhileReordering.insert(m_replacedWhileReordering.end(), rows.begin(), rows.end());
    // A row run again may now pass the filter or not, and sort elsewhere: out, then back in
    // its new place if it passes.
    std::vector<char> isReplaced(size_t(results()->rowCount()), 0);
    std::vector<int> again;
    for (const int row : rows) {
        if (!std::exchange(isReplaced[size_t(row)], 1))
            again.push_back(row);
    }
    std::vector<int> rest = m_order;
    std::erase_if(rest, [&](int row) { return isReplaced[size_t(row)] != 0; });
    const Placement placement = place(rest, accepted(std::move(again)));
    transitionTo(merged(rest, placement.rows, placement.positions));
}

void ResultsFilterModel::reorder()
{
    const ResultsModel *model = results();
    if (!model)
        return;
    const quint64 generation = ++m_generation;
    m_replacedWhileReordering.clear();
    if (model->rowCount() <= m_backgroundThreshold) {
        m_reordering = false;
        m_shown = m_wanted;
        transitionTo(orderRows(model->rows(), m_shown.filter, m_shown.sort));
        emit reordered();
        return;
    }
    m_reordering = true;
    const std::shared_ptr<const CompactResults> snapshot = model->snapshot();
    const Ordering wanted = m_wanted;
    thenIfAlive(QtConcurrent::run([snapshot, wanted] {
                    return orderRows(*snapshot, wanted.filter, wanted.sort);
                }),
                this, [this, generation, rows = snapshot->size()](std::vector<int> order) {
                    if (generation == m_generation)
                        finishReorder(std::move(order), rows);
                });
}

void ResultsFilterModel::finishReorder(std::vector<int> order, int snapshotRows)
{
    m_reordering = false;
    m_shown = m_wanted;
    // Rows that came or changed after the snapshot are placed as new rows are.
    std::vector<int> late;
    const int rowsNow = results()->rowCount();
    std::vector<char> isLate(size_t(rowsNow), 0);
    for (const int row : std::exchange(m_replacedWhileReordering, {})) {
        if (row < snapshotRows && !std::exchange(isLate[size_t(row)], 1))
            late.push_back(row);
    }
    if (!late.empty())
        std::erase_if(order, [&](int row) { return isLate[size_t(row)] != 0; });
    for (int row = snapshotRows; row < rowsNow; ++row)
        late.push_back(row);
    const Placement placement = place(order, accepted(std::move(late)));
    transitionTo(merged(order, placement.rows, placement.positions));
    emit reordered();
}

void ResultsFilterModel::transitionTo(std::vector<int> order)
{
    const auto sourceRows = size_t(results()->rowCount());
    std::vector<char> inOrder(sourceRows, 0);
    for (const int row : order)
        inOrder[size_t(row)] = 1;
    // Rows that go: moved after the others, then removed at once.
    std::vector<int> staying;
    std::vector<int> leaving;
    staying.reserve(m_order.size());
    for (const int row : m_order)
        (inOrder[size_t(row)] != 0 ? staying : leaving).push_back(row);
    if (!leaving.empty()) {
        const auto stay = int(staying.size());
        staying.insert(staying.end(), leaving.begin(), leaving.end());
        if (staying != m_order)
            permute(std::move(staying));
        beginRemoveRows({}, stay, rowCount() - 1);
        m_order.resize(size_t(stay));
        m_positionsValid = false;
        endRemoveRows();
    }
    // Rows that come: added at the end, then moved to their places with the others.
    std::vector<char> shown(sourceRows, 0);
    for (const int row : m_order)
        shown[size_t(row)] = 1;
    std::vector<int> coming;
    for (const int row : order) {
        if (shown[size_t(row)] == 0)
            coming.push_back(row);
    }
    if (!coming.empty()) {
        beginInsertRows({}, rowCount(), rowCount() + int(coming.size()) - 1);
        m_order.insert(m_order.end(), coming.begin(), coming.end());
        m_positionsValid = false;
        endInsertRows();
    }
    if (order != m_order)
        permute(std::move(order));
}

void ResultsFilterModel::permute(std::vector<int> order, const std::function<int(int)> &newRowOf)
{
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    if (!newRowOf) {
        m_order.swap(order); // the positions are looked up in the new order
        m_positionsValid = false;
        rebuildPositions();
        m_order.swap(order);
    }
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &was : before) {
        const int row
                = newRowOf ? newRowOf(was.row()) : m_positions[size_t(m_order[size_t(was.row())])];
        after.append(index(row, was.column()));
    }
    m_order = std::move(order);
    m_positionsValid = !newRowOf;
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

} // namespace salvo::ui
