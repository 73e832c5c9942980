// BodyDiffView: the real widget, offscreen. Two bodies go in, the diff comes back from the
// view's thread; the rows, their tints, the message and next/previous change must follow, and
// an older comparison must never replace a newer one.

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QLabel>
#include <QLocale>
#include <QSignalSpy>
#include <QStringList>
#include <QTableView>
#include <QTest>
#include <QToolButton>

#include <memory>

#include "compare/BodyDiffView.h"

using namespace Qt::StringLiterals;
using namespace salvo;
using salvo::ui::BodyDiffModel;
using salvo::ui::BodyDiffView;

namespace {

using Kind = DiffRow::Kind;

constexpr int diffTimeoutMs = 20'000;

// Canonically (keys sorted, indented), the left one is
//   1 {  2 "a": 1,  3 "b": 2,  4 "c": 3,  5 "d": 4,  6 "e": 5  7 }
// and the right one has "b": 20 and a new "f": 6 after "e": 5, in another key order:
//   1 {  2 "a": 1,  3 "b": 20,  4 "c": 3,  5 "d": 4,  6 "e": 5,  7 "f": 6  8 }
const QByteArray fiveKeys = R"({"a":1,"b":2,"c":3,"d":4,"e":5})";
const QByteArray sixKeys = R"({"f":6,"e":5,"d":4,"c":3,"b":20,"a":1})";

// "prefix 0\nprefix 1\n...": n distinct lines.
QByteArray numberedLines(int n, const QByteArray &prefix)
{
    QByteArrayList lines;
    lines.reserve(n);
    for (int i = 0; i < n; ++i)
        lines.append(prefix + QByteArray::number(i));
    return lines.join('\n');
}

// A continuation whose task has already finished runs at once, before a wait() could see it:
// count what came, then wait for the rest.
bool arrived(QSignalSpy &spy, int timeoutMs = diffTimeoutMs)
{
    return !spy.isEmpty() || spy.wait(timeoutMs);
}

bool show(BodyDiffView &view, const QByteArray &left, const QByteArray &right)
{
    QSignalSpy shown(&view, &BodyDiffView::diffShown);
    view.showBodies(left, right);
    return arrived(shown);
}

QList<Kind> kinds(const BodyDiffModel &model)
{
    QList<Kind> out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(Kind(model.index(row, 0).data(BodyDiffModel::KindRole).toInt()));
    return out;
}

QString cell(const BodyDiffModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

// The tint behind a cell, or an invalid colour for none.
QColor tint(const BodyDiffModel &model, int row, int column)
{
    const QVariant background = model.index(row, column).data(Qt::BackgroundRole);
    return background.isValid() ? background.value<QBrush>().color() : QColor();
}

template<typename T>
T *child(const QWidget &parent, const QString &name)
{
    auto *found = parent.findChild<T *>(name);
    if (!found)
        qFatal("no child %s", qPrintable(name));
    return found;
}

} // namespace

class TestBodyDiffView final : public QObject
{
    Q_OBJECT

private slots:
    void showsChangedAndAddedLines()
    {
        BodyDiffView view;
        QAbstractItemModelTester tester(view.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.setTitles(u"Run 1"_s, u"Run 2"_s);
        QVERIFY(show(view, fiveKeys, sixKeys));
        const BodyDiffModel &model = *view.model();

        QCOMPARE(kinds(model),
                 (QList<Kind>{Kind::Same, Kind::Same, Kind::Changed, Kind::Same, Kind::Same,
                              Kind::Changed, Kind::Added, Kind::Same}));
        QCOMPARE(model.changeStarts(), (QList<int>{2, 5}));
        QCOMPARE(model.headerData(BodyDiffModel::LeftTextColumn, Qt::Horizontal), u"Run 1"_s);
        QCOMPARE(model.headerData(BodyDiffModel::RightTextColumn, Qt::Horizontal), u"Run 2"_s);
        QCOMPARE(view.message(), u"2 changes; F8 and Shift+F8 go from one to the next."_s);

        // A changed line: both sides, amber.
        QCOMPARE(cell(model, 2, BodyDiffModel::LeftLineColumn), u"3"_s);
        QCOMPARE(cell(model, 2, BodyDiffModel::LeftTextColumn), uR"(    "b": 2,)"_s);
        QCOMPARE(cell(model, 2, BodyDiffModel::RightLineColumn), u"3"_s);
        QCOMPARE(cell(model, 2, BodyDiffModel::RightTextColumn), uR"(    "b": 20,)"_s);
        for (int column = 0; column < BodyDiffModel::ColumnCount; ++column)
            QCOMPARE(tint(model, 2, column), BodyDiffModel::changedTint());
        // An added line: green on the right, nothing on the left.
        QCOMPARE(cell(model, 6, BodyDiffModel::LeftLineColumn), QString());
        QCOMPARE(cell(model, 6, BodyDiffModel::LeftTextColumn), QString());
        QCOMPARE(cell(model, 6, BodyDiffModel::RightLineColumn), u"7"_s);
        QCOMPARE(cell(model, 6, BodyDiffModel::RightTextColumn), uR"(    "f": 6)"_s);
        QCOMPARE(tint(model, 6, BodyDiffModel::LeftTextColumn), QColor());
        QCOMPARE(tint(model, 6, BodyDiffModel::RightTextColumn), BodyDiffModel::addedTint());
        // The same line after it: numbers apart by one, no tint.
        QCOMPARE(cell(model, 7, BodyDiffModel::LeftLineColumn), u"7"_s);
        QCOMPARE(cell(model, 7, BodyDiffModel::RightLineColumn), u"8"_s);
        QCOMPARE(tint(model, 7, BodyDiffModel::LeftTextColumn), QColor());
        QCOMPARE(tint(model, 7, BodyDiffModel::RightTextColumn), QColor());

        // Tints show through on any palette.
        QVERIFY(BodyDiffModel::changedTint().alpha() < 255);
        QVERIFY(BodyDiffModel::addedTint().alpha() < 255);
        QVERIFY(BodyDiffModel::removedTint().alpha() < 255);
    }

    void showsRemovedLinesOnTheLeft()
    {
        BodyDiffView view;
        QVERIFY(show(view, sixKeys, fiveKeys));
        const BodyDiffModel &model = *view.model();
        QCOMPARE(kinds(model),
                 (QList<Kind>{Kind::Same, Kind::Same, Kind::Changed, Kind::Same, Kind::Same,
                              Kind::Changed, Kind::Removed, Kind::Same}));
        QCOMPARE(cell(model, 6, BodyDiffModel::LeftLineColumn), u"7"_s);
        QCOMPARE(cell(model, 6, BodyDiffModel::RightTextColumn), QString());
        QCOMPARE(tint(model, 6, BodyDiffModel::LeftTextColumn), BodyDiffModel::removedTint());
        QCOMPARE(tint(model, 6, BodyDiffModel::RightTextColumn), QColor());
    }

    void messages_data()
    {
        QTest::addColumn<QByteArray>("left");
        QTest::addColumn<QByteArray>("right");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("rows");

        QTest::newRow("JSON, key order and spacing apart")
                << QByteArray(R"({"a":1,"b":[1,2]})") << QByteArray("{ \"b\": [1, 2],\n \"a\": 1 }")
                << u"The bodies are the same once key order and spacing are set aside."_s << 7;
        QTest::newRow("identical") << QByteArray("plain text") << QByteArray("plain text")
                                   << u"The bodies are identical."_s << 1;
        QTest::newRow("one change")
                << QByteArray("a\nb") << QByteArray("a\nc") << u"1 change; F8 goes to it."_s << 2;
        QTest::newRow("left has no body")
                << QByteArray() << QByteArray("a\nb")
                << u"The answer in “Before” has no body, or its run did not keep bodies."_s << 2;
        QTest::newRow("right has no body")
                << QByteArray("a") << QByteArray()
                << u"The answer in “After” has no body, or its run did not keep bodies."_s << 1;
        QTest::newRow("neither has a body")
                << QByteArray() << QByteArray()
                << u"Neither answer has a body to compare, or their runs did not keep bodies."_s
                << 0;
        const int over = maxDiffLinesPerSide + 1;
        QTest::newRow("too large")
                << numberedLines(over, "left ") << numberedLines(over, "right ")
                << u"The bodies are too large to compare line by line: %1 and %1 lines."_s.arg(
                           QLocale().toString(over))
                << 0;
    }

    void messages()
    {
        QFETCH(QByteArray, left);
        QFETCH(QByteArray, right);
        QFETCH(QString, message);
        QFETCH(int, rows);
        BodyDiffView view;
        view.setTitles(u"Before"_s, u"After"_s);
        QVERIFY(show(view, left, right));
        QCOMPARE(view.message(), message);
        QCOMPARE(view.model()->rowCount(), rows);
        QCOMPARE(child<QLabel>(view, u"diffMessage"_s)->text(), message);
    }

    void noBodyOnOneSideShowsTheOtherAsAdded()
    {
        BodyDiffView view;
        QVERIFY(show(view, {}, "a\nb"));
        QCOMPARE(kinds(*view.model()), (QList<Kind>{Kind::Added, Kind::Added}));
        QCOMPARE(tint(*view.model(), 0, BodyDiffModel::RightTextColumn),
                 BodyDiffModel::addedTint());
    }

    void nextAndPreviousChange()
    {
        BodyDiffView view;
        QVERIFY(show(view, fiveKeys, sixKeys)); // changes start at rows 2 and 5; 6 is in the second
        auto *table = child<QTableView>(view, u"diffTable"_s);
        auto *next = child<QToolButton>(view, u"nextChangeButton"_s);
        auto *previous = child<QToolButton>(view, u"previousChangeButton"_s);
        const auto current = [table] { return table->currentIndex().row(); };

        QCOMPARE(current(), -1); // nothing chosen yet: F8 goes to the first change
        QVERIFY(next->isEnabled());
        view.goToNextChange();
        QCOMPARE(current(), 2);
        QVERIFY(!previous->isEnabled());
        view.goToNextChange();
        QCOMPARE(current(), 5);
        QVERIFY(!next->isEnabled());
        view.goToNextChange(); // past the last: stays
        QCOMPARE(current(), 5);
        view.goToPreviousChange();
        QCOMPARE(current(), 2);
        view.goToPreviousChange(); // before the first: stays
        QCOMPARE(current(), 2);

        // From inside a change, "previous" is the change before it, not its own start.
        table->setCurrentIndex(view.model()->index(6, BodyDiffModel::RightTextColumn));
        view.goToPreviousChange();
        QCOMPARE(current(), 2);
        // From a row between changes, the next one after it.
        table->setCurrentIndex(view.model()->index(3, BodyDiffModel::LeftTextColumn));
        view.goToNextChange();
        QCOMPARE(current(), 5);
        table->setCurrentIndex(view.model()->index(3, BodyDiffModel::LeftTextColumn));
        view.goToPreviousChange();
        QCOMPARE(current(), 2);

        // Nothing to go to when nothing differs.
        QVERIFY(show(view, "same", "same"));
        QVERIFY(!next->isEnabled());
        QVERIFY(!previous->isEnabled());
        view.goToNextChange();
        QCOMPARE(current(), -1);
    }

    void keysAndButtonsGoToChanges()
    {
        BodyDiffView view;
        view.resize(800, 400);
        view.show();
        view.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        QVERIFY(show(view, fiveKeys, sixKeys));
        auto *table = child<QTableView>(view, u"diffTable"_s);
        table->setFocus();
        QTRY_VERIFY(table->hasFocus());

        QTest::keyClick(table, Qt::Key_F8);
        QCOMPARE(table->currentIndex().row(), 2);
        QTest::keyClick(table, Qt::Key_F8);
        QCOMPARE(table->currentIndex().row(), 5);
        QTest::keyClick(table, Qt::Key_F8, Qt::ShiftModifier);
        QCOMPARE(table->currentIndex().row(), 2);

        QTest::mouseClick(child<QToolButton>(view, u"nextChangeButton"_s), Qt::LeftButton);
        QCOMPARE(table->currentIndex().row(), 5);
        QTest::mouseClick(child<QToolButton>(view, u"previousChangeButton"_s), Qt::LeftButton);
        QCOMPARE(table->currentIndex().row(), 2);
    }

    void aNewerComparisonWins()
    {
        // The slow one first, under way before the quick one is asked for: the view's single
        // thread finishes it before it runs the quick one, so when the quick one's answer is
        // shown the slow one has finished too, and must not replace it.
        BodyDiffView view;
        QSignalSpy started(&view, &BodyDiffView::diffStarted);
        QSignalSpy shown(&view, &BodyDiffView::diffShown);
        view.showBodies(numberedLines(maxDiffLinesPerSide, "left "),
                        numberedLines(maxDiffLinesPerSide, "right "));
        QVERIFY(started.wait(5000));
        view.showBodies("a", "b");
        QVERIFY(arrived(shown));
        QCoreApplication::processEvents(); // anything the slow one queued is delivered now
        QCOMPARE(shown.size(), 1);
        QCOMPARE(view.model()->rowCount(), 1);
        QCOMPARE(view.model()->rowAt(0).left, u"a"_s);
    }

    void aComparisonAskedForAgainBeforeItStartsIsSkipped()
    {
        // Back to back, the first one is stale before the thread picks it up.
        BodyDiffView view;
        QSignalSpy shown(&view, &BodyDiffView::diffShown);
        view.showBodies("x", "y");
        view.showBodies("a", "a");
        QVERIFY(arrived(shown));
        QTest::qWait(50);
        QCOMPARE(shown.size(), 1);
        QCOMPARE(view.message(), u"The bodies are identical."_s);
    }

    void clearDropsAComparisonUnderWay()
    {
        BodyDiffView view;
        QSignalSpy shown(&view, &BodyDiffView::diffShown);
        view.showBodies("a", "b");
        view.clear();
        QTest::qWait(300);
        QCOMPARE(shown.size(), 0);
        QCOMPARE(view.model()->rowCount(), 0);
        QCOMPARE(view.message(), QString());
    }

    void longLinesShowCut()
    {
        BodyDiffView view;
        const QByteArray longLine(5000, 'x');
        QVERIFY(show(view, longLine, "short"));
        const QString shownLeft = cell(*view.model(), 0, BodyDiffModel::LeftTextColumn);
        QCOMPARE(shownLeft.size(), BodyDiffModel::maxShownCharacters + 1);
        QVERIFY(shownLeft.endsWith(QChar(0x2026)));
        QCOMPARE(view.model()->rowAt(0).left.size(), 5000); // the row keeps it whole
    }

    void destroyedWhileComparing()
    {
        // The destructor waits for the diff under way instead of leaving it a dead view.
        auto view = std::make_unique<BodyDiffView>();
        view->showBodies(numberedLines(5000, "left "), numberedLines(5000, "right "));
        view.reset();
    }
};

QTEST_MAIN(TestBodyDiffView)
#include "tst_bodydiffview.moc"
