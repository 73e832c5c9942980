// curl commands as people paste them: any text, bash or cmd quoting, read into requests.

#include "ImportFuzzing.h"

#include "import/CurlImport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(salvo::fuzz::bytesOf(data, size));
    salvo::looksLikeCurlCommands(text);
    salvo::fuzz::checkImport(salvo::importCurlCommands(text));
    return 0;
}
