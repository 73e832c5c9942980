#include "LineRows.h"

#include <QStringDecoder>

#include <algorithm>

#include "RowAddress.h"
#include "TextLines.h"

namespace salvo {
namespace {

bool isAsciiSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

// One line's UTF-8 as the whole text decodes it (decodeInputText): QString::fromUtf8 drops a
// byte order mark at the start of what it is given, which inside a text is a character
// (U+FEFF) like any other.
QString decodeLine(const char *bytes, qsizetype size)
{
    QStringDecoder decoder(QStringConverter::Utf8,
                           QStringConverter::Flag::ConvertInitialBom
                                   | QStringConverter::Flag::Stateless);
    return decoder(QByteArrayView(bytes, size));
}

qsizetype countLineBreaks(const QByteArray &data)
{
    return std::count(data.cbegin(), data.cend(), '\n') + 1;
}

} // namespace

LineRows::LineRows(QByteArray utf8, std::optional<UrlTemplate> idTemplate)
    : m_utf8(std::move(utf8))
    , m_template(std::move(idTemplate))
{ }

std::shared_ptr<const LineRows> LineRows::read(const QByteArray &data,
                                               std::optional<UrlTemplate> idTemplate)
{
    // UTF-8 is kept as it came (shared, not copied); text in another encoding, which a BOM
    // announces, is held as UTF-8 instead.
    const std::optional<QStringConverter::Encoding> fromBom
            = QStringConverter::encodingForData(data);
    QByteArray utf8 = !fromBom || *fromBom == QStringConverter::Utf8
            ? data
            : decodeInputText(data).toUtf8();
    std::shared_ptr<LineRows> rows(new LineRows(std::move(utf8), std::move(idTemplate)));
    rows->indexRows();
    return rows;
}

void LineRows::indexRows()
{
    const qsizetype expected = countLineBreaks(m_utf8);
    m_starts.reserve(size_t(expected));
    m_lengths.reserve(size_t(expected));
    m_lines.reserve(size_t(expected));
    const char *bytes = m_utf8.constData();
    const qsizetype size = m_utf8.size();
    qsizetype position = m_utf8.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    int line = 0;
    while (position < size) {
        qsizetype end = position;
        while (end < size && bytes[end] != '\n' && bytes[end] != '\r')
            ++end;
        ++line;
        qsizetype first = position;
        qsizetype last = end;
        while (first < last && isAsciiSpace(bytes[first]))
            ++first;
        while (last > first && isAsciiSpace(bytes[last - 1]))
            --last;
        // Bytes past ASCII at either edge may be Unicode spaces: decide as the editor does.
        const bool plain
                = first == last || (uchar(bytes[first]) < 0x80 && uchar(bytes[last - 1]) < 0x80);
        const bool isRow = plain ? first < last && bytes[first] != '#'
                                 : isRowLine(decodeLine(bytes + first, last - first).trimmed());
        if (isRow) {
            m_starts.push_back(first);
            m_lengths.push_back(qint32(last - first));
            m_lines.push_back(line);
        }
        if (end < size && bytes[end] == '\r' && end + 1 < size && bytes[end + 1] == '\n')
            ++end;
        position = end + 1;
    }
}

QString LineRows::lineText(qsizetype index) const
{
    return decodeLine(m_utf8.constData() + m_starts[size_t(index)], m_lengths[size_t(index)])
            .trimmed();
}

WrittenRow LineRows::written(qsizetype index) const
{
    const QString text = lineText(index);
    return {m_template ? m_template->fillAll(text) : text, m_lines[size_t(index)], {}, {}};
}

RequestSpec LineRows::request(qsizetype index) const
{
    RequestSpec row = RowSegment::request(index);
    if (m_template)
        row.id = lineText(index);
    return row;
}

} // namespace salvo
