#include "HttpToken.h"

namespace salvo {

bool isHttpToken(QByteArrayView text)
{
    static constexpr QByteArrayView punctuation("!#$%&'*+-.^_`|~");
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const bool alphanumeric
                = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!alphanumeric && !punctuation.contains(c))
            return false;
    }
    return true;
}

} // namespace salvo
