// The rows of a stored batch, as a history file holds them (uncompressed): a damaged or
// foreign file must read as "damaged", never crash or read past its end. Rows that read are
// written again by encodeRows() and read back the same.

#include "FuzzTarget.h"

#include "store/StoreCodec.h"
#include "store/StoredRows.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto rows = salvo::StoredRows::decode(salvo::fuzz::bytesOf(data, size).toByteArray());
    if (!rows)
        return 0;
    const salvo::BatchRows batch(rows);
    salvo::fuzz::require(batch.toList().size() == batch.size(), "every row is made");
    const std::optional<salvo::BatchRows> again = salvo::decodeRows(salvo::encodeRows(batch));
    salvo::fuzz::require(again.has_value(), "rows Salvo wrote read again");
    salvo::fuzz::require(again->size() == batch.size(), "every row is written and read again");
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const salvo::WrittenRow before = batch.written(i);
        const salvo::WrittenRow after = again->written(i);
        salvo::fuzz::require(before.text == after.text && before.line == after.line
                                     && before.method == after.method && before.body == after.body,
                             "a row reads back as it was written");
    }
    return 0;
}
