// LatencyRanges: which ranges the latency histogram shows, and which it names when its rows are
// shorter than a name: never two names closer than a name's height, the largest bars first.

#include <QTest>

#include "summary/LatencyRanges.h"

using salvo::ui::rangesToName;
using salvo::ui::rowsThatFit;
using salvo::ui::shownRanges;

using Counts = QList<int>;
using Flags = QList<bool>;

class TestLatencyRanges final : public QObject
{
    Q_OBJECT

private slots:
    void rowsThatFitAPlot()
    {
        QCOMPARE(rowsThatFit(220, 20), 11);
        QCOMPARE(rowsThatFit(219.5, 20), 10);
        QCOMPARE(rowsThatFit(0, 20), 0); // not laid out yet
        QCOMPARE(rowsThatFit(100, 0), 0);
    }

    void shownRangesSpanTheAnswers_data()
    {
        QTest::addColumn<Counts>("counts");
        QTest::addColumn<int>("rowsThatFit");
        QTest::addColumn<int>("first");
        QTest::addColumn<int>("last");

        const Counts middle = {0, 0, 3, 0, 1, 0, 0, 0, 0, 0, 0};
        QTest::newRow("no answers: every range") << Counts(11, 0) << 11 << 0 << 10;
        QTest::newRow("neighbours up to five") << middle << 11 << 1 << 5;
        QTest::newRow("not laid out: up to five") << middle << 0 << 1 << 5;
        QTest::newRow("room for four only") << middle << 4 << 1 << 4;
        QTest::newRow("room for the answers only") << middle << 2 << 2 << 4;
        QTest::newRow("at the first range")
                << Counts{5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0} << 11 << 0 << 4;
        QTest::newRow("at the last range")
                << Counts{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5} << 11 << 6 << 10;
        QTest::newRow("first to last, more than five")
                << Counts{0, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0} << 11 << 1 << 7;
    }

    void shownRangesSpanTheAnswers()
    {
        QFETCH(Counts, counts);
        QFETCH(int, rowsThatFit);
        QFETCH(int, first);
        QFETCH(int, last);
        QCOMPARE(shownRanges(counts, 5, rowsThatFit), std::make_pair(first, last));
    }

    void rangesToName_data()
    {
        QTest::addColumn<Counts>("counts");
        QTest::addColumn<qreal>("rowHeight");
        QTest::addColumn<Flags>("named");

        const Counts eleven = {1, 2, 1, 1, 40, 1, 25, 1, 2, 1, 1};
        QTest::newRow("rows a name tall: every one") << eleven << 20.0 << Flags(11, true);
        // Rows of 12 px, names of 20: names two rows apart. 40 and 25 first, then the 2s,
        // then the 1s where there is still room.
        QTest::newRow("short rows: the largest first, then in order")
                << eleven << 12.0
                << Flags{false, true, false, false, true, false, true, false, true, false, true};
        QTest::newRow("largest beside each other: the larger")
                << Counts{0, 9, 10, 0} << 12.0 << Flags{true, false, true, false};
        // Rows of 6 px: names four rows apart.
        QTest::newRow("very short rows")
                << eleven << 6.0
                << Flags{true, false, false, false, true, false, false, false, true, false, false};
        QTest::newRow("not laid out: the largest only")
                << Counts{1, 3, 2} << 0.0 << Flags{false, true, false};
    }

    void rangesToName()
    {
        QFETCH(Counts, counts);
        QFETCH(qreal, rowHeight);
        QFETCH(Flags, named);
        QCOMPARE(salvo::ui::rangesToName(counts, rowHeight, 20.0), named);
    }
};

QTEST_GUILESS_MAIN(TestLatencyRanges)
#include "tst_latencyranges.moc"
