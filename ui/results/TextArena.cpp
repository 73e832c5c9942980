#include "TextArena.h"

#include <cstring>

namespace salvo::ui {
namespace {

constexpr int maxLengthBytes = 3; // 7 bits a byte: enough for maxTextBytes

int writeLength(char *out, qsizetype length)
{
    int written = 0;
    do {
        auto byte = quint8(length & 0x7f);
        length >>= 7;
        if (length > 0)
            byte |= 0x80;
        out[written++] = char(byte);
    } while (length > 0);
    return written;
}

qsizetype readLength(const char *in, int *read)
{
    qsizetype length = 0;
    int shift = 0;
    *read = 0;
    quint8 byte = 0;
    do {
        byte = quint8(in[(*read)++]);
        length |= qsizetype(byte & 0x7f) << shift;
        shift += 7;
    } while ((byte & 0x80) != 0);
    return length;
}

} // namespace

TextArena::TextArena()
{
    clear();
}

void TextArena::clear()
{
    m_blocks.clear();
    startBlock();
    // Handle 0 is the empty text at the very start: "no text" needs no flag of its own.
    m_used = writeLength(m_blocks.back()->bytes.get(), 0);
}

void TextArena::startBlock()
{
    m_blocks.push_back(std::make_shared<Block>());
    m_used = 0;
}

TextArena::Handle TextArena::add(QStringView text)
{
    if (text.isEmpty())
        return 0;
    QByteArray bytes = text.toUtf8();
    if (bytes.size() > maxTextBytes) {
        qsizetype cut = maxTextBytes;
        while (cut > 0 && (quint8(bytes.at(cut)) & 0xc0) == 0x80)
            --cut; // not inside a character
        bytes.truncate(cut);
    }
    if (m_used + maxLengthBytes + bytes.size() > blockBytes) {
        if (qsizetype(m_blocks.size()) >= maxBlocks)
            return 0; // 4 GiB of text: the row shows none rather than a wrong one
        startBlock();
    }
    const auto handle = Handle((quint64(m_blocks.size() - 1) << offsetBits) | quint64(m_used));
    char *out = m_blocks.back()->bytes.get() + m_used;
    const int lengthBytes = writeLength(out, bytes.size());
    std::memcpy(out + lengthBytes, bytes.constData(), size_t(bytes.size()));
    m_used += lengthBytes + bytes.size();
    return handle;
}

QByteArrayView TextArena::utf8(Handle handle) const
{
    const auto block = qsizetype(handle >> offsetBits);
    const auto offset = qsizetype(handle & (blockBytes - 1));
    if (handle == 0 || block >= qsizetype(m_blocks.size()))
        return {};
    const char *at = m_blocks[size_t(block)]->bytes.get() + offset;
    int lengthBytes = 0;
    const qsizetype length = readLength(at, &lengthBytes);
    return QByteArrayView(at + lengthBytes, length);
}

QString TextArena::text(Handle handle) const
{
    return QString::fromUtf8(utf8(handle));
}

} // namespace salvo::ui
