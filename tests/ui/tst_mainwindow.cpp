// The real window, offscreen: type a batch, run it against loopback servers, filter, sort,
// inspect, stop.

#include <QAbstractItemView>
#include <QAbstractProxyModel>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTimer>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>

#include "FaultServer.h"
#include "MainWindow.h"
#include "NetworkIsolation.h"
#include "TestServer.h"
#include "results/ResultsFilterModel.h"
#include "results/ResultsModel.h"
#include "store/Database.h"
#include "store/RunHistory.h"

using namespace Qt::StringLiterals;
using salvo::ErrorKind;
using salvo::ui::MainWindow;
using salvo::ui::ResultsModel;

class TestMainWindow final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void emptyWindowOffersTheSample();
    void runsATypedBatch();
    void filtersSortsAndSearches();
    void redirectedRowsAreMarkedAndFound();
    void stopCancelsWhatIsLeft();
    void aStoppedRunCountsRowsNotSentApart();
    void rerunSelectedRowsUpdatesThemInPlace();
    void sampleBatchShowsEveryKind();
    void sampleSettingsDoNotReachTheNextRun();
    void runLeavesTheRunBarsSettingsAlone();
    void sampleAsksBeforeReplacingAList();
    void serverTextIsShownAsText();
    void jsonAnswerKeepsTheServersKeyOrder();
    void savingAsksBeforeReplacingAFile_data();
    void savingAsksBeforeReplacingAFile();

private:
    QTableView *table() const
    {
        return m_window->findChild<QTableView *>(QStringLiteral("resultsTable"));
    }
    const ResultsModel *model() const;
    void typeAndRun(const QStringList &lines);
    bool waitForRows(int count, int timeoutMs = 15000);

    std::unique_ptr<TestServer> m_http;
    std::unique_ptr<FaultServer> m_faults;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::init()
{
    m_http = std::make_unique<TestServer>();
    m_faults = std::make_unique<FaultServer>();
    QVERIFY(m_http->start());
    QVERIFY(m_faults->start());
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_http.reset();
    m_faults.reset();
}

const ResultsModel *TestMainWindow::model() const
{
    const auto *proxy = qobject_cast<const QAbstractProxyModel *>(table()->model());
    return qobject_cast<const ResultsModel *>(proxy->sourceModel());
}

void TestMainWindow::typeAndRun(const QStringList &lines)
{
    auto *editor = m_window->findChild<QPlainTextEdit *>(QStringLiteral("batchEditor"));
    QVERIFY(editor);
    editor->setFocus();
    for (const QString &line : lines) {
        QTest::keyClicks(editor, line);
        QTest::keyClick(editor, Qt::Key_Return);
    }
    QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
}

bool TestMainWindow::waitForRows(int count, int timeoutMs)
{
    return QTest::qWaitFor([&] { return model()->rowCount() >= count; }, timeoutMs);
}

void TestMainWindow::emptyWindowOffersTheSample()
{
    auto *sample = m_window->findChild<QPushButton *>(QStringLiteral("sampleButton"));
    QVERIFY(sample);
    QVERIFY(sample->isVisible());
    QVERIFY(!table()->isVisible());
}

void TestMainWindow::runsATypedBatch()
{
    typeAndRun({m_http->url(QStringLiteral("/json/7")).toString(),
                m_http->url(QStringLiteral("/status/404")).toString(),
                QStringLiteral("not an address")});
    QVERIFY(waitForRows(3));
    QVERIFY(table()->isVisible());
    QSet<int> statuses;
    for (int row = 0; row < 3; ++row)
        statuses.insert(model()->resultAt(row).status);
    QCOMPARE(statuses, (QSet<int>{200, 404, 0}));
    const int invalidRow = model()->rowOfIndex(2);
    QCOMPARE(model()->resultAt(invalidRow).error, ErrorKind::InvalidUrl);
    auto *run = m_window->findChild<QPushButton *>(QStringLiteral("runButton"));
    QTRY_VERIFY_WITH_TIMEOUT(run->isEnabled(), 5000); // finished: ready to run again
}

