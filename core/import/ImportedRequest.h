#pragma once

// core/import reads lists people already have elsewhere (curl commands, HAR files, Postman
// collections, OpenAPI descriptions, sitemaps) into requests. Each importer is total: what it
// cannot take is a SkippedItem with its reason, never dropped in silence.

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

#include "network/NetworkAccess.h"
#include "result/Result.h"

namespace salvo {

// One request as an import found it: each may differ from the others in method, headers
// and body.
struct ImportedRequest
{
    QString name; // a collection item's or entry's own name; empty: none
    QString group; // the folders it sits in, "Users/Admin"; empty: none
    QByteArray method = QByteArrayLiteral("GET");
    QString url;
    HeaderList headers;
    std::optional<QByteArray> body;

    friend bool operator==(const ImportedRequest &, const ImportedRequest &) = default;
};

// Something of the input that did not become a request, and why, in words.
struct SkippedItem
{
    QString where; // "command 3 (line 7)", "entry 12"
    QString reason;

    friend bool operator==(const SkippedItem &, const SkippedItem &) = default;
};

struct ImportedRequests
{
    QList<ImportedRequest> requests;
    QList<SkippedItem> skipped;
    // What was taken but not wholly: options not understood, settings left out.
    QStringList warnings;
    // The input's own name (a collection's, an API's title); empty: none.
    QString title;
    // Values the input gives its `{name}`s (a collection's variables, an API's server
    // variables), in its order: the environment the batch is run with.
    QList<std::pair<QString, QString>> variables;
    // How the requests sign in, where the input says one way for all.
    SignIn signIn;
};

} // namespace salvo
