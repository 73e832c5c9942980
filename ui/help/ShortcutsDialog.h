#pragma once

#include <QDialog>

class QTableWidget;

namespace salvo::ui {

// Help > Keyboard Shortcuts: a table of every shortcut of a window, as shortcutsOf() reads
// them from the window when the dialog opens. A screen reader reads it as a table with named
// columns. Modeless; Escape closes it.
class ShortcutsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShortcutsDialog)

public:
    // Lists the shortcuts of window; the dialog is window's child.
    explicit ShortcutsDialog(QWidget *window);

    // Shows the list of window's shortcuts, or brings the one already open to the front.
    static ShortcutsDialog *showFor(QWidget *window);

    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
};

} // namespace salvo::ui
