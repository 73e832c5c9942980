#pragma once

#include "ImportedRequest.h"
#include "batch/BatchInput.h"

namespace salvo {

// An import as a batch the window and salvo-cli run, save, resume and export like any other: a
// CSV table whose rows differ as the requests do (columns url, and method, headers and body
// where any request has its own; name and group where the import gave them, carried to the
// results as a CSV's own columns). The headers every request sends alike go to the batch's
// Headers, where a secret one is kept in the keychain, not in the table. The import's sign-in
// is the batch's.
BatchInput importedBatch(const ImportedRequests &imported);

// The import's variables as an environment named after it ("Petstore API"; "Imported" when it
// has no name): what the window adds to its environments and chooses for the batch.
Environment importedEnvironment(const ImportedRequests &imported);

// The import's `{name}`s filled from `over` first and then from its own variables, in the
// addresses, headers, bodies and sign-in: what salvo-cli runs and its history keeps whole.
void fillImportedVariables(ImportedRequests &imported, const Environment &over);

// The kinds of lists an import reads, as --from names them.
enum class ImportKind { Curl, Har, Postman, OpenApi };
std::optional<ImportKind> importKindFromName(QStringView name);
// Their names, for the sentence that lists them: "curl, har, postman or openapi".
QString importKindNames();
// The kind the text is, by its content; none for a list, a table or a saved batch.
std::optional<ImportKind> recognizeImport(QByteArrayView text);
// The requests of the text read as that kind.
ImportedRequests importAs(ImportKind kind, QByteArrayView text);

} // namespace salvo
