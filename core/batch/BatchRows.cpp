#include "BatchRows.h"

#include <algorithm>

#include "RowAddress.h"

namespace salvo {
namespace {

// Rows made already, kept as they are.
class ListedRows final : public RowSegment
{
public:
    ListedRows(QList<RequestSpec> rows, QStringList columnNames)
        : m_rows(std::move(rows))
        , m_columnNames(std::move(columnNames))
        , m_hasRowExpectations(std::any_of(m_rows.cbegin(), m_rows.cend(), [](const auto &row) {
            return !row.expectations.isEmpty();
        }))
    { }

    qsizetype size() const override { return m_rows.size(); }
    WrittenRow written(qsizetype index) const override
    {
        const RequestSpec &row = m_rows.at(index);
        return {row.text, row.line, row.method, row.body, row.columns};
    }
    RequestSpec request(qsizetype index) const override { return m_rows.at(index); }
    QStringList columnNames() const override { return m_columnNames; }
    bool hasRowExpectations() const override { return m_hasRowExpectations; }

private:
    QList<RequestSpec> m_rows;
    QStringList m_columnNames;
    bool m_hasRowExpectations;
};

// Rows of another batch, picked by their numbers there.
class PickedRows final : public RowSegment
{
public:
    PickedRows(BatchRows whole, QList<int> picked)
        : m_whole(std::move(whole))
        , m_picked(std::move(picked))
    { }

    qsizetype size() const override { return m_picked.size(); }
    WrittenRow written(qsizetype index) const override { return m_whole.written(m_picked[index]); }
    RequestSpec request(qsizetype index) const override { return m_whole.at(m_picked[index]); }
    QStringList columnNames() const override { return m_whole.columnNames(); }
    bool hasRowExpectations() const override { return m_whole.hasRowExpectations(); }

private:
    BatchRows m_whole;
    QList<int> m_picked;
};

} // namespace

RequestSpec RowSegment::request(qsizetype index) const
{
    const WrittenRow row = written(index);
    RequestSpec request = requestForRow(row.text, row.line, row.method, row.body);
    request.columns = row.columns;
    return request;
}

BatchRows::BatchRows(QList<RequestSpec> rows, QStringList columnNames)
{
    if (!rows.isEmpty())
        addSegment(std::make_shared<ListedRows>(std::move(rows), std::move(columnNames)));
}

BatchRows::BatchRows(std::shared_ptr<const RowSegment> segment)
{
    if (segment && segment->size() > 0)
        addSegment(std::move(segment));
}

void BatchRows::addSegment(std::shared_ptr<const RowSegment> segment)
{
    // Columns these rows have not met yet go after the others; a segment whose columns are
    // the first ones in order needs no placing.
    QList<qsizetype> places;
    bool inOrder = true;
    const QStringList names = segment->columnNames();
    for (const QString &name : names) {
        qsizetype place = m_columnNames.indexOf(name);
        if (place < 0) {
            place = m_columnNames.size();
            m_columnNames.append(name);
        }
        inOrder = inOrder && place == places.size();
        places.append(place);
    }
    m_columnPlaces.push_back(inOrder ? QList<qsizetype>() : places);
    m_hasRowExpectations = m_hasRowExpectations || segment->hasRowExpectations();
    m_starts.push_back(m_size);
    m_size += segment->size();
    m_segments.push_back(std::move(segment));
}

std::pair<size_t, qsizetype> BatchRows::locate(qsizetype index) const
{
    Q_ASSERT(index >= 0 && index < m_size);
    const auto after = std::upper_bound(m_starts.cbegin(), m_starts.cend(), index);
    const auto segment = size_t(after - m_starts.cbegin() - 1);
    return {segment, index - m_starts[segment]};
}

QStringList BatchRows::placed(size_t segment, QStringList columns) const
{
    const QList<qsizetype> &places = m_columnPlaces[segment];
    if (places.isEmpty())
        return columns;
    QStringList inPlace(m_columnNames.size());
    for (qsizetype i = 0; i < columns.size() && i < places.size(); ++i)
        inPlace[places[i]] = columns.at(i);
    return inPlace;
}

RequestSpec BatchRows::at(qsizetype index) const
{
    const auto [segment, inside] = locate(index);
    RequestSpec row = m_segments[segment]->request(inside);
    row.columns = placed(segment, std::move(row.columns));
    return row;
}

WrittenRow BatchRows::written(qsizetype index) const
{
    const auto [segment, inside] = locate(index);
    WrittenRow row = m_segments[segment]->written(inside);
    row.columns = placed(segment, std::move(row.columns));
    return row;
}

void BatchRows::append(const BatchRows &more)
{
    // Each of its segments, placed among these columns.
    for (const std::shared_ptr<const RowSegment> &segment : more.m_segments)
        addSegment(segment);
}

BatchRows BatchRows::picked(QList<int> rows) const
{
    return BatchRows(std::make_shared<PickedRows>(*this, std::move(rows)));
}

void BatchRows::clear()
{
    *this = BatchRows();
}

QList<RequestSpec> BatchRows::toList() const
{
    QList<RequestSpec> rows;
    rows.reserve(m_size);
    for (qsizetype i = 0; i < m_size; ++i)
        rows.append(at(i));
    return rows;
}

} // namespace salvo
