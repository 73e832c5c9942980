// BodyDiff: the side-by-side rows of two texts: pairing, line numbers, JSON bodies diffed by
// value, and the bound that skips the diff.

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QStringList>
#include <QTest>

#include <tuple>

#include "compare/BodyDiff.h"

using namespace Qt::StringLiterals;
using namespace salvo;

namespace {

using Kind = DiffRow::Kind;

struct DiffCase
{
    QString left;
    QString right;
    QList<DiffRow> rows;
};

DiffRow same(int leftLine, int rightLine, const QString &text)
{
    return {Kind::Same, leftLine, text, rightLine, text};
}

DiffRow removed(int leftLine, const QString &text)
{
    return {Kind::Removed, leftLine, text, 0, {}};
}

DiffRow added(int rightLine, const QString &text)
{
    return {Kind::Added, 0, {}, rightLine, text};
}

DiffRow changed(int leftLine, const QString &left, int rightLine, const QString &right)
{
    return {Kind::Changed, leftLine, left, rightLine, right};
}

// "prefix 0\nprefix 1\n...": n distinct lines.
QString numberedLines(int n, const QString &prefix)
{
    QStringList lines;
    lines.reserve(n);
    for (int i = 0; i < n; ++i)
        lines.append(prefix + QString::number(i));
    return lines.join(u'\n');
}

// Whatever the diff found, reading the rows side by side must give back both texts, with
// line numbers counting up from 1 on each side; and a Changed row is only ever a pair.
void verifyRowsRebuildTexts(const BodyDiff &diff, const QString &left, const QString &right)
{
    QStringList leftLines;
    QStringList rightLines;
    for (const DiffRow &row : diff.rows) {
        const bool hasLeft = row.kind != Kind::Added;
        const bool hasRight = row.kind != Kind::Removed;
        QCOMPARE(row.leftLine, hasLeft ? int(leftLines.size()) + 1 : 0);
        QCOMPARE(row.rightLine, hasRight ? int(rightLines.size()) + 1 : 0);
        if (hasLeft)
            leftLines.append(row.left);
        if (hasRight)
            rightLines.append(row.right);
        if (row.kind == Kind::Same)
            QCOMPARE(row.left, row.right);
        if (row.kind == Kind::Changed)
            QVERIFY(row.left != row.right);
    }
    QCOMPARE(leftLines.join(u'\n'), left);
    QCOMPARE(rightLines.join(u'\n'), right);
}

} // namespace

// Failure messages that show the row; found by ADL from QCOMPARE.
namespace salvo {

char *toString(const DiffRow &row)
{
    static const char *const kinds[] = {"Same", "Removed", "Added", "Changed"};
    return qstrdup(QByteArray(kinds[int(row.kind)] + QByteArray(" ")
                              + QByteArray::number(row.leftLine) + ":\"" + row.left.toUtf8() + "\" "
                              + QByteArray::number(row.rightLine) + ":\"" + row.right.toUtf8()
                              + '"')
                           .constData());
}

} // namespace salvo

Q_DECLARE_METATYPE(DiffCase)

class TestBodyDiff final : public QObject
{
    Q_OBJECT

private slots:
    void lines()
    {
        QCOMPARE(lineCount({}), 0);
        QCOMPARE(lineCount(u"a"_s), 1);
        QCOMPARE(lineCount(u"a\n"_s), 2);
        QCOMPARE(lineCount(u"\n"_s), 2);
        QCOMPARE(lineCount(u"a\nb"_s), 2);
    }

