#pragma once

#include <QList>
#include <QString>

class QWidget;

namespace salvo::ui {

// One command of a window that has keys.
struct ShortcutEntry
{
    QString command; // as its menu shows it, without the '&' of its mnemonic
    QString keys; // in the platform's words ("Ctrl+Return"); several joined by " or "
    QString where; // the menu it is in, or the part of the window where the keys work
};

// Every shortcut a window has, read from the window itself so the list cannot go stale: the
// actions of its menu bar, menu by menu in menu order, then any other action or QShortcut of
// the window. An action in two menus is listed once. Shortcuts of the window's own child
// windows (a comparison, a dialog) are not the window's and are left out.
QList<ShortcutEntry> shortcutsOf(const QWidget *window);

// A menu text as a person reads it: "Run selected rows &again" -> "Run selected rows again";
// "&&" stays one '&'.
QString withoutMnemonic(const QString &text);

} // namespace salvo::ui
