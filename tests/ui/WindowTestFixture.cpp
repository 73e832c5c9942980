#include "WindowTestFixture.h"

#include <QAbstractButton>
#include <QAbstractProxyModel>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabBar>
#include <QTableWidget>
#include <QTabWidget>
#include <QTest>

#include "CellTyping.h"
#include "compare/CompareWindow.h"
#include "inspector/ShownAnswers.h"
#include "store/Database.h"

using salvo::Result;
using salvo::ui::BatchEditor;
using salvo::ui::MainWindow;
using salvo::ui::ResultsModel;

QString freshHistoryPath()
{
    const QString path = salvo::defaultHistoryPath();
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    return path;
}

QString describeWidget(const QWidget *widget)
{
    QString name = widget->objectName();
    for (const QWidget *parent = widget->parentWidget(); name.isEmpty() && parent;
         parent = parent->parentWidget()) {
        if (!parent->objectName().isEmpty())
            name = QStringLiteral("(in %1)").arg(parent->objectName());
    }
    return QStringLiteral("%1 %2").arg(QString::fromLatin1(widget->metaObject()->className()),
                                       name);
}

bool isInside(const QWidget *widget, const char *className)
{
    for (const QWidget *parent = widget->parentWidget(); parent; parent = parent->parentWidget()) {
        if (parent->inherits(className))
            return true;
    }
    return false;
}

bool isUnnamedInput(const QWidget *widget)
{
    if (!widget->isVisible() || widget->focusPolicy() == Qt::NoFocus)
        return false;
    if (isInside(widget, "QTabBar"))
        return false; // the tab bar's scroll arrows: the tabs name the pages
    if (const auto *button = qobject_cast<const QAbstractButton *>(widget))
        return button->text().isEmpty() && button->accessibleName().isEmpty();
    if (qobject_cast<const QLineEdit *>(widget)) {
        // The editor inside an editable combo box or a spin box is announced as the box.
        const QWidget *parent = widget->parentWidget();
        if (qobject_cast<const QComboBox *>(parent)
            || qobject_cast<const QAbstractSpinBox *>(parent))
            return false;
    }
    const bool input = qobject_cast<const QLineEdit *>(widget)
            || qobject_cast<const QComboBox *>(widget)
            || qobject_cast<const QAbstractSpinBox *>(widget)
            || qobject_cast<const QPlainTextEdit *>(widget)
            || qobject_cast<const QAbstractItemView *>(widget);
    if (input)
        return widget->accessibleName().trimmed().isEmpty();
    // Any other control the keyboard reaches: what a screen reader would say for it.
    QAccessibleInterface *described
            = QAccessible::queryAccessibleInterface(const_cast<QWidget *>(widget));
    return !described || described->text(QAccessible::Name).trimmed().isEmpty();
}

void WindowTestFixture::setUp()
{
    // main() turned on QStandardPaths' test mode: this is a file under ~/.qttest, never
    // the user's settings. Each test starts from none.
    QSettings().clear();
    QFile::remove(salvo::defaultSchedulesPath()); // no check of another test's runs here
    m_http = std::make_unique<TestServer>();
    QVERIFY(m_http->start());
    m_files = std::make_unique<QTemporaryDir>();
    QVERIFY(m_files->isValid());
    createWindow();
}

void WindowTestFixture::tearDown()
{
    m_window.reset();
    m_http.reset();
    m_files.reset();
    QSettings().clear();
    QFile::remove(salvo::defaultSchedulesPath());
}

