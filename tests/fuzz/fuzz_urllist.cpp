// A pasted or opened list of addresses, one per line, in whatever encoding and line endings.

#include "FuzzTarget.h"

#include "batch/BatchInput.h"
#include "batch/UrlListParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input = salvo::fuzz::bytesOf(data, size);
    const QList<salvo::RequestSpec> rows = salvo::parseUrlList(input);
    salvo::fuzz::checkRows(rows);

    const auto batch = salvo::parseBatchInput(salvo::InputKind::UrlList, input);
    salvo::fuzz::require(batch.hasValue(), "a list of addresses always reads");
    salvo::fuzz::require(batch->size() == rows.size(), "reading a list twice gives the same rows");
    return 0;
}
