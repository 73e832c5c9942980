#include "StoredRows.h"

#include <QtEndian>

namespace salvo {
namespace {

constexpr quint8 rowsFormat = 1; // StoreCodec's encodeRows()
constexpr quint32 nullBytes = 0xFFFFFFFF; // QDataStream's length of a null QByteArray

// Reads QDataStream's big-endian fields from a byte array, refusing to run past its end.
class FieldReader
{
public:
    explicit FieldReader(const QByteArray &bytes)
        : m_bytes(bytes)
    { }

    bool ok() const { return m_ok; }
    bool atEnd() const { return m_at == m_bytes.size(); }
    qint64 position() const { return m_at; }

    template<typename T>
    T number()
    {
        if (!fits(sizeof(T)))
            return T{};
        const T value = qFromBigEndian<T>(m_bytes.constData() + m_at);
        m_at += qint64(sizeof(T));
        return value;
    }

    // A QDataStream QByteArray: where its bytes start (-1 when empty) and how many.
    std::pair<qint64, qint32> bytes()
    {
        const quint32 length = number<quint32>();
        if (length == nullBytes || length == 0 || !m_ok)
            return {-1, 0};
        if (!fits(length))
            return {-1, 0};
        const qint64 start = m_at;
        m_at += length;
        return {start, qint32(length)};
    }

private:
    bool fits(qint64 size)
    {
        m_ok = m_ok && size >= 0 && m_at + size <= m_bytes.size();
        return m_ok;
    }

    const QByteArray &m_bytes;
    qint64 m_at = 0;
    bool m_ok = true;
};

} // namespace

StoredRows::StoredRows(QByteArray raw)
    : m_raw(std::move(raw))
{ }

std::shared_ptr<const StoredRows> StoredRows::decode(QByteArray raw)
{
    FieldReader header(raw);
    const quint8 format = header.number<quint8>();
    const quint32 count = header.number<quint32>();
    // Every row takes at least 13 bytes, so a damaged count cannot ask for a huge index.
    if (!header.ok() || format != rowsFormat || qsizetype(count) > raw.size() / 13)
        return nullptr;
    std::shared_ptr<StoredRows> rows(new StoredRows(std::move(raw)));
    if (!rows->index(count))
        return nullptr;
    return rows;
}

bool StoredRows::index(quint32 count)
{
    FieldReader reader(m_raw);
    reader.number<quint8>();
    reader.number<quint32>();
    m_lines.resize(count);
    m_texts.resize(count);
    m_hasBody.resize(count);
    qint32 line = 0;
    for (qint32 &rowLine : m_lines) {
        // Wrapping, as encodeRows() wrote the difference: a damaged file must not overflow.
        line = qint32(quint32(line) + quint32(reader.number<qint32>()));
        rowLine = line;
    }
    for (Span &text : m_texts) {
        const auto [at, size] = reader.bytes();
        text = {at, size};
    }
    for (quint32 row = 0; row < count; ++row) {
        const auto [at, size] = reader.bytes();
        if (at >= 0 && m_methods.empty())
            m_methods.resize(count);
        if (at >= 0)
            m_methods[row] = {at, size};
    }
    for (quint32 row = 0; row < count; ++row) {
        m_hasBody[row] = reader.number<quint8>() != 0;
        if (!m_hasBody[row])
            continue;
        const auto [at, size] = reader.bytes();
        if (at >= 0 && m_bodies.empty())
            m_bodies.resize(count);
        if (at >= 0)
            m_bodies[row] = {at, size};
    }
    return reader.ok() && reader.atEnd();
}

QByteArray StoredRows::bytesAt(Span span) const
{
    return span.at < 0 ? QByteArray() : m_raw.mid(span.at, span.size);
}

WrittenRow StoredRows::written(qsizetype index) const
{
    const auto row = size_t(index);
    WrittenRow written;
    written.line = m_lines[row];
    const Span text = m_texts[row];
    if (text.at >= 0)
        written.text = QString::fromUtf8(m_raw.constData() + text.at, text.size);
    if (!m_methods.empty())
        written.method = bytesAt(m_methods[row]);
    if (m_hasBody[row])
        written.body = m_bodies.empty() ? QByteArray() : bytesAt(m_bodies[row]);
    return written;
}

} // namespace salvo
