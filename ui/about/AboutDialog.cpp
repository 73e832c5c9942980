#include "AboutDialog.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSysInfo>
#include <QTimer>
#include <QVBoxLayout>

namespace salvo::ui {
namespace {

// Set for this file by ui/CMakeLists.txt from the QCoro package found at configure time.
#ifdef SALVO_QCORO_VERSION
constexpr auto qcoroVersion = QLatin1StringView(SALVO_QCORO_VERSION);
#else
constexpr auto qcoroVersion = QLatin1StringView("unknown");
#endif

constexpr int copiedFeedbackMs = 2000;

} // namespace

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Salvo"));

    auto *name = new QLabel(tr("Salvo"), this);
    QFont nameFont = name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.6);
    nameFont.setBold(true);
    name->setFont(nameFont);

    auto *version = new QLabel(tr("Version %1").arg(QLatin1StringView(SALVO_VERSION)), this);
    version->setObjectName(QStringLiteral("aboutVersion"));
    version->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *description = new QLabel(tr("Sends a list of web addresses many at a time and shows "
                                      "what each one answered, how fast, and what went wrong."),
                                   this);
    description->setWordWrap(true);

    auto *libraries = new QLabel(tr("Runs on Qt %1 (built with Qt %2) and uses QCoro %3.")
                                         .arg(QLatin1StringView(qVersion()),
                                              QLatin1StringView(QT_VERSION_STR), qcoroVersion),
                                 this);
    libraries->setObjectName(QStringLiteral("aboutLibraries"));
    libraries->setWordWrap(true);
    libraries->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Qt Charts is available under the GPL 3.0 only (or a commercial licence), which binds
    // the whole program.
    auto *licence = new QLabel(
            tr("Salvo is free software: you may share and change it under the <a "
               "href=\"https://www.gnu.org/licenses/gpl-3.0.html\">GNU General Public "
               "License</a>, version 3 or (at your option) any later version "
               "(GPL-3.0-or-later), because it uses Qt Charts, which is licensed under the "
               "GPL 3.0. It comes with no warranty."),
            this);
    licence->setObjectName(QStringLiteral("aboutLicence"));
    licence->setWordWrap(true);
    licence->setTextFormat(Qt::RichText);
    licence->setOpenExternalLinks(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_copy = buttons->addButton(tr("Copy version info"), QDialogButtonBox::ActionRole);
    m_copy->setObjectName(QStringLiteral("copyVersionInfoButton"));
    m_copy->setToolTip(tr("Copy the versions of Salvo, Qt and your system, to paste into a "
                          "bug report"));
    auto *aboutQt = buttons->addButton(tr("About Qt"), QDialogButtonBox::HelpRole);
    aboutQt->setObjectName(QStringLiteral("aboutQtButton"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(name);
    layout->addWidget(version);
    layout->addWidget(description);
    layout->addWidget(libraries);
    layout->addWidget(licence);
    layout->addStretch();
    layout->addWidget(buttons);
    setMinimumWidth(420);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_copy, &QPushButton::clicked, this, &AboutDialog::handleCopyClicked);
    connect(aboutQt, &QPushButton::clicked, this, [this] { QMessageBox::aboutQt(this); });
}

QString AboutDialog::versionInfo()
{
    return QStringLiteral("Salvo %1\nQt %2 (built with %3)\nQCoro %4\nSystem: %5 (%6 %7, %8)\n"
                          "Platform: %9")
            .arg(QLatin1StringView(SALVO_VERSION), QLatin1StringView(qVersion()),
                 QLatin1StringView(QT_VERSION_STR), qcoroVersion, QSysInfo::prettyProductName(),
                 QSysInfo::kernelType(), QSysInfo::kernelVersion(),
                 QSysInfo::currentCpuArchitecture(), QGuiApplication::platformName());
}

void AboutDialog::handleCopyClicked()
{
    QGuiApplication::clipboard()->setText(versionInfo());
    // Nothing else on screen changes, so the button says the click worked.
    m_copy->setText(tr("Copied"));
    QTimer::singleShot(copiedFeedbackMs, this,
                       [this] { m_copy->setText(tr("Copy version info")); });
}

} // namespace salvo::ui
