#pragma once

#include <QByteArray>
#include <QStringList>

#include "Expected.h"
#include "NetworkAccess.h"

namespace salvo {

// Reading the certificate files a person names, before a run, so that a file that is not what
// it should be is a sentence then and not a failure on every row.

// Every certificate in the PEM files and folders given (a folder's .pem, .crt and .cer files),
// as one PEM text; or a sentence naming the file that holds none. A certificate authority that
// has expired is a sentence in `warnings`: the run goes on, and the rows it should vouch for
// fail with the certificate's own error.
Expected<QByteArray> readAuthorities(const QStringList &paths, QStringList *warnings);

// The system's certificate authorities, as libcurl finds them (its default bundle), as PEM;
// empty when there is none.
QByteArray systemAuthorities();

// Whether the certificate and key open and belong together: the certificate is PEM or PKCS#12
// as its type says, the passphrase opens the key, and the key is the certificate's. A
// certificate past its date is a sentence in `warnings`.
Expected<> checkClientCertificate(const ClientCertificate &certificate, QStringList *warnings);

} // namespace salvo
