// fitSpreadsheetCell: cells that fit stay as they are; longer ones end with the mark and hold
// 32,767 UTF-16 units at most, as Excel counts, never half of a character beyond the Basic
// Multilingual Plane.

#include <QTest>

#include "result/SpreadsheetCell.h"

using namespace Qt::StringLiterals;
using salvo::fitSpreadsheetCell;
using salvo::spreadsheetCellLimit;
using salvo::spreadsheetCutMark;

namespace {

// The units of a cut cell that are kept before the mark.
qsizetype keptUnits()
{
    return spreadsheetCellLimit - spreadsheetCutMark().size();
}

const QString emoji = u"😀"_s; // two UTF-16 units

} // namespace

class TestSpreadsheetCell final : public QObject
{
    Q_OBJECT

private slots:
    void markSaysWhatHappened()
    {
        const QString mark = spreadsheetCutMark();
        QVERIFY2(mark.contains(u"32,767") && mark.contains(u"JSON"), qPrintable(mark));
        QVERIFY(mark.size() < 200); // a mark, not a paragraph that eats the cell
    }

    void cellsFitOrAreCut_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("cut");
        QTest::addColumn<qsizetype>("kept"); // units of the text left before the mark

        QTest::newRow("empty") << QString() << false << qsizetype(0);
        QTest::newRow("short") << u"a, \"b\"\r\nc"_s << false << qsizetype(9);
        QTest::newRow("exactly the limit")
                << QString(spreadsheetCellLimit, u'a') << false << spreadsheetCellLimit;
        QTest::newRow("one over") << QString(spreadsheetCellLimit + 1, u'a') << true << keptUnits();
        QTest::newRow("a megabyte") << QString(1 << 20, u'x') << true << keptUnits();
        QTest::newRow("emoji inside the part kept")
                << QString(keptUnits() - 2, u'a') + emoji + QString(40'000, u'b') << true
                << keptUnits();
        // Its first half would be the last unit kept: the emoji goes whole.
        QTest::newRow("emoji across the cut")
                << QString(keptUnits() - 1, u'a') + emoji + QString(40'000, u'b') << true
                << keptUnits() - 1;
        QTest::newRow("emoji only")
                << emoji.repeated(20'000) << true << keptUnits() - (keptUnits() % 2);
    }

    void cellsFitOrAreCut()
    {
        QFETCH(QString, text);
        QFETCH(bool, cut);
        QFETCH(qsizetype, kept);

        QString cell = text;
        QCOMPARE(fitSpreadsheetCell(cell), cut);
        QVERIFY(cell.size() <= spreadsheetCellLimit);
        if (!cut) {
            QCOMPARE(cell, text);
            return;
        }
        QVERIFY(cell.endsWith(spreadsheetCutMark()));
        QCOMPARE(cell.size(), kept + spreadsheetCutMark().size());
        QCOMPARE(cell.left(kept), text.left(kept));
        QVERIFY(!cell.at(kept - 1).isHighSurrogate());
    }
};

QTEST_GUILESS_MAIN(TestSpreadsheetCell)
#include "tst_spreadsheetcell.moc"
