#include "RowChunks.h"

namespace salvo::ui {

void RowChunks::append(const RowCells &cells)
{
    if (m_size == int(m_blocks.size()) * blockRows)
        m_blocks.push_back(std::make_shared<Block>());
    m_blocks.back()->rows[size_t(m_size & (blockRows - 1))] = cells;
    ++m_size;
}

void RowChunks::replace(int row, const RowCells &cells)
{
    std::shared_ptr<Block> &block = m_blocks[size_t(row >> blockBits)];
    if (block.use_count() > 1)
        block = std::make_shared<Block>(*block); // a copy reads the old one
    block->rows[size_t(row & (blockRows - 1))] = cells;
}

void RowChunks::clear()
{
    m_blocks.clear();
    m_size = 0;
}

} // namespace salvo::ui
