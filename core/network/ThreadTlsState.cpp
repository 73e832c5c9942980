#include "network/ThreadTlsState.h"

#include <openssl/crypto.h>

namespace salvo {

void releaseThisThreadsTlsState()
{
    OPENSSL_thread_stop();
}

} // namespace salvo
