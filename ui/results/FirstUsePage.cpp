#include "FirstUsePage.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace salvo::ui {

FirstUsePage::FirstUsePage(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("firstUsePage"));
    auto *layout = new QVBoxLayout(this);
    auto *explanation = new QLabel(tr("Paste a list of web addresses on the left and press "
                                      "Run: Salvo requests them all at once and shows every "
                                      "answer here."),
                                   this);
    explanation->setWordWrap(true);
    explanation->setAlignment(Qt::AlignCenter);
    auto *sampleButton = new QPushButton(tr("Try a sample batch"), this);
    sampleButton->setObjectName(QStringLiteral("sampleButton"));
    sampleButton->setToolTip(tr("Runs a small batch against a test server inside Salvo: no "
                                "network needed"));
    connect(sampleButton, &QPushButton::clicked, this, &FirstUsePage::sampleRequested);
    layout->addStretch();
    layout->addWidget(explanation);
    layout->addWidget(sampleButton, 0, Qt::AlignHCenter);
    layout->addStretch();
}

} // namespace salvo::ui
