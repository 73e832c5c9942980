#include "ShownRunCaption.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace salvo::ui {

ShownRunCaption::ShownRunCaption(QWidget *parent)
    : QWidget(parent)
    , m_text(new QLabel(this))
    , m_load(new QPushButton(tr("Put its list in the editor"), this))
{
    setObjectName(QStringLiteral("shownRunCaption"));
    m_text->setObjectName(QStringLiteral("shownRunText"));
    m_text->setAccessibleName(tr("Which run the table shows"));
    m_text->setTextFormat(Qt::PlainText); // batch names come from files
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_load->setObjectName(QStringLiteral("loadShownBatchButton"));
    m_load->setAccessibleName(tr("Put the shown run's list in the editor"));
    m_load->setToolTip(tr("Replaces the list, headers and body in the editor with the ones this "
                          "run sent, so that Run runs it again"));
    m_load->hide();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_load);
    connect(m_load, &QPushButton::clicked, this, &ShownRunCaption::loadRequested);
    hide();
}

void ShownRunCaption::showText(const QString &text, bool offerToLoad)
{
    m_text->setText(text);
    m_load->setVisible(offerToLoad);
    setVisible(!text.isEmpty());
}

QString ShownRunCaption::text() const
{
    return m_text->text();
}

} // namespace salvo::ui
