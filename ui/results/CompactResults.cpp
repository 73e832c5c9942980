#include "CompactResults.h"

#include <algorithm>
#include <limits>

namespace salvo::ui {
namespace {

// Content types are few in a run (a server names a handful); past this many the rest show
// as none rather than costing a row's worth each. Methods are fewer still.
constexpr quint32 maxContentTypes = std::numeric_limits<quint16>::max();
constexpr quint32 maxMethods = std::numeric_limits<quint8>::max();

quint8 saturated8(int value)
{
    return quint8(std::clamp(value, 0, int(std::numeric_limits<quint8>::max())));
}

} // namespace

CompactResults::CompactResults()
    : m_contentTypes(maxContentTypes)
    , m_methods(maxMethods)
    , m_messages(std::numeric_limits<quint32>::max())
{ }

void CompactResults::clear()
{
    m_rows.clear();
    m_inspected.clear();
    m_texts.clear();
    m_contentTypes.clear();
    m_methods.clear();
    m_messages.clear();
}

RowCells CompactResults::cellsOf(const Result &result)
{
    RowCells cells;
    cells.bytes = result.bytes;
    cells.inputRow = result.index;
    cells.elapsedMs
            = qint32(std::clamp<qint64>(result.elapsedMs, 0, std::numeric_limits<qint32>::max()));
    cells.url = m_texts.add(result.url);
    if (!result.redirects.isEmpty())
        cells.redirects = m_texts.add(result.redirects.join(u'\n'));
    cells.message = m_messages.id(result.message);
    cells.status = qint16(std::clamp(result.status, 0, int(std::numeric_limits<qint16>::max())));
    cells.contentType = quint16(m_contentTypes.id(result.contentType));
    cells.error = quint8(result.error);
    cells.flags = (result.truncated ? RowCells::Truncated : 0)
            | (result.certificatesUnchecked ? RowCells::CertificatesUnchecked : 0)
            | (result.timeout == TimeoutKind::Deadline ? RowCells::DeadlineTimeout : 0)
            | (result.timeout == TimeoutKind::Inactivity ? RowCells::InactivityTimeout : 0)
            | (result.verdict != Verdict::NotChecked ? RowCells::Checked : 0)
            | (result.verdict == Verdict::Failed ? RowCells::Unmet : 0);
    cells.attempts = saturated8(result.attempts);
    cells.resends = saturated8(result.resends);
    cells.redirectCount = saturated8(int(result.redirects.size()));
    cells.method = quint8(m_methods.id(QString::fromLatin1(result.method)));
    return cells;
}

InspectedCells CompactResults::inspectedOf(const Result &result)
{
    InspectedCells cells;
    if (!result.failedExpectations.isEmpty())
        cells.unmet = m_texts.add(result.failedExpectations.join(u'\n'));
    if (!result.extracted.isEmpty() || !result.columns.isEmpty()) {
        // Every extracted column has its place, so the input cells after them line up.
        QStringList values = result.extracted;
        values.resize(m_extractedCount);
        values.append(result.columns);
        cells.values = m_texts.add(values.join(QChar(0x1f)));
    }
    return cells;
}

void CompactResults::append(const Result &result)
{
    m_rows.append(cellsOf(result));
    const InspectedCells inspected = inspectedOf(result);
    if (inspected.unmet == 0 && inspected.values == 0 && m_inspected.size() == 0)
        return;
    // The first row with something to keep: the rows before it get empty cells.
    while (m_inspected.size() < m_rows.size() - 1)
        m_inspected.append({});
    m_inspected.append(inspected);
}

void CompactResults::replace(int row, const Result &result)
{
    // The old texts stay in the arena: a row run again is rare beside a million rows.
    m_rows.replace(row, cellsOf(result));
    const InspectedCells inspected = inspectedOf(result);
    if (inspected.unmet == 0 && inspected.values == 0 && m_inspected.size() == 0)
        return;
    while (m_inspected.size() < m_rows.size())
        m_inspected.append({});
    m_inspected.replace(row, inspected);
}

void CompactResults::setInspectedColumns(bool expects, const QStringList &extracted,
                                         const QStringList &inputColumns)
{
    m_expects = expects;
    m_valueNames = extracted + inputColumns;
    m_extractedCount = extracted.size();
}

const InspectedCells *CompactResults::inspected(int row) const
{
    return row < m_inspected.size() ? &m_inspected.at(row) : nullptr;
}

QStringList CompactResults::unmet(int row) const
{
    const InspectedCells *cells = inspected(row);
    return cells && cells->unmet != 0 ? m_texts.text(cells->unmet).split(u'\n') : QStringList();
}

QString CompactResults::values(int row) const
{
    const InspectedCells *cells = inspected(row);
    return cells && cells->values != 0 ? m_texts.text(cells->values) : QString();
}

QString CompactResults::value(int row, int column) const
{
    const InspectedCells *cells = inspected(row);
    if (!cells || cells->values == 0)
        return {};
    return m_texts.text(cells->values).section(QChar(0x1f), column, column);
}

QStringList CompactResults::redirects(int row) const
{
    const TextArena::Handle chain = cells(row).redirects;
    return chain == 0 ? QStringList() : m_texts.text(chain).split(u'\n');
}

Result CompactResults::summary(int row) const
{
    const RowCells &kept = cells(row);
    Result result;
    result.index = kept.inputRow;
    result.url = url(row);
    result.method = method(row);
    result.status = kept.status;
    result.error = kept.errorKind();
    result.timeout = kept.hasFlag(RowCells::DeadlineTimeout) ? TimeoutKind::Deadline
            : kept.hasFlag(RowCells::InactivityTimeout)      ? TimeoutKind::Inactivity
                                                             : TimeoutKind::None;
    result.message = message(row);
    result.elapsedMs = kept.elapsedMs;
    result.bytes = kept.bytes;
    result.truncated = kept.hasFlag(RowCells::Truncated);
    result.contentType = contentType(row);
    result.attempts = kept.attempts;
    result.resends = kept.resends;
    result.redirects = redirects(row);
    result.certificatesUnchecked = kept.hasFlag(RowCells::CertificatesUnchecked);
    result.verdict = !kept.hasFlag(RowCells::Checked) ? Verdict::NotChecked
            : kept.isUnmet()                          ? Verdict::Failed
                                                      : Verdict::Passed;
    result.failedExpectations = unmet(row);
    if (const QString joined = values(row); !joined.isEmpty()) {
        const QStringList cells = joined.split(QChar(0x1f));
        result.extracted = cells.mid(0, m_extractedCount);
        result.columns = cells.mid(m_extractedCount);
    }
    return result;
}

qsizetype CompactResults::bytesHeld() const
{
    return m_rows.bytesHeld() + m_inspected.bytesHeld() + m_texts.bytesHeld()
            + m_contentTypes.bytesHeld() + m_methods.bytesHeld() + m_messages.bytesHeld();
}

} // namespace salvo::ui
