#include "ErrorBanner.h"

#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QToolButton>

#include "result/ErrorMessages.h"
#include "result/Result.h"

namespace salvo::ui {

ErrorBanner::ErrorBanner(QWidget *parent)
    : QFrame(parent)
    , m_sentence(new QLabel(this))
    , m_detailsButton(new QToolButton(this))
    , m_details(new QLabel(this))
{
    setObjectName(QStringLiteral("errorBanner"));
    setFrameShape(QFrame::StyledPanel);
    // The palette's own highlight of trouble, so dark palettes keep their contrast.
    setAutoFillBackground(true);
    QPalette tinted = palette();
    const QColor base = tinted.color(QPalette::Window);
    const QColor red(200, 40, 40);
    tinted.setColor(QPalette::Window,
                    QColor::fromRgbF(base.redF() * 0.85 + red.redF() * 0.15,
                                     base.greenF() * 0.85 + red.greenF() * 0.15,
                                     base.blueF() * 0.85 + red.blueF() * 0.15));
    setPalette(tinted);

    m_sentence->setObjectName(QStringLiteral("errorSentence"));
    m_sentence->setAccessibleName(tr("What went wrong"));
    m_sentence->setWordWrap(true);
    m_sentence->setTextFormat(Qt::PlainText); // a server's words are data, never markup
    m_sentence->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_sentence->font();
    bold.setBold(true);
    m_sentence->setFont(bold);

    m_detailsButton->setObjectName(QStringLiteral("errorDetailsButton"));
    m_detailsButton->setText(tr("Technical details"));
    m_detailsButton->setToolTip(tr("Shows the error as the network library reported it"));
    m_detailsButton->setCheckable(true);
    m_detailsButton->setAutoRaise(true);
    m_detailsButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_detailsButton->setArrowType(Qt::RightArrow);

    m_details->setObjectName(QStringLiteral("errorDetails"));
    m_details->setAccessibleName(tr("Technical details of the error"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->hide();

    auto *layout = new QGridLayout(this);
    layout->addWidget(m_sentence, 0, 0);
    layout->addWidget(m_detailsButton, 0, 1, Qt::AlignTop);
    layout->addWidget(m_details, 1, 0, 1, 2);
    layout->setColumnStretch(0, 1);

    connect(m_detailsButton, &QToolButton::toggled, this, [this](bool shown) {
        m_details->setVisible(shown);
        m_detailsButton->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    });
    hide();
}

void ErrorBanner::showResult(const Result &result)
{
    if (result.error == ErrorKind::None) {
        hide();
        return;
    }
    m_sentence->setText(result.message.isEmpty() ? errorKindLabel(result.error) : result.message);
    QStringList lines{tr("Error kind: %1").arg(errorKindName(result.error))};
    if (!result.detail.isEmpty())
        lines.append(result.detail);
    if (result.attempts > 1)
        lines.append(tr("Attempts: %1").arg(result.attempts));
    if (result.resends > 0)
        lines.append(resentSentence(result.resends));
    if (!result.redirects.isEmpty())
        lines.append(tr("Last redirect: %1").arg(result.redirects.constLast()));
    m_details->setText(lines.join(u'\n'));
    show();
}

} // namespace salvo::ui
