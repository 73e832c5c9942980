#include "RunComparison.h"

#include <QHash>

#include "compare/ComparableBody.h"
#include "store/RunHistory.h"

namespace salvo {
namespace {

struct RunContents
{
    RunSummary summary;
    std::optional<LatencyPercentiles> latency;
    QList<Result> results; // without bodies, in row order
    QList<QByteArray> digests; // by row index; empty where no body was kept
};

Expected<RunContents> readRun(RunHistory &history, qint64 runId)
{
    RunContents contents;
    Expected<RunSummary> summary = history.run(runId);
    if (!summary)
        return summary.error();
    contents.summary = *summary;
    Expected<std::optional<LatencyPercentiles>> latency = history.latencyPercentiles(runId);
    if (!latency)
        return latency.error();
    contents.latency = *latency;
    // Pages after the last row read: each an index seek, as the results table reads a run.
    constexpr int pageRows = 20'000;
    for (int after = -1;;) {
        Expected<QList<Result>> page = history.resultsAfter(runId, after, pageRows);
        if (!page)
            return page.error();
        if (page->isEmpty())
            break;
        after = page->constLast().index;
        contents.results.append(std::move(*page));
    }
    contents.digests.resize(contents.summary.rowCount);
    Expected<> bodies = history.forEachBody(runId, [&](int rowIndex, const QByteArray &body) {
        if (rowIndex >= 0 && rowIndex < contents.digests.size())
            contents.digests[rowIndex] = bodyDigest(body);
    });
    if (!bodies)
        return bodies.error();
    return contents;
}

// The digest a side is compared by: its kept body's, an answer that had no body's, or none
// (not kept, or no answer) when its body cannot take part.
QByteArray digestOf(const Result &result, const RunContents &run)
{
    const QByteArray &kept = run.digests.value(result.index);
    if (!kept.isEmpty())
        return kept;
    if (result.status > 0 && result.bytes == 0) {
        static const QByteArray empty = bodyDigest({});
        return empty;
    }
    return {};
}

ComparedSide sideOf(const Result &result, bool keptBody)
{
    return {result.index, result.status, result.error,   result.elapsedMs,
            result.bytes, keptBody,      result.verdict, result.extracted};
}

// Whether a row's verdict or its shared columns' values moved between the two sides.
RowChanges inspectionChanges(const ComparedSide &before, const ComparedSide &after,
                             const QList<std::pair<int, int>> &places)
{
    RowChanges changes;
    if (before.verdict != Verdict::NotChecked && after.verdict != Verdict::NotChecked
        && before.verdict != after.verdict)
        changes |= RowChange::Verdict;
    for (const auto &[olderPlace, newerPlace] : places) {
        if (before.extracted.value(olderPlace) != after.extracted.value(newerPlace)) {
            changes |= RowChange::Values;
            break;
        }
    }
    return changes;
}

QString keyOf(const Result &result)
{
    return QString::fromLatin1(result.method) + u' ' + result.url;
}

} // namespace

QStringList extractedColumnNames(const RunSummary &run)
{
    QStringList names;
    if (run.inspection) {
        for (const Extractor &extractor : run.inspection->extractors)
            names.append(extractor.name);
    }
    return names;
}

std::optional<qint64> ComparedRow::latencyDeltaMs() const
{
    const auto answered = [](const ComparedSide &side) {
        return side.present() && side.status > 0 && side.error == ErrorKind::None;
    };
    if (!answered(older) || !answered(newer))
        return std::nullopt;
    return newer.elapsedMs - older.elapsedMs;
}

Expected<RunComparison> compareRuns(const QString &historyPath, qint64 olderRunId,
                                    qint64 newerRunId)
{
    RunHistory history(historyPath);
    if (Expected<> opened = history.open(); !opened)
        return opened.error();
    Expected<RunContents> older = readRun(history, olderRunId);
    if (!older)
        return older.error();
    Expected<RunContents> newer = readRun(history, newerRunId);
    if (!newer)
        return newer.error();

    // The older run's rows by address, each list in row order: the n-th occurrence in the
    // newer run takes the n-th in the older.
    QHash<QString, QList<int>> olderByKey;
    olderByKey.reserve(older->results.size());
    for (int i = 0; i < older->results.size(); ++i)
        olderByKey[keyOf(older->results.at(i))].append(i);
    QHash<QString, int> taken;
    QList<bool> matched(older->results.size(), false);

    RunComparison comparison;
    comparison.older = older->summary;
    comparison.newer = newer->summary;
    comparison.olderLatency = older->latency;
    comparison.newerLatency = newer->latency;
    const QStringList olderColumns = extractedColumnNames(older->summary);
    const QStringList newerColumns = extractedColumnNames(newer->summary);
    for (qsizetype place = 0; place < newerColumns.size(); ++place) {
        if (const qsizetype olderPlace = olderColumns.indexOf(newerColumns.at(place));
            olderPlace >= 0) {
            comparison.sharedColumns.append(newerColumns.at(place));
            comparison.sharedColumnPlaces.append({int(olderPlace), int(place)});
        }
    }
    comparison.rows.reserve(std::max(older->results.size(), newer->results.size()));
    for (const Result &result : std::as_const(newer->results)) {
        const QString key = keyOf(result);
        const QByteArray newerDigest = digestOf(result, *newer);
        ComparedRow row{result.url, result.method, {}, sideOf(result, !newerDigest.isEmpty()), {}};
        const QList<int> candidates = olderByKey.value(key);
        int &next = taken[key];
        if (next >= candidates.size()) {
            row.changes = RowChange::OnlyNewer;
        } else {
            const int position = candidates.at(next++);
            matched[position] = true;
            const Result &before = older->results.at(position);
            const QByteArray olderDigest = digestOf(before, *older);
            row.older = sideOf(before, !olderDigest.isEmpty());
            if (before.status != result.status)
                row.changes |= RowChange::Status;
            if (before.error != result.error)
                row.changes |= RowChange::Error;
            if (!olderDigest.isEmpty() && !newerDigest.isEmpty() && olderDigest != newerDigest)
                row.changes |= RowChange::Body;
            row.changes |= inspectionChanges(row.older, row.newer, comparison.sharedColumnPlaces);
        }
        comparison.rows.append(std::move(row));
    }
    for (int i = 0; i < older->results.size(); ++i) {
        if (matched.at(i))
            continue;
        const Result &before = older->results.at(i);
        comparison.rows.append({before.url,
                                before.method,
                                sideOf(before, !digestOf(before, *older).isEmpty()),
                                {},
                                RowChange::OnlyOlder});
    }
    for (const ComparedRow &row : std::as_const(comparison.rows)) {
        comparison.changedCount += row.changed() ? 1 : 0;
        comparison.statusChanges += row.changes.testFlag(RowChange::Status) ? 1 : 0;
        comparison.errorChanges += row.changes.testFlag(RowChange::Error) ? 1 : 0;
        comparison.bodyChanges += row.changes.testFlag(RowChange::Body) ? 1 : 0;
        comparison.verdictChanges += row.changes.testFlag(RowChange::Verdict) ? 1 : 0;
        comparison.valueChanges += row.changes.testFlag(RowChange::Values) ? 1 : 0;
    }
    return comparison;
}

} // namespace salvo