void TestMainWindow::filtersSortsAndSearches()
{
    typeAndRun({m_http->url(QStringLiteral("/json/1")).toString(),
                m_http->url(QStringLiteral("/status/404")).toString(),
                m_http->url(QStringLiteral("/status/500")).toString(),
                m_faults->url(QStringLiteral("/delay/300")).toString(),
                QStringLiteral("ftp://127.0.0.1/nope")});
    QVERIFY(waitForRows(5));
    auto *view = table();

    auto *clientErrors = m_window->findChild<QToolButton *>(QStringLiteral("chip-4xx"));
    QVERIFY(clientErrors);
    QTRY_VERIFY(clientErrors->text().endsWith(u" 1"));
    QTest::mouseClick(clientErrors, Qt::LeftButton);
    QCOMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->model()->index(0, ResultsModel::StatusColumn).data().toInt(), 404);

    auto *noAnswer = m_window->findChild<QToolButton *>(QStringLiteral("chip-errors"));
    QTest::mouseClick(noAnswer, Qt::LeftButton);
    QCOMPARE(view->model()->rowCount(), 1);

    // Each kind of error met has its own chip: the ftp row is an unsupported scheme.
    auto *unsupported
            = m_window->findChild<QToolButton *>(QStringLiteral("chip-unsupported_scheme"));
    QVERIFY(unsupported);
    QVERIFY(unsupported->isVisible());
    QVERIFY(unsupported->text().endsWith(u" 1"));
    QVERIFY(!m_window->findChild<QToolButton *>(QStringLiteral("chip-timeout")));
    QTest::mouseClick(unsupported, Qt::LeftButton);
    QCOMPARE(view->model()->rowCount(), 1);
    QVERIFY(view->model()->index(0, ResultsModel::UrlColumn).data().toString().startsWith(u"ftp:"));

    QTest::mouseClick(m_window->findChild<QToolButton *>(QStringLiteral("chip-all")),
                      Qt::LeftButton);
    QCOMPARE(view->model()->rowCount(), 5);

    // Sort by time, longest first: the 300 ms row leads.
    view->sortByColumn(ResultsModel::TimeColumn, Qt::DescendingOrder);
    QVERIFY(view->model()
                    ->index(0, ResultsModel::UrlColumn)
                    .data()
                    .toString()
                    .contains(u"/delay/300"));

    auto *search = m_window->findChild<QLineEdit *>(QStringLiteral("searchBox"));
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, QStringLiteral("status/5"));
    QCOMPARE(view->model()->rowCount(), 1);

    // Selecting a row shows its answer in the inspector.
    view->setCurrentIndex(view->model()->index(0, ResultsModel::UrlColumn));
    auto *body = m_window->findChild<QPlainTextEdit *>(QStringLiteral("bodyText"));
    QVERIFY(body);
    QTRY_VERIFY_WITH_TIMEOUT(body->toPlainText().contains(u"status 500"), 5000);
}

// A row that reached its 200 through redirects says so in the Status column, and the
// Redirected chip finds it; a redirect not followed is a 3xx.
void TestMainWindow::redirectedRowsAreMarkedAndFound()
{
    typeAndRun({m_http->url(QStringLiteral("/json/1")).toString(),
                m_http->url(QStringLiteral("/redirect/2")).toString(),
                m_http->url(QStringLiteral("/status/404")).toString()});
    QVERIFY(waitForRows(3));
    QTRY_VERIFY(m_window->findChild<QPushButton *>(QStringLiteral("runButton"))->isEnabled());
    const QModelIndex redirectedStatus
            = model()->index(model()->rowOfIndex(1), ResultsModel::StatusColumn);
    QCOMPARE(model()->resultAt(redirectedStatus.row()).status, 200);
    QCOMPARE(redirectedStatus.data().toString(), ResultsModel::redirectedStatus(200));
    QVERIFY(redirectedStatus.data().toString() != QStringLiteral("200"));
    QVERIFY2(redirectedStatus.data(Qt::ToolTipRole).toString().contains(u"/redirect/1"),
             qPrintable(redirectedStatus.data(Qt::ToolTipRole).toString()));
    QCOMPARE(model()->index(model()->rowOfIndex(0), ResultsModel::StatusColumn).data().toString(),
             QStringLiteral("200"));

    auto *redirected = m_window->findChild<QToolButton *>(QStringLiteral("chip-redirected"));
    QVERIFY(redirected);
    QVERIFY(redirected->isVisible());
    QVERIFY2(redirected->text().endsWith(u" 1"), qPrintable(redirected->text()));
    QTest::mouseClick(redirected, Qt::LeftButton);
    QCOMPARE(table()->model()->rowCount(), 1);
    QVERIFY(table()->model()
                    ->index(0, ResultsModel::UrlColumn)
                    .data()
                    .toString()
                    .endsWith(u"/redirect/2"));
    // All still counts three rows, not four.
    auto *all = m_window->findChild<QToolButton *>(QStringLiteral("chip-all"));
    QVERIFY2(all->text().endsWith(u" 3"), qPrintable(all->text()));
}

