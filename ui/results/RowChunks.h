#pragma once

#include <memory>
#include <vector>

#include "RowCells.h"

namespace salvo::ui {

// The rows' cells in blocks of 65,536 rows, shared between copies: a copy for the thread
// pool costs a pointer per block, not the 40 MB of a million rows (a copy that froze the GUI
// thread 20-50 ms each time a column was clicked). Rows are added at the end, past what any
// copy sees, so adding never copies a block; a row replaced (run again) in a block a copy
// still holds gets a block of its own first.
class RowChunks
{
public:
    int size() const { return m_size; }
    const RowCells &at(int row) const
    {
        return m_blocks[size_t(row >> blockBits)]->rows[size_t(row & (blockRows - 1))];
    }
    void append(const RowCells &cells);
    void replace(int row, const RowCells &cells);
    void clear();
    // Whole blocks, the last one's unused rows included.
    qsizetype bytesHeld() const { return qsizetype(m_blocks.size() * sizeof(Block)); }

private:
    static constexpr int blockBits = 16;
    static constexpr int blockRows = 1 << blockBits;

    struct Block
    {
        RowCells rows[blockRows];
    };

    std::vector<std::shared_ptr<Block>> m_blocks;
    int m_size = 0;
};

} // namespace salvo::ui
