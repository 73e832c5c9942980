#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

#include "RequestSpec.h"

namespace salvo {

// A row as its input wrote it, before its address is read: what the history keeps of each
// row and what requestForRow() turns into a RequestSpec again.
struct WrittenRow
{
    QString text; // the address, or the template filled with the row's values
    int line = 0;
    QByteArray method; // empty: the batch's method
    std::optional<QByteArray> body; // absent: the batch's body
    QStringList columns; // its own cells, as RequestSpec::columns
};

// A run of consecutive rows of a batch, read from one input. Immutable once made, so that
// every engine thread may read it at once.
class RowSegment
{
public:
    virtual ~RowSegment() = default;
    virtual qsizetype size() const = 0;
    virtual WrittenRow written(qsizetype index) const = 0;
    // The row made into a request; by default its written form read by requestForRow().
    virtual RequestSpec request(qsizetype index) const;
    // The names of its rows' own columns (RequestSpec::columns); none for lists.
    virtual QStringList columnNames() const { return {}; }
    // Whether any of its rows has expectations of its own (a CSV's expect_* columns).
    virtual bool hasRowExpectations() const { return false; }
};

// The rows of a batch, kept compact: a list of a million addresses is its text and an index
// of where each row starts, not a million parsed URLs. A row becomes a RequestSpec only when
// at() asks for it, which the engine does as a slot frees up. Copies share their segments.
class BatchRows
{
public:
    BatchRows() = default;
    // Rows already made (a few rows, a re-run's rows taken from another batch), with the names
    // of their own columns.
    BatchRows(QList<RequestSpec> rows, // NOLINT(google-explicit-constructor): a list is rows
              QStringList columnNames = {});
    explicit BatchRows(std::shared_ptr<const RowSegment> segment);

    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    // The names of the rows' own columns, every segment's in the order first met: each row's
    // columns are given in this order, empty where its input had no such column.
    const QStringList &columnNames() const { return m_columnNames; }
    // Whether any row has expectations of its own (RequestSpec::expectations).
    bool hasRowExpectations() const { return m_hasRowExpectations; }
    RequestSpec at(qsizetype index) const;
    WrittenRow written(qsizetype index) const;

    // Adds rows after these (a second input file).
    void append(const BatchRows &more);
    // A view on some of these rows, by their numbers here (a shard, a resume's missing rows):
    // row i of the view is row picked[i] of these, read when asked for.
    BatchRows picked(QList<int> rows) const;
    void clear();

    // Every row made, for small batches and tests.
    QList<RequestSpec> toList() const;

    // Walks the rows, making each as it is reached.
    class const_iterator
    {
    public:
        const_iterator(const BatchRows *rows, qsizetype index)
            : m_rows(rows)
            , m_index(index)
        { }
        RequestSpec operator*() const { return m_rows->at(m_index); }
        const_iterator &operator++()
        {
            ++m_index;
            return *this;
        }
        bool operator==(const const_iterator &other) const { return m_index == other.m_index; }

    private:
        const BatchRows *m_rows;
        qsizetype m_index;
    };
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, m_size}; }

private:
    // The segment holding `index`, and the index inside it.
    std::pair<size_t, qsizetype> locate(qsizetype index) const;
    void addSegment(std::shared_ptr<const RowSegment> segment);
    QStringList placed(size_t segment, QStringList columns) const;

    std::vector<std::shared_ptr<const RowSegment>> m_segments;
    std::vector<qsizetype> m_starts; // the first row of each segment
    // Per segment: where each of its columns goes in m_columnNames; empty when in order.
    std::vector<QList<qsizetype>> m_columnPlaces;
    QStringList m_columnNames;
    bool m_hasRowExpectations = false;
    qsizetype m_size = 0;
};

} // namespace salvo