void TestMainWindow::stopCancelsWhatIsLeft()
{
    QStringList lines;
    for (int i = 0; i < 30; ++i)
        lines.append(m_faults->url(QStringLiteral("/hang")).toString());
    typeAndRun(lines);
    QTRY_VERIFY_WITH_TIMEOUT(m_faults->requestCount() >= 6, 10000);
    QTest::keyClick(m_window.get(), Qt::Key_Escape);
    QVERIFY(waitForRows(30, 3000));
    for (int row = 0; row < 30; ++row)
        QCOMPARE(model()->resultAt(row).error, ErrorKind::Cancelled);
}

// Ten rows answered 500, then Stop while twenty others wait: the status line and the History
// say 10 failed, and the status line that 20 were not sent.
void TestMainWindow::aStoppedRunCountsRowsNotSentApart()
{
    QStringList lines;
    for (int i = 0; i < 10; ++i)
        lines.append(m_http->url(QStringLiteral("/status/500")).toString());
    for (int i = 0; i < 20; ++i)
        lines.append(m_faults->url(QStringLiteral("/hang")).toString());
    m_window->setBatchText(lines.join(u'\n'));
    auto *run = m_window->findChild<QPushButton *>(QStringLiteral("runButton"));
    QTest::mouseClick(run, Qt::LeftButton);
    QVERIFY(waitForRows(10));
    QTRY_VERIFY_WITH_TIMEOUT(m_faults->requestCount() >= 6, 10000);
    QTest::keyClick(m_window.get(), Qt::Key_Escape);
    QVERIFY(waitForRows(30, 5000));
    QTRY_VERIFY_WITH_TIMEOUT(run->isEnabled(), 5000);
    auto *status = m_window->findChild<QLabel *>(QStringLiteral("progressText"));
    QTRY_VERIFY2(status->text().contains(u"0 ok, 10 failed, 20 not sent"),
                 qPrintable(status->text()));

    std::optional<salvo::RunSummary> kept;
    QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                salvo::RunHistory history(salvo::defaultHistoryPath());
                if (!history.open())
                    return false;
                const auto runs = history.runs(1);
                if (!runs || runs->isEmpty()
                    || runs->constFirst().state != salvo::RunState::Cancelled)
                    return false;
                kept = runs->constFirst();
                return true;
            }(),
            10000);
    QCOMPARE(kept->rowCount, 30);
    QCOMPARE(kept->okCount, 0);
    QCOMPARE(kept->failedCount, 10);
}

void TestMainWindow::rerunSelectedRowsUpdatesThemInPlace()
{
    typeAndRun({m_http->url(QStringLiteral("/json/1")).toString(),
                m_http->url(QStringLiteral("/flaky/again/1")).toString()});
    QVERIFY(waitForRows(2));
    const int flakyRow = model()->rowOfIndex(1);
    QCOMPARE(model()->resultAt(flakyRow).status, 503);
    auto *run = m_window->findChild<QPushButton *>(QStringLiteral("runButton"));
    QTRY_VERIFY_WITH_TIMEOUT(run->isEnabled(), 5000);

    auto *view = table();
    view->sortByColumn(ResultsModel::IndexColumn, Qt::AscendingOrder);
    view->selectRow(1);
    QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(model()->resultAt(flakyRow).status, 200, 5000);
    QCOMPARE(model()->rowCount(), 2);
    QCOMPARE(model()->resultAt(model()->rowOfIndex(0)).status, 200);
    QCOMPARE(m_http->requestCount(), 3); // only the selected row went out again
}