void WindowTestFixture::createWindow()
{
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void WindowTestFixture::reopenWithWebhook()
{
    {
        QSettings settings;
        settings.setValue(QStringLiteral("notify/desktop"), false);
        settings.setValue(QStringLiteral("notify/webhook"),
                          m_http->url(QStringLiteral("/hook")).toString());
    }
    m_window.reset();
    createWindow(); // the settings are read as the window opens
}

const ResultsModel *WindowTestFixture::model() const
{
    const auto *proxy = qobject_cast<const QAbstractProxyModel *>(table()->model());
    return qobject_cast<const ResultsModel *>(proxy->sourceModel());
}

Result WindowTestFixture::resultOfInputRow(int index) const
{
    return model()->resultAt(model()->rowOfIndex(index));
}

std::optional<Result> WindowTestFixture::answerOfInputRow(int index)
{
    auto *answers = m_window->findChild<salvo::ui::ShownAnswers *>();
    QSignalSpy ready(answers, &salvo::ui::ShownAnswers::answerReady);
    QSignalSpy unavailable(answers, &salvo::ui::ShownAnswers::answerUnavailable);
    answers->request(resultOfInputRow(index));
    if (!QTest::qWaitFor([&] { return !ready.isEmpty() || !unavailable.isEmpty(); }, 10000)
        || ready.isEmpty())
        return std::nullopt;
    return ready.constLast().constFirst().value<Result>();
}

void WindowTestFixture::chooseInputKind(const QString &text)
{
    auto *kind = child<QComboBox>(QStringLiteral("inputKindBox"));
    QVERIFY(kind);
    const int index = kind->findText(text);
    QVERIFY2(index >= 0, qPrintable(text));
    kind->setCurrentIndex(index);
}

void WindowTestFixture::showBatchTab(int index)
{
    auto *tabs = child<QTabWidget>(QStringLiteral("batchTabs"));
    QVERIFY(tabs);
    QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(index).center());
    QCOMPARE(tabs->currentIndex(), index);
}

void WindowTestFixture::typeLines(const QStringList &lines)
{
    BatchEditor *batch = editor();
    QVERIFY(batch);
    batch->setFocus();
    for (const QString &line : lines) {
        QTest::keyClicks(batch, line);
        QTest::keyClick(batch, Qt::Key_Return);
    }
}

void WindowTestFixture::typeAndRun(const QStringList &lines)
{
    typeLines(lines);
    QTest::keyClick(editor(), Qt::Key_Return, Qt::ControlModifier);
}

void WindowTestFixture::typeIntoHeaderCell(int row, int column, const QString &text)
{
    auto *headers = child<QTableWidget>(QStringLiteral("headersEditorTable"));
    QVERIFY(headers);
    QVERIFY(headers->isVisible());
    QVERIFY(typeIntoCell(headers, row, column, text));
}

void WindowTestFixture::selectInputRow(int index)
{
    const auto *proxy = qobject_cast<const QAbstractProxyModel *>(table()->model());
    const QModelIndex source = model()->index(model()->rowOfIndex(index), ResultsModel::UrlColumn);
    QVERIFY(source.isValid());
    table()->setFocus();
    table()->setCurrentIndex(proxy->mapFromSource(source));
}

void WindowTestFixture::verifyComparisonShown(qint64 runId)
{
    salvo::ui::CompareWindow *comparing = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((comparing = m_window->findChild<salvo::ui::CompareWindow *>(
                                      QStringLiteral("compareWindow")))
                                     && comparing->isVisible(),
                             10000);
    QTRY_VERIFY_WITH_TIMEOUT(comparing->summaryText().contains(u"addresses compared"), 10000);
    QVERIFY2(comparing->windowTitle().contains(QStringLiteral("run %1").arg(runId)),
             qPrintable(comparing->windowTitle()));
    comparing->close();
}

bool WindowTestFixture::waitForRows(int count, int timeoutMs)
{
    const bool arrived = QTest::qWaitFor([&] { return model()->rowCount() >= count; }, timeoutMs);
    if (!arrived) // the status line says why, e.g. a batch that cannot run
        qWarning("%s", qPrintable(child<QLabel>(QStringLiteral("progressText"))->text()));
    return arrived;
}

bool WindowTestFixture::waitUntilFinished(int timeoutMs)
{
    // The Run button comes back when the run is over.
    auto *run = child<QPushButton>(QStringLiteral("runButton"));
    return QTest::qWaitFor([&] { return run->isEnabled(); }, timeoutMs);
}

void WindowTestFixture::writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(file.errorString()));
    QCOMPARE(file.write(contents), contents.size());
}
