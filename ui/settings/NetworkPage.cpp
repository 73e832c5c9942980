#include "NetworkPage.h"

#include <QButtonGroup>
#include <array>
#include <tuple>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "network/RunAccess.h"

namespace salvo::ui {
namespace {

enum CertificateColumn { HostColumn, FileColumn, KeyColumn, TypeColumn, PassphraseColumn };

QLineEdit *lineEdit(const char *objectName, const QString &name, const QString &tip,
                    QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1StringView(objectName));
    edit->setAccessibleName(name);
    edit->setToolTip(tip);
    edit->setClearButtonEnabled(true);
    return edit;
}

QPushButton *button(const QString &text, const char *objectName, QWidget *parent)
{
    auto *made = new QPushButton(text, parent);
    made->setObjectName(QLatin1StringView(objectName));
    return made;
}

QString cellText(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

} // namespace

NetworkPage::NetworkPage(const NetworkAccess &current, QWidget *parent)
    : QWidget(parent)
    , m_proxyMode(new QButtonGroup(this))
    , m_proxyUrl(lineEdit("proxyUrlBox", tr("Proxy address"),
                          tr("http://proxy.example.com:3128, or socks5://host:1080"), this))
    , m_proxyUser(lineEdit("proxyUserBox", tr("User"),
                           tr("Leave empty when the proxy does not "
                              "ask you to sign in"),
                           this))
    , m_proxyPassword(lineEdit("proxyPasswordBox", tr("Password"),
                               tr("Kept in this computer's keychain, never in a file"), this))
    , m_noProxy(lineEdit("noProxyBox", tr("No proxy for"),
                         tr("Hosts reached directly, separated by commas: localhost, "
                            ".internal.example.com, 10.0.0.0/8; * for all"),
                         this))
    , m_proxyProblem(new QLabel(this))
    , m_authorities(new QListWidget(this))
    , m_certificates(new QTableWidget(0, 5, this))
{
    m_proxyPassword->setEchoMode(QLineEdit::Password);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildProxyGroup());
    layout->addWidget(buildAuthoritiesGroup());
    layout->addWidget(buildCertificatesGroup(), 1);
    showAccess(current);
}

QWidget *NetworkPage::buildProxyGroup()
{
    auto *group = new QGroupBox(tr("Proxy"), this);
    const std::array modes{
            std::tuple{ProxyMode::System, tr("Use the system's proxy"), "proxySystem"},
            std::tuple{ProxyMode::Manual, tr("Use this proxy:"), "proxyManual"},
            std::tuple{ProxyMode::None, tr("No proxy: connect directly"), "proxyNone"}};
    auto *form = new QFormLayout(group);
    for (const auto &[mode, text, name] : modes) {
        auto *radio = new QRadioButton(text, group);
        radio->setObjectName(QLatin1StringView(name));
        m_proxyMode->addButton(radio, int(mode));
        form->addRow(radio);
    }
    m_proxyMode->button(int(ProxyMode::System))
            ->setToolTip(tr("The http_proxy, https_proxy and no_proxy of the environment, as "
                            "your desktop sets them"));
    m_proxyUrl->setPlaceholderText(QStringLiteral("http://proxy.example.com:3128"));
    form->addRow(m_proxyUrl->accessibleName(), m_proxyUrl);
    form->addRow(m_proxyUser->accessibleName(), m_proxyUser);
    form->addRow(m_proxyPassword->accessibleName(), m_proxyPassword);
    form->addRow(m_noProxy->accessibleName(), m_noProxy);
    m_proxyProblem->setObjectName(QStringLiteral("proxyProblem"));
    m_proxyProblem->setWordWrap(true);
    m_proxyProblem->hide();
    form->addRow(m_proxyProblem);
    connect(m_proxyMode, &QButtonGroup::idToggled, this, &NetworkPage::checkProxy);
    for (QLineEdit *edit : {m_proxyUrl, m_proxyUser, m_proxyPassword, m_noProxy})
        connect(edit, &QLineEdit::textChanged, this, &NetworkPage::checkProxy);
    return group;
}

QWidget *NetworkPage::buildAuthoritiesGroup()
{
    auto *group = new QGroupBox(tr("Certificate authorities trusted besides the system's"), this);
    m_authorities->setObjectName(QStringLiteral("authoritiesList"));
    m_authorities->setAccessibleName(group->title());
    m_authorities->setToolTip(tr("Your company's authority, as a PEM file or a folder of them: "
                                 "its sites are then trusted without turning checks off"));
    m_authorities->setMaximumHeight(m_authorities->fontMetrics().height() * 5);
    QPushButton *addFile = button(tr("Add file..."), "addAuthorityButton", group);
    QPushButton *remove = button(tr("Remove"), "removeAuthorityButton", group);
    connect(addFile, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
                this, tr("Certificate authority"), {},
                tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
        if (!file.isEmpty())
            addAuthority(file);
    });
    connect(remove, &QPushButton::clicked, this, [this] { delete m_authorities->currentItem(); });
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(addFile);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto *layout = new QHBoxLayout(group);
    layout->addWidget(m_authorities, 1);
    layout->addLayout(buttons);
    return group;
}

