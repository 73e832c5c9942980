#include "SendOnceBody.h"

#include <algorithm>
#include <cstring>

namespace salvo {

SendOnceBody::SendOnceBody(QByteArray bytes, QObject *parent)
    : QIODevice(parent)
    , m_bytes(std::move(bytes))
{
    open(QIODevice::ReadOnly);
}

qint64 SendOnceBody::readData(char *data, qint64 maxSize)
{
    // As QBuffer does: 0 at the end, which atEnd() of a random-access device confirms.
    const qint64 count = std::clamp<qint64>(m_bytes.size() - pos(), 0, maxSize);
    std::memcpy(data, m_bytes.constData() + pos(), size_t(count));
    return count;
}

qint64 SendOnceBody::writeData(const char *, qint64)
{
    return -1;
}

} // namespace salvo
