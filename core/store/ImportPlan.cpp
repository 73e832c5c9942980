#include "ImportPlan.h"

#include <QCoreApplication>
#include <QDir>
#include <QMap>
#include <QSet>

#include <algorithm>
#include <utility>

#include "ResultLines.h"
#include "Translate.h"
#include "batch/RowAddress.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::ImportPlan")

constexpr qsizetype namedRows = 5;

// Rows that two files both give, said in one sentence per pair of files: how many, and the
// lowest few (files hold their rows in the order they finished).
struct Overlap
{
    QList<int> first;
    qsizetype count = 0;

    void add(int row)
    {
        first.insert(std::lower_bound(first.begin(), first.end(), row) - first.begin(), row);
        if (first.size() > namedRows)
            first.removeLast();
        ++count;
    }
};

class ImportPlanner
{
public:
    ImportPlanner(const QStringList &files, const std::optional<BatchSpec> &knownBatch)
        : m_known(knownBatch)
    {
        m_plan.files = files;
        m_tags.resize(files.size());
    }

    ImportPlan plan()
    {
        for (int file = 0; file < m_plan.files.size(); ++file)
            readFile(file);
        sayOverlaps();
        settleRowCount();
        findMissing();
        keepBatch();
        return std::move(m_plan);
    }

private:
    void readFile(int file);
    bool take(int file, const ResultLine &line, bool first);
    bool fitsTag(int file, const ResultLine &line);
    bool fitsBatch(int file, const ResultLine &line);
    void place(int file, const ResultLine &line);
    void sayOverlaps();
    void settleRowCount();
    void findMissing();
    void keepBatch();
    QString name(int file) const { return QDir::toNativeSeparators(m_plan.files.at(file)); }
    bool refuse(const QString &problem)
    {
        m_plan.problems.append(problem);
        return false;
    }

    const std::optional<BatchSpec> &m_known;
    ImportPlan m_plan;
    QHash<int, QByteArray> m_digests; // row -> what its first result says
    QHash<int, RequestSpec> m_rebuilt; // row -> its request, as its result names it
    QList<std::optional<ShardTag>> m_tags; // per file: the shard that wrote it
    QMap<std::pair<int, int>, Overlap> m_repeated; // (earlier file, later file) -> rows
    QMap<std::pair<int, int>, Overlap> m_differing;
    int m_lastRow = -1;
};

void ImportPlanner::readFile(int file)
{
    ResultLines lines(m_plan.files.at(file));
    if (Expected<> opened = lines.open(); !opened) {
        refuse(opened.error().message);
        return;
    }
    int results = 0;
    while (const std::optional<Expected<ResultLine>> next = lines.next()) {
        if (!*next) {
            refuse(next->error().message);
            return;
        }
        if (!take(file, **next, results == 0))
            return;
        ++results;
    }
    if (results == 0)
        refuse(tr("%1 is empty: it holds no results. (A shard with no rows, when there are "
                  "more shards than rows, writes nothing: leave its file out.)")
                       .arg(name(file)));
}

// False when the line refuses the import: the rest of its file is not read.
bool ImportPlanner::take(int file, const ResultLine &line, bool first)
{
    if (first)
        m_tags[file] = line.tag;
    if (!fitsTag(file, line) || !fitsBatch(file, line))
        return false;
    place(file, line);
    return true;
}

bool ImportPlanner::fitsTag(int file, const ResultLine &line)
{
    const std::optional<ShardTag> &tag = m_tags.at(file);
    if (line.tag != tag)
        return refuse(tr("line %1 of %2 comes from another run than the lines before it (%3 "
                         "against %4): a file holds the output of one run.")
                              .arg(line.lineNumber)
                              .arg(name(file),
                                   line.tag ? shardText(line.tag->shard) : tr("no shard"),
                                   tag ? shardText(tag->shard) : tr("no shard")));
    const int row = line.result.index;
    if (tag && (row >= tag->inputRows || row % tag->shard.count != tag->shard.index))
        return refuse(tr("line %1 of %2 is row %3, which is not a row of shard %4 of an "
                         "input of %5 rows: the file was changed after salvo-cli wrote it.")
                              .arg(QString::number(line.lineNumber), name(file),
                                   QString::number(row), shardText(tag->shard),
                                   QString::number(tag->inputRows)));
    return true;
}

bool ImportPlanner::fitsBatch(int file, const ResultLine &line)
{
    if (!m_known)
        return true;
    const int row = line.result.index;
    if (row >= m_known->rows.size())
        return refuse(tr("line %1 of %2 is row %3, but the batch given has %4 rows: the file "
                         "is not of that batch.")
                              .arg(QString::number(line.lineNumber), name(file),
                                   QString::number(row), QString::number(m_known->rows.size())));
    const QString &address = m_known->rows.at(row).text;
    if (line.result.url != address)
        return refuse(tr("line %1 of %2 is row %3 for %4, but row %3 of the batch given is %5: "
                         "the file is not of that batch.")
                              .arg(QString::number(line.lineNumber), name(file),
                                   QString::number(row), line.result.url, address));
    return true;
}

void ImportPlanner::place(int file, const ResultLine &line)
{
    const Result &result = line.result;
    const auto earlier = m_digests.constFind(result.index);
    if (earlier != m_digests.constEnd()) {
        const int earlierFile = m_plan.sources.value(result.index).file;
        Overlap &overlap = *earlier == line.digest ? m_repeated[{earlierFile, file}]
                                                   : m_differing[{earlierFile, file}];
        overlap.add(result.index);
        return;
    }
    m_digests.insert(result.index, line.digest);
    m_plan.sources.insert(result.index, RowSource{file, line.lineNumber});
    m_lastRow = std::max(m_lastRow, result.index);
    m_plan.cancelledRows += result.error == ErrorKind::Cancelled ? 1 : 0;
    m_plan.bodiesKept = m_plan.bodiesKept || !result.body.isEmpty() || !result.headers.isEmpty();
    m_plan.certificatesUnchecked = m_plan.certificatesUnchecked || result.certificatesUnchecked;
    if (!m_known)
        m_rebuilt.insert(result.index,
                         requestForRow(result.url, result.line, result.method, std::nullopt));
}

