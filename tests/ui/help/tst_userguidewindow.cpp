// The user guide through the real window, offscreen: Help > User Guide and F1 open it from the
// resource compiled into Salvo, links inside it move within it, a web link goes to the
// person's browser only when clicked, and Escape closes it.

#include <QAction>
#include <QApplication>
#include <QDesktopServices>
#include <QFile>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocumentFragment>

#include <memory>

#include "MainWindow.h"
#include "NetworkIsolation.h"
#include "help/UserGuideWindow.h"

using namespace Qt::StringLiterals;
using salvo::ui::MainWindow;
using salvo::ui::UserGuideWindow;

namespace {

QString guideHtml()
{
    QFile file(u":/help/user-guide.html"_s);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// The headings as a reader sees them, straight from the resource.
QStringList guideHeadings()
{
    static const QRegularExpression heading(u"<h([1-3])>(.*?)</h\\1>"_s,
                                            QRegularExpression::DotMatchesEverythingOption);
    QStringList headings;
    for (const QRegularExpressionMatch &match : heading.globalMatch(guideHtml()))
        headings.append(QTextDocumentFragment::fromHtml(match.captured(2)).toPlainText());
    return headings;
}

} // namespace

class TestUserGuideWindow final : public QObject
{
    Q_OBJECT

public slots:
    // QDesktopServices hands web links here instead of to a browser.
    void openUrl(const QUrl &url) { m_opened.append(url); }

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void helpMenuOpensTheGuideFromTheResource();
    void f1OpensTheGuide();
    void everyLinkInsideTheGuideHasItsPlace();
    void aLinkInsideTheGuideMovesWithinIt();
    void aWebLinkOpensInTheBrowserOnlyWhenClicked();
    void escapeClosesTheGuide();

private:
    UserGuideWindow *guide() const
    {
        return m_window->findChild<UserGuideWindow *>(u"userGuideWindow"_s);
    }
    UserGuideWindow *openFromTheMenu();

    std::unique_ptr<MainWindow> m_window;
    QList<QUrl> m_opened;
};

void TestUserGuideWindow::initTestCase()
{
    for (const QString &scheme : {u"http"_s, u"https"_s, u"mailto"_s, u"file"_s})
        QDesktopServices::setUrlHandler(scheme, this, "openUrl");
    QVERIFY2(guideHeadings().size() >= 10, "the guide's headings could not be read");
}

void TestUserGuideWindow::cleanupTestCase()
{
    for (const QString &scheme : {u"http"_s, u"https"_s, u"mailto"_s, u"file"_s})
        QDesktopServices::unsetUrlHandler(scheme);
}

void TestUserGuideWindow::init()
{
    m_opened.clear();
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestUserGuideWindow::cleanup()
{
    m_window.reset();
}

UserGuideWindow *TestUserGuideWindow::openFromTheMenu()
{
    auto *action = m_window->findChild<QAction *>(u"userGuideAction"_s);
    if (!action)
        return nullptr;
    action->trigger();
    return guide();
}

void TestUserGuideWindow::helpMenuOpensTheGuideFromTheResource()
{
    QVERIFY(!guide());
    UserGuideWindow *window = openFromTheMenu();
    QVERIFY(window);
    QTRY_VERIFY_WITH_TIMEOUT(window->isVisible(), 5000);
    QTextBrowser *browser = window->browser();
    QCOMPARE(browser->source(), QUrl(u"qrc:/help/user-guide.html"_s));
    QCOMPARE(browser->documentTitle(), u"Salvo User Guide"_s);
    const QString text = browser->toPlainText();
    for (const QString &heading : guideHeadings())
        QVERIFY2(text.contains(heading), qPrintable(heading));
    QVERIFY(m_opened.isEmpty()); // opening the guide reached for nothing outside it

    // Every control is named for a screen reader.
    QCOMPARE(browser->accessibleName(), u"User guide"_s);
    auto *close = window->findChild<QPushButton *>(u"userGuideCloseButton"_s);
    QVERIFY(close);
    QVERIFY(!close->accessibleName().isEmpty());
}

void TestUserGuideWindow::f1OpensTheGuide()
{
    auto *action = m_window->findChild<QAction *>(u"userGuideAction"_s);
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::Key_F1));
    m_window->activateWindow();
    QTRY_COMPARE_WITH_TIMEOUT(QApplication::activeWindow(), m_window.get(), 5000);
    QTest::keyClick(m_window.get(), Qt::Key_F1);
    QTRY_VERIFY_WITH_TIMEOUT(guide() && guide()->isVisible(), 5000);
    QVERIFY(guide()->browser()->toPlainText().contains(guideHeadings().constLast()));
}

