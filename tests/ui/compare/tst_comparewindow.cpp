// CompareWindow, offscreen, over two runs written to a real history file: the summary counts
// the changes, "Changed only" keeps the changed rows alone, and the selected row's two bodies
// show as a diff in which JSON key order does not count.

#include <QApplication>
#include <QCheckBox>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "../../core/store/StoreTestSupport.h"
#include "compare/BodyDiffView.h"
#include "compare/CompareWindow.h"
#include "compare/ComparisonModel.h"

using namespace Qt::StringLiterals;
using namespace salvo;
using salvo::test::writeFinishedRun;
using salvo::ui::BodyDiffModel;
using salvo::ui::BodyDiffView;
using salvo::ui::CompareWindow;
using salvo::ui::ComparisonModel;

namespace {

Result refused(int index)
{
    Result result;
    result.index = index;
    result.line = index + 1;
    result.url = u"https://api.example/items/%1"_s.arg(index);
    result.method = "GET";
    result.error = ErrorKind::ConnectionRefused;
    result.message = u"api.example refused the connection."_s;
    result.elapsedMs = 3;
    result.attempts = 1;
    return result;
}

Result answer(int index, int status, const QByteArray &body, qint64 elapsedMs)
{
    Result result;
    result.index = index;
    result.line = index + 1;
    result.url = u"https://api.example/items/%1"_s.arg(index);
    result.method = "GET";
    result.status = status;
    result.elapsedMs = elapsedMs;
    result.bytes = body.size();
    result.body = body;
    result.attempts = 1;
    return result;
}

} // namespace

