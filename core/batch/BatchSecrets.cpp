#include "BatchSecrets.h"

#include "SecretHeaders.h"

namespace salvo {
namespace {

constexpr auto passwordName = "sign-in password";
constexpr auto tokenName = "sign-in token";
constexpr auto apiKeyName = "sign-in api key";
constexpr auto clientSecretName = "sign-in client secret";

// Where each name's value lives in a sign-in.
QString *fieldFor(SignIn &signIn, QByteArrayView name)
{
    if (name == passwordName)
        return &signIn.password;
    if (name == tokenName)
        return &signIn.token;
    if (name == apiKeyName)
        return &signIn.apiKeyValue;
    if (name == clientSecretName)
        return &signIn.clientSecret;
    return nullptr;
}

} // namespace

bool isSignInSecretName(QByteArrayView name)
{
    SignIn any;
    return fieldFor(any, name) != nullptr;
}

QList<QByteArray> signInSecretNames(SignInKind kind)
{
    switch (kind) {
    case SignInKind::None:
        return {};
    case SignInKind::Basic:
        return {passwordName};
    case SignInKind::Bearer:
        return {tokenName};
    case SignInKind::ApiKey:
        return {apiKeyName};
    case SignInKind::OAuth2ClientCredentials:
        return {clientSecretName};
    }
    return {};
}

HeaderList secretsOf(const BatchInput &input)
{
    HeaderList secrets = splitSecretHeaders(input.headers).secret;
    SignIn signIn = input.signIn;
    for (const QByteArray &name : signInSecretNames(signIn.kind)) {
        if (const QString *value = fieldFor(signIn, name); !value->isEmpty())
            secrets.append({name, value->toUtf8()});
    }
    return secrets;
}

HeaderList takeSignInSecrets(SignIn &signIn, const HeaderList &values)
{
    HeaderList others;
    for (const auto &[name, value] : values) {
        if (QString *field = fieldFor(signIn, name))
            *field = QString::fromUtf8(value);
        else
            others.append({name, value});
    }
    return others;
}

} // namespace salvo
