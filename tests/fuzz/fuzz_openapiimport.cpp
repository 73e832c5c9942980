// OpenAPI and Swagger descriptions in JSON or YAML, including $ref loops and alias bombs.

#include "ImportFuzzing.h"

#include "import/OpenApiImport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView text = salvo::fuzz::bytesOf(data, size);
    salvo::looksLikeOpenApi(text);
    salvo::fuzz::checkImport(salvo::importOpenApi(text));
    return 0;
}
