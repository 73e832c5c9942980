#include "BodyDiff.h"

#include <QHash>
#include <QStringView>

#include <algorithm>
#include <utility>
#include <vector>

#include <dtl/dtl.hpp>

#include "ComparableBody.h"

namespace salvo {
namespace {

// ---- Diff -----------------------------------------------------------------------------------

QList<QStringView> splitLines(const QString &text)
{
    if (text.isEmpty())
        return {};
    return QStringView(text).split(u'\n');
}

// Lines become ids, one per distinct text, so dtl compares ints rather than strings.
struct LineIds
{
    std::vector<int> left;
    std::vector<int> right;
};

LineIds lineIds(const QList<QStringView> &left, const QList<QStringView> &right)
{
    QHash<QStringView, int> ids;
    ids.reserve(left.size() + right.size());
    const auto idsOf = [&ids](const QList<QStringView> &lines) {
        std::vector<int> out;
        out.reserve(std::size_t(lines.size()));
        for (const QStringView line : lines) {
            // value() and insert() rather than an iterator: GCC 12 at -O2 takes the
            // dereference of a freshly inserted iterator for a possible null (-Wnull-dereference).
            int id = ids.value(line, -1);
            if (id < 0) {
                id = int(ids.size());
                ids.insert(line, id);
            }
            out.push_back(id);
        }
        return out;
    };
    LineIds result;
    result.left = idsOf(left);
    result.right = idsOf(right);
    return result;
}

// Builds rows in order; removed and added lines wait until the run they are in ends, to be
// paired. A minimal diff never removes and adds the same line at the same place in a run, but
// dtl's is minimal only until its search passes 2,000,000 points (about 1,400 lines removed):
// then it starts again from the furthest point reached and may do just that. Such a pair is
// a Same row.
class RowBuilder
{
public:
    RowBuilder(const QList<QStringView> &left, const QList<QStringView> &right)
        : m_left(left)
        , m_right(right)
    { }

    void same(qsizetype leftIndex, qsizetype rightIndex)
    {
        flush();
        m_rows.append({DiffRow::Kind::Same, int(leftIndex + 1), m_left.at(leftIndex).toString(),
                       int(rightIndex + 1), m_right.at(rightIndex).toString()});
    }
    void removed(qsizetype leftIndex) { m_removed.append(leftIndex); }
    void added(qsizetype rightIndex) { m_added.append(rightIndex); }

    QList<DiffRow> take()
    {
        flush();
        return std::move(m_rows);
    }

private:
    void flush()
    {
        const qsizetype paired = std::min(m_removed.size(), m_added.size());
        for (qsizetype i = 0; i < std::max(m_removed.size(), m_added.size()); ++i) {
            DiffRow row;
            if (i < m_removed.size()) {
                row.leftLine = int(m_removed.at(i) + 1);
                row.left = m_left.at(m_removed.at(i)).toString();
            }
            if (i < m_added.size()) {
                row.rightLine = int(m_added.at(i) + 1);
                row.right = m_right.at(m_added.at(i)).toString();
            }
            if (i >= paired)
                row.kind = i < m_removed.size() ? DiffRow::Kind::Removed : DiffRow::Kind::Added;
            else
                row.kind = row.left == row.right ? DiffRow::Kind::Same : DiffRow::Kind::Changed;
            m_rows.append(std::move(row));
        }
        m_removed.clear();
        m_added.clear();
    }

    const QList<QStringView> &m_left;
    const QList<QStringView> &m_right;
    QList<DiffRow> m_rows;
    QList<qsizetype> m_removed;
    QList<qsizetype> m_added;
};

} // namespace

bool BodyDiff::isSame() const
{
    return !tooLarge && differingRowCount(rows) == 0;
}

int lineCount(const QString &text)
{
    return text.isEmpty() ? 0 : int(text.count(u'\n')) + 1;
}

BodyDiff sideBySideDiff(const QString &left, const QString &right)
{
    BodyDiff diff;
    diff.leftLineCount = lineCount(left);
    diff.rightLineCount = lineCount(right);
    if (diff.leftLineCount > maxBodyLinesPerSide || diff.rightLineCount > maxBodyLinesPerSide) {
        diff.tooLarge = true;
        return diff;
    }
    const QList<QStringView> leftLines = splitLines(left);
    const QList<QStringView> rightLines = splitLines(right);

    // The lines both start and end with need no search; what dtl gets is the part between.
    const qsizetype shorter = std::min(leftLines.size(), rightLines.size());
    qsizetype head = 0;
    while (head < shorter && leftLines.at(head) == rightLines.at(head))
        ++head;
    qsizetype tail = 0;
    while (tail < shorter - head
           && leftLines.at(leftLines.size() - 1 - tail)
                   == rightLines.at(rightLines.size() - 1 - tail))
        ++tail;
    const qsizetype leftMiddle = leftLines.size() - head - tail;
    const qsizetype rightMiddle = rightLines.size() - head - tail;
    if (leftMiddle > maxDiffLinesPerSide || rightMiddle > maxDiffLinesPerSide) {
        diff.tooLarge = true;
        return diff;
    }

    RowBuilder rows(leftLines, rightLines);
    for (qsizetype i = 0; i < head; ++i)
        rows.same(i, i);
    if (leftMiddle == 0 || rightMiddle == 0) {
        for (qsizetype i = 0; i < leftMiddle; ++i)
            rows.removed(head + i);
        for (qsizetype i = 0; i < rightMiddle; ++i)
            rows.added(head + i);
    } else {
        const LineIds ids
                = lineIds(leftLines.sliced(head, leftMiddle), rightLines.sliced(head, rightMiddle));
        // Deletes are not moved before adds (deletesFirst): RowBuilder pairs a run in any
        // order, and dtl's move costs O(run²).
        dtl::Diff<int, std::vector<int>> myers(ids.left, ids.right, false);
        myers.compose();
        qsizetype leftAt = head;
        qsizetype rightAt = head;
        for (const auto &element : myers.getSes().getSequence()) {
            const dtl::edit_t edit = element.second.type;
            if (edit == dtl::SES_COMMON)
                rows.same(leftAt++, rightAt++);
            else if (edit == dtl::SES_DELETE)
                rows.removed(leftAt++);
            else
                rows.added(rightAt++);
        }
        Q_ASSERT(leftAt == head + leftMiddle && rightAt == head + rightMiddle);
    }
    for (qsizetype i = 0; i < tail; ++i)
        rows.same(head + leftMiddle + i, head + rightMiddle + i);
    diff.rows = rows.take();
    return diff;
}

BodyDiff diffBodies(const QByteArray &left, const QByteArray &right)
{
    return sideBySideDiff(comparableBodyText(left), comparableBodyText(right));
}

int differingRowCount(const QList<DiffRow> &rows)
{
    return int(std::count_if(rows.cbegin(), rows.cend(),
                             [](const DiffRow &row) { return row.kind != DiffRow::Kind::Same; }));
}

QList<int> changeStarts(const QList<DiffRow> &rows)
{
    QList<int> starts;
    bool inChange = false;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const bool differs = rows.at(i).kind != DiffRow::Kind::Same;
        if (differs && !inChange)
            starts.append(int(i));
        inChange = differs;
    }
    return starts;
}

} // namespace salvo
