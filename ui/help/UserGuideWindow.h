#pragma once

// ui/help owns the Help menu's windows: the user guide that ships inside Salvo (a Qt resource,
// so it opens without a network) and the list of the main window's keyboard shortcuts, read
// from its actions.

#include <QDialog>
#include <QUrl>

class QTextBrowser;

namespace salvo::ui {

// The user guide, read from the resource qrc:/help/user-guide.html. Links inside the guide
// move within it; a link to a web page opens in the person's browser, only when clicked.
// Modeless, so the guide can stay open beside the window it explains; Escape closes it.
class UserGuideWindow final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserGuideWindow)

public:
    explicit UserGuideWindow(QWidget *parent = nullptr);

    // Where the guide is: compiled into Salvo.
    static QUrl guideUrl();

    // Shows owner's guide window, made the first time, and brings it to the front. A guide
    // closed and opened again keeps its place.
    static UserGuideWindow *showFor(QWidget *owner);

    QTextBrowser *browser() const { return m_browser; }

private:
    void handleLinkClicked(const QUrl &link);

    QTextBrowser *m_browser;
};

} // namespace salvo::ui