QWidget *NetworkPage::buildCertificatesGroup()
{
    auto *group = new QGroupBox(tr("Client certificates"), this);
    m_certificates->setObjectName(QStringLiteral("clientCertificatesTable"));
    m_certificates->setAccessibleName(group->title());
    m_certificates->setHorizontalHeaderLabels(
            {tr("Host"), tr("Certificate file"), tr("Key file"), tr("Type"), tr("Passphrase")});
    m_certificates->setToolTip(tr("The certificate each host asks for (an empty host: every "
                                  "host). The key file is empty when the key is in the "
                                  "certificate's file. Passphrases stay in the keychain."));
    m_certificates->horizontalHeader()->setStretchLastSection(true);
    m_certificates->verticalHeader()->hide();
    QPushButton *add = button(tr("Add..."), "addCertificateButton", group);
    QPushButton *remove = button(tr("Remove"), "removeCertificateButton", group);
    connect(add, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
                this, tr("Client certificate"), {},
                tr("Certificates (*.pem *.crt *.p12 *.pfx);;All files (*)"));
        if (!file.isEmpty())
            addClientCertificate({}, file);
    });
    connect(remove, &QPushButton::clicked, this,
            [this] { m_certificates->removeRow(m_certificates->currentRow()); });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(group);
    layout->addWidget(m_certificates, 1);
    layout->addLayout(buttons);
    return group;
}

void NetworkPage::addAuthority(const QString &path)
{
    if (m_authorities->findItems(path, Qt::MatchExactly).isEmpty())
        m_authorities->addItem(path);
}

void NetworkPage::addClientCertificate(const QString &host, const QString &certificateFile)
{
    const QString suffix = QFileInfo(certificateFile).suffix().toLower();
    appendCertificateRow({.host = host,
                          .certificateFile = certificateFile,
                          .type = suffix == u"p12" || suffix == u"pfx" ? CertificateType::P12
                                                                       : CertificateType::Pem});
    m_certificates->setCurrentCell(m_certificates->rowCount() - 1, HostColumn);
}

void NetworkPage::appendCertificateRow(const ClientCertificate &certificate)
{
    const int row = m_certificates->rowCount();
    m_certificates->insertRow(row);
    m_certificates->setItem(row, HostColumn, new QTableWidgetItem(certificate.host));
    m_certificates->setItem(row, FileColumn, new QTableWidgetItem(certificate.certificateFile));
    m_certificates->setItem(row, KeyColumn, new QTableWidgetItem(certificate.keyFile));
    auto *type = new QComboBox(m_certificates);
    type->setAccessibleName(tr("Certificate type"));
    type->addItem(QStringLiteral("PEM"), int(CertificateType::Pem));
    type->addItem(QStringLiteral("PKCS#12"), int(CertificateType::P12));
    type->setCurrentIndex(type->findData(int(certificate.type)));
    m_certificates->setCellWidget(row, TypeColumn, type);
    auto *passphrase = new QLineEdit(certificate.passphrase, m_certificates);
    passphrase->setAccessibleName(tr("Passphrase"));
    passphrase->setEchoMode(QLineEdit::Password);
    m_certificates->setCellWidget(row, PassphraseColumn, passphrase);
}

void NetworkPage::showAccess(const NetworkAccess &access)
{
    m_proxyMode->button(int(access.proxy.mode))->setChecked(true);
    m_proxyUrl->setText(access.proxy.url);
    m_proxyUser->setText(access.proxy.user);
    m_proxyPassword->setText(access.proxy.password);
    m_noProxy->setText(access.proxy.noProxy);
    m_authorities->addItems(access.tls.extraAuthorities);
    for (const ClientCertificate &certificate : access.tls.clientCertificates)
        appendCertificateRow(certificate);
    checkProxy();
}

NetworkAccess NetworkPage::access() const
{
    NetworkAccess access;
    access.proxy = {.mode = ProxyMode(m_proxyMode->checkedId()),
                    .url = m_proxyUrl->text().trimmed(),
                    .user = m_proxyUser->text().trimmed(),
                    .password = m_proxyPassword->text(),
                    .noProxy = m_noProxy->text().trimmed()};
    for (int row = 0; row < m_authorities->count(); ++row)
        access.tls.extraAuthorities.append(m_authorities->item(row)->text());
    for (int row = 0; row < m_certificates->rowCount(); ++row) {
        const auto *type = qobject_cast<QComboBox *>(m_certificates->cellWidget(row, TypeColumn));
        const auto *passphrase
                = qobject_cast<QLineEdit *>(m_certificates->cellWidget(row, PassphraseColumn));
        ClientCertificate certificate{.host = cellText(m_certificates, row, HostColumn),
                                      .certificateFile = cellText(m_certificates, row, FileColumn),
                                      .keyFile = cellText(m_certificates, row, KeyColumn),
                                      .type = CertificateType(type->currentData().toInt()),
                                      .passphrase = passphrase->text()};
        if (!certificate.certificateFile.isEmpty())
            access.tls.clientCertificates.append(certificate);
    }
    return access;
}

QString NetworkPage::problem() const
{
    const Expected<> checked = checkProxySettings(access().proxy);
    return checked ? QString() : checked.error().message;
}

void NetworkPage::checkProxy()
{
    const bool manual = m_proxyMode->checkedId() == int(ProxyMode::Manual);
    for (QLineEdit *edit : {m_proxyUrl, m_proxyUser, m_proxyPassword})
        edit->setEnabled(manual);
    m_noProxy->setEnabled(m_proxyMode->checkedId() != int(ProxyMode::None));
    const QString now = problem();
    m_proxyProblem->setText(now);
    m_proxyProblem->setVisible(!now.isEmpty());
    emit problemChanged(now);
}

} // namespace salvo::ui
