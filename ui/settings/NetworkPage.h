#pragma once

#include <QWidget>

#include "network/NetworkAccess.h"

class QButtonGroup;
class QLabel;
class QLineEdit;
class QListWidget;
class QTableWidget;

namespace salvo::ui {

// Settings > Network: the proxy every run goes through, the certificate authorities trusted
// beside the system's, and the client certificate each host asks for. Passwords and
// passphrases are typed here and kept in the keychain, never in the settings file.
class NetworkPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkPage)

public:
    explicit NetworkPage(const NetworkAccess &current, QWidget *parent = nullptr);

    // The proxy and certificates as edited (the sign-in is a batch's, and left out).
    NetworkAccess access() const;
    // Why the settings cannot be used as they stand, in a sentence; empty when they can.
    QString problem() const;

    // Adds a certificate authority's file or folder, or a client certificate's file: what
    // the Add buttons do once the person picked one.
    void addAuthority(const QString &path);
    void addClientCertificate(const QString &host, const QString &certificateFile);

signals:
    void problemChanged(const QString &problem);

private:
    QWidget *buildProxyGroup();
    QWidget *buildAuthoritiesGroup();
    QWidget *buildCertificatesGroup();
    void showAccess(const NetworkAccess &access);
    void appendCertificateRow(const ClientCertificate &certificate);
    void checkProxy();

    QButtonGroup *m_proxyMode;
    QLineEdit *m_proxyUrl;
    QLineEdit *m_proxyUser;
    QLineEdit *m_proxyPassword;
    QLineEdit *m_noProxy;
    QLabel *m_proxyProblem;
    QListWidget *m_authorities;
    QTableWidget *m_certificates;
};

} // namespace salvo::ui
