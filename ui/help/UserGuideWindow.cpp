#include "UserGuideWindow.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace salvo::ui {

UserGuideWindow::UserGuideWindow(QWidget *parent)
    : QDialog(parent)
    , m_browser(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("userGuideWindow"));
    setWindowTitle(tr("Salvo User Guide"));
    setModal(false);
    resize(760, 680);

    m_browser->setObjectName(QStringLiteral("userGuideText"));
    m_browser->setAccessibleName(tr("User guide"));
    // Salvo follows every link itself: within the guide, or out to the browser on a click.
    // QTextBrowser would otherwise try to show a file:// link in place.
    m_browser->setOpenLinks(false);
    m_browser->setSource(guideUrl(), QTextDocument::HtmlResource);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *close = buttons->button(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("userGuideCloseButton"));
    close->setAccessibleName(tr("Close the user guide"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_browser, &QTextBrowser::anchorClicked, this, &UserGuideWindow::handleLinkClicked);
    m_browser->setFocus();
}

QUrl UserGuideWindow::guideUrl()
{
    return QUrl(QStringLiteral("qrc:/help/user-guide.html"));
}

UserGuideWindow *UserGuideWindow::showFor(QWidget *owner)
{
    auto *window = owner->findChild<UserGuideWindow *>(QString(), Qt::FindDirectChildrenOnly);
    if (!window)
        window = new UserGuideWindow(owner);
    window->show();
    window->raise();
    window->activateWindow();
    return window;
}

void UserGuideWindow::handleLinkClicked(const QUrl &link)
{
    const QUrl target = m_browser->source().resolved(link);
    const QString scheme = target.scheme();
    if (scheme == u"qrc") {
        m_browser->setSource(target, QTextDocument::HtmlResource); // a heading of the guide
        return;
    }
    // Only a click reaches the network, and through the person's own browser or mail program.
    if (scheme == u"http" || scheme == u"https" || scheme == u"mailto")
        QDesktopServices::openUrl(target);
}

} // namespace salvo::ui