void TestMainWindow::sampleBatchShowsEveryKind()
{
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("sampleButton")),
                      Qt::LeftButton);
    QVERIFY(waitForRows(16, 15000));
    QSet<QString> classes;
    for (int row = 0; row < model()->rowCount(); ++row)
        classes.insert(ResultsModel::statusClass(model()->resultAt(row)));
    for (const char *expected :
         {"2xx", "4xx", "5xx", "timeout", "invalid_url", "unsupported_scheme"})
        QVERIFY2(classes.contains(QLatin1String(expected)), expected);

    // A newcomer sees an expectation fail and a column read out of each answer at once:
    // items 3 and 6 are out of stock, and every item's price is in a column of its own.
    const int passed = model()->passedColumn();
    QVERIFY(passed >= 0);
    QCOMPARE(model()->headerData(passed, Qt::Horizontal).toString(), u"Passed"_s);
    const int price = model()->firstValueColumn();
    QCOMPARE(model()->headerData(price, Qt::Horizontal).toString(), u"price"_s);
    const int item3 = model()->rowOfIndex(2);
    const int item4 = model()->rowOfIndex(3);
    QVERIFY(model()->index(item3, passed).data().toString().contains(u"Failed"_s));
    QVERIFY(model()->index(item3, passed)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u".inStock == true"_s));
    QVERIFY(model()->index(item4, passed).data().toString().contains(u"Passed"_s));
    QCOMPARE(model()->index(item4, price).data().toString(), u"18"_s);
    QCOMPARE(model()->index(item3, price).data().toString(), u"13.5"_s);
    const auto *unmetChip = m_window->findChild<QToolButton *>(u"chip-unmet"_s);
    QVERIFY(unmetChip && unmetChip->isVisibleTo(m_window.get()));
    const QTabWidget *tabs = m_window->findChild<QTabWidget *>(u"batchTabs"_s);
    QCOMPARE(tabs->tabText(3), u"E&xpect (2)"_s);
}

// A newcomer tries the sample, then their own address, which answers after 3 s: with the
// default settings (Timeout 30 s) it answers, whatever the sample needed for itself.
void TestMainWindow::sampleSettingsDoNotReachTheNextRun()
{
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("sampleButton")),
                      Qt::LeftButton);
    QVERIFY(waitForRows(16, 15000));
    auto *run = m_window->findChild<QPushButton *>(QStringLiteral("runButton"));
    QTRY_VERIFY_WITH_TIMEOUT(run->isEnabled(), 15000);

    m_window->setBatchText(m_faults->url(QStringLiteral("/delay/3000")).toString());
    QTest::mouseClick(run, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(model()->rowCount(), 1, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(run->isEnabled(), 15000);
    const salvo::Result answer = model()->resultAt(0);
    QVERIFY2(answer.error == ErrorKind::None, qPrintable(answer.message));
    QCOMPARE(answer.status, 200);
}

// Run pressed from the keyboard: the keys typed next do not land in a box of the run bar.
void TestMainWindow::runLeavesTheRunBarsSettingsAlone()
{
    m_window->setBatchText(m_http->url(QStringLiteral("/json/1")).toString());
    auto *run = m_window->findChild<QPushButton *>(QStringLiteral("runButton"));
    auto *concurrency = m_window->findChild<QSpinBox *>(QStringLiteral("concurrencyBox"));
    QVERIFY(run && concurrency);
    const int chosen = concurrency->value();
    run->setFocus();
    QTRY_VERIFY(run->hasFocus());
    QTest::keyClick(run, Qt::Key_Space);
    QVERIFY(waitForRows(1));
    QVERIFY(!concurrency->hasFocus());
    QWidget *focused = QApplication::focusWidget();
    QVERIFY(focused);
    QTest::keyClicks(focused, QStringLiteral("5"));
    QCOMPARE(concurrency->value(), chosen);
    QTRY_VERIFY_WITH_TIMEOUT(run->isEnabled(), 5000);
}

// A list of the person's own is not replaced by the sample unasked: Cancel keeps it, and
// "Replace my list" runs the sample.
void TestMainWindow::sampleAsksBeforeReplacingAList()
{
    const QString own = m_http->url(QStringLiteral("/json/1")).toString();
    m_window->setBatchText(own);
    auto *editor = m_window->findChild<QPlainTextEdit *>(QStringLiteral("batchEditor"));
    const QString typed = editor->toPlainText();
    QVERIFY(typed.contains(own));

    m_window->startSampleBatch();
    QPointer<QMessageBox> question;
    QTRY_VERIFY((question = m_window->findChild<QMessageBox *>(
                         QStringLiteral("replaceWithSampleQuestion"))));
    question->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!question);
    QCOMPARE(editor->toPlainText(), typed);
    QCOMPARE(model()->rowCount(), 0);

    m_window->startSampleBatch();
    QTRY_VERIFY((question = m_window->findChild<QMessageBox *>(
                         QStringLiteral("replaceWithSampleQuestion"))));
    question->findChild<QPushButton *>(QStringLiteral("replaceWithSampleButton"))->click();
    QVERIFY(waitForRows(16, 15000));
    QVERIFY(!editor->toPlainText().contains(own));
    auto *run = m_window->findChild<QPushButton *>(QStringLiteral("runButton"));
    QTRY_VERIFY_WITH_TIMEOUT(run->isEnabled(), 15000);
}

