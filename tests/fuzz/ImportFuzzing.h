#pragma once

// What every importer promises, whatever it is given: each request it makes goes to an
// address with a method; what it does not take is skipped with a reason in words; and the batch
// it becomes has exactly one row per request.

#include "FuzzTarget.h"

#include "batch/BatchInput.h"
#include "import/ImportedBatch.h"

namespace salvo::fuzz {

inline void checkImport(const ImportedRequests &imported)
{
    for (const ImportedRequest &request : imported.requests) {
        require(!request.url.isEmpty(), "an imported request has an address");
        require(!request.method.isEmpty(), "an imported request has a method");
    }
    for (const SkippedItem &skipped : imported.skipped)
        require(!skipped.where.isEmpty() && !skipped.reason.isEmpty(),
                "a skipped item says where and why");
    if (imported.requests.isEmpty())
        return;
    const Expected<BatchSpec> batch
            = buildBatch(importedBatch(imported), importedEnvironment(imported));
    if (batch) {
        require(batch->rows.size() == imported.requests.size(),
                "the batch has one row per imported request");
        checkRows(batch->rows.toList());
    } else {
        require(!batch.error().message.isEmpty(), "a refused import says why in words");
    }
}

} // namespace salvo::fuzz
