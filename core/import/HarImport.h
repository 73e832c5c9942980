#pragma once

#include <QByteArrayView>
#include <QMap>
#include <QStringList>

#include "ImportedRequest.h"

namespace salvo {

// Which entries of a HAR file become rows, as the import dialog chooses them.
struct HarChoice
{
    QStringList domains; // hosts to take; empty: every host
    QStringList types; // kinds to take ("document", "xhr", "image"...); empty: every kind
    bool keepCookies = false; // the Cookie headers the browser sent
};

// What a HAR file holds, for the dialog to offer: entries by host and by kind.
struct HarContents
{
    QMap<QString, int> domains;
    QMap<QString, int> types;
    int entries = 0;
};

// Whether the text is a HAR log: a JSON object with log.entries.
bool looksLikeHar(QByteArrayView text);

// The hosts and kinds of the entries that can be sent, and how many entries there are; an
// empty HarContents for text that is not HAR.
HarContents harContents(QByteArrayView text);

// Each entry of a HAR 1.2 log (as any browser's developer tools save it) as a request: its
// method, address, headers and posted body. HTTP/2's pseudo-headers, the headers the
// connection makes (Host, Content-Length, Connection...) and, unless chosen, cookies are left
// out. An entry that is not a request Salvo can send (a data: or blob: address, a WebSocket)
// is skipped with why; one left out by the choice is counted, not listed.
ImportedRequests importHar(QByteArrayView text, const HarChoice &choice = {});

} // namespace salvo
