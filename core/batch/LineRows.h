#pragma once

#include <QByteArray>

#include <optional>
#include <vector>

#include "BatchRows.h"
#include "UrlTemplate.h"

namespace salvo {

// The rows of a list with one row per line: addresses, or ids that fill a URL template.
// It keeps the input's UTF-8 bytes (shared with whoever else holds them, such as the
// history's copy of the input) and where each row's line starts: about 12 bytes a row
// beside the text. A row is read from its line when asked for.
class LineRows final : public RowSegment
{
public:
    // Blank lines and '#' comments are not rows (isRowLine()); line endings LF, CRLF or CR.
    static std::shared_ptr<const LineRows> read(const QByteArray &data,
                                                std::optional<UrlTemplate> idTemplate);

    qsizetype size() const override { return qsizetype(m_starts.size()); }
    WrittenRow written(qsizetype index) const override;
    RequestSpec request(qsizetype index) const override;

private:
    LineRows(QByteArray utf8, std::optional<UrlTemplate> idTemplate);
    void indexRows();
    // The trimmed text of row `index`'s line.
    QString lineText(qsizetype index) const;

    QByteArray m_utf8;
    std::optional<UrlTemplate> m_template;
    std::vector<qint64> m_starts; // byte offset of each row's line
    std::vector<qint32> m_lengths; // its length in bytes, line ending excluded
    std::vector<qint32> m_lines; // its 1-based line number
};

} // namespace salvo
