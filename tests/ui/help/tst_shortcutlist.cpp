// shortcutsOf() over a small window made here: menus in order, submenus by their path, an
// action in two menus once, actions and shortcuts outside the menus, and nothing of a child
// window.

#include <QAction>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QShortcut>
#include <QTest>

#include "help/ShortcutList.h"

using namespace Qt::StringLiterals;
using salvo::ui::ShortcutEntry;
using salvo::ui::shortcutsOf;
using salvo::ui::withoutMnemonic;

namespace {

QString native(const QKeySequence &keys)
{
    return keys.toString(QKeySequence::NativeText);
}

} // namespace

class TestShortcutList final : public QObject
{
    Q_OBJECT

private slots:
    void mnemonicsGo_data();
    void mnemonicsGo();
    void readsTheWindowsOwnShortcuts();
};

void TestShortcutList::mnemonicsGo_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("plain");
    QTest::newRow("first letter") << u"&Run"_s << u"Run"_s;
    QTest::newRow("inside") << u"Run selected rows &again"_s << u"Run selected rows again"_s;
    QTest::newRow("an ampersand") << u"Save && &quit"_s << u"Save & quit"_s;
    QTest::newRow("none") << u"Settings..."_s << u"Settings..."_s;
    QTest::newRow("at the end") << u"Odd&"_s << u"Odd&"_s;
}

void TestShortcutList::mnemonicsGo()
{
    QFETCH(QString, text);
    QFETCH(QString, plain);
    QCOMPARE(withoutMnemonic(text), plain);
}

void TestShortcutList::readsTheWindowsOwnShortcuts()
{
    QMainWindow window;
    QMenu *file = window.menuBar()->addMenu(u"&File"_s);
    QAction *open = file->addAction(u"&Open..."_s);
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    file->addAction(u"No keys"_s);
    QMenu *recent = file->addMenu(u"Open &Recent"_s);
    recent->addAction(u"Last file"_s)->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    QMenu *view = window.menuBar()->addMenu(u"&View"_s);
    QAction *find = view->addAction(u"&Find"_s);
    find->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_F), QKeySequence(Qt::Key_F3)});
    view->addAction(open); // in two menus, listed once

    auto *search = new QLineEdit(&window);
    search->setAccessibleName(u"Search box"_s);
    window.setCentralWidget(search);
    auto *clear = new QAction(u"Clear the search"_s, search);
    clear->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    search->addAction(clear);
    auto *remove = new QShortcut(QKeySequence::Delete, search);
    remove->setWhatsThis(u"Remove the selected text"_s);

    // A child window's keys are its own.
    auto *child = new QWidget(&window, Qt::Window);
    auto *next = new QAction(u"Next change"_s, child);
    next->setShortcut(QKeySequence(Qt::Key_F8));
    child->addAction(next);
    new QShortcut(QKeySequence(Qt::Key_F9), child);

    const QList<ShortcutEntry> entries = shortcutsOf(&window);
    QCOMPARE(entries.size(), 5);
    const auto expect
            = [&](int row, const QString &command, const QString &keys, const QString &where) {
                  QCOMPARE(entries.at(row).command, command);
                  QCOMPARE(entries.at(row).keys, keys);
                  QCOMPARE(entries.at(row).where, where);
              };
    expect(0, u"Open..."_s, native(open->shortcut()), u"File"_s);
    expect(1, u"Last file"_s, native(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O)),
           u"File > Open Recent"_s);
    expect(2, u"Find"_s,
           native(QKeySequence(Qt::CTRL | Qt::Key_F)) + u" or "_s
                   + native(QKeySequence(Qt::Key_F3)),
           u"View"_s);
    expect(3, u"Clear the search"_s, native(clear->shortcut()), u"Search box"_s);
    expect(4, u"Remove the selected text"_s, native(remove->key()), u"Search box"_s);
}

QTEST_MAIN(TestShortcutList)
#include "tst_shortcutlist.moc"
