#include "BatchRows.h"

#include <algorithm>

#include "RowAddress.h"

namespace salvo {
namespace {

// Rows made already, kept as they are.
class ListedRows final : public RowSegment
{
public:
    explicit ListedRows(QList<RequestSpec> rows)
        : m_rows(std::move(rows))
    { }

    qsizetype size() const override { return m_rows.size(); }
    WrittenRow written(qsizetype index) const override
    {
        const RequestSpec &row = m_rows.at(index);
        return {row.text, row.line, row.method, row.body};
    }
    RequestSpec request(qsizetype index) const override { return m_rows.at(index); }

private:
    QList<RequestSpec> m_rows;
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

private:
    BatchRows m_whole;
    QList<int> m_picked;
};

} // namespace

RequestSpec RowSegment::request(qsizetype index) const
{
    const WrittenRow row = written(index);
    return requestForRow(row.text, row.line, row.method, row.body);
}

BatchRows::BatchRows(QList<RequestSpec> rows)
{
    if (!rows.isEmpty())
        append(BatchRows(std::make_shared<ListedRows>(std::move(rows))));
}

BatchRows::BatchRows(std::shared_ptr<const RowSegment> segment)
{
    if (segment && segment->size() > 0) {
        m_size = segment->size();
        m_starts.push_back(0);
        m_segments.push_back(std::move(segment));
    }
}

std::pair<const RowSegment *, qsizetype> BatchRows::locate(qsizetype index) const
{
    Q_ASSERT(index >= 0 && index < m_size);
    const auto after = std::upper_bound(m_starts.cbegin(), m_starts.cend(), index);
    const auto segment = size_t(after - m_starts.cbegin() - 1);
    return {m_segments[segment].get(), index - m_starts[segment]};
}

RequestSpec BatchRows::at(qsizetype index) const
{
    const auto [segment, inside] = locate(index);
    return segment->request(inside);
}

WrittenRow BatchRows::written(qsizetype index) const
{
    const auto [segment, inside] = locate(index);
    return segment->written(inside);
}

void BatchRows::append(const BatchRows &more)
{
    for (size_t i = 0; i < more.m_segments.size(); ++i) {
        m_starts.push_back(m_size);
        m_segments.push_back(more.m_segments[i]);
        m_size += more.m_segments[i]->size();
    }
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
