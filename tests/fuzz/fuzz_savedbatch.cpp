// A .salvo document, as a person opens it: any bytes at all. One that reads must build a batch
// or say why not, and must read back the same after Salvo writes it again.

#include "FuzzTarget.h"

#include "batch/BatchInput.h"
#include "session/SavedBatch.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto batch = salvo::readSavedBatch(salvo::fuzz::bytesOf(data, size));
    if (!batch)
        return 0;

    if (const auto spec = salvo::buildBatch(batch->input))
        salvo::fuzz::checkRows(spec->rows.toList());

    const QByteArray written = salvo::writeSavedBatch(*batch);
    const auto reread = salvo::readSavedBatch(written);
    salvo::fuzz::require(reread.hasValue(), "a document Salvo wrote reads again");
    salvo::fuzz::require(salvo::writeSavedBatch(*reread) == written,
                         "writing, reading and writing again gives the same document");
    return 0;
}
