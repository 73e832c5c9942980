#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

#include "batch/BatchSpec.h"
#include "batch/Shard.h"

namespace salvo {

// Which file and line give a row its result in an import.
struct RowSource
{
    int file = 0; // index into ImportPlan::files
    int line = 0; // 1-based
};

// What `salvo-cli import` found in its files before anything is written: which line gives each
// row of the run, the batch to keep with it, and what was wrong or worth saying.
//
// Outcomes, decided here once: a row given twice with the same result (a file given twice)
// is imported once and said in a note; a row given twice with different results (shards of
// two runs) refuses the import, naming both files. A file that cannot be read, is empty, is not
// salvo-cli's JSON Lines, or ends in a line cut short refuses it too. Rows no file holds are
// counted (missingCount): the caller decides, as only a known batch can request them again.
struct ImportPlan
{
    QStringList files;
    // The batch to keep: the one given, or one rebuilt from the results (each row's address,
    // line and method; the batch's headers and body are not in the files).
    BatchSpec batch;
    int rowCount = 0; // rows of the whole input: the batch's, the shards' tag, or the last row's
    QHash<int, RowSource> sources; // row -> where its result is read
    qsizetype missingCount = 0; // rows below rowCount with no result in any file
    QList<int> firstMissing; // the first few of them, to name
    QList<Shard> missingShards; // tagged shards of which no file was given (and have rows)
    int cancelledRows = 0; // results that say the row was cancelled: the history keeps none
    bool bodiesKept = false; // some result carries its answer's body or headers
    bool certificatesUnchecked = false; // some result says certificates were not checked
    QStringList problems; // any: nothing may be imported
    QStringList notes; // to say; the import goes on

    bool canImport() const { return problems.isEmpty(); }
    // Every row has a result that the history keeps (none missing, none cancelled).
    bool isComplete() const { return missingCount == 0 && cancelledRows == 0; }
};

// Reads every file once. `knownBatch`: the batch the files' run requested, when the caller
// knows it; then each result must be of one of its rows (index and address), and it is the
// batch kept. Without it, rows no file holds cannot be named again.
ImportPlan planImport(const QStringList &files, const std::optional<BatchSpec> &knownBatch);

// "row 4", "rows 0, 4, 8" or "rows 0, 4, 8 and 97 more": rows named in a sentence, of
// `total` rows of which `first` are the first few.
QString rowListText(const QList<int> &first, qsizetype total);

} // namespace salvo
