#include "ShortcutsDialog.h"

#include <algorithm>

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ShortcutList.h"

namespace salvo::ui {
namespace {

enum Column { CommandColumn, KeysColumn, WhereColumn, ColumnCount };

QTableWidgetItem *cell(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

} // namespace

ShortcutsDialog::ShortcutsDialog(QWidget *window)
    : QDialog(window)
    , m_table(new QTableWidget(this))
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    setModal(false);
    setAttribute(Qt::WA_DeleteOnClose);
    resize(620, 520);

    const QList<ShortcutEntry> entries = shortcutsOf(window);
    m_table->setObjectName(QStringLiteral("shortcutsTable"));
    m_table->setAccessibleName(tr("Keyboard shortcuts"));
    m_table->setAccessibleDescription(
            tr("One row for each command: its name, its keys, and its menu or where it works"));
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels({tr("Command"), tr("Keys"), tr("Where")});
    m_table->setRowCount(int(entries.size()));
    for (int row = 0; row < entries.size(); ++row) {
        const ShortcutEntry &entry = entries.at(row);
        m_table->setItem(row, CommandColumn, cell(entry.command));
        m_table->setItem(row, KeysColumn, cell(entry.keys));
        m_table->setItem(row, WhereColumn, cell(entry.where));
    }
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setTabKeyNavigation(false); // Tab leaves the table for the Close button
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->resizeColumnsToContents();
    if (!entries.isEmpty())
        m_table->setCurrentCell(0, CommandColumn);

    auto *note
            = new QLabel(tr("Underlined letters in menus, tabs and labels work with Alt."), this);
    note->setObjectName(QStringLiteral("shortcutsNote"));
    note->setAccessibleName(note->text());
    note->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *close = buttons->button(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("shortcutsCloseButton"));
    close->setAccessibleName(tr("Close the list of keyboard shortcuts"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(note);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_table->setFocus();
}

ShortcutsDialog *ShortcutsDialog::showFor(QWidget *window)
{
    // A list closed a moment ago is hidden until it is deleted: it is not the one shown.
    const QList<ShortcutsDialog *> open
            = window->findChildren<ShortcutsDialog *>(QString(), Qt::FindDirectChildrenOnly);
    const auto shown = std::find_if(open.cbegin(), open.cend(),
                                    [](const ShortcutsDialog *each) { return each->isVisible(); });
    ShortcutsDialog *dialog = shown != open.cend() ? *shown : new ShortcutsDialog(window);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

} // namespace salvo::ui
