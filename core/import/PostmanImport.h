#pragma once

#include <QByteArrayView>

#include "ImportedRequest.h"

namespace salvo {

// Whether the text is a Postman collection: a JSON object with info and item.
bool looksLikePostmanCollection(QByteArrayView text);

// Each request of a Postman collection (v2.1 or v2.0, as Postman exports them) as a row:
// - folders become the rows' group ("Users/Admin") and each item's name its name;
// - `{{name}}` becomes Salvo's `{name}`, and the collection's variables the import's
//   variables; Postman's dynamic ones (`{{$guid}}`) are left as written, with a warning;
// - a path's `:id` becomes its value when the request gives one, `{id}` when not;
// - bodies: raw (with the Content-Type its language implies), urlencoded, form-data (text
//   fields), GraphQL; a file body or file field is left out with a warning;
// - auth, inherited from folders and the collection as Postman does: when every request signs
//   in alike, the batch's sign-in (Basic, bearer, API key, OAuth2 client credentials); when
//   they differ, each request's own header or query parameter where it has one;
// - pre-request and test scripts are named as not run.
// An item that cannot be sent is skipped with why.
ImportedRequests importPostman(QByteArrayView text);

} // namespace salvo
