#pragma once

// A line diff of two texts laid out side by side, for two answers' bodies (ComparableBody.h
// makes their texts).

#include <QByteArray>
#include <QList>
#include <QString>

namespace salvo {

// One row of a side-by-side diff. A Changed row pairs a removed line with the added line at
// the same place; a line number is 1-based, 0 on the side without a line.
struct DiffRow
{
    enum class Kind : quint8 { Same, Removed, Added, Changed };

    Kind kind = Kind::Same;
    int leftLine = 0;
    QString left;
    int rightLine = 0;
    QString right;

    friend bool operator==(const DiffRow &, const DiffRow &) = default;
};

// Myers' diff (dtl, O((N+M)·D) time) is not run on more than this many lines per side once
// the lines both texts start and end with are set aside. The slowest case measured, 20,000
// wholly different lines a side, took 0.35 s with -O2 (1.1 s in a debug build) here; 10% of
// them changed, 0.1 s. That is for a worker thread, not the GUI's.
inline constexpr int maxDiffLinesPerSide = 20'000;
// Nor on texts longer than this, however little differs: every line becomes a row to show.
inline constexpr int maxBodyLinesPerSide = 200'000;

struct BodyDiff
{
    QList<DiffRow> rows; // empty when tooLarge
    int leftLineCount = 0;
    int rightLineCount = 0;
    // Over maxDiffLinesPerSide or maxBodyLinesPerSide: not compared line by line.
    bool tooLarge = false;

    // Compared, and no row differs.
    bool isSame() const;
};

// The lines of a text: split at each LF, so "a\n" is two lines, the second empty (a final
// newline is a difference too); an empty text has none.
int lineCount(const QString &text);

// A line diff of two texts. A run of removed lines followed by added lines is paired into
// Changed rows, the first removed with the first added and so on; the lines left over stay
// Removed or Added. Returns tooLarge instead above the bounds, without diffing.
BodyDiff sideBySideDiff(const QString &left, const QString &right);

// sideBySideDiff() of the two bodies' comparableBodyText(): what a worker thread runs.
BodyDiff diffBodies(const QByteArray &left, const QByteArray &right);

// Rows that are not Same.
int differingRowCount(const QList<DiffRow> &rows);
// The first row of each run of rows that are not Same, ascending: where "next change" goes.
QList<int> changeStarts(const QList<DiffRow> &rows);

} // namespace salvo
