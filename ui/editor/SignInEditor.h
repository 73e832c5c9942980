#pragma once

#include <QWidget>

#include <optional>

#include "network/NetworkAccess.h"

class QComboBox;
class QFormLayout;
class QLineEdit;

namespace salvo::ui {

// The batch's Sign-in tab: how every request signs in (Basic, a bearer token, an API key, or
// an OAuth2 token fetched with a client id and secret), and the proxy this batch uses instead
// of the one in Settings. The secrets typed here go to the keychain with a saved batch.
class SignInEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInEditor)

public:
    explicit SignInEditor(QWidget *parent = nullptr);

    SignIn signIn() const;
    void setSignIn(const SignIn &signIn);
    // None: as in Settings.
    std::optional<ProxyMode> proxyMode() const;
    void setProxyMode(std::optional<ProxyMode> mode);

signals:
    void changed();

private:
    QLineEdit *addField(const char *objectName, const QString &label, const QString &tip,
                        bool secret = false);
    void showKind();

    QComboBox *m_kind;
    QFormLayout *m_form;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLineEdit *m_token;
    QLineEdit *m_apiKeyName;
    QLineEdit *m_apiKeyValue;
    QComboBox *m_apiKeyPlace;
    QLineEdit *m_tokenUrl;
    QLineEdit *m_clientId;
    QLineEdit *m_clientSecret;
    QLineEdit *m_scope;
    QComboBox *m_proxy;
};

} // namespace salvo::ui
