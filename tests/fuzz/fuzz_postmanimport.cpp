// Postman collections, v2.1, v2.0 or broken: folders, variables, bodies and auth read into rows.

#include "ImportFuzzing.h"

#include "import/PostmanImport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView text = salvo::fuzz::bytesOf(data, size);
    salvo::looksLikePostmanCollection(text);
    salvo::ImportedRequests imported = salvo::importPostman(text);
    salvo::fuzz::checkImport(imported);
    salvo::fillImportedVariables(imported, {});
    salvo::fuzz::checkImport(imported);
    return 0;
}
