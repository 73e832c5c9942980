#pragma once

#include <QByteArray>

#include <memory>
#include <vector>

#include "batch/BatchRows.h"

namespace salvo {

// The rows of a stored batch (encodeRows' layout), read from the history for a resume or a
// re-run: the uncompressed blob and where each row's fields are in it, about 24 bytes a row
// beside the text; each row is made into a request only when the engine takes it.
class StoredRows final : public RowSegment
{
public:
    // Nothing when the bytes are not the layout encodeRows() writes, or are cut short.
    static std::shared_ptr<const StoredRows> decode(QByteArray raw);

    qsizetype size() const override { return qsizetype(m_lines.size()); }
    WrittenRow written(qsizetype index) const override;

private:
    explicit StoredRows(QByteArray raw);
    bool index(quint32 count);

    // Where a QDataStream byte array sits in m_raw: -1 for an empty or null one.
    struct Span
    {
        qint64 at = -1;
        qint32 size = 0;
    };
    QByteArray bytesAt(Span span) const;

    QByteArray m_raw;
    std::vector<qint32> m_lines;
    std::vector<Span> m_texts;
    std::vector<Span> m_methods; // empty when no row has a method of its own
    std::vector<Span> m_bodies; // empty when no row has a body of its own
    std::vector<bool> m_hasBody;
};

} // namespace salvo