void ImportPlanner::sayOverlaps()
{
    for (auto pair = m_repeated.cbegin(); pair != m_repeated.cend(); ++pair) {
        const auto [earlier, later] = pair.key();
        const QString rows = rowListText(pair->first, pair->count);
        if (m_plan.files.at(earlier) == m_plan.files.at(later))
            m_plan.notes.append(
                    tr("%1 is given more than once: each of its rows is imported once (%2).")
                            .arg(name(earlier), rows));
        else
            m_plan.notes.append(tr("%1 repeats %2 of %3 with the same results: each is imported "
                                   "once.")
                                        .arg(name(later), rows, name(earlier)));
    }
    for (auto pair = m_differing.cbegin(); pair != m_differing.cend(); ++pair) {
        const auto [earlier, later] = pair.key();
        m_plan.problems.append(
                tr("%1 and %2 hold different results for %3: they come from different runs. "
                   "Leave out the file that should not count.")
                        .arg(name(earlier), name(later), rowListText(pair->first, pair->count)));
    }
}

// The rows of the whole input: the batch's when given, else the shards' tag, else up to the last
// row any file holds.
void ImportPlanner::settleRowCount()
{
    std::optional<std::pair<int, ShardTag>> seen; // the first tagged file
    bool splitsSaid = false;
    for (int file = 0; file < m_tags.size(); ++file) {
        const std::optional<ShardTag> &tag = m_tags.at(file);
        if (!tag)
            continue;
        if (!seen) {
            seen = {file, *tag};
        } else if (tag->inputRows != seen->second.inputRows) {
            refuse(tr("%1 is a shard of an input of %2 rows, and %3 of one of %4 rows: they "
                      "are not shards of one batch.")
                           .arg(name(seen->first), QString::number(seen->second.inputRows),
                                name(file), QString::number(tag->inputRows)));
        } else if (tag->shard.count != seen->second.shard.count
                   && !std::exchange(splitsSaid, true)) {
            m_plan.notes.append(tr("%1 is shard %2 and %3 is shard %4: shards of two different "
                                   "splits, whose rows are matched one by one.")
                                        .arg(name(seen->first), shardText(seen->second.shard),
                                             name(file), shardText(tag->shard)));
        }
    }
    m_plan.rowCount = m_known ? int(m_known->rows.size())
            : seen            ? seen->second.inputRows
                              : m_lastRow + 1;
    if (m_known && seen && seen->second.inputRows != m_plan.rowCount)
        refuse(tr("%1 is a shard of an input of %2 rows, but the batch given has %3 rows: it is "
                  "not of that batch.")
                       .arg(name(seen->first), QString::number(seen->second.inputRows),
                            QString::number(m_plan.rowCount)));
    if (m_lastRow >= m_plan.rowCount)
        refuse(tr("%1 holds row %2, but the shards' input has %3 rows.")
                       .arg(name(m_plan.sources.value(m_lastRow).file), QString::number(m_lastRow),
                            QString::number(m_plan.rowCount)));
}

void ImportPlanner::findMissing()
{
    if (!m_plan.canImport())
        return;
    m_plan.missingCount = m_plan.rowCount - m_plan.sources.size();
    for (int row = 0; row < m_plan.rowCount && m_plan.firstMissing.size() < namedRows
         && m_plan.firstMissing.size() < m_plan.missingCount;
         ++row) {
        if (!m_plan.sources.contains(row))
            m_plan.firstMissing.append(row);
    }
    // A shard with no file is worth naming when every file is a shard of one split.
    QSet<int> shards;
    std::optional<int> count;
    for (const std::optional<ShardTag> &tag : std::as_const(m_tags)) {
        if (!tag || (count && *count != tag->shard.count))
            return;
        count = tag->shard.count;
        shards.insert(tag->shard.index);
    }
    for (int index = 0; count && index < std::min(*count, m_plan.rowCount)
         && m_plan.missingShards.size() < namedRows;
         ++index) {
        if (!shards.contains(index))
            m_plan.missingShards.append(Shard{index, *count});
    }
}

// The batch the given one, or rebuilt from the results when every row has one; with rows
// missing and no batch there is nothing to rebuild them from (the caller refuses).
void ImportPlanner::keepBatch()
{
    if (!m_plan.canImport())
        return;
    if (m_known) {
        m_plan.batch = *m_known;
        return;
    }
    if (m_plan.missingCount > 0)
        return;
    QList<RequestSpec> rows;
    rows.reserve(m_plan.rowCount);
    for (int row = 0; row < m_plan.rowCount; ++row)
        rows.append(m_rebuilt.take(row));
    m_plan.batch.rows = std::move(rows);
}

} // namespace

ImportPlan planImport(const QStringList &files, const std::optional<BatchSpec> &knownBatch)
{
    return ImportPlanner(files, knownBatch).plan();
}

QString rowListText(const QList<int> &first, qsizetype total)
{
    QStringList numbers;
    for (const int row : first)
        numbers.append(QString::number(row));
    const QString named = numbers.join(QStringLiteral(", "));
    if (total == 1)
        return tr("row %1").arg(named);
    if (total <= first.size())
        return tr("rows %1").arg(named);
    return tr("rows %1 and %2 more").arg(named).arg(total - first.size());
}

} // namespace salvo
