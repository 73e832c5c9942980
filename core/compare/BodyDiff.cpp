#include "BodyDiff.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QStringView>

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>
#include <utility>
#include <vector>

#include <dtl/dtl.hpp>

namespace salvo {
namespace {

using namespace Qt::StringLiterals;

// ---- Text -----------------------------------------------------------------------------------

// The length of the well-formed UTF-8 sequence at bytes[at], or 0 when the byte there does
// not start one (overlong forms, surrogates and code points past U+10FFFF included), after
// the Unicode standard's table 3-7.
qsizetype utf8SequenceLength(QByteArrayView bytes, qsizetype at)
{
    const auto byte = [&](qsizetype i) { return i < bytes.size() ? quint8(bytes[i]) : 0; };
    const auto between = [](quint8 b, quint8 low, quint8 high) { return b >= low && b <= high; };
    const quint8 lead = byte(at);
    if (lead < 0x80)
        return 1;
    if (between(lead, 0xC2, 0xDF))
        return between(byte(at + 1), 0x80, 0xBF) ? 2 : 0;
    if (between(lead, 0xE0, 0xEF)) {
        const quint8 low = lead == 0xE0 ? 0xA0 : 0x80;
        const quint8 high = lead == 0xED ? 0x9F : 0xBF;
        return between(byte(at + 1), low, high) && between(byte(at + 2), 0x80, 0xBF) ? 3 : 0;
    }
    if (between(lead, 0xF0, 0xF4)) {
        const quint8 low = lead == 0xF0 ? 0x90 : 0x80;
        const quint8 high = lead == 0xF4 ? 0x8F : 0xBF;
        return between(byte(at + 1), low, high) && between(byte(at + 2), 0x80, 0xBF)
                        && between(byte(at + 3), 0x80, 0xBF)
                ? 4
                : 0;
    }
    return 0;
}

// UTF-8 with each byte outside a valid sequence written as \xNN: QString::fromUtf8() would
// turn every such byte into the same U+FFFD, and two different binary bodies into one text.
QString decodeUtf8KeepingInvalidBytes(QByteArrayView bytes)
{
    QString text;
    qsizetype validFrom = 0;
    qsizetype at = 0;
    while (at < bytes.size()) {
        const qsizetype length = utf8SequenceLength(bytes, at);
        if (length > 0) {
            at += length;
            continue;
        }
        if (text.isEmpty())
            text.reserve(bytes.size() + 8);
        text += QString::fromUtf8(bytes.sliced(validFrom, at - validFrom));
        text += u"\\x"_s + QString::number(quint8(bytes[at]), 16).toUpper().rightJustified(2, u'0');
        validFrom = ++at;
    }
    if (validFrom == 0)
        return QString::fromUtf8(bytes); // the usual case: all valid, decoded in one go
    text += QString::fromUtf8(bytes.sliced(validFrom));
    return text;
}

// ---- JSON -----------------------------------------------------------------------------------

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Whether QJsonDocument can read this JSON number as a value that a different number could
// also become. Integers are kept exactly while they fit a qint64; anything else is a double,
// and two decimals with at most 15 significant digits (DBL_DIG) in the normal range never
// round to the same double. The rest may: 12345678901234567890 and ...891 both print as
// 12345678901234567000, and the subnormals 4.9e-324 and 5e-324 are one double. (Numbers
// beyond a double's range, 1e400 or 1e-400, QJsonDocument rejects: the body is text.)
bool numberMayMerge(QByteArrayView lexeme)
{
    const qsizetype exponentAt = std::max(lexeme.indexOf('e'), lexeme.indexOf('E'));
    if (exponentAt < 0 && !lexeme.contains('.')) {
        bool fits = false;
        std::ignore = lexeme.toLongLong(&fits);
        return !fits;
    }
    const QByteArrayView mantissa = exponentAt < 0 ? lexeme : lexeme.first(exponentAt);
    QByteArray digits;
    for (const char c : mantissa) {
        if (isDigit(c))
            digits += c;
    }
    qsizetype first = 0;
    qsizetype end = digits.size();
    while (first < end && digits.at(first) == '0')
        ++first;
    while (end > first && digits.at(end - 1) == '0')
        --end;
    if (end - first > 15)
        return true;
    if (first == end)
        return false; // a zero, however written
    bool ok = false;
    const double value = lexeme.toDouble(&ok);
    return !ok || !std::isfinite(value) || std::abs(value) < std::numeric_limits<double>::min();
}

// Where the numbers that may merge are in a document QJsonDocument has already accepted, so
// a plain scan can tell strings from numbers.
QList<std::pair<qsizetype, qsizetype>> mergeableNumbers(QByteArrayView json)
{
    QList<std::pair<qsizetype, qsizetype>> spans; // start, length
    qsizetype at = 0;
    while (at < json.size()) {
        const char c = json[at];
        if (c == '"') {
            for (++at; at < json.size() && json[at] != '"'; ++at) {
                if (json[at] == '\\')
                    ++at;
            }
            ++at; // the closing quote
        } else if (c == '-' || isDigit(c)) {
            qsizetype end = at + 1;
            while (end < json.size()
                   && (isDigit(json[end]) || json[end] == '.' || json[end] == 'e'
                       || json[end] == 'E' || json[end] == '+' || json[end] == '-'))
                ++end;
            if (numberMayMerge(json.sliced(at, end - at)))
                spans.append({at, end - at});
            at = end;
        } else {
            ++at;
        }
    }
    return spans;
}

// A string no body spells by chance: a number that may merge stands in for it while Qt sorts
// the keys, and is put back as written afterwards.
const QByteArray &placeholderPrefix()
{
    static const QByteArray prefix = "\"salvo-number-"
            + QByteArray::number(QRandomGenerator::system()->generate64(), 16) + '-';
    return prefix;
}

QByteArray withPlaceholders(QByteArrayView json,
                            const QList<std::pair<qsizetype, qsizetype>> &numbers)
{
    QByteArray out;
    out.reserve(json.size() + numbers.size() * (placeholderPrefix().size() + 8));
    qsizetype from = 0;
    for (qsizetype i = 0; i < numbers.size(); ++i) {
        const auto [start, length] = numbers.at(i);
        out += json.sliced(from, start - from);
        out += placeholderPrefix() + QByteArray::number(i) + '"';
        from = start + length;
    }
    out += json.sliced(from);
    return out;
}

QByteArray restoreNumbers(QByteArrayView canonical, QByteArrayView json,
                          const QList<std::pair<qsizetype, qsizetype>> &numbers)
{
    const QByteArray &prefix = placeholderPrefix();
    QByteArray out;
    out.reserve(canonical.size());
    qsizetype from = 0;
    for (qsizetype at = canonical.indexOf(prefix); at >= 0; at = canonical.indexOf(prefix, from)) {
        const qsizetype digitsAt = at + prefix.size();
        const qsizetype close = canonical.indexOf('"', digitsAt);
        if (close < 0)
            break; // cannot happen: each placeholder is a whole JSON string
        bool ok = false;
        const qsizetype i = canonical.sliced(digitsAt, close - digitsAt).toLongLong(&ok);
        out += canonical.sliced(from, at - from);
        if (ok && i >= 0 && i < numbers.size())
            out += json.sliced(numbers.at(i).first, numbers.at(i).second);
        from = close + 1;
    }
    out += canonical.sliced(from);
    return out;
}

// The canonical form of a body QJsonDocument reads, or a null QByteArray when it is not JSON.
QByteArray canonicalJson(const QByteArray &body)
{
    QByteArray json = body;
    QJsonDocument document = QJsonDocument::fromJson(json);
    bool scalar = false;
    if (document.isNull()) {
        // QJsonDocument 6.4 reads only an object or an array: a scalar goes into an array of
        // one. Bodies that cannot start a scalar (most text) are not copied to find out.
        const QByteArrayView trimmed = QByteArrayView(body).trimmed();
        if (trimmed.isEmpty() || !QByteArrayView("\"-0123456789tfn").contains(trimmed.front()))
            return {};
        // "1, 2" reads as two elements, not one scalar.
        json = '[' + body + ']';
        document = QJsonDocument::fromJson(json);
        if (!document.isArray() || document.array().size() != 1)
            return {};
        scalar = true;
    }
    const auto numbers = mergeableNumbers(json);
    if (!numbers.isEmpty())
        document = QJsonDocument::fromJson(withPlaceholders(json, numbers));
    QByteArray canonical
            = document.toJson(scalar ? QJsonDocument::Compact : QJsonDocument::Indented);
    if (scalar)
        canonical = canonical.sliced(1, canonical.size() - 2); // the array's brackets
    else if (canonical.endsWith('\n'))
        canonical.chop(1);
    return numbers.isEmpty() ? canonical : restoreNumbers(canonical, json, numbers);
}

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

QString comparableBodyText(const QByteArray &body)
{
    if (body.isEmpty())
        return {};
    if (const QByteArray json = canonicalJson(body); !json.isNull())
        return QString::fromUtf8(json); // Qt writes valid UTF-8
    QString text = decodeUtf8KeepingInvalidBytes(body);
    text.replace(u"\r\n"_s, u"\n"_s);
    return text;
}

QByteArray bodyDigest(const QByteArray &body)
{
    // The text never holds a lone surrogate (Qt escapes them in JSON, invalid bytes become
    // \xNN), so its UTF-8 loses nothing, and is the same on every platform.
    return QCryptographicHash::hash(comparableBodyText(body).toUtf8(),
                                    QCryptographicHash::Blake2b_160);
}

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
