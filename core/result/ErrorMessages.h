#pragma once

#include <QString>

#include "ErrorKind.h"

namespace salvo {

// What the engine knew when it gave up, so the sentence can be specific.
struct ErrorContext
{
    QString host;
    QString scheme;
    TimeoutKind timeout = TimeoutKind::None;
    qint64 timeoutMs = 0;
    qint64 bytesReceived = 0;
    int redirectLimit = 0;
    QString detail; // the lower layer's own words, used only where nothing better exists
    // The method of a request whose connection closed before any answer and that Salvo does
    // not send again (POST, PATCH): the sentence says why.
    QString notResentMethod;
};

// A sentence a person can act on: what happened, in plain words, and where it helps, what
// to try. Never empty for a kind other than None.
QString describeError(ErrorKind kind, const ErrorContext &context);

// What a result of a run without certificate checks says, in a few words ("certificate not
// checked") and as a sentence.
QString uncheckedCertificatesLabel();
QString uncheckedCertificatesNote();

// What Result::resends means, for a person: the request went out again on a new connection
// because a reused one closed before any answer. Not a retry.
QString resentSentence(int resends);

} // namespace salvo
