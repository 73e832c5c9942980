#include "SignInEditor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace salvo::ui {
namespace {

// The proxy box's "as in Settings" item.
constexpr int asInSettings = -1;

} // namespace

SignInEditor::SignInEditor(QWidget *parent)
    : QWidget(parent)
    , m_kind(new QComboBox(this))
    , m_form(new QFormLayout(this))
    , m_apiKeyPlace(new QComboBox(this))
    , m_proxy(new QComboBox(this))
{
    m_kind->setObjectName(QStringLiteral("signInKindBox"));
    m_kind->setAccessibleName(tr("Sign in with"));
    m_kind->addItem(tr("No sign-in"), int(SignInKind::None));
    m_kind->addItem(tr("User and password (Basic)"), int(SignInKind::Basic));
    m_kind->addItem(tr("Bearer token"), int(SignInKind::Bearer));
    m_kind->addItem(tr("API key"), int(SignInKind::ApiKey));
    m_kind->addItem(tr("OAuth2 client credentials"), int(SignInKind::OAuth2ClientCredentials));
    m_form->addRow(m_kind->accessibleName(), m_kind);

    m_user = addField("signInUserBox", tr("User"), {});
    m_password = addField("signInPasswordBox", tr("Password"), {}, true);
    m_token = addField("signInTokenBox", tr("Token"),
                       tr("Sent as Authorization: Bearer and the token"), true);
    m_apiKeyName = addField("apiKeyNameBox", tr("Key name"),
                            tr("The header or query parameter the API reads, such as X-Api-Key"));
    m_apiKeyValue = addField("apiKeyValueBox", tr("Key"), {}, true);
    m_apiKeyPlace->setObjectName(QStringLiteral("apiKeyPlaceBox"));
    m_apiKeyPlace->setAccessibleName(tr("Send the key in"));
    m_apiKeyPlace->addItem(tr("A header"), int(ApiKeyPlace::Header));
    m_apiKeyPlace->addItem(tr("The address's query"), int(ApiKeyPlace::Query));
    m_form->addRow(m_apiKeyPlace->accessibleName(), m_apiKeyPlace);
    m_tokenUrl = addField("tokenUrlBox", tr("Token address"),
                          tr("Where the token is asked for, such as "
                             "https://login.example.com/oauth2/token"));
    m_clientId = addField("clientIdBox", tr("Client id"), {});
    m_clientSecret = addField("clientSecretBox", tr("Client secret"), {}, true);
    m_scope = addField("scopeBox", tr("Scope"), tr("Optional, as the API's documentation says"));

    auto *note = new QLabel(tr("Secrets typed here are kept in this computer's keychain, never in "
                               "a saved batch, the history or an export. They are sent only to "
                               "the addresses of the list, not after a redirect to another "
                               "site."),
                            this);
    note->setWordWrap(true);
    m_form->addRow(note);

    m_proxy->setObjectName(QStringLiteral("batchProxyBox"));
    m_proxy->setAccessibleName(tr("Proxy for this batch"));
    m_proxy->addItem(tr("As in Settings"), asInSettings);
    m_proxy->addItem(tr("The system's proxy"), int(ProxyMode::System));
    m_proxy->addItem(tr("The proxy typed in Settings"), int(ProxyMode::Manual));
    m_proxy->addItem(tr("No proxy: connect directly"), int(ProxyMode::None));
    m_form->addRow(m_proxy->accessibleName(), m_proxy);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &SignInEditor::showKind);
    for (QComboBox *box : {m_kind, m_apiKeyPlace, m_proxy})
        connect(box, &QComboBox::currentIndexChanged, this, &SignInEditor::changed);
    showKind();
}

QLineEdit *SignInEditor::addField(const char *objectName, const QString &label, const QString &tip,
                                  bool secret)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(QLatin1StringView(objectName));
    edit->setAccessibleName(label);
    edit->setToolTip(tip);
    if (secret)
        edit->setEchoMode(QLineEdit::Password);
    m_form->addRow(label, edit);
    connect(edit, &QLineEdit::textChanged, this, &SignInEditor::changed);
    return edit;
}

void SignInEditor::showKind()
{
    const auto kind = SignInKind(m_kind->currentData().toInt());
    const auto show = [this](QWidget *field, bool shown) { m_form->setRowVisible(field, shown); };
    show(m_user, kind == SignInKind::Basic);
    show(m_password, kind == SignInKind::Basic);
    show(m_token, kind == SignInKind::Bearer);
    for (QWidget *field :
         std::initializer_list<QWidget *>{m_apiKeyName, m_apiKeyValue, m_apiKeyPlace})
        show(field, kind == SignInKind::ApiKey);
    for (QLineEdit *field : {m_tokenUrl, m_clientId, m_clientSecret, m_scope})
        show(field, kind == SignInKind::OAuth2ClientCredentials);
}

SignIn SignInEditor::signIn() const
{
    return {.kind = SignInKind(m_kind->currentData().toInt()),
            .user = m_user->text().trimmed(),
            .password = m_password->text(),
            .token = m_token->text().trimmed(),
            .apiKeyName = m_apiKeyName->text().trimmed(),
            .apiKeyValue = m_apiKeyValue->text().trimmed(),
            .apiKeyPlace = ApiKeyPlace(m_apiKeyPlace->currentData().toInt()),
            .tokenUrl = m_tokenUrl->text().trimmed(),
            .clientId = m_clientId->text().trimmed(),
            .clientSecret = m_clientSecret->text(),
            .scope = m_scope->text().trimmed()};
}

void SignInEditor::setSignIn(const SignIn &signIn)
{
    m_kind->setCurrentIndex(m_kind->findData(int(signIn.kind)));
    m_user->setText(signIn.user);
    m_password->setText(signIn.password);
    m_token->setText(signIn.token);
    m_apiKeyName->setText(signIn.apiKeyName);
    m_apiKeyValue->setText(signIn.apiKeyValue);
    m_apiKeyPlace->setCurrentIndex(m_apiKeyPlace->findData(int(signIn.apiKeyPlace)));
    m_tokenUrl->setText(signIn.tokenUrl);
    m_clientId->setText(signIn.clientId);
    m_clientSecret->setText(signIn.clientSecret);
    m_scope->setText(signIn.scope);
}

std::optional<ProxyMode> SignInEditor::proxyMode() const
{
    const int mode = m_proxy->currentData().toInt();
    return mode == asInSettings ? std::nullopt : std::optional(ProxyMode(mode));
}

void SignInEditor::setProxyMode(std::optional<ProxyMode> mode)
{
    m_proxy->setCurrentIndex(m_proxy->findData(mode ? int(*mode) : asInSettings));
}

} // namespace salvo::ui
