#pragma once

#include <QByteArrayView>

#include "ImportedRequest.h"

namespace salvo {

// Whether the text is an OpenAPI or Swagger description: an `openapi:` or `swagger:` key
// near its start, in JSON or YAML.
bool looksLikeOpenApi(QByteArrayView text);

// Each operation of an OpenAPI 3.0 or 3.1, or Swagger 2.0, description (JSON or YAML), once
// per server, as a row:
// - the address is the server's (its variables as `{name}`s, their defaults the import's
//   variables; `{baseUrl}` where the description names none) and the path;
// - path, query, header and cookie parameters take their example or default; a required one
//   with neither is a `{name}` for the rows to fill (a path's stays as written);
// - the body is the request body's example, or one made from its schema, as JSON, a form or
//   the example's own text;
// - the operation's name is its operationId (or summary), its group its first tag;
// - the security the operations share is the batch's sign-in, its secrets left for the
//   person to give.
// A path or operation that cannot be read is skipped with why; `$ref`s to other files are
// named in a warning.
ImportedRequests importOpenApi(QByteArrayView text);

} // namespace salvo
