// HAR files as browsers save them, or anything else: read whole, and with a choice of hosts and
// kinds taken from the file itself (its first host and kind), as the import dialog makes one.

#include "ImportFuzzing.h"

#include "import/HarImport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView text = salvo::fuzz::bytesOf(data, size);
    salvo::looksLikeHar(text);
    salvo::fuzz::checkImport(salvo::importHar(text));
    const salvo::HarContents contents = salvo::harContents(text);
    // The first host and the first kind, as the dialog's choice when the rest are unticked.
    if (!contents.domains.isEmpty())
        salvo::fuzz::checkImport(salvo::importHar(text,
                                                  {.domains = contents.domains.keys().mid(0, 1),
                                                   .types = contents.types.keys().mid(0, 1),
                                                   .keepCookies = true}));
    return 0;
}