// Markup in what a server sends (body, content type, a header) and in a line of the batch: every
// label and every tooltip of the window shows it as the characters it is made of, whichever
// row is selected. Not one shows the mark without its tags around it.
void TestMainWindow::serverTextIsShownAsText()
{
    const QString mark = QStringLiteral("<b>salvo-mark</b>");
    const QString hostile = mark
            + QStringLiteral("<img src=x onerror=alert(1)></table>"
                             "<script>alert(1)</script>");
    QUrl said = m_http->url(QStringLiteral("/say"));
    said.setQuery(
            QStringLiteral("type=%1&text=%2&header=%3")
                    .arg(QString::fromLatin1(QUrl::toPercentEncoding(u"text/" + hostile)),
                         QString::fromLatin1(QUrl::toPercentEncoding(hostile)),
                         QString::fromLatin1(QUrl::toPercentEncoding(u"X-Evil: " + hostile))));
    typeAndRun({hostile, said.toString(), QStringLiteral("ftp://") + hostile});
    QVERIFY(waitForRows(3));
    auto *run = m_window->findChild<QPushButton *>(QStringLiteral("runButton"));
    QTRY_VERIFY_WITH_TIMEOUT(run->isEnabled(), 5000);

    // What a label or a tooltip shows: Qt lays it out as rich text when it looks like HTML.
    const auto shown = [](const QString &text, Qt::TextFormat format) {
        if (format == Qt::PlainText || (format == Qt::AutoText && !Qt::mightBeRichText(text)))
            return text;
        QTextDocument document;
        document.setHtml(text);
        return document.toPlainText();
    };
    int marksSeen = 0;
    const auto verifyShownAsText = [&](const QString &text, const QString &where) {
        if (!text.contains(u"salvo-mark"))
            return true;
        ++marksSeen;
        // Each time with its tags, as characters (or percent-encoded in an address).
        bool tagged = true;
        for (qsizetype at = text.indexOf(u"salvo-mark"); at >= 0;
             at = text.indexOf(u"salvo-mark", at + 1)) {
            tagged = tagged
                    && (text.left(at).endsWith(u"<b>")
                        || text.left(at).endsWith(u"%3Cb%3E", Qt::CaseInsensitive));
        }
        if (tagged)
            return true;
        qWarning() << where << "shows" << text;
        return false;
    };
    const auto verifyEveryLabelAndTip = [&] {
        for (const QLabel *label : m_window->findChildren<QLabel *>()) {
            QVERIFY(verifyShownAsText(shown(label->text(), label->textFormat()),
                                      u"label " + label->objectName()));
            QVERIFY(verifyShownAsText(shown(label->toolTip(), Qt::AutoText),
                                      u"tooltip of " + label->objectName()));
        }
        for (const QAbstractItemView *view : m_window->findChildren<QAbstractItemView *>()) {
            const QAbstractItemModel *viewModel = view->model();
            for (int row = 0; viewModel && row < viewModel->rowCount(); ++row) {
                for (int column = 0; column < viewModel->columnCount(); ++column) {
                    const QString tip
                            = viewModel->index(row, column).data(Qt::ToolTipRole).toString();
                    QVERIFY(verifyShownAsText(shown(tip, Qt::AutoText),
                                              u"tooltip in " + view->objectName()));
                }
            }
        }
    };
    for (int row = 0; row < 3; ++row) {
        table()->selectRow(row);
        QCoreApplication::processEvents(); // let the inspector take the row
        verifyEveryLabelAndTip();
        if (QTest::currentTestFailed())
            return;
    }
    QVERIFY2(marksSeen > 0, "some label or tooltip showed the server's text");
}

