// The real window, offscreen, used from the keyboard alone, as a person who does not use a
// mouse meets it: paste a list, run it, move between the rows, open an answer and export.
// Every key goes to the widget that has the keyboard focus; nothing is clicked or set
// directly. Every wait has a deadline.

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "MainWindow.h"
#include "TestServer.h"
#include "inspector/ResponseInspector.h"
#include "run/RunController.h"
#include "store/Database.h"

using namespace Qt::StringLiterals;
using salvo::ui::MainWindow;

namespace {

void removeHistory()
{
    const QString path = salvo::defaultHistoryPath();
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s})
        QFile::remove(path + suffix);
}

// What a key press reaches: the focused widget, as for a person at the keyboard.
QWidget *focused()
{
    return QApplication::focusWidget();
}

bool isInside(const QWidget *widget, const QWidget *ancestor)
{
    for (; widget; widget = widget->parentWidget()) {
        if (widget == ancestor)
            return true;
    }
    return false;
}

} // namespace

class TestMainWindowKeyboard final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QSettings().clear();
        removeHistory();
        m_http = std::make_unique<TestServer>();
        QVERIFY(m_http->start());
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    void cleanup()
    {
        m_window.reset();
        m_http.reset();
        QSettings().clear();
        removeHistory();
    }

    void theMainFlowWorksFromTheKeyboardAlone();

private:
    void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QWidget *target = focused();
        QVERIFY2(target, "nothing has the keyboard focus");
        QTest::keyClick(target, key, modifiers);
    }

    std::unique_ptr<TestServer> m_http;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindowKeyboard::theMainFlowWorksFromTheKeyboardAlone()
{
    auto *editor = m_window->findChild<QPlainTextEdit *>(u"batchEditor"_s);
    auto *table = m_window->findChild<QTableView *>(u"resultsTable"_s);
    auto *inspector = m_window->findChild<salvo::ui::ResponseInspector *>();
    QVERIFY(editor && table && inspector);

    // Paste: Ctrl+L goes to the list, Ctrl+V pastes what another program copied.
    const QStringList addresses{m_http->url(u"/json/1"_s).toString(),
                                m_http->url(u"/json/2"_s).toString(),
                                m_http->url(u"/status/404"_s).toString()};
    QApplication::clipboard()->setText(addresses.join(u'\n') + u'\n');
    press(Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(focused(), editor);
    press(Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(editor->toPlainText(), addresses.join(u'\n') + u'\n');

    // Run: Ctrl+Return; the keyboard lands in the results.
    press(Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 3, 15'000);
    auto *run = m_window->findChild<QPushButton *>(u"runButton"_s);
    QTRY_VERIFY_WITH_TIMEOUT(run->isEnabled(), 15'000);
    QTRY_COMPARE(focused(), table);

    // Move between the rows: Home, then Down to the second.
    press(Qt::Key_Home, Qt::ControlModifier);
    press(Qt::Key_Down);
    QCOMPARE(table->currentIndex().row(), 1);
    QVERIFY(table->currentIndex().siblingAtColumn(1).data().toString().endsWith(u"/json/2"));

    // Open the answer: Return puts the keyboard in its body, to read and scroll it, once it
    // is read from the history.
    press(Qt::Key_Return);
    QTRY_VERIFY(isInside(focused(), inspector));
    auto *tree = inspector->findChild<QWidget *>(u"bodyTree"_s);
    auto *pretty = inspector->findChild<QPlainTextEdit *>(u"bodyPretty"_s);
    QTRY_VERIFY(focused() == tree || focused() == pretty);
    QTRY_VERIFY(pretty->toPlainText().contains(u"\"id\": 2"));

    // Export: Ctrl+E, a file name typed, Return.
    auto *runs = m_window->findChild<salvo::ui::RunController *>();
    QTRY_VERIFY_WITH_TIMEOUT(runs->exportRefusal().isEmpty(), 10'000); // the history has it
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString file = folder.filePath(u"answers.csv"_s);
    press(Qt::Key_E, Qt::ControlModifier);
    QFileDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<QFileDialog *>(u"exportDialog"_s)));
    QTRY_VERIFY(dialog->isVisible() && focused() && isInside(focused(), dialog));
    press(Qt::Key_A, Qt::ControlModifier); // the name field: replace what it suggests
    QTest::keyClicks(focused(), file);
    press(Qt::Key_Return);
    const auto exported = [&file] {
        QFile written(file);
        return written.open(QIODevice::ReadOnly) ? written.readAll() : QByteArray();
    };
    // The job writes in the background; the file holds every row once it is done.
    QTRY_VERIFY_WITH_TIMEOUT(exported().contains(addresses.at(2).toUtf8()), 15'000);
    for (const QString &address : addresses)
        QVERIFY2(exported().contains(address.toUtf8()), exported().constData());
}

QTEST_MAIN(TestMainWindowKeyboard)
#include "tst_mainwindowkeyboard.moc"