    void sideBySide_data()
    {
        QTest::addColumn<DiffCase>("testCase");

        QTest::newRow("same") << DiffCase{
                u"a\nb"_s, u"a\nb"_s, {same(1, 1, u"a"_s), same(2, 2, u"b"_s)}};
        QTest::newRow("one changed line") << DiffCase{
                u"a\nb\nc"_s,
                u"a\nB\nc"_s,
                {same(1, 1, u"a"_s), changed(2, u"b"_s, 2, u"B"_s), same(3, 3, u"c"_s)}};
        QTest::newRow("removed") << DiffCase{
                u"a\nb\nc"_s,
                u"a\nc"_s,
                {same(1, 1, u"a"_s), removed(2, u"b"_s), same(3, 2, u"c"_s)}};
        QTest::newRow("added") << DiffCase{
                u"a\nc"_s,
                u"a\nb\nc"_s,
                {same(1, 1, u"a"_s), added(2, u"b"_s), same(2, 3, u"c"_s)}};
        QTest::newRow("two removed, one added: one pair, one left over")
                << DiffCase{u"a\nb\nc\nd"_s,
                            u"a\nX\nd"_s,
                            {same(1, 1, u"a"_s), changed(2, u"b"_s, 2, u"X"_s), removed(3, u"c"_s),
                             same(4, 3, u"d"_s)}};
        QTest::newRow("one removed, two added")
                << DiffCase{u"a\nb\nd"_s,
                            u"a\nX\nY\nd"_s,
                            {same(1, 1, u"a"_s), changed(2, u"b"_s, 2, u"X"_s), added(3, u"Y"_s),
                             same(3, 4, u"d"_s)}};
        QTest::newRow("line numbers drift apart") << DiffCase{
                u"x\na\nb"_s,
                u"a\nb\ny"_s,
                {removed(1, u"x"_s), same(2, 1, u"a"_s), same(3, 2, u"b"_s), added(3, u"y"_s)}};
        QTest::newRow("two changes")
                << DiffCase{u"a\nb\nc\nd\ne"_s,
                            u"a\nB\nc\nD\ne"_s,
                            {same(1, 1, u"a"_s), changed(2, u"b"_s, 2, u"B"_s), same(3, 3, u"c"_s),
                             changed(4, u"d"_s, 4, u"D"_s), same(5, 5, u"e"_s)}};
        QTest::newRow("left empty")
                << DiffCase{{}, u"a\nb"_s, {added(1, u"a"_s), added(2, u"b"_s)}};
        QTest::newRow("right empty") << DiffCase{u"a"_s, {}, {removed(1, u"a"_s)}};
        QTest::newRow("both empty") << DiffCase{{}, {}, {}};
        QTest::newRow("a final newline")
                << DiffCase{u"a\n"_s, u"a"_s, {same(1, 1, u"a"_s), removed(2, {})}};
        QTest::newRow("repeated lines")
                << DiffCase{u"}\n}\n}"_s,
                            u"}\n}"_s,
                            {same(1, 1, u"}"_s), same(2, 2, u"}"_s), removed(3, u"}"_s)}};
        QTest::newRow("all different")
                << DiffCase{u"a\nb"_s, u"c"_s, {changed(1, u"a"_s, 1, u"c"_s), removed(2, u"b"_s)}};
    }

    void sideBySide()
    {
        QFETCH(DiffCase, testCase);
        const BodyDiff diff = sideBySideDiff(testCase.left, testCase.right);
        QVERIFY(!diff.tooLarge);
        QCOMPARE(diff.rows, testCase.rows);
        QCOMPARE(diff.leftLineCount, lineCount(testCase.left));
        QCOMPARE(diff.rightLineCount, lineCount(testCase.right));
        verifyRowsRebuildTexts(diff, testCase.left, testCase.right);
    }

    void jsonBodiesDiffByValue()
    {
        const BodyDiff diff = diffBodies(R"({"id":7,"name":"alpha","tags":["a","b"]})",
                                         R"({"tags":["a","b"],"name":"beta","id":7})");
        QCOMPARE(differingRowCount(diff.rows), 1);
        QCOMPARE(changeStarts(diff.rows), QList<int>{2});
        QCOMPARE(diff.rows.at(2),
                 changed(3, uR"(    "name": "alpha",)"_s, 3, uR"(    "name": "beta",)"_s));
    }

