#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <memory>
#include <vector>

namespace salvo::ui {

// Short texts of a million rows (their addresses, their redirect chains) as UTF-8 in 1 MiB
// blocks, one after the other, each behind a length: about the text's own size per row, where
// a QString costs its UTF-16 twice over plus a heap block of its own. Texts are only added;
// a handle names one for good.
//
// A copy shares the blocks and sees the texts added before it: the window hands copies to the
// thread pool, which reads them while the GUI thread goes on adding (it writes only past what
// any copy can see, and a full block is never written again).
class TextArena
{
public:
    using Handle = quint32; // 0: no text

    // Longer texts are cut: a row shows this much of its address; the history has all of it.
    static constexpr qsizetype maxTextBytes = 32 * 1024;

    TextArena();

    Handle add(QStringView text);
    QString text(Handle handle) const;
    QByteArrayView utf8(Handle handle) const;
    // The memory the blocks take, whole blocks counted.
    qsizetype bytesHeld() const { return qsizetype(m_blocks.size()) * blockBytes; }
    void clear();

private:
    static constexpr int offsetBits = 20;
    static constexpr qsizetype blockBytes = qsizetype(1) << offsetBits;
    static constexpr qsizetype maxBlocks = qsizetype(1) << (32 - offsetBits);

    struct Block
    {
        std::unique_ptr<char[]> bytes{new char[blockBytes]};
    };

    void startBlock();

    std::vector<std::shared_ptr<Block>> m_blocks;
    qsizetype m_used = 0; // bytes written in the last block
};

} // namespace salvo::ui