void TestUserGuideWindow::everyLinkInsideTheGuideHasItsPlace()
{
    const QString html = guideHtml();
    static const QRegularExpression link(u"href=\"#([^\"]+)\""_s);
    int links = 0;
    for (const QRegularExpressionMatch &match : link.globalMatch(html)) {
        ++links;
        const QString place = u"<a name=\"%1\">"_s.arg(match.captured(1));
        QVERIFY2(html.contains(place), qPrintable(place));
    }
    QVERIFY(links >= 10);
    // Nothing in the guide is fetched to show it: no image, style sheet or script from anywhere.
    QVERIFY(!html.contains(u"src="_s));
    QVERIFY(!html.contains(u"<link"_s));
}

void TestUserGuideWindow::aLinkInsideTheGuideMovesWithinIt()
{
    UserGuideWindow *window = openFromTheMenu();
    QVERIFY(window);
    window->resize(600, 400); // shorter than the guide, so moving within it scrolls
    QTextBrowser *browser = window->browser();
    QTRY_VERIFY_WITH_TIMEOUT(browser->verticalScrollBar()->maximum() > 0, 5000);
    QCOMPARE(browser->verticalScrollBar()->value(), 0);

    emit browser->anchorClicked(QUrl(u"#exports"_s)); // as a click on "Exporting results"
    QCOMPARE(browser->source(), QUrl(u"qrc:/help/user-guide.html#exports"_s));
    QTRY_VERIFY_WITH_TIMEOUT(browser->verticalScrollBar()->value() > 0, 5000);
    QVERIFY(m_opened.isEmpty());

    browser->backward(); // the guide keeps its own way back (Alt+Left)
    QCOMPARE(browser->source(), QUrl(u"qrc:/help/user-guide.html"_s));
}

void TestUserGuideWindow::aWebLinkOpensInTheBrowserOnlyWhenClicked()
{
    UserGuideWindow *window = openFromTheMenu();
    QVERIFY(window);
    QTextBrowser *browser = window->browser();
    QVERIFY(m_opened.isEmpty());

    const QUrl web(u"https://example.com/salvo"_s);
    emit browser->anchorClicked(web);
    QCOMPARE(m_opened, QList<QUrl>{web});
    QCOMPARE(browser->source(), QUrl(u"qrc:/help/user-guide.html"_s)); // the guide stays

    // A file on the disk is neither shown in the guide nor handed on.
    emit browser->anchorClicked(QUrl(u"file:///etc/hostname"_s));
    QCOMPARE(m_opened.size(), 1);
    QCOMPARE(browser->source(), QUrl(u"qrc:/help/user-guide.html"_s));
}

void TestUserGuideWindow::escapeClosesTheGuide()
{
    UserGuideWindow *window = openFromTheMenu();
    QVERIFY(window);
    // The keys go to the active window: until the guide is, Escape is the window's Stop.
    // (qWaitForWindowActive asks the platform, which says yes before Qt has switched.)
    QTRY_COMPARE_WITH_TIMEOUT(QApplication::activeWindow(), window, 5000);
    QSignalSpy closed(window, &QDialog::finished);
    QTest::keyClick(window->browser(), Qt::Key_Escape);
    QCOMPARE(closed.count(), 1);
    QVERIFY(!window->isVisible());
    QVERIFY(m_window->isVisible()); // Escape closed the guide, nothing else

    // Opened again, it is the same guide, where it was left.
    QCOMPARE(openFromTheMenu(), window);
    QVERIFY(window->isVisible());
}

int main(int argc, char *argv[])
{
    isolateNetwork();
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // settings in a test location, not the user's
    TestUserGuideWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_userguidewindow.moc"