// The Tree and Pretty views list an object's keys in the order the server sent them, at
// every level; neither sorts them.
void TestMainWindow::jsonAnswerKeepsTheServersKeyOrder()
{
    const QString json = QStringLiteral(
            R"({"id":7,"name":"Mug","price":12.5,"in_stock":true,"tags":["a","b"],)"
            R"("nested":{"zeta":1,"alpha":2}})");
    QUrl said = m_http->url(QStringLiteral("/say"));
    said.setQuery(QStringLiteral("type=application/json&text=%1")
                          .arg(QString::fromLatin1(QUrl::toPercentEncoding(json))));
    typeAndRun({said.toString(QUrl::FullyEncoded)});
    QVERIFY(waitForRows(1));

    table()->selectRow(0);
    const QAbstractItemModel *tree
            = m_window->findChild<QTreeView *>(QStringLiteral("bodyTree"))->model();
    QTRY_COMPARE_WITH_TIMEOUT(tree->rowCount(), 6, 10000);
    const auto keysUnder = [tree](const QModelIndex &parent) {
        QStringList keys;
        for (int row = 0; row < tree->rowCount(parent); ++row)
            keys.append(tree->index(row, 0, parent).data().toString());
        return keys;
    };
    const QStringList topKeys = keysUnder({});
    QCOMPARE(topKeys,
             QStringList({u"id"_s, u"name"_s, u"price"_s, u"in_stock"_s, u"tags"_s, u"nested"_s}));
    QCOMPARE(keysUnder(tree->index(int(topKeys.indexOf(u"nested")), 0)),
             QStringList({u"zeta"_s, u"alpha"_s}));

    const QString pretty
            = m_window->findChild<QPlainTextEdit *>(QStringLiteral("bodyPretty"))->toPlainText();
    qsizetype previous = -1;
    for (const QString &key : {u"id"_s, u"name"_s, u"price"_s, u"in_stock"_s, u"tags"_s,
                               u"nested"_s, u"zeta"_s, u"alpha"_s}) {
        const qsizetype at = pretty.indexOf(u'"' + key + u"\": ");
        QVERIFY2(at > previous, qPrintable(u"\"" + key + u"\" out of order in:\n" + pretty));
        previous = at;
    }
}

void TestMainWindow::savingAsksBeforeReplacingAFile_data()
{
    QTest::addColumn<QKeySequence>("keys");
    QTest::addColumn<QString>("dialogName");
    QTest::addColumn<QString>("existing"); // in the folder, before
    QTest::addColumn<QString>("typed"); // the name typed, without its ending
    QTest::newRow("export") << QKeySequence(Qt::CTRL | Qt::Key_E) << u"exportDialog"_s
                            << u"report.csv"_s << u"report"_s;
    QTest::newRow("save batch") << QKeySequence(QKeySequence::Save) << u"saveBatchDialog"_s
                                << u"checks.salvo"_s << u"checks"_s;
}

// A name typed without its ending names the file with the ending Salvo adds: when that one is
// there, the dialog asks before replacing it, and "No" leaves it as it was.
void TestMainWindow::savingAsksBeforeReplacingAFile()
{
    QFETCH(QKeySequence, keys);
    QFETCH(QString, dialogName);
    QFETCH(QString, existing);
    QFETCH(QString, typed);

    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QFile file(folder.filePath(existing));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("keep me");
    file.close();

    QTest::keySequence(m_window.get(), keys);
    QFileDialog *found = nullptr;
    QTRY_VERIFY((found = m_window->findChild<QFileDialog *>(dialogName)) != nullptr);
    QTRY_VERIFY(found->isVisible());
    const QPointer<QFileDialog> dialog(found); // it deletes itself once closed
    found->setDirectory(folder.path());
    found->selectFile(typed);

    // The question comes in an event loop of its own, inside accept().
    QString asked;
    QTimer answer;
    answer.setInterval(10);
    connect(&answer, &QTimer::timeout, this, [&] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            asked = box->text();
            box->button(QMessageBox::No) ? box->button(QMessageBox::No)->click() : box->reject();
        }
    });
    answer.start();
    QTimer::singleShot(10'000, found, &QDialog::reject); // a watchdog, should nothing ask
    static_cast<QDialog *>(found)->accept(); // QFileDialog::accept(), as Save does
    answer.stop();

    QVERIFY2(asked.contains(existing), qPrintable(asked));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("keep me"));
    QFileDialog *stillOpen = dialog.data(); // for another name
    QVERIFY(stillOpen != nullptr);
    QVERIFY(stillOpen->isVisible());
    stillOpen->reject();
}

int main(int argc, char *argv[])
{
    isolateNetwork();
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // settings in a test location, not the user's
    TestMainWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainwindow.moc"