class TestCompareWindow : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(u"history.sqlite"_s);
        RunStore store({.path = m_path});
        QVERIFY(store.open().result());
        m_older = writeFinishedRun(store,
                                   {
                                           answer(0, 200, R"({"a": 1, "b": 2})", 40),
                                           answer(1, 200, R"({"price": 10, "id": 1})", 40),
                                           answer(2, 200, "ok", 40),
                                           answer(3, 200, "ok", 40),
                                   });
        m_newer = writeFinishedRun(store,
                                   {
                                           answer(0, 200, R"({"b":2,"a":1})", 50),
                                           answer(1, 200, R"({"id": 1, "price": 12})", 60),
                                           answer(2, 503, "busy", 90),
                                           answer(3, 200, "ok", 30),
                                   });
        QVERIFY(m_older > 0 && m_newer > m_older);
    }

    void cleanup() { m_dir.reset(); }

    void showsWhatChangedAndItsBodyDiff()
    {
        CompareWindow window(m_path, m_older, m_newer);
        QSignalSpy compared(&window, &CompareWindow::compared);
        auto *diff = window.findChild<BodyDiffView *>(u"bodyDiffView"_s);
        QVERIFY(diff);
        QSignalSpy diffShown(diff, &BodyDiffView::diffShown);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(arrived(compared));
        QVERIFY2(window.summaryText().startsWith(
                         u"4 addresses compared, 2 changed: 1 in status, 0 in error, 2 in body."_s),
                 qPrintable(window.summaryText()));
        QVERIFY2(window.summaryText().contains(u"Median time 40 ms → 50 ms (+10 ms)"_s),
                 qPrintable(window.summaryText()));
        QVERIFY2(window.summaryText().contains(u"99 in 100 answers took at most 40 ms → 90 ms"_s),
                 qPrintable(window.summaryText()));

        // Changed only, at first: the reordered JSON and the unchanged row are not listed.
        auto *table = window.findChild<QTableView *>(u"comparisonTable"_s);
        QCOMPARE(table->model()->rowCount(), 2);
        const auto cell = [table](int row, int column) {
            return table->model()->index(row, column).data().toString();
        };
        QCOMPARE(cell(0, ComparisonModel::UrlColumn), u"https://api.example/items/1"_s);
        QCOMPARE(cell(0, ComparisonModel::ChangeColumn), u"body"_s);
        QCOMPARE(cell(0, ComparisonModel::TimeDeltaColumn), u"+20 ms"_s);
        QCOMPARE(cell(1, ComparisonModel::StatusColumn), u"200 → 503"_s);
        QCOMPARE(cell(1, ComparisonModel::ChangeColumn), u"status, body"_s);

        // The first changed row is selected, and its bodies compared: only the price differs.
        QVERIFY(arrived(diffShown));
        const BodyDiffModel *lines = diff->model();
        QStringList changed;
        for (const auto &row : lines->rows()) {
            if (row.kind != DiffRow::Kind::Same)
                changed << row.left.trimmed() + u" | "_s + row.right.trimmed();
        }
        QCOMPARE(changed, QStringList{u"\"price\": 10 | \"price\": 12"_s});

        // All rows, then back.
        auto *changedOnly = window.findChild<QCheckBox *>(u"changedOnlyBox"_s);
        QVERIFY(changedOnly->isChecked());
        changedOnly->click();
        QCOMPARE(table->model()->rowCount(), 4);
        changedOnly->click();
        QCOMPARE(table->model()->rowCount(), 2);

        // Another row: its bodies replace the first's.
        diffShown.clear();
        table->setCurrentIndex(table->model()->index(1, ComparisonModel::UrlColumn));
        QVERIFY(arrived(diffShown));
        QCOMPARE(diff->model()->rowAt(0).left, u"ok"_s);
        QCOMPARE(diff->model()->rowAt(0).right, u"busy"_s);
    }

    // A run whose every row failed has no time: the summary says so, and gives the other
    // run's times as they are, not as a change from "none".
    void aRunWithoutAnswersIsSaidInWords()
    {
        qint64 failedRun = 0;
        {
            RunStore store({.path = m_path});
            QVERIFY(store.open().result());
            failedRun = writeFinishedRun(store, {refused(0), refused(1), refused(2), refused(3)});
        }
        QVERIFY(failedRun > m_newer);

        CompareWindow recovered(m_path, failedRun, m_older);
        QSignalSpy comparedRecovered(&recovered, &CompareWindow::compared);
        QVERIFY(arrived(comparedRecovered));
        const QString afterFailure = recovered.summaryText();
        QVERIFY2(afterFailure.contains(u"Median time 40 ms; 99 in 100 answers took at most 40 ms "
                                       u"(the earlier run had no answers to time)."_s),
                 qPrintable(afterFailure));
        QVERIFY2(!afterFailure.contains(u"none"_s), qPrintable(afterFailure));
        QVERIFY2(!afterFailure.contains(u"\u2192"_s), qPrintable(afterFailure)); // no change

        CompareWindow broken(m_path, m_newer, failedRun);
        QSignalSpy comparedBroken(&broken, &CompareWindow::compared);
        QVERIFY(arrived(comparedBroken));
        QVERIFY2(broken.summaryText().contains(u"(the later run had no answers to time)."_s),
                 qPrintable(broken.summaryText()));

        CompareWindow neither(m_path, failedRun, failedRun);
        QSignalSpy comparedNeither(&neither, &CompareWindow::compared);
        QVERIFY(arrived(comparedNeither));
        QVERIFY2(neither.summaryText().contains(u"Neither run had answers to time."_s),
                 qPrintable(neither.summaryText()));
    }

    void unknownRunIsSaidInWords()
    {
        CompareWindow window(m_path, m_older, m_newer + 40);
        QSignalSpy compared(&window, &CompareWindow::compared);
        QVERIFY(arrived(compared));
        QVERIFY2(window.summaryText().contains(u"no run %1"_s.arg(m_newer + 40)),
                 qPrintable(window.summaryText()));
    }

private:
    // A signal emitted while an earlier wait ran events is already counted: count what came,
    // then wait for the rest.
    static bool arrived(QSignalSpy &spy) { return !spy.isEmpty() || spy.wait(10'000); }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    qint64 m_older = 0;
    qint64 m_newer = 0;
};

QTEST_MAIN(TestCompareWindow)
#include "tst_comparewindow.moc"
