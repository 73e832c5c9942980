#include "ShortcutList.h"

#include <algorithm>

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QShortcut>

#include "Translate.h"

namespace salvo::ui {
namespace {

SALVO_FILE_TR("salvo::ui::ShortcutList")

QString keysText(const QList<QKeySequence> &sequences)
{
    QStringList keys;
    for (const QKeySequence &sequence : sequences) {
        if (!sequence.isEmpty())
            keys.append(sequence.toString(QKeySequence::NativeText));
    }
    return keys.join(tr(" or "));
}

// A menu is a popup, a window of its own: the window whose keys a widget's are is the one the
// widget sits in, and actions reach a menu only through the menu bar walked below.
bool isInWindow(const QObject *object, const QWidget *window)
{
    const auto *widget = qobject_cast<const QWidget *>(object);
    return widget && !qobject_cast<const QMenu *>(widget) && widget->window() == window;
}

class Collector
{
public:
    explicit Collector(const QWidget *window)
        : m_window(window)
    { }

    void addMenu(const QMenu *menu, const QString &where)
    {
        for (QAction *action : menu->actions()) {
            if (action->isSeparator())
                continue;
            if (const QMenu *submenu = action->menu()) {
                addMenu(submenu, where + QStringLiteral(" > ") + withoutMnemonic(action->text()));
                continue;
            }
            addAction(action, where);
        }
    }

    // Actions added to a widget of the window rather than to a menu.
    void addOtherActions()
    {
        for (QAction *action : m_window->findChildren<QAction *>()) {
            const QList<QObject *> places = action->associatedObjects();
            const auto place = std::find_if(places.cbegin(), places.cend(),
                                            [this](QObject *p) { return isInWindow(p, m_window); });
            if (place != places.cend())
                addAction(action, qobject_cast<const QWidget *>(*place)->accessibleName());
        }
    }

    void addShortcuts()
    {
        for (const QShortcut *shortcut : m_window->findChildren<QShortcut *>()) {
            const auto *widget = qobject_cast<const QWidget *>(shortcut->parent());
            const QString keys = keysText(shortcut->keys());
            if (keys.isEmpty() || !isInWindow(widget, m_window) || !shortcut->isEnabled())
                continue;
            const QString where = widget->accessibleName();
            m_entries.append(
                    {shortcut->whatsThis().isEmpty() ? where : shortcut->whatsThis(), keys, where});
        }
    }

    QList<ShortcutEntry> entries() const { return m_entries; }

private:
    void addAction(const QAction *action, const QString &where)
    {
        const QString keys = keysText(action->shortcuts());
        if (keys.isEmpty() || m_seen.contains(action))
            return;
        m_seen.insert(action);
        m_entries.append({withoutMnemonic(action->text()), keys, where});
    }

    const QWidget *m_window;
    QList<ShortcutEntry> m_entries;
    QSet<const QAction *> m_seen;
};

} // namespace

QList<ShortcutEntry> shortcutsOf(const QWidget *window)
{
    Collector collector(window);
    if (const auto *bar = window->findChild<QMenuBar *>(QString(), Qt::FindDirectChildrenOnly)) {
        for (const QAction *menuAction : bar->actions()) {
            if (const QMenu *menu = menuAction->menu())
                collector.addMenu(menu, withoutMnemonic(menuAction->text()));
        }
    }
    collector.addOtherActions();
    collector.addShortcuts();
    return collector.entries();
}

QString withoutMnemonic(const QString &text)
{
    QString plain;
    plain.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == u'&' && i + 1 < text.size())
            ++i; // the letter after '&' is kept; after "&&", the second '&'
        plain.append(text.at(i));
    }
    return plain;
}

} // namespace salvo::ui
