// Help > Keyboard Shortcuts through the real window, offscreen: the table holds one row for each
// of the window's actions that has keys, with the keys the action really has, reads as a
// table to a screen reader, and closes with Escape.

#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QShortcut>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

#include <memory>

#include "MainWindow.h"
#include "NetworkIsolation.h"
#include "help/ShortcutsDialog.h"

using namespace Qt::StringLiterals;
using salvo::ui::MainWindow;
using salvo::ui::ShortcutsDialog;

namespace {

struct Row
{
    QString command;
    QString keys;
    bool operator==(const Row &) const = default;
};

QString plain(QString menuText)
{
    return menuText.remove(u'&');
}

QString keysOf(const QAction *action)
{
    QStringList keys;
    for (const QKeySequence &sequence : action->shortcuts())
        keys.append(sequence.toString(QKeySequence::NativeText));
    return keys.join(u" or "_s);
}

// What the menus hold, walked here on their own: every action with keys, as a row.
void collectMenu(const QMenu *menu, QList<Row> &rows)
{
    for (const QAction *action : menu->actions()) {
        if (action->menu())
            collectMenu(action->menu(), rows);
        else if (!action->shortcuts().isEmpty())
            rows.append({plain(action->text()), keysOf(action)});
    }
}

QList<Row> tableRows(const QTableWidget *table)
{
    QList<Row> rows;
    for (int row = 0; row < table->rowCount(); ++row)
        rows.append({table->item(row, 0)->text(), table->item(row, 1)->text()});
    return rows;
}

} // namespace

class TestShortcutsDialog final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void listsEveryActionWithItsKeys();
    void readsAsATableToAScreenReader();
    void escapeClosesTheList();

private:
    ShortcutsDialog *openFromTheMenu();

    std::unique_ptr<MainWindow> m_window;
};

void TestShortcutsDialog::init()
{
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestShortcutsDialog::cleanup()
{
    m_window.reset();
}

ShortcutsDialog *TestShortcutsDialog::openFromTheMenu()
{
    auto *action = m_window->findChild<QAction *>(u"keyboardShortcutsAction"_s);
    if (!action)
        return nullptr;
    action->trigger();
    // A list closed a moment ago may wait, hidden, to be deleted: the one shown is the one.
    ShortcutsDialog *shown = nullptr;
    const bool opened = QTest::qWaitFor(
            [&] {
                for (auto *dialog : m_window->findChildren<ShortcutsDialog *>(u"shortcutsDialog"_s))
                    shown = dialog->isVisible() ? dialog : shown;
                return shown != nullptr;
            },
            5000);
    return opened && QTest::qWaitForWindowExposed(shown) ? shown : nullptr;
}

void TestShortcutsDialog::listsEveryActionWithItsKeys()
{
    ShortcutsDialog *dialog = openFromTheMenu();
    QVERIFY(dialog);
    const QList<Row> rows = tableRows(dialog->table());

    // Run's keys, exactly as the Run action has them.
    const auto *run = m_window->findChild<QAction *>(u"runAction"_s);
    QVERIFY(run);
    QVERIFY(!run->shortcut().isEmpty());
    const Row runRow{plain(run->text()), run->shortcut().toString(QKeySequence::NativeText)};
    QVERIFY2(rows.contains(runRow), qPrintable(runRow.keys));

    // Every action of the menus that has keys, once; then the window's own shortcuts (Delete in
    // the Headers table).
    QList<Row> expected;
    for (const QAction *menu : m_window->menuBar()->actions())
        collectMenu(menu->menu(), expected);
    QVERIFY(expected.size() >= 15); // File, Run, View (Alt+1 to Alt+5 among them), Help
    for (const Row &row : std::as_const(expected))
        QVERIFY2(rows.contains(row), qPrintable(row.command + u": "_s + row.keys));
    const auto shortcuts = m_window->findChildren<QShortcut *>();
    QCOMPARE(rows.size(), expected.size() + shortcuts.size());
    for (const QShortcut *shortcut : shortcuts) {
        const Row row{shortcut->whatsThis(), shortcut->key().toString(QKeySequence::NativeText)};
        QVERIFY2(rows.contains(row), qPrintable(row.command));
    }

    const auto *guide = m_window->findChild<QAction *>(u"userGuideAction"_s);
    QVERIFY(guide);
    QVERIFY(rows.contains(Row{plain(guide->text()), keysOf(guide)}));
}

void TestShortcutsDialog::readsAsATableToAScreenReader()
{
    ShortcutsDialog *dialog = openFromTheMenu();
    QVERIFY(dialog);
    QTableWidget *table = dialog->table();
    QCOMPARE(table->accessibleName(), u"Keyboard shortcuts"_s);
    QCOMPARE(table->horizontalHeaderItem(0)->text(), u"Command"_s);
    QCOMPARE(table->horizontalHeaderItem(1)->text(), u"Keys"_s);

    QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(table);
    QVERIFY(accessible);
    QCOMPARE(accessible->role(), QAccessible::Table);
    QCOMPARE(accessible->text(QAccessible::Name), u"Keyboard shortcuts"_s);
    QAccessibleTableInterface *cells = accessible->tableInterface();
    QVERIFY(cells);
    QCOMPARE(cells->rowCount(), table->rowCount());
    QCOMPARE(cells->columnCount(), 3);
    QAccessibleInterface *firstKeys = cells->cellAt(0, 1);
    QVERIFY(firstKeys);
    QCOMPARE(firstKeys->text(QAccessible::Name), table->item(0, 1)->text());

    auto *close = dialog->findChild<QPushButton *>(u"shortcutsCloseButton"_s);
    QVERIFY(close);
    QVERIFY(!close->accessibleName().isEmpty());
}

void TestShortcutsDialog::escapeClosesTheList()
{
    ShortcutsDialog *dialog = openFromTheMenu();
    QVERIFY(dialog);
    // The keys go to the active window: until the list is, Escape is the window's Stop.
    QTRY_COMPARE_WITH_TIMEOUT(QApplication::activeWindow(), dialog, 5000);
    const QPointer<ShortcutsDialog> watched = dialog;
    QSignalSpy closed(dialog, &QDialog::finished);
    QTest::keyClick(dialog->table(), Qt::Key_Escape);
    QCOMPARE(closed.count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(watched.isNull(), 5000); // closed, and let go
    QVERIFY(m_window->isVisible()); // Escape closed the list, nothing else

    // Opened again, the list is read from the window afresh.
    ShortcutsDialog *again = openFromTheMenu();
    QVERIFY(again);
    QVERIFY(again->isVisible());
}

int main(int argc, char *argv[])
{
    isolateNetwork();
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // settings in a test location, not the user's
    TestShortcutsDialog test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_shortcutsdialog.moc"
