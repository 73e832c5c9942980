#pragma once

#include <memory>
#include <vector>

#include "RowCells.h"

namespace salvo::ui {

// Rows of a table's cells in blocks of 65,536 rows, shared between copies: a copy for the
// thread pool costs a pointer per block, not the 40 MB of a million rows (a copy that froze the
// GUI thread 20-50 ms each time a column was clicked). Rows are added at the end, past what any
// copy sees, so adding never copies a block; a row replaced (run again) in a block a copy
// still holds gets a block of its own first.
template<typename Cells>
class ChunkedRows
{
public:
    int size() const { return m_size; }
    const Cells &at(int row) const
    {
        return m_blocks[size_t(row >> blockBits)]->rows[size_t(row & (blockRows - 1))];
    }
    void append(const Cells &cells)
    {
        if (m_size == int(m_blocks.size()) * blockRows)
            m_blocks.push_back(std::make_shared<Block>());
        m_blocks.back()->rows[size_t(m_size & (blockRows - 1))] = cells;
        ++m_size;
    }
    void replace(int row, const Cells &cells)
    {
        std::shared_ptr<Block> &block = m_blocks[size_t(row >> blockBits)];
        if (block.use_count() > 1)
            block = std::make_shared<Block>(*block); // a copy reads the old one
        block->rows[size_t(row & (blockRows - 1))] = cells;
    }
    void clear()
    {
        m_blocks.clear();
        m_size = 0;
    }
    // Whole blocks, the last one's unused rows included.
    qsizetype bytesHeld() const { return qsizetype(m_blocks.size() * sizeof(Block)); }

private:
    static constexpr int blockBits = 16;
    static constexpr int blockRows = 1 << blockBits;

    struct Block
    {
        Cells rows[blockRows];
    };

    std::vector<std::shared_ptr<Block>> m_blocks;
    int m_size = 0;
};

using RowChunks = ChunkedRows<RowCells>;

} // namespace salvo::ui