    void randomEditsRebuildBothTexts()
    {
        // Small alphabets make many equal lines, the hard case for pairing and numbering;
        // the large case runs through dtl's restarts: it caps its search at 2,000,000 points
        // (about P², P the lines removed) and starts again from the furthest one reached.
        QRandomGenerator random(20240611);
        for (const auto &[lineTotal, alphabet, rounds] :
             {std::tuple{12, 3, 300}, std::tuple{200, 8, 40},
              std::tuple{maxDiffLinesPerSide, 1000, 1}}) {
            for (int round = 0; round < rounds; ++round) {
                QStringList left;
                QStringList right;
                for (int i = 0; i < lineTotal; ++i)
                    left.append(QString::number(random.bounded(alphabet)));
                for (const QString &line : std::as_const(left)) {
                    const int dice = random.bounded(10);
                    if (dice == 0)
                        continue; // removed
                    right.append(dice == 1 ? QString::number(random.bounded(alphabet)) : line);
                    if (dice == 2)
                        right.append(u"new"_s);
                }
                const QString leftText = left.join(u'\n');
                const QString rightText = right.join(u'\n');
                const BodyDiff diff = sideBySideDiff(leftText, rightText);
                QVERIFY(!diff.tooLarge);
                verifyRowsRebuildTexts(diff, leftText, rightText);
                if (QTest::currentTestFailed())
                    return;
            }
        }
    }

    void changeHelpers()
    {
        const QList<DiffRow> rows = {same(1, 1, u"a"_s), removed(2, u"b"_s), added(2, u"B"_s),
                                     same(3, 3, u"c"_s), changed(4, u"d"_s, 4, u"D"_s)};
        QCOMPARE(differingRowCount(rows), 3);
        QCOMPARE(changeStarts(rows), (QList<int>{1, 4}));
        QCOMPARE(changeStarts({}), QList<int>());
        QCOMPARE(differingRowCount({same(1, 1, u"a"_s)}), 0);
    }

    void tooLargeReturnsAtOnce()
    {
        const int over = maxDiffLinesPerSide + 1;
        const QString left = numberedLines(over, u"left "_s);
        const QString right = numberedLines(over, u"right "_s);
        QElapsedTimer timer;
        timer.start();
        const BodyDiff diff = sideBySideDiff(left, right);
        QVERIFY2(timer.elapsed() < 2000, "the bound must be checked before any diff runs");
        QVERIFY(diff.tooLarge);
        QVERIFY(!diff.isSame());
        QVERIFY(diff.rows.isEmpty());
        QCOMPARE(diff.leftLineCount, over);
        QCOMPARE(diff.rightLineCount, over);

        // One side over the bound is enough.
        QVERIFY(sideBySideDiff(left, u"x"_s).tooLarge);
    }

    void boundCountsOnlyTheLinesThatDiffer()
    {
        // 100,000 lines with one changed in the middle: the same start and end need no search.
        const QString left = numberedLines(100'000, u"line "_s);
        QString right = left;
        right.replace(u"\nline 50000\n"_s, u"\nchanged\n"_s);
        const BodyDiff diff = sideBySideDiff(left, right);
        QVERIFY(!diff.tooLarge);
        QCOMPARE(diff.rows.size(), 100'000);
        QCOMPARE(changeStarts(diff.rows), QList<int>{50'000});
        QCOMPARE(diff.rows.at(50'000), changed(50'001, u"line 50000"_s, 50'001, u"changed"_s));

        // But every line becomes a row: past maxBodyLinesPerSide, even equal texts are not laid
        // out.
        const QString huge = numberedLines(maxBodyLinesPerSide + 1, u"x"_s);
        QVERIFY(sideBySideDiff(huge, huge).tooLarge);
    }

    void worstCaseAtTheBoundFinishes()
    {
        // Every line different, as many as allowed: the slowest diff that runs (about 1 s in
        // a debug build, see maxDiffLinesPerSide).
        const QString left = numberedLines(maxDiffLinesPerSide, u"left "_s);
        const QString right = numberedLines(maxDiffLinesPerSide, u"right "_s);
        QElapsedTimer timer;
        timer.start();
        const BodyDiff diff = sideBySideDiff(left, right);
        qInfo("%d wholly different lines a side: %lld ms", maxDiffLinesPerSide, timer.elapsed());
        QVERIFY(!diff.tooLarge);
        QCOMPARE(diff.rows.size(), maxDiffLinesPerSide);
        QCOMPARE(differingRowCount(diff.rows), maxDiffLinesPerSide);
        QCOMPARE(diff.rows.constLast(),
                 changed(maxDiffLinesPerSide, u"left 19999"_s, maxDiffLinesPerSide,
                         u"right 19999"_s));
    }
};

QTEST_GUILESS_MAIN(TestBodyDiff)
#include "tst_bodydiff.moc"
