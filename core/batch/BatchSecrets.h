#pragma once

// A batch's secrets, whatever holds them: the values of its secret headers and its sign-in's
// password, token, API key or client secret. The keychain keeps them by name beside the batch's
// file; files keep only the names.

#include <QByteArrayView>
#include <QList>

#include "BatchInput.h"
#include "result/Result.h"

namespace salvo {

// The sign-in's secrets go by names no header can have (a header name has no space):
// "sign-in password", "sign-in token", "sign-in api key", "sign-in client secret".
bool isSignInSecretName(QByteArrayView name);

// The names of the secrets the sign-in's kind needs.
QList<QByteArray> signInSecretNames(SignInKind kind);

// Every secret of the batch that has a value: its secret headers, then its sign-in's.
HeaderList secretsOf(const BatchInput &input);

// Puts the sign-in secrets among `values` into `signIn`; returns the other values (headers').
HeaderList takeSignInSecrets(SignIn &signIn, const HeaderList &values);

} // namespace salvo
